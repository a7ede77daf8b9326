//! What a supervisor's dashboard reads of an agency and everything under it, each in one
//! query whatever the number of agencies (issue 16).

use crate::case_rows::{CaseRow, EventRow, RawCase, RawEvent};
use crate::decode;
use crate::{Store, StoreError, on_pool};
use std::collections::HashMap;

/// The agencies of the subtree rooted at `$1`.
macro_rules! scope {
    ($rest:literal) => {
        concat!(
            "WITH RECURSIVE scope(id) AS (SELECT id FROM agencies WHERE id = $1 \
             UNION ALL SELECT a.id FROM agencies a JOIN scope s ON a.parent_id = s.id) ",
            $rest
        )
    };
}

impl Store {
    /// The applications of the subtree rooted at `root` that were open at some time since
    /// `since` (`YYYY-MM-DD`), by id: open ones, those closed since, and those whose 年报事实
    /// are stale (which may be either). Years of closed cases are not read.
    pub async fn subtree_cases(&self, root: i64, since: &str) -> Result<Vec<CaseRow>, StoreError> {
        const SQL: &str = scope!(
            "SELECT id, agency_id, tracking_code, tracking_secret_hash, channel, applicant_type, \
             applicant_name, applicant_id_no, applicant_contact, applicant_address, request, \
             received_on, state, outcome, created_at, applicant_id_kind, applicant_legal_rep, \
             applicant_liaison FROM applications \
             WHERE agency_id IN (SELECT id FROM scope) \
             AND (NOT facts_known OR fact_closed IS NULL OR fact_closed >= $2) ORDER BY id"
        );
        let rows: Vec<RawCase> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(root)
            .bind(since)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawCase::decode)
    }

    /// The ledgers of the applications [`Store::subtree_cases`] returns, by application id.
    pub async fn subtree_case_events(
        &self,
        root: i64,
        since: &str,
    ) -> Result<HashMap<i64, Vec<EventRow>>, StoreError> {
        const SQL: &str = scope!(
            "SELECT e.application_id, e.seq, e.kind, e.on_date, e.payload, e.user_id, e.at \
             FROM application_events e JOIN applications a ON a.id = e.application_id \
             WHERE a.agency_id IN (SELECT id FROM scope) \
             AND (NOT a.facts_known OR a.fact_closed IS NULL OR a.fact_closed >= $2) \
             ORDER BY e.application_id, e.seq"
        );
        let rows: Vec<RawEvent> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(root)
            .bind(since)
            .fetch_all(p)
            .await)?;
        let mut out: HashMap<i64, Vec<EventRow>> = HashMap::new();
        for r in rows {
            let (application, event) = r.decode()?;
            out.entry(application).or_default().push(event);
        }
        Ok(out)
    }
}

/// The last publication of a 标准目录 column in each agency of a subtree: `$1` root, `$2`
/// the domain.
pub(crate) const COLUMN_UPDATES: &str = scope!(
    "SELECT i.agency_id, MAX(i.published_on) FROM item_versions v \
             JOIN items i ON i.id = v.item_id AND v.version = i.published_version \
             WHERE v.domain = $2 AND i.agency_id IN (SELECT id FROM scope) GROUP BY i.agency_id"
);

impl Store {
    /// The last publication day of each watched 标准目录 column (`domains`) in each agency
    /// of the subtree that has public items in it: (agency, domain, day).
    pub async fn subtree_column_updates(
        &self,
        root: i64,
        domains: &[String],
    ) -> Result<Vec<(i64, String, Option<gongkai_domain::clock::Date>)>, StoreError> {
        // One domain at a time through `item_versions_domain`: a watched column holds a small
        // part of a province's million items (issue 19).
        const SQL: &str = COLUMN_UPDATES;
        let mut out = Vec::new();
        for domain in domains {
            let rows: Vec<(i64, Option<String>)> = on_pool!(self, |p| sqlx::query_as(SQL)
                .bind(root)
                .bind(domain)
                .fetch_all(p)
                .await)?;
            for (agency, day) in rows {
                let at = crate::decode::At::new("agencies", agency);
                let day = at.opt_date("published_on", day.as_deref())?;
                out.push((agency, domain.clone(), day));
            }
        }
        Ok(out)
    }
}
