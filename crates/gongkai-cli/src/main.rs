//! `gongkai`: the single command-line entry point (product.md §3).

mod clock_cmd;
mod import_cmd;
mod report_cmd;
mod serve_cmd;
mod store_cmd;
mod summary;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// 政府信息公开工作平台
#[derive(Parser)]
#[command(name = "gongkai", version, about = "gongkai 政府信息公开工作平台")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    database: store_cmd::Database,
}

#[derive(Subcommand)]
enum Command {
    /// 政府信息公开工作年度报告：检查与格式转换
    #[command(subcommand)]
    Report(report_cmd::ReportCommand),
    /// 工作日日历：判断工作日、推算期限（含调休）
    #[command(subcommand)]
    Calendar(clock_cmd::CalendarCommand),
    /// 信息处理费（国办函〔2020〕109号）
    Fee(clock_cmd::FeeArgs),
    /// 审计日志
    #[command(subcommand)]
    Audit(store_cmd::AuditCommand),
    /// 备份数据库（SQLite 在线备份；PostgreSQL 请用 pg_dump）
    Backup {
        /// 备份文件（不得已存在）
        out: PathBuf,
    },
    /// 从备份恢复数据库（请先停止服务）
    Restore {
        /// 备份文件
        backup: PathBuf,
    },
    /// 启动服务：政府信息公开专栏、工作人员工作台和 JSON 接口
    Serve(serve_cmd::ServeArgs),
    /// 全文索引
    #[command(subcommand)]
    Search(serve_cmd::SearchCommand),
    /// 机关
    #[command(subcommand)]
    Agency(serve_cmd::AgencyCommand),
    /// 用户
    #[command(subcommand)]
    User(serve_cmd::UserCommand),
    /// 从其他系统导入数据
    #[command(subcommand)]
    Import(import_cmd::ImportCommand),
}

/// Operators' log on standard error: `RUST_LOG` filters (default `info`, sqlx's notices only from `warn`), one line a record,
/// or JSON with `GONGKAI_LOG_JSON=1`.
fn init_log() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr);
    let _ = if std::env::var_os("GONGKAI_LOG_JSON").is_some_and(|v| v == "1") {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

fn main() -> ExitCode {
    init_log();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Report(cmd) => report_cmd::run(cmd, &cli.database),
        Command::Calendar(cmd) => clock_cmd::calendar(cmd),
        Command::Fee(args) => clock_cmd::fee(args),
        Command::Audit(cmd) => store_cmd::audit(cmd, &cli.database),
        Command::Backup { out } => store_cmd::backup(&out, &cli.database),
        Command::Restore { backup } => store_cmd::restore(&backup, &cli.database),
        Command::Serve(args) => serve_cmd::serve(args, &cli.database),
        Command::Search(cmd) => serve_cmd::search(cmd, &cli.database),
        Command::Agency(cmd) => serve_cmd::agency(cmd, &cli.database),
        Command::User(cmd) => serve_cmd::user(cmd, &cli.database),
        Command::Import(cmd) => import_cmd::run(cmd, &cli.database),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            #[expect(clippy::print_stderr, reason = "the CLI reports its own failures")]
            {
                eprintln!("错误：{e:#}");
            }
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
