//! Everything around the treks, each in the shape of its Geotrek serializer:
//! POIs, signage (blades, lines, pictograms) and infrastructure along the
//! trails, sensitive areas (species, 12-month `period`, rules) on and off them,
//! information desks in the towns, touristic contents and events.

use std::f64::consts::TAU;

use rand::Rng;
use rand::seq::IndexedRandom;
use serde_json::{Value, json};
use time::{Date, Duration, Month};

use super::attachments::photos;
use super::clock::generated_lifetime;
use super::geodesy::round7;
use super::json::{bilingual, server_path, translated, translations_mut};
use super::record::{Footprint, Publication, Record};
use super::resource::Resource;
use super::treks::TrekTrace;
use super::words::{CITIES, PLACES, Place, of, slugify};
use super::{World, pick_some, stream_rng, uuid};

/// A GeoJSON 3D point.
pub fn point_geometry(lng: f64, lat: f64, ele: f64) -> Value {
    json!({"type": "Point", "coordinates": [lng, lat, ele]})
}

/// `(lng, lat)` of an object whose geometry is a point.
pub fn point_of(body: &Value) -> (f64, f64) {
    let coordinates = &body["geometry"]["coordinates"];
    (
        coordinates[0].as_f64().unwrap_or(0.0),
        coordinates[1].as_f64().unwrap_or(0.0),
    )
}

/// Renames an object for a new revision: "X" -> "X (rév. 1)" -> "X (rév. 2)",
/// in English "(rev. n)", translated names in each language.
pub fn revise_name(body: &mut Value) {
    fn revise(name: &str, word: &str) -> String {
        let marker = format!(" ({word} ");
        if let Some(start) = name.rfind(&marker)
            && let Some(number) = name[start + marker.len()..]
                .strip_suffix(')')
                .and_then(|n| n.parse::<u32>().ok())
        {
            return format!("{} ({word} {})", &name[..start], number + 1);
        }
        format!("{name} ({word} 1)")
    }
    let name = &mut body["name"];
    if let Some(values) = translations_mut(name) {
        for (language, value) in values.iter_mut() {
            if let Some(text) = value.as_str() {
                let word = if language == "fr" { "rév." } else { "rev." };
                *value = revise(text, word).into();
            }
        }
    } else if let Some(text) = name.as_str() {
        *name = revise(text, "rév.").into();
    }
}

fn random_place(rng: &mut impl Rng) -> Place {
    *PLACES.choose(rng).unwrap_or(&PLACES[0])
}

/// A point `offset` metres or less beside a random vertex of a random trek.
fn beside_a_trek(
    rng: &mut impl Rng,
    world: &World,
    traces: &[TrekTrace],
    offset: f64,
) -> (f64, f64) {
    let fallback = (6.3, 44.8);
    let Some(trace) = traces.choose(rng) else {
        return fallback;
    };
    let Some(&(lng, lat)) = trace.points.choose(rng) else {
        return fallback;
    };
    let (e, n) = world.frame.to_metres(lng, lat);
    let angle = rng.random_range(0.0..TAU);
    let distance = rng.random_range(0.0..=offset);
    let (lng, lat) = world
        .frame
        .to_degrees(e + distance * angle.cos(), n + distance * angle.sin());
    (round7(lng), round7(lat))
}

fn english(translated: bool, text: String) -> Option<String> {
    translated.then_some(text)
}

/// Information desks, one per city until they run out, then again with other types.
pub fn information_desks(world: &mut World, count: usize) {
    let type_names = ["Maison du Parc", "Office de tourisme", "Bureau des guides"];
    let type_names_en = [
        "Park visitor centre",
        "Tourist office",
        "Mountain guides office",
    ];
    for index in 0..count {
        let mut rng = stream_rng(world.seed, "informationdesk", index as u64);
        let city = CITIES[index % CITIES.len()];
        let kind = (index / CITIES.len() + index) % type_names.len();
        let type_id = world.references.information_desk_types
            [kind % world.references.information_desk_types.len()];
        let type_json = world
            .collections
            .get(&Resource::InformationDeskType)
            .and_then(|c| c.get(&type_id))
            .map(|r| r.body.clone())
            .unwrap_or(Value::Null);
        let (lng, lat) = (
            round7(city.lng + rng.random_range(-0.004..0.004)),
            round7(city.lat + rng.random_range(-0.004..0.004)),
        );
        let translated = rng.random_bool(0.6);
        let languages = &world.languages;
        let name_fr = format!("{} de {}", type_names[kind], city.name);
        let name_en = format!("{} of {}", type_names_en[kind], city.name);
        let id = world.ids.next(Resource::InformationDesk);
        let body = json!({
            "accessibility": bilingual(languages, Some("Accessible aux personnes à mobilité réduite"), english(translated, "Wheelchair accessible".into()).as_deref()),
            "description": bilingual(languages, Some(&format!("<p>{name_fr} : accueil et informations.</p>")), english(translated, format!("<p>{name_en}: welcome and information.</p>")).as_deref()),
            "email": format!("accueil.{}@example.org", slugify(city.name)),
            "label_accessibility": if rng.random_bool(0.3) { Value::from(1) } else { Value::Null },
            "latitude": lat,
            "longitude": lng,
            "municipality": city.name,
            "name": bilingual(languages, Some(&name_fr), english(translated, name_en.clone()).as_deref()),
            "phone": format!("04 92 {:02} {:02} {:02}", rng.random_range(10..99), rng.random_range(10..99), rng.random_range(10..99)),
            "photo_url": server_path(format!("/media/upload/desk-{id}.jpg.150x150_q85.jpg")),
            "postal_code": format!("{}{}00", &city.code[..2], rng.random_range(1..4)),
            "provider": Value::Null,
            "street": "Place de la Mairie",
            "type": type_json,
            "uuid": uuid(&mut rng),
            "website": "https://www.ecrins-parcnational.fr",
        });
        let record = Record::new(
            Resource::InformationDesk,
            id,
            Publication::Always,
            generated_lifetime(&mut rng),
            Footprint::point(lng, lat),
            body,
        );
        world.insert(Resource::InformationDesk, record);
        world.desks.push((id, lng, lat));
    }
}

/// POIs, mostly within 80 m of a trek.
pub fn pois(world: &mut World, traces: &[TrekTrace], count: usize) {
    for index in 0..count {
        let mut rng = stream_rng(world.seed, "poi", index as u64);
        let (lng, lat) = beside_a_trek(&mut rng, world, traces, 80.0);
        let ele = world.terrain.elevation(lng, lat);
        let &(type_id, type_fr, type_en) = world
            .references
            .poi_types
            .choose(&mut rng)
            .unwrap_or(&(1, "Lac", "Lake"));
        let place = random_place(&mut rng);
        let (publication, translated) = Publication::generated(&mut rng, &world.languages, 0.8);
        let languages = &world.languages;
        let name_fr = format!("{type_fr} {}", of(&place));
        let name_en = format!("{} {}", place.name, type_en.to_lowercase());
        let id = world.ids.next(Resource::Poi);
        let type_json = &world.collections[&Resource::PoiType][&type_id].body;
        let photo_count = rng.random_range(0..=2);
        let body = json!({
            "attachments": photos(&mut rng, "trekking_poi", id, &name_fr, photo_count),
            "description": bilingual(languages,
                Some(&format!("<p>{name_fr} : un lieu remarquable {}.</p>", of(&place))),
                english(translated, format!("<p>{name_en}: a remarkable spot near {}.</p>", place.name)).as_deref()),
            "external_id": "",
            "geometry": point_geometry(lng, lat, ele),
            "name": bilingual(languages, Some(&name_fr), english(translated, name_en).as_deref()),
            "provider": Value::Null,
            "structure": 1,
            "type": type_id,
            "type_label": type_json["label"].clone(),
            "type_pictogram": type_json["pictogram"].clone(),
            "url": server_path(format!("/api/v2/poi/{id}/")),
            "uuid": uuid(&mut rng),
            "view_points": [],
        });
        let record = Record::new(
            Resource::Poi,
            id,
            publication,
            generated_lifetime(&mut rng),
            Footprint::point(lng, lat),
            body,
        );
        world.insert(Resource::Poi, record);
    }
}

/// `HH:MM:SS` for a walking time in hours.
fn walking_time(hours: f64) -> String {
    let minutes = (hours * 60.0).round() as u64;
    format!("{:02}:{:02}:00", minutes / 60, minutes % 60)
}

/// Signage on the treks, with blades pointing to places and walking times.
pub fn signage(world: &mut World, traces: &[TrekTrace], count: usize) {
    let mut blade_id = 1;
    let mut line_id = 1;
    for index in 0..count {
        let mut rng = stream_rng(world.seed, "signage", index as u64);
        let (lng, lat) = beside_a_trek(&mut rng, world, traces, 5.0);
        let ele = world.terrain.elevation(lng, lat);
        let place = random_place(&mut rng);
        let r = &world.references;
        let mut blades = Vec::new();
        for number in 1..=rng.random_range(1..=3) {
            let mut lines = Vec::new();
            for _ in 0..rng.random_range(1..=3) {
                let destination = random_place(&mut rng);
                let hours = rng.random_range(0.2..5.0);
                let code = rng.random_range(0..6);
                let label = ["Randonnée", "Refuge", "Sommet", "Lac", "Col", "Parking"][code];
                lines.push(json!({
                    "direction": rng.random_range(1..=5),
                    "distance": format!("{:.1}", hours * 3.5),
                    "id": line_id,
                    "pictograms": [{
                        "code": format!("P{code}"),
                        "description": format!("Pictogramme {code}"),
                        "label": label,
                        "pictogram": Value::Null,
                    }],
                    "text": super::words::with_article(&destination),
                    "time": walking_time(hours),
                }));
                line_id += 1;
            }
            blades.push(json!({
                "color": rng.random_range(1..=3),
                "direction": rng.random_range(1..=3),
                "id": blade_id,
                "lines": lines,
                "number": number.to_string(),
            }));
            blade_id += 1;
        }
        let conditions = pick_some(&mut rng, &r.signage_conditions, 0, 2);
        let id = world.ids.next(Resource::Signage);
        let body = json!({
            "attachments": if rng.random_bool(0.2) { photos(&mut rng, "signage_signage", id, &format!("Panneau {}", place.name), 1) } else { json!([]) },
            "blades": blades,
            "code": format!("S{:04}", index + 1),
            "condition": conditions.first(),
            "conditions": conditions,
            "description": format!("<p>Panneau directionnel {}.</p>", of(&place)),
            "eid": "",
            "geometry": point_geometry(lng, lat, ele),
            "implantation_year": rng.random_range(2005..=2025),
            "name": format!("Carrefour {}", of(&place)),
            "printed_elevation": ele.round() as i64,
            "provider": Value::Null,
            "sealing": r.signage_sealings.choose(&mut rng),
            "structure": 1,
            "type": r.signage_types.choose(&mut rng),
            "uuid": uuid(&mut rng),
        });
        let publication = Publication::Flag(rng.random_bool(0.98));
        let record = Record::new(
            Resource::Signage,
            id,
            publication,
            generated_lifetime(&mut rng),
            Footprint::point(lng, lat),
            body,
        );
        world.insert(Resource::Signage, record);
    }
}

/// Infrastructure (footbridges, benches, huts...) on the treks.
pub fn infrastructure(world: &mut World, traces: &[TrekTrace], count: usize) {
    for index in 0..count {
        let mut rng = stream_rng(world.seed, "infrastructure", index as u64);
        let (lng, lat) = beside_a_trek(&mut rng, world, traces, 10.0);
        let ele = world.terrain.elevation(lng, lat);
        let place = random_place(&mut rng);
        let r = &world.references;
        let &(type_id, type_label) = r
            .infrastructure_types
            .choose(&mut rng)
            .unwrap_or(&(1, "Passerelle"));
        let conditions = pick_some(&mut rng, &r.infrastructure_conditions, 0, 1);
        let accessible = rng.random_bool(0.2);
        let id = world.ids.next(Resource::Infrastructure);
        let body = json!({
            "accessibility": if accessible {
                bilingual(&world.languages, Some("Accessible en fauteuil"), Some("Wheelchair accessible"))
            } else {
                bilingual(&world.languages, None, None)
            },
            "attachments": [],
            "conditions": conditions,
            "description": "<p>Équipement.</p>",
            "eid": "",
            "geometry": point_geometry(lng, lat, ele),
            "implantation_year": rng.random_range(1995..=2025),
            "maintenance_difficulty": Value::Null,
            "name": format!("{type_label} {}", of(&place)),
            "provider": Value::Null,
            "structure": 1,
            "type": type_id,
            "usage_difficulty": Value::Null,
            "uuid": uuid(&mut rng),
        });
        let record = Record::new(
            Resource::Infrastructure,
            id,
            Publication::Flag(rng.random_bool(0.98)),
            generated_lifetime(&mut rng),
            Footprint::point(lng, lat),
            body,
        );
        world.insert(Resource::Infrastructure, record);
    }
}

/// A species protected by sensitive areas: names, months, practices (indexes), radius.
struct Species {
    french: &'static str,
    english: &'static str,
    months: &'static [u32],
    practices: &'static [usize],
    radius: Option<i64>,
}

const SPECIES: &[Species] = &[
    Species {
        french: "Aigle royal",
        english: "Golden eagle",
        months: &[2, 3, 4, 5, 6, 7],
        practices: &[1, 2],
        radius: Some(500),
    },
    Species {
        french: "Gypaète barbu",
        english: "Bearded vulture",
        months: &[11, 12, 1, 2, 3, 4, 5, 6, 7],
        practices: &[0, 1, 2],
        radius: Some(500),
    },
    Species {
        french: "Tétras-lyre",
        english: "Black grouse",
        months: &[12, 1, 2, 3, 5, 6, 7],
        practices: &[0],
        radius: None,
    },
    Species {
        french: "Faucon pèlerin",
        english: "Peregrine falcon",
        months: &[2, 3, 4, 5, 6, 7],
        practices: &[2, 0],
        radius: Some(250),
    },
    Species {
        french: "Lagopède alpin",
        english: "Rock ptarmigan",
        months: &[12, 1, 2, 3, 4],
        practices: &[0],
        radius: None,
    },
    Species {
        french: "Grand-duc d'Europe",
        english: "Eurasian eagle-owl",
        months: &[1, 2, 3, 4, 5, 6],
        practices: &[2],
        radius: Some(300),
    },
    Species {
        french: "Bouquetin des Alpes",
        english: "Alpine ibex",
        months: &[5, 6, 7],
        practices: &[0],
        radius: None,
    },
    Species {
        french: "Chamois",
        english: "Chamois",
        months: &[11, 12],
        practices: &[0],
        radius: None,
    },
];

/// The regulation rules sensitive areas reference.
fn rules(languages: &[String]) -> Vec<Value> {
    [
        (29, "PEDESTRIAN-FORBIDDEN", "Accès piéton interdit", "Pedestrian access forbidden",
         "La circulation est interdite pour préserver les milieux et garantir la protection de ses espèces.",
         "Traffic is forbidden to preserve the environment and guarantee the protection of these species."),
        (30, "PEDESTRIAN-REGULATED", "Accès piéton réglementé", "Regulated pedestrian access",
         "L'accès est réglementé pour préserver les milieux et garantir la protection de ses espèces.",
         "Access is regulated to preserve the environment and guarantee the protection of its species."),
        (19, "HORSE-FORBIDDEN", "Activités équestres interdites", "Equestrian activities forbidden", "", ""),
        (12, "DOG-FORBIDDEN", "Chiens interdits", "Dogs forbidden", "", ""),
    ]
    .into_iter()
    .map(|(id, code, name_fr, name_en, description_fr, description_en)| {
        json!({
            "code": code,
            "description": bilingual(languages, Some(description_fr), Some(description_en)),
            "id": id,
            "name": bilingual(languages, Some(name_fr), Some(name_en)),
            "pictogram": server_path(format!("/media/upload/rules/{code}.svg")),
            "url": "",
        })
    })
    .collect()
}

/// Sensitive areas: irregular polygons, half of them across a trek.
pub fn sensitive_areas(world: &mut World, traces: &[TrekTrace], count: usize) {
    let all_rules = rules(&world.languages);
    for index in 0..count {
        let mut rng = stream_rng(world.seed, "sensitivearea", index as u64);
        let species_index = rng.random_range(0..SPECIES.len());
        let species = &SPECIES[species_index];
        let (lng, lat) = if rng.random_bool(0.5) {
            beside_a_trek(&mut rng, world, traces, 50.0)
        } else {
            let [west, south, east, north] = super::PARK_EXTENT;
            (
                rng.random_range(west + 0.02..east - 0.02),
                rng.random_range(south + 0.02..north - 0.02),
            )
        };
        let (ce, cn) = world.frame.to_metres(lng, lat);
        let radius = rng.random_range(300.0..1_500.0);
        let (p1, p2) = (rng.random_range(0.0..TAU), rng.random_range(0.0..TAU));
        let mut ring: Vec<(f64, f64)> = (0..24)
            .map(|k| {
                let t = TAU * k as f64 / 24.0;
                let r = radius * (1.0 + 0.2 * (2.0 * t + p1).sin() + 0.1 * (5.0 * t + p2).sin());
                let (lng, lat) = world.frame.to_degrees(ce + r * t.cos(), cn + r * t.sin());
                (round7(lng), round7(lat))
            })
            .collect();
        ring.push(ring[0]);
        let coordinates: Vec<[f64; 2]> = ring.iter().map(|&(lng, lat)| [lng, lat]).collect();
        let period: Vec<bool> = (1..=12).map(|m| species.months.contains(&m)).collect();
        let practices: Vec<u64> = species
            .practices
            .iter()
            .filter_map(|&p| world.references.sensitive_practices.get(p).copied())
            .collect();
        let aerial = species.practices.contains(&1);
        let rule_count = rng.random_range(0..=3);
        let chosen_rules: Vec<Value> = all_rules.iter().take(rule_count).cloned().collect();
        let id = world.ids.next(Resource::SensitiveArea);
        let languages = &world.languages;
        let translated = rng.random_bool(0.5);
        let body = json!({
            "attachments": [],
            "contact": "<a href=\"mailto:contact@example.org\">contact@example.org</a>",
            "description": bilingual(languages,
                Some(&format!("<p>Zone de quiétude : {}.</p>", species.french)),
                english(translated, format!("<p>Quiet zone: {}.</p>", species.english)).as_deref()),
            "elevation": species.radius,
            "geometry": {"type": "Polygon", "coordinates": [coordinates]},
            "info_url": "https://www.ecrins-parcnational.fr",
            "kml_url": server_path(format!("/api/{}/sensitiveareas/{id}.kml", languages.first().map_or("fr", String::as_str))),
            "name": bilingual(languages, Some(species.french), english(translated, species.english.into()).as_deref()),
            "openair_url": if aerial { server_path(format!("/api/fr/sensitiveareas/{id}/openair")) } else { Value::Null },
            "period": period,
            "practices": practices,
            "provider": Value::Null,
            "rules": chosen_rules,
            "species_id": species_index as u64 + 1,
            "structure": 1,
            "url": server_path(format!("/api/v2/sensitivearea/{id}/")),
        });
        let record = Record::new(
            Resource::SensitiveArea,
            id,
            Publication::Flag(rng.random_bool(0.95)),
            generated_lifetime(&mut rng),
            Footprint::polygon(&ring),
            body,
        );
        world.insert(Resource::SensitiveArea, record);
    }
}

/// The parts every touristic model shares (`TouristicModelSerializer`).
fn touristic_common(
    world: &World,
    rng: &mut impl Rng,
    id: u64,
    kind: &str,
    name: (&str, &str),
    lng: f64,
    lat: f64,
) -> (Value, Publication) {
    let (publication, has_english) = Publication::generated(rng, &world.languages, 0.7);
    let languages = &world.languages;
    let slug = slugify(name.0);
    let (cities, city_codes) = world.zoning.cities_along(&[(lng, lat)]);
    let body = json!({
        "accessibility": bilingual(languages, Some(""), english(has_english, String::new()).as_deref()),
        "approved": rng.random_bool(0.3),
        "cities": cities,
        "city_codes": city_codes,
        "description": bilingual(languages,
            Some(&format!("<p>{} : au cœur de la vallée, une adresse du Parc.</p>", name.0)),
            english(has_english, format!("<p>{}: in the heart of the valley.</p>", name.1)).as_deref()),
        "description_teaser": bilingual(languages,
            Some(&format!("<p>{}</p>", name.0)),
            english(has_english, format!("<p>{}</p>", name.1)).as_deref()),
        "districts": world.zoning.district_at(lng, lat).into_iter().collect::<Vec<_>>(),
        "external_id": "",
        "geometry": {"type": "Point", "coordinates": [lng, lat]},
        "name": bilingual(languages, Some(name.0), english(has_english, name.1.to_string()).as_deref()),
        "pdf": translated(languages.iter().map(|l| (l.clone(), server_path(format!("/api/{l}/{kind}s/{id}/{slug}.pdf"))))),
        "portal": [],
        "practical_info": bilingual(languages,
            Some("<p>Ouvert de juin à septembre.</p>"),
            english(has_english, "<p>Open from June to September.</p>".into()).as_deref()),
        "provider": Value::Null,
        "source": [],
        "structure": 1,
        "themes": pick_some(rng, &world.references.themes, 0, 2),
        "url": server_path(format!("/api/v2/{kind}/{id}/")),
        "uuid": uuid(rng),
    });
    (body, publication)
}

fn near_a_town(rng: &mut impl Rng) -> (f64, f64) {
    let city = CITIES.choose(rng).unwrap_or(&CITIES[0]);
    (
        round7(city.lng + rng.random_range(-0.01..0.01)),
        round7(city.lat + rng.random_range(-0.01..0.01)),
    )
}

const CONTENT_NAMES: &[&[(&str, &str)]] = &[
    &[
        ("Gîte", "Lodge"),
        ("Refuge", "Hut"),
        ("Camping", "Campsite"),
    ],
    &[("Restaurant", "Restaurant"), ("Ferme-auberge", "Farm inn")],
    &[
        ("Via ferrata", "Via ferrata"),
        ("Site d'escalade", "Climbing site"),
    ],
    &[("Musée", "Museum"), ("Chapelle", "Chapel")],
];

/// Touristic contents: lodges, restaurants, outings and heritage near the towns.
pub fn touristic_contents(world: &mut World, count: usize) {
    for index in 0..count {
        let mut rng = stream_rng(world.seed, "touristiccontent", index as u64);
        let category_index = rng.random_range(0..world.references.content_categories.len());
        let category = world.references.content_categories[category_index].clone();
        let names = CONTENT_NAMES[category_index % CONTENT_NAMES.len()];
        let (kind_fr, kind_en) = *names.choose(&mut rng).unwrap_or(&names[0]);
        let place = random_place(&mut rng);
        let name_fr = format!("{kind_fr} {}", of(&place));
        let name_en = format!("{} {}", place.name, kind_en.to_lowercase());
        let (lng, lat) = near_a_town(&mut rng);
        let id = world.ids.next(Resource::TouristicContent);
        let (mut body, publication) = touristic_common(
            world,
            &mut rng,
            id,
            "touristiccontent",
            (&name_fr, &name_en),
            lng,
            lat,
        );
        let types: serde_json::Map<String, Value> = category
            .type_groups
            .iter()
            .map(|(group, ids)| (group.to_string(), json!(pick_some(&mut rng, ids, 0, 1))))
            .collect();
        let departure_city = world.zoning.city_at(lng, lat);
        let photo_count = rng.random_range(0..=2);
        if let Some(map) = body.as_object_mut() {
            map.extend([
                (
                    "attachments".to_string(),
                    photos(
                        &mut rng,
                        "tourism_touristiccontent",
                        id,
                        &name_fr,
                        photo_count,
                    ),
                ),
                ("category".to_string(), category.id.into()),
                (
                    "contact".to_string(),
                    format!("<p>{name_fr} - 05340 Pelvoux - Tél : 04 92 23 00 00</p>").into(),
                ),
                (
                    "departure_city".to_string(),
                    departure_city.map(|(id, _)| id).into(),
                ),
                (
                    "departure_city_code".to_string(),
                    departure_city.map(|(_, code)| code).into(),
                ),
                (
                    "email".to_string(),
                    format!("contact@{}.example.org", slugify(&name_fr)).into(),
                ),
                ("label_accessibility".to_string(), Value::Null),
                ("reservation_id".to_string(), "".into()),
                ("reservation_system".to_string(), Value::Null),
                ("types".to_string(), Value::Object(types)),
                (
                    "website".to_string(),
                    format!("https://{}.example.org/", slugify(&name_fr)).into(),
                ),
            ]);
        }
        let record = Record::new(
            Resource::TouristicContent,
            id,
            publication,
            generated_lifetime(&mut rng),
            Footprint::point(lng, lat),
            body,
        );
        world.insert(Resource::TouristicContent, record);
    }
}

const EVENT_NAMES: &[(&str, &str)] = &[
    (
        "Exposition : les glaciers des Écrins",
        "Exhibition: the Écrins glaciers",
    ),
    (
        "Conférence sur le gypaète barbu",
        "Talk on the bearded vulture",
    ),
    ("Sortie accompagnée au lac", "Guided walk to the lake"),
    ("Fête de la transhumance", "Transhumance festival"),
    (
        "Projection : une année en montagne",
        "Screening: a year in the mountains",
    ),
];

/// Touristic events over 2026-2027, sorted by the server by `begin_date`.
pub fn touristic_events(world: &mut World, count: usize) {
    let first_day = Date::from_calendar_date(2026, Month::January, 1).unwrap_or(Date::MIN);
    for index in 0..count {
        let mut rng = stream_rng(world.seed, "touristicevent", index as u64);
        let kind = rng.random_range(0..EVENT_NAMES.len());
        let (name_fr, name_en) = EVENT_NAMES[kind];
        let (lng, lat) = near_a_town(&mut rng);
        let city = world
            .zoning
            .city_at(lng, lat)
            .and_then(|(id, _)| world.city_name(id))
            .unwrap_or("Pelvoux")
            .to_string();
        let name_fr = format!("{name_fr} à {city}");
        let name_en = format!("{name_en} in {city}");
        let begin = first_day + Duration::days(rng.random_range(0..700));
        let end = begin + Duration::days(rng.random_range(0..3));
        let id = world.ids.next(Resource::TouristicEvent);
        let (mut body, publication) = touristic_common(
            world,
            &mut rng,
            id,
            "touristicevent",
            (&name_fr, &name_en),
            lng,
            lat,
        );
        let capacity = rng.random_range(8..60);
        let organizers = "Parc national des Écrins";
        let event_type = world.references.event_types.get(kind).copied();
        let photo_count = rng.random_range(0..=1);
        if let Some(map) = body.as_object_mut() {
            map.extend([
                (
                    "attachments".to_string(),
                    photos(
                        &mut rng,
                        "tourism_touristicevent",
                        id,
                        &name_fr,
                        photo_count,
                    ),
                ),
                ("begin_date".to_string(), begin.to_string().into()),
                ("bookable".to_string(), rng.random_bool(0.4).into()),
                (
                    "booking".to_string(),
                    "<p>Réservation à la Maison du Parc.</p>".into(),
                ),
                ("cancellation_reason".to_string(), Value::Null),
                ("cancelled".to_string(), false.into()),
                ("capacity".to_string(), capacity.into()),
                (
                    "contact".to_string(),
                    "<p>Maison du Parc - 04 92 23 58 08</p>".into(),
                ),
                ("duration".to_string(), "2h".into()),
                ("email".to_string(), "accueil@example.org".into()),
                ("end_date".to_string(), end.to_string().into()),
                ("end_time".to_string(), "17:00:00".into()),
                (
                    "meeting_point".to_string(),
                    format!("Devant la mairie de {city}").into(),
                ),
                ("meeting_time".to_string(), "09:30:00".into()),
                ("organizer".to_string(), organizers.into()),
                ("organizers".to_string(), organizers.into()),
                ("organizers_id".to_string(), json!([1])),
                (
                    "participant_number".to_string(),
                    capacity.to_string().into(),
                ),
                ("place".to_string(), Value::Null),
                (
                    "price".to_string(),
                    if rng.random_bool(0.5) {
                        Value::Null
                    } else {
                        json!(5.0)
                    },
                ),
                ("speaker".to_string(), "".into()),
                ("start_time".to_string(), "09:30:00".into()),
                ("target_audience".to_string(), "Tout public".into()),
                ("type".to_string(), event_type.into()),
                (
                    "website".to_string(),
                    "https://www.ecrins-parcnational.fr/agenda".into(),
                ),
            ]);
        }
        let record = Record::new(
            Resource::TouristicEvent,
            id,
            publication,
            generated_lifetime(&mut rng),
            Footprint::point(lng, lat),
            body,
        );
        world.insert(Resource::TouristicEvent, record);
    }
}

#[cfg(test)]
mod tests {
    use super::super::json::text_in;
    use super::*;

    #[test]
    fn names_get_revision_numbers() {
        let languages = vec!["fr".to_string(), "en".to_string()];
        let mut body =
            json!({"name": bilingual(&languages, Some("Lac Blanc"), Some("White lake"))});
        revise_name(&mut body);
        revise_name(&mut body);
        assert_eq!(text_in(&body["name"], "fr"), Some("Lac Blanc (rév. 2)"));
        assert_eq!(text_in(&body["name"], "en"), Some("White lake (rev. 2)"));
        let mut plain = json!({"name": "Carrefour du Sélé"});
        revise_name(&mut plain);
        assert_eq!(plain["name"], "Carrefour du Sélé (rév. 1)");
    }
}
