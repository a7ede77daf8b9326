//! `gongkai audit verify`, `gongkai backup`, `gongkai restore`: the commands that work on the
//! store directly.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use gongkai_store::audit::Verdict;
use gongkai_store::{Store, backup};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where the data is: `--database-url`, or the SQLite file in `--data-dir`.
#[derive(Args)]
pub struct Database {
    /// 数据目录（默认 SQLite 数据库为 数据目录/gongkai.db）
    #[arg(
        long,
        env = "GONGKAI_DATA_DIR",
        default_value = "gongkai-data",
        global = true
    )]
    data_dir: PathBuf,
    /// 数据库地址：postgres://… 使用 PostgreSQL；不给出时使用数据目录中的 SQLite
    #[arg(long, env = "GONGKAI_DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// 数据库连接池大小（默认 SQLite 8、PostgreSQL 16；多个实例共用 PostgreSQL 时，各实例之和须小于其 max_connections）
    #[arg(long, env = "GONGKAI_DB_POOL", global = true)]
    db_pool: Option<u32>,
}

impl Database {
    /// The SQLite file, when the store is the embedded default.
    fn sqlite_file(&self) -> Option<PathBuf> {
        match &self.database_url {
            Some(url) => url
                .strip_prefix("sqlite:")
                .map(|p| PathBuf::from(p.split('?').next().unwrap_or(p))),
            None => Some(self.data_dir.join("gongkai.db")),
        }
    }

    /// The data directory (the SQLite file and this instance's search index live there).
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The database URL.
    pub fn url(&self) -> Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("无法创建数据目录 {}", self.data_dir.display()))?;
        Ok(format!(
            "sqlite:{}",
            self.data_dir.join("gongkai.db").display()
        ))
    }
}

impl Database {
    /// The URL of a database that must already exist (backup, audit): a missing SQLite file is
    /// an error naming the path, never a new empty database.
    pub fn existing_url(&self) -> Result<String> {
        if let Some(file) = self.sqlite_file().filter(|f| !f.exists()) {
            bail!(
                "在 {} 没有找到数据库：请用 --data-dir 指定服务所用的数据目录，或用 --database-url 指定数据库",
                file.display()
            );
        }
        self.url()
    }
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// 校验审计日志的哈希链，指出第一条被修改或删除的记录
    Verify,
}

pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("无法启动异步运行时")
}

pub async fn open(db: &Database) -> Result<Store> {
    Ok(Store::open_with_pool(&db.url()?, db.db_pool).await?)
}

/// Opens a database that must already exist.
pub async fn open_existing(db: &Database) -> Result<Store> {
    Ok(Store::open_with_pool(&db.existing_url()?, db.db_pool).await?)
}

/// `gongkai audit verify`: exit 0 when the chain is intact, 1 when a row was tampered with.
pub fn audit(cmd: AuditCommand, db: &Database) -> Result<ExitCode> {
    let AuditCommand::Verify = cmd;
    let verdict = runtime()?.block_on(async {
        let store = open_existing(db).await?;
        let verdict = store.verify_audit().await?;
        store.close().await;
        anyhow::Ok(verdict)
    })?;
    let mut out = std::io::stdout().lock();
    match verdict {
        Verdict::Intact { rows } => {
            writeln!(out, "审计日志完整：共{rows}条记录，哈希链校验通过。")?;
            Ok(ExitCode::SUCCESS)
        }
        Verdict::Broken { seq, why } => {
            writeln!(out, "审计日志校验失败：第{seq}条记录。{why}")?;
            Ok(ExitCode::from(1))
        }
    }
}

/// `gongkai backup OUT`: an online, consistent copy of the SQLite database.
pub fn backup(out: &Path, db: &Database) -> Result<ExitCode> {
    runtime()?.block_on(async {
        let store = open_existing(db).await?;
        let done = store.backup_sqlite(out).await;
        store.close().await;
        anyhow::Ok(done?)
    })?;
    writeln!(std::io::stdout().lock(), "已备份到 {}", out.display())?;
    Ok(ExitCode::SUCCESS)
}

/// `gongkai restore IN`: replaces the SQLite database with a backup (stop the service first).
pub fn restore(from: &Path, db: &Database) -> Result<ExitCode> {
    let Some(file) = db.sqlite_file() else {
        bail!("PostgreSQL 请用 pg_restore 恢复（见 docs/OPERATIONS.md）");
    };
    if !from.is_file() {
        bail!("找不到备份文件 {}", from.display());
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("无法创建数据目录 {}", dir.display()))?;
    }
    runtime()?.block_on(backup::restore_sqlite(from, &file))?;
    writeln!(
        std::io::stdout().lock(),
        "已从 {} 恢复数据库 {}",
        from.display(),
        file.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
