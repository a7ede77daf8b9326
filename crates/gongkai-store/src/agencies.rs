//! 机关: the agency tree.

use crate::audit::AuditEntry;
use crate::decode::{self, At};
use crate::{Store, StoreError, Tx, on_pool, on_tx};

pub use gongkai_domain::report::deadline::AgencyKind;

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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Government or department (条例第四十九条).
    pub kind: AgencyKind,
    /// Settings as JSON (政府信息公开指南 contacts, channels, …).
    pub settings: String,
}

/// An agency as the database holds it, before decoding.
#[derive(sqlx::FromRow)]
pub(crate) struct RawAgency {
    id: i64,
    parent_id: Option<i64>,
    code: String,
    name: String,
    level: String,
    kind: String,
    settings: String,
}

impl RawAgency {
    /// The typed agency, or `Corrupt` naming the row.
    pub(crate) fn decode(self) -> Result<Agency, StoreError> {
        let at = At::new("agencies", self.id);
        Ok(Agency {
            kind: at.parse("kind", &self.kind, AgencyKind::parse)?,
            id: self.id,
            parent_id: self.parent_id,
            code: self.code,
            name: self.name,
            level: self.level,
            settings: self.settings,
        })
    }
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
        let rows: Vec<RawAgency> = on_pool!(self, |p| sqlx::query_as(SQL).fetch_all(p).await)?;
        decode::all(rows, RawAgency::decode)
    }

    /// The agency with this id.
    pub async fn agency(&self, id: i64) -> Result<Option<Agency>, StoreError> {
        const SQL: &str =
            "SELECT id, parent_id, code, name, level, kind, settings FROM agencies WHERE id = $1";
        let row: Option<RawAgency> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(id)
            .fetch_optional(p)
            .await)?;
        row.map(RawAgency::decode).transpose()
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
