//! Whatever we render, we read back to the same report (issue: report engine, renderers).

use crate::generate::any_report;
use crate::report_fixtures;
use gongkai_domain::report::AnnualReport;
use gongkai_report::render::{Target, render};
use gongkai_report::{Parsed, parse, parse_str};
use proptest::prelude::*;

/// Where two reports first differ, for a readable failure.
pub(crate) fn difference(a: &AnnualReport, b: &AnnualReport) -> String {
    let tables = [
        ("二", &a.proactive, &b.proactive),
        ("三", &a.applications, &b.applications),
        ("四", &a.appeals, &b.appeals),
    ];
    for (name, x, y) in tables {
        match (x, y) {
            (Some(x), Some(y)) => {
                for ((r, c, p), (_, _, q)) in x.iter().zip(y.iter()) {
                    if p != q {
                        return format!("table {name} ({r},{c}): {p:?} vs {q:?}");
                    }
                }
                if x != y {
                    return format!("table {name} rows/columns present differ");
                }
            }
            (x, y) if x.is_some() != y.is_some() => {
                return format!("table {name} present: {} vs {}", x.is_some(), y.is_some());
            }
            _ => {}
        }
    }
    format!(
        "header or sections: {:?} vs {:?}",
        (&a.title, &a.agency, a.year, &a.preamble),
        (&b.title, &b.agency, b.year, &b.preamble)
    )
}

const TARGETS: [Target; 4] = [Target::Json, Target::Markdown, Target::Html, Target::Text];

fn round_trip(report: &AnnualReport, target: Target) -> AnnualReport {
    parse_str(&render(report, &[], target)).report
}

#[test]
fn every_fixture_round_trips_through_every_rendering() {
    for path in report_fixtures() {
        let report = parse(&std::fs::read(&path).expect("fixture")).report;
        for target in TARGETS {
            let back = round_trip(&report, target);
            assert_eq!(
                back,
                report,
                "{} via {target:?}:\n{}",
                path.display(),
                render(&report, &[], target)
            );
        }
    }
}

#[test]
fn json_keeps_the_parse_diagnostics() {
    for path in report_fixtures() {
        let parsed = parse(&std::fs::read(&path).expect("fixture"));
        let back = parse_str(&render(&parsed.report, &parsed.diagnostics, Target::Json));
        assert_eq!(back.diagnostics, parsed.diagnostics, "{}", path.display());
    }
}

proptest! {

    #[test]
    fn any_report_round_trips_through_json_markdown_html_and_text(report in any_report()) {
        for target in TARGETS {
            let back = round_trip(&report, target);
            prop_assert!(back == report, "via {:?}: {}\n{}", target, difference(&back, &report), render(&report, &[], target));
        }
    }
}

/// Every fixture, written by `write` and parsed again, is read as `kind` and gives back the same
/// report.
fn every_fixture_round_trips(kind: gongkai_report::InputKind, write: impl Fn(&Parsed) -> Vec<u8>) {
    for path in report_fixtures() {
        let parsed = parse(&std::fs::read(&path).expect("fixture"));
        let back = parse(&write(&parsed));
        assert_eq!(back.input, kind);
        assert!(
            back.report == parsed.report,
            "{} via {kind:?}: {}",
            path.display(),
            difference(&back.report, &parsed.report)
        );
    }
}

/// report → XLSX → parse gives back the same report, for every fixture.
#[test]
fn every_fixture_round_trips_through_xlsx() {
    every_fixture_round_trips(gongkai_report::InputKind::Xlsx, |p| {
        gongkai_report::xlsx::write(&p.report, &p.diagnostics).expect("xlsx")
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_report_round_trips_through_xlsx(report in any_report()) {
        let back = parse(&gongkai_report::xlsx::write(&report, &[]).expect("xlsx")).report;
        prop_assert!(back == report, "{}", difference(&back, &report));
    }
}

/// report → DOCX → parse gives back the same report, for every fixture.
#[test]
fn every_fixture_round_trips_through_docx() {
    every_fixture_round_trips(gongkai_report::InputKind::Docx, |p| {
        gongkai_report::docx::write(&p.report).expect("docx")
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_report_round_trips_through_docx(report in any_report()) {
        let back = parse(&gongkai_report::docx::write(&report).expect("docx")).report;
        prop_assert!(back == report, "{}", difference(&back, &report));
    }
}
