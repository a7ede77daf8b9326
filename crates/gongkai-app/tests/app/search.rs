//! The index follows the store: reindex, and two instances on one database (issue 6).

use crate::support::{app_on, each_backend, fields, publish};
use gongkai_search::Query;

fn q(text: &str) -> Query {
    Query {
        text: text.into(),
        limit: 10,
        ..Query::default()
    }
}

#[tokio::test]
async fn two_instances_on_one_database_find_each_others_publications() {
    for f in each_backend("two_instances").await {
        let other = app_on(&f.url).await;
        assert_eq!(other.search(&q("信息公开")).await.unwrap().total, 0);
        let id = f
            .app
            .create_item(
                &f.drafter,
                &fields("七里营镇政府信息公开工作要点", "要点。"),
            )
            .await
            .unwrap();
        publish(&f, id).await;
        let hits = other.search(&q("信息公开")).await.unwrap();
        assert_eq!(
            hits.hits.iter().map(|h| h.doc.id).collect::<Vec<_>>(),
            vec![id]
        );
        // The follower loop finds it too, without a search to trigger it.
        let third = app_on(&f.url).await;
        let task = third.follow_changes(std::time::Duration::from_millis(20));
        for _ in 0..200 {
            if !third.index().is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        task.abort();
        assert_eq!(third.index().len(), 1);
    }
}

#[tokio::test]
async fn reindex_rebuilds_the_index_from_the_store() {
    for f in each_backend("reindex").await {
        for title in ["防汛工作通知", "秸秆禁烧通知", "未发布的草稿"] {
            let id = f
                .app
                .create_item(&f.drafter, &fields(title, "正文。"))
                .await
                .unwrap();
            if title != "未发布的草稿" {
                publish(&f, id).await;
            }
        }
        f.app.index().clear().unwrap();
        assert_eq!(f.app.reindex().await.unwrap(), 2);
        assert_eq!(f.app.index().len(), 2);
        assert_eq!(f.app.search(&q("通知")).await.unwrap().total, 2);
        assert_eq!(f.app.search(&q("草稿")).await.unwrap().total, 0);
    }
}
