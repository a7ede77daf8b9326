//! Rules that compare a report with last year's (regulations.md §3.2, §3.6).

use super::{Finding, Location, Rule, Table};
use crate::report::layout::{APPLICANT_COLUMNS, AppRowKind, Format};
use crate::report::{AnnualReport, Number, SectionKind};

pub(super) fn check(r: &AnnualReport, previous: &AnnualReport, out: &mut Vec<Finding>) {
    carryover(r, previous, out);
    valid_documents(r, previous, out);
    identical(r, previous, out);
}

fn row_of(r: &AnnualReport, kind: AppRowKind) -> Option<usize> {
    r.format
        .application_rows()
        .iter()
        .position(|row| row.kind == kind)
}

/// `cross-year-carryover`: this year's 二 = last year's 四, column by column.
fn carryover(r: &AnnualReport, previous: &AnnualReport, out: &mut Vec<Finding>) {
    let (Some(now), Some(before)) = (
        row_of(r, AppRowKind::CarriedIn),
        row_of(previous, AppRowKind::CarriedOut),
    ) else {
        return;
    };
    if r.doubtful(Table::Applications, now) || previous.doubtful(Table::Applications, before) {
        return;
    }
    for (c, column) in APPLICANT_COLUMNS.iter().enumerate() {
        let (Some(a), Some(b)) = (
            r.application_value(now, c),
            previous.application_value(before, c),
        ) else {
            continue;
        };
        if a != b {
            out.push(Finding::new(
                Rule::CrossYearCarryover,
                Location::table(Table::Applications)
                    .row("carried_in")
                    .column(column.key),
                format!(
                    "表三「{}」列：本年上年结转{a}件，但上年报告结转下年度{b}件",
                    column.label
                ),
            ));
        }
    }
}

/// `cross-year-valid-docs`: 现行有效 = last year's + 制发 − 废止 (2021 format, both years).
fn valid_documents(r: &AnnualReport, previous: &AnnualReport, out: &mut Vec<Finding>) {
    if r.format != Format::Current2021 || previous.format != Format::Current2021 {
        return;
    }
    let (Some(now), Some(before)) = (&r.proactive, &previous.proactive) else {
        return;
    };
    for (i, row) in r.format.proactive_rows().iter().enumerate().take(2) {
        let (Some(issued), Some(abolished), Some(valid), Some(last)) = (
            now.value(i, 0),
            now.value(i, 1),
            now.value(i, 2),
            before.value(i, 2),
        ) else {
            continue;
        };
        let expected = last + issued - abolished;
        if valid != expected {
            out.push(Finding::new(
                Rule::CrossYearValidDocs,
                Location::table(Table::Proactive).row(row.key).column("valid"),
                format!(
                    "表二「{}」：现行有效{valid}件，上年现行有效{last} + 本年制发{issued} − 本年废止{abolished} = {expected}；如有到期失效等情况，请在正文说明",
                    row.label
                ),
            ));
        }
    }
}

/// `cross-year-identical`: the same non-zero tables, or (almost) the same overview text.
fn identical(r: &AnnualReport, previous: &AnnualReport, out: &mut Vec<Finding>) {
    let same_tables = r.applications.is_some()
        && r.applications == previous.applications
        && r.appeals == previous.appeals
        && r.applications.as_ref().is_some_and(|g| {
            g.iter()
                .any(|(_, _, c)| c.value().is_some_and(|n| n != Number::ZERO))
        });
    if same_tables {
        out.push(Finding::new(
            Rule::CrossYearIdentical,
            Location::table(Table::Applications),
            "表三、表四的数字与上年报告完全相同",
        ));
    }
    for kind in [SectionKind::Overview, SectionKind::Problems] {
        let (Some(a), Some(b)) = (r.section(kind), previous.section(kind)) else {
            continue;
        };
        let similarity = similarity(&a.text, &b.text);
        if a.text.chars().count() >= 50 && similarity >= 0.9 {
            out.push(Finding::new(
                Rule::CrossYearIdentical,
                Location::section(kind.number()),
                format!(
                    "「{}」与上年报告的文字重复率约{:.0}%",
                    kind.title(),
                    similarity * 100.0
                ),
            ));
        }
    }
}

/// Jaccard similarity of the two texts' character bigrams.
pub(super) fn similarity(a: &str, b: &str) -> f64 {
    fn bigrams(s: &str) -> std::collections::HashSet<(char, char)> {
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    }
    let (a, b) = (bigrams(a), bigrams(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}
