//! 整改通知 (issue 16): a supervisor issues a notice to an agency of its subtree (what, basis,
//! a deadline in working days of the statutory calendar, optional files); the agency's
//! registrar answers with what it did and its evidence (files); the supervisor accepts it or
//! returns it with a reason. Every step is audited; a notice still open after its deadline is
//! overdue on both sides.

use crate::auth::Actor;
use crate::cases::{Upload, check_files};
use crate::views::{Attachment, FileBytes};
use crate::{App, AppError};
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::Permission;
use gongkai_domain::fields::NOTE;
use gongkai_domain::rectification::{MAX_NOTICE_DAYS, NoticeAction, NoticeState};
use gongkai_store::rectifications::{self as stored, NewNotice, NoticeChange, NoticeSide};

/// A 整改通知 as the app shows it.
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

impl From<stored::Notice> for Notice {
    fn from(n: stored::Notice) -> Notice {
        Notice {
            id: n.id,
            agency_id: n.agency_id,
            issuer_agency_id: n.issuer_agency_id,
            subject: n.subject,
            basis: n.basis,
            issued_on: n.issued_on,
            due_on: n.due_on,
            state: n.state,
            answer: n.answer,
            answered_on: n.answered_on,
            returned_reason: n.returned_reason,
            closed_on: n.closed_on,
        }
    }
}

/// A notice as either side sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeView {
    /// The notice.
    pub notice: Notice,
    /// The agency that must put it right.
    pub agency: String,
    /// Still open after its deadline.
    pub overdue: bool,
    /// The supervisor's files sent with the notice.
    pub files: Vec<Attachment>,
    /// The agency's evidence sent with its answers (整改佐证材料).
    pub evidence: Vec<Attachment>,
}

/// A notice to issue, as the supervisor typed it.
#[derive(Debug, Clone, Default)]
pub struct NoticeInput {
    /// The agency's code.
    pub agency_code: String,
    /// What is wrong.
    pub subject: String,
    /// The rule it breaks.
    pub basis: String,
    /// Working days to put it right.
    pub days: String,
    /// Files sent with the notice (at most [`crate::cases::MAX_FILES`]).
    pub files: Vec<Upload>,
}

fn text(value: &str, missing: &str) -> Result<String, AppError> {
    let value = NOTE.clean(value)?;
    match value.trim() {
        "" => Err(AppError::Missing(missing.into())),
        v => Ok(v.to_string()),
    }
}

impl App {
    /// Issues a 整改通知 to an agency under the supervisor's.
    pub async fn issue_notice(&self, by: &Actor, n: &NoticeInput) -> Result<i64, AppError> {
        by.require(Permission::Supervise)?;
        let dir = self.directory().await?;
        let agency = dir
            .by_code(n.agency_code.trim())
            .filter(|a| a.id != by.agency_id && dir.in_subtree(by.agency_id, a.id))
            .ok_or(AppError::NotFound("下级机关"))?;
        let days: u32 = n.days.trim().parse().unwrap_or(0);
        if !(1..=MAX_NOTICE_DAYS).contains(&days) {
            return Err(AppError::Invalid(format!(
                "整改期限应为1至{MAX_NOTICE_DAYS}个工作日"
            )));
        }
        let subject = text(&n.subject, "请写明需要整改的问题")?;
        let basis = text(&n.basis, "请写明整改依据")?;
        let files = check_files(&n.files)?;
        let today = self.today();
        let new = NewNotice {
            agency_id: agency.id,
            issuer_agency_id: by.agency_id,
            issued_by: by.user_id,
            subject: &subject,
            basis: &basis,
            issued_on: today,
            due_on: self.calendar().add_working_days(today, days).date,
        };
        let mut tx = self.begin_as(by).await?;
        let id = tx.insert_notice(&new, &by.username).await?;
        for (name, media, bytes) in files {
            tx.attach_to_notice((id, NoticeSide::Notice), &name, media, bytes, today)
                .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// The notices the supervisor issued, or the agency received (registrar, approver).
    pub async fn notices(&self, actor: &Actor) -> Result<Vec<NoticeView>, AppError> {
        let rows = if actor.may(Permission::Supervise) {
            self.store.notices_from(actor.agency_id).await?
        } else if actor.may(Permission::Register) || actor.may(Permission::Approve) {
            self.store.notices_to(actor.agency_id).await?
        } else {
            return Err(AppError::Forbidden);
        };
        let files = self.store.notice_files(actor.agency_id).await?;
        let dir = self.directory().await?;
        let today = self.today();
        let side = |id: i64, side: NoticeSide| -> Vec<Attachment> {
            files
                .iter()
                .filter(|f| f.notice_id == id && f.side == side)
                .map(|f| f.file.clone().into())
                .collect()
        };
        Ok(rows
            .into_iter()
            .map(|n| NoticeView {
                agency: dir
                    .by_id(n.agency_id)
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                overdue: n.state.overdue(n.due_on, today),
                files: side(n.id, NoticeSide::Notice),
                evidence: side(n.id, NoticeSide::Evidence),
                notice: n.into(),
            })
            .collect())
    }

    /// A file of a notice the actor may read (either side's): its name and content.
    pub async fn notice_file(
        &self,
        actor: &Actor,
        id: i64,
        sha: &str,
    ) -> Result<(Attachment, FileBytes), AppError> {
        let view = self
            .notices(actor)
            .await?
            .into_iter()
            .find(|v| v.notice.id == id)
            .ok_or(AppError::NotFound("该整改通知"))?;
        let file = view
            .files
            .into_iter()
            .chain(view.evidence)
            .find(|f| f.sha256 == sha)
            .ok_or(AppError::NotFound("附件"))?;
        let blob = self.store.blob(sha).await?;
        Ok((file, blob.ok_or(AppError::NotFound("附件"))?.into()))
    }

    /// The agency's registrar reports what it did, with its evidence.
    pub async fn answer_notice(
        &self,
        by: &Actor,
        id: i64,
        answer: &str,
        evidence: &[Upload],
    ) -> Result<(), AppError> {
        by.require(Permission::Register)?;
        let n = self
            .notice_where(id, |n| n.agency_id == by.agency_id)
            .await?;
        let answer = text(answer, "请写明整改情况")?;
        let files = check_files(evidence)?;
        let step = Step {
            action: NoticeAction::Answer,
            answer: Some(&answer),
            returned_reason: None,
            files,
        };
        self.move_notice(by, &n, step).await
    }

    /// The supervisor accepts the answer, or returns it with a reason.
    pub async fn review_notice(
        &self,
        by: &Actor,
        id: i64,
        accept: bool,
        reason: &str,
    ) -> Result<(), AppError> {
        by.require(Permission::Supervise)?;
        let n = self
            .notice_where(id, |n| n.issuer_agency_id == by.agency_id)
            .await?;
        let reason = match accept {
            true => String::new(),
            false => text(reason, "退回时请写明理由")?,
        };
        let step = Step {
            action: [NoticeAction::Return, NoticeAction::Accept][usize::from(accept)],
            answer: None,
            returned_reason: (!accept).then_some(reason.as_str()),
            files: Vec::new(),
        };
        self.move_notice(by, &n, step).await
    }

    async fn notice_where(
        &self,
        id: i64,
        visible: impl Fn(&stored::Notice) -> bool,
    ) -> Result<stored::Notice, AppError> {
        match self.store.notice(id).await? {
            Some(n) if visible(&n) => Ok(n),
            _ => Err(AppError::NotFound("该整改通知")),
        }
    }

    async fn move_notice(
        &self,
        by: &Actor,
        n: &stored::Notice,
        step: Step<'_>,
    ) -> Result<(), AppError> {
        let state = n
            .state
            .apply(step.action)
            .map_err(|e| AppError::NotNow(e.to_string()))?;
        let today = self.today();
        let change = NoticeChange {
            state,
            answer: step.answer,
            returned_reason: step.returned_reason,
            on: today,
        };
        let mut tx = self.begin_as(by).await?;
        tx.change_notice(n.id, &change, &by.username).await?;
        for (name, media, bytes) in step.files {
            tx.attach_to_notice((n.id, NoticeSide::Evidence), &name, media, bytes, today)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// One step of a notice with what comes with it.
struct Step<'a> {
    action: NoticeAction,
    answer: Option<&'a str>,
    returned_reason: Option<&'a str>,
    files: Vec<crate::cases::CheckedFile<'a>>,
}

/// The 督查台账 of a year: a header and one row per notice issued in it.
pub fn ledger(notices: &[NoticeView], year: i32) -> Vec<Vec<String>> {
    let day = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let header = [
        "机关",
        "问题",
        "依据",
        "下发日期",
        "整改期限",
        "状态",
        "是否超期",
        "整改情况",
        "佐证材料",
        "报送日期",
        "退回理由",
        "验收日期",
    ];
    let rows = notices
        .iter()
        .filter(|v| v.notice.issued_on.year() == year)
        .map(|v| {
            let n = &v.notice;
            vec![
                v.agency.clone(),
                n.subject.clone(),
                n.basis.clone(),
                n.issued_on.to_string(),
                n.due_on.to_string(),
                n.state.label().to_string(),
                if v.overdue { "超期" } else { "" }.to_string(),
                n.answer.clone(),
                names(&v.evidence),
                day(n.answered_on),
                n.returned_reason.clone(),
                day(n.closed_on),
            ]
        });
    std::iter::once(header.iter().map(|h| h.to_string()).collect())
        .chain(rows)
        .collect()
}

fn names(files: &[Attachment]) -> String {
    let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
    names.join("、")
}

/// Whether a notice is still waiting for the agency.
pub fn open(v: &NoticeView) -> bool {
    v.notice.state == NoticeState::Open
}
