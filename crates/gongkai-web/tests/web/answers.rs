//! Issue 17 in the console and on the tracking page: the applicant's 补正 reaches staff and
//! the 答复书; a 部分公开 answer needs its reason and tells how the released file is
//! delivered; the applicant downloads it with the 查询码 and 查询密码 and not without, and the
//! download is counted; a mistaken answer is voided by the approver and the case reopens.

use crate::support::{Session, TestApp, application};
use axum::http::StatusCode;
use gongkai_domain::clock::{Date, Event};
use gongkai_domain::disclosure::Role;

async fn answer(t: &TestApp, s: &Session, id: i64, outcome: &str, note: &str) -> StatusCode {
    let path = format!("/console/cases/{id}/events");
    let fields = [
        ("csrf", s.csrf.as_str()),
        ("kind", "answered"),
        ("on", "2025-06-03"),
        ("outcome", outcome),
        ("note", note),
    ];
    t.post(&path, Some(s), &fields).await.status
}

#[tokio::test]
async fn issue17_the_released_file_reaches_only_the_applicant_and_the_reasons_are_stated() {
    let t = TestApp::new("answers").await;
    let registrar = t.app.actor("registrar").await.unwrap();
    let mut input = application("王小明");
    input.provision = String::new();
    let r = t
        .app
        .apply_online(registrar.agency_id, &input)
        .await
        .unwrap();
    let on = Date::parse("2025-06-03").unwrap();
    for e in [Event::Confirmed { on }, Event::CorrectionRequested { on }] {
        t.app
            .record_event(&registrar, r.id, e, "请写明村名")
            .await
            .unwrap();
    }
    let track = [("code", r.code.as_str()), ("password", r.password.as_str())];
    let corrected = "七里营村2025年道路硬化工程的招标文件";
    let fields = [
        track[0],
        track[1],
        ("text", corrected),
        ("contact", "wang@example.com"),
    ];
    let page = t
        .multipart(
            "/ysqgk/buzheng",
            None,
            &fields,
            &[("files", "说明.pdf", b"%PDF-1.4\n")],
        )
        .await;
    assert_eq!(page.text("#state"), "办理中");

    let s = t.login(Role::Registrar).await;
    let case = format!("/console/cases/{}", r.id);
    let page = t.get(&case, Some(&s)).await;
    assert!(
        page.text("#corrected").contains(corrected),
        "staff see the 补正"
    );
    assert!(page.text("#history").contains("附补正材料：说明.pdf"));
    assert!(
        page.text("#applicant").contains("wang@example.com"),
        "new contact"
    );
    assert!(page.texts("#files li a").contains(&"说明.pdf".to_string()));

    let refused = answer(&t, &s, r.id, "partial", "").await;
    assert_eq!(refused, StatusCode::BAD_REQUEST, "no reason given");
    let reason = "名单中的身份证号属于第三方个人信息，依据条例第十五条不予公开";
    let no_delivery = answer(&t, &s, r.id, "partial", reason).await;
    assert_eq!(no_delivery, StatusCode::BAD_REQUEST, "no delivery");
    let csrf = [("csrf", s.csrf.as_str())];
    let file: &[u8] = b"%PDF-1.4\n% the released text\n";
    let path = format!("{case}/released");
    let up = t
        .multipart(&path, Some(&s), &csrf, &[("files", "名单.pdf", file)])
        .await;
    assert_eq!(up.status, StatusCode::SEE_OTHER);
    assert_eq!(
        answer(&t, &s, r.id, "partial", reason).await,
        StatusCode::SEE_OTHER
    );
    let letters = t.app.letters_of(r.id).await.unwrap();
    let letter = letters.last().unwrap().paragraphs.join("\n");
    assert!(
        letter.contains(&format!("申请获取：{corrected}")),
        "{letter}"
    );
    assert!(
        letter.contains(&format!("不予公开的部分及理由：{reason}")),
        "{letter}"
    );
    assert!(
        letter.contains("名单.pdf")
            && letter.contains("《中华人民共和国政府信息公开条例》第三十七条")
    );

    let page = t.post("/ysqgk/chaxun", None, &track).await;
    assert_eq!(page.text("#answer-reason"), reason);
    let sha = page
        .html()
        .select(&scraper::Selector::parse("#released button").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_string();
    let wrong = [
        track[0],
        ("password", "wrong-password"),
        ("sha", sha.as_str()),
    ];
    let denied = t.post("/ysqgk/xiazai", None, &wrong).await;
    assert_eq!(denied.status, StatusCode::NOT_FOUND);
    assert!(!denied.body.contains("the released text"));
    let right = [track[0], track[1], ("sha", sha.as_str())];
    let got = t.post("/ysqgk/xiazai", None, &right).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body.as_bytes(), file);
    let page = t.get(&case, Some(&s)).await;
    assert!(
        page.text("#released").contains("申请人已下载1次"),
        "{}",
        page.text("#released")
    );
    assert!(
        page.html()
            .select(&scraper::Selector::parse("#release-form").unwrap())
            .next()
            .is_none()
    );

    // 更正: the registrar may not; the approver voids the answer with a reason.
    let void = format!("{case}/void");
    let form = |s: &Session| {
        [
            ("csrf", s.csrf.clone()),
            ("target", "5".to_string()),
            ("reason", "答复结果选错，应先征求第三方意见".to_string()),
        ]
    };
    let as_fields = |f: &[(&'static str, String); 3]| {
        f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()
    };
    let f = as_fields(&form(&s));
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        t.post(&void, Some(&s), &fields).await.status,
        StatusCode::FORBIDDEN
    );
    let a = t.login(Role::Approver).await;
    let f = as_fields(&form(&a));
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        t.post(&void, Some(&a), &fields).await.status,
        StatusCode::SEE_OTHER
    );
    let page = t.get(&case, Some(&a)).await;
    assert_eq!(page.text("#state"), "办理中");
    let history = page.texts("#history li");
    assert!(
        history[4].contains("已答复"),
        "the voided answer stays: {history:?}"
    );
    assert!(
        history[5].contains("更正：第5项记录有误") && history[5].contains("答复结果选错"),
        "{history:?}"
    );
    assert!(history[5].contains("记录）"), "who: {history:?}");
}
