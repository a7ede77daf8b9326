//! Changing any one cell of a consistent report is always caught, by the right rule.

use crate::generate::consistent_report;
use gongkai_domain::check::{Rule, Severity, Table, check};
use gongkai_domain::report::layout::{APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS};
use gongkai_domain::report::{AnnualReport, Cell, Number};
use proptest::prelude::*;

#[derive(Clone, Copy, Debug)]
enum Change {
    Add(i64),
    Negative,
    Fraction,
    Text,
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        4 => prop_oneof![1i64..9, -9i64..-1].prop_map(Change::Add),
        1 => Just(Change::Negative),
        1 => Just(Change::Fraction),
        1 => Just(Change::Text),
    ]
}

fn apply(cell: &Cell, change: Change) -> Cell {
    let value = cell.value().unwrap_or_default();
    match change {
        Change::Add(d) => {
            let changed = value + Number::from_int(d);
            Cell::Number(if changed.is_negative() {
                value + Number::from_int(d.abs())
            } else {
                changed
            })
        }
        Change::Negative => Cell::Number(Number::ZERO - value - Number::from_int(1)),
        Change::Fraction => Cell::Number(value + Number::parse("0.5").unwrap_or_default()),
        Change::Text => Cell::Text("若干".into()),
    }
}

/// The rules that may rightly catch a change of this cell.
fn right_rules(change: Change) -> &'static [Rule] {
    match change {
        Change::Add(_) => &[
            Rule::AppsColumnSum,
            Rule::AppsOutcomeSum,
            Rule::AppsBalance,
            Rule::AppealsSum,
        ],
        _ => &[Rule::ValueInvalid],
    }
}

proptest! {

    #[test]
    fn consistent_reports_have_no_errors(report in consistent_report()) {
        let errors: Vec<_> = check(&report, None).into_iter().filter(|f| f.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
    }

    #[test]
    fn changing_one_cell_of_table_3_is_caught(report in consistent_report(), row in 0usize..25, col in 0usize..7, change in change()) {
        let mut report: AnnualReport = report;
        let row = row % report.format.application_rows().len();
        let grid = report.applications.as_mut().expect("table 三");
        let changed = apply(grid.cell(row, col), change);
        grid.set(row, col, changed);
        let key = report.format.application_rows()[row].key;
        let column = APPLICANT_COLUMNS[col].key;
        let caught = check(&report, None).into_iter().filter(|f| f.severity == Severity::Error).any(|f| {
            right_rules(change).contains(&f.rule)
                && f.location.table == Some(Table::Applications)
                && (f.location.row.as_deref() == Some(key) || f.location.column.as_deref() == Some(column))
        });
        prop_assert!(caught, "{} / {} changed by {:?} not caught", key, column, change);
    }

    #[test]
    fn changing_one_cell_of_table_4_is_caught(report in consistent_report(), group in 0usize..3, col in 0usize..5, change in change()) {
        let mut report: AnnualReport = report;
        let grid = report.appeals.as_mut().expect("table 四");
        let changed = apply(grid.cell(group, col), change);
        grid.set(group, col, changed);
        let key = APPEAL_GROUPS[group].0;
        let column = APPEAL_COLUMNS[col].key;
        let caught = check(&report, None).into_iter().any(|f| {
            f.severity == Severity::Error
                && right_rules(change).contains(&f.rule)
                && f.location.row.as_deref() == Some(key)
                && (f.rule == Rule::AppealsSum || f.location.column.as_deref() == Some(column))
        });
        prop_assert!(caught, "{} / {} changed by {:?} not caught", key, column, change);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// The roll-up of consistent reports is consistent, and each cell is the sum of the inputs.
    #[test]
    fn aggregate_is_the_cell_wise_sum(a in consistent_report(), b in consistent_report(), c in consistent_report()) {
        prop_assume!(b.format == a.format && c.format == a.format);
        let (mut b, mut c) = (b, c);
        b.year = a.year;
        c.year = a.year;
        let reports = [a, b, c];
        let sum = gongkai_domain::report::aggregate(&reports).expect("same year and format");
        let errors: Vec<_> = check(&sum, None).into_iter().filter(|f| f.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
        for row in 0..reports[0].format.application_rows().len() {
            for col in 0..7 {
                let expected: Number = reports.iter().filter_map(|r| r.application_value(row, col)).sum();
                prop_assert_eq!(sum.application_value(row, col), Some(expected));
            }
        }
    }
}

/// The number of new applications in a consistent report's table 三 (总计 of 一、本年新收).
fn new_applications(report: &AnnualReport) -> i64 {
    app_total(report, gongkai_domain::report::layout::AppRowKind::New)
}

fn app_total(report: &AnnualReport, kind: gongkai_domain::report::layout::AppRowKind) -> i64 {
    let rows = report.format.application_rows();
    let row = rows.iter().position(|r| r.kind == kind).expect("row");
    let n = report
        .application_value(row, gongkai_domain::report::layout::TOTAL_COLUMN)
        .expect("总计");
    n.to_string().parse().expect("a count")
}

proptest! {
    /// Issue 13: the narrative rules meet stated figures. A sentence stating the table's own
    /// count of new applications raises nothing; the same sentence with another count is a
    /// `narrative-mismatch` (the generators used to clear the narrative, so this never ran).
    #[test]
    fn a_stated_count_of_applications_is_compared_with_table_3(report in consistent_report(), off in 1i64..50) {
        let mut report: AnnualReport = report;
        let n = new_applications(&report);
        prop_assume!(!report.sections.is_empty());
        let section = 0;
        report.sections[section].text = format!("本年度共收到政府信息公开申请{n}件，均已按时答复。");
        let mismatch = |r: &AnnualReport| check(r, None).into_iter().any(|f| f.rule == Rule::NarrativeMismatch);
        prop_assert!(!mismatch(&report), "the true count {n} was called a mismatch");
        // 收到 may rightly count last year's carried-over applications too (平潭 2022).
        let with_carried = n + app_total(&report, gongkai_domain::report::layout::AppRowKind::CarriedIn);
        let mut carried = report.clone();
        carried.sections[section].text = format!("本年度共收到政府信息公开申请{with_carried}件。");
        prop_assert!(!mismatch(&carried), "new plus carried-over {with_carried} was called a mismatch");
        prop_assume!(n + off != with_carried);
        report.sections[section].text = format!("本年度共收到政府信息公开申请{}件，均已按时答复。", n + off);
        prop_assert!(mismatch(&report), "a wrong count {} was not caught", n + off);
    }

    /// Issue 13: a count of table 二 made negative, or fractional, is caught as
    /// `value-invalid` (columns that may be negative, 增减, or decimal, 万元, excepted).
    #[test]
    fn changing_one_cell_of_table_2_is_caught_when_invalid(report in consistent_report(), row in 0usize..20, col in 0usize..4, negative in any::<bool>()) {
        let mut report: AnnualReport = report;
        let rows = report.format.proactive_rows();
        let Some(grid) = report.proactive.as_mut() else { return Ok(()); };
        let strict = |i: usize, c: usize| rows.get(i).and_then(|r| r.columns.get(c)).is_some_and(|col| !col.signed && !col.decimal);
        let cells: Vec<(usize, usize)> = grid.iter().filter(|(i, c, cell)| matches!(cell, Cell::Number(_)) && strict(*i, *c)).map(|(i, c, _)| (i, c)).collect();
        prop_assume!(!cells.is_empty());
        let (i, c) = cells[(row * 4 + col) % cells.len()];
        let bad = if negative { Cell::Number(Number::from_int(-3)) } else { apply(&Cell::Number(Number::from_int(2)), Change::Fraction) };
        grid.set(i, c, bad);
        let findings = check(&report, None);
        prop_assert!(findings.iter().any(|f| f.rule == Rule::ValueInvalid && f.location.table == Some(Table::Proactive)), "{findings:?}");
    }
}
