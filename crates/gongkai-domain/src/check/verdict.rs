//! One verdict per rule: 通过, 不通过, 无法核对 or 不适用. A rule is 通过 only when every cell
//! it needs was read and read with certainty; a partial capture or a reading in doubt never
//! passes silently.

use super::{Finding, Rule, Table};
use crate::report::layout::AppRowKind;
use crate::report::{AnnualReport, CellKind, Grid};

/// What the checker can say about one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// 通过: checked, and it holds.
    Pass,
    /// 不通过: checked, and it does not hold (its findings say where).
    Fail,
    /// 无法核对: the cells it needs are missing or their reading is in doubt.
    Unverifiable,
    /// 不适用: the rule does not apply (a cross-year rule without last year's report).
    NotApplicable,
}

impl Verdict {
    /// Stable code: `pass`, `fail`, `unverifiable`, `not-applicable`.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Unverifiable => "unverifiable",
            Verdict::NotApplicable => "not-applicable",
        }
    }

    /// Chinese name for people.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "通过",
            Verdict::Fail => "不通过",
            Verdict::Unverifiable => "无法核对",
            Verdict::NotApplicable => "不适用",
        }
    }

    /// Every state, in the order reports show them.
    pub const ALL: [Verdict; 4] = [
        Verdict::Pass,
        Verdict::Fail,
        Verdict::Unverifiable,
        Verdict::NotApplicable,
    ];
}

/// True for the rules a report is checked against (not the parser's `parse-*` notes).
pub fn is_checked_rule(rule: Rule) -> bool {
    !rule.code().starts_with("parse-")
}

/// The verdict on every checked rule, in rule order, given all findings (the parser's
/// diagnostics included: a truncated capture cannot pass the format rules).
pub fn verdicts(
    r: &AnnualReport,
    previous: Option<&AnnualReport>,
    findings: &[Finding],
) -> Vec<(Rule, Verdict)> {
    let incomplete = findings
        .iter()
        .any(|f| matches!(f.rule, Rule::ParseTruncated | Rule::ParseUnreadable));
    Rule::ALL
        .iter()
        .copied()
        .filter(|rule| is_checked_rule(*rule))
        .map(|rule| (rule, verdict(rule, r, previous, findings, incomplete)))
        .collect()
}

fn verdict(
    rule: Rule,
    r: &AnnualReport,
    previous: Option<&AnnualReport>,
    findings: &[Finding],
    incomplete: bool,
) -> Verdict {
    if findings.iter().any(|f| f.rule == rule) {
        return Verdict::Fail;
    }
    let cross_year = matches!(
        rule,
        Rule::CrossYearCarryover | Rule::CrossYearValidDocs | Rule::CrossYearIdentical
    );
    let supported = match (cross_year, previous) {
        (true, None) => return Verdict::NotApplicable,
        (true, Some(p)) => cross_year_supported(rule, r, p),
        (false, _) => supported(rule, r, incomplete),
    };
    if supported {
        Verdict::Pass
    } else {
        Verdict::Unverifiable
    }
}

fn supported(rule: Rule, r: &AnnualReport, incomplete: bool) -> bool {
    match rule {
        Rule::AppsColumnSum => apps_column_sum_supported(r, incomplete),
        Rule::AppsOutcomeSum => apps_rows_ready(r, incomplete, |k| {
            matches!(k, AppRowKind::Outcome(_) | AppRowKind::Total)
        }),
        Rule::AppsBalance => apps_rows_ready(r, incomplete, |k| {
            matches!(
                k,
                AppRowKind::New
                    | AppRowKind::CarriedIn
                    | AppRowKind::Total
                    | AppRowKind::CarriedOut
            )
        }),
        Rule::AppealsSum => appeals_ready(r),
        Rule::ValueInvalid | Rule::CellsBlank => tables_complete(r, incomplete),
        Rule::NarrativeMismatch => {
            apps_rows_ready(r, incomplete, |k| k == AppRowKind::New) || appeals_ready(r)
        }
        Rule::YearMismatch | Rule::FormatObsolete => r.year.is_some(),
        Rule::ScopeMismatch => r.agency.is_some() && r.proactive.is_some(),
        _ => !incomplete,
    }
}

fn cross_year_supported(rule: Rule, r: &AnnualReport, previous: &AnnualReport) -> bool {
    match rule {
        Rule::CrossYearCarryover => {
            apps_rows_ready(r, false, |k| k == AppRowKind::CarriedIn)
                && apps_rows_ready(previous, false, |k| k == AppRowKind::CarriedOut)
        }
        Rule::CrossYearValidDocs => r.proactive.is_some() && previous.proactive.is_some(),
        _ => true,
    }
}

/// Every cell of the row holds something the arithmetic can use (a number, a blank, a
/// placeholder) in each column the table has.
fn row_read(grid: &Grid, row: usize) -> bool {
    grid.has_row(row)
        && (0..grid.cols())
            .filter(|&c| grid.has_col(c))
            .all(|c| grid.cell(row, c).kind() != CellKind::Missing)
}

/// The wanted rows of table 三 were all read with certainty. A row the report itself lacks
/// (`format-missing-row`) does not stop the check, unless the capture is incomplete: then the
/// row may simply lie beyond where the copy stops.
fn apps_rows_ready(
    r: &AnnualReport,
    incomplete: bool,
    wanted: impl Fn(AppRowKind) -> bool,
) -> bool {
    let Some(grid) = &r.applications else {
        return false;
    };
    let ready = |i: usize| {
        if grid.has_row(i) {
            row_read(grid, i) && !r.doubtful(Table::Applications, i)
        } else {
            !incomplete
        }
    };
    let rows = r.format.application_rows();
    let mut wanted_rows = (0..rows.len()).filter(|&i| wanted(rows[i].kind)).peekable();
    wanted_rows.peek().is_some() && wanted_rows.all(ready)
}

fn apps_column_sum_supported(r: &AnnualReport, incomplete: bool) -> bool {
    let has_total = r
        .applications
        .as_ref()
        .is_some_and(|g| g.has_col(crate::report::layout::TOTAL_COLUMN));
    has_total && apps_rows_ready(r, incomplete, |_| true)
}

fn appeals_ready(r: &AnnualReport) -> bool {
    let Some(grid) = &r.appeals else {
        return false;
    };
    (0..grid.rows()).all(|g| row_read(grid, g) && !r.doubtful(Table::Appeals, g))
}

fn tables_complete(r: &AnnualReport, incomplete: bool) -> bool {
    let proactive = r.proactive.is_some();
    proactive && !incomplete && apps_rows_ready(r, incomplete, |_| true) && appeals_ready(r)
}

/// The first line a person reads about a report whose table 三 could not be read (or only in
/// part): which of its rules could not be checked. `None` when table 三's rules were checked.
pub fn unchecked_summary(verdicts: &[(Rule, Verdict)]) -> Option<String> {
    let unchecked: Vec<&str> = verdicts
        .iter()
        .filter(|(rule, v)| {
            *v == Verdict::Unverifiable
                && matches!(
                    rule,
                    Rule::AppsColumnSum | Rule::AppsOutcomeSum | Rule::AppsBalance
                )
        })
        .map(|(rule, _)| rule.code())
        .collect();
    (!unchecked.is_empty()).then(|| {
        format!(
            "表三未能完整、确定地读取，以下勾稽关系无法核对：{}（“错误0个”不表示通过）",
            unchecked.join("、")
        )
    })
}
