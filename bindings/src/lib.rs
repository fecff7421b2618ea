//! UniFFI exports of Sentier's core for the Kotlin and Swift shells.
//!
//! Records, enums and errors derive their UniFFI traits in `sentier-core`
//! itself (behind its `uniffi` feature) so they are written once; this crate
//! holds the objects the shells call: each wraps a core service, runs long
//! work on the core's runtime and reports through foreign listener traits.

uniffi::setup_scaffolding!("sentier");

mod catalog;
mod packs;
#[cfg(target_os = "android")]
mod platform_tls;
mod reports;
mod screens;
mod tiles;
mod trail;
mod wording;

pub use sentier_core::core_version;
