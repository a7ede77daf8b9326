//! The store's one error type, with stable codes for what a clerk may see.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is neither `sqlite:` nor `postgres://`.
    #[error("数据库地址无效：{0}（应为 sqlite:路径 或 postgres://…）")]
    BadUrl(String),
    /// The database refused or failed; the message says in Chinese what to check (the
    /// driver's own text follows for the operator).
    #[error("{}", explain(.0))]
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
    /// Someone else changed the row first (a compare-and-set found another state).
    #[error("{0}")]
    Conflict(String),
    /// A stored value the store cannot decode (a state, kind or date it does not know): the data
    /// was changed outside gongkai or by a broken migration (issue 14: never read as a default).
    #[error(
        "数据库中的数据已损坏：表 {table} 第 {row} 行的 {column} 字段值「{value}」无法识别，请联系系统管理员核查"
    )]
    Corrupt {
        /// The table.
        table: &'static str,
        /// The row's id.
        row: i64,
        /// The column.
        column: &'static str,
        /// The value found (at most 40 characters).
        value: String,
    },
    /// Backup or restore failed on the file system.
    #[error("备份或恢复失败：{0}")]
    Io(#[from] std::io::Error),
}

impl StoreError {
    /// Whether another writer got there first: a compare-and-set that found another state, or
    /// the database's serialization failure or deadlock (the request may simply be retried).
    pub fn is_conflict(&self) -> bool {
        match self {
            StoreError::Conflict(_) => true,
            StoreError::Database(sqlx::Error::Database(db)) => {
                matches!(db.code().as_deref(), Some("40001" | "40P01"))
            }
            _ => false,
        }
    }

    /// Whether a unique constraint refused the write (the row exists already, perhaps written
    /// by another instance at the same moment).
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(db))
            if db.kind() == sqlx::error::ErrorKind::UniqueViolation)
    }

    /// A stable code for machines and logs.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::BadUrl(_) => "store-bad-url",
            StoreError::Database(_) => "store-database",
            StoreError::Migrate(_) => "store-migrate",
            StoreError::NotFound { .. } => "store-not-found",
            StoreError::Invalid(_) => "store-invalid",
            StoreError::Conflict(_) => "conflict",
            StoreError::Corrupt { .. } => "store-corrupt",
            StoreError::Io(_) => "store-io",
        }
    }
}

/// What an operator should check, in Chinese, for a driver error (issue 13: "pool timed out
/// while waiting for an open connection" told nobody that the database was down).
fn explain(e: &sqlx::Error) -> String {
    use sqlx::Error as E;
    let hint = match e {
        E::PoolTimedOut => "在规定时间内未能取得数据库连接：请检查数据库服务器是否在运行、网络是否通畅，以及连接数是否已达上限（PostgreSQL 的 max_connections、本服务的 --db-pool）".to_string(),
        E::PoolClosed => "数据库连接池已关闭（服务正在停止）".to_string(),
        E::Configuration(_) => "数据库地址的格式不正确，应为 sqlite:路径 或 postgres://用户@主机:端口/数据库".to_string(),
        E::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "无法连接数据库服务器（连接被拒绝）：请检查 PostgreSQL 是否在运行，地址和端口是否正确".to_string()
        }
        E::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
            "找不到数据库文件或其所在目录：请检查 --data-dir 或 --database-url".to_string()
        }
        E::Io(_) => "与数据库通信时出现输入输出错误：请检查磁盘空间、文件权限和网络".to_string(),
        E::Tls(_) => "与数据库建立加密连接失败：请检查 TLS 设置".to_string(),
        E::Database(db) => database_hint(db.as_ref()),
        _ => "数据库操作失败".to_string(),
    };
    format!("{hint}（{e}）")
}

fn database_hint(db: &dyn sqlx::error::DatabaseError) -> String {
    match db.code().as_deref() {
        Some("3D000") => "数据库不存在：请先创建数据库，或检查 --database-url 中的数据库名".into(),
        Some("28P01" | "28000") => "数据库拒绝登录：请检查 --database-url 中的用户名和密码".into(),
        Some("53300") => {
            "数据库连接数已满：请调低 --db-pool 或提高 PostgreSQL 的 max_connections".into()
        }
        Some("23505" | "2067" | "1555") => "数据重复：同样的记录已经存在".into(),
        Some("40001" | "40P01") => "与其他操作同时修改了同一数据，请重试".into(),
        _ if db.message().contains("database is locked") => {
            "数据库文件被其他程序锁定：请确认没有别的进程正在写入".into()
        }
        _ => "数据库拒绝了该操作".into(),
    }
}
