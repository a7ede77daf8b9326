//! The application ledger's events as stored rows: a kind, the day, and JSON for the one
//! detail some kinds carry (channel, whom consulted, extension days, outcome).

use gongkai_domain::clock::{AnswerText, Channel, Consulted, Date, Event, EventKind, Outcome};
use gongkai_store::StoreError;
use gongkai_store::applications::EventRow;
use serde_json::{Value, json};

/// The stored form of an event: (kind, day, payload JSON).
pub fn encode(e: &Event) -> (EventKind, Date, String) {
    let payload = match *e {
        Event::Received { channel, .. } => json!({ "channel": channel.as_str() }),
        Event::ConsultationSent { with, .. } => json!({ "with": consulted_key(with) }),
        Event::ExtensionApproved { days, .. } => json!({ "days": days }),
        Event::Answered { outcome, .. } => json!({ "outcome": outcome.row_key() }),
        Event::Voided { target, .. } => json!({ "target": target }),
        _ => json!({}),
    };
    (e.kind(), e.on(), payload.to_string())
}

/// A row's payload as JSON (`Null` when unreadable).
fn payload_of(row: &EventRow) -> Value {
    serde_json::from_str(&row.payload).unwrap_or(Value::Null)
}

/// The text under `key` of a payload (empty when absent).
fn text_at(payload: &Value, key: &str) -> String {
    payload
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The stored form of an event with what the clerk wrote: `note` (what to correct, why an
/// event is voided) and, for an answer, its reason and delivery (条例第三十六条、第三十七条).
pub fn encode_with(
    e: &Event,
    note: &str,
    answer: Option<&AnswerText>,
) -> (EventKind, Date, String) {
    let (kind, on, payload) = encode(e);
    let mut value: Value = serde_json::from_str(&payload).unwrap_or_else(|_| json!({}));
    let mut put = |k: &str, v: &str| {
        if !v.trim().is_empty() {
            value[k] = Value::String(v.trim().to_string());
        }
    };
    put("note", note);
    if let Some(a) = answer {
        put("reason", &a.reason);
        put("delivery", &a.delivery);
    }
    (kind, on, value.to_string())
}

/// What the clerk or the applicant wrote with an event (empty when nothing).
pub fn note_of(row: &EventRow) -> String {
    let payload = payload_of(row);
    ["text", "note"]
        .iter()
        .filter_map(|k| payload.get(*k).and_then(Value::as_str))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The corrected request an applicant's 补正 carries (empty for other events).
pub fn corrected_request_of(row: &EventRow) -> String {
    let payload = payload_of(row);
    ["request", "text", "note"]
        .iter()
        .find_map(|k| payload.get(*k).and_then(Value::as_str))
        .unwrap_or_default()
        .to_string()
}

/// The reason and delivery an answer was recorded with.
pub fn answer_text_of(row: &EventRow) -> AnswerText {
    let payload = payload_of(row);
    AnswerText {
        reason: text_at(&payload, "reason"),
        delivery: text_at(&payload, "delivery"),
    }
}

/// The payload's key for whom an opinion was asked of.
fn consulted_key(with: Consulted) -> &'static str {
    match with {
        Consulted::ThirdParty => "third_party",
        Consulted::OtherAgency => "other_agency",
    }
}

/// An event read back; `channel` is the application's, for rows written before the payload
/// carried it. `None` when the payload lacks what its kind needs.
pub fn decode(row: &EventRow, channel: Channel) -> Option<Event> {
    let on = row.on_date;
    let payload = payload_of(row);
    let text = |k: &str| text_at(&payload, k);
    Some(match row.kind {
        EventKind::Received => Event::Received {
            on,
            channel: Channel::parse(&text("channel")).unwrap_or(channel),
        },
        EventKind::Confirmed => Event::Confirmed { on },
        EventKind::CorrectionRequested => Event::CorrectionRequested { on },
        EventKind::CorrectionReceived => Event::CorrectionReceived { on },
        EventKind::CorrectionLapsed => Event::CorrectionLapsed { on },
        EventKind::ConsultationSent => {
            let with = if text("with") == consulted_key(Consulted::OtherAgency) {
                Consulted::OtherAgency
            } else {
                Consulted::ThirdParty
            };
            Event::ConsultationSent { on, with }
        }
        EventKind::ConsultationAnswered => Event::ConsultationAnswered { on },
        EventKind::ExtensionApproved => {
            let days = payload
                .get("days")
                .and_then(Value::as_u64)
                .and_then(|d| u32::try_from(d).ok())?;
            Event::ExtensionApproved { on, days }
        }
        EventKind::FeeNoticeIssued => Event::FeeNoticeIssued { on },
        EventKind::FeePaid => Event::FeePaid { on },
        EventKind::FeeExpired => Event::FeeExpired { on },
        EventKind::Answered => Event::Answered {
            on,
            outcome: Outcome::from_key(&text("outcome"))?,
        },
        EventKind::Withdrawn => Event::Withdrawn { on },
        EventKind::Transferred => Event::Transferred { on },
        EventKind::Voided => Event::Voided {
            on,
            target: payload
                .get("target")
                .and_then(Value::as_u64)
                .and_then(|t| usize::try_from(t).ok())?,
        },
    })
}

/// Every event of case `case_id`'s ledger; a row whose payload lacks what its kind needs is
/// `Corrupt`, never skipped (issue 14: a skipped 延期 moved the due date).
pub fn decode_all(
    case_id: i64,
    rows: &[EventRow],
    channel: Channel,
) -> Result<Vec<Event>, StoreError> {
    rows.iter()
        .map(|r| {
            decode(r, channel).ok_or_else(|| StoreError::Corrupt {
                table: "application_events",
                row: case_id,
                column: "payload",
                value: r.payload.chars().take(40).collect(),
            })
        })
        .collect()
}
