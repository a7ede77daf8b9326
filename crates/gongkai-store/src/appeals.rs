//! 行政复议 / 行政诉讼 records (table 四).

use crate::audit::AuditEntry;
use crate::{Store, StoreError, Tx, now_millis, on_pool, on_tx};

/// A 复议 or 诉讼 as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AppealRow {
    /// Id.
    pub id: i64,
    /// Agency.
    pub agency_id: i64,
    /// `reconsideration`, `lawsuit_direct`, `lawsuit_after_reconsideration`.
    pub kind: String,
    /// `upheld`, `corrected`, `other`, `pending`.
    pub result: String,
    /// The application it concerns, if any.
    pub application_id: Option<i64>,
    /// 案号.
    pub case_no: String,
    /// Filed on.
    pub filed_on: String,
    /// Decided on.
    pub decided_on: Option<String>,
}

impl Tx {
    /// Records a 复议 or 诉讼 (pending until decided).
    pub async fn insert_appeal(
        &mut self,
        agency_id: i64,
        kind: &str,
        application_id: Option<i64>,
        case_no: &str,
        filed_on: &str,
        actor: &str,
    ) -> Result<i64, StoreError> {
        let entry = AuditEntry {
            actor,
            action: "appeal.record",
            entity: "appeal",
            entity_id: case_no,
            detail: kind,
        };
        self.audit(&entry).await?;
        const SQL: &str = "INSERT INTO appeals (agency_id, kind, result, application_id, case_no, \
                           filed_on, created_at) VALUES ($1, $2, 'pending', $3, $4, $5, $6) RETURNING id";
        Ok(on_tx!(self, |c| sqlx::query_scalar(SQL)
            .bind(agency_id)
            .bind(kind)
            .bind(application_id)
            .bind(case_no)
            .bind(filed_on)
            .bind(now_millis())
            .fetch_one(c)
            .await)?)
    }

    /// Records the result of a 复议 or 诉讼.
    pub async fn decide_appeal(
        &mut self,
        id: i64,
        result: &str,
        decided_on: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        let key = id.to_string();
        let entry = AuditEntry {
            actor,
            action: "appeal.decide",
            entity: "appeal",
            entity_id: &key,
            detail: result,
        };
        self.audit(&entry).await?;
        const SQL: &str = "UPDATE appeals SET result = $1, decided_on = $2 WHERE id = $3";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(result)
            .bind(decided_on)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

impl Store {
    /// An agency's 复议 and 诉讼, oldest first.
    pub async fn agency_appeals(&self, agency_id: i64) -> Result<Vec<AppealRow>, StoreError> {
        const SQL: &str = "SELECT id, agency_id, kind, result, application_id, case_no, filed_on, \
                           decided_on FROM appeals WHERE agency_id = $1 ORDER BY filed_on, id";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .fetch_all(p)
            .await)?)
    }
}
