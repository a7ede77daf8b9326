//! 先审查、后公开, 一事一审, 保密审查 flags, 索引号, 撤回/废止/修订 (issue 6).

use crate::support::{Fixture, each_backend, fields, publish};
use gongkai_app::AppError;
use gongkai_app::views::CatalogueQuery;
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::{Action, ItemState};
use gongkai_search::Query;

fn q(text: &str) -> Query {
    Query {
        text: text.into(),
        limit: 10,
        ..Query::default()
    }
}

async fn public_everywhere(f: &Fixture, id: i64, word: &str) -> (bool, i64, usize) {
    let page = f.app.public_item(id).await.is_ok();
    let (_, total) = f
        .app
        .catalogue(&CatalogueQuery {
            limit: 10,
            ..CatalogueQuery::default()
        })
        .await
        .unwrap();
    let hits = f.app.search(&q(word)).await.unwrap().total;
    (page, total, hits)
}

#[tokio::test]
async fn nothing_is_public_before_approval_xian_shencha_hou_gongkai() {
    for f in each_backend("before_approval").await {
        let id = f
            .app
            .create_item(&f.drafter, &fields("关于秋季防火的通知", "各村做好防火。"))
            .await
            .unwrap();
        assert_eq!(public_everywhere(&f, id, "防火").await, (false, 0, 0));
        f.app.act(&f.drafter, id, &Action::Submit).await.unwrap();
        assert_eq!(public_everywhere(&f, id, "防火").await, (false, 0, 0));
        f.app
            .act(&f.registrar, id, &Action::Register)
            .await
            .unwrap();
        assert_eq!(public_everywhere(&f, id, "防火").await, (false, 0, 0));
        f.app.act(&f.approver, id, &Action::Approve).await.unwrap();
        assert_eq!(public_everywhere(&f, id, "防火").await, (true, 1, 1));
    }
}

#[tokio::test]
async fn a_returned_item_keeps_its_history_and_the_shenpibiao_lists_every_step() {
    for f in each_backend("returned").await {
        let id = f
            .app
            .create_item(&f.drafter, &fields("七里营镇低保公示", "公示名单。"))
            .await
            .unwrap();
        f.app.act(&f.drafter, id, &Action::Submit).await.unwrap();
        let no_reason = f
            .app
            .act(&f.registrar, id, &Action::Return { reason: " ".into() })
            .await;
        assert!(matches!(no_reason, Err(AppError::Workflow(_))));
        let back = Action::Return {
            reason: "请补充公示期限".into(),
        };
        assert_eq!(
            f.app.act(&f.registrar, id, &back).await.unwrap(),
            ItemState::Draft
        );
        f.app
            .edit_item(
                &f.drafter,
                id,
                &fields("七里营镇低保公示", "公示名单，公示期7天。"),
            )
            .await
            .unwrap();
        f.app.act(&f.drafter, id, &Action::Submit).await.unwrap();
        f.app
            .act(&f.registrar, id, &Action::Register)
            .await
            .unwrap();
        let back = Action::Return {
            reason: "文号需核对".into(),
        };
        f.app.act(&f.approver, id, &back).await.unwrap();
        publish(&f, id).await;
        let view = f.app.item_view(&f.registrar, id).await.unwrap();
        let steps: Vec<(&str, &str)> = view
            .reviews
            .iter()
            .map(|r| (r.step.as_str(), r.comment.as_str()))
            .collect();
        assert_eq!(
            steps,
            vec![
                ("submit", ""),
                ("return", "请补充公示期限"),
                ("submit", ""),
                ("register", ""),
                ("return", "文号需核对"),
                ("submit", ""),
                ("register", ""),
                ("approve", "")
            ]
        );
        assert!(
            view.reviews
                .iter()
                .all(|r| !r.user_name.is_empty() && r.at > 0)
        );
        assert_eq!(view.state, ItemState::Published);
        // Issue 20: each 退回修改 starts the next version; the reviewed one keeps its record.
        let versions: Vec<i64> = view.reviews.iter().map(|r| r.version).collect();
        assert_eq!(versions, vec![1, 1, 2, 2, 2, 3, 3, 3]);
        assert_eq!(view.item.published_version, Some(3));
    }
}

/// 先审查、后公开 (issue 20): an open flag stops 登记审核 as it stops 审批; the reviewer keeps
/// it only with a reason, and the drafter cannot.
#[tokio::test]
async fn a_flagged_id_number_blocks_registration_and_approval_until_accepted_with_a_reason() {
    for f in each_backend("flags").await {
        let body = "救助对象王某某，身份证号11010519491231002X。";
        let id = f
            .app
            .create_item(&f.drafter, &fields("临时救助公示", body))
            .await
            .unwrap();
        f.app.act(&f.drafter, id, &Action::Submit).await.unwrap();
        let open = |r: &Result<ItemState, AppError>| matches!(r, Err(AppError::Workflow(e)) if e.code() == "workflow-open-flags");
        let blocked = f.app.act(&f.registrar, id, &Action::Register).await;
        assert!(open(&blocked), "登记审核 with an open flag: {blocked:?}");
        let key = "id-number:11010519491231002X";
        let no_reason = f.app.accept_flag(&f.registrar, id, key, "").await;
        assert!(matches!(no_reason, Err(AppError::Missing(_))));
        assert!(matches!(
            f.app.accept_flag(&f.drafter, id, key, "x").await,
            Err(AppError::Forbidden)
        ));
        f.app
            .accept_flag(&f.registrar, id, key, "已取得本人书面同意公开")
            .await
            .unwrap();
        f.app
            .act(&f.registrar, id, &Action::Register)
            .await
            .unwrap();
        assert_eq!(
            f.app.act(&f.approver, id, &Action::Approve).await.unwrap(),
            ItemState::Published
        );
        let view = f.app.item_view(&f.approver, id).await.unwrap();
        let accepted = view.flags[0].accepted.as_ref().unwrap();
        assert_eq!(accepted.reason, "已取得本人书面同意公开");
    }
}

async fn index_no(f: &Fixture, id: i64) -> String {
    let view = f.app.item_view(&f.drafter, id).await.unwrap();
    view.item.index_no.unwrap()
}

#[tokio::test]
async fn index_numbers_are_assigned_at_registration_in_sequence_and_kept() {
    for f in each_backend("index_no").await {
        let a = f
            .app
            .create_item(&f.drafter, &fields("甲", "正文"))
            .await
            .unwrap();
        let b = f
            .app
            .create_item(&f.drafter, &fields("乙", "正文"))
            .await
            .unwrap();
        f.app.act(&f.drafter, b, &Action::Submit).await.unwrap();
        assert_eq!(
            f.app.item_view(&f.drafter, b).await.unwrap().item.index_no,
            None
        );
        f.app.act(&f.registrar, b, &Action::Register).await.unwrap();
        f.app.act(&f.approver, b, &Action::Approve).await.unwrap();
        publish(&f, a).await;
        assert_eq!(index_no(&f, b).await, "11410721MB1C75730P/2025-00001");
        assert_eq!(index_no(&f, a).await, "11410721MB1C75730P/2025-00002");
        f.app.act(&f.drafter, a, &Action::Revise).await.unwrap();
        publish(&f, a).await;
        assert_eq!(index_no(&f, a).await, "11410721MB1C75730P/2025-00002");
    }
}

#[tokio::test]
async fn a_revision_in_review_leaves_the_published_version_online() {
    for f in each_backend("revise").await {
        let id = f
            .app
            .create_item(&f.drafter, &fields("第一版标题", "正文"))
            .await
            .unwrap();
        publish(&f, id).await;
        f.app.act(&f.drafter, id, &Action::Revise).await.unwrap();
        f.app
            .edit_item(&f.drafter, id, &fields("第二版标题", "正文"))
            .await
            .unwrap();
        assert_eq!(
            f.app.public_item(id).await.unwrap().item.fields.title,
            "第一版标题"
        );
        assert_eq!(f.app.search(&q("第二版")).await.unwrap().total, 0);
        f.app.act(&f.drafter, id, &Action::Submit).await.unwrap();
        f.app
            .act(&f.registrar, id, &Action::Register)
            .await
            .unwrap();
        f.app.act(&f.approver, id, &Action::Approve).await.unwrap();
        assert_eq!(
            f.app.public_item(id).await.unwrap().item.fields.title,
            "第二版标题"
        );
        assert_eq!(f.app.search(&q("第一版")).await.unwrap().total, 0);
        assert_eq!(f.app.search(&q("第二版")).await.unwrap().total, 1);
    }
}

#[tokio::test]
async fn abolished_items_stay_visible_marked_withdrawn_ones_disappear() {
    for f in each_backend("abolish").await {
        let kept = f
            .app
            .create_item(
                &f.drafter,
                &fields("七里营镇村规民约管理办法", "办法全文。"),
            )
            .await
            .unwrap();
        let gone = f
            .app
            .create_item(&f.drafter, &fields("七里营镇误发通知", "误发。"))
            .await
            .unwrap();
        publish(&f, kept).await;
        publish(&f, gone).await;
        let on = Date::parse("2025-06-03").unwrap();
        f.app
            .act(&f.registrar, kept, &Action::Abolish { on })
            .await
            .unwrap();
        f.app
            .act(
                &f.registrar,
                gone,
                &Action::Withdraw {
                    reason: "误发".into(),
                },
            )
            .await
            .unwrap();
        let page = f.app.public_item(kept).await.unwrap();
        assert_eq!(
            (
                page.item.validity.as_str(),
                page.item.validity_on.map(|d| d.to_string()).as_deref()
            ),
            ("abolished", Some("2025-06-03"))
        );
        assert!(matches!(
            f.app.public_item(gone).await,
            Err(AppError::NotFound(_))
        ));
        assert_eq!(f.app.search(&q("七里营镇")).await.unwrap().total, 1);
        let valid_only = Query {
            validity: Some("valid".into()),
            ..q("七里营镇")
        };
        assert_eq!(f.app.search(&valid_only).await.unwrap().total, 0);
    }
}

#[tokio::test]
async fn attachments_are_checked_by_content_and_only_drafts_take_them() {
    for f in each_backend("attach").await {
        let id = f
            .app
            .create_item(&f.drafter, &fields("附件测试", "正文"))
            .await
            .unwrap();
        let fake = f
            .app
            .attach(&f.drafter, id, "名单.pdf", b"<html>not a pdf</html>")
            .await;
        assert!(matches!(fake, Err(AppError::File(m)) if m.contains("不符")));
        let exe = f
            .app
            .attach(&f.drafter, id, "setup.exe", b"MZ\x90\x00")
            .await;
        assert!(matches!(exe, Err(AppError::File(_))));
        f.app
            .attach(&f.drafter, id, "../../名单.pdf", b"%PDF-1.7\n%test\n")
            .await
            .unwrap();
        publish(&f, id).await;
        let page = f.app.public_item(id).await.unwrap();
        assert_eq!(page.attachments[0].file_name, "名单.pdf");
        assert_eq!(page.attachments[0].media_type, "application/pdf");
        let (_, blob) = f
            .app
            .public_attachment(f.drafter.agency_id, id, &page.attachments[0].sha256)
            .await
            .unwrap();
        assert!(blob.content.starts_with(b"%PDF-"));
        let late = f.app.attach(&f.drafter, id, "b.pdf", b"%PDF-1.7\n").await;
        assert!(matches!(late, Err(AppError::NotNow(_))));
    }
}

#[tokio::test]
async fn every_step_leaves_an_audit_row_and_the_chain_verifies() {
    for f in each_backend("audit").await {
        let id = f
            .app
            .create_item(&f.drafter, &fields("审计测试", "正文"))
            .await
            .unwrap();
        publish(&f, id).await;
        let rows = f.app.store().audit_rows(0, 1000).await.unwrap();
        let actions: Vec<&str> = rows
            .iter()
            .filter(|r| r.entity == "item")
            .map(|r| r.action.as_str())
            .collect();
        assert_eq!(
            actions,
            vec![
                "item.create",
                "item.submit",
                "item.register",
                "item.approve"
            ]
        );
        assert!(matches!(
            f.app.store().verify_audit().await.unwrap(),
            gongkai_store::audit::Verdict::Intact { .. }
        ));
    }
}
