//! Checker tests on hand-built reports. Parsing real reports is tested in gongkai-report.

use super::*;
use crate::report::layout::APPLICANT_COLUMNS;
use crate::report::{AnnualReport, Cell, Format, Number, Section, SectionKind};

fn consistent() -> AnnualReport {
    let mut r = AnnualReport::new(Format::Current2021);
    r.year = Some(2025);
    r.sections = SectionKind::ALL
        .iter()
        .map(|k| Section::official(*k, ""))
        .collect();
    r.proactive = Some(r.empty_proactive());
    for (i, row) in Format::Current2021.proactive_rows().iter().enumerate() {
        for c in 0..row.columns.len() {
            r.proactive
                .as_mut()
                .unwrap()
                .set(i, c, Cell::Number(Number::ZERO));
        }
    }
    let mut apps = r.empty_applications();
    let rows = Format::Current2021.application_rows();
    let mut set_row = |key: &str, values: [i64; 6]| {
        let i = rows.iter().position(|r| r.key == key).unwrap();
        for (c, v) in values.iter().enumerate() {
            apps.set(i, c, Cell::Number(Number::from_int(*v)));
        }
        apps.set(i, 6, Cell::Number(Number::from_int(values.iter().sum())));
    };
    for row in rows {
        set_row(row.key, [0; 6]);
    }
    set_row("new", [10, 2, 0, 0, 1, 0]);
    set_row("carried_in", [1, 0, 0, 0, 0, 0]);
    set_row("granted", [6, 1, 0, 0, 1, 0]);
    set_row("unable_not_held", [3, 0, 0, 0, 0, 0]);
    set_row("total", [9, 1, 0, 0, 1, 0]);
    set_row("carried_out", [2, 1, 0, 0, 0, 0]);
    r.applications = Some(apps);
    let mut appeals = AnnualReport::empty_appeals();
    for g in 0..3 {
        for c in 0..5 {
            appeals.set(g, c, Cell::Number(Number::ZERO));
        }
    }
    r.appeals = Some(appeals);
    r
}

fn rules(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.rule.code()).collect()
}

#[test]
fn a_consistent_report_has_no_findings() {
    assert_eq!(rules(&check(&consistent(), None)), Vec::<&str>::new());
}

#[test]
fn art50_balance_is_checked_per_column() {
    let mut r = consistent();
    let carried_out = 24;
    r.applications
        .as_mut()
        .unwrap()
        .set(carried_out, 0, Cell::Number(Number::from_int(3)));
    let found = rules(&check(&r, None));
    assert!(found.contains(&"apps-balance"), "{found:?}");
    assert!(found.contains(&"apps-column-sum"), "{found:?}");
}

#[test]
fn blank_total_beside_nonzero_cells_is_derived_and_warned_once() {
    let mut r = consistent();
    let granted = 2;
    r.applications
        .as_mut()
        .unwrap()
        .set(granted, 6, Cell::Text(String::new()));
    let findings = check(&r, None);
    let blank: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == Rule::CellsBlank)
        .collect();
    assert_eq!(blank.len(), 2, "{findings:?}");
    assert!(
        findings.iter().all(|f| f.severity != Severity::Error),
        "{findings:?}"
    );
}

#[test]
fn carryover_must_match_last_years_carried_out() {
    let previous = consistent();
    let mut r = consistent();
    r.applications
        .as_mut()
        .unwrap()
        .set(1, 0, Cell::Number(Number::from_int(2)));
    let found = rules(&check(&r, Some(&previous)));
    assert!(found.contains(&"cross-year-carryover"), "{found:?}");
}

#[test]
fn narrative_numbers_are_compared_with_the_tables() {
    let mut r = consistent();
    r.sections[0].text = "本年共收到政府信息公开申请17件，答复11件。".into();
    let findings = check(&r, None);
    let mismatches: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == Rule::NarrativeMismatch)
        .collect();
    assert_eq!(mismatches.len(), 1, "{findings:?}");
    assert!(mismatches[0].message.contains("17"));
}

#[test]
fn every_applicant_column_has_a_key() {
    assert_eq!(APPLICANT_COLUMNS.len(), 7);
}
