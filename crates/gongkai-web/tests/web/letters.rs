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
