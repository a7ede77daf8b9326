//! 行政复议 / 行政诉讼 records (table 四): kind, result (维持 / 纠正 / 其他 / 尚未审结), the
//! application they concern if any.

use crate::auth::Actor;
use crate::{App, AppError};
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::Permission;
use gongkai_domain::report::compute::{AppealKind, AppealResult};

impl App {
    /// Records a 复议 or 诉讼 (registrar).
    pub async fn record_appeal(
        &self,
        actor: &Actor,
        kind: &str,
        case_no: &str,
        filed_on: &str,
        application_code: &str,
    ) -> Result<i64, AppError> {
        actor.require(Permission::Register)?;
        let kind = AppealKind::parse(kind)
            .ok_or_else(|| AppError::Missing("请选择复议或诉讼的类型".into()))?;
        let filed = Date::parse(filed_on).map_err(|e| AppError::Invalid(e.to_string()))?;
        let application_id = match application_code.trim() {
            "" => None,
            code => match self.store.case_by_tracking_code(code).await? {
                Some(c) if c.agency_id == actor.agency_id => Some(c.id),
                _ => return Err(AppError::Invalid(format!("找不到查询码为 {code} 的申请"))),
            },
        };
        let mut tx = self.begin_as(actor).await?;
        let id = tx
            .insert_appeal(
                actor.agency_id,
                kind.key(),
                application_id,
                case_no.trim(),
                &filed.to_string(),
                &actor.username,
            )
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records the result (registrar).
    pub async fn decide_appeal(
        &self,
        actor: &Actor,
        id: i64,
        result: &str,
        on: &str,
    ) -> Result<(), AppError> {
        actor.require(Permission::Register)?;
        let result =
            AppealResult::parse(result).ok_or_else(|| AppError::Missing("请选择结果".into()))?;
        let on = Date::parse(on).map_err(|e| AppError::Invalid(e.to_string()))?;
        let own = self
            .store
            .agency_appeals(actor.agency_id)
            .await?
            .into_iter()
            .find(|a| a.id == id);
        let appeal = own.ok_or(AppError::NotFound("该复议诉讼记录"))?;
        if on < appeal.filed_on {
            return Err(AppError::Invalid("审结日期不能早于提起日期".into()));
        }
        let mut tx = self.begin_as(actor).await?;
        tx.decide_appeal(id, result.key(), &on.to_string(), &actor.username)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The agency's records (registrar, approver).
    pub async fn appeals(&self, actor: &Actor) -> Result<Vec<crate::views::Appeal>, AppError> {
        if !(actor.may(Permission::Register) || actor.may(Permission::Approve)) {
            return Err(AppError::Forbidden);
        }
        Ok(crate::views::all(
            self.store.agency_appeals(actor.agency_id).await?,
        ))
    }
}
