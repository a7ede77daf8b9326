//! Issue 16: the supervisor's dashboard, every figure of three agencies against a hand count
//! (a late item, an application overdue across 清明, one due soon, an average answer time,
//! reports on time, late and missing against 条例第四十九条's deadlines).

use crate::support::{account, app_on, at};
use gongkai_app::App;
use gongkai_app::cases::ApplicationInput;
use gongkai_app::dashboard::ReportStatus;
use gongkai_app::testing;
use gongkai_domain::clock::{AnswerText, ApplicantType, Channel, Date, Outcome};
use gongkai_domain::disclosure::{Action, ItemFields, Role};
use gongkai_domain::rating::Level;
use gongkai_store::agencies::AgencyKind;

const SEED: &[u8] = include_bytes!("../../../../test_data/reports/qiliying-zhen-2025.txt");

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

async fn item(app: &App, written: &str, published: &str) -> i64 {
    let who = |n: &str| {
        let n = n.to_string();
        async move { app.actor(&n).await.unwrap() }
    };
    at(app, published);
    let f = ItemFields {
        title: format!("{written}形成的通知"),
        summary: "通知的内容概述。".into(),
        publisher: "新乡县七里营镇人民政府".into(),
        written_on: Some(day(written)),
        article20_item: Some(15),
        ..ItemFields::default()
    };
    let id = app.create_item(&who("keshi").await, &f).await.unwrap();
    for (user, step) in [
        ("keshi", Action::Submit),
        ("dzb", Action::Register),
        ("lingdao", Action::Approve),
    ] {
        app.act(&who(user).await, id, &step).await.unwrap();
    }
    id
}

async fn case(app: &App, registrar: &str, received: &str, answered: Option<&str>) {
    let actor = app.actor(registrar).await.unwrap();
    at(app, received);
    let input = ApplicationInput {
        applicant_type: Some(ApplicantType::NaturalPerson),
        name: "王五".into(),
        id_no: "11010519491231002X".into(),
        contact: "13900000000".into(),
        request: "2025年七里营村道路硬化工程的招标文件".into(),
        ..ApplicationInput::default()
    };
    let r = app
        .register_case(&actor, &input, Channel::InPerson, day(received))
        .await
        .unwrap();
    if let Some(a) = answered {
        at(app, a);
        let text = AnswerText {
            reason: String::new(),
            delivery: "当面领取纸质文本".into(),
        };
        let answer = (day(a), Outcome::Granted);
        app.record_answer(&actor, r.id, answer, &text)
            .await
            .unwrap();
    }
}

async fn report(app: &App, agency: i64, registrar: &str, published: &str) {
    let actor = app.actor(registrar).await.unwrap();
    at(app, published);
    app.publish_report_file(agency, 2025, SEED, actor.user_id, registrar)
        .await
        .unwrap();
}

#[tokio::test]
async fn issue16_the_dashboard_counts_what_a_supervisor_would_count_by_hand() {
    for url in gongkai_store::testing::each_backend_url("dashboard").await {
        let app = app_on(&url).await;
        let (county, town) = testing::qiliying(&app, true).await.unwrap();
        let county = county.unwrap();
        let dept = testing::agency(
            &app,
            Some(county),
            "11410721005570030M",
            "新乡县民政局",
            AgencyKind::Department,
        )
        .await
        .unwrap();
        account(&app, county, "ducha", Role::Supervisor).await;
        for (name, role) in [
            ("keshi", Role::Drafter),
            ("dzb", Role::Registrar),
            ("lingdao", Role::Approver),
        ] {
            account(&app, town, name, role).await;
        }
        account(&app, dept, "mz-dzb", Role::Registrar).await;

        // 七里营镇: formed 2026-03-02, due in 20 working days (2026-03-30), published 04-10:
        // late; formed 04-08, published 04-10: on time.
        item(&app, "2026-03-02", "2026-04-10").await;
        let rated = item(&app, "2026-04-08", "2026-04-10").await;
        // 社会评议: 非常满意, 基本满意, 不满意: 满意率 2/3.
        for level in [Level::VerySatisfied, Level::Basic, Level::Dissatisfied] {
            app.rate_item(town, rated, level, "").await.unwrap();
        }
        // Received 03-09, due 04-07 (清明 04-04..06 is not counted); on 04-10 three
        // working days late (04-08, 04-09, 04-10).
        case(&app, "dzb", "2026-03-09", None).await;
        // Received 02-02, answered 02-10: six working days (02-03..06, 02-09, 02-10).
        case(&app, "dzb", "2026-02-02", Some("2026-02-10")).await;
        // 县民政局: received 03-13, due 04-13: one working day left on 04-10 (due soon);
        // received 04-03, sixteen left.
        case(&app, "mz-dzb", "2026-03-13", None).await;
        case(&app, "mz-dzb", "2026-04-03", None).await;
        // 2025 reports: the town (人民政府, due 2026-03-31) on 03-20, on time; the department
        // (部门, due 2026-01-31) on 02-05, late; the county none by 04-10.
        report(&app, town, "dzb", "2026-03-20").await;
        report(&app, dept, "mz-dzb", "2026-02-05").await;

        at(&app, "2026-04-10");
        let ducha = app.actor("ducha").await.unwrap();
        let d = app.dashboard(&ducha).await.unwrap();
        assert_eq!(d.report_year, 2025);
        let row = |name: &str| {
            d.rows
                .iter()
                .find(|r| r.agency.name == name)
                .unwrap()
                .clone()
        };
        let (c, t, m) = (
            row("新乡县人民政府"),
            row("新乡县七里营镇人民政府"),
            row("新乡县民政局"),
        );
        assert_eq!(
            d.rows[0].agency.name, "新乡县人民政府",
            "the supervisor's own first"
        );

        assert_eq!((t.published_year, t.published_month, t.late), (2, 2, 1));
        assert_eq!(
            (t.open, t.overdue, t.overdue_days, t.due_soon),
            (1, 1, 3, 0)
        );
        // Overdue at the end of each month: not on 03-31 (due 04-07), on "April's end" today.
        assert_eq!(t.overdue_per_month, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            m.overdue_per_month, [0; 12],
            "nothing of the 民政局's is late"
        );
        assert_eq!((t.answered, t.average_days), (1, Some(6.0)));
        assert_eq!((t.ratings.total, t.ratings.satisfied), (3, 2));
        assert_eq!(t.ratings.label(), "3 次评价，满意率 66.7%");
        assert_eq!(m.ratings.total, 0);
        assert_eq!(
            t.report,
            Some(ReportStatus::Published {
                on: day("2026-03-20"),
                due: day("2026-03-31"),
                errors: 0,
                warnings: t.report.as_ref().map_or(0, warnings),
            })
        );
        assert!(!t.report.as_ref().unwrap().late());

        assert_eq!((m.open, m.due_soon, m.overdue, m.answered), (2, 1, 0, 0));
        let late = m.report.clone().unwrap();
        assert!(late.late(), "{late:?}");
        assert!(
            late.label().starts_with("2026-02-05逾期发布"),
            "{}",
            late.label()
        );

        assert_eq!(
            c.report,
            Some(ReportStatus::Missing {
                due: day("2026-03-31")
            })
        );
        assert_eq!((c.published_year, c.open), (0, 0));
        let never = vec![("财政预决算".to_string(), None)];
        assert_eq!(
            (&t.stale, &m.stale),
            (&never, &never),
            "栏目不更新 (default column, a year)"
        );

        let table = d.table();
        assert_eq!(table[0][0], "机关");
        assert_eq!(table.len(), 4);
        let width = gongkai_app::dashboard::COLUMNS.len();
        assert!(
            table.iter().all(|r| r.len() == width),
            "every row has every column"
        );
        let town_row = table
            .iter()
            .find(|r| r[0] == "新乡县七里营镇人民政府")
            .unwrap();
        assert_eq!(town_row[12], "3 次评价，满意率 66.7%");
        assert_eq!(town_row[14], "财政预决算（从未更新）");

        let town_staff = app.actor("dzb").await.unwrap();
        assert!(
            app.dashboard(&town_staff).await.is_err(),
            "a registrar has no dashboard"
        );
    }
}

fn warnings(r: &ReportStatus) -> usize {
    match r {
        ReportStatus::Published { warnings, .. } => *warnings,
        _ => usize::MAX,
    }
}
