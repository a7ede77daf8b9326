//! When an agency's own annual report may go public (issue 17): only for a finished year
//! (条例第五十条: the report covers the whole calendar year), and only with every section
//! written (no prompt text left for the public to read). Today is an argument.

use super::AnnualReport;
use crate::clock::Date;
use std::fmt;

/// The mark of a prompt the generated draft leaves for staff to replace.
pub const PROMPT: &str = "（由本机关填写";

/// Why a report cannot be published yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotReady {
    /// The year has not ended: the earliest day is 1 January of the next year.
    YearNotOver {
        /// The report's year.
        year: i32,
    },
    /// A section still holds the draft's prompt.
    Prompt {
        /// The section as printed (`五、存在的主要问题及改进情况`).
        section: String,
    },
}

impl NotReady {
    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            NotReady::YearNotOver { .. } => "report-year-not-over",
            NotReady::Prompt { .. } => "report-section-unwritten",
        }
    }
}

impl fmt::Display for NotReady {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotReady::YearNotOver { year } => write!(
                f,
                "{year}年度尚未结束，年度报告统计全年数据，最早于{}年1月1日发布",
                year + 1
            ),
            NotReady::Prompt { section } => {
                write!(f, "“{section}”仍是提示文字，请填写后再发布")
            }
        }
    }
}

/// Everything that keeps `report` of `year` from being published on `today` (empty: ready).
pub fn blockers(report: &AnnualReport, year: i32, today: Date) -> Vec<NotReady> {
    let mut out = Vec::new();
    if today.year() <= year {
        out.push(NotReady::YearNotOver { year });
    }
    for s in report.sections.iter().filter(|s| s.text.contains(PROMPT)) {
        out.push(NotReady::Prompt {
            section: format!("{}、{}", numeral(s.kind.number()), s.title),
        });
    }
    out
}

fn numeral(n: u8) -> &'static str {
    ["一", "二", "三", "四", "五", "六"]
        .get(usize::from(n.saturating_sub(1)))
        .copied()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Format, Section, SectionKind};

    fn report(problems: &str) -> AnnualReport {
        let mut r = AnnualReport::new(Format::Current2021);
        r.sections = vec![Section::official(SectionKind::Problems, problems)];
        r
    }

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|_| unreachable!("a valid date"))
    }

    /// Issue 17: the 2026 report could be published on 2026-12-03 with the prompt on the public
    /// page; both are refused with their codes, and a finished, written report is ready.
    #[test]
    fn a_report_is_published_only_for_a_finished_year_and_fully_written() {
        let prompt = format!("{PROMPT}存在的主要问题及改进情况。）");
        let early = blockers(&report(&prompt), 2026, day("2026-12-03"));
        let codes: Vec<&str> = early.iter().map(NotReady::code).collect();
        assert_eq!(codes, ["report-year-not-over", "report-section-unwritten"]);
        assert!(early[0].to_string().contains("最早于2027年1月1日发布"));
        assert!(
            early[1]
                .to_string()
                .starts_with("“五、存在的主要问题及改进情况”"),
            "{}",
            early[1]
        );
        let written = report("主动公开的及时性有待提高，已建立每周更新制度。");
        assert!(blockers(&written, 2026, day("2027-01-01")).is_empty());
    }
}
