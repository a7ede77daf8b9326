//! Issue 16: 社会评议 on item pages and on answered applications, and the follow-up of a 差评.

use crate::support::{PUBLISHED, START_MS, TOWN, TestApp, application};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use gongkai_domain::clock::{Date, Event, Outcome};
use gongkai_domain::disclosure::Role;

fn rate(path: &str, level: &str, comment: &str, cookie: Option<&str>) -> Request<Body> {
    let mut b = Request::post(path)
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    let body = format!("level={level}&comment={}", crate::support::enc(comment));
    b.body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn issue16_an_item_is_rated_once_per_browser_and_a_bad_rating_is_followed_up_in_15_working_days()
 {
    let t = TestApp::new("rate-item").await;
    t.second_town().await;
    let id = t.item("七里营镇低保公示", "名单。", &PUBLISHED).await;
    let path = format!("{TOWN}/xxgk/{id}/pingjia");
    let first = t
        .send(rate(&path, "2", "公示名单不全，缺少金额", None))
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let cookie = first
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    let cookie = cookie.split(';').next().unwrap().to_string();
    let again = t.send(rate(&path, "1", "再评一次", Some(&cookie))).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let item = t
        .send(
            Request::get(format!("{TOWN}/xxgk/{id}"))
                .header(header::HOST, "localhost")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(item.text("#rated"), "感谢您的评价。");
    let home = t.get(&format!("{TOWN}/"), None).await;
    assert!(
        home.text("#satisfaction").contains("1 次评价，满意率 0.0%"),
        "{}",
        home.text("#satisfaction")
    );
    for public in [
        format!("{TOWN}/xxgk/{id}"),
        format!("{TOWN}/"),
        format!("{TOWN}/search?q=%E5%90%8D%E5%8D%95"),
    ] {
        let page = t.get(&public, None).await;
        assert!(!page.body.contains("缺少金额"), "a comment on {public}");
    }
    let registrar = t.login(Role::Registrar).await;
    let list = t.get("/console/ratings", Some(&registrar)).await;
    let row = list.text("#follow-ups tbody tr");
    assert!(
        row.contains("公示名单不全") && row.contains("不满意"),
        "{row}"
    );
    let due = t.app.calendar().add_working_days(t.app.today(), 15).date;
    assert!(row.contains(&due.to_string()), "due {due}: {row}");
    assert_eq!(
        list.texts("#follow-ups tbody tr").len(),
        1,
        "the second rating was not taken"
    );
    let other = t.login_as("other-admin").await;
    assert_eq!(
        t.get("/console/ratings", Some(&other)).await.status,
        StatusCode::FORBIDDEN
    );
    let action = list.html();
    let form = scraper::Selector::parse("form.respond").unwrap();
    let to = action
        .select(&form)
        .next()
        .unwrap()
        .value()
        .attr("action")
        .unwrap()
        .to_string();
    let done = t
        .post(
            &to,
            Some(&registrar),
            &[
                ("csrf", &registrar.csrf),
                ("response", "已补充金额并电话回访"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let after = t.get("/console/ratings", Some(&registrar)).await;
    assert!(
        after
            .text("#follow-ups tbody tr")
            .contains("已补充金额并电话回访")
    );
}

#[tokio::test]
async fn issue16_ratings_from_one_address_are_limited() {
    let t = TestApp::new("rate-limit").await;
    let id = t.item("七里营镇公告", "公告。", &PUBLISHED).await;
    let path = format!("{TOWN}/xxgk/{id}/pingjia");
    let mut statuses = Vec::new();
    for _ in 0..11 {
        statuses.push(t.send(rate(&path, "5", "", None)).await.status);
    }
    assert!(
        statuses[..10].iter().all(|s| *s == StatusCode::SEE_OTHER),
        "{statuses:?}"
    );
    assert_eq!(statuses[10], StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn issue16_an_applicant_rates_the_answer_once_and_may_change_it_within_15_days() {
    let t = TestApp::new("rate-answer").await;
    let r = t
        .app
        .apply_online(
            t.app.actor("registrar").await.unwrap().agency_id,
            &application("王五"),
        )
        .await
        .unwrap();
    assert_eq!(
        answer(&t, &r, "5").await.status,
        StatusCode::BAD_REQUEST,
        "not answered yet"
    );
    let registrar = t.app.actor("registrar").await.unwrap();
    let today = t.app.today();
    for e in [
        Event::Confirmed { on: today },
        Event::Answered {
            on: today,
            outcome: Outcome::Granted,
        },
    ] {
        t.app.record_event(&registrar, r.id, e, "").await.unwrap();
    }
    let tracked = t
        .post(
            "/ysqgk/chaxun",
            None,
            &[("code", &r.code), ("password", &r.password)],
        )
        .await;
    assert!(tracked.texts("#rate-answer").len() == 1);
    let rated = answer(&t, &r, "4").await;
    assert_eq!(rated.text("#message"), "感谢您的评价。");
    assert_eq!(rated.text("#my-rating"), "您的评价：满意（15日内可以修改）");
    let changed = answer(&t, &r, "2").await;
    assert_eq!(
        changed.text("#my-rating"),
        "您的评价：不满意（15日内可以修改）"
    );
    assert_eq!(
        t.app
            .rating_summary(registrar.agency_id)
            .await
            .unwrap()
            .total,
        1
    );
    t.app.clock().set(START_MS + 16 * 86_400_000);
    assert_eq!(
        answer(&t, &r, "5").await.status,
        StatusCode::BAD_REQUEST,
        "past 15 days"
    );
    let _ = Date::parse("2025-06-03");
}

/// The applicant's rating form, sent.
async fn answer(t: &TestApp, r: &gongkai_app::cases::Receipt, level: &str) -> crate::support::Page {
    let fields = [
        ("code", r.code.as_str()),
        ("password", r.password.as_str()),
        ("level", level),
        ("comment", ""),
    ];
    t.post("/ysqgk/pingjia", None, &fields).await
}
