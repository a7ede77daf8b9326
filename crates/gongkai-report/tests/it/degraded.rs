//! Issue 18: a consistent report rendered to text, then degraded the ways real copies are
//! (cells run together, the header dropped, spaces misaligned, a column heading lost, Markdown
//! with labels split over two cells), is read right or as 无法核对, never with an arithmetic
//! error; and a planted error survives the degradation whenever the reading stays certain.

use crate::generate::consistent_report;
use gongkai_domain::check::{Rule, Verdict};
use gongkai_domain::report::{AnnualReport, Cell, Number};
use gongkai_report::render::{Target, render};
use proptest::prelude::*;

#[derive(Clone, Copy, Debug)]
enum Damage {
    RunTogether,
    HeaderDropped,
    SpacesMisaligned(u8),
    ColumnHeadingLost,
    MarkdownSplitLabels,
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        Just(Damage::RunTogether),
        Just(Damage::HeaderDropped),
        (1u8..5).prop_map(Damage::SpacesMisaligned),
        Just(Damage::ColumnHeadingLost),
        Just(Damage::MarkdownSplitLabels),
    ]
}

const APP_RULES: [Rule; 3] = [Rule::AppsBalance, Rule::AppsOutcomeSum, Rule::AppsColumnSum];

/// The lines of table 三 in a rendering: from its heading to table 四's.
fn in_table_3(lines: &[String]) -> std::ops::Range<usize> {
    let start = lines
        .iter()
        .position(|l| l.contains("收到和处理政府信息公开申请情况"));
    let end = lines
        .iter()
        .position(|l| l.contains("行政复议、行政诉讼情况"));
    match (start, end) {
        (Some(s), Some(e)) if s < e => s + 1..e,
        _ => 0..0,
    }
}

fn is_header(line: &str) -> bool {
    ["自然人", "商业企业", "勾稽关系"]
        .iter()
        .any(|k| line.contains(k))
}

/// Splits a tab-separated data row into its label text and its numbers.
fn label_and_numbers(line: &str) -> Option<(String, Vec<String>)> {
    let cells: Vec<&str> = line.split('\t').collect();
    let first_number = cells.iter().position(|c| c.parse::<i64>().is_ok())?;
    let label = cells[..first_number].concat();
    let numbers = cells[first_number..]
        .iter()
        .map(|c| c.to_string())
        .collect();
    Some((label, numbers))
}

fn degrade_line(line: &str, damage: Damage) -> String {
    if is_header(line) {
        return match damage {
            Damage::HeaderDropped => String::new(),
            Damage::ColumnHeadingLost => line.replace("法律服务机构", ""),
            _ => line.to_string(),
        };
    }
    let Some((label, numbers)) = label_and_numbers(line) else {
        return line.to_string();
    };
    match damage {
        Damage::RunTogether => format!("{label}{}", numbers.concat()),
        Damage::SpacesMisaligned(seed) => {
            let digits: Vec<char> = numbers.concat().chars().collect();
            let mut out = label;
            for (i, d) in digits.iter().enumerate() {
                if i > 0 && (i * 7 + usize::from(seed)) % 3 == 0 {
                    out.push(' ');
                }
                out.push(*d);
            }
            out
        }
        _ => line.to_string(),
    }
}

fn degraded_text(report: &AnnualReport, damage: Damage) -> String {
    if let Damage::MarkdownSplitLabels = damage {
        return split_markdown_labels(&render(report, &[], Target::Markdown));
    }
    let text = render(report, &[], Target::Text);
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let table = in_table_3(&lines);
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if table.contains(&i) {
                degrade_line(l, damage)
            } else {
                l.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// OCR Markdown: each long row label broken over two cells, header rows merged into one.
fn split_markdown_labels(md: &str) -> String {
    let lines: Vec<String> = md.lines().map(str::to_string).collect();
    let table = in_table_3(&lines);
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !table.contains(&i) || !line.starts_with('|') {
            out.push(line.clone());
            continue;
        }
        let mut cells: Vec<String> = line.split('|').map(|c| c.trim().to_string()).collect();
        if let Some(at) = cells.iter().position(|c| c.chars().count() >= 8) {
            let chars: Vec<char> = cells[at].chars().collect();
            let half = chars.len() / 2;
            cells[at] = chars[..half].iter().collect();
            cells.insert(at + 1, chars[half..].iter().collect());
        }
        out.push(cells.join(" | ").trim().to_string());
    }
    out.join("\n")
}

fn table_3(r: &AnnualReport) -> Vec<Option<Number>> {
    let rows = r.format.application_rows().len();
    (0..rows)
        .flat_map(|i| (0..7).map(move |c| (i, c)))
        .map(|(i, c)| r.application_value(i, c))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_degraded_consistent_report_is_read_right_or_unverifiable(report in consistent_report(), damage in damage()) {
        prop_assume!(report.applications.is_some());
        let parsed = gongkai_report::parse_str(&degraded_text(&report, damage));
        let findings = parsed.findings(None);
        let accused: Vec<_> = findings.iter().filter(|f| APP_RULES.contains(&f.rule)).collect();
        prop_assert!(accused.is_empty(), "{:?}: a consistent report accused: {:?}", damage, accused);
        let verdicts = parsed.verdicts(None, &findings);
        let all_pass = verdicts.iter().filter(|(r, _)| APP_RULES.contains(r)).all(|(_, v)| *v == Verdict::Pass);
        if all_pass {
            let (got, want) = (table_3(&parsed.report), table_3(&report));
            let wrong = got.iter().zip(&want).position(|(a, b)| a != b);
            prop_assert!(wrong.is_none(), "{:?}: passed, but cell {:?} (row, col) read {:?} for {:?}", damage,
                wrong.map(|k| (k / 7, k % 7)), wrong.map(|k| got[k]), wrong.map(|k| want[k]));
        }
    }

    #[test]
    fn a_planted_error_is_found_in_a_degraded_copy_while_the_reading_is_certain(
        report in consistent_report(), damage in damage(), row in 0usize..25, col in 0usize..6, add in 1i64..9,
    ) {
        let mut report: AnnualReport = report;
        let Some(grid) = report.applications.as_mut() else { return Ok(()) };
        let row = row % grid.rows();
        prop_assume!(grid.has_row(row) && grid.has_col(col));
        let value = grid.cell(row, col).value().unwrap_or_default();
        grid.set(row, col, Cell::Number(value + Number::from_int(add)));
        let parsed = gongkai_report::parse_str(&degraded_text(&report, damage));
        let findings = parsed.findings(None);
        let verdicts = parsed.verdicts(None, &findings);
        let app = |v: Verdict| verdicts.iter().any(|(r, x)| APP_RULES.contains(r) && *x == v);
        prop_assert!(app(Verdict::Fail) || app(Verdict::Unverifiable), "{:?}: the planted error passed", damage);
    }
}
