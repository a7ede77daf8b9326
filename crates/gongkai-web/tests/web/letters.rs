//! Letter templates and the outbox in the console (issue 7): a clerk edits the wording, a
//! broken template comes back with the text kept and the reason beside it, and letters to
//! applicants with an e-mail address wait in the outbox until a mail server is configured.

use crate::support::{TestApp, application};
use axum::http::StatusCode;
use gongkai_domain::clock::{Date, Event, Outcome};
use gongkai_domain::disclosure::Role;

#[tokio::test]
async fn a_broken_template_comes_back_with_the_clerks_text_and_a_good_one_words_the_next_letter() {
    let t = TestApp::new("web_letter_templates").await;
    let s = t.login(Role::Registrar).await;
    let page = t.get("/console/letters", Some(&s)).await;
    assert_eq!(page.texts("section.letter-template h3").len(), 5);
    assert!(page.text("#text-answer").contains("{{答复决定}}"));

    let broken = "{{申请人姓名}}：\n{{答复决定}}";
    let page = t
        .post(
            "/console/letters/answer",
            Some(&s),
            &[("csrf", &s.csrf), ("text", broken)],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.text("#text-answer"),
        broken,
        "nothing the clerk typed is lost"
    );
    assert!(
        page.text("#template-answer .error")
            .contains("{{申请人姓名}}")
    );

    let own = "{{收件人}}同志：\n{{答复决定}}{{区分处理说明}}{{不予公开理由}}\n{{获取方式}}\n不服的，可向{{复议机关}}申请复议。\n{{机关}}";
    let page = t
        .post(
            "/console/letters/answer",
            Some(&s),
            &[("csrf", &s.csrf), ("text", own)],
        )
        .await;
    assert_eq!(page.location(), "/console/letters?msg=saved");
    let preview = t.get("/console/letters", Some(&s)).await;
    assert_eq!(
        preview
            .texts("#template-answer .letter-preview p")
            .first()
            .map(String::as_str),
        Some("张三（示例）同志："),
        "the preview uses the saved wording"
    );
    assert!(
        preview
            .text("#template-fee_notice .letter-preview")
            .contains("信息处理费1100元")
    );
    let registrar = t.app.actor("registrar").await.unwrap();
    let receipt = t
        .app
        .apply_online(registrar.agency_id, &application("王小明"))
        .await
        .unwrap();
    let id = receipt.id;
    let on = Date::parse("2025-06-03").unwrap();
    for e in [
        Event::Confirmed { on },
        Event::Answered {
            on,
            outcome: Outcome::Granted,
        },
    ] {
        t.app.record_event(&registrar, id, e, "").await.unwrap();
    }
    let tracking = [
        ("code", receipt.code.as_str()),
        ("password", receipt.password.as_str()),
    ];
    let page = t.post("/ysqgk/chaxun", None, &tracking).await;
    let letter = page.texts(".letter p");
    assert_eq!(
        letter.first().map(String::as_str),
        Some("王小明同志："),
        "{letter:?}"
    );
    assert!(
        letter
            .iter()
            .any(|p| p == "不服的，可向新乡县人民政府申请复议。")
    );
}

#[tokio::test]
async fn letters_to_applicants_with_email_wait_in_the_outbox_while_no_mail_server_is_configured() {
    let t = TestApp::new("web_outbox").await;
    let registrar = t.app.actor("registrar").await.unwrap();
    let mut input = application("王小明");
    input.contact = "13812345678 wang@example.com".into();
    let id = t
        .app
        .apply_online(registrar.agency_id, &input)
        .await
        .unwrap()
        .id;
    let on = Date::parse("2025-06-03").unwrap();
    for e in [Event::Confirmed { on }, Event::CorrectionRequested { on }] {
        t.app.record_event(&registrar, id, e, "").await.unwrap();
    }
    let s = t.login(Role::Registrar).await;
    let page = t.get("/console/outbox", Some(&s)).await;
    assert!(page.text("#mail-state").contains("尚未配置邮件服务器"));
    let row = page.texts("#outbox tbody tr td");
    assert_eq!(row[1], "wang@example.com");
    assert!(row[2].starts_with("政府信息公开申请补正告知书"), "{row:?}");
    assert_eq!(row[3], "待发送");
}

/// Issue 17: with a 文号 prefix set, answers are numbered per year; the DOCX and the PDF the
/// registrar downloads carry the number, the text and the 落款 flush right.
#[tokio::test]
async fn issue17_letters_are_numbered_and_read_back_from_docx_and_pdf() {
    let t = TestApp::new("letter_files").await;
    let admin = t.app.actor("admin").await.unwrap();
    let mut settings = t.app.settings(admin.agency_id).await.unwrap();
    settings
        .letter_prefixes
        .insert("answer".into(), "七政依申答".into());
    t.app.save_settings(&admin, &settings).await.unwrap();
    let registrar = t.app.actor("registrar").await.unwrap();
    let on = Date::parse("2025-06-03").unwrap();
    let mut ids = Vec::new();
    for name in ["王小明", "李华"] {
        let r = t
            .app
            .apply_online(registrar.agency_id, &application(name))
            .await
            .unwrap();
        for e in [
            Event::Confirmed { on },
            Event::Answered {
                on,
                outcome: Outcome::Granted,
            },
        ] {
            t.app.record_event(&registrar, r.id, e, "").await.unwrap();
        }
        ids.push(r.id);
    }
    let letters = t.app.letters_of(ids[1]).await.unwrap();
    assert_eq!(letters[0].doc_no.as_deref(), Some("七政依申答〔2025〕2号"));
    let s = t.login(Role::Registrar).await;
    let base = format!("/console/cases/{}/letters/{}", ids[1], letters[0].id);
    let docx = t.get_bytes(&format!("{base}/docx"), Some(&s)).await;
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip::ZipArchive::new(std::io::Cursor::new(docx))
            .unwrap()
            .by_name("word/document.xml")
            .unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(xml.contains("七政依申答〔2025〕2号"));
    assert!(xml.contains("《中华人民共和国政府信息公开条例》第三十六条"));
    let sign = xml.rfind("新乡县七里营镇人民政府").unwrap();
    let para = &xml[xml[..sign].rfind("<w:p>").unwrap()..sign];
    assert!(para.contains("<w:jc w:val=\"right\"/>"), "{para}");
    let pdf = t.get_bytes(&format!("{base}/pdf"), Some(&s)).await;
    let text = gongkai_report::pdf::read(&pdf).unwrap();
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains("七政依申答〔2025〕2号"), "{text}");
    assert!(joined.contains("申请行政复议"), "{text}");
}

/// An online application, confirmed and answered on 2025-06-03: its 查询码 and 查询密码.
async fn answered(t: &TestApp) -> (i64, String, String) {
    let registrar = t.app.actor("registrar").await.unwrap();
    let r = t
        .app
        .apply_online(registrar.agency_id, &application("王小明"))
        .await
        .unwrap();
    let on = Date::parse("2025-06-03").unwrap();
    let answer = Event::Answered {
        on,
        outcome: Outcome::Granted,
    };
    for e in [Event::Confirmed { on }, answer] {
        t.app.record_event(&registrar, r.id, e, "").await.unwrap();
    }
    (r.id, r.code, r.password)
}

/// Issue 20: the applicant downloads the 答复书 from the tracking page as PDF (or Word), with
/// the 查询密码; a wrong password gives the tracking page's refusal, not the letter.
#[tokio::test]
async fn issue20_the_applicant_downloads_letters_as_pdf_from_the_tracking_page() {
    let t = TestApp::new("track_letters").await;
    let (_, code, password) = answered(&t).await;
    let track = [("code", code.as_str()), ("password", password.as_str())];
    let page = t.post("/ysqgk/chaxun", None, &track).await;
    let picks = page.html();
    let sel = scraper::Selector::parse("#letter-download button[name=pick]").unwrap();
    let picks: Vec<String> = picks
        .select(&sel)
        .filter_map(|b| b.value().attr("value").map(String::from))
        .collect();
    let pdf = picks
        .iter()
        .find(|p| p.ends_with(".pdf"))
        .expect("a PDF to download");
    let form = [
        ("code", code.as_str()),
        ("password", password.as_str()),
        ("pick", pdf),
    ];
    let file = t.post("/ysqgk/wenshu", None, &form).await;
    assert_eq!(file.headers["content-type"], "application/pdf");
    assert!(file.body.starts_with("%PDF"));
    let wrong = [
        ("code", code.as_str()),
        ("password", "wrong-password"),
        ("pick", pdf),
    ];
    let refused = t.post("/ysqgk/wenshu", None, &wrong).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(refused.text("#track-error").contains("查询码和查询密码"));
}

/// Issue 20: on a machine without a CJK font the console says which package to install and
/// offers the letters as DOCX only; the tracking page offers Word; a PDF asked for anyway
/// says the same instead of failing blankly.
#[tokio::test]
async fn issue20_without_a_cjk_font_the_console_names_the_package_and_offers_docx() {
    let t = TestApp::new("no_font")
        .await
        .with_config(gongkai_web::WebConfig {
            pdf_fonts_missing: true,
            ..crate::support::config()
        });
    let (id, code, password) = answered(&t).await;
    let s = t.login(Role::Registrar).await;
    let case = t.get(&format!("/console/cases/{id}"), Some(&s)).await;
    assert!(case.text("#pdf-hint").contains("fonts-noto-cjk"));
    assert!(
        case.links("#letters a")
            .iter()
            .all(|l| l.ends_with("/docx"))
    );
    let track = [("code", code.as_str()), ("password", password.as_str())];
    let page = t.post("/ysqgk/chaxun", None, &track).await;
    assert_eq!(page.texts("#letter-download button"), ["下载 Word"]);
}
