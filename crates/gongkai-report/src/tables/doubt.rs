//! When is a reading of table 三 in doubt? When some rows were read by guesswork (fewer or
//! more values than columns, values placed by position) and the table's own arithmetic does
//! not confirm them. Then the checker must not accuse from those rows: they are 无法核对, and
//! `parse-uncertain` names them. Guessed rows that the arithmetic confirms are not in doubt.

use super::{TableRead, diag};
use gongkai_domain::check::{Finding, Rule, Table, check};
use gongkai_domain::report::layout::AppRowKind;
use gongkai_domain::report::{AnnualReport, Format};

/// Rows whose line carries a note that its values did not fit the columns.
pub(super) fn noted_rows(diagnostics: &[Finding], row_lines: &[(usize, usize)]) -> Vec<usize> {
    rows_noted(
        diagnostics,
        row_lines,
        &[Rule::ParseExtraCells, Rule::ParsePositionAligned],
    )
}

/// Rows whose digits only the copy's spaces, not the arithmetic, split: the arithmetic may
/// hold for a wrong split too, so they stay in doubt even when it holds.
pub(super) fn hinted_rows(diagnostics: &[Finding], row_lines: &[(usize, usize)]) -> Vec<usize> {
    rows_noted(diagnostics, row_lines, &[Rule::ParseReadingChosen])
}

fn rows_noted(diagnostics: &[Finding], row_lines: &[(usize, usize)], rules: &[Rule]) -> Vec<usize> {
    diagnostics
        .iter()
        .filter(|d| rules.contains(&d.rule))
        .filter_map(|d| d.location.line)
        .flat_map(|line| row_lines.iter().filter(move |(_, l)| *l == line))
        .map(|(row, _)| *row)
        .collect()
}

/// Marks the guessed rows that an arithmetic error depends on as in doubt.
pub(super) fn decide(mut read: TableRead, format: Format) -> TableRead {
    if read.guessed.is_empty() && read.doubt.is_empty() {
        return read;
    }
    let mut report = AnnualReport::new(format);
    report.applications = read.grid.clone();
    let rows = format.application_rows();
    let mut doubt: Vec<usize> = check(&report, None)
        .iter()
        .flat_map(|f| involved(f, format))
        .filter(|row| read.guessed.contains(row))
        .chain(read.doubt.iter().copied())
        .collect();
    doubt.sort_unstable();
    doubt.dedup();
    if !doubt.is_empty() {
        let labels: Vec<&str> = doubt.iter().take(3).map(|&r| rows[r].label).collect();
        let line = read
            .diagnostics
            .first()
            .and_then(|d| d.location.line)
            .unwrap_or(0);
        read.diagnostics.push(diag(
            Rule::ParseUncertain,
            Table::Applications,
            line,
            format!(
                "表三「{}」{}{}行的读法不能确定（行内数值少于或多于列数、按位置对齐，\
                 或连在一起的数字只能按原文的空格拆分），表格自身的勾稽关系也不能证实；\
                 依赖这些行的勾稽关系无法核对，不据此报错",
                labels.join("」「"),
                if doubt.len() > 3 { "等" } else { "共" },
                doubt.len(),
            ),
        ));
    }
    read.doubt = doubt;
    read
}

/// The rows of table 三 an arithmetic finding rests on.
fn involved(f: &Finding, format: Format) -> Vec<usize> {
    let rows = format.application_rows();
    let of = |keep: &dyn Fn(AppRowKind) -> bool| -> Vec<usize> {
        (0..rows.len()).filter(|&i| keep(rows[i].kind)).collect()
    };
    match f.rule {
        Rule::AppsColumnSum => f
            .location
            .row
            .as_deref()
            .and_then(|key| rows.iter().position(|r| r.key == key))
            .into_iter()
            .collect(),
        Rule::AppsOutcomeSum => of(&|k| matches!(k, AppRowKind::Outcome(_) | AppRowKind::Total)),
        Rule::AppsBalance => of(&|k| {
            matches!(
                k,
                AppRowKind::New
                    | AppRowKind::CarriedIn
                    | AppRowKind::Total
                    | AppRowKind::CarriedOut
            )
        }),
        _ => Vec::new(),
    }
}
