//! Holiday schedules added from the console (issue 17), one text per year; the running
//! numbers of letters' 文号.

use crate::{Store, StoreError, Tx, on_pool, on_tx};

/// A stored schedule.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CalendarYearRow {
    /// The year.
    pub year: i64,
    /// The schedule in the format of `data/calendar/*.txt`.
    pub body: String,
    /// Who added it.
    pub added_by: String,
    /// When (ms).
    pub added_at: i64,
}

impl Tx {
    /// Saves (or replaces) the schedule of a year.
    pub async fn save_calendar_year(&mut self, row: &CalendarYearRow) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO calendar_years (year, body, added_by, added_at) \
            VALUES ($1, $2, $3, $4) ON CONFLICT (year) DO UPDATE SET body = excluded.body, \
            added_by = excluded.added_by, added_at = excluded.added_at";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(row.year)
            .bind(&row.body)
            .bind(&row.added_by)
            .bind(row.added_at)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

impl Tx {
    /// The next running number of `agency_id`'s letters of `kind` in `year` (1, 2, …).
    pub async fn next_letter_number(
        &mut self,
        agency_id: i64,
        kind: &str,
        year: i64,
    ) -> Result<i64, StoreError> {
        const SQL: &str = "INSERT INTO letter_numbers (agency_id, kind, year, last) \
            VALUES ($1, $2, $3, 1) ON CONFLICT (agency_id, kind, year) \
            DO UPDATE SET last = letter_numbers.last + 1 RETURNING last";
        Ok(on_tx!(self, |c| sqlx::query_scalar(SQL)
            .bind(agency_id)
            .bind(kind)
            .bind(year)
            .fetch_one(c)
            .await)?)
    }
}

impl Store {
    /// Every schedule added from the console, by year.
    pub async fn calendar_years(&self) -> Result<Vec<CalendarYearRow>, StoreError> {
        const SQL: &str = "SELECT year, body, added_by, added_at FROM calendar_years ORDER BY year";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL).fetch_all(p).await)?)
    }
}
