//! 督查 of the subtree's 年度报告 (issue 16, part 2): for a chosen year, every subordinate
//! agency's published report checked with its previous year's (the cross-year rules), the
//! findings per agency, the agencies that have not published by 条例第四十九条's deadline,
//! and the regional roll-up of the reports that can be summed (those without errors, of the
//! year's format), with the agencies included and refused and why.

use crate::auth::Actor;
use crate::views::Agency;
use crate::{App, AppError, date_of_ms};
use gongkai_domain::check::{Finding, Severity, check};
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::Permission;
use gongkai_domain::report::{AnnualReport, aggregate};
use gongkai_store::reports::Snapshot;
use std::collections::HashMap;

/// One subordinate agency's report for the year.
#[derive(Debug, Clone)]
pub struct ReportLine {
    /// The agency.
    pub agency: Agency,
    /// 条例第四十九条's deadline for the year's report.
    pub due: Option<Date>,
    /// The first version's day, when published.
    pub published_on: Option<Date>,
    /// The version the public reads.
    pub version: Option<i64>,
    /// The checker's errors and warnings on that version, with last year's report.
    pub findings: Vec<Finding>,
    /// Whether last year's report was there to check against.
    pub with_previous: bool,
    /// The report, when published.
    pub report: Option<AnnualReport>,
}

impl ReportLine {
    /// Errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }

    /// Published after the deadline, or not published and the deadline passed `today`.
    pub fn late(&self, today: Date) -> bool {
        match (self.published_on, self.due) {
            (Some(on), Some(due)) => on > due,
            (None, Some(due)) => today > due,
            _ => false,
        }
    }

    /// Where it stands, in words.
    pub fn status(&self, today: Date) -> String {
        match (self.published_on, self.late(today)) {
            (Some(on), false) => format!("{on}按时发布"),
            (Some(on), true) => format!("{on}逾期发布"),
            (None, true) => "逾期未发布".into(),
            (None, false) => "尚未发布".into(),
        }
    }
}

/// The roll-up of the subtree's reports.
#[derive(Debug, Clone, Default)]
pub struct Rollup {
    /// The summed report (`None` when nothing could be summed).
    pub report: Option<AnnualReport>,
    /// The agencies summed.
    pub included: Vec<String>,
    /// The agencies whose published report was not summed, with the reason.
    pub refused: Vec<(String, String)>,
}

/// The subtree's reports of a year.
#[derive(Debug, Clone)]
pub struct SubtreeReports {
    /// The year.
    pub year: i32,
    /// Today.
    pub today: Date,
    /// One line per subordinate agency.
    pub lines: Vec<ReportLine>,
    /// The roll-up.
    pub rollup: Rollup,
}

impl SubtreeReports {
    /// The agencies without a report past their deadline.
    pub fn missing(&self) -> Vec<&ReportLine> {
        let late = |l: &&ReportLine| l.published_on.is_none() && l.late(self.today);
        self.lines.iter().filter(late).collect()
    }
}

type Latest = HashMap<i64, (Snapshot, Snapshot)>;

impl App {
    /// The reports of the supervisor's subordinate agencies for `year`.
    pub async fn subtree_reports(
        &self,
        actor: &Actor,
        year: i32,
    ) -> Result<SubtreeReports, AppError> {
        actor.require(Permission::Supervise)?;
        let agencies = self.store.subtree_agencies(actor.agency_id).await?;
        let this = self.year_reports(year).await?;
        let last = self.year_reports(year - 1).await?;
        let lines: Vec<ReportLine> = agencies
            .into_iter()
            .filter(|a| a.id != actor.agency_id)
            .map(|a| line(a.into(), year, &this, &last))
            .collect();
        Ok(SubtreeReports {
            rollup: rollup(&lines),
            year,
            today: self.today(),
            lines,
        })
    }

    async fn year_reports(&self, year: i32) -> Result<Latest, AppError> {
        let all = self.store.year_snapshots(i64::from(year)).await?;
        Ok(all.into_iter().map(|s| (s.0.agency_id, s)).collect())
    }
}

fn read(s: &Snapshot) -> Option<AnnualReport> {
    gongkai_report::json::read(&s.body).ok().map(|p| p.report)
}

fn line(agency: Agency, year: i32, this: &Latest, last: &Latest) -> ReportLine {
    let due = agency.kind.report_due(year);
    let published = this.get(&agency.id);
    let report = published.and_then(|(_, latest)| read(latest));
    let previous = last.get(&agency.id).and_then(|(_, l)| read(l));
    let findings = report
        .as_ref()
        .map(|r| check(r, previous.as_ref()))
        .unwrap_or_default()
        .into_iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    ReportLine {
        published_on: published.map(|(first, _)| date_of_ms(first.published_at)),
        version: published.map(|(_, latest)| latest.version),
        with_previous: previous.is_some(),
        agency,
        due,
        findings,
        report,
    }
}

/// Sums the published reports without errors, of the format most of them use.
fn rollup(lines: &[ReportLine]) -> Rollup {
    let mut out = Rollup::default();
    let published: Vec<(&ReportLine, &AnnualReport)> = lines
        .iter()
        .filter_map(|l| l.report.as_ref().map(|r| (l, r)))
        .collect();
    let format = majority(published.iter().map(|(_, r)| r.format));
    let mut summed = Vec::new();
    for (l, r) in published {
        let name = l.agency.name.clone();
        match (l.errors(), Some(r.format) == format) {
            (0, true) => {
                // The roll-up lists the agencies by their names on the platform.
                let mut r = r.clone();
                r.agency = Some(name.clone());
                summed.push(r);
                out.included.push(name);
            }
            (0, false) => out.refused.push((name, "格式与其他报告不同".into())),
            (n, _) => out
                .refused
                .push((name, format!("有{n}处错误，改正后才能汇总"))),
        }
    }
    out.report = aggregate(&summed).ok();
    out
}

fn majority<T: PartialEq + Copy>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(k, _)| *k == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(v, _)| v)
}
