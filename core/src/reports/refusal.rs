//! How a server's refusal of a report is told to the user: Geotrek-admin
//! answers a report it will not take with Django REST framework's field
//! errors, in the park's language (`{"category": ["Clé primaire « 555 » non
//! valide - l'objet n'existe pas."]}`). The outbox keeps a sentence naming
//! the fields of the form instead, and the ids the server did not know.

use super::ReportDraft;

/// The sentence a refused report keeps, from the answer's `status` and the
/// server's `reason` (its `detail`, or its field errors as JSON text).
pub fn describe(status: u16, reason: &str, draft: &ReportDraft) -> String {
    format!(
        "The server refused the report: {} ({status}).",
        details(reason, draft)
    )
}

/// What the server refused, field by field in the form's words (`category:
/// unknown id 555`), from its `reason`; one part per field, `; ` between.
pub fn details(reason: &str, draft: &ReportDraft) -> String {
    let parts: Vec<String> = match serde_json::from_str::<serde_json::Value>(reason) {
        Ok(serde_json::Value::Object(fields)) if !fields.is_empty() => {
            let mut parts: Vec<String> = fields
                .iter()
                .map(|(field, messages)| refused_field(field, messages, draft))
                .collect();
            parts.dedup();
            parts
        }
        _ => vec![reason.to_string()],
    };
    parts
        .iter()
        .map(|part| part.trim().trim_end_matches('.'))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What the server said about one field, in the form's words.
fn refused_field(field: &str, messages: &serde_json::Value, draft: &ReportDraft) -> String {
    let (label, sent) = match field {
        "category" | "category_id" => ("category", draft.category_id),
        "activity" | "activity_id" => ("activity", draft.activity_id),
        "problem_magnitude" | "problem_magnitude_id" => ("magnitude", draft.magnitude_id),
        "related_trek" => ("trek", draft.related_trek_id),
        "conditions_id" => ("condition", None),
        "geom" => return "the location is not accepted".to_string(),
        "email" => return "the e-mail address is not accepted".to_string(),
        "comment" => return "the comment is not accepted".to_string(),
        "non_field_errors" | "detail" => return plain_messages(messages),
        other => return format!("the field `{other}` is not accepted"),
    };
    match sent.filter(|id| mentions(messages, *id)) {
        Some(id) => format!("{label} {id} is not in the park's list"),
        None => format!("the {label} is not accepted"),
    }
}

/// Whether the server's messages name the id `id` (DRF quotes the unknown key).
fn mentions(messages: &serde_json::Value, id: i64) -> bool {
    let id = id.to_string();
    texts(messages).iter().any(|text| {
        text.split(|c: char| !c.is_ascii_digit())
            .any(|number| number == id)
    })
}

/// The server's own words for an error that names no field.
fn plain_messages(messages: &serde_json::Value) -> String {
    texts(messages).join(" ")
}

fn texts(messages: &serde_json::Value) -> Vec<String> {
    match messages {
        serde_json::Value::String(text) => vec![text.clone()],
        serde_json::Value::Array(items) => items.iter().flat_map(texts).collect(),
        other => vec![other.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::ReportKind;

    #[test]
    fn field_errors_are_named_in_the_form_s_words() {
        let mut draft = ReportDraft::new(ReportKind::Public, "https://admin.example.org/");
        (draft.category_id, draft.magnitude_id) = (Some(555), Some(2));
        let french = r#"{"category": ["Clé primaire « 555 » non valide - l'objet n'existe pas."],
                         "problem_magnitude": ["Clé primaire « 9 » non valide."],
                         "geom": ["Valeur invalide."]}"#;
        assert_eq!(
            describe(400, french, &draft),
            "The server refused the report: category 555 is not in the park's list; \
             the location is not accepted; the magnitude is not accepted (400)."
        );
        assert_eq!(
            describe(403, "Vous n'avez pas la permission.", &draft),
            "The server refused the report: Vous n'avez pas la permission (403)."
        );
        assert_eq!(
            describe(400, r#"{"non_field_errors": ["Trop tard."]}"#, &draft),
            "The server refused the report: Trop tard (400)."
        );
    }
}
