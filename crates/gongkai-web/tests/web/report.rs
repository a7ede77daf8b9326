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
    let public = t.get("/11410721MB1C75730P/nianbao/2024", None).await;
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

#[tokio::test]
async fn table_two_is_imported_from_an_uploaded_report_file_into_the_form() {
    let t = TestApp::new("report_import").await;
    let r = t.login(Role::Registrar).await;
    let report = include_bytes!("../../../../test_data/reports/huaian-shi-2024.txt");
    let import = |year: &'static str| {
        let fields = [("csrf", r.csrf.clone()), ("year", year.to_string())];
        let t = &t;
        let r = &r;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            t.multipart(
                "/console/report/import",
                Some(r),
                &fields,
                &[("file", "淮安市2024年报.txt", report.as_slice())],
            )
            .await
        }
    };
    let done = import("2024").await;
    assert_eq!(
        done.location(),
        "/console/report?year=2024&msg=imported&rows=6"
    );
    let page = t.get(&done.location(), Some(&r)).await;
    assert!(page.text("#message").contains("导入表二6行"));
    let field = scraper::Selector::parse("#p\\.licensing\\.0").unwrap();
    let value = page
        .html()
        .select(&field)
        .next()
        .unwrap()
        .attr("value")
        .map(String::from);
    assert_eq!(
        value.as_deref(),
        Some("447228"),
        "行政许可 本年处理决定数量"
    );
    let refused = import("2025").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("2024年度的报告"));
    let draft = t
        .get("/console/report/draft.xlsx?year=2024", Some(&r))
        .await;
    assert_eq!(draft.status, StatusCode::OK);
    assert!(draft.body.starts_with("PK"), "an XLSX (zip) file");
}

/// Issue 17: the 2025 report cannot go out before 2026-01-01 nor with the prompt of section
/// 五 on it; the console says why beside the button, shows the deadline, previews exactly the
/// public page, and marks the version as published on time.
#[tokio::test]
async fn issue17_the_report_waits_for_the_year_end_and_a_written_section_five() {
    let t = TestApp::new("report_ready").await;
    let a = t.login(Role::Approver).await;
    let publish = |a: &crate::support::Session| {
        let fields = [("csrf", a.csrf.clone()), ("year", "2025".to_string())];
        let (t, a) = (&t, a.clone());
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            t.post("/console/report/publish", Some(&a), &fields).await
        }
    };
    let page = t.get("/console/report?year=2025", Some(&a)).await;
    let blockers = page.texts("#blockers li");
    assert_eq!(blockers.len(), 2, "{blockers:?}");
    assert!(blockers[0].contains("最早于2026年1月1日发布"));
    assert!(blockers[1].contains("五、存在的主要问题及改进情况"));
    let early = publish(&a).await;
    assert_eq!(early.status, StatusCode::BAD_REQUEST);
    assert!(early.body.contains("2025年度尚未结束"), "{}", early.body);

    crate::support::set_day(&t, "2026-01-05");
    let (r, a) = (
        t.login(Role::Registrar).await,
        t.login(Role::Approver).await,
    );
    let refused = publish(&a).await;
    assert_eq!(
        refused.status,
        StatusCode::BAD_REQUEST,
        "the prompt is still there"
    );
    assert!(refused.body.contains("仍是提示文字"));
    let inputs = [
        ("csrf", r.csrf.as_str()),
        ("year", "2025"),
        ("platform", "（四）平台建设：本镇专栏全年更新政府信息。"),
        ("problems", "主动公开的及时性有待提高，已建立每周更新制度。"),
    ];
    t.post("/console/report/inputs", Some(&r), &inputs).await;
    let page = t.get("/console/report?year=2025", Some(&a)).await;
    assert!(page.texts("#blockers li").is_empty());
    assert!(
        page.text("#preview").contains("（三）政府信息管理："),
        "data-filled draft"
    );
    assert!(page.text("#preview").contains("本镇专栏全年更新政府信息"));
    let preview = page
        .html()
        .select(&scraper::Selector::parse("#preview").unwrap())
        .next()
        .unwrap()
        .inner_html();
    assert_eq!(publish(&a).await.status, StatusCode::SEE_OTHER);
    let public = t.get("/11410721MB1C75730P/nianbao/2025", None).await;
    let body = public
        .html()
        .select(&scraper::Selector::parse(".report").unwrap())
        .next()
        .unwrap()
        .inner_html();
    assert_eq!(
        body.trim(),
        preview.trim(),
        "the preview is the public page"
    );
    let versions = t
        .get("/console/report?year=2025", Some(&a))
        .await
        .texts("#versions li");
    assert!(versions[0].contains("（按期发布）"), "{versions:?}");
}
