//! 索引号: `{org_code}/{YYYY}-{NNNNN}`, allocated per agency and year inside the transaction
//! that registers the item, so a rolled-back registration gives its number back and the
//! numbers stay gap-free; concurrent registrations queue on the counter row.

use crate::{StoreError, Tx, on_tx};
use std::fmt;

/// An allocated 索引号.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct IndexNo {
    code: String,
    year: i32,
    number: u32,
}

impl IndexNo {
    /// Reads `CODE/YYYY-NNNNN`.
    pub fn parse(text: &str) -> Option<IndexNo> {
        let (code, rest) = text.rsplit_once('/')?;
        let (year, number) = rest.split_once('-')?;
        let valid = !code.is_empty() && year.len() == 4 && number.len() >= 5;
        valid.then_some(())?;
        Some(IndexNo {
            code: code.to_string(),
            year: year.parse().ok()?,
            number: number.parse().ok()?,
        })
    }

    /// The running number within the agency and year, from 1.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }
}

impl fmt::Display for IndexNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}-{:05}", self.code, self.year, self.number)
    }
}

impl Tx {
    /// The next 索引号 of `agency_id` for `year`.
    pub async fn allocate_index_no(
        &mut self,
        agency_id: i64,
        year: i32,
    ) -> Result<IndexNo, StoreError> {
        // The counter is written first: the row lock (PostgreSQL) or the write lock (SQLite)
        // orders concurrent allocations.
        const NEXT: &str = "INSERT INTO index_counters (agency_id, year, last) VALUES ($1, $2, 1) \
                            ON CONFLICT (agency_id, year) DO UPDATE SET last = index_counters.last + 1 \
                            RETURNING last";
        let last: i64 = on_tx!(self, |c| sqlx::query_scalar(NEXT)
            .bind(agency_id)
            .bind(i64::from(year))
            .fetch_one(c)
            .await)?;
        const CODE: &str = "SELECT code FROM agencies WHERE id = $1";
        let code: String = on_tx!(self, |c| sqlx::query_scalar(CODE)
            .bind(agency_id)
            .fetch_one(c)
            .await)?;
        let number = u32::try_from(last)
            .map_err(|_| StoreError::Invalid(format!("索引号已用尽：{last}")))?;
        Ok(IndexNo { code, year, number })
    }
}
