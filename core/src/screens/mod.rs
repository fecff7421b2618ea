//! Every screen of the apps, once: its state and its rules, above the
//! capability modules (as matrix-sdk-ui is above matrix-sdk). A screen is
//! driven by actions, carried out in order on the core's runtime, and
//! publishes an immutable state value, worded in the user's units and
//! language; the shells draw that value and forward the user's actions,
//! so both apps behave alike by construction.
//!
//! - [`settings`]: units, language, servers, recording filters, pack in use.
//! - [`trek_search`]: search, filters, near me, list or map.
//! - [`follow`]: following a trek, its banner and alerts.
//! - [`packs`]: a server's packs, the installed ones, downloads, the pack in use.
//! - [`outbox`]: the outbox, the ranger's account, the delivery loop.
//! - [`report`]: the report composer (kind, location, items nearby, lists,
//!   photos, live problems).
//!
//! [`observable`] publishes the states; [`actor`] carries out the actions.

mod actor;
pub mod follow;
pub mod observable;
pub mod outbox;
pub mod packs;
pub mod report;
pub mod settings;
pub mod trek_search;

/// The map styles of the offline map a screen draws on: the core's tile
/// server as the shells hold it.
pub trait MapStyles: Send + Sync {
    /// The style URL with `selected_trek` highlighted and only `shown_treks`
    /// drawn (`None`: every trek); `None` while the map is not served.
    fn style_url(
        &self,
        selected_trek: Option<i64>,
        shown_treks: Option<Vec<i64>>,
    ) -> Option<String>;
}
