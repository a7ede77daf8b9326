//! 转送: an application sent to the wrong agency's 专栏 goes on to the agency of the platform
//! that holds the information (issue 15). The receiving agency's date of receipt is the day
//! of the transfer; its clock starts again and only its table 三 counts the case. For an
//! agency outside the platform the registrar answers instead with 告知 under 条例第三十六条
//! 第（五）项 (无法提供: 不属于本机关负责公开), naming the agency that holds it.

use crate::auth::Actor;
use crate::cases::state_id;
use crate::ledger_codec::encode;
use crate::views::CaseView;
use crate::{App, AppError};
use gongkai_domain::clock::{Event, evaluate};
use gongkai_domain::disclosure::Permission;
use gongkai_store::audit::{AuditEntry, AuditScope};

impl App {
    /// Transfers case `id` of the registrar's agency to the agency with code `to`; `note`
    /// tells the applicant why (shown on the tracking page).
    pub async fn transfer_case(
        &self,
        actor: &Actor,
        id: i64,
        to: &str,
        note: &str,
    ) -> Result<CaseView, AppError> {
        actor.require(Permission::Register)?;
        let note = gongkai_domain::fields::NOTE.clean(note)?;
        let view = self.case_view(actor, id).await?;
        let dir = self.directory().await?;
        let target = dir
            .by_code(to.trim())
            .ok_or(AppError::NotFound("接收机关"))?;
        if target.id == view.case.agency_id {
            return Err(AppError::Invalid("接收机关不能是本机关".into()));
        }
        let today = self.today();
        let mut events = view.events.clone();
        events.push(Event::Transferred { on: today });
        let status = evaluate(&events, &self.calendar(), today)
            .map_err(|_| AppError::NotNow("该申请已办结，不能转送".into()))?;
        let (kind, on, _) = encode(&Event::Transferred { on: today });
        let payload = serde_json::json!({
            "from": actor.agency_name,
            "to": target.name,
            "note": note.trim(),
        })
        .to_string();
        let detail = format!("转至{}", target.name);
        let mut tx = self.begin_as(actor).await?;
        for agency in [actor.agency_id, target.id] {
            tx = tx.scoped(AuditScope {
                agency_id: Some(agency),
                client: actor.client.clone(),
            });
            let entry = AuditEntry {
                actor: &actor.username,
                action: "application.transferred",
                entity: "application",
                entity_id: &view.case.tracking_code,
                detail: &detail,
            };
            tx.audit(&entry).await?;
        }
        tx.append_event(id, kind, on, &payload, Some(actor.user_id))
            .await?;
        tx.set_application_state(id, state_id(status.state), None)
            .await?;
        tx.set_application_agency(id, target.id, today).await?;
        tx.commit().await?;
        tracing::info!(case = id, to = target.id, "application transferred");
        let case = self.store.case(id).await?;
        let case = case.ok_or(AppError::NotFound("该申请"))?;
        self.evaluate_case(case).await
    }
}

/// A transfer as the applicant reads it on the tracking page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferNote {
    /// The day.
    pub on: gongkai_domain::clock::Date,
    /// The agency it came from.
    pub from: String,
    /// The agency it went to.
    pub to: String,
    /// What the sending agency told the applicant.
    pub note: String,
}

impl App {
    /// The transfers of case `id`, oldest first (for the applicant who tracks it).
    pub async fn transfer_notes(&self, id: i64) -> Result<Vec<TransferNote>, AppError> {
        let rows = self.store.case_events(id).await?;
        let notes = rows
            .iter()
            .filter(|r| r.kind == gongkai_domain::clock::EventKind::Transferred)
            .map(|r| {
                let p: serde_json::Value = serde_json::from_str(&r.payload).unwrap_or_default();
                let text = |k: &str| p[k].as_str().unwrap_or_default().to_string();
                TransferNote {
                    on: r.on_date,
                    from: text("from"),
                    to: text("to"),
                    note: text("note"),
                }
            });
        Ok(notes.collect())
    }
}
