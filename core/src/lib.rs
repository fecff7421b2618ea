//! Sentier's core: everything the offline hiking app does, free of any FFI.
//!
//! The `bindings` crate exports this library to Kotlin and Swift through
//! UniFFI; the `cli` crate drives it from a terminal. With the `uniffi`
//! feature, the types that cross the FFI derive UniFFI's traits here so they
//! are written once.

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("sentier_core");

pub mod address;
pub mod atomic_file;
pub mod catalog;
pub mod geodesy;
pub mod http;
pub mod locale;
pub mod logging;
pub mod measures;
pub mod packs;
pub mod photo;
pub mod reports;
pub mod runtime;
pub mod schema;
pub mod screens;
pub mod territory;
pub mod tiles;
pub mod trail;
pub mod wording;

/// The version of the core, shown by the shells' about screens and `sentier --version`.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
