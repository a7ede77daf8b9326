//! The application ledger's events as stored rows: a kind, the day, and JSON for the one
//! detail some kinds carry (channel, whom consulted, extension days, outcome).

use gongkai_domain::clock::{Channel, Consulted, Date, Event, Outcome};
use gongkai_store::applications::EventRow;
use serde_json::{Value, json};

/// The stored form of an event: (kind, day, payload JSON).
pub fn encode(e: &Event) -> (&'static str, Date, String) {
    let (kind, on, payload) = match *e {
        Event::Received { on, channel } => ("received", on, json!({ "channel": channel.as_str() })),
        Event::Confirmed { on } => ("confirmed", on, json!({})),
        Event::CorrectionRequested { on } => ("correction_requested", on, json!({})),
        Event::CorrectionReceived { on } => ("correction_received", on, json!({})),
        Event::CorrectionLapsed { on } => ("correction_lapsed", on, json!({})),
        Event::ConsultationSent { on, with } => {
            let with = if with == Consulted::ThirdParty {
                "third_party"
            } else {
                "other_agency"
            };
            ("consultation_sent", on, json!({ "with": with }))
        }
        Event::ConsultationAnswered { on } => ("consultation_answered", on, json!({})),
        Event::ExtensionApproved { on, days } => {
            ("extension_approved", on, json!({ "days": days }))
        }
        Event::FeeNoticeIssued { on } => ("fee_notice_issued", on, json!({})),
        Event::FeePaid { on } => ("fee_paid", on, json!({})),
        Event::FeeExpired { on } => ("fee_expired", on, json!({})),
        Event::Answered { on, outcome } => {
            ("answered", on, json!({ "outcome": outcome.row_key() }))
        }
        Event::Withdrawn { on } => ("withdrawn", on, json!({})),
    };
    (kind, on, payload.to_string())
}

/// An event read back; `channel` is the application's, for rows written before the payload
/// carried it. `None` for a row this version does not know.
pub fn decode(row: &EventRow, channel: Channel) -> Option<Event> {
    let on = Date::parse(&row.on_date).ok()?;
    let payload: Value = serde_json::from_str(&row.payload).unwrap_or(Value::Null);
    let text = |k: &str| {
        payload
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Some(match row.kind.as_str() {
        "received" => Event::Received {
            on,
            channel: Channel::parse(&text("channel")).unwrap_or(channel),
        },
        "confirmed" => Event::Confirmed { on },
        "correction_requested" => Event::CorrectionRequested { on },
        "correction_received" => Event::CorrectionReceived { on },
        "correction_lapsed" => Event::CorrectionLapsed { on },
        "consultation_sent" => {
            let with = if text("with") == "other_agency" {
                Consulted::OtherAgency
            } else {
                Consulted::ThirdParty
            };
            Event::ConsultationSent { on, with }
        }
        "consultation_answered" => Event::ConsultationAnswered { on },
        "extension_approved" => {
            let days = payload
                .get("days")
                .and_then(Value::as_u64)
                .and_then(|d| u32::try_from(d).ok())?;
            Event::ExtensionApproved { on, days }
        }
        "fee_notice_issued" => Event::FeeNoticeIssued { on },
        "fee_paid" => Event::FeePaid { on },
        "fee_expired" => Event::FeeExpired { on },
        "answered" => Event::Answered {
            on,
            outcome: Outcome::from_key(&text("outcome"))?,
        },
        "withdrawn" => Event::Withdrawn { on },
        _ => return None,
    })
}
