//! The annual report computed from what happened (issue 7): table 三 from the applications'
//! ledgers, table 四 from the 复议/诉讼 records. Each case is counted exactly once on each side
//! of the balance, so 一 + 二 = 三（七） + 四 holds in every column by construction.

use super::layout::{AppRowKind, TOTAL_COLUMN};
use super::{AnnualReport, Cell, Format, Grid, Number};
use crate::clock::{ApplicantType, Date, Event, Outcome};

/// One application as the annual report counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseFacts {
    /// Its column.
    pub applicant: ApplicantType,
    /// The date of receipt (条例第三十一条); `None` while a confirmation is awaited.
    pub received: Option<Date>,
    /// When it was closed, with its one outcome.
    pub closed: Option<(Date, Outcome)>,
}

impl CaseFacts {
    /// The facts of an application from its ledger.
    pub fn from_events(applicant: ApplicantType, events: &[Event]) -> CaseFacts {
        let mut facts = CaseFacts {
            applicant,
            received: None,
            closed: None,
        };
        let mut needs_confirmation = false;
        for e in crate::clock::standing_events(events) {
            match e {
                Event::Received { on, channel } => {
                    needs_confirmation = channel.needs_confirmation();
                    if !needs_confirmation {
                        facts.received = Some(on);
                    }
                }
                Event::Confirmed { on } if needs_confirmation => facts.received = Some(on),
                Event::Answered { on, outcome } => facts.closed = Some((on, outcome)),
                Event::CorrectionLapsed { on } => {
                    facts.closed = Some((on, Outcome::OtherNoCorrection))
                }
                Event::FeeExpired { on } => facts.closed = Some((on, Outcome::OtherFeeUnpaid)),
                Event::Withdrawn { on } => facts.closed = Some((on, Outcome::OtherOther)),
                Event::Transferred { on } => facts.received = Some(on),
                _ => {}
            }
        }
        facts
    }

    /// Open at the end of `day` (received by then and not closed by then).
    fn open_at(&self, day: Date) -> bool {
        self.received.is_some_and(|r| r <= day) && self.closed.is_none_or(|(c, _)| c > day)
    }
}

/// Which row of table 三 a case adds to for `year`, besides the outcome row.
fn rows_for(case: &CaseFacts, year: i32) -> Vec<AppRowKind> {
    let (Some(start), Some(end)) = (Date::from_ymd(year, 1, 1), Date::from_ymd(year, 12, 31))
    else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    match case.received {
        Some(r) if r.year() == year => rows.push(AppRowKind::New),
        Some(r) if r < start && case.closed.is_none_or(|(c, _)| c >= start) => {
            rows.push(AppRowKind::CarriedIn)
        }
        _ => {}
    }
    if case.received.is_some() && case.closed.is_some_and(|(c, _)| c.year() == year) {
        rows.push(AppRowKind::Total);
    }
    if case.open_at(end) {
        rows.push(AppRowKind::CarriedOut);
    }
    rows
}

fn add(grid: &mut Grid, row: usize, col: usize) {
    for c in [col, TOTAL_COLUMN] {
        let n = grid.value(row, c).unwrap_or(Number::ZERO);
        grid.set(row, c, Cell::Number(n + Number::from_int(1)));
    }
}

/// Table 三 (2021 format) for `year`: every cell a number, zeros included.
pub fn applications_table(cases: &[CaseFacts], year: i32) -> Grid {
    let rows = Format::Current2021.application_rows();
    let mut grid = Grid::new(rows.len(), TOTAL_COLUMN + 1);
    for (r, c) in (0..rows.len()).flat_map(|r| (0..=TOTAL_COLUMN).map(move |c| (r, c))) {
        grid.set(r, c, Cell::Number(Number::ZERO));
    }
    let row_of = |kind: AppRowKind| rows.iter().position(|r| r.kind == kind);
    for case in cases {
        let col = case.applicant.column();
        for kind in rows_for(case, year) {
            if let Some(row) = row_of(kind) {
                add(&mut grid, row, col);
            }
            if let (AppRowKind::Total, Some((_, outcome))) = (kind, case.closed) {
                add(&mut grid, outcome.row(), col);
            }
        }
    }
    grid
}

/// A group of applications as the store counts them for one year (issue 19: table 三 is one
/// `GROUP BY` over the facts kept beside each application). Only applications received by the
/// end of the year and not closed before it are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FactCount {
    /// Their column.
    pub applicant: ApplicantType,
    /// Received within the year (else carried over from before it).
    pub new: bool,
    /// Closed within the year, with this outcome (else still open at its end).
    pub closed: Option<Outcome>,
    /// How many.
    pub count: u64,
}

impl FactCount {
    /// Where one application falls for `year`: `None` when the year does not count it (not
    /// received by its end, or closed before it began).
    pub fn of(case: &CaseFacts, year: i32) -> Option<FactCount> {
        let received = case.received?;
        let closed_day = case.closed.map(|(day, _)| day);
        if received.year() > year || closed_day.is_some_and(|d| d.year() < year) {
            return None;
        }
        Some(FactCount {
            applicant: case.applicant,
            new: received.year() == year,
            closed: case
                .closed
                .filter(|(day, _)| day.year() == year)
                .map(|(_, o)| o),
            count: 1,
        })
    }
}

/// Table 三 (2021 format) from the counted groups; the same table as [`applications_table`]
/// over the cases they count.
pub fn applications_table_from_counts(counts: &[FactCount]) -> Grid {
    let rows = Format::Current2021.application_rows();
    let mut grid = Grid::new(rows.len(), TOTAL_COLUMN + 1);
    for (r, c) in (0..rows.len()).flat_map(|r| (0..=TOTAL_COLUMN).map(move |c| (r, c))) {
        grid.set(r, c, Cell::Number(Number::ZERO));
    }
    let row_of = |kind: AppRowKind| rows.iter().position(|r| r.kind == kind).unwrap_or(0);
    for group in counts {
        let col = group.applicant.column();
        let n = i64::try_from(group.count).unwrap_or(i64::MAX);
        let first = if group.new {
            AppRowKind::New
        } else {
            AppRowKind::CarriedIn
        };
        add_n(&mut grid, row_of(first), col, n);
        match group.closed {
            Some(outcome) => {
                add_n(&mut grid, row_of(AppRowKind::Total), col, n);
                add_n(&mut grid, outcome.row(), col, n);
            }
            None => add_n(&mut grid, row_of(AppRowKind::CarriedOut), col, n),
        }
    }
    grid
}

fn add_n(grid: &mut Grid, row: usize, col: usize, n: i64) {
    for c in [col, TOTAL_COLUMN] {
        let v = grid.value(row, c).unwrap_or(Number::ZERO);
        grid.set(row, c, Cell::Number(v + Number::from_int(n)));
    }
}

/// 行政复议 or 行政诉讼, as table 四 groups them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppealKind {
    /// 行政复议.
    Reconsideration,
    /// 未经复议直接起诉.
    LawsuitDirect,
    /// 复议后起诉.
    LawsuitAfterReconsideration,
}

/// How it ended (or not yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppealResult {
    /// 结果维持.
    Upheld,
    /// 结果纠正.
    Corrected,
    /// 其他结果.
    Other,
    /// 尚未审结.
    Pending,
}

impl AppealKind {
    /// Every kind, as the console offers them.
    pub const ALL: [AppealKind; 3] = [
        AppealKind::Reconsideration,
        AppealKind::LawsuitDirect,
        AppealKind::LawsuitAfterReconsideration,
    ];

    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            AppealKind::Reconsideration => "reconsideration",
            AppealKind::LawsuitDirect => "lawsuit_direct",
            AppealKind::LawsuitAfterReconsideration => "lawsuit_after_reconsideration",
        }
    }

    /// The kind with this key.
    pub fn parse(key: &str) -> Option<AppealKind> {
        AppealKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            AppealKind::Reconsideration => "行政复议",
            AppealKind::LawsuitDirect => "未经复议直接起诉",
            AppealKind::LawsuitAfterReconsideration => "复议后起诉",
        }
    }
}

impl AppealResult {
    /// Every result, as the console offers them.
    pub const ALL: [AppealResult; 4] = [
        AppealResult::Upheld,
        AppealResult::Corrected,
        AppealResult::Other,
        AppealResult::Pending,
    ];

    /// The stored key.
    pub fn key(self) -> &'static str {
        match self {
            AppealResult::Upheld => "upheld",
            AppealResult::Corrected => "corrected",
            AppealResult::Other => "other",
            AppealResult::Pending => "pending",
        }
    }

    /// The result with this key.
    pub fn parse(key: &str) -> Option<AppealResult> {
        AppealResult::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            AppealResult::Upheld => "结果维持",
            AppealResult::Corrected => "结果纠正",
            AppealResult::Other => "其他结果",
            AppealResult::Pending => "尚未审结",
        }
    }
}

/// One 复议 or 诉讼 as table 四 counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AppealFacts {
    /// Which group.
    pub kind: AppealKind,
    /// Filed on.
    pub filed: Date,
    /// Decided on, with the result; `None` while pending.
    pub decided: Option<(Date, AppealResult)>,
}

/// Table 四 for `year`: the cases filed in the year, by their result at the year's end (a case
/// decided after 31 December is 尚未审结).
pub fn appeals_table(appeals: &[AppealFacts], year: i32) -> Grid {
    let mut grid = AnnualReport::empty_appeals();
    for (g, c) in (0..3).flat_map(|g| (0..5).map(move |c| (g, c))) {
        grid.set(g, c, Cell::Number(Number::ZERO));
    }
    for a in appeals.iter().filter(|a| a.filed.year() == year) {
        let result = match a.decided {
            Some((on, result)) if on.year() == year => result,
            _ => AppealResult::Pending,
        };
        let group = a.kind as usize;
        for col in [result as usize, 4] {
            let n = grid.value(group, col).unwrap_or(Number::ZERO);
            grid.set(group, col, Cell::Number(n + Number::from_int(1)));
        }
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{Severity, check};
    use crate::clock::Channel;
    use crate::report::{Section, SectionKind};
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn report(cases: &[CaseFacts], appeals: &[AppealFacts], year: i32) -> AnnualReport {
        let mut r = AnnualReport::new(Format::Current2021);
        r.year = Some(year);
        r.sections = SectionKind::ALL
            .iter()
            .map(|k| Section::official(*k, ""))
            .collect();
        let mut proactive = r.empty_proactive();
        for (i, row) in Format::Current2021.proactive_rows().iter().enumerate() {
            for c in 0..row.columns.len() {
                proactive.set(i, c, Cell::Number(Number::ZERO));
            }
        }
        r.proactive = Some(proactive);
        r.applications = Some(applications_table(cases, year));
        r.appeals = Some(appeals_table(appeals, year));
        r
    }

    fn cell(g: &Grid, key: &str, col: usize) -> i64 {
        let row = Format::Current2021
            .application_rows()
            .iter()
            .position(|r| r.key == key)
            .unwrap();
        g.value(row, col).and_then(Number::to_int).unwrap()
    }

    use Event as E;

    /// Issue 7 scenario: carried over, corrected, extended, paused, fee expired, withdrawn.
    #[test]
    fn a_year_of_cases_fills_every_cell_of_table_three() {
        let person = ApplicantType::NaturalPerson;
        let firm = ApplicantType::Commercial;
        let received = |on: &str| E::Received {
            on: d(on),
            channel: Channel::InPerson,
        };
        let cases = [
            // Carried over from 2024, answered in January.
            CaseFacts::from_events(
                person,
                &[
                    received("2024-12-20"),
                    E::Answered {
                        on: d("2025-01-10"),
                        outcome: Outcome::Granted,
                    },
                ],
            ),
            // Corrected, then answered.
            CaseFacts::from_events(
                person,
                &[
                    received("2025-03-03"),
                    E::CorrectionRequested {
                        on: d("2025-03-05"),
                    },
                    E::CorrectionReceived {
                        on: d("2025-03-12"),
                    },
                    E::Answered {
                        on: d("2025-04-01"),
                        outcome: Outcome::Partial,
                    },
                ],
            ),
            // Extended, answered not held.
            CaseFacts::from_events(
                firm,
                &[
                    received("2025-05-06"),
                    E::ExtensionApproved {
                        on: d("2025-05-28"),
                        days: 20,
                    },
                    E::Answered {
                        on: d("2025-06-20"),
                        outcome: Outcome::UnableNotHeld,
                    },
                ],
            ),
            // Paused for a third party, still open at the year's end: carried out.
            CaseFacts::from_events(
                firm,
                &[
                    received("2025-12-01"),
                    E::ConsultationSent {
                        on: d("2025-12-03"),
                        with: crate::clock::Consulted::ThirdParty,
                    },
                ],
            ),
            // Fee expired.
            CaseFacts::from_events(
                person,
                &[
                    received("2025-07-01"),
                    E::FeeNoticeIssued {
                        on: d("2025-07-10"),
                    },
                    E::FeeExpired {
                        on: d("2025-08-08"),
                    },
                ],
            ),
            // Withdrawn.
            CaseFacts::from_events(
                person,
                &[
                    received("2025-09-01"),
                    E::Withdrawn {
                        on: d("2025-09-03"),
                    },
                ],
            ),
            // Online, never confirmed: not received, not counted.
            CaseFacts::from_events(
                person,
                &[E::Received {
                    on: d("2025-10-10"),
                    channel: Channel::Online,
                }],
            ),
            // Closed in 2024: not in the 2025 report at all.
            CaseFacts::from_events(
                person,
                &[
                    received("2024-03-01"),
                    E::Answered {
                        on: d("2024-03-20"),
                        outcome: Outcome::Granted,
                    },
                ],
            ),
        ];
        let g = applications_table(&cases, 2025);
        assert_eq!(
            (cell(&g, "new", 0), cell(&g, "new", 1), cell(&g, "new", 6)),
            (3, 2, 5)
        );
        assert_eq!(
            (cell(&g, "carried_in", 0), cell(&g, "carried_in", 6)),
            (1, 1)
        );
        assert_eq!(
            (
                cell(&g, "granted", 0),
                cell(&g, "partial", 0),
                cell(&g, "unable_not_held", 1)
            ),
            (1, 1, 1)
        );
        assert_eq!(
            (cell(&g, "other_fee_unpaid", 0), cell(&g, "other_other", 0)),
            (1, 1)
        );
        assert_eq!(
            (
                cell(&g, "total", 0),
                cell(&g, "total", 1),
                cell(&g, "total", 6)
            ),
            (4, 1, 5)
        );
        assert_eq!(
            (cell(&g, "carried_out", 1), cell(&g, "carried_out", 6)),
            (1, 1)
        );
        let errors: Vec<_> = check(&report(&cases, &[], 2025), None)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    /// Issue 15: a case received in December by the wrong agency and transferred in January
    /// is new in the receiving agency's next year's table 三, not carried over.
    #[test]
    fn issue15_a_transferred_case_is_new_on_the_day_the_receiving_agency_got_it() {
        let case = CaseFacts::from_events(
            ApplicantType::NaturalPerson,
            &[
                E::Received {
                    on: d("2025-12-29"),
                    channel: Channel::Online,
                },
                E::Transferred {
                    on: d("2026-01-05"),
                },
            ],
        );
        let g2025 = applications_table(std::slice::from_ref(&case), 2025);
        assert_eq!(
            (cell(&g2025, "new", 6), cell(&g2025, "carried_out", 6)),
            (0, 0)
        );
        let g2026 = applications_table(&[case], 2026);
        assert_eq!(
            (cell(&g2026, "new", 0), cell(&g2026, "carried_in", 6)),
            (1, 0)
        );
    }

    #[test]
    fn table_four_counts_the_years_cases_by_their_result_at_the_years_end() {
        let a = |kind, filed: &str, decided: Option<(&str, AppealResult)>| AppealFacts {
            kind,
            filed: d(filed),
            decided: decided.map(|(on, r)| (d(on), r)),
        };
        let appeals = [
            a(
                AppealKind::Reconsideration,
                "2025-02-01",
                Some(("2025-04-01", AppealResult::Upheld)),
            ),
            a(
                AppealKind::Reconsideration,
                "2025-11-01",
                Some(("2026-01-15", AppealResult::Corrected)),
            ),
            a(
                AppealKind::LawsuitDirect,
                "2025-06-01",
                Some(("2025-09-01", AppealResult::Corrected)),
            ),
            a(AppealKind::LawsuitAfterReconsideration, "2024-06-01", None),
        ];
        let g = appeals_table(&appeals, 2025);
        let row = |group: usize| {
            (0..5)
                .map(|c| g.value(group, c).and_then(Number::to_int).unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(row(0), vec![1, 0, 0, 1, 2]);
        assert_eq!(row(1), vec![0, 1, 0, 0, 1]);
        assert_eq!(row(2), vec![0, 0, 0, 0, 0]);
    }

    fn arb_case() -> impl Strategy<Value = CaseFacts> {
        (
            0usize..6,
            -500i32..900,
            proptest::option::of((0i32..400, 0usize..21)),
            any::<bool>(),
        )
            .prop_map(|(col, day, close, confirmed)| {
                let types = [
                    ApplicantType::NaturalPerson,
                    ApplicantType::Commercial,
                    ApplicantType::Research,
                    ApplicantType::PublicInterest,
                    ApplicantType::LegalServices,
                    ApplicantType::Other,
                ];
                let base = Date::from_ymd(2025, 1, 1).unwrap();
                let received = base.add_days(day).filter(|_| confirmed);
                let closed = close.and_then(|(after, o)| {
                    Some((received.unwrap_or(base).add_days(after)?, Outcome::ALL[o]))
                });
                CaseFacts {
                    applicant: types[col],
                    received,
                    closed: closed.filter(|_| received.is_some()),
                }
            })
    }

    proptest! {
        /// Right by construction: whatever happened, the computed tables pass every arithmetic rule.
        #[test]
        fn computed_tables_always_balance(cases in proptest::collection::vec(arb_case(), 0..60)) {
            let errors: Vec<_> = check(&report(&cases, &[], 2025), None).into_iter().filter(|f| f.severity == Severity::Error).collect();
            prop_assert!(errors.is_empty(), "{:?}", errors);
        }

        /// Issue 19: the table from the store's grouped counts is the table from the cases.
        #[test]
        fn counted_groups_give_the_same_table(cases in proptest::collection::vec(arb_case(), 0..60), year in 2023i32..2027) {
            let counts: Vec<FactCount> = cases.iter().filter_map(|c| FactCount::of(c, year)).collect();
            prop_assert_eq!(applications_table_from_counts(&counts), applications_table(&cases, year));
        }
    }
}
