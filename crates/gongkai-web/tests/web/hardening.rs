//! Issue 13: no request from the internet can stop the service, exhaust its memory or show a
//! framework's English text.

use crate::support::{PUBLISHED, Page, TestApp};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// Texts of the framework (axum, serde, sqlx) that must never reach a visitor.
const ENGLISH: [&str; 9] = [
    "Failed to",
    "Invalid URL",
    "Cannot parse",
    "Error parsing",
    "deserialize",
    "missing field",
    "invalid digit",
    "sqlx",
    "error returned from database",
];

fn assert_chinese_error(page: &Page, what: &str) {
    for text in ENGLISH {
        assert!(
            !page.body.contains(text),
            "{what}: English text «{text}» in\n{}",
            page.body
        );
    }
    assert!(
        page.headers.contains_key("x-gongkai-error"),
        "{what}: no stable code ({}):\n{}",
        page.status,
        page.body
    );
    assert!(
        page.body
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{what}: no Chinese message:\n{}",
        page.body
    );
}

#[tokio::test]
async fn issue13_deep_search_pages_are_refused_and_the_server_keeps_answering() {
    let t = TestApp::new("deep-search").await;
    t.item("关于公开招标的公告", "公开招标。", &PUBLISHED).await;
    for path in [
        "/11410721MB1C75730P/search?q=%E5%85%AC%E5%BC%80&page=4294967295",
        "/11410721MB1C75730P/search?q=%E5%85%AC%E5%BC%80&page=200000000",
        "/11410721MB1C75730P/search?q=%E5%85%AC%E5%BC%80&page=9223372036854775807",
        "/11410721MB1C75730P/search?q=%E5%85%AC%E5%BC%80&page=-1",
        "/11410721MB1C75730P/fdzdgknr?page=9223372036854775807",
        "/api/search?q=%E5%85%AC%E5%BC%80&offset=42949672950",
        "/api/items?offset=9223372036854775807",
    ] {
        let started = Instant::now();
        let page = t.get(path, None).await;
        assert_eq!(
            page.status,
            StatusCode::BAD_REQUEST,
            "{path}: {}",
            page.body
        );
        assert_chinese_error(&page, path);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{path} took {:?}",
            started.elapsed()
        );
    }
    let ok = t
        .get("/11410721MB1C75730P/search?q=%E5%85%AC%E5%BC%80", None)
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.texts("#hits li").len(), 1, "{}", ok.body);
}

#[tokio::test]
async fn issue13_a_page_past_the_last_one_shows_the_last_page() {
    let t = TestApp::new("past-last").await;
    t.item("关于公开招标的公告", "公开招标。", &PUBLISHED).await;
    let search = t
        .get(
            "/11410721MB1C75730P/search?q=%E5%85%AC%E5%BC%80&page=999",
            None,
        )
        .await;
    assert_eq!(search.status, StatusCode::SEE_OTHER);
    assert!(
        search.location().contains("page=1"),
        "{}",
        search.location()
    );
    let catalogue = t.get("/11410721MB1C75730P/fdzdgknr?page=50", None).await;
    assert_eq!(catalogue.status, StatusCode::SEE_OTHER);
    assert_eq!(catalogue.location(), "/11410721MB1C75730P/fdzdgknr?page=1");
}

#[tokio::test]
async fn issue13_report_years_outside_2000_to_next_year_are_refused() {
    let t = TestApp::new("year-range").await;
    let s = t.login(gongkai_domain::disclosure::Role::Registrar).await;
    for path in ["/console/report?year=-5", "/console/report?year=99999"] {
        let page = t.get(path, Some(&s)).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
        assert_chinese_error(&page, path);
        assert!(!page.body.contains("-5年"));
    }
    let page = t.get("/11410721MB1C75730P/fdzdgknr?year=-5", None).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(page.text("#error-code"), "invalid-parameter");
}

/// Every kind of malformed request the framework itself refuses.
#[tokio::test]
async fn issue13_framework_rejections_are_chinese_pages_with_codes() {
    let t = TestApp::new("rejections").await;
    let gets = [
        "/11410721MB1C75730P/xxgk/abc",
        "/11410721MB1C75730P/xxgk/99999999999999999999",
        "/11410721MB1C75730P/nianbao/x",
        "/no/such/page",
        "/api/items?limit=abc",
        "/console/report?year=abc",
        "/11410721MB1C75730P/large-text?on=%FF%FE",
    ];
    for path in gets {
        let page = t.get(path, None).await;
        assert!(
            page.status.is_client_error() || page.status.is_redirection(),
            "{path}: {}",
            page.status
        );
        if page.status.is_client_error() {
            assert_chinese_error(&page, path);
        }
    }
    let posts = [
        (
            "/login",
            "application/json",
            "{\"username\":1}".as_bytes().to_vec(),
        ),
        (
            "/login",
            "application/x-www-form-urlencoded",
            b"username".to_vec(),
        ),
        (
            "/11410721MB1C75730P/ysqgk",
            "multipart/form-data; boundary=x",
            b"--x\r\nbroken".to_vec(),
        ),
        (
            "/11410721MB1C75730P/ysqgk",
            "multipart/form-data",
            b"no boundary".to_vec(),
        ),
        ("/ysqgk/chaxun", "text/plain", b"code=1".to_vec()),
    ];
    for (path, kind, body) in posts {
        let req = Request::post(path)
            .header(header::HOST, "localhost")
            .header(header::ORIGIN, "http://localhost")
            .header(header::CONTENT_TYPE, kind)
            .body(Body::from(body))
            .unwrap();
        let page = t.send(req).await;
        assert!(
            page.status.is_client_error(),
            "{path} {kind}: {}",
            page.status
        );
        assert_chinese_error(&page, &format!("POST {path} ({kind})"));
    }
    let delete = Request::delete("/")
        .header(header::HOST, "localhost")
        .body(Body::empty())
        .unwrap();
    let page = t.send(delete).await;
    assert_eq!(page.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_chinese_error(&page, "DELETE /");
}

const PUBLIC_PATHS: [&str; 14] = [
    "/",
    "/11410721MB1C75730P/zhinan",
    "/11410721MB1C75730P/zhidu",
    "/11410721MB1C75730P/fdzdgknr",
    "/11410721MB1C75730P/xxgk/1",
    "/11410721MB1C75730P/xxgk/1/fujian/00",
    "/11410721MB1C75730P/nianbao",
    "/11410721MB1C75730P/nianbao/1/2025",
    "/11410721MB1C75730P/search",
    "/api/items",
    "/api/search",
    "/11410721MB1C75730P/ysqgk",
    "/ysqgk/chaxun",
    "/11410721MB1C75730P/large-text",
];

fn query_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        "[0-9]{1,40}",
        "[-+.e0-9]{1,12}",
        "\\PC{0,30}",
        Just("%FF%00%".to_string()),
    ]
}

fn query_string() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "page",
        "year",
        "q",
        "offset",
        "limit",
        "validity",
        "topic",
        "domain",
        "article20",
        "on",
        "code",
        "msg",
    ]);
    prop::collection::vec((key, query_value()), 0..5).prop_map(|pairs| {
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::support::enc(v)))
            .collect::<Vec<_>>()
            .join("&")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any query string on any public route: never a 5xx, always quick, never English.
    #[test]
    fn issue13_any_query_on_any_public_route_is_answered_without_a_server_error(
        route in prop::sample::select(PUBLIC_PATHS.to_vec()),
        query in query_string(),
        tail in prop_oneof![Just(String::new()), "/[a-z0-9%]{1,12}"],
    ) {
        let page = runtime().block_on(async {
            let t = shared().await;
            let started = Instant::now();
            let page = t.get(&format!("{route}{tail}?{query}"), None).await;
            (page, started.elapsed())
        });
        let (page, took) = page;
        prop_assert!(!page.status.is_server_error(), "{route}{tail}?{query}: {}\n{}", page.status, page.body);
        prop_assert!(took < Duration::from_secs(5), "{route}?{query} took {took:?}");
        if page.status.is_client_error() {
            for text in ENGLISH {
                prop_assert!(!page.body.contains(text), "{route}?{query}: «{text}»");
            }
        }
    }
}

/// One runtime for all property cases: the shared app's pool lives on it.
fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap()
    })
}

/// One app for all property cases (a fresh one each case would dominate the run).
async fn shared() -> &'static TestApp {
    static APP: tokio::sync::OnceCell<TestApp> = tokio::sync::OnceCell::const_new();
    APP.get_or_init(|| async {
        let t = TestApp::new("any-query").await;
        t.item("关于公开招标的公告", "公开招标。", &PUBLISHED).await;
        t
    })
    .await
}

#[tokio::test]
async fn issue13_another_agencys_admin_and_auditor_cannot_reach_this_agency() {
    let t = TestApp::new("other-agency").await;
    t.item("内部草稿：拆迁补偿方案", "草稿正文", &[]).await;
    t.second_town().await;
    let admin = t.login_as("other-admin").await;
    let users = t.get("/console/users", Some(&admin)).await;
    assert_eq!(users.status, StatusCode::OK);
    assert_eq!(
        users.texts("#users tbody td:first-child"),
        vec!["other-admin", "other-auditor"]
    );
    for op in ["disable", "enable"] {
        let page = t
            .post(
                "/console/users/approver",
                Some(&admin),
                &[("csrf", &admin.csrf), ("op", op)],
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{op}: {}", page.body);
    }
    let leader = t.app.actor("approver").await;
    assert!(leader.is_ok(), "the town's leader is still active");
    let created = t
        .post(
            "/console/users",
            Some(&admin),
            &[
                ("csrf", &admin.csrf),
                ("username", "self-auditor"),
                ("display_name", "自己"),
                ("password", "abcdef123456"),
                ("role", "auditor"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::FORBIDDEN, "{}", created.body);
    assert_eq!(created.text("#error-code"), "role-reserved");
    let auditor = t.login_as("other-auditor").await;
    let log = t.get("/console/audit", Some(&auditor)).await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(
        !log.body.contains("拆迁补偿方案"),
        "another town's draft title leaked"
    );
    let own = t.login(gongkai_domain::disclosure::Role::Auditor).await;
    let log = t.get("/console/audit", Some(&own)).await;
    assert!(log.body.contains("拆迁补偿方案"), "{}", log.body);
    assert!(log.texts("#audit td.client").iter().any(|c| !c.is_empty()));
}

#[tokio::test]
async fn issue13_console_and_applicant_pages_are_never_stored_by_a_cache() {
    let t = TestApp::new("no-store").await;
    let s = t.login(gongkai_domain::disclosure::Role::Registrar).await;
    for path in [
        "/console",
        "/console/cases",
        "/login",
        "/11410721MB1C75730P/ysqgk",
        "/ysqgk/chaxun",
    ] {
        let page = t.get(path, Some(&s)).await;
        assert_eq!(
            page.headers
                .get(header::CACHE_CONTROL)
                .map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{path}"
        );
    }
    let public = t.get("/11410721MB1C75730P/fdzdgknr", None).await;
    assert_ne!(
        public
            .headers
            .get(header::CACHE_CONTROL)
            .map(|v| v.to_str().unwrap()),
        Some("no-store")
    );
}

#[tokio::test]
async fn issue13_adding_a_department_under_the_town_does_not_change_the_portal() {
    use gongkai_store::agencies::AgencyKind;
    let t = TestApp::new("portal-stays").await;
    let before = t.get("/zhinan", None).await;
    assert_eq!(before.status, StatusCode::MOVED_PERMANENTLY);
    let town = t.app.portal_agency().await.unwrap();
    assert_eq!(town.name, "新乡县七里营镇人民政府");
    let name = "七里营镇农业农村服务中心";
    let office = gongkai_app::testing::agency(
        &t.app,
        Some(town.id),
        "11410721MB1C7573XX",
        name,
        AgencyKind::Department,
    );
    office.await.unwrap();
    t.second_town().await;
    let after = t.get("/zhinan", None).await;
    assert_eq!(after.location(), before.location());
    assert_eq!(after.location(), "/11410721MB1C75730P/zhinan");
    assert_eq!(t.app.portal_agency().await.unwrap().id, town.id);
}

/// Slowloris: connections that never finish their headers are closed after the header
/// deadline, also when there are more of them than the server serves at once, and a normal
/// visitor is answered afterwards.
#[tokio::test]
async fn issue13_clients_that_send_headers_slowly_are_disconnected() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let t = TestApp::new("slowloris").await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = gongkai_web::ServerLimits {
        max_connections: 4,
        header_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_secs(5),
    };
    let app = t.app.clone();
    tokio::spawn(async move {
        gongkai_web::serve(app, gongkai_web::WebConfig::default(), limits, listener).await
    });
    let mut slow = Vec::new();
    for _ in 0..8 {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            .await
            .unwrap();
        slow.push(s);
    }
    let started = Instant::now();
    for mut s in slow {
        let mut rest = Vec::new();
        let closed = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut rest)).await;
        assert!(
            closed.is_ok(),
            "a slow connection is still open after {:?}",
            started.elapsed()
        );
    }
    let mut ok = tokio::net::TcpStream::connect(addr).await.unwrap();
    ok.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    ok.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

/// A polyglot (a PDF that is also a web page) is refused at upload; every download is an
/// attachment that cannot run as a page.
#[tokio::test]
async fn issue13_downloads_are_attachments_in_a_sandbox_and_polyglots_are_refused() {
    let t = TestApp::new("downloads").await;
    let drafter = t.app.actor("drafter").await.unwrap();
    let id = t.item("附件测试", "正文", &[]).await;
    let polyglot = b"%PDF-1.4\n<html><body><script>fetch('/console')</script></body></html>";
    let refused = t.app.attach(&drafter, id, "通知.pdf", polyglot).await;
    assert!(refused.is_err(), "the polyglot was accepted");
    t.app
        .attach(&drafter, id, "通知.pdf", b"%PDF-1.4\n1 0 obj\n")
        .await
        .unwrap();
    for step in PUBLISHED {
        let who = match step {
            gongkai_domain::disclosure::Action::Submit => "drafter",
            gongkai_domain::disclosure::Action::Approve => "approver",
            _ => "registrar",
        };
        t.app
            .act(&t.app.actor(who).await.unwrap(), id, &step)
            .await
            .unwrap();
    }
    let item = t.get(&format!("/11410721MB1C75730P/xxgk/{id}"), None).await;
    let link = item.link("a[href*='/fujian/']");
    let file = t.get(&link, None).await;
    assert_eq!(file.status, StatusCode::OK);
    let h = |name: header::HeaderName| {
        file.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert!(
        h(header::CONTENT_DISPOSITION).starts_with("attachment;"),
        "{}",
        h(header::CONTENT_DISPOSITION)
    );
    assert_eq!(h(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(
        h(header::CONTENT_SECURITY_POLICY).starts_with("sandbox"),
        "{}",
        h(header::CONTENT_SECURITY_POLICY)
    );
}

/// The walk-in registration shows the receipt on the answer to its POST: the 查询密码 is in
/// no URL (no redirect carries it), and the page is not stored by any cache.
#[tokio::test]
async fn issue13_the_registration_receipt_puts_no_secret_in_a_url() {
    let t = TestApp::new("receipt").await;
    let s = t.login(gongkai_domain::disclosure::Role::Registrar).await;
    let page = t
        .post(
            "/console/cases",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("channel", "in_person"),
                ("received_on", "2025-06-02"),
                ("applicant_type", "natural_person"),
                ("name", "王五"),
                ("id_no", "11010519491231002X"),
                ("contact", "13900000000"),
                ("request", "七里营村2025年道路硬化工程招标文件"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.location().is_empty());
    let password = page.text("#password");
    assert_eq!(password.len(), 10);
    assert_eq!(page.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    let case = page.link("#case-link");
    assert!(
        !case.contains(&password) && !case.contains("password"),
        "{case}"
    );
    let case_page = t.get(&case, Some(&s)).await;
    assert!(!case_page.body.contains(&password));
}

/// Field limits: a 100,000-character name is refused with the form kept; direction controls
/// never reach a public title.
#[tokio::test]
async fn issue13_over_long_fields_are_refused_and_direction_controls_are_removed() {
    let t = TestApp::new("field-limits").await;
    let long = "张".repeat(100_000);
    let page = t
        .post(
            "/11410721MB1C75730P/ysqgk",
            None,
            &[
                ("applicant_type", "natural_person"),
                ("name", &long),
                ("contact", "13900000000"),
                ("request", "某文件"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("最多 100 字"), "{}", page.body);
    assert_eq!(page.texts("textarea[name=request]"), vec!["某文件"]);
    let id = t
        .item("关于\u{202E}知通\u{202C}的公示", "正文", &PUBLISHED)
        .await;
    let item = t.get(&format!("/11410721MB1C75730P/xxgk/{id}"), None).await;
    assert!(!item.body.contains('\u{202E}'));
    assert_eq!(item.text("#title"), "关于知通的公示");
}

/// The admin lifts the login delay of an account of their agency from the console.
#[tokio::test]
async fn issue13_the_admin_lifts_a_login_delay_in_the_console() {
    let t = TestApp::new("unlock").await;
    for _ in 0..5 {
        t.post(
            "/login",
            None,
            &[("username", "drafter"), ("password", "nope")],
        )
        .await;
    }
    let waiting = t
        .post(
            "/login",
            None,
            &[
                ("username", "drafter"),
                ("password", crate::support::PASSWORD),
            ],
        )
        .await;
    assert_eq!(waiting.status, StatusCode::UNAUTHORIZED);
    let admin = t.login(gongkai_domain::disclosure::Role::Admin).await;
    let done = t
        .post(
            "/console/users/drafter",
            Some(&admin),
            &[("csrf", &admin.csrf), ("op", "unlock")],
        )
        .await;
    assert_eq!(done.location(), "/console/users?msg=unlocked");
    t.login(gongkai_domain::disclosure::Role::Drafter).await;
}

/// Issue 14: two people act on the same item at once. One succeeds; the other gets 409 with a
/// Chinese explanation (never a 500 or the database's text); the history has one step.
#[tokio::test]
async fn issue14_two_sessions_acting_on_one_item_at_once_give_one_success_and_one_409() {
    for url in gongkai_store::testing::each_backend_url("conflict").await {
        let t = TestApp::on(&url).await;
        let id = t
            .item(
                "并发测试",
                "正文",
                &[gongkai_domain::disclosure::Action::Submit],
            )
            .await;
        let (a, b) = (
            t.login(gongkai_domain::disclosure::Role::Registrar).await,
            t.login(gongkai_domain::disclosure::Role::Registrar).await,
        );
        let path = format!("/console/items/{id}/action");
        let form = |s: &crate::support::Session| {
            vec![("csrf", s.csrf.clone()), ("action", "register".to_string())]
        };
        let (fa, fb) = (form(&a), form(&b));
        let fa: Vec<(&str, &str)> = fa.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let fb: Vec<(&str, &str)> = fb.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (ra, rb) = tokio::join!(t.post(&path, Some(&a), &fa), t.post(&path, Some(&b), &fb));
        let mut statuses = [ra.status, rb.status];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::SEE_OTHER, StatusCode::CONFLICT],
            "{}\n{}",
            ra.body,
            rb.body
        );
        let loser = if ra.status == StatusCode::CONFLICT {
            &ra
        } else {
            &rb
        };
        assert!(
            loser
                .text("#error-message")
                .contains("已被他人处理，请刷新后重试"),
            "{}",
            loser.body
        );
        assert_chinese_error(loser, "the 409");
        let registrar = t.app.actor("registrar").await.unwrap();
        let view = t.app.item_view(&registrar, id).await.unwrap();
        let registrations = view.reviews.iter().filter(|r| r.step == "register").count();
        assert_eq!(registrations, 1);
    }
}

/// The walk-in registration form comes back with what the clerk typed when a field is over its
/// limit; another agency's admin sees their own settings, never this town's.
#[tokio::test]
async fn issue13_console_forms_keep_their_text_and_settings_stay_in_the_agency() {
    let t = TestApp::new("console-forms").await;
    let s = t.login(gongkai_domain::disclosure::Role::Registrar).await;
    let long = "某".repeat(6000);
    let page = t
        .post(
            "/console/cases",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("channel", "mail"),
                ("received_on", "2025-06-02"),
                ("applicant_type", "natural_person"),
                ("name", "王五"),
                ("contact", "13900000000"),
                ("request", &long),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.text("#form-error").contains("最多 5000 字"),
        "{}",
        page.body
    );
    let name = page.html();
    let sel = scraper::Selector::parse("#name").unwrap();
    assert_eq!(
        name.select(&sel)
            .next()
            .and_then(|e| e.value().attr("value")),
        Some("王五")
    );
    let admin = t.app.actor("admin").await.unwrap();
    let mut settings = t.app.settings(admin.agency_id).await.unwrap();
    settings.office = "七里营镇党政办公室（测试）".into();
    t.app.save_settings(&admin, &settings).await.unwrap();
    t.second_town().await;
    let other = t.login_as("other-admin").await;
    let theirs = t.get("/console/settings", Some(&other)).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert!(!theirs.body.contains("七里营镇党政办公室（测试）"));
}

/// A URL-encoded form far larger than any field allows (5 MB of `role=` pairs, which would
/// cost hundreds of megabytes as parsed pairs) is refused with a Chinese page before it is
/// parsed; a normal form still goes through.
#[tokio::test]
async fn issue20_an_oversized_form_is_refused_before_it_is_parsed() {
    let t = TestApp::new("form-limit").await;
    let admin = t.login(gongkai_domain::disclosure::Role::Admin).await;
    let body = "role=drafter&".repeat(5 * 1024 * 1024 / 13);
    let req = Request::post("/console/users/drafter/roles")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("gk_session={}", admin.cookie))
        .header(header::ORIGIN, "http://localhost")
        .header(header::HOST, "localhost")
        .body(Body::from(body))
        .unwrap();
    let page = t.send(req).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        page.text("main").contains("提交的表单超过 4 MB"),
        "{}",
        page.body
    );
    let fine = [("csrf", admin.csrf.as_str()), ("role", "drafter")];
    let ok = t
        .post("/console/users/drafter/roles", Some(&admin), &fine)
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
}
