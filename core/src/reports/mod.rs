//! Field reports: a hiker's public report or a ranger's report on damaged
//! signage, composed offline with photos, kept in a durable outbox and
//! delivered to the territory's Geotrek-admin once, when the phone is back
//! online.
//!
//! - [`crate::photo`] turns a camera file into the stored form (orientation applied,
//!   downscaled, re-encoded, metadata stripped) and refuses what is not a photo.
//! - [`compose`] holds what a report says and the nearby signage and
//!   infrastructure a ranger picks from ([`FieldAssets`]): the cached
//!   catalog's ([`CatalogFieldAssets`]) or the ranger's own download from the
//!   field API ([`field_assets`]).
//! - [`validation`] names what stops a draft from being queued, field by field.
//! - [`outbox`] is the SQLite store and the state machine of each report;
//!   [`DeliveryProblem`] is why one is not delivered yet, typed.
//! - [`public_api`] and [`field_api`] speak to the two endpoints of
//!   Geotrek-admin; [`session`] keeps the field API's JWT through a
//!   [`SecretStore`] ([`secrets`]).
//! - [`sync`] delivers the outbox: backoff, Retry-After, reconciliation of
//!   unknown outcomes against the field API's report list ([`reconcile`]),
//!   refusals worded for the user ([`refusal`]).
//!
//! # Where the photos of a ranger's report go
//!
//! Geotrek-admin's field API (JWT, `?format=gtam`) cannot take attachments:
//! its report serializer (`ReportGTAMSerializer`) has no attachment field and
//! its viewset no attachment action, and the only upload route,
//! django-paperclip's `/paperclip/add-for/<app>/<model>/<pk>/`, is a plain
//! Django view whose `permission_required` reads `request.user` from the
//! session middleware (JWT authentication exists only inside DRF views) behind
//! Django's CSRF check. Geotrek-admin's own field app (`frontend/`,
//! `useSyncReportMutation`) sends JSON only. A ranger's report with photos is
//! therefore created through the public multipart endpoint, the one route that
//! takes files without a browser session; the field API still lists it (it
//! lists every report), so its outcome is reconciled there like any other.
//!
//! # Duplicates
//!
//! Every report carries a marker `[sentier:<uuid>]` at the end of its
//! comment: the only client-chosen value Geotrek-admin keeps and lists back
//! (the report's `uuid` is server-generated and not serialized by the field
//! API). A report whose outcome is unknown (connection lost after sending) is
//! looked up by that marker in the field API's list before any resend. Without
//! a field session (a hiker's public report), nothing can be queried: the
//! report is sent again, which may create a duplicate that the park can
//! recognise by its marker; the reliability test measures how many.

mod catalog_assets;
pub mod compose;
mod delivery;
mod error;
pub mod field_api;
pub mod field_assets;
pub mod outbox;
pub mod public_api;
pub mod reconcile;
pub mod refusal;
pub mod secrets;
pub mod session;
pub mod sync;
mod transport;
pub mod validation;

pub use catalog_assets::CatalogFieldAssets;
pub use compose::{
    ASSET_SEARCH_RADIUS_M, AssetKind, AssetRef, BladeSummary, FeedbackReferences, FieldAsset,
    FieldAssets, NearbyAsset, Reference, ReportDraft, ReportKind, nearby_assets,
};
pub use delivery::DeliveryProblem;
pub use error::{ReportError, SecretStoreError};
pub use field_assets::{FIELD_ASSETS_FILE, FieldAssetCache, FieldAssetsStatus};
pub use outbox::{Outbox, OutboxEntry, ReportState, StoredPhoto};
pub use secrets::{FileSecretStore, SecretStore};
pub use session::{FieldSession, FieldSessionInfo, SessionStore};
pub use sync::{OutboxSync, RetryPolicy, SyncObserver, SyncSummary};
pub use validation::{FieldProblem, ReportField, ReportProblem};
