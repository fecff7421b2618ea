//! On the trail: recording the hiker's GPS track so that no acknowledged fix is
//! ever lost, and following a trek (or an imported GPX) with progress, ETA and
//! alerts delivered on changes only.
//!
//! The shells push the platform's location fixes; everything else happens here:
//! - [`filter`] accepts or rejects each fix, with a reason;
//! - [`estimator`] estimates where the hiker is from the noisy fixes: what
//!   distances, speeds and the follower's decisions are computed on;
//! - [`recorder`] drives a recording (start, pause, resume, stop, segments,
//!   auto-pause) over the durable [`store`], with live [`stats`] measured on
//!   the estimated path and ascent from [`elevation`];
//! - [`gpx_file`] and [`geojson`] export saved tracks and routes (GPX 1.1,
//!   GeoJSON) and import GPX, [`simplify`] thins a track for display;
//! - [`follower`] snaps each estimated position on a [`route`] with [`snap`]'s
//!   forward window and estimates the time left with [`hiking_time`];
//!   [`profile_axis`] places the hiker on the trek's elevation profile and
//!   a point of the profile on the map;
//! - [`session`] feeds one device's fixes to the recorder and the follower,
//!   gates the follower's events into [`alerts`] worded as
//!   [`notifications`], and picks the fix rate with [`battery`];
//!   [`sensitive`] says what a sensitive area asks of the hiker;
//! - [`simulator`] replays a line as deterministic noisy fixes for tests, the CLI
//!   and benchmarks.

pub mod alerts;
pub mod battery;
pub mod elevation;
pub mod estimator;
pub mod filter;
pub mod fix;
pub mod follower;
pub mod geodesy;
pub mod geojson;
pub mod gpx_file;
pub mod hiking_time;
mod notification_texts;
pub mod notifications;
pub mod profile_axis;
pub mod recorder;
pub mod route;
pub mod sensitive;
pub mod session;
pub mod simplify;
pub mod simulator;
pub mod snap;
pub mod stats;
pub mod store;

pub use filter::{FilterConfig, FixFilter, RejectReason};
pub use fix::Fix;
pub use follower::{
    FollowHeadline, FollowState, FollowStatus, Follower, FollowerConfig, FollowerEvent, PointAhead,
};
pub use recorder::{
    AutoPauseConfig, FixOutcome, Recorder, RecorderConfig, RecorderState, RecordingFilterChoices,
};
pub use route::{Route, RoutePoint, RoutePointKind, SensitiveZone};
pub use simulator::{Detour, GpsNoise, SimulationConfig, Stop};
pub use stats::{StatsAccumulator, TrackStats};
pub use store::{RejectionCount, TrackId, TrackPoint, TrackStatus, TrackStore, TrackSummary};

/// What can go wrong while recording, storing, exchanging or following tracks.
#[derive(Debug, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum TrailError {
    /// The track store (SQLite) failed; the store itself is left consistent.
    #[error("track store failed: {detail}")]
    Store { detail: String },
    /// Reading or writing a file failed.
    #[error("file access failed: {detail}")]
    Io { detail: String },
    /// A GPX document could not be read or written.
    #[error("GPX: {detail}")]
    Gpx { detail: String },
    /// No saved track has this id.
    #[error("no track with id {id}")]
    NoSuchTrack { id: TrackId },
    /// The call does not apply in the recorder's current state.
    #[error("cannot {action} while the recorder is {state:?}")]
    InvalidState {
        state: RecorderState,
        action: String,
    },
    /// The route cannot be followed (fewer than two distinct positions, bad values).
    #[error("invalid route: {detail}")]
    InvalidRoute { detail: String },
    /// Another recorder (in this process or another) has the track store
    /// open: only one recording runs at a time.
    #[error("a recording is already running on {store} (another recorder has it open)")]
    RecordingElsewhere { store: String },
}

impl From<crate::schema::SchemaError> for TrailError {
    fn from(error: crate::schema::SchemaError) -> Self {
        TrailError::Store {
            detail: error.to_string(),
        }
    }
}

impl From<rusqlite::Error> for TrailError {
    fn from(error: rusqlite::Error) -> Self {
        TrailError::Store {
            detail: error.to_string(),
        }
    }
}

impl From<std::io::Error> for TrailError {
    fn from(error: std::io::Error) -> Self {
        TrailError::Io {
            detail: error.to_string(),
        }
    }
}

impl From<xml::reader::Error> for TrailError {
    fn from(error: xml::reader::Error) -> Self {
        TrailError::Gpx {
            detail: error.to_string(),
        }
    }
}

impl From<::gpx::errors::GpxError> for TrailError {
    fn from(error: ::gpx::errors::GpxError) -> Self {
        TrailError::Gpx {
            detail: error.to_string(),
        }
    }
}
