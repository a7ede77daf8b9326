//! 索引号 allocation (issue 5): unique and gap-free per agency and year, under concurrency.

use crate::support::{each_backend, town};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_hundred_concurrent_allocations_give_one_hundred_consecutive_numbers() {
    for db in each_backend("index_concurrent").await {
        let agency = town(&db.store).await;
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                let store = db.store.clone();
                tokio::spawn(async move {
                    let mut tx = store.begin().await.expect("begin");
                    let no = tx.allocate_index_no(agency, 2025).await.expect("allocate");
                    tx.commit().await.expect("commit");
                    no
                })
            })
            .collect();
        let mut numbers = Vec::new();
        for task in tasks {
            numbers.push(task.await.expect("task").number());
        }
        numbers.sort_unstable();
        assert_eq!(
            numbers,
            (1..=100).collect::<Vec<u32>>(),
            "{:?}",
            db.backend()
        );
    }
}

#[tokio::test]
async fn a_rolled_back_registration_gives_its_number_back() {
    for db in each_backend("index_rollback").await {
        let agency = town(&db.store).await;
        let mut tx = db.store.begin().await.expect("begin");
        let first = tx.allocate_index_no(agency, 2025).await.expect("allocate");
        tx.commit().await.expect("commit");
        let mut abandoned = db.store.begin().await.expect("begin");
        abandoned
            .allocate_index_no(agency, 2025)
            .await
            .expect("allocate");
        drop(abandoned);
        let mut tx = db.store.begin().await.expect("begin");
        let second = tx.allocate_index_no(agency, 2025).await.expect("allocate");
        let next_year = tx.allocate_index_no(agency, 2026).await.expect("allocate");
        tx.commit().await.expect("commit");
        assert_eq!(first.to_string(), "11410721005591234X/2025-00001");
        assert_eq!(
            second.to_string(),
            "11410721005591234X/2025-00002",
            "{:?}",
            db.backend()
        );
        assert_eq!(next_year.to_string(), "11410721005591234X/2026-00001");
        assert_eq!(
            gongkai_store::index_no::IndexNo::parse(&second.to_string()),
            Some(second)
        );
    }
}
