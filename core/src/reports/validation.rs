//! Checking a draft before it is queued: every problem found at once, each
//! named with the field of the form it belongs to and worded (in French or
//! English) for the composer to show next to that field.

use super::compose::{
    ASSET_SEARCH_RADIUS_M, AssetKind, FeedbackReferences, FieldAssets, Reference, ReportDraft,
    ReportKind,
};
use crate::address::AdminServer;
use crate::locale::{Language, UserMessage, Wording};

/// A part of the report form, where a problem is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ReportField {
    /// The Geotrek-admin the report goes to (a setting, not on the form).
    Server,
    Location,
    Email,
    Comment,
    Category,
    Activity,
    Magnitude,
    /// The signage or infrastructure item the report is about.
    Asset,
    /// The item's new conditions.
    Conditions,
}

/// What is wrong with one field of a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ReportProblem {
    ServerUrlInvalid,
    /// No position yet: the report cannot be placed.
    LocationMissing,
    LocationOutOfRange,
    EmailInvalid,
    CommentMissing,
    CategoryMissing,
    /// A chosen entry is not in the park's reference list (stale choice).
    CategoryUnknown,
    ActivityUnknown,
    MagnitudeUnknown,
    /// A hiker's report cannot change an item's condition.
    AssetNotAllowed,
    /// No such signage or infrastructure item in the park's (or the
    /// ranger's downloaded) list.
    AssetUnknown,
    /// The item is not among those within 50 m of the report.
    AssetNotNearby,
    /// Conditions without the item they apply to.
    ConditionsWithoutAsset,
    ConditionUnknown,
}

impl ReportProblem {
    /// The field the problem is shown next to.
    pub fn field(self) -> ReportField {
        match self {
            ReportProblem::ServerUrlInvalid => ReportField::Server,
            ReportProblem::LocationMissing | ReportProblem::LocationOutOfRange => {
                ReportField::Location
            }
            ReportProblem::EmailInvalid => ReportField::Email,
            ReportProblem::CommentMissing => ReportField::Comment,
            ReportProblem::CategoryMissing | ReportProblem::CategoryUnknown => {
                ReportField::Category
            }
            ReportProblem::ActivityUnknown => ReportField::Activity,
            ReportProblem::MagnitudeUnknown => ReportField::Magnitude,
            ReportProblem::AssetNotAllowed
            | ReportProblem::AssetUnknown
            | ReportProblem::AssetNotNearby => ReportField::Asset,
            ReportProblem::ConditionsWithoutAsset | ReportProblem::ConditionUnknown => {
                ReportField::Conditions
            }
        }
    }
}

impl UserMessage for ReportProblem {
    /// The sentence shown next to the field.
    fn wording(&self) -> Wording {
        let texts = match self {
            ReportProblem::ServerUrlInvalid => [
                "The reports server's address is not a web address (http or https): check it in the settings.",
                "L'adresse du serveur de signalements n'est pas une adresse web (http ou https) : vérifiez-la dans les réglages.",
                "L’indirizzo del server delle segnalazioni non è un indirizzo web (http o https): controllalo nelle impostazioni.",
                "Die Adresse des Meldeservers ist keine Webadresse (http oder https): Prüfe sie in den Einstellungen.",
                "La dirección del servidor de avisos no es una dirección web (http o https): revísala en los ajustes.",
            ],
            ReportProblem::LocationMissing => [
                "Waiting for a position: a report needs its location.",
                "En attente d'une position : un signalement doit être localisé.",
                "In attesa di una posizione: una segnalazione deve essere localizzata.",
                "Warte auf eine Position: Eine Meldung braucht ihren Standort.",
                "Esperando una posición: un aviso necesita su ubicación.",
            ],
            ReportProblem::LocationOutOfRange => [
                "This position is not a valid location.",
                "Cette position n'est pas un emplacement valide.",
                "Questa posizione non è un luogo valido.",
                "Diese Position ist kein gültiger Standort.",
                "Esta posición no es una ubicación válida.",
            ],
            ReportProblem::EmailInvalid => [
                "Enter a valid e-mail address, so the park can answer.",
                "Saisissez une adresse e-mail valide, pour que le parc puisse répondre.",
                "Inserisci un indirizzo e-mail valido, così il parco potrà risponderti.",
                "Gib eine gültige E-Mail-Adresse ein, damit der Park antworten kann.",
                "Introduce una dirección de correo válida para que el parque pueda responderte.",
            ],
            ReportProblem::CommentMissing => [
                "Describe the problem.",
                "Décrivez le problème.",
                "Descrivi il problema.",
                "Beschreibe das Problem.",
                "Describe el problema.",
            ],
            ReportProblem::CategoryMissing => [
                "Choose a category.",
                "Choisissez une catégorie.",
                "Scegli una categoria.",
                "Wähle eine Kategorie.",
                "Elige una categoría.",
            ],
            ReportProblem::CategoryUnknown => [
                "This category is no longer in the park's list: choose another.",
                "Cette catégorie n'est plus dans la liste du parc : choisissez-en une autre.",
                "Questa categoria non è più nell’elenco del parco: scegline un’altra.",
                "Diese Kategorie steht nicht mehr auf der Liste des Parks: Wähle eine andere.",
                "Esta categoría ya no está en la lista del parque: elige otra.",
            ],
            ReportProblem::ActivityUnknown => [
                "This activity is no longer in the park's list: choose another.",
                "Cette activité n'est plus dans la liste du parc : choisissez-en une autre.",
                "Questa attività non è più nell’elenco del parco: scegline un’altra.",
                "Diese Aktivität steht nicht mehr auf der Liste des Parks: Wähle eine andere.",
                "Esta actividad ya no está en la lista del parque: elige otra.",
            ],
            ReportProblem::MagnitudeUnknown => [
                "This magnitude is no longer in the park's list: choose another.",
                "Cette importance n'est plus dans la liste du parc : choisissez-en une autre.",
                "Questa gravità non è più nell’elenco del parco: scegline un’altra.",
                "Dieser Schweregrad steht nicht mehr auf der Liste des Parks: Wähle einen anderen.",
                "Esta gravedad ya no está en la lista del parque: elige otra.",
            ],
            ReportProblem::AssetNotAllowed => [
                "Only a ranger's report can change the condition of signage or infrastructure.",
                "Seul le signalement d'un agent peut changer l'état d'une signalétique ou d'un aménagement.",
                "Solo la segnalazione di un guardaparco può cambiare lo stato della segnaletica o di un’infrastruttura.",
                "Nur die Meldung eines Rangers kann den Zustand von Beschilderung oder Infrastruktur ändern.",
                "Solo el aviso de un guarda puede cambiar el estado de la señalización o de una infraestructura.",
            ],
            ReportProblem::AssetUnknown => [
                "There is no such signage or infrastructure item in the park's list.",
                "Cette signalétique ou cet aménagement n'existe pas dans la liste du parc.",
                "Questa segnaletica o infrastruttura non esiste nell’elenco del parco.",
                "Diese Beschilderung oder Infrastruktur gibt es nicht auf der Liste des Parks.",
                "Esta señalización o infraestructura no existe en la lista del parque.",
            ],
            ReportProblem::AssetNotNearby => [
                "This item is not within 50 m of the report's location.",
                "Cet élément n'est pas à moins de 50 m du lieu du signalement.",
                "Questo elemento non è entro 50 m dal luogo della segnalazione.",
                "Dieses Element ist nicht im Umkreis von 50 m um den Ort der Meldung.",
                "Este elemento no está a menos de 50 m del lugar del aviso.",
            ],
            ReportProblem::ConditionsWithoutAsset => [
                "Choose the signage or infrastructure these conditions apply to.",
                "Choisissez la signalétique ou l'aménagement concerné par ces états.",
                "Scegli la segnaletica o l’infrastruttura a cui si riferiscono questi stati.",
                "Wähle die Beschilderung oder Infrastruktur, für die diese Zustände gelten.",
                "Elige la señalización o la infraestructura a la que se refieren estos estados.",
            ],
            ReportProblem::ConditionUnknown => [
                "A chosen condition is no longer in the park's list: choose again.",
                "Un état choisi n'est plus dans la liste du parc : choisissez à nouveau.",
                "Uno stato scelto non è più nell’elenco del parco: scegli di nuovo.",
                "Ein gewählter Zustand steht nicht mehr auf der Liste des Parks: Wähle erneut.",
                "Un estado elegido ya no está en la lista del parque: vuelve a elegir.",
            ],
        };
        Wording::fixed(texts)
    }
}

/// One problem of a draft, with the field it is shown next to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FieldProblem {
    pub field: ReportField,
    pub problem: ReportProblem,
}

impl From<ReportProblem> for FieldProblem {
    fn from(problem: ReportProblem) -> Self {
        FieldProblem {
            field: problem.field(),
            problem,
        }
    }
}

/// The problems of a draft, in English, for logs and the command line.
pub fn describe_problems(problems: &[FieldProblem]) -> String {
    problems
        .iter()
        .map(|p| p.problem.message(Language::English))
        .collect::<Vec<_>>()
        .join(" ")
}

impl ReportDraft {
    /// Every problem that stops the draft from being queued, at most one per
    /// field, in the form's order (empty when it can be queued). The public
    /// endpoint accepts nearly anything, so the client refuses what a park
    /// could not act on. `references`, when known, must contain the chosen
    /// ids; `assets`, when known, the item the report is about, within 50 m.
    pub fn problems(
        &self,
        references: Option<&FeedbackReferences>,
        assets: Option<&dyn FieldAssets>,
    ) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        if AdminServer::parse(&self.server_url).is_err() {
            problems.push(ReportProblem::ServerUrlInvalid);
        }
        match self.location {
            None => problems.push(ReportProblem::LocationMissing),
            Some(location) if !location.is_valid() => {
                problems.push(ReportProblem::LocationOutOfRange)
            }
            Some(_) => {}
        }
        if self.kind == ReportKind::Public && !plausible_email(&self.email) {
            problems.push(ReportProblem::EmailInvalid);
        }
        if self.comment.trim().is_empty() {
            problems.push(ReportProblem::CommentMissing);
        }
        let known = |list: Option<&[Reference]>, id: Option<i64>| match (list, id) {
            (Some(list), Some(id)) => list.iter().any(|reference| reference.id == id),
            _ => true,
        };
        match self.category_id {
            None => problems.push(ReportProblem::CategoryMissing),
            Some(_)
                if !known(
                    references.map(|r| r.categories.as_slice()),
                    self.category_id,
                ) =>
            {
                problems.push(ReportProblem::CategoryUnknown)
            }
            Some(_) => {}
        }
        if !known(
            references.map(|r| r.activities.as_slice()),
            self.activity_id,
        ) {
            problems.push(ReportProblem::ActivityUnknown);
        }
        if !known(
            references.map(|r| r.magnitudes.as_slice()),
            self.magnitude_id,
        ) {
            problems.push(ReportProblem::MagnitudeUnknown);
        }
        let public_with_asset = self.kind == ReportKind::Public
            && (self.asset.is_some() || !self.asset_condition_ids.is_empty());
        if public_with_asset {
            problems.push(ReportProblem::AssetNotAllowed);
        } else if self.asset.is_none() && !self.asset_condition_ids.is_empty() {
            problems.push(ReportProblem::ConditionsWithoutAsset);
        } else {
            if let Some(problem) = assets.and_then(|assets| self.asset_problem(assets)) {
                problems.push(problem);
            }
            let conditions = match (references, self.asset.as_ref().map(|asset| asset.kind)) {
                (Some(references), Some(AssetKind::Signage)) => {
                    Some(references.signage_conditions.as_slice())
                }
                (Some(references), Some(AssetKind::Infrastructure)) => {
                    Some(references.infrastructure_conditions.as_slice())
                }
                _ => None,
            };
            if !self
                .asset_condition_ids
                .iter()
                .all(|id| known(conditions, Some(*id)))
            {
                problems.push(ReportProblem::ConditionUnknown);
            }
        }
        problems.into_iter().map(FieldProblem::from).collect()
    }

    /// Whether the item the report is about exists in `assets` and lies
    /// within 50 m of the report's (valid) location.
    fn asset_problem(&self, assets: &dyn FieldAssets) -> Option<ReportProblem> {
        let asset = self.asset.as_ref()?;
        let location = self.location.filter(|location| location.is_valid())?;
        let Some(geometry) = assets.geometry_of(asset.kind, asset.id) else {
            return Some(ReportProblem::AssetUnknown);
        };
        let nearby = location
            .distance_to_polyline_m(&geometry)
            .is_some_and(|distance| distance <= ASSET_SEARCH_RADIUS_M);
        (!nearby).then_some(ReportProblem::AssetNotNearby)
    }
}

/// `local@domain.tld` with no spaces: what Django's EmailField will take.
fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace)
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::LatLon;
    use crate::reports::compose::AssetRef;

    fn problems(
        draft: &ReportDraft,
        references: Option<&FeedbackReferences>,
    ) -> Vec<ReportProblem> {
        draft
            .problems(references, None)
            .into_iter()
            .map(|p| p.problem)
            .collect()
    }

    fn signpost() -> AssetRef {
        AssetRef {
            kind: AssetKind::Signage,
            id: 7,
            label: "S007 Carrefour".into(),
        }
    }

    #[test]
    fn an_empty_public_draft_names_every_field_to_fill_at_once() {
        let mut draft = ReportDraft::new(ReportKind::Public, "https://admin.example.org/");
        let found = draft.problems(None, None);
        assert_eq!(
            found.iter().map(|p| p.field).collect::<Vec<_>>(),
            [
                ReportField::Location,
                ReportField::Email,
                ReportField::Comment,
                ReportField::Category
            ]
        );
        draft.location = Some(LatLon::new(44.8, 6.3));
        draft.comment = "Panneau cassé".into();
        draft.category_id = Some(2);
        assert_eq!(problems(&draft, None), [ReportProblem::EmailInvalid]);
        for refused in ["", "a@b", "a b@c.fr", "@c.fr", "a@.fr", "a@c.fr."] {
            draft.email = refused.into();
            assert_eq!(
                problems(&draft, None),
                [ReportProblem::EmailInvalid],
                "{refused}"
            );
        }
        draft.email = "hiker@example.org".into();
        assert!(draft.problems(None, None).is_empty());

        draft.server_url = "file:///admin".into();
        draft.location = Some(LatLon::new(95.0, 6.3));
        draft.comment = "  ".into();
        assert_eq!(
            problems(&draft, None),
            [
                ReportProblem::ServerUrlInvalid,
                ReportProblem::LocationOutOfRange,
                ReportProblem::CommentMissing
            ]
        );
    }

    #[test]
    fn stale_choices_are_named_against_the_park_s_lists() {
        let mut draft = ReportDraft::new(ReportKind::Field, "https://admin.example.org/");
        draft.location = Some(LatLon::new(44.8, 6.3));
        draft.comment = "Lame arrachée".into();
        (draft.category_id, draft.activity_id, draft.magnitude_id) = (Some(2), Some(3), Some(4));
        draft.asset = Some(signpost());
        draft.asset_condition_ids = vec![5, 6];
        let reference = |id: i64| Reference {
            id,
            label: format!("r{id}"),
        };
        let references = FeedbackReferences {
            categories: vec![reference(1)],
            activities: vec![reference(1)],
            magnitudes: vec![reference(4)],
            signage_conditions: vec![reference(5)],
            infrastructure_conditions: vec![reference(6)],
        };
        assert_eq!(
            problems(&draft, Some(&references)),
            [
                ReportProblem::CategoryUnknown,
                ReportProblem::ActivityUnknown,
                ReportProblem::ConditionUnknown
            ]
        );
        assert!(draft.problems(None, None).is_empty());
        draft.asset_condition_ids = vec![5];
        draft.category_id = Some(1);
        draft.activity_id = None;
        assert!(draft.problems(Some(&references), None).is_empty());
    }

    #[test]
    fn the_item_must_exist_and_lie_within_50_m() {
        struct OneSignpost;
        impl FieldAssets for OneSignpost {
            fn assets_within(&self, _: LatLon, _: f64) -> Vec<crate::reports::compose::FieldAsset> {
                Vec::new()
            }
            fn geometry_of(&self, kind: AssetKind, id: i64) -> Option<Vec<LatLon>> {
                (kind == AssetKind::Signage && id == 7).then(|| vec![LatLon::new(44.8, 6.3)])
            }
        }
        let mut draft = ReportDraft::new(ReportKind::Field, "https://admin.example.org/");
        draft.comment = "Lame arrachée".into();
        draft.category_id = Some(2);
        draft.asset = Some(signpost());
        // 1e-4 degree of latitude is about 11 m.
        let at = |north: f64| Some(LatLon::new(44.8 + north, 6.3));
        draft.location = at(4e-4);
        assert!(draft.problems(None, Some(&OneSignpost)).is_empty());
        draft.location = at(6e-4);
        assert_eq!(
            problems_with(&draft, &OneSignpost),
            [ReportProblem::AssetNotNearby]
        );
        draft.asset.as_mut().unwrap().id = 555;
        assert_eq!(
            problems_with(&draft, &OneSignpost),
            [ReportProblem::AssetUnknown]
        );
        assert!(draft.problems(None, None).is_empty(), "no list, no check");
    }

    fn problems_with(draft: &ReportDraft, assets: &dyn FieldAssets) -> Vec<ReportProblem> {
        draft
            .problems(None, Some(assets))
            .into_iter()
            .map(|p| p.problem)
            .collect()
    }

    #[test]
    fn conditions_need_an_asset_and_a_ranger() {
        let mut draft = ReportDraft::new(ReportKind::Field, "https://admin.example.org/");
        draft.location = Some(LatLon::new(44.8, 6.3));
        draft.comment = "Lame arrachée".into();
        draft.category_id = Some(2);
        draft.asset_condition_ids = vec![3];
        assert_eq!(
            draft.problems(None, None),
            [FieldProblem {
                field: ReportField::Conditions,
                problem: ReportProblem::ConditionsWithoutAsset
            }]
        );
        draft.asset = Some(signpost());
        assert!(draft.problems(None, None).is_empty());
        draft.kind = ReportKind::Public;
        draft.email = "a@b.fr".into();
        assert_eq!(problems(&draft, None), [ReportProblem::AssetNotAllowed]);
    }

    #[test]
    fn every_problem_is_worded_in_french_and_english() {
        let all = [
            ReportProblem::ServerUrlInvalid,
            ReportProblem::LocationMissing,
            ReportProblem::LocationOutOfRange,
            ReportProblem::EmailInvalid,
            ReportProblem::CommentMissing,
            ReportProblem::CategoryMissing,
            ReportProblem::CategoryUnknown,
            ReportProblem::ActivityUnknown,
            ReportProblem::MagnitudeUnknown,
            ReportProblem::AssetNotAllowed,
            ReportProblem::AssetUnknown,
            ReportProblem::AssetNotNearby,
            ReportProblem::ConditionsWithoutAsset,
            ReportProblem::ConditionUnknown,
        ];
        for problem in all {
            let (en, fr) = (
                problem.message(Language::English),
                problem.message(Language::French),
            );
            assert_ne!(en, fr, "{problem:?}");
        }
        assert_eq!(
            ReportProblem::CommentMissing.message(Language::French),
            "Décrivez le problème."
        );
        assert_eq!(
            describe_problems(&[
                ReportProblem::CommentMissing.into(),
                ReportProblem::CategoryMissing.into()
            ]),
            "Describe the problem. Choose a category."
        );
    }
}
