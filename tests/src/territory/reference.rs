//! The reference lists a park configures once (practices, difficulties,
//! themes, POI types, signage types, species practices, feedback categories,
//! ...), each in the exact shape of its Geotrek serializer, and the ids the
//! generated objects point to.

use serde_json::{Value, json};
use time::OffsetDateTime;

use super::Collections;
use super::json::{bilingual, server_path};
use super::record::{Publication, Record};
use super::resource::Resource;
use super::words::slugify;

/// Route ids by trek shape (`trek_route`).
#[derive(Clone, Copy, Debug)]
pub struct Routes {
    pub loop_route: u64,
    pub return_route: u64,
    pub crossing: u64,
}

/// A touristic content category and its two groups of types:
/// `(category id, [(group id = category * 100 + i, type ids)])`.
#[derive(Clone, Debug)]
pub struct ContentCategory {
    pub id: u64,
    pub type_groups: Vec<(u64, Vec<u64>)>,
}

/// The ids generated objects refer to.
#[derive(Clone, Debug)]
pub struct References {
    pub practices: Vec<u64>,
    pub difficulties: Vec<u64>,
    pub routes: Routes,
    pub networks: Vec<u64>,
    pub themes: Vec<u64>,
    pub labels: Vec<u64>,
    pub accessibilities: Vec<u64>,
    /// `(id, French label)`: POI names derive from their type.
    pub poi_types: Vec<(u64, &'static str, &'static str)>,
    pub signage_types: Vec<u64>,
    pub signage_conditions: Vec<u64>,
    pub signage_sealings: Vec<u64>,
    /// `(id, label)`: infrastructure names derive from their type.
    pub infrastructure_types: Vec<(u64, &'static str)>,
    pub infrastructure_conditions: Vec<u64>,
    pub sensitive_practices: Vec<u64>,
    pub information_desk_types: Vec<u64>,
    pub content_categories: Vec<ContentCategory>,
    pub event_types: Vec<u64>,
}

const PRACTICES: &[(&str, &str, &str)] = &[
    ("Pédestre", "Hiking", "practice-hiking"),
    ("VTT", "Mountain bike", "practice-mountainbike"),
    ("Trail", "Trail running", "practice-trail"),
    ("Cheval", "Horse riding", "practice-horse"),
    ("Raquettes", "Snowshoeing", "practice-snowshoes"),
];
const DIFFICULTIES: &[(&str, &str)] = &[
    ("Très facile", "Very easy"),
    ("Facile", "Easy"),
    ("Moyen", "Medium"),
    ("Difficile", "Difficult"),
    ("Très difficile", "Very difficult"),
];
const ROUTES: &[(&str, &str, &str)] = &[
    ("Boucle", "Loop", "route-loop"),
    ("Aller-retour", "Return trip", "route-return"),
    ("Traversée", "Crossing", "route-cross"),
];
const NETWORKS: &[(&str, Option<&str>)] = &[
    ("GR", Some("GR")),
    ("GRP", None),
    ("PR", None),
    ("VTT", Some("MTB")),
    ("Sentier du Parc", Some("Park trail")),
];
const THEMES: &[(&str, &str)] = &[
    ("Faune", "Fauna"),
    ("Flore", "Flora"),
    ("Géologie", "Geology"),
    ("Glacier", "Glacier"),
    ("Lac et cascade", "Lake and waterfall"),
    ("Pastoralisme", "Pastoralism"),
    ("Point de vue", "Viewpoint"),
    ("Refuge", "Mountain hut"),
    ("Patrimoine et histoire", "Heritage and history"),
    ("Sommet", "Summit"),
];
const LABELS: &[(&str, &str, &str, &str, bool)] = &[
    (
        "Cœur de parc",
        "Park core",
        "<p>Réglementation du cœur de parc : chiens, feux et bivouac encadrés.</p>",
        "<p>Core area rules: dogs, fires and bivouacs are regulated.</p>",
        true,
    ),
    (
        "Chiens interdits",
        "No dogs",
        "<p>Les chiens sont interdits, même tenus en laisse.</p>",
        "<p>Dogs are forbidden, even on a leash.</p>",
        true,
    ),
    (
        "Itinéraire labellisé",
        "Labelled route",
        "<p>Itinéraire entretenu et balisé par le Parc.</p>",
        "<p>Route maintained and waymarked by the Park.</p>",
        false,
    ),
    (
        "Famille",
        "Family",
        "<p>Idéal avec des enfants.</p>",
        "<p>Ideal with children.</p>",
        true,
    ),
];
const ACCESSIBILITIES: &[(&str, Option<&str>)] = &[
    ("Fauteuil roulant", Some("Wheelchair")),
    ("Poussette", Some("Pushchair")),
    ("Malvoyant", None),
    ("Handicap mental", Some("Mental disability")),
];
const POI_TYPES: &[(&str, Option<&str>)] = &[
    ("Lac", Some("Lake")),
    ("Sommet", Some("Summit")),
    ("Col", Some("Pass")),
    ("Refuge", Some("Hut")),
    ("Cascade", Some("Waterfall")),
    ("Point de vue", Some("Viewpoint")),
    ("Flore", Some("Flora")),
    ("Faune", Some("Fauna")),
    ("Glacier", Some("Glacier")),
    ("Petit patrimoine", Some("Small patrimony")),
    ("Architecture", None),
    ("Grotte", Some("Cave")),
    ("Source", Some("Spring")),
    ("Chapelle", Some("Chapel")),
    ("Géologie", Some("Geology")),
];
const SIGNAGE_TYPES: &[&str] = &[
    "Porte d'entrée du Parc",
    "Directionnelle",
    "Panneau d'information",
    "Réglementaire",
    "Panneau de départ",
    "Balise",
    "Totem",
    "Panneau d'interprétation",
    "Signalétique temporaire",
];
const CONDITIONS: &[&str] = &["Neuf", "Bon état", "Usé", "Dégradé", "À remplacer"];
const SEALINGS: &[&str] = &[
    "Socle béton",
    "Scellement chimique",
    "Piquet bois",
    "Fixé sur rocher",
];
const INFRASTRUCTURE_TYPES: &[(&str, &str, &str)] = &[
    ("Passerelle", "Facility", "infra-footbridge"),
    ("Aire de stationnement", "Building", "infra-parking"),
    ("Cabane pastorale", "Building", "infra-hut"),
    ("Refuge", "Building", "infra-refuge"),
    ("Banc", "Facility", "infra-bench"),
    ("Table d'orientation", "Facility", "infra-orientation"),
    ("Barrière", "Facility", "infra-gate"),
    ("Abreuvoir", "Facility", "infra-trough"),
    ("Escalier", "Facility", "infra-stairs"),
    ("Main courante", "Facility", "infra-handrail"),
    ("Toilettes sèches", "Building", "infra-toilets"),
];
const SENSITIVE_PRACTICES: &[(&str, &str)] = &[
    ("Terrestre", "Land"),
    ("Aérien", "Aerial"),
    ("Vertical", "Vertical"),
];
const DESK_TYPES: &[(&str, Option<&str>, &str)] = &[
    ("Maisons du parc", None, "desktype-info"),
    (
        "Office de tourisme",
        Some("Tourist office"),
        "desktype-tourism",
    ),
    (
        "Bureau des guides",
        Some("Mountain guides office"),
        "desktype-guides",
    ),
];
/// Category, then its two type groups with their values (French, English).
type CategorySpec = (
    (&'static str, &'static str),
    [(
        (&'static str, &'static str),
        &'static [(&'static str, &'static str)],
    ); 2],
);
const CONTENT_CATEGORIES: &[CategorySpec] = &[
    (
        ("Hébergement", "Accommodation"),
        [
            (
                ("Type d'usage", "Type of use"),
                &[
                    ("Gîte d'étape", "Stopover"),
                    ("Refuge", "Mountain hut"),
                    ("Camping", "Campsite"),
                ],
            ),
            (
                ("Label", "Label"),
                &[
                    ("Gîtes de France", "Gîtes de France"),
                    ("Esprit Parc", "Esprit Parc"),
                ],
            ),
        ],
    ),
    (
        ("Restauration", "Food"),
        [
            (
                ("Type", "Type"),
                &[("Restaurant", "Restaurant"), ("Ferme-auberge", "Farm inn")],
            ),
            (("Label", "Label"), &[("Produit du Parc", "Park produce")]),
        ],
    ),
    (
        ("Sorties", "Outings"),
        [
            (
                ("Activité", "Activity"),
                &[("Escalade", "Climbing"), ("Via ferrata", "Via ferrata")],
            ),
            (
                ("Public", "Audience"),
                &[("Famille", "Family"), ("Sportif", "Athletic")],
            ),
        ],
    ),
    (
        ("Patrimoine", "Heritage"),
        [
            (
                ("Type", "Type"),
                &[("Musée", "Museum"), ("Chapelle", "Chapel")],
            ),
            (("Période", "Period"), &[("Médiéval", "Medieval")]),
        ],
    ),
];
const EVENT_TYPES: &[(&str, &str)] = &[
    ("Exposition", "Exhibition"),
    ("Conférence", "Talk"),
    ("Sortie accompagnée", "Guided outing"),
    ("Fête", "Festival"),
    ("Projection", "Screening"),
];
const FEEDBACK_CATEGORIES: &[(&str, &str)] = &[
    ("Environnement", "Environment"),
    ("Balisage", "Waymarking"),
    ("Sentier", "Path"),
    ("Signalétique", "Signage"),
];
const FEEDBACK_ACTIVITIES: &[(&str, &str)] = &[
    ("Randonnée pédestre", "Trek"),
    ("VTT", "Mountain biking"),
    ("Trail", "Trail running"),
];
const FEEDBACK_MAGNITUDES: &[(&str, Option<&str>)] = &[
    ("Utilisation possible", None),
    ("Utilisation difficile", Some("Difficult to use")),
    ("Utilisation impossible", Some("Unusable")),
];

/// Adds the records of one reference resource, ids 1..=n.
struct Builder<'a> {
    collections: &'a mut Collections,
    languages: &'a [String],
    lifetime: (OffsetDateTime, OffsetDateTime),
}

impl Builder<'_> {
    fn add(&mut self, resource: Resource, bodies: Vec<Value>) -> Vec<u64> {
        let mut ids = Vec::with_capacity(bodies.len());
        for (index, body) in bodies.into_iter().enumerate() {
            let id = index as u64 + 1;
            let record = Record::new(resource, id, Publication::Always, self.lifetime, None, body);
            self.collections
                .entry(resource)
                .or_default()
                .insert(id, record);
            ids.push(id);
        }
        ids
    }

    fn text(&self, french: &str, english: Option<&str>) -> Value {
        bilingual(self.languages, Some(french), english)
    }
}

fn pictogram(name: &str, extension: &str) -> Value {
    server_path(format!("/media/upload/{name}.{extension}"))
}

/// Generates every reference list into `collections`.
pub fn generate(
    languages: &[String],
    lifetime: (OffsetDateTime, OffsetDateTime),
    collections: &mut Collections,
) -> References {
    let mut b = Builder {
        collections,
        languages,
        lifetime,
    };
    let practices = PRACTICES
        .iter()
        .enumerate()
        .map(|(i, (fr, en, picto))| {
            json!({"name": b.text(fr, Some(en)), "order": i + 1, "pictogram": pictogram(picto, "svg")})
        })
        .collect();
    let practices = b.add(Resource::TrekPractice, practices);
    let difficulties = DIFFICULTIES
        .iter()
        .enumerate()
        .map(|(i, (fr, en))| {
            json!({"cirkwi_level": i + 1, "label": b.text(fr, Some(en)),
                   "pictogram": pictogram(&format!("difficulty-{}", i + 1), "svg")})
        })
        .collect();
    let difficulties = b.add(Resource::TrekDifficulty, difficulties);
    let routes = ROUTES
        .iter()
        .map(|(fr, en, picto)| json!({"pictogram": pictogram(picto, "svg"), "route": b.text(fr, Some(en))}))
        .collect();
    let routes = b.add(Resource::TrekRoute, routes);
    let networks = NETWORKS
        .iter()
        .map(|(fr, en)| {
            json!({"label": b.text(fr, *en), "pictogram": pictogram(&format!("network-{}", slugify(fr)), "svg")})
        })
        .collect();
    let networks = b.add(Resource::TrekNetwork, networks);
    let themes = THEMES
        .iter()
        .map(|(fr, en)| {
            json!({"label": b.text(fr, Some(en)), "pictogram": pictogram(&format!("theme-{}", slugify(en)), "png")})
        })
        .collect();
    let themes = b.add(Resource::Theme, themes);
    let labels = LABELS
        .iter()
        .map(|(fr, en, advice_fr, advice_en, filter)| {
            json!({"advice": b.text(advice_fr, Some(advice_en)), "filter": filter,
                   "name": b.text(fr, Some(en)), "pictogram": pictogram(&format!("label-{}", slugify(en)), "png")})
        })
        .collect();
    let labels = b.add(Resource::Label, labels);
    let accessibilities = ACCESSIBILITIES
        .iter()
        .map(|(fr, en)| {
            json!({"name": b.text(fr, *en), "pictogram": pictogram(&format!("accessibility-{}", slugify(fr)), "png")})
        })
        .collect();
    let accessibilities = b.add(Resource::TrekAccessibility, accessibilities);
    let poi_type_bodies = POI_TYPES
        .iter()
        .map(|(fr, en)| {
            json!({"label": b.text(fr, *en), "pictogram": pictogram(&format!("poi-{}", slugify(fr)), "png")})
        })
        .collect();
    let poi_type_ids = b.add(Resource::PoiType, poi_type_bodies);
    let poi_types = poi_type_ids
        .iter()
        .zip(POI_TYPES)
        .map(|(id, (fr, en))| (*id, *fr, en.unwrap_or(fr)))
        .collect();
    let signage_types = SIGNAGE_TYPES
        .iter()
        .map(|label| json!({"label": label, "pictogram": Value::Null, "structure": Value::Null}))
        .collect();
    let signage_types = b.add(Resource::SignageType, signage_types);
    let plain_labels = |labels: &[&str]| -> Vec<Value> {
        labels
            .iter()
            .map(|label| json!({"label": label, "structure": Value::Null}))
            .collect()
    };
    let signage_conditions = b.add(Resource::SignageCondition, plain_labels(CONDITIONS));
    let signage_sealings = b.add(Resource::SignageSealing, plain_labels(SEALINGS));
    let infrastructure_conditions =
        b.add(Resource::InfrastructureCondition, plain_labels(CONDITIONS));
    let infrastructure_type_bodies = INFRASTRUCTURE_TYPES
        .iter()
        .map(|(label, kind, picto)| {
            json!({"label": label, "pictogram": pictogram(picto, "png"), "structure": Value::Null, "type": kind})
        })
        .collect();
    let infrastructure_type_ids = b.add(Resource::InfrastructureType, infrastructure_type_bodies);
    let infrastructure_types = infrastructure_type_ids
        .iter()
        .zip(INFRASTRUCTURE_TYPES)
        .map(|(id, (label, _, _))| (*id, *label))
        .collect();
    let sensitive_practices = SENSITIVE_PRACTICES
        .iter()
        .map(|(fr, en)| json!({"name": b.text(fr, Some(en))}))
        .collect();
    let sensitive_practices = b.add(Resource::SensitiveAreaPractice, sensitive_practices);
    let desk_types = DESK_TYPES
        .iter()
        .map(|(fr, en, picto)| json!({"label": b.text(fr, *en), "pictogram": pictogram(picto, "svg")}))
        .collect();
    let information_desk_types = b.add(Resource::InformationDeskType, desk_types);
    let (category_bodies, content_categories) = content_categories(&b);
    b.add(Resource::TouristicContentCategory, category_bodies);
    let event_types = EVENT_TYPES
        .iter()
        .map(|(fr, en)| {
            json!({"pictogram": pictogram(&format!("event-{}", slugify(en)), "svg"), "type": b.text(fr, Some(en))})
        })
        .collect();
    let event_types = b.add(Resource::TouristicEventType, event_types);
    let feedback = |list: &[(&str, Option<&str>)]| -> Vec<Value> {
        list.iter()
            .map(|(fr, en)| json!({"label": b.text(fr, *en)}))
            .collect()
    };
    let categories = feedback(&with_english(FEEDBACK_CATEGORIES));
    let activities = feedback(&with_english(FEEDBACK_ACTIVITIES));
    let magnitudes = feedback(FEEDBACK_MAGNITUDES);
    b.add(Resource::FeedbackCategory, categories);
    b.add(Resource::FeedbackActivity, activities);
    b.add(Resource::FeedbackMagnitude, magnitudes);
    References {
        practices,
        difficulties,
        routes: Routes {
            loop_route: routes[0],
            return_route: routes[1],
            crossing: routes[2],
        },
        networks,
        themes,
        labels,
        accessibilities,
        poi_types,
        signage_types,
        signage_conditions,
        signage_sealings,
        infrastructure_types,
        infrastructure_conditions,
        sensitive_practices,
        information_desk_types,
        content_categories,
        event_types,
    }
}

fn with_english<'a>(list: &[(&'a str, &'a str)]) -> Vec<(&'a str, Option<&'a str>)> {
    list.iter().map(|(fr, en)| (*fr, Some(*en))).collect()
}

/// The categories' JSON (with their `types` groups, ids `category * 100 + i`) and their ids.
fn content_categories(b: &Builder) -> (Vec<Value>, Vec<ContentCategory>) {
    let mut bodies = Vec::new();
    let mut categories = Vec::new();
    let mut next_type_id = 1;
    for (index, ((fr, en), groups)) in CONTENT_CATEGORIES.iter().enumerate() {
        let id = index as u64 + 1;
        let mut type_groups = Vec::new();
        let mut groups_json = Vec::new();
        for (group_index, ((group_fr, group_en), values)) in groups.iter().enumerate() {
            let group_id = id * 100 + group_index as u64 + 1;
            let mut ids = Vec::new();
            let mut values_json = Vec::new();
            for (value_fr, value_en) in values.iter() {
                ids.push(next_type_id);
                values_json.push(json!({
                    "id": next_type_id,
                    "label": b.text(value_fr, Some(value_en)),
                    "pictogram": Value::Null,
                }));
                next_type_id += 1;
            }
            groups_json.push(json!({
                "id": group_id,
                "label": b.text(group_fr, Some(group_en)),
                "values": values_json,
            }));
            type_groups.push((group_id, ids));
        }
        bodies.push(json!({
            "label": b.text(fr, Some(en)),
            "order": (index + 1) * 10,
            "pictogram": pictogram(&format!("touristiccontent-{}", slugify(en)), "svg"),
            "types": groups_json,
        }));
        categories.push(ContentCategory { id, type_groups });
    }
    (bodies, categories)
}
