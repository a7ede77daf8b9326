//! Issue 16, part 2 in the console: the county's supervisor reads its subordinates' reports of
//! a year (checked, on time or late, missing), issues a 整改 from a finding, and downloads the
//! regional roll-up.

use crate::support::{TestApp, set_day};
use axum::http::StatusCode;
use gongkai_domain::disclosure::Role;

const SEED: &[u8] = include_bytes!("../../../../test_data/reports/qiliying-zhen-2025.txt");

#[tokio::test]
async fn issue16_the_supervisor_checks_the_subtree_reports_and_downloads_the_roll_up() {
    let t = TestApp::new("subtree-reports").await;
    let county = t.app.agencies().await.unwrap()[0].id;
    t.staff(county, "xian-", "县政务公开办").await;
    t.department().await;
    let town = t.app.actor("registrar").await.unwrap();
    set_day(&t, "2026-03-20");
    t.app
        .publish_report_file(town.agency_id, 2025, SEED, town.user_id, "registrar")
        .await
        .unwrap();
    set_day(&t, "2026-04-10");
    let s = t.login_as("xian-supervisor").await;
    let page = t.get("/console/ducha/nianbao?year=2025", Some(&s)).await;
    assert_eq!(page.status, StatusCode::OK);
    let status = page.texts("#subtree-reports tbody td.status");
    assert_eq!(status, ["2026-03-20按时发布", "逾期未发布"]);
    assert_eq!(
        page.texts("#subtree-reports tbody tr.overdue th"),
        ["新乡县民政局"]
    );
    assert_eq!(page.texts("#missing li"), ["新乡县民政局"]);
    assert_eq!(page.texts("#included li"), ["新乡县七里营镇人民政府"]);
    let xlsx = page.link("#rollup-downloads a[href$='format=xlsx']");
    assert!(t.get_bytes(&xlsx, Some(&s)).await.starts_with(b"PK"));
    let md = t
        .get(
            &page.link("#rollup-downloads a[href$='format=md']"),
            Some(&s),
        )
        .await;
    assert!(md.body.contains("1个机关汇总"), "{}", md.body);
    let form = t
        .get(&page.link("#subtree-reports a.issue-finding"), Some(&s))
        .await;
    let subject = form.text("#issue-notice #subject");
    assert!(
        subject.contains("2025年度") && subject.contains("逾期未发布"),
        "{subject}"
    );
    assert_eq!(form.texts("#agency option[selected]"), ["新乡县民政局"]);
    let clerk = t.login(Role::Registrar).await;
    let refused = t.get("/console/ducha/nianbao", Some(&clerk)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
