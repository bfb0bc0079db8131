//! Numeric relations between typed figures (a sum, a product, two copies that must agree), and the
//! one place that decides whether a relation holds at the precision written. A leaf module: rules
//! build relations from the parsed facts, the checker records each verdict once, and blame asks what
//! would happen if one figure were different.

use crate::field::FieldPath;
use crate::number::Number;
use crate::quantity::{Quantity, Unit};
use rust_decimal::Decimal;
use std::ops::Range;

/// One figure taking part in a numeric relation: where it was typed and what it is worth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The field it was typed in.
    pub field: FieldPath,
    /// Which number of that field (a goal line may hold several).
    pub nth: usize,
    /// Its value in the relation's base unit (元 for money).
    pub value: Decimal,
    /// Half of its last written digit, in the base unit.
    pub tolerance: Decimal,
    /// Base units per typed unit (10 000 for a figure typed in 万元).
    pub factor: Decimal,
    /// The number as typed.
    pub number: Number,
    /// Byte range of the number in the field's text.
    pub span: Range<usize>,
}

/// Identifies one typed figure: a field and which number in it.
pub type Key = (FieldPath, usize);

impl Term {
    /// The figure's identity.
    pub fn key(&self) -> Key {
        (self.field, self.nth)
    }

    /// A quantity typed in `field` as a term: money in 元 (per-unit standards in 元 per unit),
    /// anything else as written. `None` if the value overflows exact arithmetic.
    pub fn of_quantity(field: FieldPath, nth: usize, q: &Quantity) -> Option<Self> {
        let factor = match &q.unit {
            Unit::Money(u) | Unit::MoneyPer(u, _) => u.factor(),
            // `1.32万亩` counts 13 200 亩.
            Unit::Count(w) if w.starts_with('万') => Decimal::from(10_000),
            _ => Decimal::ONE,
        };
        Some(Self {
            field,
            nth,
            value: q.number.value.checked_mul(factor)?,
            tolerance: q.tolerance(),
            factor,
            number: q.number,
            span: q.span.clone(),
        })
    }

    /// Its rounding allowance: half its last written digit, or none for a zero (nothing is
    /// nothing, however it is written).
    fn allowance(&self) -> Decimal {
        if self.number.value.is_zero() {
            Decimal::ZERO
        } else {
            self.tolerance
        }
    }

    fn value_with(&self, overrides: &[(Key, Decimal)]) -> Decimal {
        overrides
            .iter()
            .find(|(k, _)| *k == self.key())
            .map_or(self.value, |(_, v)| *v)
    }
}

/// The terms' values added up, `None` past exact arithmetic.
pub fn sum_of<'t>(terms: impl IntoIterator<Item = &'t Term>) -> Option<Decimal> {
    terms
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, t| acc.checked_add(t.value))
}

/// `a - b`, `None` past exact arithmetic.
pub fn diff(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_sub(b)
}

/// A numeric relation between typed figures, kept for blame: which figure, if changed, would
/// make it hold without breaking another.
// A document has a few dozen relations at most; boxing the product's terms would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relation {
    /// The parts add up to the total (or stay within it, when `at_most`).
    Sum {
        /// The addends.
        parts: Vec<Term>,
        /// The total they must give.
        total: Term,
        /// `≤` instead of `=`.
        at_most: bool,
    },
    /// A count times a per-unit standard gives the amount (or stays within it, when `at_most`).
    Product {
        /// The count (`30 人`).
        count: Term,
        /// The per-unit standard (`1500 元`).
        rate: Term,
        /// The amount (`45000 元`).
        total: Term,
        /// `≤` instead of `=`.
        at_most: bool,
        /// A multiplier written nowhere: 12 for a monthly standard against a yearly amount, else 1.
        times: Decimal,
    },
}

impl Relation {
    /// Two figures that must be equal.
    pub fn same(a: Term, b: Term) -> Self {
        Self::Sum {
            parts: vec![a],
            total: b,
            at_most: false,
        }
    }

    /// A count times a standard that must give an amount exactly.
    pub fn product(count: Term, rate: Term, total: Term) -> Self {
        Self::Product {
            count,
            rate,
            total,
            at_most: false,
            times: Decimal::ONE,
        }
    }

    /// Every term of the relation.
    pub fn terms(&self) -> Vec<&Term> {
        match self {
            Self::Sum { parts, total, .. } => parts.iter().chain([total]).collect(),
            Self::Product {
                count, rate, total, ..
            } => vec![count, rate, total],
        }
    }

    /// Whether the relation holds as typed, at the precision written.
    pub fn holds(&self) -> bool {
        self.holds_with(&[])
    }

    /// Whether the relation holds with some figures replaced by `overrides`, at the precision
    /// written: a sum may be off by the figures' rounding allowances together, a product by the
    /// amount's (counts and standards are exact).
    pub fn holds_with(&self, overrides: &[(Key, Decimal)]) -> bool {
        match self {
            Self::Sum {
                parts,
                total,
                at_most,
            } => {
                let mut sum = Decimal::ZERO;
                let mut tolerance = total.allowance();
                for p in parts {
                    let (Some(s), Some(t)) = (
                        sum.checked_add(p.value_with(overrides)),
                        tolerance.checked_add(p.allowance()),
                    ) else {
                        return false;
                    };
                    sum = s;
                    tolerance = t;
                }
                compare(sum, total.value_with(overrides), tolerance, *at_most)
            }
            Self::Product {
                count,
                rate,
                total,
                at_most,
                times,
            } => {
                let c = count.value_with(overrides).checked_mul(*times);
                let Some(product) = c.and_then(|c| c.checked_mul(rate.value_with(overrides)))
                else {
                    return false;
                };
                // A standard is set, not measured: exact as written (7 元/㎡ is 7, not 6.5–7.5).
                let tolerance = total.allowance();
                compare(product, total.value_with(overrides), tolerance, *at_most)
            }
        }
    }

    /// The value `target` must take for the relation to hold exactly, if there is a sensible one.
    pub fn solve(&self, target: &Term) -> Option<Decimal> {
        let key = target.key();
        let v = match self {
            Self::Sum { parts, total, .. } => {
                let sum = parts
                    .iter()
                    .try_fold(Decimal::ZERO, |acc, p| acc.checked_add(p.value))?;
                if total.key() == key {
                    sum
                } else {
                    total.value.checked_sub(sum.checked_sub(target.value)?)?
                }
            }
            Self::Product {
                count,
                rate,
                total,
                times,
                ..
            } => {
                let per = rate.value.checked_mul(*times)?;
                if total.key() == key {
                    count.value.checked_mul(per)?
                } else if count.key() == key {
                    let c = total.value.checked_div(per)?;
                    if !c.fract().is_zero() {
                        return None;
                    }
                    c
                } else {
                    total.value.checked_div(count.value.checked_mul(*times)?)?
                }
            }
        };
        (v >= Decimal::ZERO && v != target.value).then_some(v)
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

/// A relation with what every trial of blame needs worked out once: for a sum, its parts added
/// and their allowances. A trial that changes one figure then costs the same whether the sum adds
/// two figures or sixteen thousand, so blame stays linear in the document.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// The relation itself.
    pub relation: &'a Relation,
    /// For a sum: the parts' total and the allowance (`None` past exact arithmetic).
    sum: Option<(Decimal, Decimal)>,
}

impl<'a> Prepared<'a> {
    /// Works out `relation`'s sum once.
    pub fn new(relation: &'a Relation) -> Self {
        let sum = match relation {
            Relation::Sum { parts, total, .. } => sum_of(parts).zip(
                parts
                    .iter()
                    .try_fold(total.allowance(), |acc, p| acc.checked_add(p.allowance())),
            ),
            Relation::Product { .. } => None,
        };
        Self { relation, sum }
    }

    /// Whether the relation holds once the figure `key` (worth `old` as typed, and `times` among
    /// the parts of a sum) is `new`.
    pub fn holds_with_one(&self, key: Key, times: usize, old: Decimal, new: Decimal) -> bool {
        match self.relation {
            Relation::Sum { total, at_most, .. } => {
                let Some((sum, allowance)) = self.sum else {
                    return false;
                };
                let shifted = new
                    .checked_sub(old)
                    .and_then(|d| d.checked_mul(Decimal::from(times)))
                    .and_then(|d| sum.checked_add(d));
                let Some(sum) = shifted else {
                    return false;
                };
                let written = if total.key() == key { new } else { total.value };
                compare(sum, written, allowance, *at_most)
            }
            Relation::Product { .. } => self.relation.holds_with(&[(key, new)]),
        }
    }

    /// The value `target` must take for the relation to hold exactly, as [`Relation::solve`].
    pub fn solve(&self, target: &Term) -> Option<Decimal> {
        match self.relation {
            Relation::Sum { total, .. } => {
                let (sum, _) = self.sum?;
                let v = if total.key() == target.key() {
                    sum
                } else {
                    total.value.checked_sub(sum.checked_sub(target.value)?)?
                };
                (v >= Decimal::ZERO && v != target.value).then_some(v)
            }
            Relation::Product { .. } => self.relation.solve(target),
        }
    }
}
