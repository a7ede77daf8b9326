//! Backup and restore. SQLite: an online, consistent copy with `VACUUM INTO` while the service
//! runs; restore replaces the database file (the service stopped). PostgreSQL: `pg_dump -Fc`
//! and `pg_restore` (docs/OPERATIONS.md), which the test suite runs against a real server.

use crate::{Store, StoreError};
use std::path::Path;

impl Store {
    /// Writes a consistent copy of the SQLite database to `out` (which must not exist).
    pub async fn backup_sqlite(&self, out: &Path) -> Result<(), StoreError> {
        let Store::Sqlite(pool) = self else {
            return Err(StoreError::Invalid(
                "PostgreSQL 请用 pg_dump -Fc 备份、pg_restore 恢复（见 docs/OPERATIONS.md）".into(),
            ));
        };
        if out.exists() {
            return Err(StoreError::Invalid(format!(
                "备份文件已存在：{}",
                out.display()
            )));
        }
        let target = out
            .to_str()
            .ok_or_else(|| StoreError::Invalid("备份路径须为 UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target)
            .execute(pool)
            .await?;
        Ok(())
    }
}

/// Replaces the SQLite database at `db` with the backup `from` (no store may have `db` open).
/// The backup is checked first: a file that is not a gongkai database is refused, and the
/// database is left as it was.
pub async fn restore_sqlite(from: &Path, db: &Path) -> Result<(), StoreError> {
    let url = format!("sqlite:{}?mode=ro", from.display());
    let check = Store::open_read_only(&url).await?;
    check.close().await;
    let staged = db.with_extension("restoring");
    std::fs::copy(from, &staged)?;
    for suffix in ["-wal", "-shm"] {
        let side = std::path::PathBuf::from(format!("{}{suffix}", db.display()));
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    std::fs::rename(&staged, db)?;
    Ok(())
}

impl Store {
    /// Opens an SQLite file without migrating it, and makes sure it holds gongkai's schema.
    async fn open_read_only(url: &str) -> Result<Store, StoreError> {
        let pool = sqlx::SqlitePool::connect(url).await?;
        let tables: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit_log', 'agencies')",
        )
        .fetch_one(&pool)
        .await?;
        if tables != 2 {
            return Err(StoreError::Invalid(
                "该文件不是 gongkai 的数据库备份".into(),
            ));
        }
        Ok(Store::Sqlite(pool))
    }
}
