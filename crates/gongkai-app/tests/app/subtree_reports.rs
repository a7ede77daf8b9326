//! Issue 16, part 2: the supervisor's view of its subordinates' 年度报告 for a year: each
//! checked with its previous year's report, the agencies missing past 条例第四十九条's
//! deadline, and the regional roll-up of the reports without errors (the others refused).

use crate::support::{account, app_on, at, two_towns};
use gongkai_app::App;
use gongkai_app::reports::{Download, report_bytes};
use gongkai_app::testing;
use gongkai_domain::check::Severity;
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::Role;
use gongkai_store::agencies::AgencyKind;

const SEED: &str = include_str!("../../../../test_data/reports/qiliying-zhen-2025.txt");

/// The seed with table 三's new applications changed in one column only: the table no
/// longer adds up.
fn broken() -> String {
    SEED.replacen(
        "一、本年新收政府信息公开申请数量\t\t0",
        "一、本年新收政府信息公开申请数量\t\t3",
        1,
    )
}

/// Publishes report text as it is (even with errors, as an older system would have).
async fn publish_as_is(app: &App, agency: i64, year: i64, text: &str, on: &str) {
    at(app, on);
    let report = gongkai_report::parse(text.as_bytes()).report;
    let body = gongkai_report::json::write(&report, &[]);
    let mut tx = app.store().begin().await.unwrap();
    let ms = app.clock().now_ms();
    tx.publish_report((agency, year), &body, "", 1, "test", ms)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn issue16_the_subtree_reports_are_checked_with_last_year_and_rolled_up() {
    for url in gongkai_store::testing::each_backend_url("subtree-reports").await {
        let app = app_on(&url).await;
        let (county, town, other) = two_towns(&app).await;
        let dept = AgencyKind::Department;
        let mz = testing::agency(
            &app,
            Some(county),
            "11410721005570030M",
            "新乡县民政局",
            dept,
        );
        mz.await.unwrap();
        account(&app, county, "ducha", Role::Supervisor).await;
        account(&app, town, "dzb", Role::Registrar).await;
        // The town: 2024 and 2025 (the same text: last year's report is compared with it).
        publish_as_is(&app, town, 2024, SEED, "2025-03-01").await;
        publish_as_is(&app, town, 2025, SEED, "2026-03-20").await;
        // 朗公庙镇: a report that does not add up, published after 03-31.
        publish_as_is(&app, other, 2025, &broken(), "2026-04-02").await;
        at(&app, "2026-04-10");
        let ducha = app.actor("ducha").await.unwrap();
        let r = app.subtree_reports(&ducha, 2025).await.unwrap();
        let names: Vec<&str> = r.lines.iter().map(|l| l.agency.name.as_str()).collect();
        assert_eq!(
            names,
            ["新乡县七里营镇人民政府", "朗公庙镇", "新乡县民政局"]
        );
        let (t, o, m) = (&r.lines[0], &r.lines[1], &r.lines[2]);
        assert!(t.with_previous, "checked with its 2024 report");
        assert_eq!(t.errors(), 0);
        assert!(
            t.findings
                .iter()
                .any(|f| f.rule.code() == "cross-year-identical" && f.severity == Severity::Warning),
            "the cross-year rules ran: {:?}",
            t.findings
        );
        assert_eq!(t.published_on, Some(Date::parse("2026-03-20").unwrap()));
        assert!(!t.late(r.today));
        assert!(o.late(r.today) && o.errors() > 0, "{:?}", o.findings);
        assert_eq!(o.status(r.today), "2026-04-02逾期发布");
        assert_eq!(m.status(r.today), "逾期未发布");
        let missing: Vec<&str> = r.missing().iter().map(|l| l.agency.name.as_str()).collect();
        assert_eq!(missing, ["新乡县民政局"], "部门: due 01-31");
        assert_eq!(r.rollup.included, ["新乡县七里营镇人民政府"]);
        assert_eq!(r.rollup.refused.len(), 1);
        assert_eq!(r.rollup.refused[0].0, "朗公庙镇");
        assert!(
            r.rollup.refused[0].1.contains("错误"),
            "{:?}",
            r.rollup.refused
        );
        let sum = r.rollup.report.clone().unwrap();
        assert!(
            sum.title
                .as_deref()
                .unwrap_or_default()
                .contains("1个机关汇总")
        );
        let text = String::from_utf8(report_bytes(&sum, Download::Text).unwrap()).unwrap();
        assert!(text.contains("新乡县七里营镇人民政府"), "{text}");
        let docx = report_bytes(&sum, Download::Docx).unwrap();
        assert!(docx.starts_with(b"PK"));
        let dzb = app.actor("dzb").await.unwrap();
        assert!(
            app.subtree_reports(&dzb, 2025).await.is_err(),
            "supervisors only"
        );
    }
}
