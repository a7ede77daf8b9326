//! 条例第二十六条: information within the scope of 主动公开 is published within 20 working days
//! of being formed or changed.

use crate::clock::{Calendar, Date};

/// Working days allowed between the 成文日期 and publication.
pub const PUBLISH_DAYS: u32 = 20;

/// How an item stands against the 20-working-day rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeliness {
    /// The last day for publication.
    pub due: Date,
    /// Published (or, if not yet published, today) after the due date.
    pub late: bool,
}

/// The due date from the 成文日期, and whether publication on `published` (or, when not yet
/// published, `today`) is late.
pub fn timeliness(
    written_on: Date,
    published: Option<Date>,
    today: Date,
    calendar: &Calendar,
) -> Timeliness {
    let due = calendar.add_working_days(written_on, PUBLISH_DAYS).date;
    Timeliness {
        due,
        late: published.unwrap_or(today) > due,
    }
}
