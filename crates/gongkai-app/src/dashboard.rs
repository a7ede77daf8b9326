//! 督查: the supervisor's dashboard of their agency's subtree, one row per agency, computed
//! from a fixed number of queries whatever the number of agencies (issue 16): the subtree's
//! agencies, its items' facts, its applications and their ledgers, and last year's reports.

use crate::auth::Actor;
use crate::ledger_codec::decode_all;
use crate::ratings::RatingSummary;
use crate::views::Agency;
use crate::{App, AppError, date_of_ms};
use gongkai_domain::check::{Severity, check};
use gongkai_domain::clock::{Calendar, Date, Event, State, Status, evaluate};
use gongkai_domain::disclosure::{ItemState, Permission, timeliness};
use gongkai_domain::rectification::NoticeState;
use gongkai_store::items::ItemFact;
use gongkai_store::reports::Snapshot;
use std::collections::HashMap;

/// An application whose answer is due within this many working days is "due soon".
pub const DUE_SOON_DAYS: i64 = 5;

/// Where an agency's report for last year stands (条例第四十九条).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportStatus {
    /// Not published, the deadline not passed.
    Pending {
        /// The deadline.
        due: Date,
    },
    /// Not published and the deadline passed.
    Missing {
        /// The deadline.
        due: Date,
    },
    /// Published (its first version) on `on`.
    Published {
        /// The first version's day.
        on: Date,
        /// The deadline.
        due: Date,
        /// Errors and warnings the checker finds in the version the public reads.
        errors: usize,
        /// Warnings.
        warnings: usize,
    },
}

impl ReportStatus {
    /// Published after the deadline, or missing past it.
    pub fn late(&self) -> bool {
        match self {
            ReportStatus::Pending { .. } => false,
            ReportStatus::Missing { .. } => true,
            ReportStatus::Published { on, due, .. } => on > due,
        }
    }
}

/// One agency's line of the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardRow {
    /// The agency.
    pub agency: Agency,
    /// Items published this year.
    pub published_year: usize,
    /// Items published this month.
    pub published_month: usize,
    /// Items published in each month of this year (January first).
    pub per_month: [usize; 12],
    /// Of this year's, published later than 条例第二十六条 allows.
    pub late: usize,
    /// Items waiting for 登记审核 or 审批.
    pub pending: usize,
    /// Applications open.
    pub open: usize,
    /// Open, the clock running, due within [`DUE_SOON_DAYS`] working days.
    pub due_soon: usize,
    /// Open past their due date.
    pub overdue: usize,
    /// The working days the overdue ones are late, added up.
    pub overdue_days: i64,
    /// Applications open and overdue at the end of each month of this year (the current
    /// month: today; later months: 0).
    pub overdue_per_month: [usize; 12],
    /// Answered (closed with one of table 三's outcomes) this year.
    pub answered: usize,
    /// Average working days from receipt to answer of those.
    pub average_days: Option<f64>,
    /// Last year's report.
    pub report: Option<ReportStatus>,
    /// 社会评议 this year.
    pub ratings: RatingSummary,
    /// 整改通知 of this supervisor not yet accepted, and of those the ones overdue.
    pub notices: (usize, usize),
    /// 栏目不更新: each watched column not updated for longer than the supervisor's limit,
    /// with the days since its last update (`None`: never).
    pub stale: Vec<(String, Option<i32>)>,
}

/// The dashboard: the year it counts, the report year, and the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    /// Today.
    pub today: Date,
    /// The year whose report is due now (last year).
    pub report_year: i32,
    /// One row per agency of the subtree, the supervisor's own first.
    pub rows: Vec<DashboardRow>,
}

impl App {
    /// The dashboard of the supervisor's agency and everything under it.
    pub async fn dashboard(&self, actor: &Actor) -> Result<Dashboard, AppError> {
        actor.require(Permission::Supervise)?;
        let root = actor.agency_id;
        let agencies = self.store.subtree_agencies(root).await?;
        let today = self.today();
        let since = format!("{:04}-01-01", today.year());
        let facts = by_agency(self.store.subtree_item_facts(root, &since).await?, |f| {
            f.agency_id
        });
        let statuses = by_agency(self.subtree_statuses(root, &since).await?, |s| s.0);
        let report_year = today.year() - 1;
        let reports = self.store.year_snapshots(i64::from(report_year)).await?;
        let reports: HashMap<i64, (Snapshot, Snapshot)> =
            reports.into_iter().map(|r| (r.0.agency_id, r)).collect();
        let ratings: HashMap<i64, RatingSummary> =
            self.rating_summaries().await?.into_iter().collect();
        let notices = self.store.notices_from(root).await?;
        let settings = self.settings(root).await?;
        let updates = self
            .store
            .subtree_column_updates(root, &settings.watched())
            .await?;
        let rows = agencies.into_iter().map(|a| {
            let agency: Agency = a.into();
            let own: Vec<&ItemFact> = facts.get(&agency.id).into_iter().flatten().collect();
            let cases: Vec<&(Vec<Event>, Status)> = statuses
                .get(&agency.id)
                .into_iter()
                .flatten()
                .map(|(_, s)| s)
                .collect();
            let report = report_status(&agency, report_year, today, reports.get(&agency.id));
            let rated = ratings.get(&agency.id).copied().unwrap_or_default();
            let pending = notices
                .iter()
                .filter(|n| n.agency_id == agency.id && n.state != NoticeState::Accepted);
            let overdue = pending.clone().filter(|n| n.state.overdue(n.due_on, today));
            let counts = (pending.count(), overdue.count());
            let stale = stale_columns(&settings, agency.id, &updates, today);
            let mut row = self.dashboard_row(agency, &own, &cases, report);
            row.ratings = rated;
            row.notices = counts;
            row.stale = stale;
            row
        });
        Ok(Dashboard {
            today,
            report_year,
            rows: rows.collect(),
        })
    }

    /// The applications of the subtree open at some time since `since`, evaluated today:
    /// (agency, (events, status)).
    async fn subtree_statuses(
        &self,
        root: i64,
        since: &str,
    ) -> Result<Vec<(i64, (Vec<Event>, Status))>, AppError> {
        let mut ledgers = self.store.subtree_case_events(root, since).await?;
        let mut out = Vec::new();
        for case in self.store.subtree_cases(root, since).await? {
            let rows = ledgers.remove(&case.id).unwrap_or_default();
            let events = decode_all(case.id, &rows, case.channel)?;
            let status = evaluate(&events, &self.calendar(), self.today())?;
            out.push((case.agency_id, (events, status)));
        }
        Ok(out)
    }

    fn dashboard_row(
        &self,
        agency: Agency,
        facts: &[&ItemFact],
        cases: &[&(Vec<Event>, Status)],
        report: Option<ReportStatus>,
    ) -> DashboardRow {
        let today = self.today();
        let published: Vec<(Option<Date>, Date)> = facts
            .iter()
            .filter_map(|f| f.published_on.map(|p| (f.written_on, p)))
            .filter(|(_, p)| p.year() == today.year())
            .collect();
        let late = published
            .iter()
            .filter(|(w, p)| w.is_some_and(|w| timeliness(w, Some(*p), *p, &self.calendar()).late));
        let pending = facts.iter().filter(|f| {
            matches!(
                f.state,
                ItemState::PendingRegistration | ItemState::PendingApproval
            )
        });
        let open: Vec<&Status> = cases
            .iter()
            .map(|(_, s)| s)
            .filter(|s| !matches!(s.state, State::Closed(_)))
            .collect();
        let overdue: Vec<&&Status> = open.iter().filter(|s| s.overdue).collect();
        let answered: Vec<u32> = cases
            .iter()
            .filter_map(|(events, s)| answered_in(events, today.year()).map(|_| s.used))
            .collect();
        let mut per_month = [0; 12];
        for (_, p) in &published {
            per_month[(p.month() as usize).clamp(1, 12) - 1] += 1;
        }
        let mut overdue_per_month = [0; 12];
        for (m, day) in month_ends(today).into_iter().enumerate() {
            overdue_per_month[m] = cases
                .iter()
                .filter(|(events, s)| overdue_at(events, s, day, &self.calendar()))
                .count();
        }
        DashboardRow {
            per_month,
            overdue_per_month,
            published_month: published
                .iter()
                .filter(|(_, p)| p.month() == today.month())
                .count(),
            published_year: published.len(),
            late: late.count(),
            pending: pending.count(),
            due_soon: open
                .iter()
                .filter(|s| s.due.is_some() && !s.overdue && s.left <= DUE_SOON_DAYS)
                .count(),
            open: open.len(),
            overdue_days: overdue.iter().map(|s| -s.left.min(0)).sum(),
            overdue: overdue.len(),
            average_days: (!answered.is_empty())
                .then(|| f64::from(answered.iter().sum::<u32>()) / answered.len() as f64),
            answered: answered.len(),
            report,
            agency,
            ratings: RatingSummary::default(),
            notices: (0, 0),
            stale: Vec::new(),
        }
    }
}

/// Rows grouped by their agency, once (not one pass over every row per agency).
pub(crate) fn by_agency<T>(rows: Vec<T>, agency: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    for row in rows {
        out.entry(agency(&row)).or_default().push(row);
    }
    out
}

/// The last day of each month of `today`'s year up to today (today for the current month).
fn month_ends(today: Date) -> Vec<Date> {
    let year = today.year();
    (1..=today.month())
        .map(|m| {
            let next = match m {
                12 => Date::from_ymd(year + 1, 1, 1),
                _ => Date::from_ymd(year, m + 1, 1),
            };
            next.and_then(|n| n.add_days(-1))
                .map_or(today, |d| d.min(today))
        })
        .collect()
}

/// Whether a case was open and past its due date at the end of `day`: its ledger up to that
/// day, evaluated on that day.
fn overdue_at(events: &[Event], now: &Status, day: Date, calendar: &Calendar) -> bool {
    let Some(first) = events.first() else {
        return false;
    };
    let closed = matches!(now.state, State::Closed(_));
    if first.on() > day || (closed && events.iter().all(|e| e.on() <= day)) {
        return false;
    }
    let until: Vec<Event> = events.iter().filter(|e| e.on() <= day).cloned().collect();
    evaluate(&until, calendar, day).is_ok_and(|s| s.overdue && !matches!(s.state, State::Closed(_)))
}

/// The watched columns of `agency` not updated for longer than the settings allow.
fn stale_columns(
    settings: &crate::settings::AgencySettings,
    agency: i64,
    updates: &[(i64, String, Option<Date>)],
    today: Date,
) -> Vec<(String, Option<i32>)> {
    let limit = i32::try_from(settings.stale_after()).unwrap_or(i32::MAX);
    settings
        .watched()
        .into_iter()
        .filter_map(|column| {
            let last = updates
                .iter()
                .find(|(a, d, _)| *a == agency && *d == column)
                .and_then(|(_, _, day)| *day);
            let days = last.map(|d| d.days_until(today));
            match days {
                Some(n) if n <= limit => None,
                _ => Some((column, days)),
            }
        })
        .collect()
}

/// The day a ledger was answered, if that was in `year`.
fn answered_in(events: &[Event], year: i32) -> Option<Date> {
    events.iter().find_map(|e| match e {
        Event::Answered { on, .. } if on.year() == year => Some(*on),
        _ => None,
    })
}

/// Where the agency's report for `year` stands today.
fn report_status(
    agency: &Agency,
    year: i32,
    today: Date,
    published: Option<&(Snapshot, Snapshot)>,
) -> Option<ReportStatus> {
    let due = agency.kind.report_due(year)?;
    let Some((first, latest)) = published else {
        return Some(match today > due {
            true => ReportStatus::Missing { due },
            false => ReportStatus::Pending { due },
        });
    };
    let findings = gongkai_report::json::read(&latest.body)
        .map(|p| check(&p.report, None))
        .unwrap_or_default();
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    Some(ReportStatus::Published {
        on: date_of_ms(first.published_at),
        due,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
    })
}

impl ReportStatus {
    /// In words, as the dashboard and its exports show it.
    pub fn label(&self) -> String {
        match self {
            ReportStatus::Pending { due } => format!("未发布（期限{due}）"),
            ReportStatus::Missing { due } => format!("逾期未发布（期限{due}）"),
            ReportStatus::Published {
                on,
                due,
                errors,
                warnings,
            } => {
                let when = if on > due {
                    "逾期发布"
                } else {
                    "按时发布"
                };
                format!("{on}{when}，错误{errors}个、警告{warnings}个")
            }
        }
    }
}

/// The columns of the dashboard: (sort key, header).
pub const COLUMNS: [(&str, &str); 15] = [
    ("agency", "机关"),
    ("year", "本年主动公开"),
    ("month", "本月主动公开"),
    ("late", "超期公开（第二十六条）"),
    ("pending", "审核中"),
    ("open", "办理中申请"),
    ("soon", "5个工作日内到期"),
    ("overdue", "已超期申请"),
    ("overdue_days", "超期工作日合计"),
    ("answered", "本年已答复"),
    ("average", "平均答复工作日"),
    ("report", "上年度年报"),
    ("satisfaction", "社会评议满意率"),
    ("notices", "未完成整改"),
    ("stale", "栏目不更新"),
];

impl DashboardRow {
    /// The row's cells in [`COLUMNS`] order.
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.agency.name.clone(),
            self.published_year.to_string(),
            self.published_month.to_string(),
            self.late.to_string(),
            self.pending.to_string(),
            self.open.to_string(),
            self.due_soon.to_string(),
            self.overdue.to_string(),
            self.overdue_days.to_string(),
            self.answered.to_string(),
            self.average_days
                .map(|d| format!("{d:.1}"))
                .unwrap_or_default(),
            self.report
                .as_ref()
                .map(ReportStatus::label)
                .unwrap_or_default(),
            self.ratings.label(),
            match self.notices {
                (0, _) => "0".into(),
                (n, 0) => n.to_string(),
                (n, late) => format!("{n}（超期{late}）"),
            },
            self.stale
                .iter()
                .map(|(c, days)| match days {
                    Some(d) => format!("{c}（{d}天未更新）"),
                    None => format!("{c}（从未更新）"),
                })
                .collect::<Vec<_>>()
                .join("；"),
        ]
    }

    /// What the column `key` sorts by (numbers as numbers; the report by lateness).
    pub fn sort_value(&self, key: &str) -> f64 {
        let n = |v: usize| v as f64;
        match key {
            "year" => n(self.published_year),
            "month" => n(self.published_month),
            "late" => n(self.late),
            "pending" => n(self.pending),
            "open" => n(self.open),
            "soon" => n(self.due_soon),
            "overdue" => n(self.overdue),
            "overdue_days" => self.overdue_days as f64,
            "answered" => n(self.answered),
            "average" => self.average_days.unwrap_or(-1.0),
            "satisfaction" => self.ratings.rate().unwrap_or(-1.0),
            "notices" => n(self.notices.0),
            "stale" => n(self.stale.len()),
            "report" => match &self.report {
                Some(r) if r.late() => 2.0,
                Some(ReportStatus::Published { errors, .. }) if *errors > 0 => 1.0,
                _ => 0.0,
            },
            _ => 0.0,
        }
    }
}

impl Dashboard {
    /// The table as exported: the header, then a row per agency.
    pub fn table(&self) -> Vec<Vec<String>> {
        let header = COLUMNS.iter().map(|(_, h)| h.to_string()).collect();
        std::iter::once(header)
            .chain(self.rows.iter().map(DashboardRow::cells))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::AgencySettings;

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|_| unreachable!("a valid date"))
    }

    #[test]
    fn issue16_a_watched_column_is_stale_after_the_configured_days() {
        let today = day("2026-04-10");
        let updates = vec![
            (1, "财政预决算".to_string(), Some(day("2026-01-05"))),
            (2, "财政预决算".to_string(), Some(day("2026-03-01"))),
            (2, "重大建设项目".to_string(), Some(day("2025-01-01"))),
        ];
        let s = AgencySettings {
            stale_days: 90,
            ..AgencySettings::default()
        };
        let stale = |a| stale_columns(&s, a, &updates, today);
        assert_eq!(stale(1), vec![("财政预决算".to_string(), Some(95))]);
        assert!(
            stale(2).is_empty(),
            "updated 40 days ago; 重大建设项目 is not watched"
        );
        let strict = AgencySettings {
            watched_columns: vec!["财政预决算".into(), "重大建设项目".into()],
            stale_days: 30,
            ..AgencySettings::default()
        };
        let got = stale_columns(&strict, 2, &updates, today);
        assert_eq!(got.len(), 2, "{got:?}");
    }
}
