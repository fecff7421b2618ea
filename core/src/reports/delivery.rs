//! Why a report is not delivered (yet), typed: the outbox stores it with
//! the report (as JSON in its `last_error` column) and the core words it for
//! the user in their language with what to do ([`crate::wording`]); logs
//! and the command line read [`DeliveryProblem::describe`], in English.

use serde::{Deserialize, Serialize};

use super::transport::Failure;
use super::validation::ReportProblem;
use crate::locale::{Language, UserMessage};

/// What stopped a report's delivery, as the outbox keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DeliveryProblem {
    /// Nothing reached the server (no network, no route): sent again by itself.
    NotDelivered { detail: String },
    /// The request may have reached the server but no answer came back:
    /// looked up, then sent again, by itself.
    NoAnswer { detail: String },
    /// The server asked to come back later: sent again by itself.
    ServerBusy { detail: Option<String> },
    /// The server refused the report for good (`details`: what it refused,
    /// field by field, in the form's words).
    Refused { status: u16, details: String },
    /// The ranger's session on `server` ended: held until a login.
    LoginRequired { server: String },
    /// It may have reached `server` and nothing can tell: the user decides.
    PossiblyDelivered { server: String },
    /// The report's server address is not a web address.
    ServerUrlInvalid,
    /// The stored report cannot be read.
    Unreadable { detail: String },
    /// A text an older version of the outbox kept.
    Other { text: String },
}

impl DeliveryProblem {
    /// The problem a failed exchange with `server` (its host) leaves.
    pub(crate) fn of_failure(failure: &Failure, server: &str) -> DeliveryProblem {
        match failure {
            Failure::NotDelivered(detail) => DeliveryProblem::NotDelivered {
                detail: detail.clone(),
            },
            Failure::OutcomeUnknown(detail) => DeliveryProblem::NoAnswer {
                detail: detail.clone(),
            },
            Failure::Busy { reason, .. } => DeliveryProblem::ServerBusy {
                detail: Some(reason.clone()),
            },
            Failure::Refused { status, reason } => DeliveryProblem::Refused {
                status: *status,
                details: reason.clone(),
            },
            Failure::LoginRequired => DeliveryProblem::LoginRequired {
                server: server.to_string(),
            },
        }
    }

    /// How the outbox stores it.
    pub(crate) fn stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| self.describe())
    }

    /// The problem the outbox stored as `text`; a text an older version
    /// kept reads as [`DeliveryProblem::Other`].
    pub(crate) fn read(text: &str) -> DeliveryProblem {
        serde_json::from_str(text).unwrap_or_else(|_| DeliveryProblem::Other {
            text: text.to_string(),
        })
    }

    /// In English, for logs and the command line.
    pub fn describe(&self) -> String {
        match self {
            DeliveryProblem::NotDelivered { detail } => format!("not delivered: {detail}"),
            DeliveryProblem::NoAnswer { detail } => format!("delivery not confirmed: {detail}"),
            DeliveryProblem::ServerBusy {
                detail: Some(detail),
            } => {
                format!("server busy: {detail}")
            }
            DeliveryProblem::ServerBusy { detail: None } => "server busy".to_string(),
            DeliveryProblem::Refused { status, details } => {
                format!("The server refused the report: {details} ({status}).")
            }
            DeliveryProblem::LoginRequired { server } => format!("log in to {server} to send it"),
            DeliveryProblem::PossiblyDelivered { server } => format!(
                "may have reached {server} (its answer was lost): send it again, or keep it as delivered"
            ),
            DeliveryProblem::ServerUrlInvalid => {
                ReportProblem::ServerUrlInvalid.message(Language::English)
            }
            DeliveryProblem::Unreadable { detail } => {
                format!("this report cannot be read ({detail}): discard it and write it again")
            }
            DeliveryProblem::Other { text } => text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_is_stored_and_read_back_typed_and_an_old_text_still_reads() {
        let problems = [
            DeliveryProblem::NotDelivered {
                detail: "connection refused".into(),
            },
            DeliveryProblem::ServerBusy { detail: None },
            DeliveryProblem::Refused {
                status: 400,
                details: "category: unknown id 555".into(),
            },
            DeliveryProblem::LoginRequired {
                server: "admin.example.org".into(),
            },
        ];
        for problem in problems {
            assert_eq!(DeliveryProblem::read(&problem.stored()), problem);
        }
        assert_eq!(
            DeliveryProblem::read("refused (400): bad"),
            DeliveryProblem::Other {
                text: "refused (400): bad".into()
            }
        );
    }
}
