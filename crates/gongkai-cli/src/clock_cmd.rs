//! `gongkai calendar workday|add` and `gongkai fee`: the statutory clock on the command line.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use gongkai_domain::clock::{Calendar, Date, YearSchedule, fee_for_items, fee_for_pages};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The official schedules shipped with the binary; `<data-dir>/calendar/*.txt` adds or
/// overrides years without a new release.
const SHIPPED: [&str; 3] = gongkai_app::SHIPPED_CALENDARS;

#[derive(Subcommand)]
pub enum CalendarCommand {
    /// 某日是否为工作日
    Workday {
        /// 日期，YYYY-MM-DD
        date: String,
        #[command(flatten)]
        data: DataDir,
    },
    /// 已载入的节假日安排年度及其依据（没有载入的年度按周一至周五计算）
    Years {
        #[command(flatten)]
        data: DataDir,
    },
    /// 某日之后的第 N 个工作日（不含当日），并列出跳过的日子
    Add {
        /// 起算日期，YYYY-MM-DD（当日不计入）
        date: String,
        /// 工作日数
        #[arg(allow_hyphen_values = true)]
        n: String,
        #[command(flatten)]
        data: DataDir,
    },
}

#[derive(Args)]
pub struct DataDir {
    /// 数据目录；其中 calendar/*.txt 增补或覆盖某年的节假日安排
    #[arg(long, default_value = "./gongkai-data")]
    data_dir: PathBuf,
}

#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct FeeArgs {
    /// 同一申请人本自然月累计申请件数（按件计收）
    #[arg(long, allow_hyphen_values = true)]
    items: Option<String>,
    /// 一件申请提供的页数（按量计收）
    #[arg(long, allow_hyphen_values = true)]
    pages: Option<String>,
}

pub fn calendar(cmd: CalendarCommand) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match cmd {
        CalendarCommand::Workday { date, data } => {
            let calendar = load(&data.data_dir)?;
            let day = calendar.day(parse_date(&date)?);
            let kind = if day.working {
                "工作日"
            } else {
                "休息日"
            };
            writeln!(
                out,
                "{kind}：{} {} {}",
                day.date,
                day.date.weekday_name(),
                day.reason
            )?;
            if !day.scheduled {
                writeln!(
                    out,
                    "注意：{}年的节假日安排尚未载入，按周一至周五判断",
                    day.date.year()
                )?;
            }
        }
        CalendarCommand::Years { data } => {
            let files = data_dir_schedules(&data.data_dir)?;
            let calendar = load(&data.data_dir)?;
            for s in calendar.schedules() {
                let from = files
                    .iter()
                    .find(|(_, f)| f.year() == s.year())
                    .map_or_else(|| "内置".to_string(), |(p, _)| p.display().to_string());
                writeln!(out, "{}年\t{}\t{from}", s.year(), s.source())?;
            }
            let next = calendar.years().max().map_or(0, |y| y + 1);
            writeln!(
                out,
                "{next}年及以后尚未载入：答复期限暂按周一至周五计算。载入方法：在控制台“节假日安排”上传，或放入 {}",
                data.data_dir.join("calendar").display()
            )?;
        }
        CalendarCommand::Add { date, n, data } => {
            let calendar = load(&data.data_dir)?;
            let result =
                calendar.add_working_days(parse_date(&date)?, parse_count(&n, "工作日数")?);
            writeln!(out, "{}", result.date)?;
            for line in result.explain() {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn fee(args: FeeArgs) -> Result<ExitCode> {
    let fee = match (args.items, args.pages) {
        (Some(items), None) => fee_for_items(u64::from(parse_count(&items, "申请件数")?)),
        (None, Some(pages)) => fee_for_pages(u64::from(parse_count(&pages, "页数")?)),
        _ => bail!("请给出 --items 或 --pages 之一（同一件申请不得同时按件和按量计收）"),
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", fee.total)?;
    for line in fee.explain() {
        writeln!(out, "{line}")?;
    }
    writeln!(
        out,
        "依据：国办函〔2020〕109号《政府信息公开信息处理费管理办法》"
    )?;
    Ok(ExitCode::SUCCESS)
}

fn parse_date(text: &str) -> Result<Date> {
    Date::parse(text).map_err(|e| anyhow::anyhow!("{e}"))
}

fn parse_count(text: &str, what: &str) -> Result<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= 100_000)
        .with_context(|| format!("{what}「{text}」无效，应为 0 到 100000 之间的整数"))
}

/// The shipped schedules, then every `calendar/*.txt` of the data directory (a file for a year
/// already loaded replaces it).
fn load(data_dir: &Path) -> Result<Calendar> {
    let mut calendar = Calendar::new();
    for text in SHIPPED {
        calendar.insert(
            YearSchedule::parse(text).map_err(|e| anyhow::anyhow!("内置节假日安排有误：{e}"))?,
        );
    }
    for (_, schedule) in data_dir_schedules(data_dir)? {
        calendar.insert(schedule);
    }
    Ok(calendar)
}

/// Every `calendar/*.txt` of the data directory, in file-name order, checked.
pub fn data_dir_schedules(data_dir: &Path) -> Result<Vec<(PathBuf, YearSchedule)>> {
    let dir = data_dir.join("calendar");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("无法读取 {}", path.display()))?;
        let schedule =
            YearSchedule::parse(&text).map_err(|e| anyhow::anyhow!("{}：{e}", path.display()))?;
        out.push((path, schedule));
    }
    Ok(out)
}
