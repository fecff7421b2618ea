//! Following a trek on the map: the core's follower fed with the device's
//! fixes; its state is the banner (what it says first, distance, climb and
//! time left, the point ahead, the sensitive areas the hiker is in) and
//! its events the alerts, every one worded in the user's units and language;
//! the trek's elevation profile with the hiker's place on it ("where am I"),
//! and the map point of any distance along that profile.

use std::sync::{Arc, RwLock};

use super::actor::{Machine, Mailbox};
use super::observable::{Observable, Subscriber};
use super::settings::{Settings, SettingsState};
use super::trek_detail::ProfileChart;
use crate::catalog::{Catalog, ElevationProfile};
use crate::geodesy::LatLon;
use crate::locale::{Language, UserMessage, Wording};
use crate::measures::MeasureFormatter;
use crate::runtime::TaskFailed;
use crate::trail::profile_axis::{ProfileAxis, ProfileMarker};
use crate::trail::recorder::now_ms;
use crate::trail::{
    Fix, FollowHeadline, FollowState, Follower, FollowerConfig, FollowerEvent, Route,
};

/// The follow banner, every figure and sentence written by the core.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FollowBanner {
    /// What the banner says first, in the core's order of importance.
    pub headline: FollowHeadline,
    /// `Off the trek by 150 m`, `On the trek`...
    pub status: String,
    /// `4.2 km to go`.
    pub distance_left: String,
    /// `350 m of ascent left`.
    pub ascent_left: String,
    /// `Arrival around 16:40 (2 h 05)`, once the pace is known.
    pub arrival: Option<String>,
    /// `Refuge du Pelvoux in 800 m`.
    pub point_ahead: Option<String>,
    /// `In the sensitive area Aigle royal`, one per area the hiker is in.
    pub sensitive_areas: Vec<String>,
    /// Where the hiker is on the trek's profile (the point of the route
    /// nearest them); `None` when the trek has no profile.
    pub on_profile: Option<ProfileMarker>,
}

/// The follow screen.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FollowScreenState {
    /// The trek followed; `None` when none.
    pub trek_id: Option<i64>,
    pub trek_name: Option<String>,
    /// The trek's elevation profile; `None` when it has no elevations.
    pub profile: Option<ProfileChart>,
    /// `None` until the first fix.
    pub banner: Option<FollowBanner>,
    /// The follower's latest announcement, for screen readers and the banner.
    pub alert: Option<String>,
    pub error: Option<String>,
}

enum Action {
    Follow(Option<(Arc<Catalog>, i64)>),
    Fix(Fix, i32),
    /// The settings changed (boxed: the other actions are small).
    Settings(Box<SettingsState>),
}

/// Following one trek of the pack in use (a handle: its clones drive the
/// same screen, as the trek detail's "follow" does).
#[derive(Clone)]
pub struct FollowScreen {
    state: Arc<Observable<FollowScreenState>>,
    /// The followed trek's profile axis, set by the screen's task once the
    /// trek is open; read by [`FollowScreen::point_on_profile`].
    axis: SharedAxis,
    mailbox: Mailbox<Action>,
}

type SharedAxis = Arc<RwLock<Option<ProfileAxis>>>;

impl FollowScreen {
    pub fn open(settings: Arc<Settings>) -> FollowScreen {
        // Subscribed before the screen reads the settings: no change is missed.
        let changes = settings.subscribe();
        let state = Arc::new(Observable::new(FollowScreenState {
            trek_id: None,
            trek_name: None,
            profile: None,
            banner: None,
            alert: None,
            error: None,
        }));
        let axis = SharedAxis::default();
        let mailbox = Mailbox::start(Following {
            measures: settings.measures(),
            language: settings.language(),
            follower: None,
            profile: None,
            last: None,
            last_event: None,
            utc_offset_minutes: 0,
            state: Arc::clone(&state),
            axis: Arc::clone(&axis),
        });
        mailbox.follow(changes, |state| Action::Settings(Box::new(state)));
        FollowScreen {
            state,
            axis,
            mailbox,
        }
    }

    pub fn state(&self) -> FollowScreenState {
        self.state.get()
    }

    pub fn subscribe(&self) -> Subscriber<FollowScreenState> {
        self.state.subscribe()
    }

    /// Follows trek `id` of `catalog`; `None` stops following.
    pub fn follow(&self, trek: Option<(Arc<Catalog>, i64)>) {
        self.mailbox.send(Action::Follow(trek));
    }

    /// A fix of the device (stamped now when it has no time), on a clock
    /// `utc_offset_minutes` from UTC (for the arrival time).
    pub fn push_fix(&self, fix: Fix, utc_offset_minutes: i32) {
        self.mailbox.send(Action::Fix(fix, utc_offset_minutes));
    }

    /// The point of the followed trek `along_m` along its profile (clamped
    /// to the trek), for the map to show what the hiker tapped on the
    /// profile; `None` while no trek with a profile is followed.
    pub fn point_on_profile(&self, along_m: f64) -> Option<LatLon> {
        let axis = self
            .axis
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        axis.as_ref()
            .filter(|_| along_m.is_finite())
            .map(|axis| axis.position_at(along_m))
    }

    pub async fn settled(&self) {
        self.mailbox.settled().await;
    }
}

struct Following {
    measures: MeasureFormatter,
    language: Language,
    follower: Option<(Follower, Route)>,
    /// The followed trek's elevation profile, charted in the current units.
    profile: Option<ElevationProfile>,
    last: Option<FollowState>,
    last_event: Option<FollowerEvent>,
    utc_offset_minutes: i32,
    state: Arc<Observable<FollowScreenState>>,
    axis: SharedAxis,
}

impl Machine for Following {
    type Action = Action;

    async fn act(&mut self, action: Action) {
        match action {
            Action::Follow(trek) => self.start(trek),
            Action::Fix(fix, utc_offset_minutes) => {
                self.utc_offset_minutes = utc_offset_minutes;
                let Some((follower, _)) = &mut self.follower else {
                    return;
                };
                let mut events = follower.update(&fix.stamped(now_ms()));
                self.last = Some(follower.state());
                if let Some(event) = events.pop() {
                    self.last_event = Some(event);
                }
            }
            Action::Settings(settings) => {
                self.language = settings.language;
                self.measures = MeasureFormatter::in_language(settings.units, settings.language);
            }
        }
        self.render();
    }

    fn on_panic(&mut self, failed: TaskFailed) {
        let message = failed.message(self.language);
        self.state.update(|state| state.error = Some(message));
    }
}

impl Following {
    fn start(&mut self, trek: Option<(Arc<Catalog>, i64)>) {
        self.follower = None;
        self.profile = None;
        self.last = None;
        self.last_event = None;
        self.set_axis(None);
        let Some((catalog, id)) = trek else {
            self.state.set(FollowScreenState {
                trek_id: None,
                trek_name: None,
                profile: None,
                banner: None,
                alert: None,
                error: None,
            });
            return;
        };
        let opened = catalog
            .trek_detail(id, self.language.code())
            .map_err(|error| error.message(self.language))
            .and_then(|detail| {
                let route = Route::from_trek(&detail);
                Follower::new(route.clone(), FollowerConfig::default())
                    .map(|follower| (follower, route, detail.profile))
                    .map_err(|error| error.message(self.language))
            });
        let (name, error) = match opened {
            Ok((follower, route, profile)) => {
                let name = route.name.clone();
                // A trek without elevations has no profile to place the hiker on.
                let axis =
                    ProfileAxis::new(&route.line, &profile.distances_m, &profile.elevations_m).ok();
                self.set_axis(axis);
                self.profile = Some(profile);
                self.follower = Some((follower, route));
                (Some(name), None)
            }
            Err(message) => (None, Some(message)),
        };
        self.state.set(FollowScreenState {
            trek_id: Some(id),
            trek_name: name,
            profile: None,
            banner: None,
            alert: None,
            error,
        });
    }

    fn set_axis(&self, axis: Option<ProfileAxis>) {
        *self
            .axis
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = axis;
    }

    fn render(&self) {
        let banner = match (&self.last, &self.follower) {
            (Some(state), Some((_, route))) => Some(self.banner(state, route)),
            _ => None,
        };
        let alert = self
            .last_event
            .as_ref()
            .map(|event| event_wording(event, &self.measures).into_language(self.language));
        let profile = self
            .profile
            .as_ref()
            .and_then(|profile| ProfileChart::of(profile, &self.measures, self.language));
        self.state.update(|state| {
            state.profile = profile;
            state.banner = banner;
            state.alert = alert;
        });
    }

    fn banner(&self, state: &FollowState, route: &Route) -> FollowBanner {
        let (m, language) = (&self.measures, self.language);
        let words = |wording: Wording| wording.into_language(language);
        let status = match state.headline {
            FollowHeadline::Waiting => Wording::new(
                "Waiting for your position…",
                "En attente de votre position…",
            )
            .it("In attesa della tua posizione…")
            .de("Warte auf deine Position…")
            .es("Esperando tu posición…"),
            FollowHeadline::OnRoute => Wording::new("On the trek", "Sur le parcours")
                .it("Sul percorso")
                .de("Auf der Route")
                .es("En la ruta"),
            FollowHeadline::WrongDirection => {
                Wording::new("Going the wrong way", "Vous allez dans le mauvais sens")
                    .it("Direzione sbagliata")
                    .de("Falsche Richtung")
                    .es("Vas en sentido contrario")
            }
            FollowHeadline::OffRoute => off_route(&m.distance(state.distance_from_route_m)),
            FollowHeadline::Arrived => Wording::new("Arrived", "Arrivé")
                .it("Arrivato")
                .de("Angekommen")
                .es("Has llegado"),
        };
        let left = m.distance(state.distance_remaining_m);
        let climb = m.elevation(state.ascent_remaining_m);
        let arrival = state
            .arrival_at_ms
            .zip(state.time_remaining_s)
            .map(|(at, seconds)| {
                let (time, duration) = (
                    m.clock_time(at, self.utc_offset_minutes),
                    m.duration(seconds),
                );
                words(
                    Wording::new(
                        format!("Arrival around {time} ({duration})"),
                        format!("Arrivée vers {time} ({duration})"),
                    )
                    .it(format!("Arrivo verso le {time} ({duration})"))
                    .de(format!("Ankunft gegen {time} ({duration})"))
                    .es(format!("Llegada hacia las {time} ({duration})")),
                )
            });
        FollowBanner {
            headline: state.headline,
            status: words(status),
            distance_left: words(
                Wording::new(format!("{left} to go"), format!("Encore {left}"))
                    .it(format!("Mancano {left}"))
                    .de(format!("Noch {left}"))
                    .es(format!("Quedan {left}")),
            ),
            ascent_left: words(
                Wording::new(
                    format!("{climb} of ascent left"),
                    format!("Encore {climb} de montée"),
                )
                .it(format!("Mancano {climb} di salita"))
                .de(format!("Noch {climb} Aufstieg"))
                .es(format!("Quedan {climb} de subida")),
            ),
            arrival,
            point_ahead: state.next_point.as_ref().map(|ahead| {
                words(point_ahead(
                    &ahead.point.name,
                    &m.distance(ahead.distance_m),
                ))
            }),
            sensitive_areas: state
                .inside_sensitive_zones
                .iter()
                .filter_map(|id| route.sensitive_zones.iter().find(|zone| zone.id == *id))
                .map(|zone| {
                    words(
                        Wording::new(
                            format!("In the sensitive area {}", zone.name),
                            format!("Dans la zone de sensibilité {}", zone.name),
                        )
                        .it(format!("Nell’area sensibile {}", zone.name))
                        .de(format!("Im Schutzgebiet {}", zone.name))
                        .es(format!("En la zona sensible {}", zone.name)),
                    )
                })
                .collect(),
            on_profile: self
                .axis
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .as_ref()
                .map(|axis| axis.marker(state.distance_done_m)),
        }
    }
}

/// What a follower event tells the hiker, in every language: the follow
/// screen's alert, and the desktop command's event lines.
pub fn event_wording(event: &FollowerEvent, m: &MeasureFormatter) -> Wording {
    match event {
        FollowerEvent::OffRoute { distance_m } => off_route(&m.distance(*distance_m)),
        FollowerEvent::BackOnRoute => Wording::new("Back on the trek", "De retour sur le parcours")
            .it("Di nuovo sul percorso")
            .de("Wieder auf der Route")
            .es("De nuevo en la ruta"),
        FollowerEvent::WrongDirection => {
            Wording::new("Going the wrong way", "Vous allez dans le mauvais sens")
                .it("Direzione sbagliata")
                .de("Falsche Richtung")
                .es("Vas en sentido contrario")
        }
        FollowerEvent::RightDirection => {
            Wording::new("Going the right way again", "De nouveau dans le bon sens")
                .it("Di nuovo nella direzione giusta")
                .de("Wieder in der richtigen Richtung")
                .es("De nuevo en el sentido correcto")
        }
        FollowerEvent::PointAhead { ahead } => {
            point_ahead(&ahead.point.name, &m.distance(ahead.distance_m))
        }
        FollowerEvent::EnteredSensitiveZone { name, .. } => Wording::new(
            format!("Entering the sensitive area {name}"),
            format!("Entrée dans la zone de sensibilité {name}"),
        )
        .it(format!("Ingresso nell’area sensibile {name}"))
        .de(format!("Du betrittst das Schutzgebiet {name}"))
        .es(format!("Entras en la zona sensible {name}")),
        FollowerEvent::LeftSensitiveZone { name, .. } => Wording::new(
            format!("Leaving the sensitive area {name}"),
            format!("Sortie de la zone de sensibilité {name}"),
        )
        .it(format!("Uscita dall’area sensibile {name}"))
        .de(format!("Du verlässt das Schutzgebiet {name}"))
        .es(format!("Sales de la zona sensible {name}")),
        FollowerEvent::Arrived => Wording::new("Arrived", "Arrivé")
            .it("Arrivato")
            .de("Angekommen")
            .es("Has llegado"),
    }
}

fn off_route(distance: &str) -> Wording {
    Wording::new(
        format!("Off the trek by {distance}"),
        format!("Hors du parcours de {distance}"),
    )
    .it(format!("Fuori percorso di {distance}"))
    .de(format!("{distance} abseits der Route"))
    .es(format!("Fuera de la ruta a {distance}"))
}

fn point_ahead(name: &str, distance: &str) -> Wording {
    Wording::new(
        format!("{name} in {distance}"),
        format!("{name} dans {distance}"),
    )
    .it(format!("{name} tra {distance}"))
    .de(format!("{name} in {distance}"))
    .es(format!("{name} a {distance}"))
}
