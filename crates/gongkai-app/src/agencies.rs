//! 机关管理: the platform administrator adds agencies, each with its first 系统管理员; an
//! agency's own administrator manages only that agency (issue 15).

use crate::auth::{Actor, UserInput};
use crate::views::Agency;
use crate::{App, AppError};
use gongkai_domain::agency::AgencyCode;
use gongkai_domain::disclosure::Role;
use gongkai_domain::fields::{AGENCY_LEVEL, AGENCY_NAME};
use gongkai_domain::report::deadline::AgencyKind;
use gongkai_store::agencies::NewAgency;

/// A new agency as typed in the console or given to `gongkai agency add`.
#[derive(Debug, Clone, Default)]
pub struct AgencyInput {
    /// 机关代码 (统一社会信用代码).
    pub code: String,
    /// 机关名称.
    pub name: String,
    /// 层级 (县级, 乡级, …).
    pub level: String,
    /// `government` or `department`.
    pub kind: String,
    /// The code of the agency above it (empty: a root).
    pub parent_code: String,
}

/// The agency input, read.
struct Checked {
    code: AgencyCode,
    name: String,
    level: String,
    kind: AgencyKind,
    parent_id: Option<i64>,
}

impl App {
    /// Adds an agency to the platform with its first 系统管理员 (`admin`, whose roles are set
    /// here to 系统管理员 alone), in one transaction. `by` is the platform administrator;
    /// `None` is the operator at the command line.
    pub async fn add_agency(
        &self,
        by: Option<&Actor>,
        input: &AgencyInput,
        admin: Option<&UserInput>,
    ) -> Result<Agency, AppError> {
        if let Some(actor) = by
            && !actor.is_platform_admin()
        {
            return Err(AppError::Forbidden);
        }
        let a = self.check_agency(input).await?;
        let account = match admin {
            Some(u) => {
                let u = UserInput {
                    roles: vec![Role::Admin],
                    ..u.clone()
                };
                Some(self.prepare_user(&u).await?)
            }
            None if by.is_some() => {
                return Err(AppError::Missing("请为新机关设置首个系统管理员账号".into()));
            }
            None => None,
        };
        let actor = by.map_or("system", |a| a.username.as_str());
        let client = by.map_or("", |a| a.client.as_str());
        let mut tx = self.begin_scoped(by.map(|a| a.agency_id), client).await?;
        let new = NewAgency {
            parent_id: a.parent_id,
            code: a.code.as_str(),
            name: &a.name,
            level: &a.level,
            kind: a.kind,
        };
        let id = tx.insert_agency(&new, actor).await?;
        if let Some(account) = account {
            account.insert(&mut tx, id, actor).await?;
        }
        tx.commit().await?;
        self.directory.forget();
        let dir = self.directory().await?;
        dir.by_id(id).cloned().ok_or(AppError::NotFound("该机关"))
    }

    async fn check_agency(&self, input: &AgencyInput) -> Result<Checked, AppError> {
        let code = AgencyCode::parse(&input.code).map_err(|e| AppError::Invalid(e.to_string()))?;
        let name = AGENCY_NAME.clean(&input.name)?;
        let level = AGENCY_LEVEL.clean(&input.level)?;
        if name.chars().count() < 2 || level.is_empty() {
            return Err(AppError::Missing("请填写机关名称和层级".into()));
        }
        let kind = AgencyKind::parse(input.kind.trim()).ok_or_else(|| {
            AppError::Invalid("机关类别应为 government（人民政府）或 department（部门）".into())
        })?;
        let dir = self.directory().await?;
        if dir.by_code(code.as_str()).is_some() {
            return Err(AppError::Duplicate(format!("机关代码「{code}」已存在")));
        }
        if dir.all().iter().any(|a| a.name == name) {
            return Err(AppError::Duplicate(format!("机关「{name}」已存在")));
        }
        let parent = input.parent_code.trim();
        let parent_id = match parent {
            "" => None,
            p => Some(dir.by_code(p).ok_or(AppError::NotFound("上级机关"))?.id),
        };
        Ok(Checked {
            code,
            name,
            level,
            kind,
            parent_id,
        })
    }
}
