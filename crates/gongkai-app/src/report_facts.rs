//! Table 三 from the facts kept beside each application (issue 19): the stale ones are
//! recomputed from their ledgers first, then the store counts the groups in one query.

use crate::ledger_codec::decode_all;
use crate::{App, AppError};
use gongkai_domain::report::Grid;
use gongkai_domain::report::compute::{CaseFacts, applications_table_from_counts};

/// How many stale applications are recomputed per transaction.
const BATCH: i64 = 500;

impl App {
    /// Table 三 of the agency for `year`, from the data.
    pub(crate) async fn table_3(&self, agency_id: i64, year: i32) -> Result<Grid, AppError> {
        self.refresh_facts(agency_id).await?;
        let counts = self.store.fact_counts(agency_id, year).await?;
        Ok(applications_table_from_counts(&counts))
    }

    /// Recomputes the facts of the agency's applications that changed since they were last
    /// computed. Derived data, like the search index: not audited.
    async fn refresh_facts(&self, agency_id: i64) -> Result<(), AppError> {
        loop {
            let stale = self.store.stale_fact_cases(agency_id, BATCH).await?;
            if stale.is_empty() {
                return Ok(());
            }
            let mut tx = self.store.begin().await?;
            for id in stale {
                let Some((case, rows)) = tx.case_with_events_locked(id).await? else {
                    continue;
                };
                let events = decode_all(id, &rows, case.channel)?;
                let facts = CaseFacts::from_events(case.applicant_type, &events);
                tx.set_case_facts(id, &facts).await?;
            }
            tx.commit().await?;
        }
    }
}
