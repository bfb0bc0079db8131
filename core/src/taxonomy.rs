//! The indicator system (指标体系) in one place: the first- and second-level indicator names of every
//! layout seen in real tables, used by the importer (to recognise a level cell), the rules (to know
//! what an indicator is) and the editor (to offer the usual skeleton).
//!
//! - 财预〔2015〕88号: 产出 → 数量 / 质量 / 时效 / 成本; 效益 → 经济 / 社会 / 生态 / 可持续影响;
//!   满意度 → 服务对象满意度.
//! - 财预〔2021〕101号: 成本 becomes first-level (经济成本 / 社会成本 / 生态环境成本).
//! - NDRC central-investment tables: 实施效果指标 over 产出指标 / 效益指标 used as second level.
//! - Variants: 社会公众或服务对象满意度指标, 服务对象或受益者满意度指标, 环境效益指标,
//!   可持续性发展影响指标, names written without the final 指标 or broken over lines.

/// A first-level indicator family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// 产出指标.
    Output,
    /// 效益指标.
    Benefit,
    /// 满意度指标.
    Satisfaction,
    /// 成本指标 (first-level in the 101号 layout).
    Cost,
    /// 实施效果指标 (NDRC tables): its second level is 产出 / 效益.
    Effect,
}

/// A second-level indicator kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// 数量指标.
    Quantity,
    /// 质量指标.
    Quality,
    /// 时效指标.
    Timing,
    /// 成本指标 under 产出 (88号).
    Cost,
    /// 经济效益指标.
    Economic,
    /// 社会效益指标.
    Social,
    /// 生态效益指标 / 环境效益指标.
    Ecological,
    /// 可持续影响指标.
    Sustainable,
    /// 服务对象满意度指标 and its variants.
    Satisfaction,
    /// 经济成本指标 (101号).
    EconomicCost,
    /// 社会成本指标 (101号).
    SocialCost,
    /// 生态环境成本指标 (101号).
    EcologicalCost,
    /// 产出指标 used as a second level (NDRC 实施效果指标).
    Output,
    /// 效益指标 used as a second level (NDRC 实施效果指标).
    Benefit,
}

/// First-level names as written (after [`normalise`]), longest first.
const FAMILIES: &[(&str, Family)] = &[
    ("实施效果指标", Family::Effect),
    ("满意度指标", Family::Satisfaction),
    ("产出指标", Family::Output),
    ("效益指标", Family::Benefit),
    ("成本指标", Family::Cost),
    ("效果指标", Family::Benefit),
    ("项目完成指标", Family::Output),
    ("产出值指标", Family::Output),
    ("效益值指标", Family::Benefit),
    ("满意度值指标", Family::Satisfaction),
    ("项目效益指标", Family::Benefit),
    ("投入指标", Family::Cost),
];

/// Second-level names as written (after [`normalise`]), longest first where one contains another.
const KINDS: &[(&str, Kind)] = &[
    ("社会公众或服务对象满意度指标", Kind::Satisfaction),
    ("服务对象或受益者满意度指标", Kind::Satisfaction),
    ("受益对象满意度指标", Kind::Satisfaction),
    ("服务对象满意度指标", Kind::Satisfaction),
    ("社会公众满意度指标", Kind::Satisfaction),
    ("群众满意度指标", Kind::Satisfaction),
    ("可持续性发展影响指标", Kind::Sustainable),
    ("可持续发展影响指标", Kind::Sustainable),
    ("可持续影响指标", Kind::Sustainable),
    ("可持续发展指标", Kind::Sustainable),
    ("生态环境成本指标", Kind::EcologicalCost),
    ("生态环境效益指标", Kind::Ecological),
    ("经济成本指标", Kind::EconomicCost),
    ("社会成本指标", Kind::SocialCost),
    ("经济效益指标", Kind::Economic),
    ("经济效益目标指标", Kind::Economic),
    ("社会效益目标指标", Kind::Social),
    ("生态效益目标指标", Kind::Ecological),
    ("社会效益指标", Kind::Social),
    ("生态效益指标", Kind::Ecological),
    ("环境效益指标", Kind::Ecological),
    ("满意度指标", Kind::Satisfaction),
    ("数量指标", Kind::Quantity),
    ("数量值指标", Kind::Quantity),
    ("质量值指标", Kind::Quality),
    ("时效值指标", Kind::Timing),
    ("成本值指标", Kind::Cost),
    ("质量指标", Kind::Quality),
    ("时效指标", Kind::Timing),
    ("进度指标", Kind::Timing),
    ("成本指标", Kind::Cost),
    ("产出指标", Kind::Output),
    ("效益指标", Kind::Benefit),
];

/// Folds a level cell for matching: no whitespace (PDF text breaks `社会效益` / `指标` and spaces
/// `绩 效 指 标`), full-width forms folded, a score band such as `(0-20)分` or `（40分）` dropped,
/// and a missing final `指标` restored.
pub fn normalise(cell: &str) -> String {
    let mut s = crate::text::compact(cell);
    // `成本指标(0-20)分`, `产出指标（50分）`, `效益指标30分`: a trailing run of score characters.
    let score = |c: char| c.is_ascii_digit() || "-—~.()（）分".contains(c);
    let keep = s.trim_end_matches(score).len();
    if s.get(keep..).is_some_and(|tail| tail.contains('分')) {
        s.truncate(keep);
    }
    // `社会效益` / `可持续影响` written without 指标 (or with it on the next line); a short word such
    // as `满意度` or `数量` is an indicator's own name, not a level.
    if !s.ends_with("指标") && (s.chars().count() >= 4 || s.ends_with('值')) {
        s.push_str("指标");
    }
    s
}

/// The family a 一级指标 cell names, if it is one of the known first-level names.
pub fn family(cell: &str) -> Option<Family> {
    if cell.is_empty() {
        return None;
    }
    // Most cells are written exactly as the table names them: no folding needed.
    if let Some((_, f)) = FAMILIES.iter().find(|(name, _)| *name == cell) {
        return Some(*f);
    }
    let s = normalise(cell);
    FAMILIES
        .iter()
        .find(|(name, _)| s == *name)
        .map(|(_, f)| *f)
}

/// Which level a level name is at, given the 一级指标 above it: `产出指标` / `效益指标` are
/// second-level under 实施效果指标, and `成本指标` is second-level under 产出 (88号) but first-level
/// otherwise (101号).
pub fn level_of(cell: &str, level1_above: &str) -> Option<Level> {
    match (family(cell), kind(cell)) {
        (Some(f), Some(_)) => Some(match family(level1_above) {
            Some(Family::Effect) => Level::Second,
            Some(Family::Output) if f == Family::Cost => Level::Second,
            _ => Level::First,
        }),
        (Some(_), None) => Some(Level::First),
        (None, Some(_)) => Some(Level::Second),
        (None, None) => None,
    }
}

/// The level of an indicator name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// 一级指标.
    First,
    /// 二级指标.
    Second,
}

/// The kind a 二级指标 cell names, if it is one of the known names.
pub fn kind(cell: &str) -> Option<Kind> {
    if let Some((_, k)) = KINDS.iter().find(|(name, _)| *name == cell) {
        return Some(*k);
    }
    if cell.is_empty() {
        return None;
    }
    let s = normalise(cell);
    KINDS.iter().find(|(name, _)| s == *name).map(|(_, k)| *k)
}

/// Whether a cell is a level name at all (first or second level).
pub fn is_level_name(cell: &str) -> bool {
    let s = normalise(cell);
    FAMILIES.iter().any(|(n, _)| s == *n) || KINDS.iter().any(|(n, _)| s == *n)
}

impl Kind {
    /// The first-level family this kind belongs to in the usual layouts.
    pub fn family(self) -> Family {
        match self {
            Self::Quantity | Self::Quality | Self::Timing | Self::Output => Family::Output,
            Self::Cost | Self::EconomicCost | Self::SocialCost | Self::EcologicalCost => {
                Family::Cost
            }
            Self::Economic
            | Self::Social
            | Self::Ecological
            | Self::Sustainable
            | Self::Benefit => Family::Benefit,
            Self::Satisfaction => Family::Satisfaction,
        }
    }

    /// Whether this kind may stand under `family` in some accepted layout.
    pub fn belongs_to(self, family: Family) -> bool {
        match (family, self) {
            // 88号 keeps 成本指标 under 产出; NDRC tables put 产出 / 效益 under 实施效果.
            (Family::Output, Self::Cost)
            | (Family::Effect, Self::Output | Self::Benefit | Self::Quantity | Self::Quality) => {
                true
            }
            // 满意度 tables often repeat the family name as the second level.
            (f, k) => k.family() == f,
        }
    }
}

impl Family {
    /// The family's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Output => "产出指标",
            Self::Benefit => "效益指标",
            Self::Satisfaction => "满意度指标",
            Self::Cost => "成本指标",
            Self::Effect => "实施效果指标",
        }
    }
}

/// The usual skeleton of a new indicator table (88号 layout): (一级, 二级) per row.
pub const SKELETON: &[(&str, &str)] = &[
    ("产出指标", "数量指标"),
    ("", "质量指标"),
    ("", "时效指标"),
    ("", "成本指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_seen_in_real_tables_are_known() {
        assert_eq!(
            kind("社会公众或服务对象满意度指标"),
            Some(Kind::Satisfaction)
        );
        assert_eq!(kind("服务对象\n满意度指标"), Some(Kind::Satisfaction));
        assert_eq!(kind("经济效益\n指标"), Some(Kind::Economic));
        assert_eq!(kind("可持续性发展影响指标"), Some(Kind::Sustainable));
        assert_eq!(kind("社会效益"), Some(Kind::Social));
        assert_eq!(family("实施效果指标"), Some(Family::Effect));
        assert_eq!(family("成本指标(0-20)分"), Some(Family::Cost));
        assert_eq!(family("产出指标\n(40-50)分"), Some(Family::Output));
        assert_eq!(family("绩 效 指 标"), None);
        assert_eq!(family("产 出 指 标"), Some(Family::Output));
        assert_eq!(family("满意度指标"), Some(Family::Satisfaction));
        assert_eq!(level_of("效益指标", "产出指标"), Some(Level::First));
        assert_eq!(level_of("效益指标", "实施效果指标"), Some(Level::Second));
        assert_eq!(level_of("成本指标", "产出指标"), Some(Level::Second));
        assert_eq!(level_of("成本指标", "效益指标"), Some(Level::First));
        assert_eq!(level_of("数量指标", ""), Some(Level::Second));
    }

    #[test]
    fn prose_is_not_a_level_name() {
        assert!(!is_level_name("服务对象满意度达到95%"));
        assert!(!is_level_name("慰问各级劳模总数"));
        assert!(!is_level_name(""));
    }

    #[test]
    fn ndrc_second_levels_belong_to_implementation_effect() {
        assert!(Kind::Output.belongs_to(Family::Effect));
        assert!(Kind::Benefit.belongs_to(Family::Effect));
        assert!(Kind::Cost.belongs_to(Family::Output));
        assert!(Kind::EconomicCost.belongs_to(Family::Cost));
        assert!(!Kind::Social.belongs_to(Family::Output));
    }
}
