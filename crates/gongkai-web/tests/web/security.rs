//! CSRF tokens, same-origin POSTs, cookie flags, lockout through the login form (issue 6).

use crate::support::{PASSWORD, Session, TestApp};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use gongkai_domain::disclosure::Role;

#[tokio::test]
async fn the_session_cookie_is_httponly_and_samesite_strict() {
    let t = TestApp::new("cookie").await;
    let page = t
        .post(
            "/login",
            None,
            &[("username", "drafter"), ("password", PASSWORD)],
        )
        .await;
    let cookie = page
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert_eq!(page.headers.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
}

#[tokio::test]
async fn a_form_without_the_sessions_csrf_token_is_refused() {
    let t = TestApp::new("csrf").await;
    let s = t.login(Role::Drafter).await;
    let fields = [("title", "伪造"), ("csrf", "0000")];
    let page = t.post("/console/items", Some(&s), &fields).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(page.text("#error-code"), "csrf");
    let other = t.login(Role::Registrar).await;
    let stolen = Session {
        cookie: s.cookie.clone(),
        csrf: other.csrf,
    };
    let page = t
        .post(
            "/console/items",
            Some(&stolen),
            &[("title", "伪造"), ("csrf", &stolen.csrf)],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let (_, total) = t.app.catalogue(&Default::default()).await.unwrap();
    assert_eq!(total, 0);
}

#[tokio::test]
async fn a_post_from_another_site_is_refused_before_anything_happens() {
    let t = TestApp::new("origin").await;
    let s = t.login(Role::Drafter).await;
    let req = Request::post("/console/items")
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://evil.example")
        .header(header::COOKIE, format!("gk_session={}", s.cookie))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("title=x&csrf={}", s.csrf)))
        .unwrap();
    let page = t.send(req).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let drafter = t.app.actor("drafter").await.unwrap();
    assert!(
        t.app
            .console_items(&drafter, None)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn the_login_form_says_when_an_account_is_locked() {
    let t = TestApp::new("lock_form").await;
    for _ in 0..4 {
        let page = t
            .post(
                "/login",
                None,
                &[("username", "approver"), ("password", "nope")],
            )
            .await;
        assert_eq!(page.text("#login-error"), "用户名或密码错误");
    }
    let page = t
        .post(
            "/login",
            None,
            &[("username", "approver"), ("password", "nope")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.text("#login-error").contains("锁定"), "{}", page.body);
    let page = t
        .post(
            "/login",
            None,
            &[("username", "approver"), ("password", PASSWORD)],
        )
        .await;
    assert!(page.text("#login-error").contains("15 分钟"));
}
