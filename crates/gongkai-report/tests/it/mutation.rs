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
