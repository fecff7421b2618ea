//! Sentier's test kit: deterministic synthetic territories, local servers that
//! speak the shapes of Geotrek-admin's APIs (with fault injection), and the
//! benchmark report format. Used by the integration tests, the benchmarks and
//! `sentier demo`.

// Geotrek's trek serializer has 70 fields: its `json!` literal nests deeply.
#![recursion_limit = "256"]

pub mod api_server;
pub mod bench;
pub mod field_server;
pub mod fixtures;
pub mod loopback;
pub mod mobile_tree;
pub mod pack_server;
pub mod photos;
pub mod territory;
pub mod tiles;
pub mod tls;

pub use api_server::{ApiServer, Fault, FaultPlan, FaultRule, LoggedRequest, demo_server};
pub use territory::{Resource, Territory, TerritorySpec};
