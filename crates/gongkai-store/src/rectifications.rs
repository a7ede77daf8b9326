//! 整改通知 (issue 16): a supervisor's notices to the agencies of its subtree.

use crate::audit::AuditEntry;
use crate::decode::{self, At};
use crate::{Store, StoreError, Tx, on_pool, on_tx};
use gongkai_domain::clock::Date;
use gongkai_domain::rectification::NoticeState;

/// A notice to issue.
pub struct NewNotice<'a> {
    /// The agency that must put it right.
    pub agency_id: i64,
    /// The supervisor's agency.
    pub issuer_agency_id: i64,
    /// The supervisor.
    pub issued_by: i64,
    /// What is wrong.
    pub subject: &'a str,
    /// The rule it breaks.
    pub basis: &'a str,
    /// Issued.
    pub issued_on: Date,
    /// Due.
    pub due_on: Date,
}

/// A notice as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Id.
    pub id: i64,
    /// The agency that must put it right.
    pub agency_id: i64,
    /// The supervisor's agency.
    pub issuer_agency_id: i64,
    /// What is wrong.
    pub subject: String,
    /// The rule it breaks.
    pub basis: String,
    /// Issued.
    pub issued_on: Date,
    /// Due.
    pub due_on: Date,
    /// Where it stands.
    pub state: NoticeState,
    /// What the agency did.
    pub answer: String,
    /// When it answered (last).
    pub answered_on: Option<Date>,
    /// Why the supervisor returned it (last time).
    pub returned_reason: String,
    /// When accepted.
    pub closed_on: Option<Date>,
}

#[derive(sqlx::FromRow)]
struct RawNotice {
    id: i64,
    agency_id: i64,
    issuer_agency_id: i64,
    subject: String,
    basis: String,
    issued_on: String,
    due_on: String,
    state: String,
    answer: String,
    answered_on: Option<String>,
    returned_reason: String,
    closed_on: Option<String>,
}

impl RawNotice {
    fn decode(self) -> Result<Notice, StoreError> {
        let at = At::new("rectifications", self.id);
        Ok(Notice {
            issued_on: at.date("issued_on", &self.issued_on)?,
            due_on: at.date("due_on", &self.due_on)?,
            state: at.parse("state", &self.state, NoticeState::parse)?,
            answered_on: at.opt_date("answered_on", self.answered_on.as_deref())?,
            closed_on: at.opt_date("closed_on", self.closed_on.as_deref())?,
            id: self.id,
            agency_id: self.agency_id,
            issuer_agency_id: self.issuer_agency_id,
            subject: self.subject,
            basis: self.basis,
            answer: self.answer,
            returned_reason: self.returned_reason,
        })
    }
}

/// `SELECT` of a [`Notice`], then the rest.
macro_rules! select_notice {
    ($rest:literal) => {
        concat!(
            "SELECT id, agency_id, issuer_agency_id, subject, basis, issued_on, due_on, state, \
             answer, answered_on, returned_reason, closed_on FROM rectifications ",
            $rest
        )
    };
}

/// A change of a notice's state with what comes with it.
pub struct NoticeChange<'a> {
    /// The new state.
    pub state: NoticeState,
    /// The agency's answer (kept when `None`).
    pub answer: Option<&'a str>,
    /// The supervisor's reason for returning it (kept when `None`).
    pub returned_reason: Option<&'a str>,
    /// The day.
    pub on: Date,
}

impl Tx {
    /// Issues a notice; returns its id.
    pub async fn insert_notice(
        &mut self,
        n: &NewNotice<'_>,
        actor: &str,
    ) -> Result<i64, StoreError> {
        let entry = AuditEntry {
            actor,
            action: "rectification.issue",
            entity: "rectification",
            entity_id: n.subject,
            detail: n.basis,
        };
        self.audit(&entry).await?;
        const SQL: &str = "INSERT INTO rectifications (agency_id, issuer_agency_id, issued_by, \
            subject, basis, issued_on, due_on, state) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open') \
            RETURNING id";
        Ok(on_tx!(self, |c| sqlx::query_scalar(SQL)
            .bind(n.agency_id)
            .bind(n.issuer_agency_id)
            .bind(n.issued_by)
            .bind(n.subject)
            .bind(n.basis)
            .bind(n.issued_on.to_string())
            .bind(n.due_on.to_string())
            .fetch_one(c)
            .await)?)
    }

    /// Moves a notice to its next state (answered, accepted or returned).
    pub async fn change_notice(
        &mut self,
        id: i64,
        c: &NoticeChange<'_>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let key = id.to_string();
        let action = format!("rectification.{}", c.state.as_str());
        let entry = AuditEntry {
            actor,
            action: &action,
            entity: "rectification",
            entity_id: &key,
            detail: c.answer.or(c.returned_reason).unwrap_or_default(),
        };
        self.audit(&entry).await?;
        let day = c.on.to_string();
        const SQL: &str = "UPDATE rectifications SET state = $1, \
            answer = COALESCE($2, answer), returned_reason = COALESCE($3, returned_reason), \
            answered_on = CASE WHEN $1 = 'answered' THEN $4 ELSE answered_on END, \
            closed_on = CASE WHEN $1 = 'accepted' THEN $4 ELSE closed_on END WHERE id = $5";
        on_tx!(self, |conn| sqlx::query(SQL)
            .bind(c.state.as_str())
            .bind(c.answer)
            .bind(c.returned_reason)
            .bind(&day)
            .bind(id)
            .execute(conn)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

impl Store {
    /// A notice.
    pub async fn notice(&self, id: i64) -> Result<Option<Notice>, StoreError> {
        const SQL: &str = select_notice!("WHERE id = $1");
        let row: Option<RawNotice> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(id)
            .fetch_optional(p)
            .await)?;
        row.map(RawNotice::decode).transpose()
    }

    /// The notices an agency received (newest first).
    pub async fn notices_to(&self, agency_id: i64) -> Result<Vec<Notice>, StoreError> {
        const SQL: &str = select_notice!("WHERE agency_id = $1 ORDER BY id DESC");
        let rows: Vec<RawNotice> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawNotice::decode)
    }

    /// The notices a supervisor's agency issued (newest first).
    pub async fn notices_from(&self, agency_id: i64) -> Result<Vec<Notice>, StoreError> {
        const SQL: &str = select_notice!("WHERE issuer_agency_id = $1 ORDER BY id DESC");
        let rows: Vec<RawNotice> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawNotice::decode)
    }
}

/// Which side of a notice a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeSide {
    /// Attached by the supervisor to the notice.
    Notice,
    /// Sent by the agency with its answer (整改佐证材料).
    Evidence,
}

impl NoticeSide {
    /// The stored key.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeSide::Notice => "notice",
            NoticeSide::Evidence => "evidence",
        }
    }

    fn parse(s: &str) -> Option<NoticeSide> {
        [NoticeSide::Notice, NoticeSide::Evidence]
            .into_iter()
            .find(|side| side.as_str() == s)
    }
}

/// A file of a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeFile {
    /// The notice.
    pub notice_id: i64,
    /// Whose file it is.
    pub side: NoticeSide,
    /// The file.
    pub file: crate::attachments::AttachmentRef,
    /// The day it was added.
    pub added_on: Date,
}

#[derive(sqlx::FromRow)]
struct RawNoticeFile {
    rectification_id: i64,
    side: String,
    sha256: String,
    file_name: String,
    size: i64,
    media_type: String,
    added_on: String,
}

impl RawNoticeFile {
    fn decode(self) -> Result<NoticeFile, StoreError> {
        let at = At::new("rectification_files", self.rectification_id);
        Ok(NoticeFile {
            side: at.parse("side", &self.side, NoticeSide::parse)?,
            added_on: at.date("added_on", &self.added_on)?,
            notice_id: self.rectification_id,
            file: crate::attachments::AttachmentRef {
                sha256: self.sha256,
                file_name: self.file_name,
                size: self.size,
                media_type: self.media_type,
            },
        })
    }
}

impl Tx {
    /// Stores a file (once per content) and attaches it to a notice on `side`.
    pub async fn attach_to_notice(
        &mut self,
        (id, side): (i64, NoticeSide),
        file_name: &str,
        media_type: &str,
        content: &[u8],
        on: Date,
    ) -> Result<String, StoreError> {
        let sha = self.store_blob(media_type, content).await?;
        const LINK: &str = "INSERT INTO rectification_files \
            (rectification_id, side, sha256, file_name, added_on) VALUES ($1, $2, $3, $4, $5) \
            ON CONFLICT (rectification_id, side, sha256) DO NOTHING";
        on_tx!(self, |c| sqlx::query(LINK)
            .bind(id)
            .bind(side.as_str())
            .bind(&sha)
            .bind(file_name)
            .bind(on.to_string())
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(sha)
    }
}

impl Store {
    /// The files of every notice an agency received or issued, in the order added.
    pub async fn notice_files(&self, agency_id: i64) -> Result<Vec<NoticeFile>, StoreError> {
        const SQL: &str = "SELECT f.rectification_id, f.side, f.sha256, f.file_name, a.size, \
            a.media_type, f.added_on FROM rectification_files f \
            JOIN rectifications r ON r.id = f.rectification_id \
            JOIN attachments a ON a.sha256 = f.sha256 \
            WHERE r.agency_id = $1 OR r.issuer_agency_id = $1 \
            ORDER BY f.rectification_id, f.added_on, f.file_name";
        let rows: Vec<RawNoticeFile> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawNoticeFile::decode)
    }
}
