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

/// Issue 17 (条例第二十九条): a walk-in registration with contact "abc", ID "123" and request
/// "x" is refused with all three problems at once, the first field focused and nothing typed
/// lost; a complete one gives the printable 受理回执 with the rule of receipt and the due date.
#[tokio::test]
async fn issue17_a_registration_is_checked_as_the_law_defines_an_application() {
    let t = TestApp::new("registration").await;
    let s = t.login(Role::Registrar).await;
    let form = |id: &'static str, contact: &'static str, request: &'static str| {
        [
            ("csrf", s.csrf.clone()),
            ("channel", "in_person".into()),
            ("received_on", "2025-06-02".into()),
            ("applicant_type", "natural_person".into()),
            ("name", "王五".into()),
            ("id_kind", "resident_id".into()),
            ("id_no", id.into()),
            ("contact", contact.into()),
            ("request", request.into()),
        ]
    };
    let post = |f: [(&'static str, String); 9]| {
        let t = &t;
        let s = s.clone();
        async move {
            let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            t.post("/console/cases", Some(&s), &fields).await
        }
    };
    let page = post(form("123", "abc", "x")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        page.texts("#field-errors li").len(),
        3,
        "{:?}",
        page.texts("#field-errors li")
    );
    let invalid = |css: &str| {
        page.html()
            .select(&scraper::Selector::parse(css).unwrap())
            .count()
    };
    assert_eq!(invalid("#id_no[aria-invalid=true][autofocus]"), 1);
    assert_eq!(invalid("#contact[aria-invalid=true]"), 1);
    assert_eq!(invalid("#request[aria-invalid=true]"), 1);
    assert_eq!(
        page.texts("textarea[name=request]"),
        ["x"],
        "nothing typed is lost"
    );
    assert!(page.text("#err-id_no").contains("18位"));

    let typo = post(form(
        "11010519491231003X",
        "13900000000",
        "七里营村2025年道路硬化工程招标文件",
    ))
    .await;
    assert!(
        typo.text("#err-id_no").contains("校验位"),
        "a mistyped digit is caught"
    );

    let done = post(form(
        "11010519491231002X",
        "13900000000",
        "七里营村2025年道路硬化工程招标文件",
    ))
    .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(
        done.text("#receipt-rule")
            .contains("当面提交，提交之日为收到之日")
    );
    assert!(
        done.text("#receipt-due").starts_with("2025-06-30前"),
        "{}",
        done.text("#receipt-due")
    );
}

/// 条例第三十六条第（一）项: information already published is answered by telling where it
/// is: the item ticked on the case page is named in the 答复书 with its 索引号 and address.
#[tokio::test]
async fn issue17_an_answer_points_to_the_published_item() {
    let t = TestApp::new("answer_cites").await;
    let item = t
        .item(
            "七里营镇2025年财政预算公开",
            "预算说明",
            &crate::support::PUBLISHED,
        )
        .await;
    let registrar = t.app.actor("registrar").await.unwrap();
    let mut input = application("王小明");
    input.provision = String::new();
    input.request = "七里营镇2025年财政预算".into();
    let r = t
        .app
        .apply_online(registrar.agency_id, &input)
        .await
        .unwrap();
    let on = Date::parse("2025-06-03").unwrap();
    t.app
        .record_event(&registrar, r.id, Event::Confirmed { on }, "")
        .await
        .unwrap();
    let s = t.login(Role::Registrar).await;
    let case = format!("/console/cases/{}", r.id);
    let page = t.get(&case, Some(&s)).await;
    let boxes = page
        .html()
        .select(&scraper::Selector::parse("#answer-fields input[name=published]").unwrap())
        .count();
    assert!(boxes >= 1, "the published item is offered");
    let id = item.to_string();
    let fields = [
        ("csrf", s.csrf.as_str()),
        ("on", "2025-06-03"),
        ("outcome", "granted"),
        ("published", id.as_str()),
        ("kind", "answered"),
    ];
    let done = t.post(&format!("{case}/events"), Some(&s), &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let letter = t
        .app
        .letters_of(r.id)
        .await
        .unwrap()
        .pop()
        .unwrap()
        .paragraphs
        .join("\n");
    assert!(
        letter.contains("《七里营镇2025年财政预算公开》（索引号："),
        "{letter}"
    );
    assert!(letter.contains(&format!("/xxgk/{item}")), "{letter}");
}

/// Every text added by issue 17 is bounded: an answer's reason and delivery (2,000
/// characters), a 文号 prefix (20), the 年报's written sections (10,000).
#[tokio::test]
async fn issue17_new_texts_are_bounded() {
    let t = TestApp::new("answer_bounds").await;
    let registrar = t.app.actor("registrar").await.unwrap();
    let r = t
        .app
        .apply_online(registrar.agency_id, &application("王小明"))
        .await
        .unwrap();
    let on = Date::parse("2025-06-03").unwrap();
    t.app
        .record_event(&registrar, r.id, Event::Confirmed { on }, "")
        .await
        .unwrap();
    let long = "理".repeat(2_001);
    let text = gongkai_domain::clock::AnswerText {
        reason: long.clone(),
        delivery: long,
    };
    let answer = (on, gongkai_domain::clock::Outcome::Partial);
    let refused = t
        .app
        .record_answer(&registrar, r.id, answer, &text)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "field-too-long");
    let admin = t.app.actor("admin").await.unwrap();
    let mut settings = t.app.settings(admin.agency_id).await.unwrap();
    settings
        .letter_prefixes
        .insert("answer".into(), "七".repeat(21));
    assert!(t.app.save_settings(&admin, &settings).await.is_err());
    let inputs = gongkai_app::annual::ReportInputs {
        problems: "问".repeat(10_001),
        ..Default::default()
    };
    let refused = t
        .app
        .save_report_inputs(&registrar, 2024, &inputs)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "field-too-long");
}
