//! 行政复议 / 行政诉讼 records (table 四).

use crate::audit::AuditEntry;
use crate::decode::{self, At};
use crate::{Store, StoreError, Tx, now_millis, on_pool, on_tx};
use gongkai_domain::clock::Date;
use gongkai_domain::report::compute::{AppealKind, AppealResult};

/// A 复议 or 诉讼 as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealRow {
    /// Id.
    pub id: i64,
    /// Agency.
    pub agency_id: i64,
    /// 复议 or 诉讼.
    pub kind: AppealKind,
    /// The result (尚未审结 until decided).
    pub result: AppealResult,
    /// The application it concerns, if any.
    pub application_id: Option<i64>,
    /// 案号.
    pub case_no: String,
    /// Filed on.
    pub filed_on: Date,
    /// Decided on.
    pub decided_on: Option<Date>,
}

/// An appeal as the database holds it.
#[derive(sqlx::FromRow)]
struct RawAppeal {
    id: i64,
    agency_id: i64,
    kind: String,
    result: String,
    application_id: Option<i64>,
    case_no: String,
    filed_on: String,
    decided_on: Option<String>,
}

impl RawAppeal {
    fn decode(self) -> Result<AppealRow, StoreError> {
        let at = At::new("appeals", self.id);
        Ok(AppealRow {
            kind: at.parse("kind", &self.kind, AppealKind::parse)?,
            result: at.parse("result", &self.result, AppealResult::parse)?,
            filed_on: at.date("filed_on", &self.filed_on)?,
            decided_on: at.opt_date("decided_on", self.decided_on.as_deref())?,
            id: self.id,
            agency_id: self.agency_id,
            application_id: self.application_id,
            case_no: self.case_no,
        })
    }
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
        let rows: Vec<RawAppeal> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawAppeal::decode)
    }
}
