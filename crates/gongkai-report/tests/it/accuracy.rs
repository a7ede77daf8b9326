//! Issue 18: accuracy over every real report in `test_data/reports` (the shared fixtures and
//! `more/`), against the ground truth of their README, kept as data in
//! `test_data/report-truth.json`. Prints the accuracy table and fails below 100 %.

use gongkai_domain::check::{Finding, Rule, Severity, Verdict};
use gongkai_domain::report::layout::APPEAL_GROUPS;
use gongkai_domain::report::{AnnualReport, Number};
use gongkai_report::Parsed;
use serde_json::Value;

/// Right / stated, per measure.
#[derive(Default)]
struct Score {
    cells: (usize, usize),
    arithmetic: (usize, usize),
    warnings: (usize, usize),
    partial: (usize, usize),
    chains: (usize, usize),
    misses: Vec<String>,
}

impl Score {
    fn count(&mut self, measure: fn(&mut Score) -> &mut (usize, usize), right: bool, miss: String) {
        let m = measure(self);
        m.1 += 1;
        if right {
            m.0 += 1;
        } else {
            self.misses.push(miss);
        }
    }
}

fn load(file: &str) -> (Parsed, Vec<Finding>) {
    let path = crate::test_data().join("reports").join(file);
    let parsed = gongkai_report::parse(&std::fs::read(&path).expect("fixture"));
    let findings = parsed.findings(None);
    (parsed, findings)
}

fn app_cell(r: &AnnualReport, key: &str, col: usize) -> Option<i64> {
    let i = r
        .format
        .application_rows()
        .iter()
        .position(|x| x.key == key)?;
    let grid = r.applications.as_ref()?;
    if !grid.has_col(col) || !grid.has_row(i) {
        return None;
    }
    r.application_value(i, col).and_then(Number::to_int)
}

fn appeal_cell(r: &AnnualReport, key: &str, col: usize) -> Option<i64> {
    let g = APPEAL_GROUPS.iter().position(|(k, _)| *k == key)?;
    r.appeal_value(g, col).and_then(Number::to_int)
}

/// Reads one cell of a table: (report, row key, column) → its value.
type CellReader = fn(&AnnualReport, &str, usize) -> Option<i64>;

fn cells(score: &mut Score, file: &str, r: &AnnualReport, truth: &Value) {
    let tables: [(&str, CellReader); 2] = [("rows", app_cell), ("appeals", appeal_cell)];
    for (field, read) in tables {
        let Some(rows) = truth[field].as_object() else {
            continue;
        };
        for (key, values) in rows {
            for (col, want) in values.as_array().into_iter().flatten().enumerate() {
                let got = read(r, key, col);
                score.count(
                    |s| &mut s.cells,
                    got == want.as_i64(),
                    format!("{file}: {key}[{col}] 读作 {got:?}，应为 {want}"),
                );
            }
        }
    }
    for (g, want) in truth["appeal_totals"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let got = appeal_cell(r, APPEAL_GROUPS[g].0, 4);
        score.count(
            |s| &mut s.cells,
            got == want.as_i64(),
            format!("{file}: 表四第{g}组总计读作 {got:?}，应为 {want}"),
        );
    }
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

fn verdicts(score: &mut Score, file: &str, parsed: &Parsed, findings: &[Finding], truth: &Value) {
    let mut errors: Vec<&str> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.code())
        .collect();
    errors.sort_unstable();
    errors.dedup();
    let want = strings(&truth["errors"]);
    let year_right = truth
        .get("year")
        .is_none_or(|y| y.as_i64() == parsed.report.year.map(i64::from));
    let format_right = truth["format"]
        .as_str()
        .is_none_or(|f| f == parsed.report.format.code());
    score.count(
        |s| &mut s.arithmetic,
        errors == want && year_right && format_right,
        format!(
            "{file}: 错误 {errors:?}，应为 {want:?}（年度、格式对：{year_right}、{format_right}）"
        ),
    );
    for warning in strings(&truth["warnings"]) {
        let found = findings.iter().any(|f| f.rule.code() == warning);
        score.count(
            |s| &mut s.warnings,
            found,
            format!("{file}: 未发现 {warning}"),
        );
    }
}

/// A partial capture: a diagnostic that it is incomplete, no table-三 rule passes, none
/// accuses from absent rows.
fn partial(score: &mut Score, file: &str, parsed: &Parsed, findings: &[Finding]) {
    let said = findings.iter().any(|f| {
        matches!(
            f.rule,
            Rule::ParseTruncated
                | Rule::ParseNoValues
                | Rule::FormatMissingTable
                | Rule::ParseUnreadable
        )
    });
    let verdicts = parsed.verdicts(None, findings);
    let passed: Vec<&str> = verdicts
        .iter()
        .filter(|(rule, v)| {
            *v == Verdict::Pass
                && matches!(
                    rule,
                    Rule::AppsBalance | Rule::AppsOutcomeSum | Rule::AppsColumnSum
                )
        })
        .map(|(rule, _)| rule.code())
        .collect();
    score.count(
        |s| &mut s.partial,
        said && passed.is_empty(),
        format!("{file}: 不完整的提示 {said}，却判为通过：{passed:?}"),
    );
}

fn chains(score: &mut Score, truth: &Value) {
    for chain in truth["chains"].as_array().into_iter().flatten() {
        let (prev, cur) = (
            chain["previous"].as_str().unwrap_or_default(),
            chain["current"].as_str().unwrap_or_default(),
        );
        let (previous, current) = (load(prev).0, load(cur).0);
        let findings = current.findings(Some(&previous.report));
        let flagged = findings.iter().any(|f| f.rule == Rule::CrossYearCarryover);
        let want = chain["carryover_error"].as_bool().unwrap_or_default();
        score.count(
            |s| &mut s.chains,
            flagged == want,
            format!("{prev} → {cur}: cross-year-carryover {flagged}，应为 {want}"),
        );
    }
}

fn percent((right, all): (usize, usize)) -> String {
    if all == 0 {
        return "–".into();
    }
    format!(
        "{right}/{all}（{:.1} %）",
        right as f64 * 100.0 / all as f64
    )
}

#[test]
fn every_real_report_reads_as_its_ground_truth_says() {
    let text = std::fs::read_to_string(crate::test_data().join("report-truth.json"))
        .expect("report-truth.json");
    let truth: Value = serde_json::from_str(&text).expect("truth.json is JSON");
    let mut score = Score::default();
    for entry in truth["reports"].as_array().expect("reports") {
        let file = entry["file"].as_str().expect("file");
        let (parsed, findings) = load(file);
        cells(&mut score, file, &parsed.report, entry);
        verdicts(&mut score, file, &parsed, &findings, entry);
        if entry["partial"].as_bool().unwrap_or_default() {
            partial(&mut score, file, &parsed, &findings);
        }
    }
    chains(&mut score, &truth);
    let rows = [
        ("key cells read right", score.cells),
        ("arithmetic verdicts right (reports)", score.arithmetic),
        ("expected warnings found", score.warnings),
        ("partial captures said so, never passed", score.partial),
        ("cross-year pairs right", score.chains),
    ];
    println!("| measure | right / stated |\n|---|---|");
    for (name, m) in rows {
        println!("| {name} | {} |", percent(m));
    }
    assert!(
        score.misses.is_empty(),
        "below 100 %:\n{}",
        score.misses.join("\n")
    );
}

/// Every file in the corpus is in the ground truth, so none is silently left out.
#[test]
fn the_ground_truth_covers_every_fixture() {
    let text = std::fs::read_to_string(crate::test_data().join("report-truth.json"))
        .expect("report-truth.json");
    let truth: Value = serde_json::from_str(&text).expect("truth.json is JSON");
    let listed: Vec<&str> = truth["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .filter_map(|e| e["file"].as_str())
        .collect();
    for path in crate::report_fixtures() {
        let name = path
            .strip_prefix(crate::test_data().join("reports"))
            .expect("under reports")
            .to_string_lossy()
            .into_owned();
        if name.ends_with("-gbk.html") {
            continue; // ours, not a shared fixture: its own test in fixtures.rs
        }
        assert!(
            listed.contains(&name.as_str()),
            "{name} has no ground truth"
        );
    }
}
