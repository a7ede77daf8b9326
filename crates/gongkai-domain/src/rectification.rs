//! 整改通知: what a supervisor asks an agency to put right (督查, "以督查倒逼整改"), with its
//! basis and a deadline in working days; the agency answers with what it did; the supervisor
//! accepts the answer or returns it with a reason. Transitions, not setters.

use crate::clock::Date;
use std::fmt;

/// Where a notice stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeState {
    /// Issued (or returned): the agency must answer.
    Open,
    /// Answered: the supervisor reviews.
    Answered,
    /// Accepted: closed.
    Accepted,
}

/// What happens to a notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeAction {
    /// The agency reports what it did.
    Answer,
    /// The supervisor accepts the answer.
    Accept,
    /// The supervisor returns it (with a reason).
    Return,
}

/// A transition that is not allowed now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoticeError {
    /// The state.
    pub state: NoticeState,
    /// What was tried.
    pub action: NoticeAction,
}

impl fmt::Display for NoticeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "整改通知{}，不能{}",
            self.state.label(),
            match self.action {
                NoticeAction::Answer => "再报送整改情况",
                NoticeAction::Accept => "验收",
                NoticeAction::Return => "退回",
            }
        )
    }
}

impl std::error::Error for NoticeError {}

impl NoticeState {
    /// The stored key.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeState::Open => "open",
            NoticeState::Answered => "answered",
            NoticeState::Accepted => "accepted",
        }
    }

    /// The state with this key.
    pub fn parse(key: &str) -> Option<NoticeState> {
        [
            NoticeState::Open,
            NoticeState::Answered,
            NoticeState::Accepted,
        ]
        .into_iter()
        .find(|s| s.as_str() == key)
    }

    /// 待整改, 待验收, 已验收.
    pub fn label(self) -> &'static str {
        match self {
            NoticeState::Open => "待整改",
            NoticeState::Answered => "待验收",
            NoticeState::Accepted => "已验收",
        }
    }

    /// The state after `action`.
    pub fn apply(self, action: NoticeAction) -> Result<NoticeState, NoticeError> {
        match (self, action) {
            (NoticeState::Open, NoticeAction::Answer) => Ok(NoticeState::Answered),
            (NoticeState::Answered, NoticeAction::Accept) => Ok(NoticeState::Accepted),
            (NoticeState::Answered, NoticeAction::Return) => Ok(NoticeState::Open),
            (state, action) => Err(NoticeError { state, action }),
        }
    }

    /// Overdue on `today`: still open after its due day (an answer in time stops the clock).
    pub fn overdue(self, due: Date, today: Date) -> bool {
        self == NoticeState::Open && today > due
    }
}

/// The longest deadline a supervisor may set, in working days.
pub const MAX_NOTICE_DAYS: u32 = 60;

#[cfg(test)]
mod tests {
    use super::*;
    use NoticeAction::*;

    #[test]
    fn issue_answer_return_answer_accept_and_nothing_else() {
        let s = NoticeState::Open.apply(Answer).unwrap();
        let s = s.apply(Return).unwrap();
        assert_eq!(s, NoticeState::Open);
        let s = s.apply(Answer).unwrap().apply(Accept).unwrap();
        assert_eq!(s, NoticeState::Accepted);
        for a in [Answer, Accept, Return] {
            assert!(NoticeState::Accepted.apply(a).is_err());
        }
        assert!(NoticeState::Open.apply(Accept).is_err());
        let d = Date::parse("2026-04-10").unwrap();
        assert!(NoticeState::Open.overdue(d, d.succ()));
        assert!(!NoticeState::Answered.overdue(d, d.succ()));
    }
}
