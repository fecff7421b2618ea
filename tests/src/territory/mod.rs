//! Deterministic synthetic territories: a mountain park around the Écrins
//! (lng 6.0-6.6, lat 44.6-45.0) with treks draped on a generated relief, POIs,
//! signage, infrastructure, sensitive areas, information desks, touristic
//! contents and events, outdoor sites and courses, flat pages, services, HD
//! viewpoints, portals, cities, districts and every reference list, stored in
//! the exact JSON shape of a current Geotrek-admin API v2. Same spec, same
//! bytes. Mutations ([`Territory::touch`], [`Territory::unpublish`],
//! [`Territory::delete`], [`Territory::add_trek`]) drive incremental-sync tests.

mod attachments;
pub mod clock;
pub mod geodesy;
pub mod json;
mod modules;
mod objects;
mod record;
mod reference;
mod resource;
mod terrain;
mod treks;
mod words;
mod zoning;

use std::collections::BTreeMap;

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

pub use attachments::THUMBNAIL_SUFFIX;
pub use modules::PORTALS;
pub use record::{Footprint, Publication, Record};
pub use resource::{ListOrder, PublishedField, Resource};
pub use treks::{Measures, measures, path_of as trek_path};

use geodesy::LocalFrame;
use reference::References;
use terrain::Terrain;
use zoning::Zoning;

/// The park's extent, `[west, south, east, north]` in WGS84 (`config.bbox`).
pub const PARK_EXTENT: [f64; 4] = [6.0, 44.6, 6.6, 45.0];

/// Objects by resource, then by id.
pub type Collections = BTreeMap<Resource, BTreeMap<u64, Record>>;

/// How big a territory is and how it is seeded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerritorySpec {
    pub seed: u64,
    /// Treks, counting each multi-day tour's parent and steps.
    pub treks: usize,
    /// Fewest vertices of a trek geometry (a tour's parent sums its steps').
    pub vertices_min: usize,
    /// Most vertices of a trek geometry.
    pub vertices_max: usize,
    pub pois: usize,
    pub signage: usize,
    pub infrastructure: usize,
    pub sensitive_areas: usize,
    pub information_desks: usize,
    pub tourist_contents: usize,
    pub tourist_events: usize,
    /// The park's languages, the first being the default one (`fr`, `en`).
    pub languages: Vec<String>,
}

impl TerritorySpec {
    /// A park to try things with: about 40 treks of 300-1,500 vertices.
    pub fn demo() -> Self {
        TerritorySpec {
            seed: 2024,
            treks: 40,
            vertices_min: 300,
            vertices_max: 1_500,
            pois: 300,
            signage: 200,
            infrastructure: 120,
            sensitive_areas: 20,
            information_desks: 8,
            tourist_contents: 40,
            tourist_events: 20,
            languages: vec!["fr".into(), "en".into()],
        }
    }

    /// The benchmark park: 2,000 treks of 100-5,000 vertices, 20,000 POIs.
    pub fn large() -> Self {
        TerritorySpec {
            seed: 2025,
            treks: 2_000,
            vertices_min: 100,
            vertices_max: 5_000,
            pois: 20_000,
            signage: 5_000,
            infrastructure: 2_000,
            sensitive_areas: 500,
            information_desks: 40,
            tourist_contents: 600,
            tourist_events: 200,
            languages: vec!["fr".into(), "en".into()],
        }
    }

    /// A tiny park for fast tests: `treks` treks of 20-60 vertices and a few of everything.
    pub fn small(seed: u64, treks: usize) -> Self {
        TerritorySpec {
            seed,
            treks,
            vertices_min: 20,
            vertices_max: 60,
            pois: treks * 3,
            signage: treks * 2,
            infrastructure: treks,
            sensitive_areas: 6,
            information_desks: 3,
            tourist_contents: 4,
            tourist_events: 3,
            languages: vec!["fr".into(), "en".into()],
        }
    }
}

/// A generator stream: the same `(seed, stream, index)` always gives the same numbers,
/// whatever else was generated before.
pub(crate) fn stream_rng(seed: u64, stream: &str, index: u64) -> StdRng {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in stream
        .bytes()
        .chain(index.to_le_bytes())
        .chain(seed.to_le_bytes())
    {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    StdRng::seed_from_u64(hash)
}

/// A random (version 4) UUID string, drawn from `rng` so parks are reproducible.
pub(crate) fn uuid(rng: &mut impl Rng) -> String {
    uuid::Builder::from_random_bytes(rng.random())
        .into_uuid()
        .to_string()
}

/// Between `min` and `max` of `ids`, sorted.
pub(crate) fn pick_some(rng: &mut impl Rng, ids: &[u64], min: usize, max: usize) -> Vec<u64> {
    let count = rng.random_range(min.min(ids.len())..=max.min(ids.len()));
    let mut chosen: Vec<u64> = ids.choose_multiple(rng, count).copied().collect();
    chosen.sort_unstable();
    chosen
}

/// Hands out ids like a database with some deleted rows: increasing, with gaps.
#[derive(Clone, Debug)]
pub(crate) struct Ids {
    rng: StdRng,
    next: BTreeMap<Resource, u64>,
}

impl Ids {
    fn new(seed: u64) -> Self {
        Ids {
            rng: stream_rng(seed, "ids", 0),
            next: BTreeMap::new(),
        }
    }

    fn first_id(resource: Resource) -> u64 {
        match resource {
            Resource::Trek => 10_000,
            Resource::Poi => 20_000,
            Resource::Signage => 100_000,
            Resource::Infrastructure => 150_000,
            Resource::TouristicContent => 1_000,
            Resource::TouristicEvent => 500,
            _ => 1,
        }
    }

    pub(crate) fn next(&mut self, resource: Resource) -> u64 {
        let next = self
            .next
            .entry(resource)
            .or_insert_with(|| Ids::first_id(resource));
        let id = *next;
        let gap = if self.rng.random_ratio(1, 5) {
            self.rng.random_range(1..4)
        } else {
            0
        };
        *next += 1 + gap;
        id
    }
}

/// Everything generators share: the relief, the zoning, the reference ids and the objects so far.
pub(crate) struct World {
    pub seed: u64,
    pub languages: Vec<String>,
    pub frame: LocalFrame,
    pub terrain: Terrain,
    pub zoning: Zoning,
    pub references: References,
    /// `(id, lng, lat)` of the information desks.
    pub desks: Vec<(u64, f64, f64)>,
    /// Vertex count range of trek geometries.
    pub vertices: (usize, usize),
    pub ids: Ids,
    pub collections: Collections,
}

impl World {
    /// Elevation at a point given in local metres.
    pub fn elevation_metric(&self, point: (f64, f64)) -> f64 {
        let (lng, lat) = self.frame.to_degrees(point.0, point.1);
        self.terrain.elevation(lng, lat)
    }

    pub fn vertex_count(&self, rng: &mut impl Rng) -> usize {
        rng.random_range(self.vertices.0..=self.vertices.1.max(self.vertices.0))
    }

    /// The ids of the `count` desks nearest to `(lng, lat)`.
    pub fn nearest_desks(&self, (lng, lat): (f64, f64), count: usize) -> Vec<u64> {
        let mut by_distance: Vec<(f64, u64)> = self
            .desks
            .iter()
            .map(|&(id, dlng, dlat)| ((dlng - lng).powi(2) + (dlat - lat).powi(2), id))
            .collect();
        by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut ids: Vec<u64> = by_distance.iter().take(count).map(|(_, id)| *id).collect();
        ids.sort_unstable();
        ids
    }

    /// A city's name.
    pub fn city_name(&self, id: u64) -> Option<&str> {
        let city = self.collections.get(&Resource::City)?.get(&id)?;
        city.body.get("name")?.as_str()
    }

    pub fn insert(&mut self, resource: Resource, record: Record) {
        self.collections
            .entry(resource)
            .or_default()
            .insert(record.id, record);
    }
}

/// What [`Territory::touch`] changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub treks: Vec<u64>,
    pub pois: Vec<u64>,
    pub signage: Vec<u64>,
}

impl Touched {
    /// How many objects changed.
    pub fn len(&self) -> usize {
        self.treks.len() + self.pois.len() + self.signage.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A generated park, held in memory, served by [`crate::api_server::ApiServer`].
pub struct Territory {
    spec: TerritorySpec,
    world: World,
    added_treks: u64,
}

impl Territory {
    /// Generates the park described by `spec`; the same spec always gives the same park.
    pub fn generate(spec: &TerritorySpec) -> Territory {
        let frame = LocalFrame::new(6.3, 44.8);
        let mut collections = Collections::new();
        let mut rng = stream_rng(spec.seed, "reference", 0);
        let lifetime = clock::generated_lifetime(&mut rng);
        let references = reference::generate(&spec.languages, lifetime, &mut collections);
        let zoning = Zoning::generate(frame, lifetime, &mut collections);
        let mut world = World {
            seed: spec.seed,
            languages: spec.languages.clone(),
            frame,
            terrain: Terrain::new(spec.seed, frame),
            zoning,
            references,
            desks: Vec::new(),
            vertices: (spec.vertices_min.max(2), spec.vertices_max.max(2)),
            ids: Ids::new(spec.seed),
            collections,
        };
        objects::information_desks(&mut world, spec.information_desks);
        let traces = treks::generate(&mut world, spec.treks);
        objects::pois(&mut world, &traces, spec.pois);
        objects::signage(&mut world, &traces, spec.signage);
        objects::infrastructure(&mut world, &traces, spec.infrastructure);
        objects::sensitive_areas(&mut world, &traces, spec.sensitive_areas);
        objects::touristic_contents(&mut world, spec.tourist_contents);
        objects::touristic_events(&mut world, spec.tourist_events);
        // Outdoor sites grow with the tourism, services with the signage.
        let outdoor_sites = (spec.tourist_contents / 8).max(2);
        modules::generate(&mut world, &traces, outdoor_sites, spec.signage / 5);
        Territory {
            spec: spec.clone(),
            world,
            added_treks: 0,
        }
    }

    pub fn spec(&self) -> &TerritorySpec {
        &self.spec
    }

    /// The park's languages, default first.
    pub fn languages(&self) -> &[String] {
        &self.world.languages
    }

    /// The objects of `resource` by id (tours are treks).
    pub fn collection(&self, resource: Resource) -> Option<&BTreeMap<u64, Record>> {
        self.world.collections.get(&resource.storage())
    }

    /// One object.
    pub fn record(&self, resource: Resource, id: u64) -> Option<&Record> {
        self.collection(resource)?.get(&id)
    }

    /// The ids of every stored object of `resource`, published or not.
    pub fn ids(&self, resource: Resource) -> Vec<u64> {
        self.collection(resource)
            .map(|c| c.keys().copied().collect())
            .unwrap_or_default()
    }

    /// How many objects of `resource` are published in `language` (`None`: in any).
    pub fn published_count(&self, resource: Resource, language: Option<&str>) -> usize {
        self.collection(resource).map_or(0, |c| {
            c.values()
                .filter(|r| r.publication.is_published(language))
                .count()
        })
    }

    /// Edits `fraction` of the treks, POIs and signage (names and geometry) and
    /// marks them modified now; `seed` picks which.
    pub fn touch(&mut self, fraction: f64, seed: u64) -> Touched {
        let now = clock::now();
        let mut rng = stream_rng(self.spec.seed ^ seed, "touch", seed);
        let mut touched = Touched::default();
        for resource in [Resource::Trek, Resource::Poi, Resource::Signage] {
            let ids = self.ids(resource);
            let count =
                ((ids.len() as f64 * fraction.clamp(0.0, 1.0)).ceil() as usize).min(ids.len());
            let mut chosen: Vec<u64> = ids.choose_multiple(&mut rng, count).copied().collect();
            chosen.sort_unstable();
            for &id in &chosen {
                self.edit(resource, id, &mut rng);
                if let Some(record) = self
                    .world
                    .collections
                    .get_mut(&resource)
                    .and_then(|c| c.get_mut(&id))
                {
                    record.touch(resource, now);
                }
            }
            match resource {
                Resource::Trek => touched.treks = chosen,
                Resource::Poi => touched.pois = chosen,
                _ => touched.signage = chosen,
            }
        }
        touched
    }

    fn edit(&mut self, resource: Resource, id: u64, rng: &mut StdRng) {
        let world = &mut self.world;
        let Some(record) = world
            .collections
            .get_mut(&resource)
            .and_then(|c| c.get_mut(&id))
        else {
            return;
        };
        match resource {
            Resource::Trek => {
                objects::revise_name(&mut record.body);
                let in_tour = record.body["children"]
                    .as_array()
                    .is_some_and(|c| !c.is_empty())
                    || record.body["parents"]
                        .as_array()
                        .is_some_and(|p| !p.is_empty());
                if !in_tour {
                    let path = treks::path_of(&record.body);
                    let moved = treks::nudge_path(rng, &world.terrain, &path);
                    treks::set_geometry(&mut record.body, &moved);
                    record.footprint = Footprint::line(&treks::flat_points(&moved));
                }
            }
            Resource::Poi | Resource::Signage => {
                objects::revise_name(&mut record.body);
                let (lng, lat) = objects::point_of(&record.body);
                let (lng, lat) = (
                    geodesy::round7(lng + rng.random_range(-0.0003..0.0003)),
                    geodesy::round7(lat + rng.random_range(-0.0003..0.0003)),
                );
                let ele = world.terrain.elevation(lng, lat);
                record.body["geometry"] = objects::point_geometry(lng, lat, ele);
                record.footprint = Footprint::point(lng, lat);
            }
            _ => {}
        }
    }

    /// Marks one object modified now, its content unchanged.
    pub fn touch_record(&mut self, resource: Resource, id: u64) {
        let storage = resource.storage();
        if let Some(record) = self
            .world
            .collections
            .get_mut(&storage)
            .and_then(|c| c.get_mut(&id))
        {
            record.touch(storage, clock::now());
        }
    }

    /// Withdraws objects from publication (they stay in the store, unlisted).
    pub fn unpublish(&mut self, resource: Resource, ids: &[u64]) {
        let storage = resource.storage();
        if let Some(collection) = self.world.collections.get_mut(&storage) {
            for id in ids {
                if let Some(record) = collection.get_mut(id) {
                    record.unpublish(storage);
                }
            }
        }
    }

    /// Deletes objects, as Geotrek does without telling anyone.
    pub fn delete(&mut self, resource: Resource, ids: &[u64]) {
        if let Some(collection) = self.world.collections.get_mut(&resource.storage()) {
            for id in ids {
                collection.remove(id);
            }
        }
    }

    /// Adds a new published loop trek, created now; returns its id.
    pub fn add_trek(&mut self) -> u64 {
        self.added_treks += 1;
        let mut rng = stream_rng(self.spec.seed, "added-trek", self.added_treks);
        let index = self.spec.treks + self.added_treks as usize;
        let trace = treks::add_single(&mut rng, &mut self.world, index, treks::Shape::Loop);
        let now = clock::now();
        if let Some(record) = self
            .world
            .collections
            .get_mut(&Resource::Trek)
            .and_then(|c| c.get_mut(&trace.id))
        {
            record.created = now;
            record.publication = Publication::PerLanguage(
                self.world
                    .languages
                    .iter()
                    .map(|l| (l.clone(), true))
                    .collect(),
            );
            record.touch(Resource::Trek, now);
        }
        trace.id
    }
}
