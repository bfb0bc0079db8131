//! Blame and suggestions: which typed figure is most likely wrong, and what it should have been.
//!
//! Every numeric rule reports its relation (a sum, a product, two copies that must agree), holding or
//! not. For a failed relation, each of its figures is tried in turn: the value that would make the
//! relation hold is computed, and the change is accepted only if it breaks no relation that held.
//! Among the accepted changes, the one that also mends the most other failed relations wins, then
//! the figure confirmed by the fewest holding relations (a total confirmed by several rules is
//! trusted more than a lone figure). A suggestion is offered only when one figure wins outright and
//! the new value is one typing slip away from what was typed.

use crate::check::{Finding, Suggestion};
use crate::field::FieldPath;
use crate::model::Document;
use crate::rules::{Relation, Term};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// Identifies one typed figure: a field and which number in it.
type Key = (FieldPath, usize);

fn key(t: &Term) -> Key {
    (t.field, t.nth)
}

fn value(t: &Term, overrides: &[(Key, Decimal)]) -> Decimal {
    overrides
        .iter()
        .find(|(k, _)| *k == key(t))
        .map_or(t.value, |(_, v)| *v)
}

/// Whether a relation holds, with some figures replaced by `overrides`, at the precision written.
pub fn holds(relation: &Relation, overrides: &[(Key, Decimal)]) -> bool {
    match relation {
        Relation::Sum {
            parts,
            total,
            at_most,
        } => {
            let mut sum = Decimal::ZERO;
            let mut tolerance = total.tolerance;
            for p in parts {
                sum = match sum.checked_add(value(p, overrides)) {
                    Some(s) => s,
                    None => return false,
                };
                tolerance = tolerance.max(p.tolerance);
            }
            compare(sum, value(total, overrides), tolerance, *at_most)
        }
        Relation::Product {
            count,
            rate,
            total,
            at_most,
        } => {
            let c = value(count, overrides);
            let Some(product) = c.checked_mul(value(rate, overrides)) else {
                return false;
            };
            let tolerance = total
                .tolerance
                .max(c.checked_mul(rate.tolerance).unwrap_or(Decimal::MAX));
            compare(product, value(total, overrides), tolerance, *at_most)
        }
    }
}

fn compare(computed: Decimal, written: Decimal, tolerance: Decimal, at_most: bool) -> bool {
    let Some(diff) = computed.checked_sub(written) else {
        return false;
    };
    if at_most {
        diff <= tolerance
    } else {
        diff.abs() <= tolerance
    }
}

/// A relation with what every trial needs worked out once: whether it holds as typed, and for a
/// sum, the sum of its parts and its tolerance. A trial then costs the same whether the relation
/// adds two figures or sixteen thousand.
struct Prepared<'a> {
    relation: &'a Relation,
    holds: bool,
    sum: Option<Decimal>,
    tolerance: Decimal,
}

impl<'a> Prepared<'a> {
    fn new(relation: &'a Relation) -> Self {
        let (sum, tolerance) = match relation {
            Relation::Sum { parts, total, .. } => (
                parts
                    .iter()
                    .try_fold(Decimal::ZERO, |acc, p| acc.checked_add(p.value)),
                parts
                    .iter()
                    .map(|p| p.tolerance)
                    .fold(total.tolerance, Decimal::max),
            ),
            Relation::Product { .. } => (None, Decimal::ZERO),
        };
        Self {
            relation,
            holds: holds(relation, &[]),
            sum,
            tolerance,
        }
    }

    /// Whether the relation holds once the figure `k` (worth `old` as typed, and `times` among the
    /// parts of a sum) is `new`.
    fn holds_with(&self, k: Key, times: usize, old: Decimal, new: Decimal) -> bool {
        match self.relation {
            Relation::Sum { total, at_most, .. } => {
                let shift = new
                    .checked_sub(old)
                    .and_then(|d| d.checked_mul(Decimal::from(times)));
                let Some(sum) = self.sum.zip(shift).and_then(|(s, d)| s.checked_add(d)) else {
                    return false;
                };
                let written = if key(total) == k { new } else { total.value };
                compare(sum, written, self.tolerance, *at_most)
            }
            Relation::Product { .. } => holds(self.relation, &[(k, new)]),
        }
    }

    /// The value `target` must take for the relation to hold exactly, if there is a sensible one.
    fn solve(&self, target: &Term) -> Option<Decimal> {
        let v = match self.relation {
            Relation::Sum { total, .. } => {
                let sum = self.sum?;
                if key(total) == key(target) {
                    sum
                } else {
                    total.value.checked_sub(sum.checked_sub(target.value)?)?
                }
            }
            Relation::Product {
                count, rate, total, ..
            } => {
                if key(total) == key(target) {
                    count.value.checked_mul(rate.value)?
                } else if key(count) == key(target) {
                    let c = total.value.checked_div(rate.value)?;
                    if !c.fract().is_zero() {
                        return None;
                    }
                    c
                } else {
                    total.value.checked_div(count.value)?
                }
            }
        };
        (v >= Decimal::ZERO && v != target.value).then_some(v)
    }
}

struct Candidate<'a> {
    term: &'a Term,
    mends: usize,
    support: usize,
    /// The fix as typed (`from`, `to`), when it is a typing slip away from what was typed.
    slip: Option<(&'a str, String)>,
}

impl Candidate<'_> {
    /// Better candidates rank higher: mends more, is a typing slip, is confirmed by fewer rules.
    fn rank(&self) -> (usize, bool, std::cmp::Reverse<usize>) {
        (
            self.mends,
            self.slip.is_some(),
            std::cmp::Reverse(self.support),
        )
    }
}

/// Reorders each failed finding's fields so that the blamed figure comes first (the others move to
/// `context`), and attaches a suggestion where one fix stands out and is a typing slip away.
/// Linear in the relations' sizes: each trial looks only at the relations of the figure it
/// changes, and a sum is re-added in constant time.
pub fn apply(doc: &Document, findings: &mut [Finding], relations: &[(usize, Relation)]) {
    let prepared: Vec<Prepared<'_>> = relations.iter().map(|(_, r)| Prepared::new(r)).collect();
    // Which relations each typed figure takes part in (and how many times among a sum's parts),
    // so that a document's size does not square.
    let mut by_key: HashMap<Key, Vec<(usize, usize)>> = HashMap::new();
    for (j, (_, r)) in relations.iter().enumerate() {
        let (parts, others): (&[Term], Vec<&Term>) = match r {
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
            let list = by_key.entry(key(t)).or_default();
            match list.last_mut() {
                Some((relation, n)) if *relation == j => *n += times,
                _ => list.push((j, times)),
            }
        }
    }
    for (i, ((finding_index, relation), prep)) in relations.iter().zip(&prepared).enumerate() {
        if prep.holds {
            continue;
        }
        let Some(finding) = findings.get_mut(*finding_index) else {
            continue;
        };
        let mut candidates: Vec<Candidate<'_>> = Vec::new();
        for term in relation.terms() {
            let Some(v) = prep.solve(term) else {
                continue;
            };
            let k = key(term);
            let mut broken = 0;
            let mut mends = 0;
            let mut support = 0;
            for &(j, times) in by_key.get(&k).map_or(&[][..], Vec::as_slice) {
                let Some(other) = prepared.get(j) else {
                    continue;
                };
                if j == i {
                    continue;
                }
                let before = other.holds;
                let after = other.holds_with(k, times, term.value, v);
                support += usize::from(before);
                broken += usize::from(before && !after);
                mends += usize::from(!before && after);
            }
            if broken == 0 {
                candidates.push(Candidate {
                    term,
                    mends,
                    support,
                    slip: slip(doc, term, v),
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
            finding.suggestion = best
                .slip
                .as_ref()
                .and_then(|(from, to)| suggestion(doc, best.term, from, to));
        }
    }
}

/// Puts `field` first in the finding's blamed fields and moves the rest to its context.
fn blame(finding: &mut Finding, field: FieldPath) {
    let others: Vec<FieldPath> = finding.fields.drain(..).filter(|f| *f != field).collect();
    finding.fields.push(field);
    let mut known: HashSet<FieldPath> = finding.context.iter().copied().collect();
    for f in others {
        if known.insert(f) {
            finding.context.push(f);
        }
    }
}

/// The number typed for `term` and what it would read with `value` instead, when the change is a
/// typing slip (see [`is_slip`]).
fn slip<'d>(doc: &'d Document, term: &Term, value: Decimal) -> Option<(&'d str, String)> {
    let text = doc.get(&term.field)?;
    let from = text.get(term.span.clone())?;
    let typed = value.checked_div(term.factor)?;
    let to = render_like(typed, term.number.scale);
    is_slip(from, &to).then_some((from, to))
}

/// The one-click fix replacing `from` by `to` in `term`'s field (built for the chosen figure only:
/// it copies the field's whole text).
fn suggestion(doc: &Document, term: &Term, from: &str, to: &str) -> Option<Suggestion> {
    let text = doc.get(&term.field)?;
    let mut replaced = String::with_capacity(text.len());
    replaced.push_str(text.get(..term.span.start)?);
    replaced.push_str(to);
    replaced.push_str(text.get(term.span.end..)?);
    Some(Suggestion {
        field: term.field,
        from: from.to_owned(),
        to: to.to_owned(),
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

/// In one pass: skip the common prefix, then the rest of the longer must equal the rest of the
/// shorter once one character is dropped.
fn one_insert_or_delete(a: &[char], b: &[char]) -> bool {
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 {
        return false;
    }
    let common = long.iter().zip(short).take_while(|(x, y)| x == y).count();
    long.get(common + 1..) == short.get(common..)
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
    // What each kept finding already names (fields and context), so that folding many findings
    // into one does not search its growing lists again and again.
    let mut named: Vec<HashSet<FieldPath>> = Vec::with_capacity(order.len());
    // Indexes into `kept`, so that a large document does not compare every pair of findings.
    let mut by_field: HashMap<FieldPath, usize> = HashMap::new();
    let mut by_text: HashMap<(&'static str, String, Option<String>), usize> = HashMap::new();
    for f in order {
        let same_place = f.fields.iter().find_map(|x| by_field.get(x).copied());
        if let Some((k, seen)) = same_place.and_then(|i| kept.get_mut(i).zip(named.get_mut(i))) {
            if k.rule != f.rule || k.message != f.message {
                k.also.push(format!("{}：{}", f.rule, f.message));
            }
            for c in f.fields.iter().chain(&f.context) {
                if seen.insert(*c) {
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
            if let Some((k, seen)) = kept.get_mut(i).zip(named.get_mut(i)) {
                seen.extend(f.fields.iter().chain(&f.context).copied());
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
        named.push(f.fields.iter().chain(&f.context).copied().collect());
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
