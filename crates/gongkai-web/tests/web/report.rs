//! The console's 年度报告 (issue 7): figures from other systems, publication with zero errors,
//! a correction as a new visible version.

use crate::support::TestApp;
use axum::http::StatusCode;
use gongkai_domain::disclosure::Role;

#[tokio::test]
async fn the_report_is_computed_entered_published_and_corrected_with_a_visible_note() {
    let t = TestApp::new("report_console").await;
    let (r, a) = (
        t.login(Role::Registrar).await,
        t.login(Role::Approver).await,
    );
    let page = t.get("/console/report?year=2024", Some(&r)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.texts("#findings li.error").is_empty(),
        "{:?}",
        page.texts("#findings li")
    );
    let inputs = [
        ("csrf", r.csrf.as_str()),
        ("year", "2024"),
        ("p.licensing.0", "12"),
        ("problems", "公开内容还不够全面。"),
    ];
    assert_eq!(
        t.post("/console/report/inputs", Some(&r), &inputs)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let page = t.get("/console/report?year=2024", Some(&a)).await;
    assert!(page.text("#preview").contains("公开内容还不够全面。"));
    assert!(
        page.texts("#preview td").iter().any(|c| c == "12"),
        "the entered figure is in table 二"
    );

    let publish = |note: &'static str| {
        let csrf = a.csrf.clone();
        let t = &t;
        let a = &a;
        async move {
            t.post(
                "/console/report/publish",
                Some(a),
                &[("csrf", &csrf), ("year", "2024"), ("note", note)],
            )
            .await
        }
    };
    assert_eq!(publish("").await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        publish("").await.status,
        StatusCode::BAD_REQUEST,
        "a correction needs its note"
    );
    assert_eq!(
        publish("更正表二行政许可数量").await.status,
        StatusCode::SEE_OTHER
    );
    let agency = a_agency(&t).await;
    let public = t.get(&format!("/nianbao/{agency}/2024"), None).await;
    assert_eq!(
        public.text("#correction"),
        "更正说明（第 2 版）：更正表二行政许可数量"
    );
    assert_eq!(
        t.get("/console/report?year=2024", Some(&a))
            .await
            .texts("#versions li")
            .len(),
        2
    );
}

async fn a_agency(t: &TestApp) -> i64 {
    t.app.actor("approver").await.unwrap().agency_id
}
