//! The core's integration tests in one binary (one link of the core instead
//! of one per file): each module tests one capability through the public API,
//! against real loopback servers, SQLite files and tile files. Three tests stay
//! binaries of their own: `http_tls` sets the environment before any thread
//! reads it, `trail_import_memory` counts allocations with its own global
//! allocator, `trail_kill` runs itself as a child process to kill it.

mod reports_support;
mod screens_support;
mod trail_support;

mod app_catalogs;
mod basemap_packs;
mod catalog_contract;
mod catalog_queries;
mod catalog_sync;
mod hostile_servers;
mod layers;
mod packs_build;
mod packs_download;
mod packs_manifest;
mod reports_field_assets;
mod reports_outbox;
mod reports_photo;
mod reports_reliability;
mod reports_sync;
mod screens;
mod screens_safety;
mod screens_trail;
mod territories;
mod tiles_hostile;
mod tiles_server;
mod tiles_stores;
mod trail_elevation;
mod trail_follower;
mod trail_properties;
mod trail_recorder;
mod trail_session;
mod trail_snapshots;
