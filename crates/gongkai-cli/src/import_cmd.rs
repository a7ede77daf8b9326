//! `gongkai import figures`: 表二's figures from another system's file, for an agency and year,
//! recorded as done by a named user of that agency (the 党政办).

use crate::store_cmd::Database;
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// `gongkai import …`.
#[derive(Subcommand)]
pub enum ImportCommand {
    /// 从年度报告文件（文本、HTML、Word、Excel、PDF）导入表二数据
    Figures {
        /// 机关代码
        #[arg(long)]
        agency: String,
        /// 年度
        #[arg(long)]
        year: i32,
        /// 以哪位党政办用户的名义导入（写入审计日志）
        #[arg(long)]
        user: String,
        /// 文件
        file: PathBuf,
    },
}

/// Runs an import.
pub fn run(cmd: ImportCommand, db: &Database) -> Result<ExitCode> {
    let ImportCommand::Figures {
        agency,
        year,
        user,
        file,
    } = cmd;
    let bytes = std::fs::read(&file).with_context(|| format!("无法读取 {}", file.display()))?;
    let done = crate::serve_cmd::runtime()?.block_on(async {
        let app = crate::serve_cmd::app(db).await?;
        let agencies = app.agencies().await?;
        let Some(found) = agencies.iter().find(|a| a.code == agency) else {
            bail!("找不到机关 {agency}");
        };
        let actor = app.actor(&user).await?;
        if actor.agency_id != found.id {
            bail!("用户 {user} 不属于机关 {agency}");
        }
        anyhow::Ok(app.import_report_figures(&actor, year, bytes).await?)
    })?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "已导入{year}年度表二{}行。", done.rows)?;
    for note in done.notes {
        writeln!(out, "  提示：{note}")?;
    }
    Ok(ExitCode::SUCCESS)
}
