//! The one vocabulary of ledger events (issue 14): the key stored in the database, the Chinese
//! name a clerk sees, and the list of all of them. The codec, the console's event form and the
//! tracking page all use it.

use super::{Event, State};

/// What kind of thing happened to an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[expect(missing_docs, reason = "each variant is the Event of the same name")]
pub enum EventKind {
    Received,
    Confirmed,
    CorrectionRequested,
    CorrectionReceived,
    CorrectionLapsed,
    ConsultationSent,
    ConsultationAnswered,
    ExtensionApproved,
    FeeNoticeIssued,
    FeePaid,
    FeeExpired,
    Answered,
    Withdrawn,
    Transferred,
    Voided,
}

impl EventKind {
    /// Every kind, in the order a case usually meets them.
    pub const ALL: [EventKind; 15] = [
        EventKind::Received,
        EventKind::Confirmed,
        EventKind::CorrectionRequested,
        EventKind::CorrectionReceived,
        EventKind::CorrectionLapsed,
        EventKind::ConsultationSent,
        EventKind::ConsultationAnswered,
        EventKind::ExtensionApproved,
        EventKind::FeeNoticeIssued,
        EventKind::FeePaid,
        EventKind::FeeExpired,
        EventKind::Answered,
        EventKind::Withdrawn,
        EventKind::Transferred,
        EventKind::Voided,
    ];

    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            EventKind::Received => "received",
            EventKind::Confirmed => "confirmed",
            EventKind::CorrectionRequested => "correction_requested",
            EventKind::CorrectionReceived => "correction_received",
            EventKind::CorrectionLapsed => "correction_lapsed",
            EventKind::ConsultationSent => "consultation_sent",
            EventKind::ConsultationAnswered => "consultation_answered",
            EventKind::ExtensionApproved => "extension_approved",
            EventKind::FeeNoticeIssued => "fee_notice_issued",
            EventKind::FeePaid => "fee_paid",
            EventKind::FeeExpired => "fee_expired",
            EventKind::Answered => "answered",
            EventKind::Withdrawn => "withdrawn",
            EventKind::Transferred => "transferred",
            EventKind::Voided => "voided",
        }
    }

    /// The kind with this stored key.
    pub fn parse(key: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The Chinese name, as the console's form and the tracking page show it.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Received => "收到申请",
            EventKind::Confirmed => "确认收到（平常信函、网上、传真）",
            EventKind::CorrectionRequested => "告知补正",
            EventKind::CorrectionReceived => "收到补正",
            EventKind::CorrectionLapsed => "逾期未补正",
            EventKind::ConsultationSent => "征求意见",
            EventKind::ConsultationAnswered => "收到意见",
            EventKind::ExtensionApproved => "延期（领导同意）",
            EventKind::FeeNoticeIssued => "发出收费通知",
            EventKind::FeePaid => "已缴费",
            EventKind::FeeExpired => "逾期未缴费",
            EventKind::Answered => "答复",
            EventKind::Withdrawn => "申请人撤回",
            EventKind::Transferred => "转本平台其他机关办理",
            EventKind::Voided => "更正（撤销误记事项）",
        }
    }
}

/// What may be recorded next on a ledger whose events are `events` and whose state is
/// `state` (the console offers exactly these): nothing once closed; an extension only while the
/// clock runs or pauses and only if none was granted since the application was received here.
pub fn allowed_next(events: &[Event], state: State) -> Vec<EventKind> {
    use EventKind as K;
    let standing = super::correction::standing_events(events);
    let extended = standing
        .iter()
        .rev()
        .take_while(|e| e.kind() != K::Transferred)
        .any(|e| e.kind() == K::ExtensionApproved);
    let kinds: &[EventKind] = match state {
        State::AwaitingConfirmation => &[K::Confirmed, K::Withdrawn, K::Transferred],
        State::InProgress => &[
            K::CorrectionRequested,
            K::ConsultationSent,
            K::ExtensionApproved,
            K::FeeNoticeIssued,
            K::Answered,
            K::Withdrawn,
            K::Transferred,
        ],
        State::AwaitingCorrection => &[
            K::CorrectionReceived,
            K::CorrectionLapsed,
            K::Withdrawn,
            K::Transferred,
        ],
        State::Consulting => &[K::ConsultationAnswered, K::ExtensionApproved, K::Withdrawn],
        State::AwaitingFee => &[
            K::FeePaid,
            K::FeeExpired,
            K::ExtensionApproved,
            K::Withdrawn,
        ],
        State::Closed(_) => &[],
    };
    kinds
        .iter()
        .copied()
        .filter(|k| !(extended && *k == K::ExtensionApproved))
        .collect()
}

impl Event {
    /// This event's kind.
    pub fn kind(&self) -> EventKind {
        match self {
            Event::Received { .. } => EventKind::Received,
            Event::Confirmed { .. } => EventKind::Confirmed,
            Event::CorrectionRequested { .. } => EventKind::CorrectionRequested,
            Event::CorrectionReceived { .. } => EventKind::CorrectionReceived,
            Event::CorrectionLapsed { .. } => EventKind::CorrectionLapsed,
            Event::ConsultationSent { .. } => EventKind::ConsultationSent,
            Event::ConsultationAnswered { .. } => EventKind::ConsultationAnswered,
            Event::ExtensionApproved { .. } => EventKind::ExtensionApproved,
            Event::FeeNoticeIssued { .. } => EventKind::FeeNoticeIssued,
            Event::FeePaid { .. } => EventKind::FeePaid,
            Event::FeeExpired { .. } => EventKind::FeeExpired,
            Event::Answered { .. } => EventKind::Answered,
            Event::Withdrawn { .. } => EventKind::Withdrawn,
            Event::Transferred { .. } => EventKind::Transferred,
            Event::Voided { .. } => EventKind::Voided,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_key() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.key()), Some(k));
        }
        assert_eq!(EventKind::parse("Received"), None);
    }

    fn day(s: &str) -> crate::clock::Date {
        crate::clock::Date::parse(s).unwrap_or_else(|_| unreachable!("a valid date"))
    }

    /// An event of `kind` on `on` (the details any valid ones).
    fn of(kind: EventKind, on: crate::clock::Date) -> Event {
        use crate::clock::{Channel, Consulted, Outcome};
        match kind {
            EventKind::Received => Event::Received {
                on,
                channel: Channel::Online,
            },
            EventKind::Confirmed => Event::Confirmed { on },
            EventKind::CorrectionRequested => Event::CorrectionRequested { on },
            EventKind::CorrectionReceived => Event::CorrectionReceived { on },
            EventKind::CorrectionLapsed => Event::CorrectionLapsed { on },
            EventKind::ConsultationSent => Event::ConsultationSent {
                on,
                with: Consulted::ThirdParty,
            },
            EventKind::ConsultationAnswered => Event::ConsultationAnswered { on },
            EventKind::ExtensionApproved => Event::ExtensionApproved { on, days: 5 },
            EventKind::FeeNoticeIssued => Event::FeeNoticeIssued { on },
            EventKind::FeePaid => Event::FeePaid { on },
            EventKind::FeeExpired => Event::FeeExpired { on },
            EventKind::Answered => Event::Answered {
                on,
                outcome: Outcome::Granted,
            },
            EventKind::Withdrawn => Event::Withdrawn { on },
            EventKind::Transferred => Event::Transferred { on },
            EventKind::Voided => Event::Voided { on, target: 1 },
        }
    }

    /// Issue 17: the console offers one action per step the ledger allows next, and exactly
    /// those: for ledgers in every state, each kind offered is accepted, each other refused.
    #[test]
    fn the_actions_offered_are_exactly_what_the_ledger_accepts() {
        use crate::clock::{Calendar, evaluate};
        let cal = Calendar::new();
        let k = |kinds: &[EventKind]| -> Vec<Event> {
            kinds
                .iter()
                .map(|kind| of(*kind, day("2025-03-03")))
                .collect()
        };
        use EventKind as K;
        let ledgers = [
            k(&[K::Received]),
            k(&[K::Received, K::Confirmed]),
            k(&[K::Received, K::Confirmed, K::CorrectionRequested]),
            k(&[K::Received, K::Confirmed, K::ConsultationSent]),
            k(&[K::Received, K::Confirmed, K::FeeNoticeIssued]),
            k(&[K::Received, K::Confirmed, K::ExtensionApproved]),
            k(&[K::Received, K::Confirmed, K::Answered]),
        ];
        let next_day = day("2025-03-04");
        for ledger in ledgers {
            let state = evaluate(&ledger, &cal, next_day)
                .unwrap_or_else(|e| unreachable!("{e}"))
                .state;
            let offered = allowed_next(&ledger, state);
            for kind in EventKind::ALL.into_iter().filter(|k| *k != K::Voided) {
                let mut with = ledger.clone();
                with.push(of(kind, next_day));
                let accepted = evaluate(&with, &cal, next_day).is_ok();
                assert_eq!(
                    accepted,
                    offered.contains(&kind),
                    "{kind:?} after {:?} in {state:?}",
                    ledger.iter().map(Event::kind).collect::<Vec<_>>()
                );
            }
        }
    }
}
