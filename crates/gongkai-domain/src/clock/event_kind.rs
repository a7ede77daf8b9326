//! The one vocabulary of ledger events (issue 14): the key stored in the database, the Chinese
//! name a clerk sees, and the list of all of them. The codec, the console's event form and the
//! tracking page all use it.

use super::Event;

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
}

impl EventKind {
    /// Every kind, in the order a case usually meets them.
    pub const ALL: [EventKind; 14] = [
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
        }
    }
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
}
