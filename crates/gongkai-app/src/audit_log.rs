//! The audit log as the 审计员 reads it (issue 13): their agency's rows only (with the
//! subordinate agencies' when they also supervise), newest first, a page at a time, and the
//! verdict of the whole chain.

use crate::auth::Actor;
use crate::views::AuditVerdict;
use crate::{App, AppError};
use gongkai_domain::disclosure::Permission;

/// Rows on one page of the log.
pub const AUDIT_PAGE: i64 = 200;

/// One row as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    /// Position in the chain.
    pub seq: i64,
    /// When (ms since the epoch).
    pub at: i64,
    /// Who.
    pub actor: String,
    /// What (a stable action code, kept as a reference beside the words).
    pub action: String,
    /// What, in words (审批发布, 登录).
    pub action_label: String,
    /// The object's kind in words (信息, 申请).
    pub entity: String,
    /// The object's id (item id, 查询码, account name).
    pub entity_id: String,
    /// The console page of the object, when it has one (an item).
    pub link: Option<String>,
    /// Details.
    pub detail: String,
    /// The client's address (empty when the CLI acted).
    pub client: String,
}

/// A page of the log.
#[derive(Debug, Clone)]
pub struct AuditPage {
    /// The verdict of the whole chain (every agency's rows are links of one chain).
    pub verdict: AuditVerdict,
    /// The rows, newest first.
    pub lines: Vec<AuditLine>,
    /// The `before` of the next (older) page, when there is one.
    pub older: Option<i64>,
}

impl App {
    /// A page of the log of the auditor's agency, rows before position `before` (newest
    /// first when `None`).
    pub async fn audit_page(
        &self,
        actor: &Actor,
        before: Option<i64>,
    ) -> Result<AuditPage, AppError> {
        actor.require(Permission::ReadAudit)?;
        let subtree = actor.may(Permission::Supervise);
        let before = before.unwrap_or(i64::MAX);
        let rows = self
            .store
            .agency_audit_rows(actor.agency_id, subtree, before, AUDIT_PAGE + 1)
            .await?;
        let older = (rows.len() as i64 > AUDIT_PAGE)
            .then(|| rows.get(AUDIT_PAGE as usize - 1).map(|r| r.seq))
            .flatten();
        let lines = rows
            .into_iter()
            .take(AUDIT_PAGE as usize)
            .map(|r| AuditLine {
                seq: r.seq,
                at: r.at,
                actor: r.actor,
                action_label: crate::audit_words::action_label(&r.action),
                detail: crate::audit_words::detail_words(&r.action, r.detail),
                action: r.action,
                link: (r.entity == "item").then(|| format!("/console/items/{}", r.entity_id)),
                entity: crate::audit_words::entity_label(&r.entity).to_string(),
                entity_id: r.entity_id,
                client: r.client,
            })
            .collect();
        Ok(AuditPage {
            verdict: self.store.verify_audit().await?.into(),
            lines,
            older,
        })
    }
}
