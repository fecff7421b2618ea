//! The self-contained route the follower follows: a 3D line, the points of
//! interest along it and the sensitive zones it crosses. Built from a cached
//! trek, from an imported GPX or from anything else that has a line.

use crate::catalog::TrekDetail;
use crate::geodesy::LatLon;

/// What a point along the route is, for the shells' icons and wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RoutePointKind {
    /// A Geotrek point of interest (viewpoint, refuge, spring...).
    Poi,
    /// A signpost.
    Signage,
    /// An information desk (tourist office, park house).
    InformationDesk,
    /// A waypoint of an imported GPX.
    Waypoint,
}

/// A point near the route that the follower announces when it comes up ahead.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RoutePoint {
    pub kind: RoutePointKind,
    /// The id in its source (Geotrek id, or the waypoint's index in a GPX).
    pub id: u64,
    pub name: String,
    pub position: LatLon,
}

/// A wildlife sensitive area: where, which months and which practices it applies to.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SensitiveZone {
    pub id: u64,
    pub name: String,
    /// Outer rings of the zone's polygons (holes are ignored: being near one is
    /// reason enough to be careful).
    pub polygons: Vec<Vec<LatLon>>,
    /// Geotrek's `period`: twelve booleans, January first.
    pub months: Vec<bool>,
    /// Practices concerned (Geotrek `sensitivearea_practice` ids); empty means all.
    pub practice_ids: Vec<u64>,
}

impl SensitiveZone {
    /// Whether the zone is sensitive in `month` (1-12) for the hiker's practice.
    pub fn applies(&self, month: u8, practice_id: Option<u64>) -> bool {
        let in_period = month
            .checked_sub(1)
            .and_then(|index| self.months.get(usize::from(index)))
            .copied()
            .unwrap_or(false);
        let for_practice = self.practice_ids.is_empty()
            || practice_id.is_none_or(|practice| self.practice_ids.contains(&practice));
        in_period && for_practice
    }
}

/// Everything the follower needs about the way to follow.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Route {
    pub name: String,
    /// The line from departure to arrival.
    pub line: Vec<LatLon>,
    pub points: Vec<RoutePoint>,
    pub sensitive_zones: Vec<SensitiveZone>,
    /// Geotrek's walking time for the whole route, hours, when known.
    pub duration_hours: Option<f64>,
}

impl Route {
    /// The route of a cached trek: its 3D line, the POIs, signage and
    /// information desks along it, the sensitive areas it crosses and
    /// Geotrek's walking time.
    pub fn from_trek(trek: &TrekDetail) -> Route {
        let pois = trek.pois.iter().map(|poi| RoutePoint {
            kind: RoutePointKind::Poi,
            id: poi.id as u64,
            name: poi.name.clone(),
            position: poi.position,
        });
        let signage = trek.signage.iter().map(|sign| RoutePoint {
            kind: RoutePointKind::Signage,
            id: sign.id as u64,
            name: sign.name.clone(),
            position: sign.position,
        });
        let desks = trek.information_desks.iter().filter_map(|desk| {
            Some(RoutePoint {
                kind: RoutePointKind::InformationDesk,
                id: desk.id as u64,
                name: desk.name.clone(),
                position: desk.position?,
            })
        });
        Route {
            name: trek.name.clone(),
            line: trek.geometry.clone(),
            points: pois.chain(signage).chain(desks).collect(),
            sensitive_zones: trek
                .sensitive_areas
                .iter()
                .map(|area| SensitiveZone {
                    id: area.id as u64,
                    name: area.name.clone(),
                    polygons: area.outline.clone(),
                    months: area.months.clone(),
                    practice_ids: area.practices.iter().map(|p| *p as u64).collect(),
                })
                .collect(),
            duration_hours: trek.duration_hours,
        }
    }

    /// A route that is only a line.
    pub fn from_line(name: impl Into<String>, line: Vec<LatLon>) -> Route {
        Route {
            name: name.into(),
            line,
            points: Vec::new(),
            sensitive_zones: Vec::new(),
            duration_hours: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(months: &[u8], practices: Vec<u64>) -> SensitiveZone {
        SensitiveZone {
            id: 1,
            name: "Aigle royal".into(),
            polygons: Vec::new(),
            months: (1..=12).map(|m| months.contains(&m)).collect(),
            practice_ids: practices,
        }
    }

    #[test]
    fn zone_applies_in_its_months_for_its_practices() {
        let nesting = zone(&[3, 4, 5], vec![1]);
        assert!(nesting.applies(4, Some(1)));
        assert!(nesting.applies(4, None));
        assert!(!nesting.applies(4, Some(2)));
        assert!(!nesting.applies(7, Some(1)));
        assert!(!nesting.applies(0, Some(1)));
        assert!(zone(&[7], vec![]).applies(7, Some(9)));
    }
}
