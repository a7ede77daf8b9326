//! `report check --summary OUT.csv|OUT.xlsx`: one row per report (failures first) with a count
//! per rule, and every finding: a second sheet in XLSX, a second file beside a CSV. CSV is UTF-8
//! with a byte-order mark, so that WPS and Excel open the Chinese text correctly.

use anyhow::{Context, Result, bail};
use gongkai_domain::check::{Finding, Rule, Severity, Verdict};
use gongkai_report::Parsed;
use std::path::{Path, PathBuf};

/// One file's result: parsed, or why it could not be read.
pub struct Checked {
    /// The file.
    pub path: PathBuf,
    /// The parse and its findings, or why the file could not be read.
    pub outcome: Result<(Parsed, Vec<Finding>), String>,
    /// The verdict on every checked rule (empty when the file could not be read).
    pub verdicts: Vec<(Rule, Verdict)>,
}

impl Checked {
    /// How many rules got the verdict.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.verdicts.iter().filter(|(_, v)| *v == verdict).count()
    }
}

/// Writes the summary; returns where the findings went.
pub fn write(path: &Path, results: &[Checked]) -> Result<PathBuf> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("csv") => write_csv(path, results),
        Some("xlsx") => write_xlsx(path, results).map(|()| path.to_path_buf()),
        _ => bail!("汇总表应为 .csv 或 .xlsx 文件：{}", path.display()),
    }
}

fn write_csv(path: &Path, results: &[Checked]) -> Result<PathBuf> {
    let findings_path = path.with_file_name(format!(
        "{}-findings.csv",
        path.file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("summary")
    ));
    std::fs::write(path, summary(results))
        .with_context(|| format!("无法写入 {}", path.display()))?;
    std::fs::write(&findings_path, findings(results))
        .with_context(|| format!("无法写入 {}", findings_path.display()))?;
    Ok(findings_path)
}

/// Two sheets, 汇总 and 问题清单; counts are stored as numbers.
fn write_xlsx(path: &Path, results: &[Checked]) -> Result<()> {
    let summary = summary_table(results);
    let findings = findings_table(results);
    let sheets = [("汇总", &summary[..]), ("问题清单", &findings[..])];
    let bytes = gongkai_report::xlsx::tables(&sheets).map_err(xlsx_error)?;
    std::fs::write(path, bytes).with_context(|| format!("无法写入 {}", path.display()))
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> anyhow::Error {
    anyhow::anyhow!("无法生成 XLSX：{e}")
}

fn summary(results: &[Checked]) -> String {
    csv(&summary_table(results))
}

/// The header and one row per report: those with errors first, then those with rules that
/// could not be checked (无法核对), then by warnings.
fn summary_table(results: &[Checked]) -> Vec<Vec<String>> {
    let mut header: Vec<String> = ["文件", "机关", "年度", "格式", "错误", "警告"]
        .map(String::from)
        .to_vec();
    header.extend(Verdict::ALL.iter().map(|v| format!("{}（条）", v.label())));
    header.extend(Rule::ALL.iter().map(|r| r.code().to_string()));
    let mut rows: Vec<(usize, usize, usize, Vec<String>)> = results.iter().map(row).collect();
    rows.sort_by_key(|r| std::cmp::Reverse((r.0, r.1, r.2)));
    std::iter::once(header)
        .chain(rows.into_iter().map(|r| r.3))
        .collect()
}

fn csv(table: &[Vec<String>]) -> String {
    gongkai_report::csv::table(table)
}

/// (errors, unverifiable rules, warnings, fields) of one report; an unreadable file counts as
/// one error.
fn row(result: &Checked) -> (usize, usize, usize, Vec<String>) {
    let file = result.path.display().to_string();
    let Ok((parsed, findings)) = &result.outcome else {
        let mut fields = vec![
            file,
            "无法读取".into(),
            String::new(),
            String::new(),
            "1".into(),
            "0".into(),
        ];
        fields.extend(Verdict::ALL.iter().map(|_| String::new()));
        fields.extend(Rule::ALL.iter().map(|_| String::new()));
        return (usize::MAX, 0, 0, fields);
    };
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let r = &parsed.report;
    let mut fields = vec![
        file,
        r.agency.clone().unwrap_or_default(),
        r.year.map(|y| y.to_string()).unwrap_or_default(),
        r.format.code().to_string(),
        errors.to_string(),
        warnings.to_string(),
    ];
    fields.extend(Verdict::ALL.iter().map(|v| result.count(*v).to_string()));
    fields.extend(Rule::ALL.iter().map(|rule| {
        findings
            .iter()
            .filter(|f| f.rule == *rule)
            .count()
            .to_string()
    }));
    let unverifiable = result.count(Verdict::Unverifiable);
    (errors, unverifiable, warnings, fields)
}

fn findings(results: &[Checked]) -> String {
    csv(&findings_table(results))
}

fn findings_table(results: &[Checked]) -> Vec<Vec<String>> {
    let mut table = vec![
        ["文件", "规则", "级别", "表", "行", "列", "文本行", "说明"]
            .map(String::from)
            .to_vec(),
    ];
    for result in results {
        let Ok((_, findings)) = &result.outcome else {
            continue;
        };
        for f in findings {
            let l = &f.location;
            table.push(vec![
                result.path.display().to_string(),
                f.rule.code().to_string(),
                f.severity.label().to_string(),
                l.table.map(|t| t.code().to_string()).unwrap_or_default(),
                l.row.clone().unwrap_or_default(),
                l.column.clone().unwrap_or_default(),
                l.line.map(|n| n.to_string()).unwrap_or_default(),
                f.message.clone(),
            ]);
        }
    }
    table
}
