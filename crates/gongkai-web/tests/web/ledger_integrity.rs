//! Issue 17, deadline integrity in the console: only the steps the ledger allows next are
//! offered, nothing dated after today or an extension after the due date is accepted, a closed
//! case shows its outcome and no form, and a due date in a year without a loaded holiday
//! schedule (2027) is marked on the case and in the work list.

use crate::support::{TestApp, application, set_day};
use axum::http::StatusCode;
use gongkai_domain::clock::{Channel, Date};
use gongkai_domain::disclosure::Role;

#[tokio::test]
async fn issue17_the_console_keeps_the_statutory_clock_honest() {
    let t = TestApp::new("ledger-integrity").await;
    let registrar = t.app.actor("registrar").await.unwrap();
    set_day(&t, "2026-12-10");
    let today = Date::parse("2026-12-10").unwrap();
    let input = application("赵六");
    let new = t
        .app
        .register_case(&registrar, &input, Channel::InPerson, today);
    let new = new.await.unwrap();
    let old = Date::parse("2026-11-02").unwrap();
    let late = t
        .app
        .register_case(&registrar, &input, Channel::InPerson, old);
    let late = late.await.unwrap();
    let s = t.login(Role::Registrar).await;
    let case = format!("/console/cases/{}", new.id);
    let page = t.get(&case, Some(&s)).await;
    let warning = page.text("#warnings");
    assert!(warning.contains("2027年的节假日安排尚未载入"), "{warning}");
    let kinds = page.texts("#actions button");
    assert!(kinds.contains(&"答复".to_string()), "{kinds:?}");
    assert!(
        !kinds.iter().any(|k| k == "收到补正" || k == "已缴费"),
        "only what the ledger allows next: {kinds:?}"
    );
    let list = t.get("/console/cases", Some(&s)).await;
    assert_eq!(list.texts("#cases .badge.warn"), ["待核对"]);

    let answer = |on: &'static str| {
        [
            ("csrf", s.csrf.clone()),
            ("kind", "answered".into()),
            ("on", on.into()),
            ("outcome", "granted".into()),
        ]
    };
    let post = |form: [(&'static str, String); 4], who| {
        let path = format!("{case}/events");
        let t = &t;
        async move {
            let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            t.post(&path, Some(who), &fields).await
        }
    };
    let refused = post(answer("2026-12-11"), &s).await;
    assert_ne!(refused.status, StatusCode::SEE_OTHER);
    assert!(refused.body.contains("晚于今天"), "{}", refused.body);
    let done = post(answer("2026-12-10"), &s).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let closed = t.get(&case, Some(&s)).await;
    assert!(
        closed.texts("#event-form").is_empty(),
        "a closed case has no form"
    );
    assert!(
        closed.texts("#left").is_empty(),
        "no working days left to show"
    );
    assert!(closed.text("#closed").starts_with("2026-12-10办结"));

    let approver = t.login(Role::Approver).await;
    let extend = [
        ("csrf", approver.csrf.as_str()),
        ("kind", "extension_approved"),
        ("on", "2026-12-10"),
        ("days", "20"),
    ];
    let path = format!("/console/cases/{}/events", late.id);
    let refused = t.post(&path, Some(&approver), &extend).await;
    assert!(refused.body.contains("期限届满前决定"), "{}", refused.body);
    let list = t.get("/console/cases", Some(&approver)).await;
    assert!(!list.texts("#cases tr.overdue").is_empty(), "still overdue");

    // 条例第三十七条: a 部分公开 without the withheld parts and their reasons is not recorded.
    let partial = [
        ("csrf", s.csrf.as_str()),
        ("kind", "answered"),
        ("on", "2026-12-10"),
        ("outcome", "partial"),
        ("note", ""),
    ];
    let refused = t.post(&path, Some(&s), &partial).await;
    assert_ne!(refused.status, StatusCode::SEE_OTHER);
    assert!(refused.body.contains("区分处理"), "{}", refused.body);
}

/// Issue 17: the platform's administrator loads 2027's holidays from the console (the file
/// checked line by line); the case's due date then skips 元旦 and the warning is gone. A town's
/// administrator sees which years are loaded but cannot change the platform's calendar.
#[tokio::test]
async fn issue17_next_years_holidays_are_added_from_the_console() {
    let t = TestApp::new("calendar-upload").await;
    let county = t.app.agencies().await.unwrap()[0].id;
    t.staff(county, "xian-", "新乡县").await;
    set_day(&t, "2026-12-10");
    let registrar = t.app.actor("registrar").await.unwrap();
    let today = Date::parse("2026-12-10").unwrap();
    let input = application("赵六");
    let r = t
        .app
        .register_case(&registrar, &input, Channel::InPerson, today);
    let case = format!("/console/cases/{}", r.await.unwrap().id);
    let s = t.login(Role::Registrar).await;
    assert_eq!(t.get(&case, Some(&s)).await.text("#due"), "2027-01-07");

    let town_admin = t.login(Role::Admin).await;
    let page = t.get("/console/calendar", Some(&town_admin)).await;
    assert!(page.text("#missing").contains("尚未载入2027年"));
    assert_eq!(page.texts("#years tbody tr").len(), 3);
    let file = "year 2027\nsource 国务院办公厅关于2027年部分节假日安排的通知\nholiday 元旦 2027-01-01..2027-01-03\n";
    let upload = |who: &crate::support::Session, body: &'static str| {
        let csrf = [("csrf", who.csrf.clone())];
        let (t, who) = (&t, who.clone());
        async move {
            let fields: Vec<(&str, &str)> = csrf.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let files = [("file", "2027.txt", body.as_bytes())];
            t.multipart("/console/calendar", Some(&who), &fields, &files)
                .await
        }
    };
    let refused = upload(&town_admin, file).await;
    assert_ne!(refused.status, StatusCode::SEE_OTHER);
    assert!(refused.body.contains("由平台（县级）系统管理员添加"));

    let admin = t.login_as("xian-admin").await;
    let bad = upload(&admin, "year 2027\nholiday 元旦 2027-13-01\n").await;
    assert_ne!(bad.status, StatusCode::SEE_OTHER);
    assert!(bad.body.contains("第2行"), "{}", bad.body);
    let done = upload(&admin, file).await;
    assert_eq!(done.location(), "/console/calendar?added=2027");
    let page = t.get("/console/calendar", Some(&admin)).await;
    assert!(page.texts("#missing").is_empty());
    assert!(page.text("#years").contains("xian-admin上传"));
    let case_page = t.get(&case, Some(&s)).await;
    assert_eq!(case_page.text("#due"), "2027-01-08", "元旦 is now skipped");
    assert!(case_page.texts("#warnings").is_empty());
}
