//! 责任追究 records (issue 16): which agency, when, the person's role (never a name), the
//! basis and the outcome.

use crate::audit::AuditEntry;
use crate::decode::{self, At};
use crate::{Store, StoreError, Tx, on_pool, on_tx};
use gongkai_domain::clock::Date;

/// A record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Id (0 before it is stored).
    pub id: i64,
    /// The agency concerned.
    pub agency_id: i64,
    /// The supervisor's agency that recorded it.
    pub issuer_agency_id: i64,
    /// The day of the decision.
    pub on: Date,
    /// The person's role (e.g. 党政办工作人员).
    pub person_role: String,
    /// The basis.
    pub basis: String,
    /// The outcome (诫勉谈话, 通报批评, …).
    pub outcome: String,
}

#[derive(sqlx::FromRow)]
struct RawRecord {
    id: i64,
    agency_id: i64,
    issuer_agency_id: i64,
    on_date: String,
    person_role: String,
    basis: String,
    outcome: String,
}

impl RawRecord {
    fn decode(self) -> Result<Record, StoreError> {
        let at = At::new("accountability", self.id);
        Ok(Record {
            on: at.date("on_date", &self.on_date)?,
            id: self.id,
            agency_id: self.agency_id,
            issuer_agency_id: self.issuer_agency_id,
            person_role: self.person_role,
            basis: self.basis,
            outcome: self.outcome,
        })
    }
}

impl Tx {
    /// Stores a record (`r.id` is ignored); returns its id.
    pub async fn insert_accountability(
        &mut self,
        r: &Record,
        recorded_by: i64,
        actor: &str,
    ) -> Result<i64, StoreError> {
        let entry = AuditEntry {
            actor,
            action: "accountability.record",
            entity: "accountability",
            entity_id: &r.person_role,
            detail: &r.outcome,
        };
        self.audit(&entry).await?;
        const SQL: &str = "INSERT INTO accountability (agency_id, issuer_agency_id, recorded_by, \
            on_date, person_role, basis, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
        Ok(on_tx!(self, |c| sqlx::query_scalar(SQL)
            .bind(r.agency_id)
            .bind(r.issuer_agency_id)
            .bind(recorded_by)
            .bind(r.on.to_string())
            .bind(&r.person_role)
            .bind(&r.basis)
            .bind(&r.outcome)
            .fetch_one(c)
            .await)?)
    }
}

impl Store {
    /// Records about `agency_id` (`Some`) or recorded by `issuer` (`None` for the agency),
    /// newest first.
    pub async fn accountability(
        &self,
        agency_id: Option<i64>,
        issuer: Option<i64>,
    ) -> Result<Vec<Record>, StoreError> {
        const SQL: &str = "SELECT id, agency_id, issuer_agency_id, on_date, person_role, basis, \
            outcome FROM accountability WHERE ($1 IS NULL OR agency_id = $1) \
            AND ($2 IS NULL OR issuer_agency_id = $2) ORDER BY on_date DESC, id DESC";
        let rows: Vec<RawRecord> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .bind(issuer)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawRecord::decode)
    }
}

impl Store {
    /// 保密审查 of a year: the agency's items published in `year` (each reviewed before
    /// publication, 一事一审) and the 保密审查 flags its reviewers kept with a reason on them.
    pub async fn security_reviews(
        &self,
        agency_id: i64,
        year: i32,
    ) -> Result<(i64, i64), StoreError> {
        const SQL: &str = "SELECT COUNT(DISTINCT i.id), COUNT(f.flag) FROM items i \
            LEFT JOIN item_flag_acceptances f ON f.item_id = i.id \
            WHERE i.agency_id = $1 AND i.published_on >= $2 AND i.published_on <= $3";
        let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .bind(&from)
            .bind(&to)
            .fetch_one(p)
            .await)?)
    }
}
