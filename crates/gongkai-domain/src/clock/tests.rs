//! The statutory clock against regulations.md §5 and the fee measures' bands.

use super::*;
use proptest::prelude::*;

/// The machine-readable block of regulations.md §5 (holidays and 调休上班, 2024–2026).
const OFFICIAL: &str = "
2024 off: 2024-01-01; 2024-02-10..2024-02-17; 2024-04-04..2024-04-06; 2024-05-01..2024-05-05; 2024-06-10; 2024-09-15..2024-09-17; 2024-10-01..2024-10-07
2024 work: 2024-02-04; 2024-02-18; 2024-04-07; 2024-04-28; 2024-05-11; 2024-09-14; 2024-09-29; 2024-10-12
2025 off: 2025-01-01; 2025-01-28..2025-02-04; 2025-04-04..2025-04-06; 2025-05-01..2025-05-05; 2025-05-31..2025-06-02; 2025-10-01..2025-10-08
2025 work: 2025-01-26; 2025-02-08; 2025-04-27; 2025-09-28; 2025-10-11
2026 off: 2026-01-01..2026-01-03; 2026-02-15..2026-02-23; 2026-04-04..2026-04-06; 2026-05-01..2026-05-05; 2026-06-19..2026-06-21; 2026-09-25..2026-09-27; 2026-10-01..2026-10-07
2026 work: 2026-01-04; 2026-02-14; 2026-02-28; 2026-05-09; 2026-09-20; 2026-10-10
";

fn calendar() -> Calendar {
    let mut calendar = Calendar::new();
    for text in [
        include_str!("../../../../data/calendar/2024.txt"),
        include_str!("../../../../data/calendar/2025.txt"),
        include_str!("../../../../data/calendar/2026.txt"),
    ] {
        calendar.insert(YearSchedule::parse(text).expect("schedule"));
    }
    calendar
}

fn date(s: &str) -> Date {
    Date::parse(s).expect("date")
}

fn add(from: &str, n: u32) -> String {
    calendar().add_working_days(date(from), n).date.to_string()
}

fn official_days(kind: &str) -> Vec<Date> {
    let mut days = Vec::new();
    for line in OFFICIAL.lines().filter(|l| l.contains(kind)) {
        for item in line.split_once(": ").map_or("", |(_, r)| r).split("; ") {
            let (first, last) = item.split_once("..").unwrap_or((item, item));
            let (mut d, last) = (date(first), date(last));
            while d <= last {
                days.push(d);
                d = d.succ();
            }
        }
    }
    days
}

/// regulations.md §5.1, first worked example (国庆 2025 with 调休 on 09-28 and 10-11).
#[test]
fn art30_art33_received_2025_09_26() {
    assert_eq!(add("2025-09-26", 7), "2025-10-13");
    assert_eq!(add("2025-09-26", 20), "2025-10-30");
    assert_eq!(add("2025-09-26", 40), "2025-11-27");
}

/// regulations.md §5.1, second worked example (春节 2025 with 调休 on 01-26 and 02-08).
#[test]
fn art30_art33_received_2025_01_20() {
    assert_eq!(add("2025-01-20", 7), "2025-02-05");
    assert_eq!(add("2025-01-20", 20), "2025-02-21");
    assert_eq!(add("2025-01-20", 40), "2025-03-21");
}

/// Every holiday of 2024–2026 is a rest day, every 调休上班 day a working day.
#[test]
fn every_holiday_and_makeup_day_of_2024_to_2026() {
    let calendar = calendar();
    for day in official_days(" off: ") {
        assert!(!calendar.is_working_day(day), "{day} is a holiday");
    }
    for day in official_days(" work: ") {
        assert!(
            calendar.is_working_day(day) && day.is_weekend(),
            "{day} is a make-up working day"
        );
        assert!(matches!(calendar.day(day).reason, Reason::MakeUp(_)));
    }
}

#[test]
fn a_year_without_schedule_counts_weekdays_and_warns() {
    let result = calendar().add_working_days(date("2027-01-29"), 1);
    assert_eq!(result.date.to_string(), "2027-02-01");
    assert_eq!(result.unscheduled, [2027]);
    assert!(
        result
            .explain()
            .iter()
            .any(|l| l.contains("2027年的节假日安排尚未载入"))
    );
}

#[test]
fn the_explanation_names_every_skipped_day() {
    let lines = calendar().add_working_days(date("2025-09-26"), 7).explain();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("2025-09-28 星期日 调休上班（国庆节、中秋节）：计第1个工作日")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("2025-10-01 星期三 国庆节、中秋节放假：跳过")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("2025-09-27 星期六 周末：跳过")),
        "{lines:?}"
    );
}

/// Fee bands of 国办函〔2020〕109号 at every edge.
#[test]
fn fees_per_application_at_every_band_edge() {
    let cases = [
        (10, 0),
        (11, 100),
        (30, 2000),
        (31, 2200),
        (40, 4000),
        (41, 4300),
    ];
    for (n, total) in cases {
        assert_eq!(fee_for_items(n).total, total, "{n} applications");
    }
}

#[test]
fn fees_per_page_at_every_band_edge() {
    let cases = [
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (200, 2700),
        (201, 2740),
        (250, 4700),
    ];
    for (n, total) in cases {
        assert_eq!(fee_for_pages(n).total, total, "{n} pages");
    }
}

#[test]
fn fee_breakdown_lists_the_bands() {
    assert_eq!(
        fee_for_pages(250).explain(),
        [
            "第1–30页：免费",
            "第31–100页：70页 × 10元 = 700元",
            "第101–200页：100页 × 20元 = 2000元",
            "第201–250页：50页 × 40元 = 2000元"
        ]
    );
}

fn any_date() -> impl Strategy<Value = Date> {
    (2024i32..2027, 1u32..13, 1u32..29)
        .prop_map(|(y, m, d)| Date::from_ymd(y, m, d).expect("valid"))
}

proptest! {
    #[test]
    fn the_result_is_always_a_working_day(from in any_date(), n in 1u32..60) {
        let calendar = calendar();
        prop_assert!(calendar.is_working_day(calendar.add_working_days(from, n).date));
    }

    #[test]
    fn adding_a_then_b_equals_adding_a_plus_b(from in any_date(), a in 0u32..40, b in 0u32..40) {
        let calendar = calendar();
        let step = calendar.add_working_days(calendar.add_working_days(from, a).date, b).date;
        prop_assert_eq!(step, calendar.add_working_days(from, a + b).date);
    }
}

/// Every outcome is exactly one outcome row of table 三, and every outcome row has one.
#[test]
fn each_outcome_is_one_row_of_table_3() {
    use crate::layout::AppRowKind;
    let rows = crate::layout::Format::Current2021.application_rows();
    let mut seen: Vec<usize> = Outcome::ALL.iter().map(|o| o.row()).collect();
    assert!(
        Outcome::ALL
            .iter()
            .all(|o| rows[o.row()].key == o.row_key())
    );
    seen.sort_unstable();
    seen.dedup();
    let outcome_rows: Vec<usize> = (0..rows.len())
        .filter(|&i| matches!(rows[i].kind, AppRowKind::Outcome(_)))
        .collect();
    assert_eq!(seen, outcome_rows);
    assert!(Outcome::ALL.iter().all(|o| !o.basis().is_empty()));
}

fn run(events: &[Event], today: &str) -> Status {
    evaluate(events, &calendar(), date(today)).expect("a possible sequence")
}

fn received(on: &str) -> Event {
    Event::Received {
        on: date(on),
        channel: Channel::InPerson,
    }
}

/// 条例第三十三条: 20 working days from the day after receipt; the explanation shows the 国庆 days.
#[test]
fn art33_in_person_application_is_due_in_20_working_days() {
    let status = run(&[received("2025-09-26")], "2025-10-20");
    assert_eq!(status.state, State::InProgress);
    assert_eq!(status.due, Some(date("2025-10-30")));
    assert_eq!((status.used, status.left, status.overdue), (12, 8, false));
    assert!(
        status
            .explanation
            .iter()
            .any(|l| l.contains("2025-10-01 星期三 国庆节、中秋节放假：跳过")),
        "{:?}",
        status.explanation
    );
}

/// 条例第三十一条: online applications count from the confirmation.
#[test]
fn art31_online_application_counts_from_confirmation() {
    let events = [
        Event::Received {
            on: date("2025-01-17"),
            channel: Channel::Online,
        },
        Event::Confirmed {
            on: date("2025-01-20"),
        },
    ];
    let unconfirmed = run(&events[..1], "2025-01-18");
    assert_eq!(
        (unconfirmed.state, unconfirmed.due),
        (State::AwaitingConfirmation, None)
    );
    assert_eq!(run(&events, "2025-01-21").due, Some(date("2025-02-21")));
}

/// 条例第三十条: 补正 restarts the clock from the corrected application; one never answered
/// ends as 逾期不补正; a late notice is a warning.
#[test]
fn art30_correction_restarts_or_lapses() {
    let asked = [
        received("2025-03-03"),
        Event::CorrectionRequested {
            on: date("2025-03-05"),
        },
    ];
    assert_eq!(run(&asked, "2025-03-06").due, None);
    let corrected = [
        asked[0].clone(),
        asked[1].clone(),
        Event::CorrectionReceived {
            on: date("2025-03-20"),
        },
    ];
    assert_eq!(
        run(&corrected, "2025-03-21").due,
        Some(calendar().add_working_days(date("2025-03-20"), 20).date)
    );
    let lapsed = [
        asked[0].clone(),
        asked[1].clone(),
        Event::CorrectionLapsed {
            on: date("2025-04-10"),
        },
    ];
    assert_eq!(
        run(&lapsed, "2025-04-11").state,
        State::Closed(Outcome::OtherNoCorrection)
    );
    let late = [
        received("2025-03-03"),
        Event::CorrectionRequested {
            on: date("2025-03-20"),
        },
    ];
    assert_eq!(run(&late, "2025-03-21").warnings.len(), 1);
}

/// 条例第三十二条、第三十三条第三款: a consultation pauses the clock.
#[test]
fn art32_consultation_pauses_the_clock() {
    let events = [
        received("2025-03-03"),
        Event::ConsultationSent {
            on: date("2025-03-10"),
            with: Consulted::ThirdParty,
        },
        Event::ConsultationAnswered {
            on: date("2025-03-21"),
        },
    ];
    let status = run(&events, "2025-03-24");
    let plain = calendar().add_working_days(date("2025-03-03"), 20).date;
    assert_eq!(status.due, Some(calendar().add_working_days(plain, 9).date));
    assert_eq!(
        status.paused,
        [(date("2025-03-10"), Some(date("2025-03-21")))]
    );
    let open = run(&events[..2], "2025-03-12");
    assert_eq!(open.state, State::Consulting);
}

/// 条例第三十三条第二款: one extension of at most 20 working days.
#[test]
fn art33_extension_once_and_at_most_20_days() {
    let extended = [
        received("2025-09-26"),
        Event::ExtensionApproved {
            on: date("2025-10-20"),
            days: 20,
        },
    ];
    assert_eq!(run(&extended, "2025-10-21").due, Some(date("2025-11-27")));
    let twice = [
        extended[0].clone(),
        extended[1].clone(),
        Event::ExtensionApproved {
            on: date("2025-10-21"),
            days: 5,
        },
    ];
    assert!(matches!(
        evaluate(&twice, &calendar(), date("2025-10-22")),
        Err(LedgerError::SecondExtension { index: 2 })
    ));
    let long = [
        received("2025-09-26"),
        Event::ExtensionApproved {
            on: date("2025-10-20"),
            days: 21,
        },
    ];
    assert!(matches!(
        evaluate(&long, &calendar(), date("2025-10-22")),
        Err(LedgerError::ExtensionTooLong { days: 21, .. })
    ));
}

/// 条例第三十三条第二款 (issue 17): the extension is decided before the period ends; granted
/// afterwards it would erase a delay, so the ledger refuses it.
#[test]
fn art33_an_extension_after_the_due_date_is_refused() {
    let due = calendar().add_working_days(date("2025-09-26"), 20).date;
    let on_the_last_day = [
        received("2025-09-26"),
        Event::ExtensionApproved { on: due, days: 20 },
    ];
    assert!(evaluate(&on_the_last_day, &calendar(), due).is_ok());
    let late = due.succ();
    let after = [
        received("2025-09-26"),
        Event::ExtensionApproved { on: late, days: 20 },
    ];
    let refused = evaluate(&after, &calendar(), late).unwrap_err();
    assert_eq!(refused, LedgerError::ExtensionLate { index: 1, due });
    assert_eq!(refused.code(), "ledger-extension-late");
    assert!(refused.to_string().contains("期限届满前决定"), "{refused}");
}

/// Issue 17: a due date in a year whose holiday schedule is not loaded (2027 here) is computed
/// Monday–Friday and says so, so the case and the work list can warn.
#[test]
fn a_due_date_in_a_year_without_a_schedule_warns() {
    let status = run(&[received("2026-12-10")], "2026-12-10");
    let warning = status.warnings.join("");
    assert!(warning.contains("2027年的节假日安排尚未载入"), "{status:?}");
    assert!(
        run(&[received("2025-03-03")], "2025-03-03")
            .warnings
            .is_empty()
    );
}

/// Issue 17: only what has happened is recorded; a day after today is refused with its code,
/// and so is an event dated before the one before it.
#[test]
fn a_future_or_out_of_order_event_is_refused_when_recorded() {
    let ledger = [received("2025-03-03")];
    let today = date("2025-03-05");
    let tomorrow = Event::Confirmed { on: today.succ() };
    let future = append(&ledger, tomorrow, &calendar(), today).unwrap_err();
    assert_eq!(future.code(), "ledger-future");
    let before = Event::Answered {
        on: date("2025-03-01"),
        outcome: Outcome::Granted,
    };
    let out_of_order = append(&ledger, before, &calendar(), today).unwrap_err();
    assert_eq!(out_of_order.code(), "ledger-out-of-order");
    let answer = Event::Answered {
        on: today,
        outcome: Outcome::Granted,
    };
    assert!(append(&ledger, answer, &calendar(), today).is_ok());
}

/// 国办函〔2020〕109号: the fee window pauses the clock; an unpaid fee ends the application.
#[test]
fn fee_notice_pauses_and_an_unpaid_fee_abandons() {
    let notice = [
        received("2025-03-03"),
        Event::FeeNoticeIssued {
            on: date("2025-03-10"),
        },
    ];
    let paid = [
        notice[0].clone(),
        notice[1].clone(),
        Event::FeePaid {
            on: date("2025-03-14"),
        },
    ];
    let plain = calendar().add_working_days(date("2025-03-03"), 20).date;
    assert_eq!(
        run(&paid, "2025-03-17").due,
        Some(calendar().add_working_days(plain, 4).date)
    );
    let expired = [
        notice[0].clone(),
        notice[1].clone(),
        Event::FeeExpired {
            on: date("2025-04-08"),
        },
    ];
    assert_eq!(
        run(&expired, "2025-04-09").state,
        State::Closed(Outcome::OtherFeeUnpaid)
    );
}

#[test]
fn answered_withdrawn_and_overdue() {
    let answered = [
        received("2025-09-26"),
        Event::Answered {
            on: date("2025-10-31"),
            outcome: Outcome::Granted,
        },
    ];
    let status = run(&answered, "2025-11-10");
    assert_eq!(status.state, State::Closed(Outcome::Granted));
    assert!(status.overdue, "answered one day after 2025-10-30");
    let withdrawn = [
        received("2025-09-26"),
        Event::Withdrawn {
            on: date("2025-10-09"),
        },
    ];
    assert_eq!(
        run(&withdrawn, "2025-10-10").state,
        State::Closed(Outcome::OtherOther)
    );
    assert!(run(&[received("2025-09-26")], "2025-10-31").overdue);
}

#[test]
fn impossible_sequences_are_typed_errors() {
    let before = [Event::Answered {
        on: date("2025-01-02"),
        outcome: Outcome::Granted,
    }];
    assert!(matches!(
        evaluate(&before, &calendar(), date("2025-01-03")),
        Err(LedgerError::NotReceived { index: 0 })
    ));
    let backwards = [
        received("2025-03-03"),
        Event::Answered {
            on: date("2025-03-01"),
            outcome: Outcome::Granted,
        },
    ];
    assert!(matches!(
        evaluate(&backwards, &calendar(), date("2025-03-04")),
        Err(LedgerError::OutOfOrder { index: 1 })
    ));
    let after_close = [
        received("2025-03-03"),
        Event::Withdrawn {
            on: date("2025-03-04"),
        },
        Event::FeePaid {
            on: date("2025-03-05"),
        },
    ];
    assert!(matches!(
        evaluate(&after_close, &calendar(), date("2025-03-06")),
        Err(LedgerError::Unexpected { index: 2, .. })
    ));
}

proptest! {
    #[test]
    fn a_pause_never_shortens_a_deadline(start in any_date(), from in 0u32..15, length in 0u32..30) {
        let calendar = calendar();
        let plain = evaluate(&[received_on(start)], &calendar, start).expect("ok").due;
        let sent = calendar.add_working_days(start, from).date;
        let answered = calendar.add_working_days(sent, length).date;
        let events = [received_on(start), Event::ConsultationSent { on: sent, with: Consulted::OtherAgency }, Event::ConsultationAnswered { on: answered }];
        let paused = evaluate(&events, &calendar, answered).expect("ok").due;
        prop_assert!(paused >= plain);
    }

    #[test]
    fn a_restart_after_correction_counts_from_the_corrected_application(start in any_date(), wait in 1u32..30) {
        let calendar = calendar();
        let corrected = calendar.add_working_days(start, wait).date;
        let events = [received_on(start), Event::CorrectionRequested { on: start }, Event::CorrectionReceived { on: corrected }];
        let status = evaluate(&events, &calendar, corrected).expect("ok");
        prop_assert_eq!(status.due, Some(calendar.add_working_days(corrected, ANSWER_DAYS).date));
    }
}

fn received_on(on: Date) -> Event {
    Event::Received {
        on,
        channel: Channel::InPerson,
    }
}

/// 条例第三十二条: a third party has 15 working days; a consultation left open does not stop
/// the clock for longer.
#[test]
fn art32_an_unanswered_consultation_pauses_at_most_15_working_days() {
    let sent = date("2025-03-10");
    let events = [
        received("2025-03-03"),
        Event::ConsultationSent {
            on: sent,
            with: Consulted::ThirdParty,
        },
    ];
    let status = run(&events, "2025-06-30");
    let plain = calendar().add_working_days(date("2025-03-03"), 20).date;
    assert_eq!(
        status.due,
        Some(calendar().add_working_days(plain, CONSULTATION_DAYS).date)
    );
    assert!(status.overdue);
}

/// Issue 15: an application sent to the wrong 专栏 and transferred within the platform gets
/// the receiving agency's date of receipt: a fresh 20 working days and its own extension.
#[test]
fn issue15_a_transfer_restarts_the_clock_at_the_receiving_agency() {
    let moved = date("2025-03-20");
    let events = [
        received("2025-03-03"),
        Event::ExtensionApproved {
            on: date("2025-03-10"),
            days: 10,
        },
        Event::Transferred { on: moved },
    ];
    let status = run(&events, "2025-03-21");
    assert_eq!(status.state, State::InProgress);
    assert_eq!(status.clock_start, Some(moved));
    assert_eq!(
        status.due,
        Some(calendar().add_working_days(moved, ANSWER_DAYS).date)
    );
    let mut again = events.to_vec();
    again.push(Event::ExtensionApproved {
        on: date("2025-03-24"),
        days: 20,
    });
    assert!(evaluate(&again, &calendar(), date("2025-03-24")).is_ok());
    let mut closed = events.to_vec();
    closed.push(Event::Withdrawn {
        on: date("2025-03-24"),
    });
    closed.push(Event::Transferred {
        on: date("2025-03-25"),
    });
    assert!(evaluate(&closed, &calendar(), date("2025-03-25")).is_err());
}

/// Issue 17 (更正): a mistaken extension is voided by a later correction, not edited: the due
/// date falls back to 20 working days, the history keeps both events and says what was voided,
/// and the extension may then be granted again.
#[test]
fn a_correction_voids_a_mistaken_event_and_the_ledger_recomputes() {
    let mut events = vec![
        received("2025-09-26"),
        Event::ExtensionApproved {
            on: date("2025-10-20"),
            days: 20,
        },
    ];
    assert_eq!(run(&events, "2025-10-21").due, Some(date("2025-11-27")));
    let void = Event::Voided {
        on: date("2025-10-21"),
        target: 1,
    };
    let status = append(&events, void.clone(), &calendar(), date("2025-10-21")).expect("valid");
    assert_eq!(status.due, Some(date("2025-10-30")));
    assert!(
        status
            .explanation
            .iter()
            .any(|l| l.contains("更正：第2项（延期（领导同意））记录有误，已撤销")),
        "{:?}",
        status.explanation
    );
    events.push(void);
    assert_eq!(events.len(), 3, "nothing is removed from the ledger");
    let again = Event::ExtensionApproved {
        on: date("2025-10-22"),
        days: 10,
    };
    let status = append(&events, again, &calendar(), date("2025-10-22")).expect("valid");
    assert_eq!(
        status.due,
        Some(calendar().add_working_days(date("2025-09-26"), 30).date)
    );
}

/// Issue 17: a correction names an earlier standing event other than the receipt; voiding the
/// receipt, a correction, a voided or a later event is refused with its code.
#[test]
fn a_correction_must_name_an_event_it_may_void() {
    let on = date("2025-10-21");
    let base = vec![received("2025-09-26"), Event::Confirmed { on }];
    for target in [0, 2, 5] {
        let mut events = base.clone();
        events.push(Event::Voided { on, target });
        let e = evaluate(&events, &calendar(), on).unwrap_err();
        assert_eq!(e.code(), "ledger-bad-correction", "target {target}");
    }
    let mut twice = base.clone();
    twice.push(Event::Voided { on, target: 1 });
    assert_eq!(voidable(&twice), Vec::<usize>::new());
    twice.push(Event::Voided { on, target: 1 });
    assert_eq!(
        evaluate(&twice, &calendar(), on).unwrap_err(),
        LedgerError::BadCorrection { index: 3 }
    );
}

/// Issue 17: a case answered with the wrong outcome, corrected and answered again, is counted
/// once in table 三, with its final outcome.
#[test]
fn table_3_counts_a_corrected_case_once_with_its_final_outcome() {
    use crate::report::compute::{CaseFacts, applications_table};
    let events = [
        received("2025-03-03"),
        Event::Answered {
            on: date("2025-03-10"),
            outcome: Outcome::Granted,
        },
        Event::Voided {
            on: date("2025-03-12"),
            target: 1,
        },
        Event::Answered {
            on: date("2025-03-10"),
            outcome: Outcome::Partial,
        },
    ];
    assert_eq!(
        run(&events, "2025-03-12").state,
        State::Closed(Outcome::Partial)
    );
    let facts = CaseFacts::from_events(ApplicantType::NaturalPerson, &events);
    let grid = applications_table(&[facts], 2025);
    let total_col = 6;
    assert_eq!(
        grid.value(Outcome::Partial.row(), total_col)
            .map(|n| n.to_string()),
        Some("1".into())
    );
    assert_eq!(
        grid.value(Outcome::Granted.row(), total_col)
            .map(|n| n.to_string()),
        Some("0".into())
    );
}
