//! The park's vocabulary in French and English: place names with their
//! articles (so "de" + "le Pelvoux" gives "du Pelvoux"), trek name patterns,
//! cities, and the sentences descriptions are made of. Accents are kept on
//! purpose so accent-insensitive search can be tested.

use rand::Rng;
use rand::seq::IndexedRandom;

/// A French place name with the article it takes ("le", "la", "les", "l'" or none).
#[derive(Clone, Copy, Debug)]
pub struct Place {
    pub article: &'static str,
    pub name: &'static str,
}

const fn place(article: &'static str, name: &'static str) -> Place {
    Place { article, name }
}

pub const PLACES: &[Place] = &[
    place("les", "Écrins"),
    place("le", "Pelvoux"),
    place("la", "Pilatte"),
    place("les", "Seigneurs"),
    place("", "Arsine"),
    place("le", "Lautaret"),
    place("la", "Muzelle"),
    place("le", "Lauvitel"),
    place("l'", "Eychauda"),
    place("", "Pétarel"),
    place("", "Crupillouse"),
    place("", "Emparis"),
    place("", "Chabournéou"),
    place("le", "Sélé"),
    place("le", "Fournel"),
    place("", "Freissinières"),
    place("la", "Bérarde"),
    place("le", "Vénéon"),
    place("le", "Valgaudemar"),
    place("le", "Champsaur"),
    place("la", "Vallouise"),
    place("l'", "Oisans"),
    place("le", "Vieux Chaillol"),
    place("le", "Pic de Bure"),
    place("", "Palluel"),
    place("", "Faravel"),
    place("la", "Romanche"),
    place("le", "Tabuc"),
    place("l'", "Alpe de Villar-d'Arène"),
    place("", "Ailefroide"),
    place("le", "Temple"),
    place("le", "Carrelet"),
    place("le", "Châtelleret"),
    place("les", "Étançons"),
    place("le", "Soreiller"),
    place("la", "Selle"),
    place("l'", "Olan"),
    place("le", "Sirac"),
    place("le", "Chardon"),
    place("le", "Goléon"),
    place("le", "Laurichard"),
    place("le", "Combeynot"),
    place("", "Entre-les-Aigues"),
    place("la", "Pisse"),
    place("", "Dormillouse"),
    place("", "Prapic"),
    place("le", "Mourre Froid"),
    place("le", "Gioberney"),
    place("", "Font-Turbat"),
    place("", "Chanteloube"),
    place("la", "Meije"),
    place("le", "Râteau"),
    place("le", "Plan du Lac"),
    place("la", "Lavey"),
    place("les", "Bans"),
    place("le", "Jas Lacroix"),
    place("", "Vallonpierre"),
    place("les", "Rouies"),
    place("les", "Aupillous"),
    place("la", "Tourette"),
    place("les", "Fétoules"),
    place("le", "Chambon"),
    place("", "Séguret-Foran"),
    place("la", "Pointe de l'Aiglière"),
    place("le", "Rif du Sap"),
    place("les", "Bœufs Rouges"),
    place("le", "Jandri"),
    place("", "Côte Belle"),
    place("la", "Blanche"),
    place("les", "Agneaux"),
];

/// "de" + place: "du Pelvoux", "de la Pilatte", "des Écrins", "de l'Olan", "d'Arsine".
pub fn of(place: &Place) -> String {
    match place.article {
        "le" => format!("du {}", place.name),
        "les" => format!("des {}", place.name),
        "la" => format!("de la {}", place.name),
        "l'" => format!("de l'{}", place.name),
        _ if starts_with_vowel(place.name) => format!("d'{}", place.name),
        _ => format!("de {}", place.name),
    }
}

/// "par" + place: "par le Pelvoux", "par l'Olan", "par Arsine".
pub fn via(place: &Place) -> String {
    match place.article {
        "" => format!("par {}", place.name),
        "l'" => format!("par l'{}", place.name),
        article => format!("par {article} {}", place.name),
    }
}

/// The place with its article: "le Pelvoux", "l'Olan", "Arsine".
pub fn with_article(place: &Place) -> String {
    match place.article {
        "" => place.name.to_string(),
        "l'" => format!("l'{}", place.name),
        article => format!("{article} {}", place.name),
    }
}

fn starts_with_vowel(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| "AEIOUYÉÈÊÂÎÔaeiouyéèêâîô".contains(c))
}

/// What a trek is named after, in French (followed by "de ...") and English.
#[derive(Clone, Copy, Debug)]
pub struct Feature {
    pub french: &'static str,
    pub english: &'static str,
    /// Whether the English name puts the place first ("Muzelle lake") or after ("Tour of ...").
    pub english_suffix: bool,
}

const fn feature(french: &'static str, english: &'static str, english_suffix: bool) -> Feature {
    Feature {
        french,
        english,
        english_suffix,
    }
}

pub const FEATURES: &[Feature] = &[
    feature("Lac", "lake", true),
    feature("Col", "pass", true),
    feature("Refuge", "hut", true),
    feature("Tour", "Tour of", false),
    feature("Cascade", "waterfall", true),
    feature("Vallon", "valley", true),
    feature("Belvédère", "viewpoint", true),
    feature("Plateau", "plateau", true),
    feature("Gorges", "gorges", true),
    feature("Boucle", "loop", true),
    feature("Sentier", "trail", true),
    feature("Glacier", "glacier", true),
    feature("Crête", "ridge", true),
    feature("Balcon", "balcony path", true),
    feature("Cabane", "shepherd's hut", true),
    feature("Alpage", "mountain pasture", true),
];

/// Names that exist as such in the Écrins and must be findable verbatim.
pub const LANDMARK_TREKS: &[(&str, &str)] = &[
    ("Lac Blanc", "White lake"),
    ("Col des Écrins", "Écrins pass"),
    ("Tour des Seigneurs", "Lords' tour"),
    ("Refuge de la Pilatte", "Pilatte hut"),
    ("Glacier Blanc", "White glacier"),
    ("Lac Noir", "Black lake"),
    ("Cascade de la Pisse", "La Pisse waterfall"),
    ("Refuge du Glacier Blanc", "Glacier Blanc hut"),
];

/// A trek name in French and English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrekName {
    pub french: String,
    pub english: String,
}

/// A name like "Lac de la Muzelle" / "Muzelle lake", sometimes with a "par ..." variant.
pub fn trek_name(rng: &mut impl Rng, index: usize) -> TrekName {
    if index < LANDMARK_TREKS.len() {
        let (french, english) = LANDMARK_TREKS[index];
        return TrekName {
            french: french.into(),
            english: english.into(),
        };
    }
    let feature = FEATURES.choose(rng).copied().unwrap_or(FEATURES[0]);
    let target = PLACES.choose(rng).copied().unwrap_or(PLACES[0]);
    let mut french = format!("{} {}", feature.french, of(&target));
    let mut english = if feature.english_suffix {
        format!("{} {}", target.name, feature.english)
    } else {
        format!("{} {}", feature.english, target.name)
    };
    if rng.random_bool(0.3) {
        let path = PLACES.choose(rng).copied().unwrap_or(PLACES[1]);
        if path.name != target.name {
            french = format!("{french} {}", via(&path));
            english = format!("{english} via {}", path.name);
        }
    }
    TrekName { french, english }
}

/// A step of a multi-day tour: "Étape 2 : Refuge de la Pilatte" / "Stage 2: Pilatte hut".
pub fn stage_name(number: usize, destination: &TrekName) -> TrekName {
    TrekName {
        french: format!("Étape {number} : {}", destination.french),
        english: format!("Stage {number}: {}", destination.english),
    }
}

/// A city of the park: name, INSEE code and a point inside it.
#[derive(Clone, Copy, Debug)]
pub struct CitySeed {
    pub name: &'static str,
    pub code: &'static str,
    pub lng: f64,
    pub lat: f64,
}

const fn city(name: &'static str, code: &'static str, lng: f64, lat: f64) -> CitySeed {
    CitySeed {
        name,
        code,
        lng,
        lat,
    }
}

pub const CITIES: &[CitySeed] = &[
    city("Vallouise-Pelvoux", "05101", 6.47, 44.85),
    city("Saint-Christophe-en-Oisans", "38375", 6.18, 44.93),
    city("La Grave", "05063", 6.30, 44.99),
    city("Villar-d'Arène", "05181", 6.38, 44.97),
    city("Le Bourg-d'Oisans", "38052", 6.04, 44.98),
    city("Freissinières", "05058", 6.52, 44.75),
    city("L'Argentière-la-Bessée", "05006", 6.58, 44.80),
    city("Champoléon", "05032", 6.26, 44.72),
    city("Orcières", "05096", 6.33, 44.68),
    city("La Chapelle-en-Valgaudémar", "05064", 6.20, 44.81),
    city("Saint-Firmin", "05145", 6.03, 44.77),
    city("Valbonnais", "38518", 6.03, 44.89),
    city("Les Deux Alpes", "38253", 6.12, 44.99),
    city("Puy-Saint-Vincent", "05110", 6.49, 44.81),
    city("Champcella", "05030", 6.58, 44.72),
    city("Réallon", "05115", 6.37, 44.62),
    city("Châteauroux-les-Alpes", "05036", 6.52, 44.64),
    city("Saint-Jacques-en-Valgodemard", "05148", 6.08, 44.72),
    city("Le Monêtier-les-Bains", "05079", 6.52, 44.96),
    city("Villar-Loubière", "05183", 6.14, 44.82),
];

/// Districts (park sectors, names not translated in Geotrek): name and a point inside.
pub const DISTRICTS: &[(&str, f64, f64)] = &[
    ("Secteur de Vallouise", 6.47, 44.84),
    ("Secteur du Briançonnais", 6.56, 44.95),
    ("Secteur de l'Oisans", 6.15, 44.96),
    ("Secteur du Valbonnais", 6.02, 44.86),
    ("Secteur du Valgaudemar", 6.17, 44.79),
    ("Secteur du Champsaur", 6.25, 44.68),
    ("Secteur de l'Embrunais", 6.48, 44.65),
];

/// Where treks start and end, in French and English.
pub const TRAILHEADS: &[(&str, &str)] = &[
    ("Parking du hameau", "Hamlet car park"),
    ("Pont des Places", "Places bridge"),
    (
        "Parking du Pré de Madame Carle",
        "Pré de Madame Carle car park",
    ),
    ("Chapelle Saint-Jacques", "Saint-Jacques chapel"),
    ("Place de l'église", "Church square"),
    ("Maison du Parc", "Park visitor centre"),
    ("Parking de la Bérarde", "La Bérarde car park"),
    ("Gîte d'étape", "Walkers' lodge"),
    ("Pont de l'Alp", "Alp bridge"),
    ("Fontaine du village", "Village fountain"),
];

/// Sentences of a description: (French, English) with `{name}`, `{place}` and `{city}` holes.
const DESCRIPTION_STEPS: &[(&str, &str)] = &[
    (
        "Depuis {departure}, suivre le sentier balisé qui remonte le vallon.",
        "From {departure}, follow the marked path up the valley.",
    ),
    (
        "Traverser le torrent sur la passerelle puis monter en lacets dans le mélézin.",
        "Cross the stream on the footbridge, then climb in hairpins through the larch wood.",
    ),
    (
        "À l'intersection, prendre à gauche en direction {place}.",
        "At the junction, turn left towards {place_en}.",
    ),
    (
        "Le sentier longe les alpages où paissent les troupeaux en été.",
        "The path runs along the mountain pastures where flocks graze in summer.",
    ),
    (
        "Franchir le verrou glaciaire et déboucher sur un replat marécageux.",
        "Cross the glacial step and come out on a marshy flat.",
    ),
    (
        "Après une dernière montée raide, atteindre {name}.",
        "After a last steep climb, reach {name_en}.",
    ),
    (
        "Redescendre par le même itinéraire jusqu'à {arrival}.",
        "Go back down the same way to {arrival_en}.",
    ),
    (
        "Poursuivre sur la crête en restant prudent par temps de brouillard.",
        "Carry on along the ridge, taking care in fog.",
    ),
];

const TEASERS: &[(&str, &str)] = &[
    (
        "Une randonnée au cœur du Parc national des Écrins jusqu'à {name}.",
        "A hike in the heart of the Écrins National Park up to {name_en}.",
    ),
    (
        "Un itinéraire varié entre forêts de mélèzes et alpages, au départ de {city}.",
        "A varied route between larch forests and pastures, starting from {city}.",
    ),
    (
        "Panorama sur les glaciers et les sommets {place} : une belle journée en montagne.",
        "A view over the glaciers and peaks of {place_en}: a fine day in the mountains.",
    ),
    (
        "Chamois, marmottes et edelweiss jalonnent ce parcours vers {name}.",
        "Chamois, marmots and edelweiss line this route to {name_en}.",
    ),
];

const AMBIANCES: &[(&str, &str)] = &[
    ("Ambiance haute montagne.", "High mountain atmosphere."),
    (
        "Le silence des alpages, seulement troublé par le sifflement des marmottes.",
        "The silence of the pastures, broken only by the whistle of marmots.",
    ),
    (
        "Un vallon sauvage où le torrent gronde au printemps.",
        "A wild valley where the stream roars in spring.",
    ),
    (
        "Éboulis, moraines et lacs d'altitude : un paysage minéral façonné par les glaciers.",
        "Scree, moraines and high lakes: a mineral landscape shaped by glaciers.",
    ),
];

const ADVICES: &[(&str, &str)] = &[
    (
        "Prévoir de l'eau et des vêtements chauds.",
        "Bring water and warm clothes.",
    ),
    (
        "Itinéraire déconseillé par temps orageux.",
        "Not advised in stormy weather.",
    ),
    (
        "Les chiens sont interdits en cœur de parc, même tenus en laisse.",
        "Dogs are forbidden in the core of the park, even on a leash.",
    ),
    (
        "Névés possibles jusqu'en juillet : se renseigner avant de partir.",
        "Snow patches possible until July: ask before setting off.",
    ),
];

/// The words to fill a description's holes, in both languages.
pub struct TextContext<'a> {
    pub name: &'a TrekName,
    pub place: &'a Place,
    pub city: &'a str,
    pub departure: (&'a str, &'a str),
    pub arrival: (&'a str, &'a str),
}

impl TextContext<'_> {
    fn fill(&self, template: &str) -> String {
        template
            .replace("{name_en}", &self.name.english)
            .replace("{name}", &self.name.french)
            .replace("{place_en}", self.place.name)
            .replace("{place}", &of(self.place))
            .replace("{city}", self.city)
            .replace("{departure}", self.departure.0)
            .replace("{arrival_en}", self.arrival.1)
            .replace("{arrival}", self.arrival.0)
    }

    fn fill_english(&self, template: &str) -> String {
        self.fill(&template.replace("{departure}", self.departure.1))
    }
}

/// French and English texts of one object.
pub struct Bilingual {
    pub french: String,
    pub english: String,
}

fn pick<'a>(rng: &mut impl Rng, list: &'a [(&'a str, &'a str)]) -> (&'a str, &'a str) {
    list.choose(rng).copied().unwrap_or(list[0])
}

/// A teaser paragraph, HTML like Geotrek's rich text.
pub fn teaser(rng: &mut impl Rng, context: &TextContext) -> Bilingual {
    let (french, english) = pick(rng, TEASERS);
    Bilingual {
        french: format!("<p>{}</p>", context.fill(french)),
        english: format!("<p>{}</p>", context.fill_english(english)),
    }
}

/// A description: an introduction and an ordered list of steps, HTML.
pub fn description(rng: &mut impl Rng, context: &TextContext) -> Bilingual {
    let steps = rng.random_range(3..=DESCRIPTION_STEPS.len());
    let mut french = format!(
        "<p>Itinéraire {} au départ de {}.</p><ol>",
        of(context.place),
        context.city
    );
    let mut english = format!(
        "<p>Route to {} starting from {}.</p><ol>",
        context.place.name, context.city
    );
    for (fr, en) in DESCRIPTION_STEPS.iter().take(steps) {
        french.push_str(&format!("<li>{}</li>", context.fill(fr)));
        english.push_str(&format!("<li>{}</li>", context.fill_english(en)));
    }
    french.push_str("</ol>");
    english.push_str("</ol>");
    Bilingual { french, english }
}

/// An ambiance paragraph, HTML.
pub fn ambiance(rng: &mut impl Rng) -> Bilingual {
    let (french, english) = pick(rng, AMBIANCES);
    Bilingual {
        french: format!("<p>{french}</p>"),
        english: format!("<p>{english}</p>"),
    }
}

/// An advice paragraph, HTML.
pub fn advice(rng: &mut impl Rng) -> Bilingual {
    let (french, english) = pick(rng, ADVICES);
    Bilingual {
        french: format!("<p>{french}</p>"),
        english: format!("<p>{english}</p>"),
    }
}

/// Photographers credited on attachments.
pub const AUTHORS: &[&str] = &[
    "Photographe PNE",
    "Thierry Maillet - PNE",
    "Mireille Coulon - PNE",
    "Cyril Coursier - PNE",
    "Pascal Saulay - PNE",
    "Marc Corail - PNE",
];

/// An ASCII slug as Django's `slugify` makes it: "Lac de l'Eychauda" -> "lac-de-leychauda".
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
            dash = false;
        } else if (c.is_whitespace() || c == '-') && !dash && !slug.is_empty() {
            slug.push('-');
            dash = true;
        }
    }
    slug.trim_end_matches('-').to_string()
}

fn fold_accent(c: char) -> Vec<char> {
    let folded: &str = match c {
        'à' | 'â' | 'ä' | 'á' => "a",
        'À' | 'Â' | 'Ä' => "A",
        'é' | 'è' | 'ê' | 'ë' => "e",
        'É' | 'È' | 'Ê' | 'Ë' => "E",
        'î' | 'ï' => "i",
        'Î' | 'Ï' => "I",
        'ô' | 'ö' => "o",
        'Ô' | 'Ö' => "O",
        'ù' | 'û' | 'ü' => "u",
        'Ù' | 'Û' | 'Ü' => "U",
        'ç' => "c",
        'Ç' => "C",
        'œ' => "oe",
        'Œ' => "OE",
        'æ' => "ae",
        '’' | '\'' | ':' => "",
        _ => return vec![c],
    };
    folded.chars().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_articles_contract() {
        assert_eq!(of(&place("le", "Pelvoux")), "du Pelvoux");
        assert_eq!(of(&place("les", "Écrins")), "des Écrins");
        assert_eq!(of(&place("la", "Pilatte")), "de la Pilatte");
        assert_eq!(of(&place("l'", "Olan")), "de l'Olan");
        assert_eq!(of(&place("", "Arsine")), "d'Arsine");
        assert_eq!(of(&place("", "Pétarel")), "de Pétarel");
        assert_eq!(via(&place("le", "Sélé")), "par le Sélé");
        assert_eq!(with_article(&place("l'", "Oisans")), "l'Oisans");
    }

    #[test]
    fn slugs_fold_accents_like_django() {
        assert_eq!(slugify("Lac de l'Eychauda"), "lac-de-leychauda");
        assert_eq!(
            slugify("Refuge de l'Alpe de Villar-d'Arène"),
            "refuge-de-lalpe-de-villar-darene"
        );
        assert_eq!(
            slugify("Étape 2 : Col des Écrins"),
            "etape-2-col-des-ecrins"
        );
    }
}
