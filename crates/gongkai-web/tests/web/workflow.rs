//! The 主动公开 workflow through the console's own forms (issue 6).

use crate::support::{Page, Session, TestApp};
use axum::http::StatusCode;
use gongkai_domain::disclosure::Role;

async fn id_from(location: &str) -> i64 {
    location
        .trim_start_matches("/console/items/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn act(t: &TestApp, id: i64, s: &Session, action: &str) -> Page {
    t.post(
        &format!("/console/items/{id}/action"),
        Some(s),
        &[("csrf", &s.csrf), ("action", action)],
    )
    .await
}

#[tokio::test]
async fn drafter_registrar_and_approver_publish_through_the_forms() {
    let t = TestApp::new("web_workflow").await;
    let (d, r, a) = (
        t.login(Role::Drafter).await,
        t.login(Role::Registrar).await,
        t.login(Role::Approver).await,
    );
    let form = [
        ("csrf", d.csrf.as_str()),
        ("title", "七里营村临时救助公示"),
        ("publisher", "新乡县七里营镇人民政府"),
        ("written_on", "2025-06-02"),
        ("summary", "公示临时救助对象。"),
        ("body", "救助对象王某某，身份证号11010519491231002X。"),
        ("article20_item", "9"),
        ("topic", "社会保障"),
        ("doc_no", ""),
        ("domain", ""),
        ("keywords", ""),
    ];
    let created = t.post("/console/items", Some(&d), &form).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let id = id_from(&created.location()).await;
    let page = t.get(&format!("/console/items/{id}"), Some(&d)).await;
    assert_eq!(
        page.texts("#flags .flag").len(),
        1,
        "the drafter sees the flag too"
    );
    assert_eq!(
        t.get(&format!("/11410721MB1C75730P/xxgk/{id}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    assert_eq!(
        act(&t, id, &d, "submit").await.status,
        StatusCode::SEE_OTHER
    );
    let home = t.get("/console", Some(&r)).await;
    assert_eq!(
        home.texts("#pending-registration tbody a"),
        vec!["七里营村临时救助公示"]
    );
    // Issue 20: 先审查、后公开 at both review steps: an open flag stops 登记审核 already, the
    // button says why beside it, and the registrar fixes or keeps it with a reason.
    let review = t.get(&format!("/console/items/{id}"), Some(&r)).await;
    assert!(
        review.text("#blocked-register").contains("保密审查"),
        "{}",
        review.body
    );
    let blocked = act(&t, id, &r, "register").await;
    assert_eq!(blocked.status, StatusCode::BAD_REQUEST);
    assert_eq!(blocked.text("#error-code"), "workflow-open-flags");
    assert_eq!(
        t.get(&format!("/11410721MB1C75730P/xxgk/{id}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let accept = [
        ("csrf", r.csrf.as_str()),
        ("flag", "id-number:11010519491231002X"),
        ("reason", "经本人同意公开"),
    ];
    assert_eq!(
        t.post(&format!("/console/items/{id}/flags"), Some(&r), &accept)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        act(&t, id, &r, "register").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        act(&t, id, &a, "approve").await.status,
        StatusCode::SEE_OTHER
    );

    let public = t.get(&format!("/11410721MB1C75730P/xxgk/{id}"), None).await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(public.text("#title"), "七里营村临时救助公示");
    assert!(
        public
            .text("#metadata")
            .contains("11410721MB1C75730P/2025-00001")
    );

    let sheet = t
        .get(&format!("/console/items/{id}/shenpibiao"), Some(&r))
        .await;
    let steps = sheet.texts("#steps tbody tr td:first-child");
    assert_eq!(
        steps,
        vec![
            "提交审核（第1版）",
            "登记审核通过（第1版）",
            "审批发布（第1版）"
        ]
    );
    assert!(sheet.text("#sheet").contains("经本人同意公开"));
    let docx = t
        .get(&format!("/console/items/{id}/shenpibiao.docx"), Some(&r))
        .await;
    assert!(docx.body.starts_with("PK"), "a DOCX is a zip");
}

#[tokio::test]
async fn a_returned_item_shows_the_reason_and_keeps_its_history() {
    let t = TestApp::new("web_return").await;
    let id = t
        .item(
            "防汛通知",
            "正文",
            &[gongkai_domain::disclosure::Action::Submit],
        )
        .await;
    let r = t.login(Role::Registrar).await;
    let path = format!("/console/items/{id}/action");
    let no_reason = t
        .post(
            &path,
            Some(&r),
            &[("csrf", &r.csrf), ("action", "return"), ("reason", "")],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    let back = t
        .post(
            &path,
            Some(&r),
            &[
                ("csrf", &r.csrf),
                ("action", "return"),
                ("reason", "请写明防汛责任人"),
            ],
        )
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    let d = t.login(Role::Drafter).await;
    let page = t.get(&format!("/console/items/{id}"), Some(&d)).await;
    assert_eq!(page.text("#state"), "草稿");
    assert!(
        page.texts("#reviews tbody tr")
            .iter()
            .any(|row| row.contains("请写明防汛责任人"))
    );
    assert_eq!(
        t.get(&format!("/console/items/{id}/edit"), Some(&d))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_upload_is_checked_by_content_and_served_as_a_download() {
    let t = TestApp::new("web_upload").await;
    let id = t.item("附件", "正文", &[]).await;
    let d = t.login(Role::Drafter).await;
    let fake = t
        .upload(
            &format!("/console/items/{id}/attachments"),
            &d,
            "名单.pdf",
            b"MZ fake",
        )
        .await;
    assert_eq!(fake.status, StatusCode::BAD_REQUEST);
    let ok = t
        .upload(
            &format!("/console/items/{id}/attachments"),
            &d,
            "名单.pdf",
            b"%PDF-1.7 real",
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let page = t.get(&format!("/console/items/{id}"), Some(&d)).await;
    let link = page.link("#attachments a");
    let file = t.get(&link, Some(&d)).await;
    assert_eq!(file.headers.get("content-type").unwrap(), "application/pdf");
    assert!(
        file.headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
}

#[tokio::test]
async fn the_standard_catalogue_domains_come_from_the_agencys_list_and_another_is_refused_keeping_the_form()
 {
    let t = TestApp::new("web_domains").await;
    let (d, admin) = (t.login(Role::Drafter).await, t.login(Role::Admin).await);
    let default = t.get("/console/items/new", Some(&d)).await;
    let options = default.texts("#domain option");
    assert_eq!(options.len(), 27, "the 26 domains and “none”");
    assert!(options.iter().any(|o| o == "国有土地上房屋征收与补偿"));

    let settings = [
        ("csrf", admin.csrf.as_str()),
        ("channel", "online"),
        ("domains", "乡村振兴\n自然资源\n乡村振兴\n"),
    ];
    let saved = t.post("/console/settings", Some(&admin), &settings).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let own = t.get("/console/items/new", Some(&d)).await;
    assert_eq!(
        own.texts("#domain option"),
        ["（不属于标准目录领域）", "乡村振兴", "自然资源"]
    );

    let item = |domain: &'static str| {
        [
            ("csrf", d.csrf.as_str()),
            ("title", "2025年衔接推进乡村振兴补助资金分配结果公示"),
            ("domain", domain),
        ]
    };
    let refused = t.post("/console/items", Some(&d), &item("扶贫")).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(
        refused
            .text("#form-error")
            .contains("“扶贫”不在本机关的标准目录领域清单中")
    );
    assert_eq!(
        refused.text("#domain option[selected]"),
        "扶贫",
        "what was chosen stays"
    );
    let created = t.post("/console/items", Some(&d), &item("乡村振兴")).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
}
