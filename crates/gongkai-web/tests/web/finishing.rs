//! Issue 20: what citizens and clerks meet, in words: a 404 in the 专栏's own frame with its
//! menu and search, and the audit log in Chinese with the code only as a reference.

use crate::support::TestApp;
use axum::http::StatusCode;
use gongkai_domain::disclosure::Role;

const TOWN: &str = "/11410721MB1C75730P";

#[tokio::test]
async fn issue20_an_unknown_page_is_a_404_with_the_menu_and_search() {
    let t = TestApp::new("not-found").await;
    for path in [format!("{TOWN}/no/such/page"), format!("{TOWN}/xxgk/99999")] {
        let page = t.get(&path, None).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(page.text("#not-found"), "页面不存在", "{path}");
        let links = page.texts("#not-found-links a");
        assert!(
            links.contains(&"法定主动公开内容".to_string()),
            "{path}: {links:?}"
        );
        assert_eq!(
            page.html()
                .select(&scraper::Selector::parse("form[role=search] input[name=q]").unwrap())
                .count(),
            1
        );
        assert!(page.headers.contains_key("x-gongkai-error"));
    }
}

#[tokio::test]
async fn issue20_the_audit_log_names_actions_and_objects_in_chinese() {
    let t = TestApp::new("audit-words").await;
    let _ = t.login(Role::Registrar).await;
    t.item("关于道路维修的公告", "正文", &crate::support::PUBLISHED)
        .await;
    let auditor = t.login(Role::Auditor).await;
    let log = t.get("/console/audit", Some(&auditor)).await;
    let actions = log.texts("#audit td.action");
    assert!(actions.iter().any(|a| a.starts_with("登录")), "{actions:?}");
    assert!(
        actions.iter().any(|a| a.starts_with("审批发布")),
        "{actions:?}"
    );
    let entities = log.texts("#audit td.entity");
    assert!(
        entities.iter().any(|e| e.starts_with("信息 ")),
        "{entities:?}"
    );
    assert!(
        entities
            .iter()
            .all(|e| !e.starts_with("item ") && !e.starts_with("user "))
    );
    let links = log
        .html()
        .select(&scraper::Selector::parse("#audit td.entity a").unwrap())
        .count();
    assert!(links > 0, "an item links to its console page");
}
