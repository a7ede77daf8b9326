//! Attachments (content-addressed, bytes in the database) and the change sequence that the
//! search index follows.

use crate::{Store, StoreError, Tx, now_millis, on_pool, on_tx};
use sha2::{Digest, Sha256};

/// An attachment of an item version.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttachmentRef {
    /// SHA-256 (hex) of the content.
    pub sha256: String,
    /// The file name shown and offered for download.
    pub file_name: String,
    /// Size in bytes.
    pub size: i64,
    /// Media type checked from the content.
    pub media_type: String,
}

/// A stored file.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Blob {
    /// Media type.
    pub media_type: String,
    /// The bytes.
    pub content: Vec<u8>,
}

/// An entry of the change sequence.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Change {
    /// Position (increasing in commit order: every change is written after the audit head).
    pub seq: i64,
    /// Entity kind (`item`, `application`, …).
    pub entity: String,
    /// Entity id.
    pub entity_id: String,
}

/// SHA-256 of bytes, in hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Tx {
    /// Stores a file (once per content) and attaches it to an item version.
    pub async fn attach(
        &mut self,
        item_id: i64,
        version: i64,
        file_name: &str,
        media_type: &str,
        content: &[u8],
    ) -> Result<String, StoreError> {
        let sha = self.store_blob(media_type, content).await?;
        const LINK: &str = "INSERT INTO item_attachments (item_id, version, sha256, file_name) \
            VALUES ($1, $2, $3, $4) ON CONFLICT (item_id, version, sha256) \
            DO UPDATE SET file_name = excluded.file_name";
        on_tx!(self, |c| sqlx::query(LINK)
            .bind(item_id)
            .bind(version)
            .bind(&sha)
            .bind(file_name)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(sha)
    }

    pub(crate) async fn store_blob(
        &mut self,
        media_type: &str,
        content: &[u8],
    ) -> Result<String, StoreError> {
        let sha = sha256_hex(content);
        let size = i64::try_from(content.len()).unwrap_or(i64::MAX);
        const BLOB: &str = "INSERT INTO attachments (sha256, size, media_type, content, created_at) \
                            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING";
        on_tx!(self, |c| sqlx::query(BLOB)
            .bind(&sha)
            .bind(size)
            .bind(media_type)
            .bind(content)
            .bind(now_millis())
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(sha)
    }

    /// Stores a file an applicant sent with the application.
    pub async fn attach_to_application(
        &mut self,
        application_id: i64,
        file_name: &str,
        media_type: &str,
        content: &[u8],
    ) -> Result<String, StoreError> {
        let sha = self.store_blob(media_type, content).await?;
        const LINK: &str = "INSERT INTO application_attachments (application_id, sha256, file_name) \
            VALUES ($1, $2, $3) ON CONFLICT (application_id, sha256) DO NOTHING";
        on_tx!(self, |c| sqlx::query(LINK)
            .bind(application_id)
            .bind(&sha)
            .bind(file_name)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(sha)
    }

    /// Removes an attachment from a version (the bytes stay for older versions).
    pub async fn detach(
        &mut self,
        item_id: i64,
        version: i64,
        sha: &str,
    ) -> Result<(), StoreError> {
        const SQL: &str =
            "DELETE FROM item_attachments WHERE item_id = $1 AND version = $2 AND sha256 = $3";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(item_id)
            .bind(version)
            .bind(sha)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

impl Store {
    /// The attachments of an item version, by file name.
    pub async fn attachments_of(
        &self,
        item_id: i64,
        version: i64,
    ) -> Result<Vec<AttachmentRef>, StoreError> {
        const SQL: &str = "SELECT l.sha256, l.file_name, a.size, a.media_type FROM item_attachments l \
            JOIN attachments a ON a.sha256 = l.sha256 WHERE l.item_id = $1 AND l.version = $2 \
            ORDER BY l.file_name";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(item_id)
            .bind(version)
            .fetch_all(p)
            .await)?)
    }

    /// The files sent with an application.
    pub async fn application_attachments(
        &self,
        application_id: i64,
    ) -> Result<Vec<AttachmentRef>, StoreError> {
        const SQL: &str = "SELECT l.sha256, l.file_name, a.size, a.media_type \
            FROM application_attachments l JOIN attachments a ON a.sha256 = l.sha256 \
            WHERE l.application_id = $1 ORDER BY l.file_name";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(application_id)
            .fetch_all(p)
            .await)?)
    }

    /// A stored file.
    pub async fn blob(&self, sha: &str) -> Result<Option<Blob>, StoreError> {
        const SQL: &str = "SELECT media_type, content FROM attachments WHERE sha256 = $1";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(sha)
            .fetch_optional(p)
            .await)?)
    }

    /// Changes after `seq`, at most `limit`, in order.
    pub async fn changes_after(&self, seq: i64, limit: i64) -> Result<Vec<Change>, StoreError> {
        const SQL: &str =
            "SELECT seq, entity, entity_id FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(seq)
            .bind(limit)
            .fetch_all(p)
            .await)?)
    }

    /// The last position of the change sequence (0 when empty).
    pub async fn last_change(&self) -> Result<i64, StoreError> {
        const SQL: &str = "SELECT CAST(COALESCE(MAX(seq), 0) AS BIGINT) FROM changes";
        Ok(on_pool!(self, |p| sqlx::query_scalar(SQL)
            .fetch_one(p)
            .await)?)
    }
}
