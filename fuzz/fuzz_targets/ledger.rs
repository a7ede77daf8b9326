//! Fuzz target: ledger rows as stored (kind, day, JSON payload) decode to events or to
//! nothing; a decoded event encodes and decodes to itself; and the statutory clock evaluates
//! any decoded sequence on any day without panicking (an impossible one is an error).
#![no_main]

use gongkai_app::ledger_codec::{decode, encode};
use gongkai_domain::clock::{Channel, Date, evaluate};
use gongkai_store::applications::EventRow;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut events = Vec::new();
    for (seq, line) in text.lines().enumerate().take(64) {
        let mut parts = line.splitn(3, '|');
        let row = EventRow {
            seq: seq as i64 + 1,
            kind: parts.next().unwrap_or("").to_string(),
            on_date: parts.next().unwrap_or("").to_string(),
            payload: parts.next().unwrap_or("").to_string(),
            user_id: None,
            at: 0,
        };
        if let Some(event) = decode(&row, Channel::Online) {
            let (kind, on, payload) = encode(&event);
            let again = EventRow {
                kind: kind.to_string(),
                on_date: on.to_string(),
                payload,
                ..row
            };
            assert_eq!(decode(&again, Channel::Online).as_ref(), Some(&event));
            events.push(event);
        }
    }
    let calendar = gongkai_app::official_calendar();
    for today in ["2025-01-01", "2026-06-30", "2199-12-31"] {
        if let Ok(day) = Date::parse(today) {
            let _ = evaluate(&events, &calendar, day);
        }
    }
});
