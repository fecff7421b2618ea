//! Sentier's test kit: deterministic synthetic territories, local servers that
//! speak the shapes of Geotrek-admin's APIs (with fault injection), and the
//! benchmark report format. Used by the integration tests, the benchmarks and
//! `sentier demo`.

pub mod bench;
pub mod loopback;
pub mod tiles;
