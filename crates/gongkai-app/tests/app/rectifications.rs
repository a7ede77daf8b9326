//! Issue 16: the 整改通知 lifecycle on both backends: issued with a deadline in working days
//! (across a weekend and 国庆), answered, returned, answered again, accepted; overdue only
//! while open past the deadline; each agency sees only its own.

use crate::support::{account, app_on, at, two_towns};
use gongkai_app::App;
use gongkai_app::cases::Upload;
use gongkai_app::rectifications::{NoticeInput, ledger};
use gongkai_app::testing;
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::Role;
use gongkai_domain::rectification::NoticeState;

#[tokio::test]
async fn issue16_a_notice_is_issued_answered_returned_answered_and_accepted() {
    for url in gongkai_store::testing::each_backend_url("rectification").await {
        let app = app_on(&url).await;
        let (county, town, other) = two_towns(&app).await;
        account(&app, county, "ducha", Role::Supervisor).await;
        account(&app, town, "dzb", Role::Registrar).await;
        account(&app, other, "lgm-dzb", Role::Registrar).await;
        let (ducha, dzb, lgm) = (
            app.actor("ducha").await.unwrap(),
            app.actor("dzb").await.unwrap(),
            app.actor("lgm-dzb").await.unwrap(),
        );
        // Issued Monday 2026-09-28 with 3 working days: 09-29, 09-30 and, after 国庆
        // (10-01..07), 10-08.
        at(&app, "2026-09-28");
        let input = NoticeInput {
            agency_code: testing::TOWN_CODE.into(),
            subject: "依申请公开超期未答复（查询码 2026-xxxx）".into(),
            basis: "《中华人民共和国政府信息公开条例》第三十三条".into(),
            days: "3".into(),
            files: vec![pdf("整改要求.pdf")],
        };
        let id = app.issue_notice(&ducha, &input).await.unwrap();
        let view = |who: &gongkai_app::auth::Actor| {
            let app = app.clone();
            let who = who.clone();
            async move { app.notices(&who).await.unwrap() }
        };
        let mine = view(&dzb).await;
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].notice.due_on, Date::parse("2026-10-08").unwrap());
        assert!(view(&lgm).await.is_empty(), "another town sees nothing");
        at(&app, "2026-10-08");
        assert!(!view(&dzb).await[0].overdue, "due today");
        at(&app, "2026-10-09");
        assert!(view(&dzb).await[0].overdue, "open past its deadline");
        assert!(view(&ducha).await[0].overdue, "flagged on both sides");
        assert!(
            app.answer_notice(&lgm, id, "不是我们的", &[])
                .await
                .is_err()
        );
        assert!(
            app.answer_notice(&ducha, id, "督查不能代报", &[])
                .await
                .is_err()
        );
        app.answer_notice(&dzb, id, "已答复申请人并通报承办科室", &[])
            .await
            .unwrap();
        assert!(!view(&dzb).await[0].overdue, "answered: the clock stops");
        assert!(
            app.review_notice(&ducha, id, false, "").await.is_err(),
            "a return needs its reason"
        );
        app.review_notice(&ducha, id, false, "未附答复书")
            .await
            .unwrap();
        assert_eq!(view(&dzb).await[0].notice.state, NoticeState::Open);
        let too_many = vec![pdf("佐证.pdf"); 6];
        assert!(
            app.answer_notice(&dzb, id, "材料太多", &too_many)
                .await
                .is_err(),
            "at most five files"
        );
        app.answer_notice(&dzb, id, "补充答复书扫描件", &[pdf("答复书.pdf")])
            .await
            .unwrap();
        app.review_notice(&ducha, id, true, "").await.unwrap();
        let done = &view(&ducha).await[0];
        assert_eq!(done.notice.state, NoticeState::Accepted);
        assert_eq!(done.notice.returned_reason, "未附答复书");
        assert!(
            app.answer_notice(&dzb, id, "再报", &[]).await.is_err(),
            "closed"
        );
        assert_eq!(done.files[0].file_name, "整改要求.pdf");
        assert_eq!(done.evidence[0].file_name, "答复书.pdf");
        let sha = done.evidence[0].sha256.clone();
        let (_, bytes) = app.notice_file(&dzb, id, &sha).await.unwrap();
        assert!(bytes.content.starts_with(b"%PDF-"));
        assert!(app.notice_file(&ducha, id, &sha).await.is_ok());
        assert!(
            app.notice_file(&lgm, id, &sha).await.is_err(),
            "another town reads no evidence"
        );
        let table = ledger(&view(&ducha).await, 2026);
        assert_eq!(table[0][0], "机关");
        assert_eq!(table[1][5], "已验收");
        assert_eq!(table[1][8], "答复书.pdf", "the 督查台账 names the evidence");
        let overview = |app: App| async move {
            app.compute_report(town, 2026).await.unwrap().sections[0]
                .text
                .clone()
        };
        let text = overview(app.clone()).await;
        assert!(
            text.contains("收到上级机关整改通知1件，已整改并通过验收1件"),
            "{text}"
        );
        assert!(
            text.contains("七里营镇人民政府坚持“先审查、后公开”"),
            "保密审查 opens 一（五）: {text}"
        );
        assert!(
            text.contains("未收到社会评议；全年未发生相关责任追究事件。"),
            "{text}"
        );
        let record = gongkai_app::accountability::AccountabilityInput {
            agency_code: testing::TOWN_CODE.into(),
            on: "2026-10-09".into(),
            person_role: "党政办工作人员".into(),
            basis: "《中华人民共和国政府信息公开条例》第五十三条".into(),
            outcome: "诫勉谈话".into(),
        };
        app.record_accountability(&ducha, &record).await.unwrap();
        assert!(app.record_accountability(&dzb, &record).await.is_err());
        assert_eq!(app.accountability_records(&dzb).await.unwrap().len(), 1);
        assert!(app.accountability_records(&lgm).await.unwrap().is_empty());
        let text = overview(app.clone()).await;
        assert!(text.contains("发生政府信息公开责任追究1起"), "{text}");
        let wrong = NoticeInput {
            agency_code: testing::COUNTY_CODE.into(),
            ..input.clone()
        };
        assert!(
            app.issue_notice(&ducha, &wrong).await.is_err(),
            "not to itself"
        );
        assert!(
            app.issue_notice(&dzb, &input).await.is_err(),
            "a registrar issues nothing"
        );
    }
}

fn pdf(name: &str) -> Upload {
    Upload {
        file_name: name.into(),
        bytes: format!("%PDF-1.4\n% {name}\n").into_bytes(),
    }
}
