//! `report check --summary OUT.csv`: one row per report (failures first) with a count per rule,
//! and every finding in a second file beside it. UTF-8 with a byte-order mark, so that WPS and
//! Excel open the Chinese text correctly.

use crate::report_cmd::Checked;
use anyhow::{Context, Result, bail};
use gongkai_domain::check::{Rule, Severity};
use std::path::{Path, PathBuf};

/// Writes the summary and returns the path of the findings file beside it.
pub fn write(path: &Path, results: &[Checked]) -> Result<PathBuf> {
    if path.extension().and_then(|e| e.to_str()) != Some("csv") {
        bail!(
            "汇总表目前支持 .csv（XLSX 汇总表随后续版本提供）：{}",
            path.display()
        );
    }
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

fn summary(results: &[Checked]) -> String {
    let mut header: Vec<String> = ["文件", "机关", "年度", "格式", "错误", "警告"]
        .map(String::from)
        .to_vec();
    header.extend(Rule::ALL.iter().map(|r| r.code().to_string()));
    let mut rows: Vec<(usize, usize, Vec<String>)> = results.iter().map(row).collect();
    rows.sort_by_key(|r| std::cmp::Reverse((r.0, r.1)));
    let mut out = String::from("\u{feff}");
    out.push_str(&line(&header));
    for (_, _, fields) in rows {
        out.push_str(&line(&fields));
    }
    out
}

/// (errors, warnings, fields) of one report; an unreadable file counts as one error.
fn row(result: &Checked) -> (usize, usize, Vec<String>) {
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
        fields.extend(Rule::ALL.iter().map(|_| String::new()));
        return (usize::MAX, 0, fields);
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
    fields.extend(Rule::ALL.iter().map(|rule| {
        findings
            .iter()
            .filter(|f| f.rule == *rule)
            .count()
            .to_string()
    }));
    (errors, warnings, fields)
}

fn findings(results: &[Checked]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&line(
        &["文件", "规则", "级别", "表", "行", "列", "文本行", "说明"].map(String::from),
    ));
    for result in results {
        let Ok((_, findings)) = &result.outcome else {
            continue;
        };
        for f in findings {
            let l = &f.location;
            out.push_str(&line(&[
                result.path.display().to_string(),
                f.rule.code().to_string(),
                f.severity.label().to_string(),
                l.table.map(|t| t.code().to_string()).unwrap_or_default(),
                l.row.clone().unwrap_or_default(),
                l.column.clone().unwrap_or_default(),
                l.line.map(|n| n.to_string()).unwrap_or_default(),
                f.message.clone(),
            ]));
        }
    }
    out
}

/// One CSV record (RFC 4180 quoting).
fn line(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}
