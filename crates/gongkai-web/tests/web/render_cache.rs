//! Issue 19: public pages from the render cache, never stale. A publication, a withdrawal
//! and an abolition made through the console's forms show on the next request to every page
//! that lists the item; a second instance on the same database sees them too; the 大字版 and
//! the normal page never mix; console pages are never cached; an unchanged page is a 304.

use crate::support::{PUBLISHED, Session, TestApp};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use gongkai_domain::disclosure::{Action, Role};

const TOWN: &str = "/11410721MB1C75730P";

/// A router that only notices writes through its own forms (no periodic check within the
/// test), so every visible change is the cache being emptied by the write itself.
fn forms_only(t: &TestApp) -> TestApp {
    t.with_config(gongkai_web::WebConfig {
        cache: gongkai_web::CacheConfig {
            bytes: 8 * 1024 * 1024,
            check_ms: 3_600_000,
        },
        ..Default::default()
    })
}

async fn pages(t: &TestApp) -> Vec<String> {
    let mut out = Vec::new();
    for p in [
        format!("{TOWN}/"),
        format!("{TOWN}/fdzdgknr"),
        format!("{TOWN}/search?q=%E4%BE%9B%E6%9A%96"),
        "/api/items".to_string(),
    ] {
        out.push(t.get(&p, None).await.body);
    }
    out
}

async fn press(t: &TestApp, s: &Session, id: i64, action: &str, extra: &[(&str, &str)]) {
    let path = format!("/console/items/{id}/action");
    let mut fields = vec![("csrf", s.csrf.as_str()), ("action", action)];
    fields.extend_from_slice(extra);
    let done = t.post(&path, Some(s), &fields).await;
    assert_eq!(
        done.status,
        StatusCode::SEE_OTHER,
        "{action}: {}",
        done.body
    );
}

#[tokio::test]
async fn issue19_a_change_made_in_the_console_shows_on_the_next_request_everywhere() {
    let base = TestApp::new("render_cache").await;
    let t = forms_only(&base);
    // The search page marks the query inside the title, so the pages are checked for the
    // title's other half.
    let title = "七里营镇冬季供暖安全提示";
    let seen = "安全提示";
    let id = base
        .item(
            title,
            "冬季取暖注意安全",
            &[Action::Submit, Action::Register],
        )
        .await;
    let before = pages(&t).await;
    assert!(
        before.iter().all(|b| !b.contains(seen)),
        "not yet published"
    );
    assert_eq!(pages(&t).await, before, "served again from the cache");

    let approver = t.login(Role::Approver).await;
    press(&t, &approver, id, "approve", &[]).await;
    for (page, body) in pages(&t).await.iter().enumerate() {
        assert!(body.contains(seen), "page {page} shows the publication");
    }
    let item = format!("{TOWN}/xxgk/{id}");
    assert_eq!(t.get(&item, None).await.status, StatusCode::OK);
    let registrar = t.login(Role::Registrar).await;
    let reason = [("reason", "内容有误，撤回核实")];
    press(&t, &registrar, id, "withdraw", &reason).await;
    for (page, body) in pages(&t).await.iter().enumerate() {
        assert!(!body.contains(seen), "page {page} no longer lists it");
    }
    assert_ne!(t.get(&item, None).await.status, StatusCode::OK, "withdrawn");

    let other = base.item("七里营镇防汛应急预案", "防汛", &PUBLISHED).await;
    let page = t.get(&format!("{TOWN}/xxgk/{other}"), None).await;
    assert!(page.text("h2").contains("防汛应急预案") || page.body.contains("防汛应急预案"));
    press(&t, &registrar, other, "abolish", &[("on", "2025-06-03")]).await;
    let page = t.get(&format!("{TOWN}/xxgk/{other}"), None).await;
    assert!(
        page.body.contains("废止"),
        "the item page shows the abolition"
    );
}

#[tokio::test]
async fn issue19_an_unchanged_page_is_a_304_and_a_changed_one_a_200() {
    let base = TestApp::new("render_cache_etag").await;
    let t = forms_only(&base);
    let first = t.get(&format!("{TOWN}/"), None).await;
    let etag = first.headers.get(header::ETAG).unwrap().clone();
    assert_eq!(
        first.headers.get(header::CACHE_CONTROL).unwrap(),
        "public, max-age=0, must-revalidate"
    );
    let again = |etag: axum::http::HeaderValue| {
        let t = &t;
        async move {
            let req = Request::builder()
                .uri(format!("{TOWN}/"))
                .header(header::HOST, "localhost")
                .header(header::IF_NONE_MATCH, etag)
                .body(Body::empty())
                .unwrap();
            t.send(req).await
        }
    };
    let unchanged = again(etag.clone()).await;
    assert_eq!(unchanged.status, StatusCode::NOT_MODIFIED);
    assert!(unchanged.body.is_empty());
    let id = base
        .item(
            "七里营镇2026年春耕备耕通知",
            "春耕",
            &[Action::Submit, Action::Register],
        )
        .await;
    let approver = t.login(Role::Approver).await;
    press(&t, &approver, id, "approve", &[]).await;
    let changed = again(etag).await;
    assert_eq!(changed.status, StatusCode::OK);
    assert!(changed.body.contains("春耕备耕通知"));
}

#[tokio::test]
async fn issue19_the_large_text_page_and_the_normal_page_never_mix_and_the_console_is_never_cached()
{
    let base = TestApp::new("render_cache_large").await;
    let t = forms_only(&base);
    let large = |on: bool| {
        let t = &t;
        async move {
            let req = Request::builder()
                .uri(format!("{TOWN}/"))
                .header(header::HOST, "localhost")
                .header(header::COOKIE, if on { "gk_large=1" } else { "gk_large=0" })
                .body(Body::empty())
                .unwrap();
            t.send(req).await
        }
    };
    for _ in 0..2 {
        assert!(large(true).await.body.contains("<body class=\"large\">"));
        assert!(!large(false).await.body.contains("<body class=\"large\">"));
    }
    let (r, a) = (
        t.login(Role::Registrar).await,
        t.login(Role::Approver).await,
    );
    let console = |s: &Session| {
        let t = &t;
        let s = s.clone();
        async move { t.get("/console", Some(&s)).await }
    };
    let (one, two) = (console(&r).await, console(&a).await);
    assert!(
        one.text("#nav-agency").contains("七里营镇"),
        "a console page"
    );
    assert_ne!(one.body, two.body, "each user gets their own console");
    assert_eq!(one.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    assert!(one.headers.get(header::ETAG).is_none());
}

/// A second instance on the same database (another process, or the CLI) publishes: this
/// instance notices it by the audit log's head on its next request.
#[tokio::test]
async fn issue19_a_write_by_another_instance_is_noticed() {
    for url in gongkai_store::testing::each_backend_url("render_cache_two").await {
        let here = TestApp::on(&url).await;
        let store = gongkai_store::Store::open(&url).await.unwrap();
        let index = gongkai_search::SearchIndex::in_memory().unwrap();
        let there = gongkai_app::App::new(store, index);
        let before = here.get(&format!("{TOWN}/"), None).await;
        assert!(!before.body.contains("秋收秸秆禁烧通告"));
        let drafter = there.actor("drafter").await.unwrap();
        let f = gongkai_store::items::ItemFields {
            title: "七里营镇秋收秸秆禁烧通告".into(),
            summary: "禁烧".into(),
            body: "禁烧".into(),
            publisher: "七里营镇".into(),
            topic: "综合政务".into(),
            written_on: gongkai_domain::clock::Date::parse("2025-06-02").ok(),
            article20_item: Some(9),
            ..Default::default()
        };
        let id = there.create_item(&drafter, &f).await.unwrap();
        for (who, step) in [
            ("drafter", Action::Submit),
            ("registrar", Action::Register),
            ("approver", Action::Approve),
        ] {
            there
                .act(&there.actor(who).await.unwrap(), id, &step)
                .await
                .unwrap();
        }
        let after = here.get(&format!("{TOWN}/"), None).await;
        assert!(after.body.contains("秋收秸秆禁烧通告"), "{url}");
    }
}
