//! `gongkai`: the single command-line entry point (product.md §3).

mod clock_cmd;
mod report_cmd;
mod summary;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// 政府信息公开工作平台
#[derive(Parser)]
#[command(name = "gongkai", version, about = "gongkai 政府信息公开工作平台")]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Report(cmd) => report_cmd::run(cmd),
        Command::Calendar(cmd) => clock_cmd::calendar(cmd),
        Command::Fee(args) => clock_cmd::fee(args),
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
