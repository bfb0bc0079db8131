//! Which tab edits a document. One tab at a time writes a document; any other tab showing it is
//! read-only and follows the writer's saves, until the user presses 接管编辑 there.
//!
//! `localStorage` has no compare-and-set, so two tabs may claim at the same moment. Claims are
//! therefore ordered (a higher generation wins; at equal generations the larger tab id), every tab
//! sees every claim through the `storage` event, and the one whose claim loses gives way. A tab that
//! gives way first saves what it has and then says so by marking the winner's claim `handed`: the
//! winner waits for that (or a short time, if the other tab is gone) before it lets the user type.

/// A claim older than this is from a tab that is gone (closed without notice, crashed, or frozen
/// for minutes): an editing tab renews its claim every [`RENEW_MS`], and browsers run a hidden tab's
/// timers at least once a minute.
pub const STALE_MS: u64 = 150_000;
/// How often the editing tab renews its claim.
pub const RENEW_MS: u64 = 20_000;
/// How long a tab taking over waits for the other tab to hand over before it goes ahead.
pub const HANDOVER_MS: u64 = 1_500;

/// A tab's claim to edit a document, stored under [`super::store::lock_key`] as one line:
/// `generation at handed tab` (`handed` is 0 or 1; tab ids have no spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The claiming tab's id.
    pub tab: String,
    /// Raised by one at every claim, so a takeover beats the claim it takes over.
    pub generation: u64,
    /// When the claim was made or last renewed (milliseconds since 1970).
    pub at: u64,
    /// Set by the tab that gave way once it has saved: the claimant may start editing.
    pub handed: bool,
}

impl Claim {
    /// Reads a stored claim; anything unreadable counts as no claim.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.splitn(4, ' ');
        let generation = parts.next()?.parse().ok()?;
        let at = parts.next()?.parse().ok()?;
        let handed = match parts.next()? {
            "0" => false,
            "1" => true,
            _ => return None,
        };
        let tab = parts.next().filter(|t| !t.is_empty())?.to_owned();
        Some(Self {
            tab,
            generation,
            at,
            handed,
        })
    }

    /// The stored form.
    pub fn to_line(&self) -> String {
        format!(
            "{} {} {} {}",
            self.generation,
            self.at,
            u8::from(self.handed),
            self.tab
        )
    }

    /// Whether this claim wins over `other`.
    pub fn beats(&self, other: &Self) -> bool {
        (self.generation, self.tab.as_str()) > (other.generation, other.tab.as_str())
    }

    /// Whether the claiming tab may be gone.
    pub fn is_stale(&self, now: u64) -> bool {
        now.saturating_sub(self.at) > STALE_MS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_read_back_and_garbage_is_no_claim() {
        let c = Claim {
            tab: "19c0a-3f".into(),
            generation: 7,
            at: 1_700_000_000_000,
            handed: true,
        };
        assert_eq!(c.to_line(), "7 1700000000000 1 19c0a-3f");
        assert_eq!(Claim::parse(&c.to_line()), Some(c));
        for bad in ["", "7", "7 1 2 x", "x 1 0 t", "7 1 0 ", "{\"tab\":\"a\"}"] {
            assert_eq!(Claim::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_higher_generation_wins_and_the_larger_id_breaks_ties() {
        let claim = |tab: &str, generation| Claim {
            tab: tab.into(),
            generation,
            at: 0,
            handed: false,
        };
        assert!(claim("a", 2).beats(&claim("b", 1)));
        assert!(claim("b", 1).beats(&claim("a", 1)));
        assert!(!claim("a", 1).beats(&claim("a", 1)));
        assert!(claim("a", 0).is_stale(STALE_MS + 1));
        assert!(!claim("a", 0).is_stale(STALE_MS));
    }
}
