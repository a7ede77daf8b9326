//! 依申请公开: applications and their event ledger.

use crate::audit::AuditEntry;
use crate::{Store, StoreError, Tx, now_millis, on_pool, on_tx};

/// An application as registered.
pub struct NewApplication<'a> {
    /// The agency applied to.
    pub agency_id: i64,
    /// 查询码, given to the applicant.
    pub tracking_code: &'a str,
    /// The argon2id hash of the 查询密码.
    pub tracking_secret_hash: &'a str,
    /// `online`, `in_person`, `registered_mail`, `mail` or `fax`.
    pub channel: &'a str,
    /// A column of table 三: `natural_person`, `commercial`, …
    pub applicant_type: &'a str,
    /// The applicant's name.
    pub applicant_name: &'a str,
    /// What is asked for.
    pub request: &'a str,
    /// The date of receipt (条例第三十一条), `YYYY-MM-DD`.
    pub received_on: &'a str,
}

/// An application as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Application {
    /// Id.
    pub id: i64,
    /// Agency.
    pub agency_id: i64,
    /// 查询码.
    pub tracking_code: String,
    /// Channel.
    pub channel: String,
    /// Applicant type.
    pub applicant_type: String,
    /// Applicant.
    pub applicant_name: String,
    /// Request.
    pub request: String,
    /// Date of receipt.
    pub received_on: Option<String>,
    /// State.
    pub state: String,
}

impl Tx {
    /// Registers an application with its first ledger event (收到), a change for the index and
    /// an audit row.
    pub async fn insert_application(
        &mut self,
        a: &NewApplication<'_>,
        actor: &str,
    ) -> Result<i64, StoreError> {
        let entry = AuditEntry {
            actor,
            action: "application.register",
            entity: "application",
            entity_id: a.tracking_code,
            detail: a.applicant_type,
        };
        self.audit(&entry).await?;
        let at = now_millis();
        const SQL: &str = "INSERT INTO applications (agency_id, tracking_code, tracking_secret_hash, \
            channel, applicant_type, applicant_name, request, received_on, state, created_at) \
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'registered', $9) RETURNING id";
        let id: i64 = on_tx!(self, |c| sqlx::query_scalar(SQL)
            .bind(a.agency_id)
            .bind(a.tracking_code)
            .bind(a.tracking_secret_hash)
            .bind(a.channel)
            .bind(a.applicant_type)
            .bind(a.applicant_name)
            .bind(a.request)
            .bind(a.received_on)
            .bind(at)
            .fetch_one(c)
            .await)?;
        const EVENT: &str = "INSERT INTO application_events (application_id, seq, kind, on_date, at) \
                             VALUES ($1, 1, 'received', $2, $3)";
        on_tx!(self, |c| sqlx::query(EVENT)
            .bind(id)
            .bind(a.received_on)
            .bind(at)
            .execute(c)
            .await
            .map(|_| ()))?;
        self.record_change("application", &id.to_string()).await?;
        Ok(id)
    }

    /// Appends to the change sequence that the search index follows.
    pub async fn record_change(&mut self, entity: &str, entity_id: &str) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO changes (entity, entity_id, at) VALUES ($1, $2, $3)";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(entity)
            .bind(entity_id)
            .bind(now_millis())
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

impl Store {
    /// Every application, by id.
    pub async fn applications(&self) -> Result<Vec<Application>, StoreError> {
        const SQL: &str = "SELECT id, agency_id, tracking_code, channel, applicant_type, \
                           applicant_name, request, received_on, state FROM applications ORDER BY id";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL).fetch_all(p).await)?)
    }
}
