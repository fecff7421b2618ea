//! Following a route: for each fix, where the hiker is on it, what is done and
//! what is left (distance, share, ascent, descent, time), and events on changes
//! only: off route and back (with hysteresis), wrong direction and back, points
//! coming up ahead, entering and leaving sensitive zones, arrival.
//!
//! Every decision is taken on the [`PositionFilter`]'s estimate, not on the raw
//! fix: a multipath jump is refused there, and jitter is smoothed, so alerts
//! agree with what the walker did. Thresholds from OsmAnd and Organic Maps: a corridor of
//! 20 m (Organic Maps, pedestrian) widened by the fix's accuracy (OsmAnd adds
//! accuracy to its tolerance), held over several fixes and seconds before
//! declaring the hiker off route, cleared only well inside the corridor;
//! wrong direction only after backward progress sustained in distance and
//! time; arrival within ~15 m of the end on foot, widened by the accuracy. The
//! progress search follows ferrostar's and Organic Maps' idea of looking
//! forward from the last match instead of over the whole line, and so does the
//! rejoin after a detour.

use geo::{BoundingRect, Contains, LineString, MultiPolygon, Point, Polygon, Rect};

use crate::geodesy::LatLon;
use crate::geodesy::MeasuredLine;
use crate::trail::elevation::{ElevationGain, ElevationTuning};
use crate::trail::estimator::{FOLLOW_ACCELERATION, PositionFilter};
use crate::trail::hiking_time::HikingTimeModel;
use crate::trail::snap::{RouteLine, Snap};
use crate::trail::{Fix, Route, RoutePoint, SensitiveZone, TrailError};

/// The follower's thresholds.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FollowerConfig {
    /// Half-width of the route corridor before accuracy is added, metres.
    pub corridor_m: f64,
    /// Accuracy widens the corridor by at most this much, metres.
    pub max_accuracy_allowance_m: f64,
    /// Accuracy assumed for fixes that report none, metres.
    pub default_accuracy_m: f64,
    /// Consecutive fixes outside the corridor before "off route".
    pub off_route_fixes: u32,
    /// Consecutive fixes well inside the corridor before "back on route".
    pub back_on_route_fixes: u32,
    /// "Well inside": closer than this share of the corridor.
    pub back_on_route_ratio: f64,
    /// Going back this far along the route (plus the fix's accuracy
    /// allowance), for at least 20 s, is "wrong direction", metres.
    pub wrong_direction_m: f64,
    /// Points of the route are announced this far ahead, metres.
    pub lookahead_m: f64,
    /// Points farther than this from the line are not announced, metres.
    pub max_point_offset_m: f64,
    /// Arrival when this close to the end along the route, plus the fix's
    /// accuracy allowance (noisy last fixes still arrive), metres.
    pub arrival_m: f64,
    /// The hiker's practice (Geotrek `sensitivearea_practice` id), if known.
    pub practice_id: Option<u64>,
    /// The hiker's time zone offset, minutes, to tell the month of a fix.
    pub utc_offset_minutes: i32,
}

impl Default for FollowerConfig {
    fn default() -> Self {
        FollowerConfig {
            corridor_m: 20.0,
            max_accuracy_allowance_m: 30.0,
            default_accuracy_m: 10.0,
            off_route_fixes: 3,
            back_on_route_fixes: 2,
            back_on_route_ratio: 0.6,
            wrong_direction_m: 30.0,
            lookahead_m: 150.0,
            max_point_offset_m: 100.0,
            arrival_m: 15.0,
            practice_id: None,
            utc_offset_minutes: 0,
        }
    }
}

/// Where the hiker stands with respect to the route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum FollowStatus {
    /// No fix yet.
    Waiting,
    OnRoute,
    OffRoute,
    Arrived,
}

/// What the follow banner says first: one state, in the core's order of
/// importance. Off the trek comes before everything (the hiker is lost);
/// arrived before wrong direction (walking back from the end is not a
/// mistake); wrong direction before the plain states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum FollowHeadline {
    Waiting,
    OnRoute,
    WrongDirection,
    OffRoute,
    Arrived,
}

/// A point of the route ahead of the hiker.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PointAhead {
    pub point: RoutePoint,
    /// Along the route from the hiker, metres.
    pub distance_m: f64,
}

/// Something that changed; delivered once, when it happens.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum FollowerEvent {
    OffRoute { distance_m: f64 },
    BackOnRoute,
    WrongDirection,
    RightDirection,
    PointAhead { ahead: PointAhead },
    EnteredSensitiveZone { zone_id: u64, name: String },
    LeftSensitiveZone { zone_id: u64, name: String },
    Arrived,
}

/// The follower's current view, queryable at any time.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FollowState {
    /// What the banner says first (from `status` and `wrong_direction`).
    pub headline: FollowHeadline,
    pub status: FollowStatus,
    pub wrong_direction: bool,
    /// Where the last fix projects on the route (the way back, when off it).
    pub snapped: Option<LatLon>,
    /// Distance from the last fix to the route, metres.
    pub distance_from_route_m: f64,
    pub distance_done_m: f64,
    pub distance_remaining_m: f64,
    /// Distance done over route length, 0 to 1.
    pub share_done: f64,
    pub ascent_remaining_m: f64,
    pub descent_remaining_m: f64,
    /// Estimated time to the end at the hiker's pace, seconds.
    pub time_remaining_s: Option<f64>,
    /// When the hiker should arrive at that pace: the time of the fix that
    /// last moved progress plus the time remaining, Unix milliseconds.
    pub arrival_at_ms: Option<i64>,
    /// Sensitive zones (now in their period, for this practice) the hiker is in.
    pub inside_sensitive_zones: Vec<u64>,
    pub next_point: Option<PointAhead>,
}

/// A route point with its place along the line.
#[derive(Clone, Debug)]
struct PlacedPoint {
    point: RoutePoint,
    along_m: f64,
    offset_m: f64,
}

/// A hiker counts as out of a zone only this far past its edge, so GPS
/// jitter along a boundary does not flap between entering and leaving.
const ZONE_EXIT_MARGIN_M: f64 = 25.0;

#[derive(Clone, Debug)]
struct PreparedZone {
    zone: SensitiveZone,
    area: MultiPolygon<f64>,
    bounds: Option<Rect<f64>>,
    /// The zone's rings, measured, to tell how far outside a fix is.
    edges: Vec<MeasuredLine>,
}

impl PreparedZone {
    fn new(zone: SensitiveZone) -> PreparedZone {
        let polygons = zone
            .polygons
            .iter()
            .map(|ring| {
                let exterior: LineString<f64> = ring.iter().map(|p| (p.lon, p.lat)).collect();
                Polygon::new(exterior, Vec::new())
            })
            .collect::<Vec<_>>();
        let area = MultiPolygon::new(polygons);
        let bounds = area.bounding_rect();
        let edges = zone
            .polygons
            .iter()
            .filter_map(|ring| {
                MeasuredLine::new(&ring.iter().map(|p| (p.lon, p.lat)).collect::<Vec<_>>())
            })
            .collect();
        PreparedZone {
            zone,
            area,
            bounds,
            edges,
        }
    }

    /// Whether the hiker is clearly out: past the exit margin from every edge.
    fn clearly_outside(&self, fix: &Fix) -> bool {
        !self.contains(fix)
            && self
                .edges
                .iter()
                .filter_map(|edge| edge.project((fix.longitude, fix.latitude)))
                .all(|projection| projection.offset_m > ZONE_EXIT_MARGIN_M)
    }

    fn contains(&self, fix: &Fix) -> bool {
        let point = Point::new(fix.longitude, fix.latitude);
        self.bounds.is_some_and(|bounds| bounds.contains(&point)) && self.area.contains(&point)
    }
}

/// The hiker's progress on the route.
#[derive(Clone, Copy, Debug)]
struct Progress {
    along_m: f64,
    time_ms: i64,
    /// The fix it came from, in the line's frame.
    fix_xy: [f64; 2],
}

/// Where one fix placed the hiker on the route, waiting for the next fix to
/// agree before progress moves there.
#[derive(Clone, Copy, Debug)]
struct Sighting {
    along_m: f64,
    time_ms: i64,
}

impl Sighting {
    /// Whether `along_m`, seen at `time_ms` with a fix of `accuracy_m`, is
    /// within one step of this sighting.
    fn agrees(&self, along_m: f64, time_ms: i64, accuracy_m: f64) -> bool {
        let since_s = (time_ms - self.time_ms) as f64 / 1000.0;
        (along_m - self.along_m).abs() <= step_reach_m(accuracy_m, since_s)
    }
}

/// How far progress may move in `silence_s` seconds, for a fix of
/// `accuracy_m`: a step, the accuracy, and the silence at the window's speed.
fn step_reach_m(accuracy_m: f64, silence_s: f64) -> f64 {
    STEP_BASE_M + accuracy_m + WINDOW_SPEED_MPS * silence_s
}

/// Without fixes for a while the hiker may have gone this fast, m/s: the
/// search window grows with the silence.
const WINDOW_SPEED_MPS: f64 = 3.0;

/// Progress may move this much between two fixes, plus their accuracy and
/// the silence times [`WINDOW_SPEED_MPS`], metres.
const STEP_BASE_M: f64 = 20.0;

/// A brisk hiking pace, m/s: progress ahead faster than this since the last
/// progress (after an outage) waits for a second fix to confirm it.
const WALKING_SPEED_MPS: f64 = 1.5;

/// The search window's reach around the expected progress even between
/// fixes a second apart, metres.
const WINDOW_BASE_M: f64 = 80.0;

/// The hiker's way is their estimated displacement over this long, seconds:
/// long enough for GPS drift not to reverse it, short enough to follow a turn.
const MOTION_BASE_S: f64 = 10.0;

/// A displacement shorter than this says nothing of the hiker's way, metres.
const MOTION_MIN_M: f64 = 6.0;

/// Outside the corridor for at least this long before "off route", seconds
/// (as well as [`FollowerConfig::off_route_fixes`] fixes), plus
/// [`OFF_ROUTE_S_PER_ACCURACY_M`] per metre of the fix's accuracy allowance:
/// a phone admitting to 25 m is in multipath, whose pull lasts seconds.
const OFF_ROUTE_MIN_S: f64 = 5.0;

/// See [`OFF_ROUTE_MIN_S`], s/m.
const OFF_ROUTE_S_PER_ACCURACY_M: f64 = 1.0;

/// Backward progress must have lasted this long before "wrong direction",
/// seconds (as well as [`FollowerConfig::wrong_direction_m`] metres): a
/// hiker stepping back to a signpost is not turning back.
const WRONG_DIRECTION_MIN_S: f64 = 20.0;

/// How far short of its progress, in its accuracies, a fix sets the turn mark.
/// Tuned on `--bench trail_accuracy` (13 routes x 10 seeds x 3 noises):
/// false alerts walking forward 540 at 0, 244 at 1, 188 at 1.5, 159 at 2 (but
/// five harsh turn-backs missed instead of three); typical turn-backs all
/// announced from 1 on, the worst in 92 s as before.
const MARK_DOUBT_PER_ACCURACY: f64 = 1.5;

/// Forward progress must have lasted this long before "right direction
/// again", seconds.
const RIGHT_DIRECTION_MIN_S: f64 = 10.0;

/// Follows one route.
pub struct Follower {
    config: FollowerConfig,
    line: RouteLine,
    /// Where the hiker is, from the fixes so far.
    position: PositionFilter,
    /// The estimated positions (in the line's frame) of the last
    /// [`MOTION_BASE_S`], oldest first, for the hiker's way.
    trail: std::collections::VecDeque<(i64, [f64; 2])>,
    /// Noise-suppressed ascent and descent from the start to each vertex.
    ascent_to_vertex: Vec<f64>,
    descent_to_vertex: Vec<f64>,
    points: Vec<PlacedPoint>,
    zones: Vec<PreparedZone>,
    model: HikingTimeModel,
    // What the follower has seen so far.
    status: FollowStatus,
    progress: Option<Progress>,
    started_ms: Option<i64>,
    last_snap: Option<Snap>,
    outside_fixes: u32,
    /// When the current run of fixes outside the corridor began.
    outside_since_ms: i64,
    inside_fixes: u32,
    /// Consecutive fixes inside the corridor but too far along to be a walk
    /// (while acquiring: away from the first fix's place).
    implausible_fixes: u32,
    /// While acquiring the route, the first fix's place: the next must agree.
    acquiring: Option<Sighting>,
    /// A place ahead faster than a walk from the last progress: the next fix
    /// must confirm it before progress moves there.
    leap: Option<Sighting>,
    wrong_direction: bool,
    /// Furthest progress while heading the right way; lowest while not.
    turn_mark_m: f64,
    /// When progress was last at the turn mark.
    turn_mark_ms: i64,
    /// Index of the first point not yet announced or passed.
    next_point: usize,
    inside_zones: Vec<u64>,
}

impl Follower {
    pub fn new(route: Route, config: FollowerConfig) -> Result<Follower, TrailError> {
        let line = RouteLine::new(&route.line)?;
        let mut gain = ElevationGain::new(ElevationTuning::PROFILE);
        let (mut ascent_to_vertex, mut descent_to_vertex) = (Vec::new(), Vec::new());
        for (position, &along) in line.positions().iter().zip(line.vertex_along_m()) {
            if let Some(ele) = position.ele {
                gain.push(along, ele);
            }
            let so_far = gain.gain();
            ascent_to_vertex.push(so_far.ascent);
            descent_to_vertex.push(so_far.descent);
        }
        let total = gain.gain();
        let model = HikingTimeModel::new(
            line.length_m(),
            total.ascent,
            total.descent,
            route.duration_hours,
        );
        let mut points: Vec<PlacedPoint> = route
            .points
            .into_iter()
            .map(|point| {
                let snap = line.snap_nearest(line.to_xy(point.position.lat, point.position.lon));
                PlacedPoint {
                    point,
                    along_m: snap.along_m,
                    offset_m: snap.offset_m,
                }
            })
            .filter(|placed| placed.offset_m <= config.max_point_offset_m)
            .collect();
        points.sort_by(|a, b| a.along_m.total_cmp(&b.along_m));
        let zones = route
            .sensitive_zones
            .into_iter()
            .map(PreparedZone::new)
            .collect();
        Ok(Follower {
            config,
            line,
            position: PositionFilter::new(FOLLOW_ACCELERATION),
            trail: std::collections::VecDeque::new(),
            ascent_to_vertex,
            descent_to_vertex,
            points,
            zones,
            model,
            status: FollowStatus::Waiting,
            progress: None,
            started_ms: None,
            last_snap: None,
            outside_fixes: 0,
            outside_since_ms: 0,
            inside_fixes: 0,
            implausible_fixes: 0,
            acquiring: None,
            leap: None,
            wrong_direction: false,
            turn_mark_m: 0.0,
            turn_mark_ms: 0,
            next_point: 0,
            inside_zones: Vec::new(),
        })
    }

    /// The route's length, metres.
    pub fn length_m(&self) -> f64 {
        self.line.length_m()
    }

    /// Takes the next fix; returns what changed. Invalid fixes, fixes
    /// without a timestamp and fixes not later than the last change nothing.
    pub fn update(&mut self, fix: &Fix) -> Vec<FollowerEvent> {
        let Some(estimate) = self.position.push(fix) else {
            return Vec::new();
        };
        let time_ms = estimate.timestamp_ms;
        // The hiker where the estimate places them, judged with the fix's
        // own accuracy (the corridor stays as wide as the fix is vague).
        let fix = &Fix {
            latitude: estimate.latitude,
            longitude: estimate.longitude,
            ..fix.clone()
        };
        self.started_ms.get_or_insert(time_ms);
        let motion = self.motion(fix, time_ms);
        let snap = self.snap(fix, time_ms, motion);
        self.last_snap = Some(snap);
        let mut events = Vec::new();
        let corridor = self.corridor_m(fix);
        let allowance = self.accuracy_allowance_m(fix);
        self.track_corridor(corridor, allowance, &snap, time_ms, &mut events);
        if self.status != FollowStatus::OffRoute && snap.offset_m <= corridor {
            let accepted = match self.progress {
                None => self.acquire(fix, &snap, time_ms, corridor),
                Some(_) => self.plausible(fix, &snap, time_ms).then_some(snap),
            };
            if let Some(accepted) = accepted {
                self.last_snap = Some(accepted);
                let allowance = self.accuracy_allowance_m(fix);
                self.advance(accepted.along_m, time_ms, allowance, &mut events);
                self.progress = Some(Progress {
                    along_m: accepted.along_m,
                    time_ms,
                    fix_xy: self.line.to_xy(fix.latitude, fix.longitude),
                });
            }
        }
        self.track_zones(fix, time_ms, &mut events);
        events
    }

    /// The current view.
    pub fn state(&self) -> FollowState {
        let length = self.line.length_m();
        let along = self.progress.map_or(0.0, |progress| progress.along_m);
        let (ascent_done, descent_done) = self.gain_to(along);
        let (ascent_total, descent_total) = self.gain_to(length);
        let (ascent_left, descent_left) =
            (ascent_total - ascent_done, descent_total - descent_done);
        let time_remaining_s = self.progress.map(|progress| {
            let elapsed_s =
                (progress.time_ms - self.started_ms.unwrap_or(progress.time_ms)) as f64 / 1000.0;
            let pace = self.model.pace(
                elapsed_s,
                self.model.seconds(along, ascent_done, descent_done),
            );
            pace * self
                .model
                .seconds(length - along, ascent_left, descent_left)
        });
        FollowState {
            headline: match self.status {
                FollowStatus::OffRoute => FollowHeadline::OffRoute,
                FollowStatus::Arrived => FollowHeadline::Arrived,
                _ if self.wrong_direction => FollowHeadline::WrongDirection,
                FollowStatus::Waiting => FollowHeadline::Waiting,
                FollowStatus::OnRoute => FollowHeadline::OnRoute,
            },
            status: self.status,
            wrong_direction: self.wrong_direction,
            snapped: self
                .last_snap
                .map(|snap| self.line.position_at(snap.along_m)),
            distance_from_route_m: self.last_snap.map_or(0.0, |snap| snap.offset_m),
            distance_done_m: along,
            distance_remaining_m: length - along,
            share_done: if length > 0.0 { along / length } else { 0.0 },
            ascent_remaining_m: ascent_left,
            descent_remaining_m: descent_left,
            time_remaining_s,
            arrival_at_ms: self
                .progress
                .zip(time_remaining_s)
                .map(|(progress, seconds)| progress.time_ms + (seconds * 1000.0).round() as i64),
            inside_sensitive_zones: self.inside_zones.clone(),
            next_point: self
                .points
                .iter()
                .find(|placed| placed.along_m >= along)
                .map(|placed| PointAhead {
                    point: placed.point.clone(),
                    distance_m: placed.along_m - along,
                }),
        }
    }

    /// Places the fix on the route: forward window from the last progress;
    /// when rejoining after a detour, the stretch a walk could have reached
    /// since (a self-crossing trek's other branch is not where the hiker comes
    /// back), else the whole line; the whole line when acquiring the route.
    fn snap(&self, fix: &Fix, time_ms: i64, motion: Option<[f64; 2]>) -> Snap {
        let point = self.line.to_xy(fix.latitude, fix.longitude);
        match self.progress {
            None => self.line.snap_global(point, 0.0),
            Some(progress) if self.status == FollowStatus::OffRoute => {
                let silence_s = (time_ms - progress.time_ms) as f64 / 1000.0;
                let reach = WINDOW_BASE_M + WINDOW_SPEED_MPS * silence_s;
                let near = self.line.snap_window(point, progress.along_m, reach);
                if near.offset_m <= self.corridor_m(fix) {
                    near
                } else {
                    self.line.snap_global(point, progress.along_m)
                }
            }
            Some(progress) => {
                let silence_s = (time_ms - progress.time_ms) as f64 / 1000.0;
                let reach = WINDOW_BASE_M + WINDOW_SPEED_MPS * silence_s;
                // Expect the hiker to have moved along the route as far as the
                // fixes moved, in the direction they were heading: at the turn
                // of an out-and-back this tells the two legs apart.
                let moved = (point[0] - progress.fix_xy[0])
                    .hypot(point[1] - progress.fix_xy[1])
                    .min(reach);
                let heading = if self.wrong_direction { -1.0 } else { 1.0 };
                let motion = motion.map(|[east, north]| [heading * east, heading * north]);
                self.line.snap_window_moving(
                    point,
                    progress.along_m + heading * moved,
                    reach,
                    motion,
                )
            }
        }
    }

    /// The hiker's displacement over the last [`MOTION_BASE_S`] in the line's
    /// frame, when long enough to tell a way.
    fn motion(&mut self, estimate: &Fix, time_ms: i64) -> Option<[f64; 2]> {
        let here = self.line.to_xy(estimate.latitude, estimate.longitude);
        self.trail.push_back((time_ms, here));
        while self
            .trail
            .get(1)
            .is_some_and(|(time, _)| (time_ms - time) as f64 / 1000.0 >= MOTION_BASE_S)
        {
            self.trail.pop_front();
        }
        let (since, from) = *self.trail.front()?;
        let displacement = [here[0] - from[0], here[1] - from[1]];
        ((time_ms - since) as f64 / 1000.0 >= MOTION_BASE_S
            && displacement[0].hypot(displacement[1]) >= MOTION_MIN_M)
            .then_some(displacement)
    }

    /// Half-width of the corridor for this fix: wider when the fix is vaguer.
    fn corridor_m(&self, fix: &Fix) -> f64 {
        self.config.corridor_m + self.accuracy_allowance_m(fix)
    }

    /// How much the fix's vagueness widens the corridor and the arrival radius.
    fn accuracy_allowance_m(&self, fix: &Fix) -> f64 {
        self.accuracy_m(fix)
            .min(self.config.max_accuracy_allowance_m)
    }

    /// The fix's horizontal accuracy, or the configured default without one.
    fn accuracy_m(&self, fix: &Fix) -> f64 {
        fix.horizontal_accuracy
            .unwrap_or(self.config.default_accuracy_m)
    }

    /// Whether moving from the last progress to `snap` is a walk rather than a
    /// GPS jump along the line. Ahead, the reach grows with the silence since
    /// the last progress; behind, it does not: one stray fix after an outage
    /// must not turn the hiker back. A run of implausible fixes is believed in
    /// the end: the hiker may really have moved (a lift, a turn back, a gap the
    /// window missed).
    fn plausible(&mut self, fix: &Fix, snap: &Snap, time_ms: i64) -> bool {
        let Some(progress) = self.progress else {
            return true;
        };
        let silence_s = (time_ms - progress.time_ms) as f64 / 1000.0;
        let accuracy = self.accuracy_m(fix);
        let reachable_behind = step_reach_m(accuracy, 0.0);
        let reachable_ahead = step_reach_m(accuracy, silence_s);
        let heading = if self.wrong_direction { -1.0 } else { 1.0 };
        let moved_ahead = heading * (snap.along_m - progress.along_m);
        let walked = reachable_behind + WALKING_SPEED_MPS * silence_s;
        if (-reachable_behind..=walked).contains(&moved_ahead) {
            self.implausible_fixes = 0;
            self.leap = None;
            return true;
        }
        if (walked..=reachable_ahead).contains(&moved_ahead) {
            // Possible, but faster than a walk: one stray fix after an outage
            // must not carry the hiker ahead either. The next fix confirms it.
            let confirmed = self
                .leap
                .is_some_and(|leap| leap.agrees(snap.along_m, time_ms, accuracy));
            self.leap = (!confirmed).then_some(Sighting {
                along_m: snap.along_m,
                time_ms,
            });
            if confirmed {
                self.implausible_fixes = 0;
            }
            return confirmed;
        }
        self.implausible_fixes += 1;
        if self.implausible_fixes >= self.config.off_route_fixes {
            self.implausible_fixes = 0;
            return true;
        }
        false
    }

    /// Where the route is acquired, if it is with this fix: two fixes must
    /// place the hiker alike, so one stray first fix (an outlier landing on
    /// another branch of a self-crossing trek) cannot. The next fix is looked
    /// for near the first one's place, within a walk of it; a run of fixes
    /// elsewhere replaces that place.
    fn acquire(&mut self, fix: &Fix, snap: &Snap, time_ms: i64, corridor: f64) -> Option<Snap> {
        let point = self.line.to_xy(fix.latitude, fix.longitude);
        // Where the route passes here more than once, the hiker is taken to
        // be on its earliest pass: treks are begun at their start.
        let first_pass = Sighting {
            along_m: self
                .line
                .snap_first_within(point, corridor)
                .unwrap_or(*snap)
                .along_m,
            time_ms,
        };
        let Some(place) = self.acquiring else {
            self.acquiring = Some(first_pass);
            return None;
        };
        let accuracy = self.accuracy_m(fix);
        let silence_s = (time_ms - place.time_ms) as f64 / 1000.0;
        let near_place =
            self.line
                .snap_window(point, place.along_m, step_reach_m(accuracy, silence_s));
        if near_place.offset_m <= corridor && place.agrees(near_place.along_m, time_ms, accuracy) {
            self.acquiring = None;
            self.implausible_fixes = 0;
            return Some(near_place);
        }
        self.implausible_fixes += 1;
        if self.implausible_fixes >= self.config.off_route_fixes {
            self.implausible_fixes = 0;
            self.acquiring = Some(first_pass);
        }
        None
    }

    /// Off route after several fixes and seconds outside the corridor, back on
    /// route after several fixes well inside it.
    fn track_corridor(
        &mut self,
        corridor: f64,
        accuracy_allowance_m: f64,
        snap: &Snap,
        time_ms: i64,
        events: &mut Vec<FollowerEvent>,
    ) {
        if snap.offset_m > corridor {
            if self.outside_fixes == 0 {
                self.outside_since_ms = time_ms;
            }
            self.outside_fixes += 1;
            self.inside_fixes = 0;
        } else if snap.offset_m < corridor * self.config.back_on_route_ratio {
            self.inside_fixes += 1;
            self.outside_fixes = 0;
        }
        match self.status {
            FollowStatus::Waiting => self.status = FollowStatus::OnRoute,
            FollowStatus::OnRoute
                if self.outside_fixes >= self.config.off_route_fixes
                    && (time_ms - self.outside_since_ms) as f64 / 1000.0
                        >= OFF_ROUTE_MIN_S + OFF_ROUTE_S_PER_ACCURACY_M * accuracy_allowance_m =>
            {
                self.status = FollowStatus::OffRoute;
                // A place found before the detour says nothing of where the hiker comes back.
                self.acquiring = None;
                events.push(FollowerEvent::OffRoute {
                    distance_m: snap.offset_m,
                });
            }
            FollowStatus::OffRoute if self.inside_fixes >= self.config.back_on_route_fixes => {
                self.status = FollowStatus::OnRoute;
                self.turn_mark_m = snap.along_m;
                self.turn_mark_ms = time_ms;
                self.wrong_direction = false;
                self.skip_points_behind(snap.along_m);
                self.progress = self.progress.map(|progress| Progress {
                    along_m: snap.along_m,
                    ..progress
                });
                events.push(FollowerEvent::BackOnRoute);
            }
            _ => {}
        }
    }

    /// Progress along the route: direction, points ahead, arrival. The fix's
    /// `accuracy_allowance_m` widens the arrival radius and the backward
    /// distance that makes a wrong direction (a vague fix can seem behind).
    fn advance(
        &mut self,
        along: f64,
        time_ms: i64,
        accuracy_allowance_m: f64,
        events: &mut Vec<FollowerEvent>,
    ) {
        if self.status == FollowStatus::Arrived {
            return;
        }
        // The turn mark is the furthest progress the fixes vouch for (the
        // lowest, while heading the wrong way) and when it was reached: a turn
        // is announced once progress has gone back far enough, for long
        // enough, from there. A fix only vouches for its place less
        // [`MARK_DOUBT_PER_ACCURACY`] times its vagueness: a burst of vague fixes dragging the estimate ahead (a
        // hiker halted under multipath) must not set a mark the precise
        // fixes after it then seem to walk back from.
        let doubt = MARK_DOUBT_PER_ACCURACY * accuracy_allowance_m;
        let vouched = if self.wrong_direction {
            along + doubt
        } else {
            along - doubt
        };
        let beyond_mark = if self.wrong_direction {
            self.turn_mark_m - vouched
        } else {
            vouched - self.turn_mark_m
        };
        if beyond_mark >= 0.0 {
            self.turn_mark_m = vouched;
            self.turn_mark_ms = time_ms;
        }
        let since_mark_s = (time_ms - self.turn_mark_ms) as f64 / 1000.0;
        if self.wrong_direction {
            if along - self.turn_mark_m >= self.config.wrong_direction_m / 2.0
                && since_mark_s >= RIGHT_DIRECTION_MIN_S
            {
                self.wrong_direction = false;
                self.turn_mark_m = along;
                self.turn_mark_ms = time_ms;
                events.push(FollowerEvent::RightDirection);
            }
        } else if self.turn_mark_m - along >= self.config.wrong_direction_m + accuracy_allowance_m
            && since_mark_s >= WRONG_DIRECTION_MIN_S
        {
            self.wrong_direction = true;
            self.turn_mark_m = along;
            self.turn_mark_ms = time_ms;
            events.push(FollowerEvent::WrongDirection);
        }
        if !self.wrong_direction {
            while let Some(placed) = self.points.get(self.next_point) {
                if placed.along_m > along + self.config.lookahead_m {
                    break;
                }
                if placed.along_m >= along {
                    events.push(FollowerEvent::PointAhead {
                        ahead: PointAhead {
                            point: placed.point.clone(),
                            distance_m: placed.along_m - along,
                        },
                    });
                }
                self.next_point += 1;
            }
        }
        if self.line.length_m() - along <= self.config.arrival_m + accuracy_allowance_m {
            self.status = FollowStatus::Arrived;
            events.push(FollowerEvent::Arrived);
        }
    }

    /// After a rejoin, points already behind the hiker are not announced.
    fn skip_points_behind(&mut self, along: f64) {
        while self
            .points
            .get(self.next_point)
            .is_some_and(|placed| placed.along_m < along)
        {
            self.next_point += 1;
        }
    }

    fn track_zones(&mut self, fix: &Fix, time_ms: i64, events: &mut Vec<FollowerEvent>) {
        let month = month_of(time_ms, self.config.utc_offset_minutes);
        for prepared in &self.zones {
            let zone = &prepared.zone;
            let applies = zone.applies(month, self.config.practice_id);
            let inside = applies && prepared.contains(fix);
            let was_inside = self.inside_zones.contains(&zone.id);
            let left = !applies || prepared.clearly_outside(fix);
            if inside && !was_inside {
                self.inside_zones.push(zone.id);
                events.push(FollowerEvent::EnteredSensitiveZone {
                    zone_id: zone.id,
                    name: zone.name.clone(),
                });
            } else if was_inside && left {
                self.inside_zones.retain(|&id| id != zone.id);
                events.push(FollowerEvent::LeftSensitiveZone {
                    zone_id: zone.id,
                    name: zone.name.clone(),
                });
            }
        }
    }

    /// Ascent and descent from the start to `along_m`, interpolated.
    fn gain_to(&self, along_m: f64) -> (f64, f64) {
        let segment = self.line.segment_at(along_m);
        let vertices = self.line.vertex_along_m();
        let (from, to) = (vertices[segment], vertices[segment + 1]);
        let t = if to > from {
            ((along_m - from) / (to - from)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let lerp = |values: &[f64]| values[segment] + (values[segment + 1] - values[segment]) * t;
        (lerp(&self.ascent_to_vertex), lerp(&self.descent_to_vertex))
    }
}

/// The month (1-12) of a timestamp in the hiker's time zone.
fn month_of(time_ms: i64, utc_offset_minutes: i32) -> u8 {
    let local_s = time_ms.div_euclid(1000) + i64::from(utc_offset_minutes) * 60;
    time::OffsetDateTime::from_unix_timestamp(local_s).map_or(0, |date| u8::from(date.month()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_follow_the_time_zone() {
        // 2026-06-30T23:30:00Z is July in Paris (UTC+2).
        let time_ms = 1_782_862_200_000;
        assert_eq!(month_of(time_ms, 0), 6);
        assert_eq!(month_of(time_ms, 120), 7);
    }
}
