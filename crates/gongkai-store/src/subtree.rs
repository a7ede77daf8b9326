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
    /// Every application of the subtree rooted at `root`, by id.
    pub async fn subtree_cases(&self, root: i64) -> Result<Vec<CaseRow>, StoreError> {
        const SQL: &str = scope!(
            "SELECT id, agency_id, tracking_code, tracking_secret_hash, channel, applicant_type, \
             applicant_name, applicant_id_no, applicant_contact, applicant_address, request, \
             received_on, state, outcome, created_at, applicant_id_kind, applicant_legal_rep, \
             applicant_liaison FROM applications \
             WHERE agency_id IN (SELECT id FROM scope) ORDER BY id"
        );
        let rows: Vec<RawCase> =
            on_pool!(self, |p| sqlx::query_as(SQL).bind(root).fetch_all(p).await)?;
        decode::all(rows, RawCase::decode)
    }

    /// The ledgers of every application of the subtree, by application id.
    pub async fn subtree_case_events(
        &self,
        root: i64,
    ) -> Result<HashMap<i64, Vec<EventRow>>, StoreError> {
        const SQL: &str = scope!(
            "SELECT e.application_id, e.seq, e.kind, e.on_date, e.payload, e.user_id, e.at \
             FROM application_events e JOIN applications a ON a.id = e.application_id \
             WHERE a.agency_id IN (SELECT id FROM scope) ORDER BY e.application_id, e.seq"
        );
        let rows: Vec<RawEvent> =
            on_pool!(self, |p| sqlx::query_as(SQL).bind(root).fetch_all(p).await)?;
        let mut out: HashMap<i64, Vec<EventRow>> = HashMap::new();
        for r in rows {
            let (application, event) = r.decode()?;
            out.entry(application).or_default().push(event);
        }
        Ok(out)
    }
}

impl Store {
    /// The last publication day of each (agency, 标准目录 domain) of the subtree with public
    /// items: (agency, domain, day).
    pub async fn subtree_column_updates(
        &self,
        root: i64,
    ) -> Result<Vec<(i64, String, Option<gongkai_domain::clock::Date>)>, StoreError> {
        const SQL: &str = scope!(
            "SELECT i.agency_id, v.domain, MAX(i.published_on) FROM items i \
             JOIN item_versions v ON v.item_id = i.id AND v.version = i.published_version \
             WHERE i.agency_id IN (SELECT id FROM scope) AND v.domain IS NOT NULL \
             GROUP BY i.agency_id, v.domain"
        );
        let rows: Vec<(i64, String, Option<String>)> =
            on_pool!(self, |p| sqlx::query_as(SQL).bind(root).fetch_all(p).await)?;
        rows.into_iter()
            .map(|(agency, domain, day)| {
                let at = crate::decode::At::new("agencies", agency);
                Ok((agency, domain, at.opt_date("published_on", day.as_deref())?))
            })
            .collect()
    }
}
