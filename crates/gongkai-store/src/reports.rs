//! Published 年度报告: immutable snapshots (the schema refuses updates and deletes), each with
//! the SHA-256 of its body; a correction is a new version.

use crate::attachments::sha256_hex;
use crate::audit::AuditEntry;
use crate::{Store, StoreError, Tx, now_millis, on_pool, on_tx};

/// A published report.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Snapshot {
    /// Agency.
    pub agency_id: i64,
    /// Report year.
    pub year: i64,
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

impl Tx {
    /// Publishes a report as the next version for its agency and year, at `at` (ms, the
    /// app's clock: the day counts against 条例第四十九条's deadline).
    pub async fn publish_report(
        &mut self,
        (agency_id, year): (i64, i64),
        body: &str,
        note: &str,
        user_id: i64,
        actor: &str,
        at: i64,
    ) -> Result<i64, StoreError> {
        let sha = sha256_hex(body.as_bytes());
        let key = format!("{agency_id}/{year}");
        let entry = AuditEntry {
            actor,
            action: "report.publish",
            entity: "report",
            entity_id: &key,
            detail: &sha,
        };
        self.audit(&entry).await?;
        const NEXT: &str = "SELECT CAST(COALESCE(MAX(version), 0) + 1 AS BIGINT) FROM report_snapshots \
                            WHERE agency_id = $1 AND year = $2";
        let version: i64 = on_tx!(self, |c| sqlx::query_scalar(NEXT)
            .bind(agency_id)
            .bind(year)
            .fetch_one(c)
            .await)?;
        const SQL: &str = "INSERT INTO report_snapshots (agency_id, year, version, body, sha256, \
                           published_by, published_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(agency_id)
            .bind(year)
            .bind(version)
            .bind(body)
            .bind(&sha)
            .bind(user_id)
            .bind(at)
            .bind(note)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(version)
    }
}

impl Store {
    /// Every published report of one agency (`Some`) or of all, newest year first, latest
    /// version first.
    pub async fn snapshots(&self, agency_id: Option<i64>) -> Result<Vec<Snapshot>, StoreError> {
        const ALL: &str = "SELECT agency_id, year, version, body, sha256, published_at, note \
            FROM report_snapshots ORDER BY year DESC, agency_id, version DESC";
        const ONE: &str = "SELECT agency_id, year, version, body, sha256, published_at, note \
            FROM report_snapshots WHERE agency_id = $1 ORDER BY year DESC, version DESC";
        Ok(match agency_id {
            Some(id) => on_pool!(self, |p| sqlx::query_as(ONE).bind(id).fetch_all(p).await)?,
            None => on_pool!(self, |p| sqlx::query_as(ALL).fetch_all(p).await)?,
        })
    }

    /// Every version of an agency's report for a year, oldest first, without the bodies
    /// (`body` is empty).
    pub async fn report_versions(
        &self,
        agency_id: i64,
        year: i64,
    ) -> Result<Vec<Snapshot>, StoreError> {
        const SQL: &str = "SELECT agency_id, year, version, '' AS body, sha256, published_at, note \
            FROM report_snapshots WHERE agency_id = $1 AND year = $2 ORDER BY version";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .bind(year)
            .fetch_all(p)
            .await)?)
    }

    /// The latest version of an agency's report for a year.
    pub async fn snapshot(
        &self,
        agency_id: i64,
        year: i64,
    ) -> Result<Option<Snapshot>, StoreError> {
        const SQL: &str = "SELECT agency_id, year, version, body, sha256, published_at, note \
            FROM report_snapshots WHERE agency_id = $1 AND year = $2 ORDER BY version DESC LIMIT 1";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .bind(year)
            .fetch_optional(p)
            .await)?)
    }

    /// The working inputs of an agency's report for a year (JSON), if saved.
    pub async fn report_draft(
        &self,
        agency_id: i64,
        year: i64,
    ) -> Result<Option<String>, StoreError> {
        const SQL: &str = "SELECT body FROM report_drafts WHERE agency_id = $1 AND year = $2";
        Ok(on_pool!(self, |p| sqlx::query_scalar(SQL)
            .bind(agency_id)
            .bind(year)
            .fetch_optional(p)
            .await)?)
    }
}

impl Tx {
    /// Saves the working inputs of a report (figures from other systems, narrative).
    pub async fn save_report_draft(
        &mut self,
        agency_id: i64,
        year: i64,
        body: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        let key = format!("{agency_id}/{year}");
        let entry = AuditEntry {
            actor,
            action: "report.draft",
            entity: "report",
            entity_id: &key,
            detail: body,
        };
        self.audit(&entry).await?;
        const SQL: &str = "INSERT INTO report_drafts (agency_id, year, body, updated_at) VALUES ($1, $2, $3, $4) \
            ON CONFLICT (agency_id, year) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(agency_id)
            .bind(year)
            .bind(body)
            .bind(now_millis())
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

impl Store {
    /// The first version of every report published for `year` (its publication date is the
    /// one 条例第四十九条's deadline is measured against) and the latest (what the public reads
    /// now), per agency: (first, latest).
    pub async fn year_snapshots(&self, year: i64) -> Result<Vec<(Snapshot, Snapshot)>, StoreError> {
        const SQL: &str = "SELECT agency_id, year, version, body, sha256, published_at, note \
            FROM report_snapshots WHERE year = $1 ORDER BY agency_id, version";
        let all: Vec<Snapshot> =
            on_pool!(self, |p| sqlx::query_as(SQL).bind(year).fetch_all(p).await)?;
        let mut out: Vec<(Snapshot, Snapshot)> = Vec::new();
        for s in all {
            match out.last_mut() {
                Some((_, latest)) if latest.agency_id == s.agency_id => *latest = s,
                _ => out.push((s.clone(), s)),
            }
        }
        Ok(out)
    }
}
