//! 整改通知 (issue 16): a supervisor issues a notice to an agency of its subtree (what, basis,
//! a deadline in working days of the statutory calendar); the agency's registrar answers with
//! what it did; the supervisor accepts it or returns it with a reason. Every step is audited;
//! a notice still open after its deadline is overdue on both sides.

use crate::auth::Actor;
use crate::{App, AppError};
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::Permission;
use gongkai_domain::fields::NOTE;
use gongkai_domain::rectification::{MAX_NOTICE_DAYS, NoticeAction, NoticeState};
use gongkai_store::rectifications::{NewNotice, Notice, NoticeChange};

/// A notice as either side sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeView {
    /// The notice.
    pub notice: Notice,
    /// The agency that must put it right.
    pub agency: String,
    /// Still open after its deadline.
    pub overdue: bool,
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
        let dir = self.directory().await?;
        let today = self.today();
        Ok(rows
            .into_iter()
            .map(|n| NoticeView {
                agency: dir
                    .by_id(n.agency_id)
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                overdue: n.state.overdue(n.due_on, today),
                notice: n,
            })
            .collect())
    }

    /// The agency's registrar reports what it did.
    pub async fn answer_notice(&self, by: &Actor, id: i64, answer: &str) -> Result<(), AppError> {
        by.require(Permission::Register)?;
        let n = self
            .notice_where(id, |n| n.agency_id == by.agency_id)
            .await?;
        let answer = text(answer, "请写明整改情况")?;
        self.move_notice(by, &n, NoticeAction::Answer, Some(&answer), None)
            .await
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
        if accept {
            return self
                .move_notice(by, &n, NoticeAction::Accept, None, None)
                .await;
        }
        let reason = text(reason, "退回时请写明理由")?;
        self.move_notice(by, &n, NoticeAction::Return, None, Some(&reason))
            .await
    }

    async fn notice_where(
        &self,
        id: i64,
        visible: impl Fn(&Notice) -> bool,
    ) -> Result<Notice, AppError> {
        match self.store.notice(id).await? {
            Some(n) if visible(&n) => Ok(n),
            _ => Err(AppError::NotFound("该整改通知")),
        }
    }

    async fn move_notice(
        &self,
        by: &Actor,
        n: &Notice,
        action: NoticeAction,
        answer: Option<&str>,
        returned_reason: Option<&str>,
    ) -> Result<(), AppError> {
        let state = n
            .state
            .apply(action)
            .map_err(|e| AppError::NotNow(e.to_string()))?;
        let change = NoticeChange {
            state,
            answer,
            returned_reason,
            on: self.today(),
        };
        let mut tx = self.begin_as(by).await?;
        tx.change_notice(n.id, &change, &by.username).await?;
        tx.commit().await?;
        Ok(())
    }
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
                day(n.answered_on),
                n.returned_reason.clone(),
                day(n.closed_on),
            ]
        });
    std::iter::once(header.iter().map(|h| h.to_string()).collect())
        .chain(rows)
        .collect()
}

/// Whether a notice is still waiting for the agency.
pub fn open(v: &NoticeView) -> bool {
    v.notice.state == NoticeState::Open
}
