//! The information released with an answer (条例第三十六条第（二）项): files the registrar
//! attaches to a case, and each download by the applicant.

use crate::attachments::AttachmentRef;
use crate::decode::At;
use crate::{Store, StoreError, Tx, on_pool, on_tx};
use gongkai_domain::clock::Date;

/// A released file with how often the applicant downloaded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleasedFile {
    /// The file.
    pub file: AttachmentRef,
    /// The day it was attached.
    pub added_on: Date,
    /// Downloads by the applicant.
    pub downloads: i64,
}

#[derive(sqlx::FromRow)]
struct RawReleased {
    application_id: i64,
    sha256: String,
    file_name: String,
    size: i64,
    media_type: String,
    added_on: String,
    downloads: i64,
}

impl RawReleased {
    fn decode(self) -> Result<ReleasedFile, StoreError> {
        let at = At::new("released_files", self.application_id);
        Ok(ReleasedFile {
            added_on: at.date("added_on", &self.added_on)?,
            downloads: self.downloads,
            file: AttachmentRef {
                sha256: self.sha256,
                file_name: self.file_name,
                size: self.size,
                media_type: self.media_type,
            },
        })
    }
}

impl Tx {
    /// Stores a file (once per content) and releases it with case `application_id`.
    pub async fn release_file(
        &mut self,
        application_id: i64,
        file_name: &str,
        media_type: &str,
        content: &[u8],
        on: Date,
    ) -> Result<String, StoreError> {
        let sha = self.store_blob(media_type, content).await?;
        const LINK: &str = "INSERT INTO released_files (application_id, sha256, file_name, \
            added_on) VALUES ($1, $2, $3, $4) ON CONFLICT (application_id, sha256) DO NOTHING";
        on_tx!(self, |c| sqlx::query(LINK)
            .bind(application_id)
            .bind(&sha)
            .bind(file_name)
            .bind(on.to_string())
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(sha)
    }

    /// Takes back a file attached by mistake (before the answer; the bytes stay).
    pub async fn unrelease_file(
        &mut self,
        application_id: i64,
        sha: &str,
    ) -> Result<(), StoreError> {
        const SQL: &str = "DELETE FROM released_files WHERE application_id = $1 AND sha256 = $2";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(application_id)
            .bind(sha)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Records one download of a released file by the applicant.
    pub async fn record_release_download(
        &mut self,
        application_id: i64,
        sha: &str,
        at: i64,
        client: &str,
    ) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO release_downloads (application_id, sha256, at, client) \
            VALUES ($1, $2, $3, $4)";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(application_id)
            .bind(sha)
            .bind(at)
            .bind(client)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

impl Store {
    /// The files released with a case, by name, with their download counts.
    pub async fn released_files(
        &self,
        application_id: i64,
    ) -> Result<Vec<ReleasedFile>, StoreError> {
        const SQL: &str = "SELECT f.application_id, f.sha256, f.file_name, a.size, a.media_type, \
            f.added_on, (SELECT COUNT(*) FROM release_downloads d \
              WHERE d.application_id = f.application_id AND d.sha256 = f.sha256) AS downloads \
            FROM released_files f JOIN attachments a ON a.sha256 = f.sha256 \
            WHERE f.application_id = $1 ORDER BY f.file_name";
        let rows: Vec<RawReleased> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(application_id)
            .fetch_all(p)
            .await)?;
        crate::decode::all(rows, RawReleased::decode)
    }
}
