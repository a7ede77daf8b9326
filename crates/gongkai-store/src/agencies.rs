//! 机关: the agency tree.

use crate::audit::AuditEntry;
use crate::{Store, StoreError, Tx, on_pool, on_tx};

/// Government (reports by 3月31日) or department (by 1月31日), 条例第四十九条.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgencyKind {
    /// 人民政府 (县、乡镇).
    Government,
    /// 政府部门.
    Department,
}

impl AgencyKind {
    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Government => "government",
            AgencyKind::Department => "department",
        }
    }
}

/// An agency to create.
pub struct NewAgency<'a> {
    /// The agency above it, if any.
    pub parent_id: Option<i64>,
    /// 统一社会信用代码 or 组织机构代码, used in 索引号.
    pub code: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Level (县级, 乡级, …).
    pub level: &'a str,
    /// Government or department.
    pub kind: AgencyKind,
}

/// An agency as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Agency {
    /// Id.
    pub id: i64,
    /// Parent.
    pub parent_id: Option<i64>,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Level.
    pub level: String,
    /// `government` or `department`.
    pub kind: String,
    /// Settings as JSON (政府信息公开指南 contacts, channels, …).
    pub settings: String,
}

impl Tx {
    /// Creates an agency and records who did it.
    pub async fn insert_agency(
        &mut self,
        a: &NewAgency<'_>,
        actor: &str,
    ) -> Result<i64, StoreError> {
        let entry = AuditEntry {
            actor,
            action: "agency.create",
            entity: "agency",
            entity_id: a.code,
            detail: a.name,
        };
        self.audit(&entry).await?;
        const SQL: &str = "INSERT INTO agencies (parent_id, code, name, level, kind) \
                           VALUES ($1, $2, $3, $4, $5) RETURNING id";
        Ok(on_tx!(self, |c| sqlx::query_scalar(SQL)
            .bind(a.parent_id)
            .bind(a.code)
            .bind(a.name)
            .bind(a.level)
            .bind(a.kind.as_str())
            .fetch_one(c)
            .await)?)
    }
}

impl Store {
    /// Every agency, by id.
    pub async fn agencies(&self) -> Result<Vec<Agency>, StoreError> {
        const SQL: &str =
            "SELECT id, parent_id, code, name, level, kind, settings FROM agencies ORDER BY id";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL).fetch_all(p).await)?)
    }

    /// The agency with this id.
    pub async fn agency(&self, id: i64) -> Result<Option<Agency>, StoreError> {
        const SQL: &str =
            "SELECT id, parent_id, code, name, level, kind, settings FROM agencies WHERE id = $1";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(id)
            .fetch_optional(p)
            .await)?)
    }
}

impl Tx {
    /// Replaces an agency's settings (JSON).
    pub async fn set_agency_settings(
        &mut self,
        id: i64,
        settings: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        let key = id.to_string();
        let entry = AuditEntry {
            actor,
            action: "agency.settings",
            entity: "agency",
            entity_id: &key,
            detail: settings,
        };
        self.audit(&entry).await?;
        const SQL: &str = "UPDATE agencies SET settings = $1 WHERE id = $2";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(settings)
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}
