//! 依申请公开 on the web (issue 7): the citizen's form, receipt and tracking page, the console's
//! work list, and privacy.

use crate::support::{Page, TestApp, enc};
use axum::http::StatusCode;
use gongkai_domain::disclosure::Role;

const NAME: &str = "王小明";
const ID_NO: &str = "11010519491231002X";

async fn apply(t: &TestApp) -> (String, String) {
    let form = [
        ("applicant_type", "natural_person"),
        ("name", NAME),
        ("id_no", ID_NO),
        ("contact", "13812345678"),
        ("address", "七里营镇七里营村"),
        ("request", "七里营村2025年道路硬化工程招标文件"),
        ("provision", "电子邮件"),
    ];
    let page = t.post("/11410721MB1C75730P/ysqgk", None, &form).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    (page.text("#code"), page.text("#password"))
}

async fn track(t: &TestApp, code: &str, password: &str) -> Page {
    t.post(
        "/ysqgk/chaxun",
        None,
        &[("code", code), ("password", password)],
    )
    .await
}

#[tokio::test]
async fn a_citizen_applies_and_follows_the_case_with_code_and_password() {
    let t = TestApp::new("web_apply").await;
    t.item(
        "七里营村道路硬化工程招标公告",
        "招标文件见附件。",
        &crate::support::PUBLISHED,
    )
    .await;
    t.item("秋季防火通知", "严禁野外用火。", &crate::support::PUBLISHED)
        .await;
    let (code, password) = apply(&t).await;
    let page = track(&t, &code, &password).await;
    assert_eq!(page.text("#state"), "待确认收到");
    assert_eq!(
        track(&t, &code, "wrong").await.status,
        StatusCode::NOT_FOUND
    );

    let r = t.login(Role::Registrar).await;
    let list = t.get("/console/cases", Some(&r)).await;
    assert_eq!(list.texts("#cases td.name"), vec!["王**"]);
    assert_eq!(list.texts("#cases td.id-no"), vec!["110***********002X"]);
    let link = list.link("#cases a");
    let case = t.get(&link, Some(&r)).await;
    assert!(
        case.text("#applicant").contains(ID_NO),
        "the registrar sees the full data"
    );
    for (kind, on) in [
        ("confirmed", "2025-06-03"),
        ("correction_requested", "2025-06-03"),
    ] {
        let done = t
            .post(
                &format!("{link}/events"),
                Some(&r),
                &[("csrf", &r.csrf), ("kind", kind), ("on", on)],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{kind}: {}", done.body);
    }
    let page = track(&t, &code, &password).await;
    assert_eq!(page.text("#state"), "待申请人补正");
    let case = t.get(&link, Some(&r)).await;
    let files = case.links("#letters a");
    assert_eq!(files.len(), 2, "the 补正告知书 as DOCX and PDF");
    let docx = t.get(&files[0], Some(&r)).await;
    assert!(docx.body.starts_with("PK"));
    let pdf = t.get(&files[1], Some(&r)).await;
    assert_eq!(pdf.headers.get("content-type").unwrap(), "application/pdf");
    assert!(pdf.body.starts_with("%PDF"));
    assert!(
        page.texts("#events li")
            .iter()
            .any(|e| e.contains("告知补正"))
    );

    let answer = [
        ("csrf", r.csrf.as_str()),
        ("kind", "answered"),
        ("on", "2025-06-03"),
        ("outcome", ""),
    ];
    let no_outcome = t.post(&format!("{link}/events"), Some(&r), &answer).await;
    assert_eq!(no_outcome.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_applicants_name_and_id_number_appear_on_no_public_page_and_in_no_search_result() {
    let t = TestApp::new("privacy").await;
    let (code, password) = apply(&t).await;
    t.item(
        "七里营村道路硬化工程招标公告",
        "招标文件见附件。",
        &crate::support::PUBLISHED,
    )
    .await;
    let q = enc(NAME);
    let pages = [
        "/".to_string(),
        "/11410721MB1C75730P/zhinan".into(),
        "/11410721MB1C75730P/zhidu".into(),
        "/11410721MB1C75730P/fdzdgknr".into(),
        "/11410721MB1C75730P/nianbao".into(),
        "/11410721MB1C75730P/ysqgk".into(),
        format!("/11410721MB1C75730P/search?q={q}"),
        format!("/11410721MB1C75730P/search?q={ID_NO}"),
        format!("/11410721MB1C75730P/search?q={}", enc("道路硬化")),
        format!("/api/search?q={q}"),
        format!("/api/search?q={ID_NO}"),
        "/api/items".into(),
    ];
    for path in pages {
        let page = t.get(&path, None).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        // The search page repeats what was typed in its search box; the results must not.
        let shown = if path.starts_with("/11410721MB1C75730P/search") {
            page.texts("#hits").join("")
        } else {
            page.body.clone()
        };
        assert!(
            !shown.contains(NAME) && !shown.contains(ID_NO),
            "{path} shows applicant data"
        );
    }
    let tracked = track(&t, &code, &password).await;
    assert!(
        !tracked.body.contains(ID_NO),
        "the tracking page shows progress, not identity"
    );
    let hits = t
        .app
        .search(&gongkai_search::Query {
            text: NAME.into(),
            limit: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(hits.total, 0);
}

const FORM: [(&str, &str); 5] = [
    ("applicant_type", "natural_person"),
    ("name", NAME),
    ("id_no", ID_NO),
    ("contact", "13812345678"),
    ("request", "七里营村2025年道路硬化工程招标文件"),
];

#[tokio::test]
async fn files_sent_with_an_application_reach_only_the_registrar_and_a_fake_file_is_refused_keeping_the_form()
 {
    let t = TestApp::new("apply_files").await;
    let fake = [("files", "身份证.pdf", b"MZ not a pdf".as_slice())];
    let page = t
        .multipart("/11410721MB1C75730P/ysqgk", None, &FORM, &fake)
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text("#form-error").contains("内容与扩展名 .pdf 不符"));
    assert_eq!(
        page.html()
            .select(&sel("#name"))
            .next()
            .unwrap()
            .attr("value"),
        Some(NAME)
    );

    let pdf = b"%PDF-1.7\n% scanned ID card\n";
    let files = [
        ("files", "王小明身份证.pdf", pdf.as_slice()),
        ("files", "", b"".as_slice()),
    ];
    let page = t
        .multipart("/11410721MB1C75730P/ysqgk", None, &FORM, &files)
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let s = t.login(Role::Registrar).await;
    let list = t.get("/console/cases", Some(&s)).await;
    let case = list.link("#cases tbody a");
    let case_page = t.get(&case, Some(&s)).await;
    assert_eq!(case_page.texts("#files li a"), ["王小明身份证.pdf"]);
    let link = case_page.link("#files li a");
    let file = t.get(&link, Some(&s)).await;
    assert_eq!(
        (file.status, file.body.as_bytes()),
        (StatusCode::OK, pdf.as_slice())
    );
    assert_eq!(t.get(&link, None).await.status, StatusCode::SEE_OTHER);
    let drafter = t.login(Role::Drafter).await;
    assert_eq!(
        t.get(&link, Some(&drafter)).await.status,
        StatusCode::FORBIDDEN
    );
    let search = t
        .get(&format!("/api/search?q={}", enc("身份证")), None)
        .await;
    assert!(!search.body.contains("王小明身份证"), "{}", search.body);
}

fn sel(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap()
}

#[tokio::test]
async fn files_over_the_limit_are_refused_with_the_limit_in_words() {
    let t = TestApp::new("apply_too_large").await;
    let big = vec![b'%'; 22 * 1024 * 1024];
    let page = t
        .multipart(
            "/11410721MB1C75730P/ysqgk",
            None,
            &FORM,
            &[("files", "大文件.pdf", big.as_slice())],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.text("main").contains("附件合计不超过 20 MB"),
        "{}",
        page.text("main")
    );
}
