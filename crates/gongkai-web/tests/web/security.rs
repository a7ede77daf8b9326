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
async fn issue13_the_login_form_says_how_long_to_wait_after_repeated_failures() {
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
    assert!(
        page.text("#login-error").contains("请于 1 分钟后再试"),
        "{}",
        page.body
    );
    let page = t
        .post(
            "/login",
            None,
            &[("username", "approver"), ("password", PASSWORD)],
        )
        .await;
    assert!(page.text("#login-error").contains("1 分钟"));
    assert_eq!(page.headers.get("cache-control").unwrap(), "no-store");
}

#[tokio::test]
async fn guessing_a_tracking_password_or_logins_from_one_address_is_slowed_down_with_a_clear_message()
 {
    let t = TestApp::new("rate_limit").await;
    let guess = [("code", "2025-00000000"), ("password", "guess")];
    for _ in 0..20 {
        let page = t.post("/ysqgk/chaxun", None, &guess).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
    }
    // Slow machines refill a token now and then; the limit still comes within a few tries.
    let mut page = t.post("/ysqgk/chaxun", None, &guess).await;
    for _ in 0..10 {
        if page.status == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
        page = t.post("/ysqgk/chaxun", None, &guess).await;
    }
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(page.headers["x-gongkai-error"], "rate-limited");
    let wait: u64 = page.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3).contains(&wait), "{wait}");
    let message = format!("操作过于频繁，请 {wait} 秒后再试");
    assert!(page.text("main").contains(&message));
    assert_eq!(
        t.get("/ysqgk/chaxun", None).await.status,
        StatusCode::OK,
        "pages still open"
    );

    for i in 0..10 {
        let user = format!("nobody{i}");
        let page = t
            .post("/login", None, &[("username", &user), ("password", "x")])
            .await;
        assert_ne!(page.status, StatusCode::TOO_MANY_REQUESTS);
    }
    let mut limited = false;
    for _ in 0..5 {
        let page = t
            .post("/login", None, &[("username", "admin"), ("password", "x")])
            .await;
        limited |= page.status == StatusCode::TOO_MANY_REQUESTS;
    }
    assert!(
        limited,
        "the 11th login attempt from one address is refused"
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_address_has_its_own_limit() {
    let config = gongkai_web::WebConfig {
        trust_proxy: true,
        ..Default::default()
    };
    let t = TestApp::new("rate_limit_proxy").await.with_config(config);
    let query = |from: &'static str| {
        let req = axum::http::Request::builder()
            .method("POST")
            .uri("/ysqgk/chaxun")
            .header(header::HOST, "localhost")
            .header(header::ORIGIN, "http://localhost")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("x-forwarded-for", from)
            .body(axum::body::Body::from("code=2025-00000000&password=guess"))
            .unwrap();
        t.send(req)
    };
    for _ in 0..20 {
        query("203.0.113.7, 10.0.0.1").await;
    }
    assert_eq!(
        query("198.51.100.1, 10.0.0.1").await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the proxy's own view (the last entry) is the client"
    );
    assert_eq!(query("10.0.0.2").await.status, StatusCode::NOT_FOUND);
}

/// Issue 20: the 系统管理员 resets a password to a one-time password shown once; the user
/// logs in with it and can do nothing but choose a new one; the old password no longer works.
#[tokio::test]
async fn issue20_a_reset_password_is_shown_once_and_must_be_changed_at_the_next_login() {
    let t = TestApp::new("reset-password").await;
    let admin = t.login(Role::Admin).await;
    let before = t.login(Role::Drafter).await;
    let reset = [("csrf", admin.csrf.as_str()), ("op", "reset")];
    let page = t.post("/console/users/drafter", Some(&admin), &reset).await;
    assert_eq!(page.status, StatusCode::OK);
    let otp = page.text("#one-time-password code.otp");
    assert_eq!(otp.chars().count(), 12, "{otp}");
    let ended = t.get("/console", Some(&before)).await;
    assert_eq!(
        ended.location(),
        "/login",
        "the reset ends the sessions of the old password"
    );
    let again = t.get("/console/users", Some(&admin)).await;
    assert!(!again.body.contains(&otp), "the password is shown once");
    assert!(again.text("#user-drafter").contains("一次性密码未修改"));
    let old = [("username", "drafter"), ("password", PASSWORD)];
    assert_ne!(
        t.post("/login", None, &old).await.status,
        StatusCode::SEE_OTHER
    );
    let s = t.login_with("drafter", &otp).await;
    let blocked = t.get("/console/items/new", Some(&s)).await;
    assert_eq!(blocked.location(), "/console/password");
    let form = t.get("/console/password", Some(&s)).await;
    assert!(form.text("#one-time").contains("一次性密码"));
    let mismatch = [
        ("csrf", s.csrf.as_str()),
        ("current", otp.as_str()),
        ("new", "neuesPasswort2026"),
        ("repeat", "neuesPasswort2027"),
    ];
    let refused = t.post("/console/password", Some(&s), &mismatch).await;
    assert_eq!(refused.text("#password-error"), "两次输入的新密码不一致");
    let change = [
        ("csrf", s.csrf.as_str()),
        ("current", otp.as_str()),
        ("new", "neuesPasswort2026"),
        ("repeat", "neuesPasswort2026"),
    ];
    let done = t.post("/console/password", Some(&s), &change).await;
    assert_eq!(done.location(), "/console?msg=password");
    let open = t.get("/console/items/new", Some(&s)).await;
    assert_eq!(open.status, StatusCode::OK);
}

/// Issue 20: the 系统管理员 changes an account's roles among the working roles; granting
/// 系统管理员 or 安全审计员, or changing an auditor's account, is refused (三员分立), and so is
/// changing their own.
#[tokio::test]
async fn issue20_roles_change_within_the_separation_of_three_duties() {
    let t = TestApp::new("set-roles").await;
    let admin = t.login(Role::Admin).await;
    let csrf = admin.csrf.as_str();
    let both = [("csrf", csrf), ("role", "drafter"), ("role", "registrar")];
    let done = t
        .post("/console/users/drafter/roles", Some(&admin), &both)
        .await;
    assert_eq!(done.location(), "/console/users?msg=roles");
    let page = t.get("/console/users", Some(&admin)).await;
    assert_eq!(
        page.text("#user-drafter .roles"),
        "科室人员、党政办（登记审核）"
    );
    let grant = [("csrf", csrf), ("role", "auditor")];
    let refused = t
        .post("/console/users/drafter/roles", Some(&admin), &grant)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let auditor = [("csrf", csrf), ("role", "drafter")];
    let refused = t
        .post("/console/users/auditor/roles", Some(&admin), &auditor)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        page.html()
            .select(&scraper::Selector::parse("#user-auditor .roles-form").unwrap())
            .next()
            .is_none()
    );
    let own = t
        .post("/console/users/admin/roles", Some(&admin), &auditor)
        .await;
    assert_eq!(own.status, StatusCode::BAD_REQUEST);
}
