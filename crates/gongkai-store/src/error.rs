//! The store's one error type, with stable codes for what a clerk may see.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is neither `sqlite:` nor `postgres://`.
    #[error("数据库地址无效：{0}（应为 sqlite:路径 或 postgres://…）")]
    BadUrl(String),
    /// The database refused or failed.
    #[error("数据库错误：{0}")]
    Database(#[from] sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("数据库结构升级失败：{0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Something that must exist does not.
    #[error("找不到{what}：{key}")]
    NotFound {
        /// What was looked for (in Chinese).
        what: &'static str,
        /// Its key.
        key: String,
    },
    /// A value the store will not hold.
    #[error("{0}")]
    Invalid(String),
    /// Backup or restore failed on the file system.
    #[error("备份或恢复失败：{0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// A stable code for machines and logs.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::BadUrl(_) => "store-bad-url",
            StoreError::Database(_) => "store-database",
            StoreError::Migrate(_) => "store-migrate",
            StoreError::NotFound { .. } => "store-not-found",
            StoreError::Invalid(_) => "store-invalid",
            StoreError::Io(_) => "store-io",
        }
    }
}
