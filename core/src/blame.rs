//! Blame and suggestions: which typed figure is most likely wrong, and what it should have been.
//!
//! Every numeric rule reports its relation (a sum, a product, two copies that must agree), holding or
//! not. For a failed relation, each of its figures is tried in turn: the value that would make the
//! relation hold is computed, and the change is accepted only if it breaks no relation that held.
//! Among the accepted changes, the one that also mends the most other failed relations wins, then
//! the figure confirmed by the fewest holding relations (a total confirmed by several rules is
//! trusted more than a lone figure). A suggestion is offered only when one figure wins outright and
//! the new value is one typing slip away from what was typed.

use crate::field::FieldPath;
use crate::finding::{Finding, Suggestion};
use crate::model::Document;
use crate::relation::{Key, Prepared, Relation, Term};
use crate::sink::Recorded;
use rust_decimal::Decimal;
use std::collections::HashMap;

struct Candidate<'a> {
    term: &'a Term,
    mends: usize,
    support: usize,
    /// The fix, when it is a typing slip away from what was typed.
    suggestion: Option<Suggestion>,
}

impl Candidate<'_> {
    /// Better candidates rank higher: mends more, is a typing slip, is confirmed by fewer rules.
    fn rank(&self) -> (usize, bool, std::cmp::Reverse<usize>) {
        (
            self.mends,
            self.suggestion.is_some(),
            std::cmp::Reverse(self.support),
        )
    }
}

/// Reorders each failed finding's fields so that the blamed figure comes first (the others move to
/// `context`), and attaches a suggestion where one fix stands out and is a typing slip away.
pub fn apply(doc: &Document, findings: &mut [Finding], relations: &[Recorded]) {
    let prepared: Vec<Prepared<'_>> = relations
        .iter()
        .map(|r| Prepared::new(&r.relation))
        .collect();
    // Which relations each typed figure takes part in (and how many times among a sum's parts),
    // so that a document's size does not square.
    let mut by_key: HashMap<Key, Vec<(usize, usize)>> = HashMap::new();
    for (j, r) in relations.iter().enumerate() {
        let (parts, others): (&[Term], Vec<&Term>) = match &r.relation {
            Relation::Sum { parts, total, .. } => (parts, vec![total]),
            Relation::Product {
                count, rate, total, ..
            } => (&[], vec![count, rate, total]),
        };
        let entries = parts
            .iter()
            .map(|t| (t, 1))
            .chain(others.into_iter().map(|t| (t, 0)));
        for (t, times) in entries {
            let list = by_key.entry(t.key()).or_default();
            match list.last_mut() {
                Some((relation, n)) if *relation == j => *n += times,
                _ => list.push((j, times)),
            }
        }
    }
    for (i, recorded) in relations.iter().enumerate() {
        // Each relation's verdict was decided once, when the rule reported it.
        if !recorded.blame {
            continue;
        }
        let Some(finding) = recorded.failed.and_then(|f| findings.get_mut(f)) else {
            continue;
        };
        let Some(prep) = prepared.get(i) else {
            continue;
        };
        let mut candidates: Vec<Candidate<'_>> = Vec::new();
        for term in recorded.relation.terms() {
            let Some(v) = prep.solve(term) else {
                continue;
            };
            let mut broken = 0;
            let mut mends = 0;
            let mut support = 0;
            for &(j, times) in by_key.get(&term.key()).map_or(&[][..], Vec::as_slice) {
                let (Some(other), Some(other_prep)) = (relations.get(j), prepared.get(j)) else {
                    continue;
                };
                if j == i {
                    continue;
                }
                let before = other.failed.is_none();
                let after = other_prep.holds_with_one(term.key(), times, term.value, v);
                support += usize::from(before);
                broken += usize::from(before && !after);
                mends += usize::from(!before && after);
            }
            if broken == 0 {
                candidates.push(Candidate {
                    term,
                    mends,
                    support,
                    suggestion: suggest(doc, term, v),
                });
            }
        }
        let Some(best) = candidates.iter().max_by_key(|c| c.rank()) else {
            continue;
        };
        if candidates
            .iter()
            .filter(|c| c.rank() == best.rank())
            .count()
            > 1
        {
            continue;
        }
        blame(finding, best.term.field);
        if finding.suggestion.is_none() {
            finding.suggestion.clone_from(&best.suggestion);
        }
    }
}

/// Puts `field` first in the finding's blamed fields and moves the rest to its context.
fn blame(finding: &mut Finding, field: FieldPath) {
    let others: Vec<FieldPath> = finding.fields.drain(..).filter(|f| *f != field).collect();
    finding.fields.push(field);
    for f in others {
        if !finding.context.contains(&f) {
            finding.context.push(f);
        }
    }
}

/// The typed text of `term`'s field with its number replaced by `value`, when the change is a
/// typing slip (see [`is_slip`]).
fn suggest(doc: &Document, term: &Term, value: Decimal) -> Option<Suggestion> {
    let text = doc.get(&term.field)?;
    let from = text.get(term.span.clone())?;
    let typed = value.checked_div(term.factor)?;
    let to = render_like(typed, term.number.scale);
    if !is_slip(from, &to) {
        return None;
    }
    let mut replaced = String::with_capacity(text.len());
    replaced.push_str(text.get(..term.span.start)?);
    replaced.push_str(&to);
    replaced.push_str(text.get(term.span.end..)?);
    Some(Suggestion {
        field: term.field,
        from: from.to_owned(),
        to,
        value: replaced,
    })
}

/// Writes `value` with the number of decimals the user wrote, or more if it needs them.
fn render_like(value: Decimal, scale: u32) -> String {
    let normal = value.normalize();
    if normal.scale() >= scale {
        normal.to_string()
    } else {
        let mut v = normal;
        v.rescale(scale);
        v.to_string()
    }
}

/// Digits of a typed number, folded to ASCII, without separators.
fn digits(s: &str) -> String {
    s.chars()
        .map(crate::text::fold_char)
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect()
}

/// Whether `to` is one typing slip away from `from`: one digit more or fewer, two neighbouring
/// digits swapped, or the decimal point in the wrong place (a factor of ten).
pub fn is_slip(from: &str, to: &str) -> bool {
    let a: Vec<char> = digits(from).chars().collect();
    let b: Vec<char> = digits(to).chars().collect();
    if a == b || a.is_empty() || b.is_empty() {
        return false;
    }
    one_slip(&a, &b) || same_digits_point_moved(&a, &b)
}

/// One character more or fewer, or two neighbouring characters swapped.
pub fn one_slip(a: &[char], b: &[char]) -> bool {
    a != b && (one_insert_or_delete(a, b) || one_swap(a, b))
}

fn one_insert_or_delete(a: &[char], b: &[char]) -> bool {
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 {
        return false;
    }
    (0..long.len()).any(|skip| {
        long.iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, c)| c)
            .eq(short.iter())
    })
}

fn one_swap(a: &[char], b: &[char]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a.get(i) != b.get(i)).collect();
    matches!(diff.as_slice(), [i, j] if *j == i + 1 && a.get(*i) == b.get(*j) && a.get(*j) == b.get(*i))
}

fn same_digits_point_moved(a: &[char], b: &[char]) -> bool {
    let parse = |s: &[char]| s.iter().collect::<String>().parse::<Decimal>().ok();
    let (Some(x), Some(y)) = (parse(a), parse(b)) else {
        return false;
    };
    let ten = Decimal::TEN;
    x.checked_mul(ten) == Some(y) || y.checked_mul(ten) == Some(x)
}

/// Folds findings that blame the same field into one (the most severe keeps its message; the
/// others are listed under `also`), and one fault reported identically in two copies of the same
/// project into one finding naming both copies. Sorts errors first.
pub fn consolidate(findings: Vec<Finding>) -> Vec<Finding> {
    let mut order: Vec<Finding> = findings;
    order.sort_by(|a, b| {
        (a.severity, a.suggestion.is_none(), a.rule).cmp(&(
            b.severity,
            b.suggestion.is_none(),
            b.rule,
        ))
    });
    let mut kept: Vec<Finding> = Vec::with_capacity(order.len());
    // Indexes into `kept`, so that a large document does not compare every pair of findings.
    let mut by_field: HashMap<FieldPath, usize> = HashMap::new();
    let mut by_text: HashMap<(&'static str, String, Option<String>), usize> = HashMap::new();
    for f in order {
        let same_place = f.fields.iter().find_map(|x| by_field.get(x).copied());
        if let Some(k) = same_place.and_then(|i| kept.get_mut(i)) {
            if k.rule != f.rule || k.message != f.message {
                k.also.push(format!("{}：{}", f.rule, f.message));
            }
            for c in f.fields.iter().chain(&f.context) {
                if !k.fields.contains(c) && !k.context.contains(c) {
                    k.context.push(*c);
                }
            }
            continue;
        }
        let text_key = (f.rule, f.message.clone(), f.project.clone());
        if let Some(i) = by_text.get(&text_key).copied() {
            for x in &f.fields {
                by_field.entry(*x).or_insert(i);
            }
            if let Some(k) = kept.get_mut(i) {
                k.fields.extend(f.fields);
                k.context.extend(f.context);
            }
            continue;
        }
        let index = kept.len();
        for x in &f.fields {
            by_field.entry(*x).or_insert(index);
        }
        by_text.insert(text_key, index);
        kept.push(f);
    }
    kept.sort_by_key(|f| (f.severity, f.project_index.unwrap_or(usize::MAX), f.rule));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_are_small_typing_mistakes() {
        assert!(is_slip("450000", "45000"));
        assert!(is_slip("4500", "45000"));
        assert!(is_slip("1320", "1230"));
        assert!(is_slip("9.00", "90.0"));
        assert!(!is_slip("450000", "45001"));
        assert!(!is_slip("9.00", "9.00"));
        assert!(!is_slip("1234", "4321"));
    }
}
