//! `gongkai report check` and `gongkai report convert`.

use crate::summary::Checked;
use anyhow::{Context, Result, bail};
use clap::{Subcommand, ValueEnum};
use gongkai_domain::check::{Finding, Rule, Severity, unchecked_summary, verdicts};
use gongkai_domain::report::AnnualReport;
use gongkai_report::Parsed;
use gongkai_report::limits::{self, Limits};
use gongkai_report::render::{Target, render};
use serde_json::{Value, json};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// 检查年度报告（文件或目录）是否符合格式和勾稽关系
    Check {
        /// 报告文件或目录（txt、html、md、json、xlsx、docx、pdf）
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 上一年度的报告，用于跨年度核对
        #[arg(long)]
        previous: Option<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// 另写一份汇总表（.csv）：每份报告一行，并在旁边写出全部问题清单
        #[arg(long)]
        summary: Option<PathBuf>,
    },
    /// 将多份同年度、同格式的报告逐项相加，生成区域汇总报告
    Aggregate {
        /// 报告文件
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 目标格式：json、md、html、txt、xlsx、docx、pdf
        #[arg(long)]
        to: String,
        /// 输出文件（默认输出到屏幕）
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// 即使有报告存在错误级问题也汇总
        #[arg(long)]
        force: bool,
        /// 生成 PDF 所用的中文字体文件（字体集可写成 路径#序号）；默认自动查找已安装的字体
        #[arg(long, env = "GONGKAI_PDF_FONT")]
        font: Option<String>,
    },
    /// 由本系统的数据生成某机关某年度的年度报告（表三、表四由申请和复议诉讼记录算出）
    Render {
        /// 机关代码
        #[arg(long)]
        agency: String,
        /// 报告年度
        #[arg(long)]
        year: i32,
        /// 目标格式：json、md、html、txt、xlsx、docx、pdf
        #[arg(long)]
        to: String,
        /// 输出文件（默认输出到屏幕）
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// 生成 PDF 所用的中文字体文件（字体集可写成 路径#序号）；默认自动查找已安装的字体
        #[arg(long, env = "GONGKAI_PDF_FONT")]
        font: Option<String>,
    },
    /// 转换年度报告的格式
    Convert {
        /// 报告文件
        file: PathBuf,
        /// 目标格式：json、md、html、txt、xlsx、docx、pdf
        #[arg(long)]
        to: String,
        /// 输出文件（默认输出到屏幕）
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// 生成 PDF 所用的中文字体文件（字体集可写成 路径#序号）；默认自动查找已安装的字体
        #[arg(long, env = "GONGKAI_PDF_FONT")]
        font: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    /// 中文文字
    Text,
    /// JSON
    Json,
}

pub fn run(cmd: ReportCommand, db: &crate::store_cmd::Database) -> Result<ExitCode> {
    match cmd {
        ReportCommand::Render {
            agency,
            year,
            to,
            output,
            font,
        } => render_from_data(db, &agency, year, &target(&to, font)?, output.as_deref()),
        ReportCommand::Check {
            paths,
            previous,
            format,
            summary,
        } => check(&paths, previous.as_deref(), format, summary.as_deref()),
        ReportCommand::Convert {
            file,
            to,
            output,
            font,
        } => convert(&file, &target(&to, font)?, output.as_deref()),
        ReportCommand::Aggregate {
            files,
            to,
            output,
            force,
            font,
        } => aggregate(&files, &target(&to, font)?, output.as_deref(), force),
    }
}

fn check(
    paths: &[PathBuf],
    previous: Option<&Path>,
    format: OutputFormat,
    summary: Option<&Path>,
) -> Result<ExitCode> {
    let previous = match previous {
        Some(p) => Some(
            read(p)
                .map_err(anyhow::Error::msg)
                .context("无法读取上年报告")?
                .report,
        ),
        None => None,
    };
    let files = collect(paths)?;
    let results = check_all(&files, previous.as_ref());
    let mut stdout = std::io::stdout().lock();
    match format {
        OutputFormat::Json => {
            write_json(&mut stdout, &results, paths.len() > 1 || files.len() > 1)?
        }
        OutputFormat::Text => write_text(&mut stdout, &results)?,
    }
    if let Some(path) = summary {
        let findings = crate::summary::write(path, &results)?;
        #[expect(
            clippy::print_stderr,
            reason = "says where the summary went, apart from the report output"
        )]
        {
            if findings == path {
                eprintln!("汇总表已写入 {}（问题清单在同一工作簿中）", path.display());
            } else {
                let (path, findings) = (path.display(), findings.display());
                eprintln!("汇总表已写入 {path}，问题清单已写入 {findings}");
            }
        }
    }
    Ok(exit_code(&results))
}

/// A file that could not be read, or whose text could not be had (a scan, a broken PDF).
fn unreadable(r: &Checked) -> bool {
    r.outcome.as_ref().map_or(true, |(_, f)| {
        f.iter().any(|f| f.rule == Rule::ParseUnreadable)
    })
}

fn exit_code(results: &[Checked]) -> ExitCode {
    if results.iter().any(unreadable) {
        return ExitCode::from(2);
    }
    let errors = results.iter().any(|r| {
        r.outcome
            .as_ref()
            .is_ok_and(|(_, f)| f.iter().any(|f| f.severity == Severity::Error))
    });
    ExitCode::from(u8::from(errors))
}

/// Expands directories into the report files they hold, sorted.
fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found =
                walk(path).with_context(|| format!("无法读取目录 {}", path.display()))?;
            found.sort();
            if found.is_empty() {
                bail!(
                    "目录 {} 中没有报告文件（txt、html、htm、md、json）",
                    path.display()
                );
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(walk(&path)?);
        } else if is_report_file(&path) {
            files.push(path);
        }
    }
    Ok(files)
}

fn is_report_file(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    ["txt", "html", "htm", "md", "json", "xlsx", "docx", "pdf"].contains(&ext.as_str())
        && !name.contains(".expected.")
        && name != "README.md"
}

/// The input limits: the defaults, with the largest file from `GONGKAI_MAX_INPUT_MB`.
fn limits() -> Limits {
    let mib = std::env::var("GONGKAI_MAX_INPUT_MB")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok());
    mib.map_or(limits::DEFAULT, |m| limits::DEFAULT.with_max_mib(m))
}

/// Reads and parses a file; a file over the size limit is refused before it is read.
fn read(path: &Path) -> Result<Parsed, String> {
    let limits = limits();
    let fail = |e: std::io::Error| format!("无法读取文件 {}：{e}", path.display());
    let len = std::fs::metadata(path).map_err(fail)?.len();
    if let Err(why) = limits.check_size(len) {
        return Ok(gongkai_report::refused(&why));
    }
    let bytes = std::fs::read(path).map_err(fail)?;
    Ok(gongkai_report::parse_within(&bytes, &limits))
}

/// Checks every file, in parallel over the cores, with a progress line on a terminal.
fn check_all(files: &[PathBuf], previous: Option<&AnnualReport>) -> Vec<Checked> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let progress = std::io::stderr().is_terminal() && files.len() > 1;
    let slots: Vec<Mutex<Option<Checked>>> = files.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(i) else { break };
                    let checked = check_one(path, previous);
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(checked);
                    }
                    let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if progress {
                        show_progress(finished, files.len());
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .filter_map(|s| s.into_inner().ok().flatten())
        .collect()
}

fn check_one(path: &Path, previous: Option<&AnnualReport>) -> Checked {
    let outcome = read(path).map(|parsed| {
        let findings = parsed.findings(previous);
        (parsed, findings)
    });
    let verdicts = outcome.as_ref().map_or_else(
        |_| Vec::new(),
        |(parsed, findings)| verdicts(&parsed.report, previous, findings),
    );
    Checked {
        path: path.to_path_buf(),
        outcome,
        verdicts,
    }
}

#[expect(
    clippy::print_stderr,
    reason = "progress goes to the terminal, not to the report"
)]
fn show_progress(done: usize, total: usize) {
    let width = 30;
    let filled = done * width / total;
    eprint!(
        "\r检查中 [{}{}] {done}/{total}",
        "#".repeat(filled),
        "-".repeat(width - filled)
    );
    if done == total {
        eprintln!();
    }
}

fn write_json(out: &mut impl Write, results: &[Checked], many: bool) -> Result<()> {
    let values: Vec<Value> = results.iter().map(result_json).collect();
    let value = if many {
        Value::Array(values)
    } else {
        values.into_iter().next().unwrap_or(Value::Null)
    };
    writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    Ok(())
}

fn result_json(r: &Checked) -> Value {
    let file = r.path.display().to_string();
    match &r.outcome {
        Ok((parsed, findings)) => {
            gongkai_report::json::check_result(&file, parsed, findings, &r.verdicts)
        }
        Err(e) => json!({"file": file, "error": e, "findings": []}),
    }
}

fn write_text(out: &mut impl Write, results: &[Checked]) -> Result<()> {
    let (mut errors, mut warnings, mut unreadable_files) = (0, 0, 0);
    for r in results {
        match &r.outcome {
            Ok((p, findings)) => {
                let year = p
                    .report
                    .year
                    .map_or("年度不详".into(), |y| format!("{y}年度"));
                let agency = p.report.agency.as_deref().unwrap_or("机关名称不详");
                writeln!(
                    out,
                    "{}（{agency}，{year}，{}年格式，{}）",
                    r.path.display(),
                    p.report.format.code(),
                    p.encoding
                )?;
                if let Some(line) = unchecked_summary(&r.verdicts) {
                    writeln!(out, "  {line}")?;
                }
                for f in findings {
                    writeln!(
                        out,
                        "  {} [{}] {}",
                        f.severity.label(),
                        f.rule.code(),
                        f.message
                    )?;
                }
                if findings.is_empty() {
                    writeln!(out, "  未发现问题")?;
                }
                unreadable_files += usize::from(unreadable(r));
                errors += findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .count();
                warnings += findings
                    .iter()
                    .filter(|f| f.severity == Severity::Warning)
                    .count();
            }
            Err(e) => {
                unreadable_files += 1;
                writeln!(out, "{}\n  无法读取：{e}", r.path.display())?;
            }
        }
    }
    let unread = if unreadable_files > 0 {
        format!("，{unreadable_files}个文件无法读取")
    } else {
        String::new()
    };
    writeln!(
        out,
        "共检查{}个文件：错误{errors}个，警告{warnings}个{unread}。",
        results.len()
    )?;
    Ok(())
}

/// A target format: a text rendering, XLSX, DOCX, or PDF (with the font the user named).
enum Out {
    Text(Target),
    Xlsx,
    Docx,
    Pdf(Option<String>),
}

fn target(to: &str, font: Option<String>) -> Result<Out> {
    match to {
        "xlsx" => return Ok(Out::Xlsx),
        "docx" => return Ok(Out::Docx),
        "pdf" => return Ok(Out::Pdf(font)),
        _ => {}
    }
    Target::parse(to).map(Out::Text).with_context(|| {
        format!("不支持的目标格式「{to}」，可选：json、md、html、txt、xlsx、docx、pdf")
    })
}

fn produce(
    report: &gongkai_domain::report::AnnualReport,
    findings: &[Finding],
    out: &Out,
) -> Result<Vec<u8>> {
    match out {
        Out::Text(target) => Ok(render(report, findings, *target).into_bytes()),
        Out::Xlsx => gongkai_report::xlsx::write(report, findings)
            .map_err(|e| anyhow::anyhow!("无法生成 XLSX：{e}")),
        Out::Docx => {
            gongkai_report::docx::write(report).map_err(|e| anyhow::anyhow!("无法生成 DOCX：{e}"))
        }
        Out::Pdf(font) => {
            let fonts = gongkai_report::pdf::Fonts::discover(font.as_deref())
                .map_err(anyhow::Error::msg)?;
            gongkai_report::pdf::write(report, &fonts).map_err(anyhow::Error::msg)
        }
    }
}

fn convert(file: &Path, target: &Out, output: Option<&Path>) -> Result<ExitCode> {
    let parsed = read(file).map_err(anyhow::Error::msg)?;
    let findings = if matches!(target, Out::Xlsx) {
        parsed.findings(None)
    } else {
        parsed.diagnostics.clone()
    };
    write_output(&produce(&parsed.report, &findings, target)?, output)
}

/// `report aggregate`: refuses inputs with error findings (named, with their errors) unless
/// `--force`.
fn aggregate(
    files: &[PathBuf],
    target: &Out,
    output: Option<&Path>,
    force: bool,
) -> Result<ExitCode> {
    let mut reports = Vec::new();
    let mut refused = Vec::new();
    for file in files {
        let parsed = read(file).map_err(anyhow::Error::msg)?;
        let errors: Vec<String> = parsed
            .findings(None)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.message)
            .collect();
        if !errors.is_empty() && !force {
            refused.push(format!("{}：{}", file.display(), errors.join("；")));
        }
        reports.push(parsed.report);
    }
    if !refused.is_empty() {
        bail!(
            "以下报告存在错误，未汇总（确需汇总请加 --force）：\n{}",
            refused.join("\n")
        );
    }
    let sum = gongkai_domain::report::aggregate(&reports).map_err(|e| anyhow::anyhow!("{e}"))?;
    write_output(&produce(&sum, &[], target)?, output)
}

/// `report render`: the report computed from the store, checked, then rendered.
fn render_from_data(
    db: &crate::store_cmd::Database,
    code: &str,
    year: i32,
    target: &Out,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let report = crate::serve_cmd::runtime()?.block_on(async {
        let app = crate::serve_cmd::app(db).await?;
        let agencies = app.agencies().await?;
        let agency = agencies
            .iter()
            .find(|a| a.code == code)
            .with_context(|| format!("找不到机关 {code}"))?;
        anyhow::Ok(app.compute_report(agency.id, year).await?)
    })?;
    let findings = gongkai_domain::check::check(&report, None);
    write_output(&produce(&report, &findings, target)?, output)
}

fn write_output(rendered: &[u8], output: Option<&Path>) -> Result<ExitCode> {
    match output {
        Some(path) => std::fs::write(path, rendered)
            .with_context(|| format!("无法写入 {}", path.display()))?,
        None => std::io::stdout().lock().write_all(rendered)?,
    }
    Ok(ExitCode::SUCCESS)
}
