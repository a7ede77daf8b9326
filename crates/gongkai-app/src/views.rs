//! The app's own view types (issue 14): what the web and the CLI get from a use case. They are
//! built from the store's rows here, carry the domain's types for states, kinds and dates, and
//! leave out what a caller must not see (password hashes, 查询密码 hashes, settings JSON).

use gongkai_domain::clock::{ApplicantType, Channel, Date, Event, Status};
use gongkai_domain::disclosure::{AccountState, ItemFields, ItemState, Validity};
use gongkai_domain::letters::DeliveryState;
use gongkai_domain::report::compute::{AppealKind, AppealResult};
use gongkai_domain::report::deadline::AgencyKind;
use gongkai_store::users::User;
use gongkai_store::{agencies, appeals, applications, attachments, audit, items, outbox, reports};

/// A 主动公开 item with one of its versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Id.
    pub id: i64,
    /// The agency it belongs to.
    pub agency_id: i64,
    /// That agency's name.
    pub agency_name: String,
    /// 索引号, once registered.
    pub index_no: Option<String>,
    /// Workflow state.
    pub state: ItemState,
    /// The working version.
    pub current_version: i64,
    /// The version the public sees, if any.
    pub published_version: Option<i64>,
    /// This view's version.
    pub version: i64,
    /// What the drafter edits.
    pub fields: ItemFields,
    /// 发布日期.
    pub published_on: Option<Date>,
    /// 有效性.
    pub validity: Validity,
    /// Date of the validity change.
    pub validity_on: Option<Date>,
    /// Last change (ms).
    pub updated_at: i64,
}

impl From<items::ItemRow> for Item {
    fn from(r: items::ItemRow) -> Item {
        Item {
            id: r.id,
            agency_id: r.agency_id,
            agency_name: r.agency_name,
            index_no: r.index_no,
            state: r.state,
            current_version: r.current_version,
            published_version: r.published_version,
            version: r.version,
            fields: r.fields,
            published_on: r.published_on,
            validity: r.validity,
            validity_on: r.validity_on,
            updated_at: r.updated_at,
        }
    }
}

/// A step of an item's review record (一事一审).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Version reviewed.
    pub version: i64,
    /// Step code (`submit`, `register`, `approve`, `return`, …).
    pub step: String,
    /// Decision text.
    pub decision: String,
    /// Comment or reason.
    pub comment: String,
    /// Who (display name).
    pub user_name: String,
    /// When (ms).
    pub at: i64,
}

impl From<items::ReviewRow> for Review {
    fn from(r: items::ReviewRow) -> Review {
        Review {
            version: r.version,
            step: r.step,
            decision: r.decision,
            comment: r.comment,
            user_name: r.user_name,
            at: r.at,
        }
    }
}

/// A 保密审查 flag a reviewer accepted, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagAccepted {
    /// The flag's key.
    pub flag: String,
    /// Why it may stay.
    pub reason: String,
    /// Who (display name).
    pub user_name: String,
    /// When (ms).
    pub at: i64,
}

impl From<items::FlagAcceptance> for FlagAccepted {
    fn from(r: items::FlagAcceptance) -> FlagAccepted {
        FlagAccepted {
            flag: r.flag,
            reason: r.reason,
            user_name: r.user_name,
            at: r.at,
        }
    }
}

/// A file attached to an item version or a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// SHA-256 (hex) of the content: its address.
    pub sha256: String,
    /// The file name shown and offered for download.
    pub file_name: String,
    /// Size in bytes.
    pub size: i64,
    /// Media type checked from the content.
    pub media_type: String,
}

impl From<attachments::AttachmentRef> for Attachment {
    fn from(r: attachments::AttachmentRef) -> Attachment {
        Attachment {
            sha256: r.sha256,
            file_name: r.file_name,
            size: r.size,
            media_type: r.media_type,
        }
    }
}

/// A file's bytes for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileBytes {
    /// Media type.
    pub media_type: String,
    /// The bytes.
    pub content: Vec<u8>,
}

impl From<attachments::Blob> for FileBytes {
    fn from(b: attachments::Blob) -> FileBytes {
        FileBytes {
            media_type: b.media_type,
            content: b.content,
        }
    }
}

/// An application as its agency's registrar and approver see it (without the 查询密码's hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Id.
    pub id: i64,
    /// The agency applied to.
    pub agency_id: i64,
    /// 查询码.
    pub tracking_code: String,
    /// How it arrived (条例第三十一条).
    pub channel: Channel,
    /// The column of table 三.
    pub applicant_type: ApplicantType,
    /// Name.
    pub applicant_name: String,
    /// ID number.
    pub applicant_id_no: String,
    /// Contact.
    pub applicant_contact: String,
    /// Address.
    pub applicant_address: String,
    /// The identity document's kind (`None`: an organisation).
    pub applicant_id_kind: Option<gongkai_domain::applicant::IdKind>,
    /// 法定代表人 (an organisation).
    pub applicant_legal_rep: String,
    /// 联系人 (an organisation).
    pub applicant_liaison: String,
    /// What is asked for.
    pub request: String,
    /// The date of receipt, once fixed.
    pub received_on: Option<Date>,
    /// Registered (ms).
    pub created_at: i64,
}

impl From<applications::CaseRow> for Case {
    fn from(r: applications::CaseRow) -> Case {
        Case {
            id: r.id,
            agency_id: r.agency_id,
            tracking_code: r.tracking_code,
            channel: r.channel,
            applicant_type: r.applicant_type,
            applicant_name: r.applicant_name,
            applicant_id_no: r.applicant_id_no,
            applicant_contact: r.applicant_contact,
            applicant_address: r.applicant_address,
            applicant_id_kind: r.applicant_id_kind,
            applicant_legal_rep: r.applicant_legal_rep,
            applicant_liaison: r.applicant_liaison,
            request: r.request,
            received_on: r.received_on,
            created_at: r.created_at,
        }
    }
}

/// An application with its ledger evaluated as of today.
#[derive(Debug, Clone)]
pub struct CaseView {
    /// The application.
    pub case: Case,
    /// Its events.
    pub events: Vec<Event>,
    /// What was written with each event (same order as `events`).
    pub notes: Vec<EventNote>,
    /// What the ledger says.
    pub status: Status,
    /// The reason and delivery of the standing answer, once answered.
    pub answer: Option<gongkai_domain::clock::AnswerText>,
}

/// What was written with an event, and by whom (staff pages only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventNote {
    /// The text: what to correct, the applicant's 补正, why an event was voided.
    pub text: String,
    /// For an applicant's 补正: the corrected request.
    pub request: String,
    /// The staff member who recorded it (empty for the applicant or when not looked up).
    pub by: String,
    /// The staff member's id.
    pub(crate) user_id: Option<i64>,
}

impl CaseView {
    /// The request as a letter names it: [`CaseView::current_request`] without the line of the
    /// form of provision, on one line.
    pub fn requested_information(&self) -> String {
        let text = self.current_request();
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("获取方式："))
            .collect();
        lines.join("；")
    }

    /// The request as it now stands: the applicant's last 补正 that still stands (条例第三十条),
    /// else the application as received.
    pub fn current_request(&self) -> String {
        let standing = gongkai_domain::clock::standing(&self.events)
            .map(|s| s.into_iter().map(|(i, _)| i).collect::<Vec<_>>())
            .unwrap_or_default();
        standing
            .into_iter()
            .rev()
            .find(|i| {
                matches!(self.events[*i], Event::CorrectionReceived { .. })
                    && !self.notes[*i].request.trim().is_empty()
            })
            .map_or_else(
                || self.case.request.clone(),
                |i| format!("{}（补正后）", self.notes[i].request.trim()),
            )
    }
}

/// An agency of the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    /// Id.
    pub id: i64,
    /// The agency above it.
    pub parent_id: Option<i64>,
    /// Code (used in 索引号).
    pub code: String,
    /// Name.
    pub name: String,
    /// Level (县级, 乡级, …).
    pub level: String,
    /// 人民政府 or 部门 (条例第四十九条).
    pub kind: AgencyKind,
}

impl From<agencies::Agency> for Agency {
    fn from(a: agencies::Agency) -> Agency {
        Agency {
            id: a.id,
            parent_id: a.parent_id,
            code: a.code,
            name: a.name,
            level: a.level,
            kind: a.kind,
        }
    }
}

/// A 行政复议 or 行政诉讼 record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appeal {
    /// Id.
    pub id: i64,
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

impl From<appeals::AppealRow> for Appeal {
    fn from(a: appeals::AppealRow) -> Appeal {
        Appeal {
            id: a.id,
            kind: a.kind,
            result: a.result,
            application_id: a.application_id,
            case_no: a.case_no,
            filed_on: a.filed_on,
            decided_on: a.decided_on,
        }
    }
}

/// A staff account as the administrator sees it (no password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Login name.
    pub username: String,
    /// Name shown in the 审批表.
    pub display_name: String,
    /// Whether it may log in.
    pub state: AccountState,
    /// Still on a one-time password an administrator set.
    pub must_change_password: bool,
}

impl From<User> for Account {
    fn from(u: User) -> Account {
        Account {
            username: u.username,
            display_name: u.display_name,
            state: u.state,
            must_change_password: u.must_change_password,
        }
    }
}

/// A notification in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Id.
    pub id: i64,
    /// The application it concerns.
    pub application_id: Option<i64>,
    /// E-mail address.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// Where it stands.
    pub state: DeliveryState,
    /// Attempts so far.
    pub attempts: i64,
    /// The mail server's last answer when it failed.
    pub last_error: String,
    /// When it was written (ms).
    pub created_at: i64,
}

impl From<outbox::OutboxRow> for Message {
    fn from(m: outbox::OutboxRow) -> Message {
        Message {
            id: m.id,
            application_id: m.application_id,
            recipient: m.recipient,
            subject: m.subject,
            state: m.state,
            attempts: m.attempts,
            last_error: m.last_error,
            created_at: m.created_at,
        }
    }
}

/// A published version of an annual report (immutable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportVersion {
    /// Agency.
    pub agency_id: i64,
    /// Report year.
    pub year: i32,
    /// Version (1, then corrections).
    pub version: i64,
    /// The canonical report JSON.
    pub body: String,
    /// SHA-256 of the body.
    pub sha256: String,
    /// When (ms).
    pub published_at: i64,
    /// 更正说明 of a correction (empty for the first version).
    pub note: String,
}

impl From<reports::Snapshot> for ReportVersion {
    fn from(s: reports::Snapshot) -> ReportVersion {
        ReportVersion {
            agency_id: s.agency_id,
            year: i32::try_from(s.year).unwrap_or(i32::MAX),
            version: s.version,
            body: s.body,
            sha256: s.sha256,
            published_at: s.published_at,
            note: s.note,
        }
    }
}

/// The result of checking the audit log's hash chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditVerdict {
    /// Every row is where it should be.
    Intact {
        /// Rows checked.
        rows: i64,
    },
    /// The first row that breaks the chain.
    Broken {
        /// Its position.
        seq: i64,
        /// Why, in Chinese.
        why: String,
    },
}

impl From<audit::Verdict> for AuditVerdict {
    fn from(v: audit::Verdict) -> AuditVerdict {
        match v {
            audit::Verdict::Intact { rows } => AuditVerdict::Intact { rows },
            audit::Verdict::Broken { seq, why } => AuditVerdict::Broken { seq, why },
        }
    }
}

/// A page of the public catalogue: which items, from where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogueQuery {
    /// Only this agency's items.
    pub agency_id: Option<i64>,
    /// Published in this year.
    pub year: Option<i32>,
    /// Only items of this validity.
    pub validity: Option<Validity>,
    /// 第二十条 item.
    pub article20_item: Option<i64>,
    /// 标准目录 domain.
    pub domain: Option<String>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

impl CatalogueQuery {
    /// The store's filter.
    pub(crate) fn filter(&self) -> items::PublicFilter {
        items::PublicFilter {
            agency_id: self.agency_id,
            year: self.year.map(|y| format!("{y:04}")),
            validity: self.validity.map(|v| v.as_str().to_string()),
            article20_item: self.article20_item,
            domain: self.domain.clone(),
            offset: self.offset,
            limit: self.limit,
        }
    }
}

/// Every row through `From`.
pub(crate) fn all<R, V: From<R>>(rows: Vec<R>) -> Vec<V> {
    rows.into_iter().map(V::from).collect()
}
