//! 责任追究 (issue 16): the supervisor records a case of accountability for an agency of its
//! subtree (the person by role only); the agency's registrar and approver read their own.

use crate::auth::Actor;
use crate::{App, AppError};
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::Permission;
use gongkai_domain::fields::NOTE;
use gongkai_store::accountability::Record;

/// A record as the supervisor typed it.
#[derive(Debug, Clone, Default)]
pub struct AccountabilityInput {
    /// The agency's code.
    pub agency_code: String,
    /// The day of the decision (`YYYY-MM-DD`).
    pub on: String,
    /// The person's role.
    pub person_role: String,
    /// The basis.
    pub basis: String,
    /// The outcome.
    pub outcome: String,
}

/// A record with its agency's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountabilityView {
    /// The record.
    pub record: Record,
    /// The agency's name.
    pub agency: String,
}

fn field(value: &str, what: &str) -> Result<String, AppError> {
    let value = NOTE.clean(value)?;
    match value.trim() {
        "" => Err(AppError::Missing(format!("请填写{what}"))),
        v => Ok(v.to_string()),
    }
}

impl App {
    /// Records a case of 责任追究.
    pub async fn record_accountability(
        &self,
        by: &Actor,
        input: &AccountabilityInput,
    ) -> Result<i64, AppError> {
        by.require(Permission::Supervise)?;
        let dir = self.directory().await?;
        let agency = dir
            .by_code(input.agency_code.trim())
            .filter(|a| dir.in_subtree(by.agency_id, a.id))
            .ok_or(AppError::NotFound("机关"))?;
        let on = Date::parse(input.on.trim()).map_err(|e| AppError::Invalid(e.to_string()))?;
        if on > self.today() {
            return Err(AppError::Invalid("日期不能晚于今天".into()));
        }
        let record = Record {
            id: 0,
            agency_id: agency.id,
            issuer_agency_id: by.agency_id,
            on,
            person_role: field(&input.person_role, "责任人的职务或岗位")?,
            basis: field(&input.basis, "追究依据")?,
            outcome: field(&input.outcome, "处理结果")?,
        };
        let mut tx = self.begin_as(by).await?;
        let id = tx
            .insert_accountability(&record, by.user_id, &by.username)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The records the supervisor made, or those about the staff member's agency.
    pub async fn accountability_records(
        &self,
        actor: &Actor,
    ) -> Result<Vec<AccountabilityView>, AppError> {
        let rows = if actor.may(Permission::Supervise) {
            self.store
                .accountability(None, Some(actor.agency_id))
                .await?
        } else if actor.may(Permission::Register) || actor.may(Permission::Approve) {
            self.store
                .accountability(Some(actor.agency_id), None)
                .await?
        } else {
            return Err(AppError::Forbidden);
        };
        let dir = self.directory().await?;
        Ok(rows
            .into_iter()
            .map(|r| AccountabilityView {
                agency: dir
                    .by_id(r.agency_id)
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                record: r,
            })
            .collect())
    }
}
