//! The statutory clock: dates, the working-day calendar (holidays and 调休), and the
//! 信息处理费 of 国办函〔2020〕109号. Pure: the calendar data are passed in.

mod calendar;
mod correction;
mod date;
mod event_kind;
mod fee;
mod ledger;
mod outcome;

pub use calendar::{Calendar, Day, Reason, ScheduleError, WorkingDays, YearSchedule};
pub use correction::{standing, standing_events, voidable};
pub use date::{Date, DateError};
pub use event_kind::{EventKind, allowed_next};
pub use fee::{Band, Fee, FeeCount, fee_for_items, fee_for_pages};
pub use ledger::{
    ANSWER_DAYS, CONSULTATION_DAYS, Channel, Consulted, Event, FEE_DAYS, LedgerError, State,
    Status, append, evaluate,
};
pub use outcome::{AnswerText, ApplicantType, MIN_REASON_CHARS, MissingReason, Outcome};

#[cfg(test)]
mod tests;
