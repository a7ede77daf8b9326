//! `serve --demo` (issues 6 and 7): a living portal, and the seed report's tables from the data.

use crate::support::app_on;
use gongkai_app::App;
use gongkai_domain::check::{Severity, check};
use gongkai_domain::layout::AppRowKind;
use gongkai_domain::report::Grid;
use gongkai_store::testing;

async fn demo_town(app: &App) -> i64 {
    let agencies = app.store().agencies().await.unwrap();
    let town = agencies
        .into_iter()
        .find(|a| a.name == "新乡县七里营镇人民政府");
    town.unwrap().id
}

/// The 总计 (or any) column of the first table 三 row of `kind`, as a whole number.
fn cell(table: &Grid, kind: AppRowKind, col: usize) -> i64 {
    let rows = gongkai_domain::report::Format::Current2021.application_rows();
    let row = rows.iter().position(|r| r.kind == kind).unwrap();
    table.value(row, col).unwrap().to_string().parse().unwrap()
}

/// Issue 20: the published 2025 report of the demo town is the one gongkai computes from the
/// town's own items and applications: no errors, all seven columns of table 三, the
/// applications spread over the year with one carried over, the seed's table 二.
#[tokio::test]
async fn issue20_the_demo_towns_published_report_is_the_computed_one() {
    let app = app_on(&testing::sqlite_url("demo")).await;
    app.clock().set(1_796_342_400_000); // 2026-12-04: the open cases fall in 2026
    let users = app.seed_demo().await.unwrap();
    let names: Vec<&str> = users.iter().map(|u| u.username.as_str()).collect();
    for expected in [
        "xian-pingtai",
        "xian-ducha",
        "keshi",
        "dangzhengban",
        "mz-bangongshi",
    ] {
        assert!(names.contains(&expected), "{expected} in {names:?}");
    }
    let town = demo_town(&app).await;
    let published = app.published_report(town, 2025).await.unwrap().report;
    let computed = app.compute_report(town, 2025).await.unwrap();
    let table = published.applications.as_ref().unwrap();
    assert_eq!(table.cols(), 7, "自然人 … 总计");
    assert_eq!(Some(table), computed.applications.as_ref());
    assert_eq!(published.proactive, computed.proactive);
    let total = |kind| cell(table, kind, 6);
    assert_eq!(
        [
            total(AppRowKind::New),
            total(AppRowKind::Total),
            total(AppRowKind::CarriedOut)
        ],
        [6, 5, 1]
    );
    let seed = gongkai_report::parse(include_bytes!(
        "../../../../test_data/reports/qiliying-zhen-2025.txt"
    ))
    .report;
    let (ours, theirs) = (
        published.proactive.as_ref().unwrap(),
        seed.proactive.unwrap(),
    );
    for (row, col, c) in theirs.iter() {
        if let Some(v) = c.value() {
            assert_eq!(
                ours.value(row, col),
                Some(v),
                "table 二 row {row} col {col}"
            );
        }
    }
    let overview = &published.sections[0].text;
    assert!(overview.contains("累计主动公开政府信息52条"), "{overview}");
    // The paragraphs the clerk wrote stand under their numbers and headings.
    assert!(
        overview.contains("\n（三）政府信息管理：一是健全责任分工机制"),
        "{overview}"
    );
    assert!(
        overview.contains("\n（四）平台建设：2025年，七里营镇"),
        "{overview}"
    );
    let errors: Vec<_> = check(&published, None)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// Issue 20: each demo item is under the 第二十条 item (or the 第二十一条 matter) its content
/// fits: 低保/特困/临时救助 under （十一） or 社会救助, budgets and 决算 under （七）, 机构职能
/// under （二）, no social assistance under （九）政府集中采购.
#[tokio::test]
async fn issue20_demo_items_are_classified_by_their_content() {
    let app = app_on(&testing::sqlite_url("demo-classes")).await;
    app.clock().set(1_796_342_400_000); // 2026-12-04
    app.seed_demo().await.unwrap();
    let items = app.store().public_items_after(0, 1000).await.unwrap();
    assert!(items.len() > 80, "{}", items.len());
    let rules: [(&[&str], &[i64]); 5] = [
        (&["临时救助", "低保", "最低生活保障", "特困"], &[11]),
        (&["预算", "决算"], &[7]),
        (&["机构职能"], &[2]),
        (&["防汛", "森林防火"], &[12]),
        (&["招标", "中标"], &[9]),
    ];
    for item in &items {
        let f = &item.fields;
        for (words, articles) in rules {
            if words.iter().any(|w| f.title.contains(w)) {
                let n = f.article20_item.unwrap_or(0);
                assert!(articles.contains(&n), "{} under （{n}）", f.title);
            }
        }
        if ["临时救助", "低保", "特困"]
            .iter()
            .any(|w| f.title.contains(w))
        {
            assert_eq!(f.article21_item.as_deref(), Some("社会救助"), "{}", f.title);
            assert_eq!(f.domain.as_deref(), Some("社会救助"), "{}", f.title);
        }
    }
    let budgets = items
        .iter()
        .filter(|i| i.fields.article20_item == Some(7))
        .count();
    assert!(budgets >= 10, "（七）财政预决算 holds {budgets} items");
}

/// Issue 15: the demo is the county's platform: the county, three towns and three
/// departments, each with published items; the departments have a year of applications;
/// the 县政务公开办 supervises from the county.
#[tokio::test]
async fn issue15_the_demo_is_a_county_platform_with_towns_and_departments() {
    let app = app_on(&testing::sqlite_url("demo-county")).await;
    app.clock().set(1_796_342_400_000); // 2026-12-04
    app.seed_demo().await.unwrap();
    let lines = app.directory_lines().await.unwrap();
    assert_eq!(lines.len(), 7);
    let departments = lines
        .iter()
        .filter(|l| l.agency.kind == gongkai_store::agencies::AgencyKind::Department)
        .count();
    assert_eq!(departments, 3);
    assert!(
        lines.iter().all(|l| l.this_year >= 1),
        "every agency published in 2026"
    );
    let supervisor = app.actor("xian-ducha").await.unwrap();
    assert_eq!(supervisor.agency_name, "新乡县人民政府");
    assert_eq!(app.overview(&supervisor).await.unwrap().len(), 7);
    assert!(app.actor("xian-pingtai").await.unwrap().is_platform_admin());
    let land = app.actor("zr-bangongshi").await.unwrap();
    let cases = app.work_list(&land).await.unwrap();
    assert_eq!(cases.len(), 6);
    assert!(
        cases.iter().any(|c| c.status.overdue),
        "an overdue case to supervise"
    );
    let notices = app.notices(&supervisor).await.unwrap();
    let states: Vec<&str> = notices.iter().map(|n| n.notice.state.label()).collect();
    assert_eq!(states.len(), 3, "{states:?}");
    for s in ["待整改", "待验收", "已验收"] {
        assert!(states.contains(&s), "{s} in {states:?}");
    }
    let dashboard = app.dashboard(&supervisor).await.unwrap();
    let row = dashboard
        .rows
        .iter()
        .find(|r| r.agency.id == land.agency_id)
        .unwrap();
    assert_eq!((row.overdue, row.notices.0), (1, 1));
    assert_eq!(
        row.late, 1,
        "a publication later than 条例第二十六条 allows"
    );
    let stale: Vec<&str> = row.stale.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(stale, ["财政预决算"], "栏目不更新: no 2026 budget");
    assert!(dashboard.rows.iter().any(|r| r.ratings.total > 0));
    let town = dashboard
        .rows
        .iter()
        .find(|r| r.agency.name == "新乡县七里营镇人民政府");
    let town = town.unwrap().report.clone().unwrap();
    assert!(
        !town.late(),
        "the seed report was published in time: {}",
        town.label()
    );
    assert!(
        !app.follow_ups(&land).await.unwrap().is_empty(),
        "a 差评 to follow up"
    );
    let report = app.compute_report(land.agency_id, 2025).await.unwrap();
    assert!(report.sections[0].text.contains("自然资源局"));
}
