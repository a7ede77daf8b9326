//! 更正: a mistaken event is never edited or deleted. A later correction event (`Voided`) sets
//! it aside, with who, when and why kept beside it, and the ledger is evaluated again from the
//! events that stand (issue 17). The history shows both.

use super::{Event, LedgerError};

/// The events that stand once every voided one is set aside, each with its position in the
/// whole ledger (so errors name the event as the clerk sees it). A correction must name an
/// earlier event that is not the receipt, not a correction and not already voided.
pub fn standing(events: &[Event]) -> Result<Vec<(usize, &Event)>, LedgerError> {
    let mut voided = vec![false; events.len()];
    for (index, event) in events.iter().enumerate() {
        if let Event::Voided { on, target } = *event {
            let valid = target > 0
                && target < index
                && !voided[target]
                && !matches!(events[target], Event::Voided { .. })
                && events[target].on() <= on;
            if !valid {
                return Err(LedgerError::BadCorrection { index });
            }
            voided[target] = true;
        }
    }
    Ok(events
        .iter()
        .enumerate()
        .filter(|(i, e)| !voided[*i] && !matches!(e, Event::Voided { .. }))
        .collect())
}

/// The positions of the events a correction may void now: every standing event but the
/// receipt.
pub fn voidable(events: &[Event]) -> Vec<usize> {
    standing(events)
        .map(|s| s.into_iter().map(|(i, _)| i).filter(|i| *i > 0).collect())
        .unwrap_or_default()
}

/// The standing events themselves, in order.
pub fn standing_events(events: &[Event]) -> Vec<Event> {
    standing(events)
        .map(|s| s.into_iter().map(|(_, e)| e.clone()).collect())
        .unwrap_or_else(|_| events.to_vec())
}
