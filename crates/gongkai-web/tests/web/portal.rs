//! The public 专栏 (issue 6): catalogue, 指南, search, 年报 column.

use crate::support::{PUBLISHED, TestApp};
use axum::http::StatusCode;
use gongkai_app::settings::AgencySettings;
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::Action;

#[tokio::test]
async fn the_catalogue_lists_published_items_only_with_abolished_ones_marked() {
    let t = TestApp::new("catalogue").await;
    for i in 0..22 {
        t.item(&format!("第{i}号公示"), "正文", &PUBLISHED).await;
    }
    t.item("草稿不公开", "正文", &[]).await;
    let abolished = t.item("已废止的办法", "正文", &PUBLISHED).await;
    let registrar = t.app.actor("registrar").await.unwrap();
    t.app
        .act(
            &registrar,
            abolished,
            &Action::Abolish {
                on: Date::parse("2025-06-03").unwrap(),
            },
        )
        .await
        .unwrap();
    let page = t.get("/11410721MB1C75730P/fdzdgknr", None).await;
    assert_eq!(page.text("#total"), "23");
    assert_eq!(page.texts("#catalogue tbody tr").len(), 20);
    assert!(!page.body.contains("草稿不公开"));
    assert_eq!(
        page.text("#catalogue tr.abolished td:nth-child(2) a"),
        "已废止的办法"
    );
    assert_eq!(
        page.texts("#catalogue td:first-child")[0].len(),
        "11410721MB1C75730P/2025-00023".len()
    );
    let second = t.get("/11410721MB1C75730P/fdzdgknr?page=2", None).await;
    assert_eq!(second.texts("#catalogue tbody tr").len(), 3);
    let valid = t
        .get("/11410721MB1C75730P/fdzdgknr?validity=valid", None)
        .await;
    assert_eq!(valid.text("#total"), "22");
    let api = t.get("/api/items?limit=5", None).await;
    let json: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(
        (
            json["total"].as_i64(),
            json["items"].as_array().map(Vec::len)
        ),
        (Some(23), Some(5))
    );
}

#[tokio::test]
async fn the_guide_is_generated_from_the_agency_settings() {
    let t = TestApp::new("guide").await;
    let admin = t.app.actor("admin").await.unwrap();
    let s = AgencySettings {
        office: "七里营镇党政办公室".into(),
        address: "七里营镇人民路1号".into(),
        phone: "0373-5561001".into(),
        channels: vec!["online".into(), "fax".into()],
        rules: "第一条 本制度依据条例制定。\n第二条 先审查、后公开。".into(),
        ..AgencySettings::default()
    };
    t.app.save_settings(&admin, &s).await.unwrap();
    let page = t.get("/11410721MB1C75730P/zhinan", None).await;
    assert!(page.text("#contacts").contains("七里营镇人民路1号"));
    assert_eq!(page.texts("#channels li").len(), 2);
    assert!(page.texts("#fees li")[0].starts_with("按件计收"));
    let rules = t.get("/11410721MB1C75730P/zhidu", None).await;
    assert_eq!(
        rules.texts("main p"),
        vec!["第一条 本制度依据条例制定。", "第二条 先审查、后公开。"]
    );
}

#[tokio::test]
async fn search_highlights_partial_words_and_puts_an_exact_index_number_first() {
    let t = TestApp::new("web_search").await;
    t.item(
        "七里营镇政府信息公开工作要点",
        "做好政府信息公开。",
        &PUBLISHED,
    )
    .await;
    let second = t
        .item("关于公开招聘的公告", "公开招聘公益性岗位。", &PUBLISHED)
        .await;
    t.item("未审批的信息公开草稿", "草稿。", &[Action::Submit])
        .await;
    let page = t
        .get(
            "/11410721MB1C75730P/search?q=%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80",
            None,
        )
        .await;
    assert_eq!(page.text("#total"), "1");
    assert_eq!(page.texts("#hits li a mark"), vec!["信息公开"]);
    let exact = t
        .get(
            "/11410721MB1C75730P/search?q=11410721MB1C75730P%2F2025-00002",
            None,
        )
        .await;
    let first = exact.link("#hits li a");
    assert_eq!(first, format!("/11410721MB1C75730P/xxgk/{second}"));
}

#[tokio::test]
async fn the_report_column_renders_published_reports_with_downloads() {
    let t = TestApp::new("nianbao").await;
    let registrar = t.app.actor("registrar").await.unwrap();
    let text = include_bytes!("../../../../test_data/reports/qiliying-zhen-2025.txt");
    t.app
        .publish_report_file(
            registrar.agency_id,
            2025,
            text,
            registrar.user_id,
            "registrar",
        )
        .await
        .unwrap();
    let list = t.get("/11410721MB1C75730P/nianbao", None).await;
    assert_eq!(list.texts("#reports li").len(), 1);
    let path = "/11410721MB1C75730P/nianbao/2025".to_string();
    let old = t
        .get(&format!("/nianbao/{}/2025", registrar.agency_id), None)
        .await;
    assert_eq!(old.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(old.location(), path);
    let page = t.get(&path, None).await;
    assert_eq!(
        page.text("#report-agency"),
        "发布机关：新乡县七里营镇人民政府"
    );
    assert!(page.texts(".report table").len() >= 3, "tables 二, 三, 四");
    assert_eq!(page.texts("#downloads a").len(), 4);
    for (ext, magic) in [("docx", "PK"), ("xlsx", "PK"), ("json", "{")] {
        let file = t.get(&format!("{path}.{ext}"), None).await;
        assert_eq!(file.status, StatusCode::OK, "{ext}");
        assert!(file.body.starts_with(magic), "{ext}");
    }
}

/// Issue 14: the JSON API is a contract. Its field names are exactly these, whatever the
/// store's columns are called.
#[tokio::test]
async fn issue14_the_json_api_keeps_its_field_names() {
    let t = TestApp::new("api-contract").await;
    t.item("关于公开招标的公告", "公开招标。", &PUBLISHED).await;
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    let items: serde_json::Value =
        serde_json::from_str(&t.get("/api/items", None).await.body).unwrap();
    assert_eq!(keys(&items), ["items", "total"]);
    assert_eq!(
        keys(&items["items"][0]),
        [
            "article20_item",
            "doc_no",
            "id",
            "index_no",
            "published_on",
            "summary",
            "title",
            "topic",
            "url",
            "validity",
            "written_on"
        ]
    );
    let found: serde_json::Value =
        serde_json::from_str(&t.get("/api/search?q=%E5%85%AC%E5%BC%80", None).await.body).unwrap();
    assert_eq!(keys(&found), ["estimated", "hits", "total"]);
    assert_eq!(
        keys(&found["hits"][0]),
        [
            "doc_no",
            "id",
            "index_no",
            "published_on",
            "score",
            "title",
            "url",
            "validity"
        ]
    );
    assert_eq!(
        found["hits"][0]["url"],
        format!("/11410721MB1C75730P/xxgk/{}", found["hits"][0]["id"])
    );
}
