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

fn has(findings: &[Finding], rule: Rule) -> bool {
    findings.iter().any(|f| f.rule == rule)
}

fn set(r: &mut AnnualReport, key: &str, col: usize, value: Cell) {
    let i = r
        .format
        .application_rows()
        .iter()
        .position(|x| x.key == key)
        .unwrap();
    r.applications.as_mut().unwrap().set(i, col, value);
}

#[test]
fn value_invalid_catches_negative_fractional_and_text_cells() {
    for bad in [
        Cell::Number(Number::from_int(-1)),
        Cell::Number(Number::parse("1.5").unwrap()),
        Cell::Text("若干".into()),
    ] {
        let mut r = consistent();
        set(&mut r, "rejected_repeated", 3, bad.clone());
        let findings = check(&r, None);
        let invalid: Vec<_> = findings
            .iter()
            .filter(|f| f.rule == Rule::ValueInvalid)
            .collect();
        assert_eq!(invalid.len(), 1, "{bad:?}: {findings:?}");
        assert_eq!(
            invalid[0].location.row.as_deref(),
            Some("rejected_repeated")
        );
        assert_eq!(
            invalid[0].location.column.as_deref(),
            Some("public_interest")
        );
    }
}

#[test]
fn a_2019_increase_or_decrease_may_be_negative() {
    let mut r = consistent();
    r.format = Format::Trial2019;
    r.year = Some(2019);
    r.applications = None;
    r.appeals = None;
    let mut grid = r.empty_proactive();
    grid.set(2, 1, Cell::Number(Number::from_int(-3)));
    r.proactive = Some(grid);
    assert!(!has(&check(&r, None), Rule::ValueInvalid));
}

#[test]
fn cells_blank_is_reported_once_per_table_with_the_count() {
    let mut r = consistent();
    for col in 1..5 {
        set(&mut r, "rejected_publication", col, Cell::Text("/".into()));
    }
    let blank: Vec<_> = check(&r, None)
        .into_iter()
        .filter(|f| f.rule == Rule::CellsBlank)
        .collect();
    assert_eq!(blank.len(), 1);
    assert!(blank[0].message.contains('4'), "{}", blank[0].message);
}

#[test]
fn missing_and_misordered_sections_are_format_warnings() {
    let mut r = consistent();
    r.sections.remove(4);
    r.sections.swap(0, 1);
    r.sections[2].numeral = 5;
    let findings = check(&r, None);
    assert!(has(&findings, Rule::FormatMissingSection));
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.rule == Rule::FormatSectionOrder)
            .count(),
        2
    );
    assert!(findings.iter().all(|f| f.severity != Severity::Error));
}

#[test]
fn trial_format_after_2020_and_the_2007_regulation_are_obsolete() {
    let mut r = consistent();
    r.format = Format::Trial2019;
    r.applications = None;
    r.year = Some(2023);
    assert!(has(&check(&r, None), Rule::FormatObsolete));
    let mut r = consistent();
    r.preamble = "本报告根据《中华人民共和国政府信息公开条例》（国务院令第492号）编制。".into();
    assert!(has(&check(&r, None), Rule::FormatObsolete));
}

#[test]
fn title_year_and_data_period_must_agree() {
    let mut r = consistent();
    r.title = Some("某县2025年政府信息公开工作年度报告".into());
    r.preamble = "本报告所列数据统计期限为2024年1月1日至2024年12月31日。".into();
    let found: Vec<_> = check(&r, None)
        .into_iter()
        .filter(|f| f.rule == Rule::YearMismatch)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("2024"));
}

#[test]
fn a_town_that_reports_regulations_is_out_of_scope() {
    let mut r = consistent();
    r.agency = Some("某县某镇人民政府".into());
    r.proactive
        .as_mut()
        .unwrap()
        .set(0, 0, Cell::Number(Number::from_int(2)));
    assert!(has(&check(&r, None), Rule::ScopeMismatch));
    r.agency = Some("某市人民政府".into());
    assert!(!has(&check(&r, None), Rule::ScopeMismatch));
}

#[test]
fn valid_documents_carry_over_from_last_year() {
    let mut previous = consistent();
    previous
        .proactive
        .as_mut()
        .unwrap()
        .set(1, 2, Cell::Number(Number::from_int(40)));
    let mut r = consistent();
    let grid = r.proactive.as_mut().unwrap();
    grid.set(1, 0, Cell::Number(Number::from_int(5)));
    grid.set(1, 1, Cell::Number(Number::from_int(2)));
    grid.set(1, 2, Cell::Number(Number::from_int(43)));
    assert!(!has(&check(&r, Some(&previous)), Rule::CrossYearValidDocs));
    r.proactive
        .as_mut()
        .unwrap()
        .set(1, 2, Cell::Number(Number::from_int(45)));
    assert!(has(&check(&r, Some(&previous)), Rule::CrossYearValidDocs));
}

#[test]
fn identical_tables_or_text_to_last_year_are_flagged() {
    let mut previous = consistent();
    previous.sections[0].text = "本机关认真落实政府信息公开工作要求，进一步规范主动公开和依申请公开工作流程，提升公开质量和群众满意度，全年工作平稳有序。".into();
    let mut r = previous.clone();
    set(&mut r, "carried_in", 0, Cell::Number(Number::from_int(2)));
    set(&mut r, "carried_in", 6, Cell::Number(Number::from_int(2)));
    set(&mut r, "new", 0, Cell::Number(Number::from_int(9)));
    set(&mut r, "new", 6, Cell::Number(Number::from_int(12)));
    let findings = check(&r, Some(&previous));
    assert!(
        findings
            .iter()
            .any(|f| f.rule == Rule::CrossYearIdentical && f.location.section == Some(1))
    );
    let same = check(&previous, Some(&previous));
    assert!(
        same.iter()
            .any(|f| f.rule == Rule::CrossYearIdentical && f.location.table.is_some())
    );
}

#[test]
fn narrative_denial_of_applications_contradicts_a_nonzero_table() {
    let mut r = consistent();
    r.sections[0].text = "（二）依申请公开：本年度未收到政府信息公开申请。".into();
    let findings = check(&r, None);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == Rule::NarrativeMismatch && f.message.contains("收到申请0件"))
    );
}

#[test]
fn narrative_fee_statements_must_not_contradict_each_other() {
    let mut r = consistent();
    r.sections[0].text = "全年收取信息处理费200元。".into();
    r.sections[5].text = "本年度未收取信息处理费。".into();
    assert!(has(&check(&r, None), Rule::NarrativeMismatch));
}

#[test]
fn narrative_appeal_counts_are_compared() {
    let mut r = consistent();
    r.sections[0].text = "全年发生政府信息公开行政复议3件，行政诉讼1件。".into();
    let mismatches = check(&r, None)
        .into_iter()
        .filter(|f| f.rule == Rule::NarrativeMismatch)
        .count();
    assert_eq!(mismatches, 2);
}

#[test]
fn narrative_appeal_results_are_compared_kind_by_kind() {
    let mut r = consistent();
    let grid = r.appeals.as_mut().unwrap();
    for (g, values) in [[2, 1, 0, 0, 3], [1, 0, 0, 0, 1], [0, 0, 0, 1, 1]]
        .iter()
        .enumerate()
    {
        for (c, v) in values.iter().enumerate() {
            grid.set(g, c, Cell::Number(Number::from_int(*v)));
        }
    }
    r.sections[0].text =
        "行政复议3件，其中结果维持2件，结果纠正1件；行政诉讼2件，其中结果维持1件，尚未审结1件。"
            .into();
    assert!(
        !has(&check(&r, None), Rule::NarrativeMismatch),
        "{:?}",
        check(&r, None)
    );
    r.sections[0].text = "行政复议3件，其中结果维持3件；行政诉讼2件，其中尚未审结2件。".into();
    let mismatches = check(&r, None)
        .into_iter()
        .filter(|f| f.rule == Rule::NarrativeMismatch)
        .count();
    assert_eq!(mismatches, 2);
}

/// Issue 18: the figures the text states about table 二 are compared with it, by name.
#[test]
fn narrative_figures_about_table_2_are_compared() {
    let mut r = consistent();
    let grid = r.proactive.as_mut().unwrap();
    grid.set(1, 2, Cell::Number(Number::from_int(89)));
    grid.set(2, 0, Cell::Number(Number::from_int(239)));
    r.sections[0].text = "现行有效规范性文件424件。全年作出行政许可239项。".into();
    let found: Vec<String> = check(&r, None)
        .into_iter()
        .filter(|f| f.rule == Rule::NarrativeMismatch)
        .map(|f| f.message)
        .collect();
    assert_eq!(found, ["正文称现行有效规范性文件424件，表格为89件"]);
}

/// Issue 18: a row whose reading is in doubt is never the ground of an arithmetic error, and
/// the rules that need it are 无法核对.
#[test]
fn a_doubtful_row_does_not_accuse_and_is_unverifiable() {
    let mut r = consistent();
    let rows = Format::Current2021.application_rows();
    let granted = rows.iter().position(|x| x.key == "granted").unwrap();
    r.applications
        .as_mut()
        .unwrap()
        .set(granted, 0, Cell::Number(Number::from_int(60)));
    assert!(
        check(&r, None)
            .iter()
            .any(|f| f.severity == Severity::Error)
    );
    r.doubt.push(crate::report::Doubt {
        table: Table::Applications,
        row: Some(granted),
    });
    let findings = check(&r, None);
    assert!(
        findings.iter().all(|f| f.severity != Severity::Error),
        "{findings:?}"
    );
    let verdicts = verdicts(&r, None, &findings);
    let of = |rule: Rule| verdicts.iter().find(|(x, _)| *x == rule).map(|(_, v)| *v);
    assert_eq!(of(Rule::AppsOutcomeSum), Some(Verdict::Unverifiable));
    assert_eq!(of(Rule::AppsColumnSum), Some(Verdict::Unverifiable));
    assert_eq!(of(Rule::AppsBalance), Some(Verdict::Pass));
    assert_eq!(of(Rule::CrossYearCarryover), Some(Verdict::NotApplicable));
}
