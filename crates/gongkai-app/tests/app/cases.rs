//! 依申请公开 and the report from the data (issue 7), on both backends.

use crate::support::{Fixture, each_backend};
use gongkai_app::AppError;
use gongkai_app::cases::{ApplicationInput, mask_id, mask_name};
use gongkai_domain::check::{Severity, check};
use gongkai_domain::clock::{ApplicantType, Channel, Date, Event, Outcome, State};
use gongkai_domain::report::{Format, Number};

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// An application; an organisation gives its 统一社会信用代码, 法定代表人 and 联系人.
fn input(t: ApplicantType, name: &str) -> ApplicationInput {
    let person = t == ApplicantType::NaturalPerson;
    let org = |v: &str| if person { String::new() } else { v.to_string() };
    ApplicationInput {
        applicant_type: Some(t),
        name: name.into(),
        id_kind: None,
        id_no: if person {
            "11010519491231002X".into()
        } else {
            "91350100M000100Y43".into()
        },
        legal_rep: org("张三"),
        liaison: org("李四"),
        contact: "13812345678".into(),
        address: "七里营镇七里营村".into(),
        request: "2025年七里营村道路硬化工程的招标文件".into(),
        provision: "电子邮件".into(),
        files: Vec::new(),
    }
}

/// 2026-01-05 10:00 China time: the 2025 cases are all in the past.
const JAN_2026_MS: i64 = 1_767_578_400_000;

#[tokio::test]
async fn an_online_application_runs_the_statutory_clock_and_is_tracked_with_its_password() {
    for f in each_backend("online_case").await {
        let receipt = f
            .app
            .apply_online(
                f.drafter.agency_id,
                &input(ApplicantType::NaturalPerson, "张三"),
            )
            .await
            .unwrap();
        let view = f.app.case_view(&f.registrar, receipt.id).await.unwrap();
        assert_eq!(view.status.state, State::AwaitingConfirmation);
        assert!(matches!(
            f.app.case_view(&f.drafter, receipt.id).await,
            Err(AppError::Forbidden)
        ));
        let r = |e| f.app.record_event(&f.registrar, receipt.id, e, "");
        r(Event::Confirmed {
            on: d("2025-06-03"),
        })
        .await
        .unwrap();
        let asked = r(Event::CorrectionRequested {
            on: d("2025-06-03"),
        })
        .await
        .unwrap();
        assert_eq!(asked.state, State::AwaitingCorrection);
        let letters = f.app.letters_of(receipt.id).await.unwrap();
        assert_eq!(
            letters.iter().map(|l| l.title.as_str()).collect::<Vec<_>>(),
            vec!["政府信息公开申请补正告知书"]
        );
        assert!(letters[0].paragraphs.iter().any(|p| p.contains("第三十条")));
        let impossible = r(Event::Answered {
            on: d("2025-06-03"),
            outcome: Outcome::Granted,
        })
        .await;
        assert!(
            matches!(impossible, Err(AppError::Ledger(_))),
            "no answer while a correction is awaited"
        );
        let restarted = r(Event::CorrectionReceived {
            on: d("2025-06-03"),
        })
        .await
        .unwrap();
        assert_eq!(
            (restarted.state, restarted.clock_start),
            (State::InProgress, Some(d("2025-06-03")))
        );
        let extension = Event::ExtensionApproved {
            on: d("2025-06-03"),
            days: 20,
        };
        assert!(matches!(
            f.app
                .record_event(&f.registrar, receipt.id, extension.clone(), "")
                .await,
            Err(AppError::Forbidden)
        ));
        let wrong = f.app.track(&receipt.code, "not-the-password").await;
        assert!(matches!(wrong, Err(AppError::NotFound(_))));
        let tracked = f.app.track(&receipt.code, &receipt.password).await.unwrap();
        assert_eq!(tracked.case.id, receipt.id);
        assert!(
            !f.app
                .store()
                .case(receipt.id)
                .await
                .unwrap()
                .unwrap()
                .tracking_secret_hash
                .contains(&receipt.password),
            "only a hash is stored"
        );
    }
}

#[tokio::test]
async fn the_work_list_puts_the_fewest_days_left_first_and_closing_needs_one_outcome() {
    for f in each_backend("work_list").await {
        let reg = |name: &'static str, on: &'static str| {
            let (app, actor) = (&f.app, &f.registrar);
            async move {
                app.register_case(
                    actor,
                    &input(ApplicantType::Commercial, name),
                    Channel::InPerson,
                    d(on),
                )
                .await
                .unwrap()
                .id
            }
        };
        let older = reg("甲公司", "2025-05-06").await;
        let newer = reg("乙公司", "2025-06-02").await;
        let list = f.app.work_list(&f.registrar).await.unwrap();
        assert_eq!(
            list.iter().map(|v| v.case.id).collect::<Vec<_>>(),
            vec![older, newer]
        );
        let answered = Event::Answered {
            on: d("2025-06-03"),
            outcome: Outcome::Granted,
        };
        let status = f
            .app
            .record_event(&f.registrar, older, answered, "")
            .await
            .unwrap();
        assert_eq!(status.state, State::Closed(Outcome::Granted));
        let again = Event::Answered {
            on: d("2025-06-03"),
            outcome: Outcome::Partial,
        };
        assert!(matches!(
            f.app.record_event(&f.registrar, older, again, "").await,
            Err(AppError::Ledger(_))
        ));
        let list = f.app.work_list(&f.registrar).await.unwrap();
        assert_eq!(
            list.last().map(|v| v.case.id),
            Some(older),
            "closed cases go last"
        );
    }
}

async fn year_of_cases(f: &Fixture) {
    let app = &f.app;
    let (reg, appr) = (&f.registrar, &f.approver);
    let person = |n| input(ApplicantType::NaturalPerson, n);
    let case = |i: ApplicationInput, on: &'static str| async move {
        app.register_case(reg, &i, Channel::InPerson, d(on))
            .await
            .unwrap()
            .id
    };
    // Carried over from 2024 and answered in January.
    let c = case(person("甲"), "2024-12-20").await;
    app.record_event(
        reg,
        c,
        Event::Answered {
            on: d("2025-01-10"),
            outcome: Outcome::Granted,
        },
        "",
    )
    .await
    .unwrap();
    // Corrected, then partly granted.
    let c = case(person("乙"), "2025-03-03").await;
    app.record_event(
        reg,
        c,
        Event::CorrectionRequested {
            on: d("2025-03-05"),
        },
        "",
    )
    .await
    .unwrap();
    app.record_event(
        reg,
        c,
        Event::CorrectionReceived {
            on: d("2025-03-12"),
        },
        "",
    )
    .await
    .unwrap();
    app.record_event(
        reg,
        c,
        Event::Answered {
            on: d("2025-04-01"),
            outcome: Outcome::Partial,
        },
        "第三方的身份证号不予公开（条例第十五条），其余予以提供",
    )
    .await
    .unwrap();
    // Issue 17: the 答复书 states the clerk's reasons for what was withheld.
    let letters = app.letters_of(c).await.unwrap();
    let stated = letters.iter().flat_map(|l| l.paragraphs.iter());
    let reasons = "不予公开的部分及理由：第三方的身份证号不予公开";
    assert!(stated.clone().any(|p| p.contains(reasons)), "{letters:?}");
    // Extended by the approver, then not held.
    let c = case(input(ApplicantType::Commercial, "丙公司"), "2025-05-06").await;
    app.record_event(
        appr,
        c,
        Event::ExtensionApproved {
            on: d("2025-05-28"),
            days: 20,
        },
        "",
    )
    .await
    .unwrap();
    app.record_event(
        reg,
        c,
        Event::Answered {
            on: d("2025-06-20"),
            outcome: Outcome::UnableNotHeld,
        },
        "经检索本机关未制作、获取该信息",
    )
    .await
    .unwrap();
    // Paused for a third party at the year's end: carried out.
    let c = case(input(ApplicantType::Commercial, "丁公司"), "2025-12-01").await;
    app.record_event(
        reg,
        c,
        Event::ConsultationSent {
            on: d("2025-12-03"),
            with: gongkai_domain::clock::Consulted::ThirdParty,
        },
        "",
    )
    .await
    .unwrap();
    // Fee expired.
    let c = case(person("戊"), "2025-07-01").await;
    app.record_event(
        reg,
        c,
        Event::FeeNoticeIssued {
            on: d("2025-07-10"),
        },
        "120",
    )
    .await
    .unwrap();
    app.record_event(
        reg,
        c,
        Event::FeeExpired {
            on: d("2025-08-08"),
        },
        "",
    )
    .await
    .unwrap();
    // Withdrawn.
    let c = case(person("己"), "2025-09-01").await;
    app.record_event(
        reg,
        c,
        Event::Withdrawn {
            on: d("2025-09-03"),
        },
        "",
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_year_of_cases_gives_table_three_cell_by_cell_with_zero_errors() {
    for f in each_backend("report_year").await {
        f.app.clock().set(JAN_2026_MS);
        year_of_cases(&f).await;
        let appeal = f
            .app
            .record_appeal(
                &f.registrar,
                "reconsideration",
                "新县复〔2025〕3号",
                "2025-02-01",
                "",
            )
            .await
            .unwrap();
        f.app
            .decide_appeal(&f.registrar, appeal, "upheld", "2025-04-01")
            .await
            .unwrap();
        f.app
            .record_appeal(
                &f.registrar,
                "lawsuit_direct",
                "(2025)豫0721行初5号",
                "2025-11-01",
                "",
            )
            .await
            .unwrap();
        let early = f
            .app
            .decide_appeal(&f.registrar, appeal, "corrected", "2025-01-01")
            .await;
        assert!(
            matches!(early, Err(AppError::Invalid(_))),
            "decided before it was filed"
        );
        let r = f
            .app
            .compute_report(f.registrar.agency_id, 2025)
            .await
            .unwrap();
        // Every cell of table 三: the listed ones, zero everywhere else.
        let expected: &[(&str, [i64; 7])] = &[
            ("new", [3, 2, 0, 0, 0, 0, 5]),
            ("carried_in", [1, 0, 0, 0, 0, 0, 1]),
            ("granted", [1, 0, 0, 0, 0, 0, 1]),
            ("partial", [1, 0, 0, 0, 0, 0, 1]),
            ("unable_not_held", [0, 1, 0, 0, 0, 0, 1]),
            ("other_fee_unpaid", [1, 0, 0, 0, 0, 0, 1]),
            ("other_other", [1, 0, 0, 0, 0, 0, 1]),
            ("total", [4, 1, 0, 0, 0, 0, 5]),
            ("carried_out", [0, 1, 0, 0, 0, 0, 1]),
        ];
        let g = r.applications.as_ref().unwrap();
        for (i, row) in Format::Current2021.application_rows().iter().enumerate() {
            let want = expected
                .iter()
                .find(|(k, _)| *k == row.key)
                .map_or([0; 7], |(_, v)| *v);
            let got: Vec<i64> = (0..7)
                .map(|c| g.value(i, c).and_then(Number::to_int).unwrap())
                .collect();
            assert_eq!(got, want.to_vec(), "row {}", row.key);
        }
        let t4 = r.appeals.as_ref().unwrap();
        let t4_row = |g: usize| {
            (0..5)
                .map(|c| t4.value(g, c).and_then(Number::to_int).unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            (t4_row(0), t4_row(1), t4_row(2)),
            (vec![1, 0, 0, 0, 1], vec![0, 0, 0, 1, 1], vec![0; 5])
        );
        let previous = f
            .app
            .compute_report(f.registrar.agency_id, 2024)
            .await
            .unwrap();
        let errors: Vec<_> = check(&r, Some(&previous))
            .into_iter()
            .filter(|x| x.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(
            r.section(gongkai_domain::report::SectionKind::Overview)
                .unwrap()
                .text
                .contains("新收政府信息公开申请5件")
        );
    }
}

#[test]
fn personal_data_is_masked_in_lists() {
    assert_eq!(mask_id("11010519491231002X"), "110***********002X");
    assert_eq!(mask_name("张三丰"), "张**");
}

#[tokio::test]
async fn a_paid_fee_is_stated_in_section_six_and_a_free_count_needs_no_notice() {
    for f in each_backend("fee_paid").await {
        let id = f
            .app
            .apply_online(
                f.registrar.agency_id,
                &input(ApplicantType::NaturalPerson, "王小明"),
            )
            .await
            .unwrap()
            .id;
        let r = |e, note: &'static str| f.app.record_event(&f.registrar, id, e, note);
        r(
            Event::Confirmed {
                on: d("2025-06-03"),
            },
            "",
        )
        .await
        .unwrap();
        crate::support::at(&f.app, "2025-06-10");
        let notice = Event::FeeNoticeIssued {
            on: d("2025-06-10"),
        };
        let free = r(notice.clone(), "20页").await;
        assert!(
            matches!(&free, Err(AppError::Invalid(m)) if m.contains("不收费")),
            "{free:?}"
        );
        r(notice, "120页").await.unwrap();
        let before = f
            .app
            .compute_report(f.registrar.agency_id, 2025)
            .await
            .unwrap();
        assert!(before.sections[5].text.contains("未收取信息处理费"));
        crate::support::at(&f.app, "2025-06-20");
        r(
            Event::FeePaid {
                on: d("2025-06-20"),
            },
            "",
        )
        .await
        .unwrap();
        let after = f
            .app
            .compute_report(f.registrar.agency_id, 2025)
            .await
            .unwrap();
        let six = &after.sections[5].text;
        assert!(
            six.contains("对1件政府信息公开申请收取信息处理费，共计1100元"),
            "{six}"
        );
        let letters = f.app.letters_of(id).await.unwrap();
        assert!(
            letters[0]
                .paragraphs
                .iter()
                .any(|p| p.contains("信息处理费1100元"))
        );
    }
}

/// Issue 19: table 三 is counted from facts kept beside each application; a change recorded
/// after a report was computed is in the next one (the facts follow the ledger), on both
/// databases.
#[tokio::test]
async fn table_three_follows_a_change_made_after_it_was_computed() {
    for f in each_backend("report_facts").await {
        f.app.clock().set(JAN_2026_MS);
        let reg = &f.registrar;
        let id = f
            .app
            .register_case(
                reg,
                &input(ApplicantType::Research, "某研究所"),
                Channel::InPerson,
                d("2025-11-03"),
            )
            .await
            .unwrap()
            .id;
        let cell = |r: &gongkai_domain::report::AnnualReport, key: &str| {
            let i = Format::Current2021
                .application_rows()
                .iter()
                .position(|x| x.key == key)
                .unwrap();
            r.applications
                .as_ref()
                .unwrap()
                .value(i, 2)
                .and_then(Number::to_int)
                .unwrap()
        };
        let before = f.app.compute_report(reg.agency_id, 2025).await.unwrap();
        assert_eq!(
            (
                cell(&before, "new"),
                cell(&before, "carried_out"),
                cell(&before, "granted")
            ),
            (1, 1, 0)
        );
        f.app
            .record_event(
                reg,
                id,
                Event::Answered {
                    on: d("2025-11-20"),
                    outcome: Outcome::Granted,
                },
                "",
            )
            .await
            .unwrap();
        let after = f.app.compute_report(reg.agency_id, 2025).await.unwrap();
        assert_eq!(
            (
                cell(&after, "new"),
                cell(&after, "carried_out"),
                cell(&after, "granted")
            ),
            (1, 0, 1)
        );
    }
}
