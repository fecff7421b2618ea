//! The hiker's position estimated from noisy fixes: what distance, speed,
//! moving time and the follower's decisions are computed on, instead of the
//! raw GPS jitter. The raw fixes stay what is stored; every estimate is
//! recomputed from them, the same way live and after a crash.
//!
//! What it assumes, and why:
//! - **Motion**: a hiker keeps a nearly constant velocity; changes of pace and
//!   heading are a white acceleration of spectral density `q` per axis (the
//!   constant-velocity Kalman model of most trackers). A hairpin at walking
//!   pace fits it; a 60 m leap in a second does not. A recording's figures use
//!   a calm [`TRACK_ACCELERATION`] (smoothing more, which the smoother can
//!   afford as it sees both sides of a turn); the follower a livelier
//!   [`FOLLOW_ACCELERATION`], so a hiker turning back is seen at once.
//! - **Noise**: a fix's horizontal accuracy is the radius holding 68 % of a
//!   circular Gaussian error (how Android and iOS define it), so its standard
//!   deviation per axis is accuracy / 1.51 ([`SIGMA_PER_ACCURACY`]); a fix
//!   without one gets [`DEFAULT_ACCURACY_M`]. Errors are taken as independent
//!   from fix to fix. Real receivers drift (their error is correlated over tens
//!   of seconds): that slow part cannot be told from motion by any filter, but
//!   it adds little length; the fast part, which inflates distance, is what
//!   the filter and the smoother remove.
//! - **Outliers**: a fix the model finds further than [`GATE_SQUARED`] (chi²,
//!   two axes, 99.9 %) from its prediction (a multipath jump, a cold start)
//!   is not used. The prediction's uncertainty grows while fixes are refused,
//!   so a hiker who really moved (after an outage) is soon accepted again, and
//!   after [`RESET_AFTER_S`] of refusals the estimate restarts on the fixes.
//!   A refused fix much more precise than fixes used just before it (see
//!   [`VAGUER_RATIO`]) restarts the estimate at once: a multipath burst,
//!   whose fixes admit to being vague but are pulled the same way for
//!   seconds, drags the estimate (and its velocity) aside, and the precise
//!   fixes after it are the truth, not outliers to coast past for 30 s.
//! - **Standing still**: when the fixes of the last [`STILL_WINDOW_S`] (longer
//!   for vaguer fixes, see [`still_window_s`]) scatter no more than their
//!   accuracy explains around their mean (their chi² per degree of freedom
//!   stays under [`STILL_CHI2_PER_DOF`]), the hiker is standing: the velocity
//!   is set to zero and the stretch adds neither distance nor moving time, so
//!   GPS wander at a lunch stop is not a walk. So is any stretch between two
//!   estimates slower than [`MOVING_SPEED_MPS`].
//!
//! Two stages: [`PositionFilter`], the forward Kalman filter, gives the
//! follower a position with no lag beyond its own; [`TrackEstimator`] adds a
//! fixed-lag Rauch-Tung-Striebel smoother for a recording's figures: a point's
//! smoothed position is final once [`SMOOTHING_LAG`] later points have come
//! (its neighbours on both sides then agree on it), and the figures of the
//! last points come from the current smoothing until then.

use std::collections::VecDeque;

use crate::geodesy::LocalProjection;
use crate::geodesy::haversine_m;
use crate::trail::Fix;

/// White acceleration of the motion model for a recording's figures, m²/s³
/// per axis: a turn of a hiker's heading over ten seconds is within it.
pub const TRACK_ACCELERATION: f64 = 0.08;

/// White acceleration of the motion model for following, m²/s³ per axis: a
/// hiker stopping and turning back within a few seconds.
pub const FOLLOW_ACCELERATION: f64 = 0.5;

/// Per-axis standard deviation per metre of reported (68 %) accuracy.
pub const SIGMA_PER_ACCURACY: f64 = 1.0 / 1.51;

/// Accuracy assumed for fixes that report none, metres.
pub const DEFAULT_ACCURACY_M: f64 = 10.0;

/// Reported accuracies better than this are not believed, metres: no phone
/// places a hiker to the metre.
const MIN_ACCURACY_M: f64 = 3.0;

/// A fix whose squared Mahalanobis distance to the prediction exceeds this is
/// an outlier (chi² with two degrees of freedom, 99.9 %).
pub const GATE_SQUARED: f64 = 13.8;

/// After refusing every fix for this long, the estimate restarts on them, s.
pub const RESET_AFTER_S: f64 = 30.0;

/// The first fixes are all taken, however far from the start: there is no
/// prediction to judge them by yet.
const UNGATED_FIXES: u32 = 3;

/// After a silence this long, seconds, the next fixes are on probation (see
/// [`UNGATED_FIXES`]).
const PROBATION_AFTER_S: f64 = 15.0;

/// Velocity prior of a new estimate, m/s per axis: a brisk walk either way.
const INITIAL_SPEED_SIGMA_MPS: f64 = 2.0;

/// Position prior of a new estimate, metres per axis: uninformative, so the
/// second fix counts as much as the first (which may be a stray one).
const INITIAL_POSITION_SIGMA_M: f64 = 50.0;

/// Slower than this between two estimates is standing still, m/s.
pub const MOVING_SPEED_MPS: f64 = 0.3;

/// Stillness is judged over the fixes of at least this long, seconds.
pub const STILL_WINDOW_S: f64 = 40.0;

/// Fixes scattering less than this (chi² per degree of freedom around their
/// mean) are one place: above 1 because the stored points of a stop are the
/// ones that strayed (the closer ones are not recorded).
pub const STILL_CHI2_PER_DOF: f64 = 2.0;

/// The stillness window for fixes of `accuracy_m`: long enough that a walk at
/// 1 m/s spreads further than the fixes' scatter, seconds.
pub fn still_window_s(accuracy_m: f64) -> f64 {
    STILL_WINDOW_S.max(4.0 * accuracy_m)
}

/// Points after which a smoothed position is final.
pub const SMOOTHING_LAG: usize = 12;

/// Position and velocity along one axis, with their covariance.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Axis {
    position: f64,
    velocity: f64,
    /// Covariance: position², position·velocity, velocity².
    pp: f64,
    pv: f64,
    vv: f64,
}

impl Axis {
    fn new(position: f64) -> Axis {
        Axis {
            position,
            velocity: 0.0,
            pp: INITIAL_POSITION_SIGMA_M.powi(2),
            pv: 0.0,
            vv: INITIAL_SPEED_SIGMA_MPS.powi(2),
        }
    }

    /// The state `dt` seconds later under a white acceleration of density `q`.
    fn predicted(&self, dt: f64, q: f64) -> Axis {
        Axis {
            position: self.position + self.velocity * dt,
            velocity: self.velocity,
            pp: self.pp + 2.0 * dt * self.pv + dt * dt * self.vv + q * dt.powi(3) / 3.0,
            pv: self.pv + dt * self.vv + q * dt * dt / 2.0,
            vv: self.vv + q * dt,
        }
    }

    /// Innovation of a measurement and its variance.
    fn innovation(&self, measured: f64, variance: f64) -> (f64, f64) {
        (measured - self.position, self.pp + variance)
    }

    /// The state corrected by a measurement of the position.
    fn corrected(&self, measured: f64, variance: f64) -> Axis {
        let (innovation, s) = self.innovation(measured, variance);
        let (gain_p, gain_v) = (self.pp / s, self.pv / s);
        Axis {
            position: self.position + gain_p * innovation,
            velocity: self.velocity + gain_v * innovation,
            pp: self.pp - gain_p * self.pp,
            pv: self.pv - gain_p * self.pv,
            vv: self.vv - gain_v * self.pv,
        }
    }

    /// Rauch-Tung-Striebel: this filtered state's smoothed position and
    /// velocity, given the next step's prediction (from this state, `dt`
    /// later) and its smoothed state.
    fn smoothed(&self, dt: f64, next_predicted: &Axis, next_smoothed: (f64, f64)) -> (f64, f64) {
        // C = P F' inverse(P_predicted), F = [[1, dt], [0, 1]].
        let (a, b, c) = (next_predicted.pp, next_predicted.pv, next_predicted.vv);
        let determinant = a * c - b * b;
        if determinant.abs() < 1e-12 {
            return (self.position, self.velocity);
        }
        let (i_pp, i_pv, i_vv) = (c / determinant, -b / determinant, a / determinant);
        // P F' = [[pp + dt pv, pv], [pv + dt vv, vv]]
        let (m11, m12) = (self.pp + dt * self.pv, self.pv);
        let (m21, m22) = (self.pv + dt * self.vv, self.vv);
        let (c11, c12) = (m11 * i_pp + m12 * i_pv, m11 * i_pv + m12 * i_vv);
        let (c21, c22) = (m21 * i_pp + m22 * i_pv, m21 * i_pv + m22 * i_vv);
        let (dp, dv) = (
            next_smoothed.0 - next_predicted.position,
            next_smoothed.1 - next_predicted.velocity,
        );
        (
            self.position + c11 * dp + c12 * dv,
            self.velocity + c21 * dp + c22 * dv,
        )
    }
}

/// The forward filter's estimate after a fix.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub latitude: f64,
    pub longitude: f64,
    /// Estimated ground speed, m/s.
    pub speed_mps: f64,
    /// Estimated velocity east and north, m/s.
    pub velocity_mps: [f64; 2],
    /// Standard deviation of the estimated position, metres per axis.
    pub sigma_m: f64,
    /// Whether the fix was used (false: refused as an outlier).
    pub used: bool,
    /// Whether the hiker is standing still.
    pub still: bool,
    pub timestamp_ms: i64,
}

/// One step of the forward filter, as the smoother needs it.
#[derive(Clone, Copy, Debug)]
struct Step {
    time_ms: i64,
    /// Seconds since the previous step (0 for the first).
    dt: f64,
    /// The prediction for this step, before its fix.
    predicted: [Axis; 2],
    /// The state after its fix (the prediction when the fix was refused).
    filtered: [Axis; 2],
    /// Whether the hiker stood still at this step.
    still: bool,
    /// Whether this step restarted the estimate because the fix before it
    /// was a stray one (see [`UNGATED_FIXES`]): that step is to be forgotten.
    replaces_previous: bool,
    /// Whether the estimate moved here in its stride: its fix was taken and
    /// the estimate did not restart on it (a restart, after a refused jump
    /// or a stray first fix, leaps to wherever the fixes now are).
    steady: bool,
}

/// A used fix, in the filter's frame, for the stillness test.
#[derive(Clone, Copy, Debug)]
struct Placed {
    time_ms: i64,
    x: f64,
    y: f64,
    variance: f64,
}

/// The forward constant-velocity Kalman filter over fixes.
#[derive(Clone, Debug)]
pub struct PositionFilter {
    /// The motion model's white acceleration, m²/s³ per axis.
    acceleration: f64,
    frame: Option<LocalProjection>,
    state: Option<[Axis; 2]>,
    last_time_ms: i64,
    fixes_taken: u32,
    /// When the current run of refused fixes began.
    refusing_since_ms: Option<i64>,
    /// The used fixes of the stillness window, oldest first.
    recent: VecDeque<Placed>,
}

impl PositionFilter {
    /// A filter whose motion model has a white acceleration of density
    /// `acceleration` (see [`TRACK_ACCELERATION`], [`FOLLOW_ACCELERATION`]).
    pub fn new(acceleration: f64) -> PositionFilter {
        PositionFilter {
            acceleration,
            frame: None,
            state: None,
            last_time_ms: 0,
            fixes_taken: 0,
            refusing_since_ms: None,
            recent: VecDeque::new(),
        }
    }

    /// Forgets the motion (a new segment): the next fix starts afresh.
    pub fn restart(&mut self) {
        self.state = None;
        self.fixes_taken = 0;
        self.refusing_since_ms = None;
        self.recent.clear();
    }

    /// Takes a fix; `None` for an invalid fix, one without a time or one not
    /// later than the last.
    pub fn push(&mut self, fix: &Fix) -> Option<Estimate> {
        let step = self.step(fix)?;
        let frame = self.frame?;
        Some(self.estimate_of(&frame, &step, fix))
    }

    fn estimate_of(&self, frame: &LocalProjection, step: &Step, fix: &Fix) -> Estimate {
        let [east, north] = step.filtered;
        let (longitude, latitude) = frame.unproject((east.position, north.position));
        Estimate {
            latitude,
            longitude,
            speed_mps: east.velocity.hypot(north.velocity),
            velocity_mps: [east.velocity, north.velocity],
            sigma_m: ((east.pp + north.pp) / 2.0).max(0.0).sqrt(),
            used: self.refusing_since_ms.is_none(),
            still: step.still,
            timestamp_ms: fix.timestamp_ms.unwrap_or(step.time_ms),
        }
    }

    /// The forward step for `fix`, with the prediction it was judged against.
    fn step(&mut self, fix: &Fix) -> Option<Step> {
        let time_ms = fix.timestamp_ms.filter(|_| fix.is_valid())?;
        let frame = *self
            .frame
            .get_or_insert_with(|| LocalProjection::around((fix.longitude, fix.latitude)));
        let (x, y) = frame.project((fix.longitude, fix.latitude));
        let variance = measurement_variance(fix);
        let Some(state) = self.state else {
            let fresh = [Axis::new(x), Axis::new(y)];
            let filtered = [
                fresh[0].corrected(x, variance),
                fresh[1].corrected(y, variance),
            ];
            self.state = Some(filtered);
            self.last_time_ms = time_ms;
            self.fixes_taken = 1;
            self.refusing_since_ms = None;
            self.recent.clear();
            self.recent.push_back(Placed {
                time_ms,
                x,
                y,
                variance,
            });
            return Some(Step {
                time_ms,
                dt: 0.0,
                predicted: fresh,
                filtered,
                still: false,
                replaces_previous: false,
                steady: true,
            });
        };
        if time_ms <= self.last_time_ms {
            return None;
        }
        let dt = (time_ms - self.last_time_ms) as f64 / 1000.0;
        if dt > PROBATION_AFTER_S {
            // After a silence the next fix is judged like one of the first:
            // a stray one, which the grown uncertainty lets in, is replaced
            // as soon as the following fix disagrees with it.
            self.fixes_taken = self.fixes_taken.min(1);
        }
        let predicted = [
            state[0].predicted(dt, self.acceleration),
            state[1].predicted(dt, self.acceleration),
        ];
        let mahalanobis_sq: f64 = predicted
            .iter()
            .zip([x, y])
            .map(|(axis, measured)| {
                let (innovation, s) = axis.innovation(measured, variance);
                innovation * innovation / s
            })
            .sum();
        self.last_time_ms = time_ms;
        if self.fixes_taken < UNGATED_FIXES && mahalanobis_sq > GATE_SQUARED {
            // Two of the first fixes disagree: one of them strayed, and the
            // next ones will tell which. Start again from this one.
            self.restart();
            return self.step(fix).map(|step| Step {
                replaces_previous: true,
                steady: false,
                ..step
            });
        }
        if mahalanobis_sq > GATE_SQUARED && self.rests_on_vaguer_fixes(time_ms, variance) {
            // The estimate was dragged by fixes much vaguer than this one
            // (a multipath burst admits to it): this fix is the one to believe.
            self.restart();
            return self.step(fix).map(|step| Step {
                steady: false,
                ..step
            });
        }
        if mahalanobis_sq > GATE_SQUARED {
            let since = *self.refusing_since_ms.get_or_insert(time_ms);
            if (time_ms - since) as f64 / 1000.0 < RESET_AFTER_S {
                self.state = Some(predicted);
                return Some(Step {
                    time_ms,
                    dt,
                    predicted,
                    filtered: predicted,
                    still: false,
                    replaces_previous: false,
                    steady: false,
                });
            }
            // Refused for too long: the hiker is where the fixes are.
            self.restart();
            return self.step(fix).map(|step| Step {
                steady: false,
                ..step
            });
        }
        self.refusing_since_ms = None;
        self.fixes_taken = self.fixes_taken.saturating_add(1);
        let mut filtered = [
            predicted[0].corrected(x, variance),
            predicted[1].corrected(y, variance),
        ];
        let still = self.note_still(
            Placed {
                time_ms,
                x,
                y,
                variance,
            },
            fix,
        );
        if still {
            for axis in &mut filtered {
                axis.velocity = 0.0;
                axis.pv = 0.0;
                axis.vv = axis.vv.min(STILL_VELOCITY_VARIANCE);
            }
        }
        self.state = Some(filtered);
        Some(Step {
            time_ms,
            dt,
            predicted,
            filtered,
            still,
            replaces_previous: false,
            steady: true,
        })
    }

    /// Whether a fix used within the last [`VAGUE_MEMORY_S`] was at least
    /// [`VAGUER_RATIO`] times vaguer than a fix of per-axis `variance`.
    fn rests_on_vaguer_fixes(&self, time_ms: i64, variance: f64) -> bool {
        self.recent
            .iter()
            .rev()
            .take_while(|placed| (time_ms - placed.time_ms) as f64 / 1000.0 <= VAGUE_MEMORY_S)
            .any(|placed| placed.variance >= VAGUER_RATIO.powi(2) * variance)
    }

    /// Adds a used fix to the stillness window; whether the window's fixes
    /// are all one place.
    fn note_still(&mut self, placed: Placed, fix: &Fix) -> bool {
        let window_ms = (still_window_s(accuracy_m(fix)) * 1000.0) as i64;
        self.recent.push_back(placed);
        let covered = self
            .recent
            .front()
            .is_some_and(|oldest| placed.time_ms - oldest.time_ms >= window_ms);
        while self
            .recent
            .get(1)
            .is_some_and(|second| placed.time_ms - second.time_ms >= window_ms)
        {
            self.recent.pop_front();
        }
        if !covered || self.recent.len() < STILL_MIN_FIXES {
            return false;
        }
        let weight: f64 = self.recent.iter().map(|p| 1.0 / p.variance).sum();
        let mean_x = self.recent.iter().map(|p| p.x / p.variance).sum::<f64>() / weight;
        let mean_y = self.recent.iter().map(|p| p.y / p.variance).sum::<f64>() / weight;
        let chi2: f64 = self
            .recent
            .iter()
            .map(|p| ((p.x - mean_x).powi(2) + (p.y - mean_y).powi(2)) / p.variance)
            .sum();
        let dof = 2.0 * (self.recent.len() - 1) as f64;
        chi2 <= STILL_CHI2_PER_DOF * dof
    }
}

/// A refused fix replaces the estimate when fixes this many times vaguer
/// (in accuracy) were used within the last [`VAGUE_MEMORY_S`]: the estimate
/// then rests on them, and they are the likelier to have strayed.
pub const VAGUER_RATIO: f64 = 2.0;

/// See [`VAGUER_RATIO`], seconds: about how long the filter remembers a fix.
pub const VAGUE_MEMORY_S: f64 = 20.0;

/// Fixes needed in the stillness window to judge it.
const STILL_MIN_FIXES: usize = 3;

/// Velocity variance left after a still step, (m/s)²: the hiker may set off.
const STILL_VELOCITY_VARIANCE: f64 = 0.04;

/// The accuracy a fix is taken to have, metres.
fn accuracy_m(fix: &Fix) -> f64 {
    fix.horizontal_accuracy
        .unwrap_or(DEFAULT_ACCURACY_M)
        .max(MIN_ACCURACY_M)
}

/// Per-axis variance of a fix's position, m².
fn measurement_variance(fix: &Fix) -> f64 {
    (accuracy_m(fix) * SIGMA_PER_ACCURACY).powi(2)
}

/// A stretch of the estimated path between two consecutive points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PathStep {
    /// Time at its end, ms since the epoch.
    pub time_ms: i64,
    pub seconds: f64,
    /// Horizontal length, metres (0 while standing).
    pub distance_m: f64,
    /// Whether the hiker was walking (see [`MOVING_SPEED_MPS`]).
    pub moving: bool,
    /// Whether the estimate was steady at both ends: each rests on a fix the
    /// filter took, none restarted the estimate. A stretch into or out of
    /// refused fixes (a jump, an outage) or across a restart may be a leap
    /// of the estimate, not of the hiker: it counts for distance, not for
    /// top speed.
    pub steady: bool,
}

/// Smoothed positions of a track, point by point, into [`PathStep`]s.
#[derive(Clone, Debug)]
pub struct TrackEstimator {
    filter: PositionFilter,
    /// The last steps not yet final, oldest first.
    window: VecDeque<Step>,
    /// The last final smoothed position.
    last_final: Option<SmoothedPoint>,
}

impl Default for TrackEstimator {
    fn default() -> Self {
        TrackEstimator::new()
    }
}

impl TrackEstimator {
    pub fn new() -> TrackEstimator {
        TrackEstimator {
            filter: PositionFilter::new(TRACK_ACCELERATION),
            window: VecDeque::new(),
            last_final: None,
        }
    }

    /// Takes the next point of the track; returns the steps that became
    /// final. Invalid or out-of-order fixes are skipped.
    pub fn push(&mut self, fix: &Fix) -> Vec<PathStep> {
        let Some(step) = self.filter.step(fix) else {
            return Vec::new();
        };
        if step.replaces_previous {
            self.window.pop_back();
        }
        self.window.push_back(step);
        if self.window.len() <= SMOOTHING_LAG {
            return Vec::new();
        }
        let smoothed = self.smoothed();
        let oldest = smoothed[0];
        self.window.pop_front();
        self.finalise(oldest).into_iter().collect()
    }

    /// Ends a segment: every point is final; the next starts afresh.
    pub fn end_segment(&mut self) -> Vec<PathStep> {
        let steps = self.provisional_steps();
        self.window.clear();
        self.last_final = None;
        self.filter.restart();
        steps
    }

    /// The steps to the points not final yet, as the current smoothing sees
    /// them.
    pub fn provisional_steps(&self) -> Vec<PathStep> {
        let mut last = self.last_final;
        self.smoothed()
            .into_iter()
            .filter_map(|point| {
                let step = last.map(|previous| path_step(previous, point));
                last = Some(point);
                step
            })
            .collect()
    }

    /// Records `point` as final; the step from the previous final point.
    fn finalise(&mut self, point: SmoothedPoint) -> Option<PathStep> {
        let step = self.last_final.map(|previous| path_step(previous, point));
        self.last_final = Some(point);
        step
    }

    /// The smoothed `(lon, lat)` and time of each step of the window, and
    /// whether the hiker stood still there.
    fn smoothed(&self) -> Vec<SmoothedPoint> {
        let Some(frame) = self.filter.frame else {
            return Vec::new();
        };
        let mut positions = vec![(0.0, 0.0); self.window.len()];
        let mut next: Option<(&Step, [(f64, f64); 2])> = None;
        for (index, step) in self.window.iter().enumerate().rev() {
            let smoothed = match next {
                None => [
                    (step.filtered[0].position, step.filtered[0].velocity),
                    (step.filtered[1].position, step.filtered[1].velocity),
                ],
                Some((following, after)) => [0, 1].map(|axis| {
                    step.filtered[axis].smoothed(
                        following.dt,
                        &following.predicted[axis],
                        after[axis],
                    )
                }),
            };
            positions[index] = frame.unproject((smoothed[0].0, smoothed[1].0));
            next = Some((step, smoothed));
        }
        positions
            .into_iter()
            .zip(&self.window)
            .map(|(lon_lat, step)| SmoothedPoint {
                lon_lat,
                time_ms: step.time_ms,
                still: step.still,
                steady: step.steady,
            })
            .collect()
    }
}

/// A smoothed position of the track.
#[derive(Clone, Copy, Debug)]
struct SmoothedPoint {
    lon_lat: (f64, f64),
    time_ms: i64,
    still: bool,
    steady: bool,
}

/// The stretch between two smoothed positions.
fn path_step(from: SmoothedPoint, to: SmoothedPoint) -> PathStep {
    let seconds = (to.time_ms - from.time_ms) as f64 / 1000.0;
    let length = haversine_m(from.lon_lat, to.lon_lat);
    let moving = !to.still && seconds > 0.0 && length / seconds >= MOVING_SPEED_MPS;
    PathStep {
        time_ms: to.time_ms,
        seconds,
        distance_m: if moving { length } else { 0.0 },
        moving,
        steady: from.steady && to.steady,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const START_MS: i64 = 1_782_806_400_000;

    fn frame() -> LocalProjection {
        LocalProjection::around((6.35, 44.85))
    }

    /// A fix `east`, `north` metres from the frame's origin at `seconds`.
    fn fix(east: f64, north: f64, seconds: f64, accuracy: f64) -> Fix {
        let (lng, lat) = frame().unproject((east, north));
        Fix {
            horizontal_accuracy: Some(accuracy),
            ..Fix::at(lat, lng, None, START_MS + (seconds * 1000.0) as i64)
        }
    }

    /// A deterministic zero-mean wobble of about `amplitude` metres.
    fn wobble(i: usize, amplitude: f64) -> (f64, f64) {
        let t = i as f64;
        (
            amplitude * ((t * 1.7).sin() + (t * 0.61).cos()) / 1.4,
            amplitude * ((t * 2.3).cos() + (t * 0.37).sin()) / 1.4,
        )
    }

    fn distance(steps: &[PathStep]) -> f64 {
        steps.iter().map(|step| step.distance_m).sum()
    }

    fn walk_through(estimator: &mut TrackEstimator, fixes: &[Fix]) -> Vec<PathStep> {
        let mut steps: Vec<PathStep> = fixes.iter().flat_map(|f| estimator.push(f)).collect();
        steps.extend(estimator.provisional_steps());
        steps
    }

    #[test]
    fn a_straight_walk_with_jitter_measures_its_true_length() {
        // 1 km north at 1.1 m/s, a fix a second, wobbling ±4 m.
        let fixes: Vec<Fix> = (0..=909)
            .map(|i| {
                let (dx, dy) = wobble(i, 4.0);
                fix(dx, i as f64 * 1.1 + dy, i as f64, 8.0)
            })
            .collect();
        let raw: f64 = fixes
            .windows(2)
            .map(|pair| {
                haversine_m(
                    (pair[0].longitude, pair[0].latitude),
                    (pair[1].longitude, pair[1].latitude),
                )
            })
            .sum();
        let estimated = distance(&walk_through(&mut TrackEstimator::new(), &fixes));
        assert!(raw > 1_500.0, "the raw fixes zigzag: {raw}");
        assert!((estimated - 1_000.0).abs() < 20.0, "{estimated}");
    }

    #[test]
    fn standing_still_adds_no_distance_nor_moving_time() {
        let fixes: Vec<Fix> = (0..600)
            .map(|i| {
                let (dx, dy) = wobble(i, 6.0);
                fix(dx, dy, i as f64 * 5.0, 10.0)
            })
            .collect();
        let steps = walk_through(&mut TrackEstimator::new(), &fixes);
        // Fifty minutes of wander; only the first stillness window (before
        // the fixes can tell) adds a few metres.
        assert!(distance(&steps) < 15.0, "{}", distance(&steps));
        let moving_s: f64 = steps.iter().filter(|s| s.moving).map(|s| s.seconds).sum();
        assert!(moving_s <= still_window_s(10.0), "{moving_s}");
    }

    #[test]
    fn a_jump_is_refused_and_the_walk_goes_on() {
        let mut filter = PositionFilter::new(FOLLOW_ACCELERATION);
        for i in 0..60 {
            let estimate = filter.push(&fix(0.0, i as f64, i as f64, 5.0)).unwrap();
            assert!(estimate.used);
        }
        let jump = filter.push(&fix(80.0, 60.0, 60.0, 5.0)).unwrap();
        assert!(!jump.used);
        let (_, north) = frame().project((jump.longitude, jump.latitude));
        assert!((north - 60.0).abs() < 2.0, "coasted to {north}");
        let back = filter.push(&fix(0.0, 61.0, 61.0, 5.0)).unwrap();
        assert!(back.used);
        assert!((back.speed_mps - 1.0).abs() < 0.2, "{back:?}");
    }

    #[test]
    fn a_precise_fix_after_a_vague_burst_is_believed_at_once() {
        // North at 1 m/s with fixes of 8 m; a multipath burst pulls 15 fixes
        // 50 m east while they admit to 25 m; then precise fixes again.
        let mut filter = PositionFilter::new(FOLLOW_ACCELERATION);
        for i in 0..60 {
            filter.push(&fix(0.0, i as f64, i as f64, 8.0)).unwrap();
        }
        for i in 60..75 {
            filter.push(&fix(50.0, i as f64, i as f64, 25.0)).unwrap();
        }
        let back = filter.push(&fix(0.0, 75.0, 75.0, 8.0)).unwrap();
        let (east, north) = frame().project((back.longitude, back.latitude));
        assert!(back.used, "{back:?}");
        assert!(
            east.abs() < 10.0 && (north - 75.0).abs() < 10.0,
            "{east}, {north}"
        );
    }

    #[test]
    fn after_refusing_for_long_the_estimate_restarts_on_the_fixes() {
        let mut filter = PositionFilter::new(FOLLOW_ACCELERATION);
        for i in 0..10 {
            filter.push(&fix(0.0, 0.0, i as f64, 5.0)).unwrap();
        }
        // Somewhere else at once, 500 m away, for good.
        let estimates: Vec<Estimate> = (10..60)
            .map(|i| filter.push(&fix(500.0, 0.0, i as f64, 5.0)).unwrap())
            .collect();
        let last = estimates.last().unwrap();
        let (east, _) = frame().project((last.longitude, last.latitude));
        assert!((east - 500.0).abs() < 5.0, "{east}");
        assert!(estimates.iter().any(|estimate| !estimate.used));
    }

    #[test]
    fn a_stray_first_fix_is_outvoted_by_the_next_ones() {
        let mut filter = PositionFilter::new(FOLLOW_ACCELERATION);
        filter.push(&fix(150.0, 0.0, 0.0, 5.0)).unwrap();
        let mut last = None;
        for i in 1..10 {
            last = filter.push(&fix(0.0, 0.0, i as f64, 5.0));
        }
        let last = last.unwrap();
        let (east, _) = frame().project((last.longitude, last.latitude));
        assert!(east.abs() < 5.0, "{east}");
    }

    #[test]
    fn smoothing_keeps_a_hairpin_turn() {
        // 100 m north, a 180° turn of radius 5 m, 100 m back south: 215.7 m.
        let mut path = Vec::new();
        for i in 0..=100 {
            path.push((0.0, i as f64));
        }
        for k in 1..16 {
            let angle = std::f64::consts::PI * k as f64 / 16.0;
            path.push((5.0 - 5.0 * angle.cos(), 100.0 + 5.0 * angle.sin()));
        }
        for i in 0..=100 {
            path.push((10.0, 100.0 - i as f64));
        }
        let fixes: Vec<Fix> = path
            .iter()
            .enumerate()
            .map(|(i, (x, y))| fix(*x, *y, i as f64, 5.0))
            .collect();
        let length = distance(&walk_through(&mut TrackEstimator::new(), &fixes));
        let truth = 200.0 + 5.0 * std::f64::consts::PI;
        assert!((length - truth).abs() / truth < 0.03, "{length}");
    }
}
