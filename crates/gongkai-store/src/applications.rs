//! 依申请公开: applications and their event ledger.

use crate::audit::AuditEntry;
pub use crate::case_rows::{Application, CaseRow, EventRow};
use crate::case_rows::{RawApplication, RawCase, RawEvent};
use crate::decode;
use crate::{Store, StoreError, Tx, now_millis, on_pool, on_tx};
use gongkai_domain::clock::{Date, EventKind};
use std::collections::HashMap;

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
    /// 身份证号 or 统一社会信用代码 (shown only to the registrar and approver).
    pub applicant_id_no: &'a str,
    /// Phone or e-mail.
    pub applicant_contact: &'a str,
    /// Postal address.
    pub applicant_address: &'a str,
    /// The identity document's kind (`resident_id` …; empty for an organisation).
    pub applicant_id_kind: &'a str,
    /// 法定代表人 (an organisation).
    pub applicant_legal_rep: &'a str,
    /// 联系人 (an organisation).
    pub applicant_liaison: &'a str,
    /// What is asked for.
    pub request: &'a str,
    /// The date of receipt (条例第三十一条), `YYYY-MM-DD`.
    pub received_on: &'a str,
}

/// `SELECT` of a [`CaseRow`], then the rest.
macro_rules! select_case {
    ($rest:literal) => {
        concat!(
            "SELECT id, agency_id, tracking_code, tracking_secret_hash, channel, applicant_type, \
             applicant_name, applicant_id_no, applicant_contact, applicant_address, request, \
             received_on, state, outcome, created_at, applicant_id_kind, applicant_legal_rep, \
             applicant_liaison FROM applications ",
            $rest
        )
    };
}

/// An agency's applications (the work list). `$1` agency.
pub(crate) const AGENCY_CASES: &str = select_case!("WHERE agency_id = $1 ORDER BY id");

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
            channel, applicant_type, applicant_name, request, received_on, state, created_at, \
            applicant_id_no, applicant_contact, applicant_address, applicant_id_kind, \
            applicant_legal_rep, applicant_liaison) \
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'registered', $9, $10, $11, $12, $13, $14, $15) \
            RETURNING id";
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
            .bind(a.applicant_id_no)
            .bind(a.applicant_contact)
            .bind(a.applicant_address)
            .bind(a.applicant_id_kind)
            .bind(a.applicant_legal_rep)
            .bind(a.applicant_liaison)
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

    /// Appends an event to an application's ledger; returns its position.
    pub async fn append_event(
        &mut self,
        application_id: i64,
        kind: EventKind,
        on_date: Date,
        payload: &str,
        user_id: Option<i64>,
    ) -> Result<i64, StoreError> {
        const NEXT: &str = "SELECT CAST(COALESCE(MAX(seq), 0) + 1 AS BIGINT) FROM application_events \
                            WHERE application_id = $1";
        let seq: i64 = on_tx!(self, |c| sqlx::query_scalar(NEXT)
            .bind(application_id)
            .fetch_one(c)
            .await)?;
        const SQL: &str = "INSERT INTO application_events (application_id, seq, kind, on_date, \
                           payload, user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(application_id)
            .bind(seq)
            .bind(kind.key())
            .bind(on_date.to_string())
            .bind(payload)
            .bind(user_id)
            .bind(now_millis())
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(seq)
    }

    /// Moves an application to another agency of the platform (转送, issue 15), whose date
    /// of receipt `on` becomes the application's.
    pub async fn set_application_agency(
        &mut self,
        id: i64,
        agency_id: i64,
        on: Date,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE applications SET agency_id = $1, received_on = $2, \
            facts_known = FALSE WHERE id = $3";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(agency_id)
            .bind(on.to_string())
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Sets an application's state and, once closed, its outcome.
    pub async fn set_application_state(
        &mut self,
        id: i64,
        state: &str,
        outcome: Option<&str>,
    ) -> Result<(), StoreError> {
        // The annual report's facts follow the ledger: stale until recomputed.
        const SQL: &str =
            "UPDATE applications SET state = $1, outcome = $2, facts_known = FALSE WHERE id = $3";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(state)
            .bind(outcome)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Replaces the applicant's contact details (a 补正 may change them; the old value stays
    /// in the audit log).
    pub async fn set_applicant_contact(
        &mut self,
        id: i64,
        contact: &str,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE applications SET applicant_contact = $1 WHERE id = $2";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(contact)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
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
        let rows: Vec<RawApplication> = on_pool!(self, |p| sqlx::query_as(SQL).fetch_all(p).await)?;
        decode::all(rows, RawApplication::decode)
    }

    /// An application by id.
    pub async fn case(&self, id: i64) -> Result<Option<CaseRow>, StoreError> {
        const SQL: &str = select_case!("WHERE id = $1");
        let row: Option<RawCase> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(id)
            .fetch_optional(p)
            .await)?;
        row.map(RawCase::decode).transpose()
    }

    /// An application by its 查询码.
    pub async fn case_by_tracking_code(&self, code: &str) -> Result<Option<CaseRow>, StoreError> {
        const SQL: &str = select_case!("WHERE tracking_code = $1");
        let row: Option<RawCase> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(code)
            .fetch_optional(p)
            .await)?;
        row.map(RawCase::decode).transpose()
    }

    /// An agency's applications, oldest first.
    pub async fn agency_cases(&self, agency_id: i64) -> Result<Vec<CaseRow>, StoreError> {
        const SQL: &str = AGENCY_CASES;
        let rows: Vec<RawCase> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawCase::decode)
    }

    /// The ledgers of all of an agency's applications in one query, by application id.
    pub async fn agency_case_events(
        &self,
        agency_id: i64,
    ) -> Result<HashMap<i64, Vec<EventRow>>, StoreError> {
        const SQL: &str = "SELECT e.application_id, e.seq, e.kind, e.on_date, e.payload, e.user_id, \
            e.at FROM application_events e JOIN applications a ON a.id = e.application_id \
            WHERE a.agency_id = $1 ORDER BY e.application_id, e.seq";
        let rows: Vec<RawEvent> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .fetch_all(p)
            .await)?;
        let mut out: HashMap<i64, Vec<EventRow>> = HashMap::new();
        for r in rows {
            let (application, event) = r.decode()?;
            out.entry(application).or_default().push(event);
        }
        Ok(out)
    }

    /// An application's ledger, in order.
    pub async fn case_events(&self, application_id: i64) -> Result<Vec<EventRow>, StoreError> {
        const SQL: &str = "SELECT application_id, seq, kind, on_date, payload, user_id, at \
                           FROM application_events WHERE application_id = $1 ORDER BY seq";
        let rows: Vec<RawEvent> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(application_id)
            .fetch_all(p)
            .await)?;
        decode::all(rows, |r| r.decode().map(|(_, e)| e))
    }
}

/// A letter as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterRow {
    /// Id.
    pub id: i64,
    /// `answer`, `correction`, `extension`, `consultation`, `fee_notice`.
    pub kind: String,
    /// The letter as JSON: `{"title": …, "paragraphs": […]}`.
    pub body: String,
    /// `draft`, `approved`, `sent`.
    pub state: String,
    /// When it was sent.
    pub sent_on: Option<Date>,
}

/// A letter as the database holds it.
#[derive(sqlx::FromRow)]
struct RawLetter {
    id: i64,
    kind: String,
    body: String,
    state: String,
    sent_on: Option<String>,
}

impl RawLetter {
    fn decode(self) -> Result<LetterRow, StoreError> {
        let at = crate::decode::At::new("letters", self.id);
        Ok(LetterRow {
            sent_on: at.opt_date("sent_on", self.sent_on.as_deref())?,
            id: self.id,
            kind: self.kind,
            body: self.body,
            state: self.state,
        })
    }
}

impl Tx {
    /// An application and its ledger, read inside the transaction with the application's row
    /// locked (PostgreSQL; an SQLite write transaction holds the whole database), so that
    /// facts computed from them cannot overwrite a change committed meanwhile.
    pub async fn case_with_events_locked(
        &mut self,
        id: i64,
    ) -> Result<Option<(CaseRow, Vec<EventRow>)>, StoreError> {
        const LOCK: &str = "SELECT id FROM applications WHERE id = $1 FOR UPDATE";
        const CASE: &str = select_case!("WHERE id = $1");
        const EVENTS: &str = "SELECT application_id, seq, kind, on_date, payload, user_id, at \
                              FROM application_events WHERE application_id = $1 ORDER BY seq";
        if let crate::TxConn::Pg(t) = &mut self.conn {
            sqlx::query(LOCK).bind(id).execute(&mut **t).await?;
        }
        let row: Option<RawCase> = on_tx!(self, |c| sqlx::query_as(CASE)
            .bind(id)
            .fetch_optional(c)
            .await)?;
        let Some(case) = row.map(RawCase::decode).transpose()? else {
            return Ok(None);
        };
        let rows: Vec<RawEvent> =
            on_tx!(self, |c| sqlx::query_as(EVENTS).bind(id).fetch_all(c).await)?;
        let events = decode::all(rows, |r| r.decode().map(|(_, e)| e))?;
        Ok(Some((case, events)))
    }

    /// Stores a letter of an application.
    pub async fn insert_letter(
        &mut self,
        application_id: i64,
        kind: &str,
        body: &str,
        state: &str,
        sent_on: Option<&str>,
    ) -> Result<i64, StoreError> {
        const SQL: &str = "INSERT INTO letters (application_id, kind, body, state, sent_on, created_at) \
                           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
        Ok(on_tx!(self, |c| sqlx::query_scalar(SQL)
            .bind(application_id)
            .bind(kind)
            .bind(body)
            .bind(state)
            .bind(sent_on)
            .bind(now_millis())
            .fetch_one(c)
            .await)?)
    }
}

impl Store {
    /// The letters of an application, oldest first.
    pub async fn letters(&self, application_id: i64) -> Result<Vec<LetterRow>, StoreError> {
        const SQL: &str = "SELECT id, kind, body, state, sent_on FROM letters \
                           WHERE application_id = $1 ORDER BY id";
        let rows: Vec<RawLetter> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(application_id)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawLetter::decode)
    }
}
