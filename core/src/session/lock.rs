//! Which tab edits a document. One tab at a time writes a document; any other tab showing it is
//! read-only and follows the writer's saves, until the user presses 接管编辑 there.
//!
//! `localStorage` has no compare-and-set, so two tabs may claim at the same moment. Claims are
//! therefore ordered (a higher generation wins; at equal generations the larger tab id), every tab
//! sees every claim through the `storage` event, and the one whose claim loses gives way. A tab that
//! gives way first saves what it has and then says so by marking the winner's claim `handed`: the
//! winner waits for that (or a short time, if the other tab is gone) before it lets the user type.

use serde::{Deserialize, Serialize};

/// A claim older than this is from a tab that is gone (closed without notice, crashed, or frozen
/// for minutes): an editing tab renews its claim every [`RENEW_MS`], and browsers run a hidden tab's
/// timers at least once a minute.
pub const STALE_MS: u64 = 150_000;
/// How often the editing tab renews its claim.
pub const RENEW_MS: u64 = 20_000;
/// How long a tab taking over waits for the other tab to hand over before it goes ahead.
pub const HANDOVER_MS: u64 = 1_500;

/// A tab's claim to edit a document, stored as JSON under [`super::store::lock_key`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The claiming tab's id.
    pub tab: String,
    /// Raised by one at every claim, so a takeover beats the claim it takes over.
    pub generation: u64,
    /// When the claim was made or last renewed (milliseconds since 1970).
    pub at: u64,
    /// Set by the tab that gave way once it has saved: the claimant may start editing.
    #[serde(default)]
    pub handed: bool,
}

impl Claim {
    /// Reads a stored claim; anything unreadable counts as no claim.
    pub fn parse(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
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
