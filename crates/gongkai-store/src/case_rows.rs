//! Application rows as the database holds them, decoded into typed rows at the store's edge
//! (issue 14: an unknown channel read as 网上申请 moved a case's date of receipt).

use crate::StoreError;
use crate::decode::At;
use gongkai_domain::applicant::IdKind;
use gongkai_domain::clock::{ApplicantType, Channel, Date, EventKind};

/// An application as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    /// Id.
    pub id: i64,
    /// Agency.
    pub agency_id: i64,
    /// 查询码.
    pub tracking_code: String,
    /// Channel.
    pub channel: Channel,
    /// Applicant type.
    pub applicant_type: ApplicantType,
    /// Applicant.
    pub applicant_name: String,
    /// Request.
    pub request: String,
    /// Date of receipt.
    pub received_on: Option<Date>,
    /// State.
    pub state: String,
}

/// An application with everything the agency's registrar and approver may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    /// Id.
    pub id: i64,
    /// Agency.
    pub agency_id: i64,
    /// 查询码.
    pub tracking_code: String,
    /// argon2id hash of the 查询密码.
    pub tracking_secret_hash: String,
    /// Channel (条例第三十一条).
    pub channel: Channel,
    /// Applicant type (the column of table 三).
    pub applicant_type: ApplicantType,
    /// Name.
    pub applicant_name: String,
    /// ID number.
    pub applicant_id_no: String,
    /// Contact.
    pub applicant_contact: String,
    /// Address.
    pub applicant_address: String,
    /// The identity document's kind (`None`: an organisation, or a row from before).
    pub applicant_id_kind: Option<IdKind>,
    /// 法定代表人 (an organisation).
    pub applicant_legal_rep: String,
    /// 联系人 (an organisation).
    pub applicant_liaison: String,
    /// What is asked for.
    pub request: String,
    /// The day it arrived.
    pub received_on: Option<Date>,
    /// State id.
    pub state: String,
    /// Outcome key once closed.
    pub outcome: Option<String>,
    /// Created (ms).
    pub created_at: i64,
}

/// A ledger event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    /// Position in the ledger, from 1.
    pub seq: i64,
    /// Kind.
    pub kind: EventKind,
    /// The day it happened.
    pub on_date: Date,
    /// Details as JSON.
    pub payload: String,
    /// Who recorded it.
    pub user_id: Option<i64>,
    /// When it was recorded (ms).
    pub at: i64,
}

/// `SELECT` of an application's list columns, as text.
#[derive(sqlx::FromRow)]
pub(crate) struct RawApplication {
    id: i64,
    agency_id: i64,
    tracking_code: String,
    channel: String,
    applicant_type: String,
    applicant_name: String,
    request: String,
    received_on: Option<String>,
    state: String,
}

impl RawApplication {
    /// The typed row.
    pub(crate) fn decode(self) -> Result<Application, StoreError> {
        let at = At::new("applications", self.id);
        Ok(Application {
            channel: at.parse("channel", &self.channel, Channel::parse)?,
            applicant_type: at.parse(
                "applicant_type",
                &self.applicant_type,
                ApplicantType::parse,
            )?,
            received_on: at.opt_date("received_on", self.received_on.as_deref())?,
            id: self.id,
            agency_id: self.agency_id,
            tracking_code: self.tracking_code,
            applicant_name: self.applicant_name,
            request: self.request,
            state: self.state,
        })
    }
}

/// `select_case!`'s columns, as text.
#[derive(sqlx::FromRow)]
pub(crate) struct RawCase {
    id: i64,
    agency_id: i64,
    tracking_code: String,
    tracking_secret_hash: String,
    channel: String,
    applicant_type: String,
    applicant_name: String,
    applicant_id_no: String,
    applicant_contact: String,
    applicant_address: String,
    request: String,
    received_on: Option<String>,
    state: String,
    outcome: Option<String>,
    created_at: i64,
    applicant_id_kind: String,
    applicant_legal_rep: String,
    applicant_liaison: String,
}

impl RawCase {
    /// The typed row.
    pub(crate) fn decode(self) -> Result<CaseRow, StoreError> {
        let at = At::new("applications", self.id);
        Ok(CaseRow {
            channel: at.parse("channel", &self.channel, Channel::parse)?,
            applicant_type: at.parse(
                "applicant_type",
                &self.applicant_type,
                ApplicantType::parse,
            )?,
            received_on: at.opt_date("received_on", self.received_on.as_deref())?,
            id: self.id,
            agency_id: self.agency_id,
            tracking_code: self.tracking_code,
            tracking_secret_hash: self.tracking_secret_hash,
            applicant_name: self.applicant_name,
            applicant_id_no: self.applicant_id_no,
            applicant_contact: self.applicant_contact,
            applicant_address: self.applicant_address,
            applicant_id_kind: match self.applicant_id_kind.as_str() {
                "" => None,
                k => Some(at.parse("applicant_id_kind", k, IdKind::parse)?),
            },
            applicant_legal_rep: self.applicant_legal_rep,
            applicant_liaison: self.applicant_liaison,
            request: self.request,
            state: self.state,
            outcome: self.outcome,
            created_at: self.created_at,
        })
    }
}

/// A ledger event with its application, as text.
#[derive(sqlx::FromRow)]
pub(crate) struct RawEvent {
    application_id: i64,
    seq: i64,
    kind: String,
    on_date: String,
    payload: String,
    user_id: Option<i64>,
    at: i64,
}

impl RawEvent {
    /// The application's id and the typed event (the row named is the application's).
    pub(crate) fn decode(self) -> Result<(i64, EventRow), StoreError> {
        let at = At::new("application_events", self.application_id);
        let event = EventRow {
            kind: at.parse("kind", &self.kind, EventKind::parse)?,
            on_date: at.date("on_date", &self.on_date)?,
            seq: self.seq,
            payload: self.payload,
            user_id: self.user_id,
            at: self.at,
        };
        Ok((self.application_id, event))
    }
}
