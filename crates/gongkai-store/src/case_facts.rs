//! 年报事实 (issue 19): what the annual report counts of each application, kept beside it so
//! that table 三 for any year is one `GROUP BY`. Derived data, like the search index: every
//! change of an application's state marks its facts stale, and the report recomputes the stale
//! ones from their ledgers before counting.

use crate::decode::At;
use crate::{Store, StoreError, Tx, on_pool, on_tx};
use gongkai_domain::clock::{ApplicantType, Outcome};
use gongkai_domain::report::compute::{CaseFacts, FactCount};

/// Table 三's groups for one agency and year: column, received within the year, and the
/// outcome when closed within it. A query plan test keeps it on the `applications_facts` index.
pub const FACT_COUNTS: &str = "SELECT applicant_type, fact_received >= $2 AS new, \
    CASE WHEN fact_closed <= $3 THEN fact_outcome END AS closed, COUNT(*) AS n \
    FROM applications WHERE agency_id = $1 AND facts_known AND fact_received <= $3 \
    AND (fact_closed IS NULL OR fact_closed >= $2) \
    GROUP BY applicant_type, fact_received >= $2, CASE WHEN fact_closed <= $3 THEN fact_outcome END";

/// The applications of an agency whose facts are stale.
pub const STALE_FACTS: &str =
    "SELECT id FROM applications WHERE agency_id = $1 AND NOT facts_known ORDER BY id LIMIT $2";

type RawCount = (String, bool, Option<String>, i64);

impl Store {
    /// Up to `limit` applications of the agency whose facts must be recomputed.
    pub async fn stale_fact_cases(
        &self,
        agency_id: i64,
        limit: i64,
    ) -> Result<Vec<i64>, StoreError> {
        const SQL: &str = STALE_FACTS;
        let ids: Vec<(i64,)> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .bind(limit)
            .fetch_all(p)
            .await)?;
        Ok(ids.into_iter().map(|(id,)| id).collect())
    }

    /// Table 三's groups of the agency for `year` (every fact must be known: see
    /// [`Store::stale_fact_cases`]).
    pub async fn fact_counts(
        &self,
        agency_id: i64,
        year: i32,
    ) -> Result<Vec<FactCount>, StoreError> {
        const SQL: &str = FACT_COUNTS;
        let (start, end) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
        let rows: Vec<RawCount> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .bind(&start)
            .bind(&end)
            .fetch_all(p)
            .await)?;
        rows.into_iter().map(decode_count).collect()
    }
}

fn decode_count((applicant, new, closed, n): RawCount) -> Result<FactCount, StoreError> {
    let at = At::new("applications", 0);
    let applicant =
        ApplicantType::parse(&applicant).ok_or_else(|| at.corrupt("applicant_type", &applicant))?;
    let closed = match closed {
        Some(key) => Some(Outcome::from_key(&key).ok_or_else(|| at.corrupt("fact_outcome", &key))?),
        None => None,
    };
    let count = u64::try_from(n).map_err(|_| at.corrupt("count", &n.to_string()))?;
    Ok(FactCount {
        applicant,
        new,
        closed,
        count,
    })
}

impl Tx {
    /// Stores an application's facts, computed from its ledger.
    pub async fn set_case_facts(&mut self, id: i64, facts: &CaseFacts) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE applications SET fact_received = $1, fact_closed = $2, \
            fact_outcome = $3, facts_known = TRUE WHERE id = $4";
        let received = facts.received.map(|d| d.to_string());
        let closed = facts.closed.map(|(d, _)| d.to_string());
        let outcome = facts.closed.map(|(_, o)| o.row_key());
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(received)
            .bind(closed)
            .bind(outcome)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}
