//! `serve --demo` (issues 6 and 7): a living portal, and the seed report's tables from the data.

use crate::support::app_on;
use gongkai_domain::check::{Severity, check};
use gongkai_store::testing;

#[tokio::test]
async fn the_demo_town_generates_the_seed_reports_tables() {
    let app = app_on(&testing::sqlite_url("demo")).await;
    app.clock().set(1_767_578_400_000); // 2026-01-05
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
    let town = app
        .store()
        .agencies()
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.name == "新乡县七里营镇人民政府")
        .unwrap();
    let computed = app.compute_report(town.id, 2025).await.unwrap();
    let seed = gongkai_report::parse(include_bytes!(
        "../../../../test_data/reports/qiliying-zhen-2025.txt"
    ))
    .report;
    for (ours, theirs) in [
        (&computed.applications, &seed.applications),
        (&computed.appeals, &seed.appeals),
        (&computed.proactive, &seed.proactive),
    ] {
        let (ours, theirs) = (ours.as_ref().unwrap(), theirs.as_ref().unwrap());
        for (row, col, cell) in theirs.iter() {
            if let Some(v) = cell.value() {
                assert_eq!(ours.value(row, col), Some(v), "row {row} col {col}");
            }
        }
    }
    let overview = &computed.sections[0].text;
    assert!(overview.contains("累计主动公开政府信息52条"), "{overview}");
    assert!(overview.contains("未收到政府信息公开申请"), "{overview}");
    let errors: Vec<_> = check(&computed, None)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
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
