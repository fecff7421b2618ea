//! Every text of the trail's notifications, one table per language, with
//! `{placeholders}` the core fills with names and measures written in the
//! same language. A language is added with one more table and one arm in
//! [`texts`] (the compiler points at it); the tests check each table has
//! every text, with the placeholders of English's.

use crate::locale::Language;

/// The trail's notification texts in one language.
pub(crate) struct NotificationTexts {
    pub off_route_title: &'static str,
    pub off_route_body: &'static str,
    pub back_on_route_title: &'static str,
    pub back_on_route_body: &'static str,
    pub wrong_direction_title: &'static str,
    pub wrong_direction_body: &'static str,
    pub sensitive_title: &'static str,
    pub sensitive_body_rules: &'static str,
    pub sensitive_body_advice: &'static str,
    pub poi_title: &'static str,
    pub poi_body: &'static str,
    pub signage_title: &'static str,
    pub signage_body: &'static str,
    pub desk_title: &'static str,
    pub desk_body: &'static str,
    pub waypoint_title: &'static str,
    pub waypoint_body: &'static str,
    pub arrival_title: &'static str,
    pub arrival_body_timed: &'static str,
    pub arrival_body: &'static str,
    /// Name and description of each kind's channel, in [`crate::trail::alerts::AlertKind::ALL`]'s order.
    pub channels: [(&'static str, &'static str); 6],
    pub ongoing_channel: (&'static str, &'static str),
    pub ongoing_following: &'static str,
    pub ongoing_following_recording: &'static str,
    pub ongoing_recording: &'static str,
    pub ongoing_recording_paused: &'static str,
    pub ongoing_left: &'static str,
    pub ongoing_left_arrival: &'static str,
    pub ongoing_off_route: &'static str,
    pub ongoing_arrived: &'static str,
    pub ongoing_recorded: &'static str,
    pub ongoing_waiting: &'static str,
    pub stop: &'static str,
}

pub(crate) const ENGLISH: NotificationTexts = NotificationTexts {
    off_route_title: "Off the trek by {distance}",
    off_route_body: "{route}: head back to the trek. The way back is shown on the map.",
    back_on_route_title: "Back on the trek",
    back_on_route_body: "{route}: {left} to go.",
    wrong_direction_title: "Going the wrong way",
    wrong_direction_body: "{route}: you are walking the trek backwards. Turn around to go on.",
    sensitive_title: "Sensitive area: {name}",
    sensitive_body_rules: "Rule: {rules}. Sensitive period: {months}",
    sensitive_body_advice: "Keep to the trail, stay quiet and keep dogs on a lead. Sensitive period: {months}",
    poi_title: "{name} in {distance}",
    poi_body: "Point of interest on {route}.",
    signage_title: "Signpost {name} in {distance}",
    signage_body: "Check your way at the signpost.",
    desk_title: "{name} in {distance}",
    desk_body: "Information desk on {route}.",
    waypoint_title: "{name} in {distance}",
    waypoint_body: "Waypoint of {route}.",
    arrival_title: "Arrived: {route}",
    arrival_body_timed: "{length} in {duration}. Well done!",
    arrival_body: "{length} walked. Well done!",
    channels: [
        ("Off the trek", "When you leave the trek you follow"),
        (
            "Back on the trek",
            "When you are back on the trek after leaving it",
        ),
        ("Wrong way", "When you walk the trek you follow backwards"),
        (
            "Sensitive areas",
            "When you enter a wildlife sensitive area in its sensitive period",
        ),
        (
            "Points ahead",
            "Points of interest, signposts and information desks coming up, if you turned them on",
        ),
        ("Arrival", "When you reach the end of the trek"),
    ],
    ongoing_channel: (
        "Trail in progress",
        "While following or recording: distance left and arrival time",
    ),
    ongoing_following: "Following {route}",
    ongoing_following_recording: "Following {route} · recording",
    ongoing_recording: "Recording",
    ongoing_recording_paused: "Recording paused",
    ongoing_left: "{left} to go",
    ongoing_left_arrival: "{left} to go · arrival around {time}",
    ongoing_off_route: "Off the trek by {distance} · {left} to go",
    ongoing_arrived: "Arrived",
    ongoing_recorded: "{distance} · {duration}",
    ongoing_waiting: "Waiting for your position…",
    stop: "Stop",
};

pub(crate) const FRENCH: NotificationTexts = NotificationTexts {
    off_route_title: "Hors du parcours de {distance}",
    off_route_body: "{route} : revenez sur le parcours. Le chemin du retour est sur la carte.",
    back_on_route_title: "De retour sur le parcours",
    back_on_route_body: "{route} : encore {left}.",
    wrong_direction_title: "Vous allez dans le mauvais sens",
    wrong_direction_body: "{route} : vous parcourez le parcours à rebours. Faites demi-tour pour continuer.",
    sensitive_title: "Zone sensible : {name}",
    sensitive_body_rules: "Règle : {rules}. Période sensible : {months}",
    sensitive_body_advice: "Restez sur le sentier, dans le calme, chiens tenus en laisse. Période sensible : {months}",
    poi_title: "{name} dans {distance}",
    poi_body: "Point d’intérêt sur {route}.",
    signage_title: "Poteau {name} dans {distance}",
    signage_body: "Vérifiez votre direction au poteau.",
    desk_title: "{name} dans {distance}",
    desk_body: "Point d’information sur {route}.",
    waypoint_title: "{name} dans {distance}",
    waypoint_body: "Point de passage de {route}.",
    arrival_title: "Arrivée : {route}",
    arrival_body_timed: "{length} en {duration}. Bravo !",
    arrival_body: "{length} parcourus. Bravo !",
    channels: [
        ("Hors du parcours", "Quand vous quittez le parcours suivi"),
        (
            "Retour sur le parcours",
            "Quand vous revenez sur le parcours après l’avoir quitté",
        ),
        (
            "Mauvais sens",
            "Quand vous parcourez le parcours suivi à rebours",
        ),
        (
            "Zones sensibles",
            "Quand vous entrez dans une zone de sensibilité de la faune pendant sa période sensible",
        ),
        (
            "Points à venir",
            "Points d’intérêt, poteaux et points d’information à venir, si vous les avez activés",
        ),
        ("Arrivée", "Quand vous atteignez la fin du parcours"),
    ],
    ongoing_channel: (
        "Sortie en cours",
        "Pendant le suivi ou l’enregistrement : distance restante et heure d’arrivée",
    ),
    ongoing_following: "Suivi de {route}",
    ongoing_following_recording: "Suivi de {route} · enregistrement",
    ongoing_recording: "Enregistrement en cours",
    ongoing_recording_paused: "Enregistrement en pause",
    ongoing_left: "Encore {left}",
    ongoing_left_arrival: "Encore {left} · arrivée vers {time}",
    ongoing_off_route: "Hors du parcours de {distance} · encore {left}",
    ongoing_arrived: "Arrivée",
    ongoing_recorded: "{distance} · {duration}",
    ongoing_waiting: "En attente de votre position…",
    stop: "Arrêter",
};

pub(crate) const ITALIAN: NotificationTexts = NotificationTexts {
    off_route_title: "Fuori percorso di {distance}",
    off_route_body: "{route}: torna sul percorso. La via del ritorno è sulla mappa.",
    back_on_route_title: "Di nuovo sul percorso",
    back_on_route_body: "{route}: mancano {left}.",
    wrong_direction_title: "Direzione sbagliata",
    wrong_direction_body: "{route}: stai percorrendo il percorso al contrario. Torna indietro per proseguire.",
    sensitive_title: "Area sensibile: {name}",
    sensitive_body_rules: "Regola: {rules}. Periodo sensibile: {months}",
    sensitive_body_advice: "Resta sul sentiero, in silenzio, con i cani al guinzaglio. Periodo sensibile: {months}",
    poi_title: "{name} tra {distance}",
    poi_body: "Punto d’interesse lungo {route}.",
    signage_title: "Palina {name} tra {distance}",
    signage_body: "Controlla la direzione alla palina.",
    desk_title: "{name} tra {distance}",
    desk_body: "Punto informazioni lungo {route}.",
    waypoint_title: "{name} tra {distance}",
    waypoint_body: "Tappa di {route}.",
    arrival_title: "Arrivo: {route}",
    arrival_body_timed: "{length} in {duration}. Complimenti!",
    arrival_body: "{length} percorsi. Complimenti!",
    channels: [
        ("Fuori percorso", "Quando lasci il percorso che segui"),
        (
            "Di nuovo sul percorso",
            "Quando torni sul percorso dopo averlo lasciato",
        ),
        (
            "Direzione sbagliata",
            "Quando percorri al contrario il percorso che segui",
        ),
        (
            "Aree sensibili",
            "Quando entri in un’area sensibile per la fauna nel suo periodo sensibile",
        ),
        (
            "Punti in arrivo",
            "Punti d’interesse, paline e punti informazioni in arrivo, se li hai attivati",
        ),
        ("Arrivo", "Quando raggiungi la fine del percorso"),
    ],
    ongoing_channel: (
        "Escursione in corso",
        "Durante la navigazione o la registrazione: distanza rimanente e ora d’arrivo",
    ),
    ongoing_following: "Stai seguendo {route}",
    ongoing_following_recording: "Stai seguendo {route} · registrazione",
    ongoing_recording: "Registrazione in corso",
    ongoing_recording_paused: "Registrazione in pausa",
    ongoing_left: "Mancano {left}",
    ongoing_left_arrival: "Mancano {left} · arrivo verso le {time}",
    ongoing_off_route: "Fuori percorso di {distance} · mancano {left}",
    ongoing_arrived: "Arrivato",
    ongoing_recorded: "{distance} · {duration}",
    ongoing_waiting: "In attesa della tua posizione…",
    stop: "Ferma",
};

pub(crate) const GERMAN: NotificationTexts = NotificationTexts {
    off_route_title: "{distance} abseits der Route",
    off_route_body: "{route}: Kehre zur Route zurück. Der Rückweg ist auf der Karte eingezeichnet.",
    back_on_route_title: "Wieder auf der Route",
    back_on_route_body: "{route}: noch {left}.",
    wrong_direction_title: "Falsche Richtung",
    wrong_direction_body: "{route}: Du gehst die Route rückwärts. Kehre um, um weiterzugehen.",
    sensitive_title: "Schutzgebiet: {name}",
    sensitive_body_rules: "Regel: {rules}. Sensible Zeit: {months}",
    sensitive_body_advice: "Bleib auf dem Weg, sei leise und führe Hunde an der Leine. Sensible Zeit: {months}",
    poi_title: "{name} in {distance}",
    poi_body: "Sehenswürdigkeit an der Route {route}.",
    signage_title: "Wegweiser {name} in {distance}",
    signage_body: "Prüfe die Richtung am Wegweiser.",
    desk_title: "{name} in {distance}",
    desk_body: "Infostelle an der Route {route}.",
    waypoint_title: "{name} in {distance}",
    waypoint_body: "Wegpunkt von {route}.",
    arrival_title: "Angekommen: {route}",
    arrival_body_timed: "{length} in {duration}. Gut gemacht!",
    arrival_body: "{length} gewandert. Gut gemacht!",
    channels: [
        ("Abseits der Route", "Wenn du die verfolgte Route verlässt"),
        (
            "Wieder auf der Route",
            "Wenn du nach dem Verlassen wieder auf der Route bist",
        ),
        (
            "Falsche Richtung",
            "Wenn du die verfolgte Route rückwärts gehst",
        ),
        (
            "Schutzgebiete",
            "Wenn du ein Wildschutzgebiet in seiner sensiblen Zeit betrittst",
        ),
        (
            "Punkte voraus",
            "Sehenswürdigkeiten, Wegweiser und Infostellen voraus, wenn du sie eingeschaltet hast",
        ),
        ("Ankunft", "Wenn du das Ende der Route erreichst"),
    ],
    ongoing_channel: (
        "Laufende Tour",
        "Beim Folgen oder Aufzeichnen: verbleibende Strecke und Ankunftszeit",
    ),
    ongoing_following: "Du folgst {route}",
    ongoing_following_recording: "Du folgst {route} · Aufzeichnung",
    ongoing_recording: "Aufzeichnung läuft",
    ongoing_recording_paused: "Aufzeichnung pausiert",
    ongoing_left: "Noch {left}",
    ongoing_left_arrival: "Noch {left} · Ankunft gegen {time}",
    ongoing_off_route: "{distance} abseits der Route · noch {left}",
    ongoing_arrived: "Angekommen",
    ongoing_recorded: "{distance} · {duration}",
    ongoing_waiting: "Warte auf deine Position…",
    stop: "Beenden",
};

pub(crate) const SPANISH: NotificationTexts = NotificationTexts {
    off_route_title: "Fuera de la ruta a {distance}",
    off_route_body: "{route}: vuelve a la ruta. El camino de vuelta está en el mapa.",
    back_on_route_title: "De nuevo en la ruta",
    back_on_route_body: "{route}: quedan {left}.",
    wrong_direction_title: "Vas en sentido contrario",
    wrong_direction_body: "{route}: estás recorriendo la ruta al revés. Da la vuelta para continuar.",
    sensitive_title: "Zona sensible: {name}",
    sensitive_body_rules: "Norma: {rules}. Periodo sensible: {months}",
    sensitive_body_advice: "No salgas del sendero, guarda silencio y lleva a los perros atados. Periodo sensible: {months}",
    poi_title: "{name} a {distance}",
    poi_body: "Punto de interés en {route}.",
    signage_title: "Poste {name} a {distance}",
    signage_body: "Comprueba tu dirección en el poste.",
    desk_title: "{name} a {distance}",
    desk_body: "Punto de información en {route}.",
    waypoint_title: "{name} a {distance}",
    waypoint_body: "Punto de paso de {route}.",
    arrival_title: "Llegada: {route}",
    arrival_body_timed: "{length} en {duration}. ¡Bien hecho!",
    arrival_body: "{length} recorridos. ¡Bien hecho!",
    channels: [
        ("Fuera de la ruta", "Cuando sales de la ruta que sigues"),
        (
            "De nuevo en la ruta",
            "Cuando vuelves a la ruta después de haberla dejado",
        ),
        (
            "Sentido contrario",
            "Cuando recorres al revés la ruta que sigues",
        ),
        (
            "Zonas sensibles",
            "Cuando entras en una zona sensible para la fauna durante su periodo sensible",
        ),
        (
            "Puntos próximos",
            "Puntos de interés, postes y puntos de información próximos, si los has activado",
        ),
        ("Llegada", "Cuando llegas al final de la ruta"),
    ],
    ongoing_channel: (
        "Excursión en curso",
        "Al seguir o grabar: distancia restante y hora de llegada",
    ),
    ongoing_following: "Siguiendo {route}",
    ongoing_following_recording: "Siguiendo {route} · grabando",
    ongoing_recording: "Grabando",
    ongoing_recording_paused: "Grabación en pausa",
    ongoing_left: "Quedan {left}",
    ongoing_left_arrival: "Quedan {left} · llegada hacia las {time}",
    ongoing_off_route: "Fuera de la ruta a {distance} · quedan {left}",
    ongoing_arrived: "Has llegado",
    ongoing_recorded: "{distance} · {duration}",
    ongoing_waiting: "Esperando tu posición…",
    stop: "Detener",
};

/// The texts of `language`.
pub(crate) fn texts(language: Language) -> &'static NotificationTexts {
    match language {
        Language::English => &ENGLISH,
        Language::French => &FRENCH,
        Language::Italian => &ITALIAN,
        Language::German => &GERMAN,
        Language::Spanish => &SPANISH,
    }
}

/// `template` with each `{name}` of `values` replaced by its value, in one
/// pass: a value (a trek's name from a server) is never read as a template.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut filled = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.split_once('}').and_then(|(name, tail)| {
            let (_, value) = values.iter().find(|(key, _)| *key == name)?;
            Some((*value, tail))
        });
        match value {
            Some((value, tail)) => {
                filled.push_str(value);
                rest = tail;
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of a table, named.
    fn all(texts: &NotificationTexts) -> Vec<(&'static str, &'static str)> {
        let mut all = vec![
            ("off_route_title", texts.off_route_title),
            ("off_route_body", texts.off_route_body),
            ("back_on_route_title", texts.back_on_route_title),
            ("back_on_route_body", texts.back_on_route_body),
            ("wrong_direction_title", texts.wrong_direction_title),
            ("wrong_direction_body", texts.wrong_direction_body),
            ("sensitive_title", texts.sensitive_title),
            ("sensitive_body_rules", texts.sensitive_body_rules),
            ("sensitive_body_advice", texts.sensitive_body_advice),
            ("poi_title", texts.poi_title),
            ("poi_body", texts.poi_body),
            ("signage_title", texts.signage_title),
            ("signage_body", texts.signage_body),
            ("desk_title", texts.desk_title),
            ("desk_body", texts.desk_body),
            ("waypoint_title", texts.waypoint_title),
            ("waypoint_body", texts.waypoint_body),
            ("arrival_title", texts.arrival_title),
            ("arrival_body_timed", texts.arrival_body_timed),
            ("arrival_body", texts.arrival_body),
            ("ongoing_channel_name", texts.ongoing_channel.0),
            ("ongoing_channel_description", texts.ongoing_channel.1),
            ("ongoing_following", texts.ongoing_following),
            (
                "ongoing_following_recording",
                texts.ongoing_following_recording,
            ),
            ("ongoing_recording", texts.ongoing_recording),
            ("ongoing_recording_paused", texts.ongoing_recording_paused),
            ("ongoing_left", texts.ongoing_left),
            ("ongoing_left_arrival", texts.ongoing_left_arrival),
            ("ongoing_off_route", texts.ongoing_off_route),
            ("ongoing_arrived", texts.ongoing_arrived),
            ("ongoing_recorded", texts.ongoing_recorded),
            ("ongoing_waiting", texts.ongoing_waiting),
            ("stop", texts.stop),
        ];
        for (name, description) in texts.channels {
            all.push(("channel_name", name));
            all.push(("channel_description", description));
        }
        all
    }

    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn every_language_has_every_text_with_english_placeholders() {
        let english = all(&ENGLISH);
        for language in Language::ALL {
            let table = all(texts(language));
            assert_eq!(table.len(), english.len());
            for ((name, text), (_, reference)) in table.iter().zip(&english) {
                assert!(!text.trim().is_empty(), "{language:?} {name} is empty");
                assert_eq!(
                    placeholders(text),
                    placeholders(reference),
                    "{language:?} {name}: {text}"
                );
                if language != Language::English && !text.contains('{') && text.len() > 12 {
                    assert_ne!(text, reference, "{language:?} {name} is not translated");
                }
            }
        }
    }

    #[test]
    fn placeholders_are_filled_by_name() {
        assert_eq!(
            fill(
                "{name} in {distance}, {name}",
                &[("name", "Pont"), ("distance", "150 m")]
            ),
            "Pont in 150 m, Pont"
        );
        assert_eq!(
            fill(
                "{name} in {distance}",
                &[("name", "{distance}"), ("distance", "1 km")]
            ),
            "{distance} in 1 km",
            "a value is not a template"
        );
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
    }
}
