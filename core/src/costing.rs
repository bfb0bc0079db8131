//! Costings written in prose: a 项目概况 or a goal that prices the project item by item.
//!
//! `公厕34座,标准6.2万元/座;…(1804㎡*7元/㎡=1.27万元)…共计22430200元` gives a product without a
//! written amount (34 × 6.2 万元), a product with one (1804 × 7 元 = 1.27 万元, which a rule can check)
//! and the total the text states for the items before it. `项目申请预算资金2026400元,用于:a 400000元,
//! b 252000元…` states its total first. A standard with nothing to multiply (`按每生每年780元的标准`)
//! leaves the costing open: its items do not cost the whole.

use crate::quantity::{scan, Quantity, Unit};
use crate::text::compact;
use rust_decimal::Decimal;

/// A figure of the text: its position among the text's numbers (the `nth` of relation terms) and
/// the quantity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Position among all numbers the text holds.
    pub nth: usize,
    /// The quantity as written.
    pub quantity: Quantity,
}

/// One item of a costing.
// A costing has a handful of items; boxing the product's figures would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CostItem {
    /// An amount written as such (`背街小巷市政设施维护80万元`).
    Amount(Figure),
    /// A count times a standard, with the amount written (`1804㎡*7元/㎡=1.27万元`) or not
    /// (`公厕34座,标准6.2万元/座`).
    Product {
        /// The count.
        count: Figure,
        /// The standard (money per unit).
        rate: Figure,
        /// The amount written for the product, if any.
        amount: Option<Figure>,
        /// 12 for a monthly standard in a yearly costing, else 1.
        times: Decimal,
    },
}

impl CostItem {
    /// What the item costs in 元: the written amount, else count × standard.
    pub fn yuan(&self) -> Option<Decimal> {
        match self {
            Self::Amount(f) => f.quantity.yuan(),
            Self::Product {
                amount: Some(a), ..
            } => a.quantity.yuan(),
            Self::Product {
                count, rate, times, ..
            } => count
                .quantity
                .number
                .value
                .checked_mul(*times)?
                .checked_mul(rate_yuan(&rate.quantity)?),
        }
    }

    /// Whether the item's amount is written (not computed here from a count and a standard).
    pub fn is_written(&self) -> bool {
        matches!(
            self,
            Self::Amount(_)
                | Self::Product {
                    amount: Some(_),
                    ..
                }
        )
    }
}

/// A standard's value in 元 per unit.
pub fn rate_yuan(q: &Quantity) -> Option<Decimal> {
    match q.unit {
        Unit::MoneyPer(u, _) | Unit::Money(u) => q.number.value.checked_mul(u.factor()),
        _ => None,
    }
}

/// The items of one costing and the total the text states for them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Costing {
    /// The items, in order.
    pub items: Vec<CostItem>,
    /// The total stated for them (`共计22430200元`, `预算资金2026400元,用于:`).
    pub stated: Option<Figure>,
    /// A standard with no count to multiply: the items do not cost the whole.
    pub open: bool,
}

impl Costing {
    /// The items' sum in 元.
    pub fn sum(&self) -> Option<Decimal> {
        self.items
            .iter()
            .try_fold(Decimal::ZERO, |acc, i| acc.checked_add(i.yuan()?))
    }

    /// Whether every item's amount is written.
    pub fn is_written(&self) -> bool {
        self.items.iter().all(CostItem::is_written)
    }
}

/// Words that state a costing's total just before its figure.
const TOTAL_BEFORE: &[&str] = &[
    "共计",
    "合计",
    "总计",
    "总额",
    "总投资",
    "总预算",
    "总金额",
    "共需",
    "共",
];

/// Whether a text states a total for items (a goal line is read as a costing only then).
pub fn states_total(text: &str) -> bool {
    TOTAL_BEFORE.iter().any(|w| text.contains(w)) || TOTAL_AFTER.iter().any(|w| text.contains(w))
}

/// Words after a figure that make it the total of the items that follow.
const TOTAL_AFTER: &[&str] = &["用于:", "用于：", "用于", "具体用于", "其中:", "其中："];

/// Words before a money figure that make it a standard (per unit), not an amount.
const PER_UNIT: &[&str] = &[
    "单价", "标准", "每", "人均", "单座", "单个", "单台", "单处", "平均",
];

/// Clause text between two figures, folded, without spaces.
fn between(text: &str, from: usize, to: usize) -> String {
    compact(text.get(from..to).unwrap_or_default())
}

fn ends_sentence(gap: &str) -> bool {
    gap.contains(['。', '；', ';', '\n'])
}

/// The unit word a per-unit money figure is for: `单座造价` → `座`, `人均` → `人`.
fn per_word(before: &str) -> Option<String> {
    if before.contains("人均") {
        return Some("人".to_owned());
    }
    let chars: Vec<char> = before.chars().collect();
    let at = chars.iter().rposition(|c| matches!(c, '单' | '每'))?;
    chars
        .get(at + 1)
        .filter(|c| crate::text::is_han(**c))
        .map(char::to_string)
}

struct Reader<'t> {
    text: &'t str,
    quantities: Vec<Quantity>,
    out: Vec<Costing>,
    current: Costing,
    /// Counts seen in the current sentence and not used yet: (index, unit word).
    counts: Vec<(usize, String)>,
    /// A count × standard waiting for a written amount.
    product: Option<(usize, usize)>,
}

impl Reader<'_> {
    fn figure(&self, nth: usize) -> Option<Figure> {
        Some(Figure {
            nth,
            quantity: self.quantities.get(nth)?.clone(),
        })
    }

    fn flush_product(&mut self, amount: Option<usize>) {
        let Some((c, r)) = self.product.take() else {
            return;
        };
        let (Some(count), Some(rate)) = (self.figure(c), self.figure(r)) else {
            return;
        };
        let monthly = matches!(&rate.quantity.unit, Unit::MoneyPer(_, d) if d.contains('月'));
        let amount = amount.and_then(|a| self.figure(a));
        let times = if monthly && amount.is_none() {
            Decimal::from(12)
        } else {
            Decimal::ONE
        };
        self.current.items.push(CostItem::Product {
            count,
            rate,
            amount,
            times,
        });
    }

    fn close(&mut self) {
        self.flush_product(None);
        let block = std::mem::take(&mut self.current);
        if !block.items.is_empty() {
            self.out.push(block);
        }
    }

    /// The count a standard for `den` multiplies: the latest count of that unit in the sentence,
    /// else the latest count.
    fn take_count(&mut self, den: Option<&str>) -> Option<usize> {
        let at = den
            .and_then(|d| {
                self.counts.iter().rposition(|(_, w)| {
                    !d.is_empty() && (w.ends_with(d) || d.starts_with(w.as_str()))
                })
            })
            .or_else(|| self.counts.len().checked_sub(1))?;
        (at < self.counts.len()).then(|| self.counts.remove(at).0)
    }

    fn rate(&mut self, i: usize, den: Option<&str>) {
        self.flush_product(None);
        match self.take_count(den) {
            Some(c) => self.product = Some((c, i)),
            None => self.current.open = true,
        }
    }

    fn read(&mut self) {
        let mut prev_end = 0;
        for i in 0..self.quantities.len() {
            let Some(q) = self.quantities.get(i).cloned() else {
                continue;
            };
            let gap = self
                .text
                .get(prev_end..q.full_span.start)
                .unwrap_or_default();
            if ends_sentence(gap) {
                self.flush_product(None);
                self.counts.clear();
            }
            let before = between(self.text, prev_end, q.full_span.start);
            // What the figure's own clause says before it.
            let before = before
                .rfind([',', '，', '、', ';', '；', '。', '(', '（'])
                .and_then(|at| before.get(at..))
                .map_or(before.as_str(), |rest| {
                    rest.trim_start_matches(|c: char| {
                        !c.is_alphanumeric() && c != '=' && c != '*' && c != '×'
                    })
                })
                .to_owned();
            let next_start = self
                .quantities
                .get(i + 1)
                .map_or(self.text.len(), |n| n.full_span.start);
            let after = between(self.text, q.full_span.end, next_start);
            prev_end = q.full_span.end;
            match &q.unit {
                Unit::Count(w) => {
                    self.flush_product(None);
                    self.counts.push((i, w.clone()));
                }
                Unit::None if after.starts_with(['*', '×', 'x', 'X']) => {
                    self.flush_product(None);
                    self.counts.push((i, String::new()));
                }
                Unit::MoneyPer(_, den) => {
                    let den = den.split('·').next().map(str::to_owned);
                    self.rate(i, den.as_deref());
                }
                Unit::Money(_) => self.money(i, &before, &after),
                _ => {}
            }
        }
        self.close();
    }

    fn money(&mut self, i: usize, before: &str, after: &str) {
        let equals = self.quantities.get(i).is_some_and(|q| {
            q.comparator_written && q.comparator == crate::quantity::Comparator::Eq
        });
        let head = before.trim_end_matches([':', '：', '约', '为', '达']);
        if TOTAL_BEFORE.iter().any(|w| head.ends_with(w)) {
            self.flush_product(None);
            self.current.stated = self.figure(i);
            self.close();
            self.counts.clear();
            return;
        }
        if TOTAL_AFTER.iter().any(|w| after.starts_with(w))
            || TOTAL_AFTER
                .iter()
                .any(|w| after.trim_start_matches([',', '，']).starts_with(w))
        {
            self.close();
            self.current.stated = self.figure(i);
            return;
        }
        if self.product.is_some() && (equals || before.contains('=') || before.contains('计')) {
            self.flush_product(Some(i));
            return;
        }
        // `49人×5万元`: a money figure after a multiplication sign is a standard.
        let multiplied = before.ends_with(['*', '×', 'x', 'X']);
        if multiplied || PER_UNIT.iter().any(|w| before.contains(w)) {
            let den = per_word(before);
            self.rate(i, den.as_deref());
            return;
        }
        self.flush_product(None);
        if let Some(f) = self.figure(i) {
            self.current.items.push(CostItem::Amount(f));
        }
    }
}

/// Reads the costings a text holds. A costing is kept when it states a total for its items or has
/// at least two items (one priced amount alone is a figure, not a costing).
pub fn read_costings(text: &str) -> Vec<Costing> {
    read_items(text)
        .into_iter()
        .filter(|c| c.stated.is_some() || c.items.len() >= 2)
        .collect()
}

/// Reads every costing of a text, even one of a single item (a 测算依据 cell such as
/// `44人×311元/人`).
pub fn read_items(text: &str) -> Vec<Costing> {
    // No money, no costing: most prose is skipped without being scanned.
    if !text.contains('元') {
        return Vec::new();
    }
    let mut reader = Reader {
        text,
        quantities: scan(text),
        out: Vec::new(),
        current: Costing::default(),
        counts: Vec::new(),
        product: None,
    };
    reader.read();
    reader.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn reads_products_amounts_and_the_stated_total() {
        let text = "维护老集镇1个,标准5万元/年;背街小巷维护80万元;黄桷树补偿1908株、单价37元/株,\
                    补上年38.01万元;保洁1344993㎡、单价10元/㎡;桥面保洁(1804㎡*7元/㎡=1.27万元),\
                    护栏更换按总量10%(44米*300元/米=1.32万元),从2020年1月起管护;临时队员49人,\
                    按50000元/人.年标准计算;执法车辆2台,按5.50万元/辆.年计算。共计22430200元。";
        let c = read_costings(text);
        assert_eq!(c.len(), 1, "{c:#?}");
        let c = &c[0];
        assert_eq!(c.items.len(), 9, "{:#?}", c.items);
        assert_eq!(
            c.stated.as_ref().unwrap().quantity.yuan(),
            Some(d("22430200"))
        );
        assert_eq!(
            c.sum(),
            Some(
                d("50000")
                    + d("800000")
                    + d("70596")
                    + d("380100")
                    + d("13449930")
                    + d("12700")
                    + d("13200")
                    + d("2450000")
                    + d("110000")
            )
        );
        assert!(!c.is_written());
        assert!(!c.open);
    }

    #[test]
    fn a_total_stated_first_takes_the_items_after_it() {
        let c =
            read_costings("项目申请预算资金2026400元,用于:村级组织运转400000元,基本报酬252000元。");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].items.len(), 2);
        assert_eq!(
            c[0].stated.as_ref().unwrap().quantity.yuan(),
            Some(d("2026400"))
        );
        assert!(c[0].is_written());
    }

    #[test]
    fn counts_pair_with_their_own_standards() {
        let c = read_costings("村支部书记44人(311元/人),社区4人(191元/人)");
        assert_eq!(c[0].sum(), Some(d("14448")));
        let c =
            read_costings("新建便民桥2座,每座长18米、宽4.5米,单座造价40万元;引道120米,每米500元");
        assert_eq!(c[0].sum(), Some(d("860000")), "{c:#?}");
        let c = read_costings("更换路灯320盏，单价1800元/盏，计57.60万元；电缆2400米，单价85元/米，计20.40万元；共计864000元。");
        assert_eq!(c[0].items.len(), 2);
        assert!(c[0].is_written());
    }

    #[test]
    fn lone_figures_and_open_standards() {
        assert!(read_costings("带动20名群众务工增收5000元/年").is_empty());
        assert!(read_costings("降低生活必要成本支出共计 9.92 万元").is_empty());
        let c = read_costings("按每生每年780元的标准测算,另列设备费2万元,维修费3万元");
        assert!(c[0].open);
    }
}
