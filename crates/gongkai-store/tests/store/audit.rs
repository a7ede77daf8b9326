//! The hash-chained audit log (issue 5): editing or deleting one row makes verification fail
//! and name that row.

use crate::support::{TestDb, each_backend, execute, town};
use gongkai_store::audit::Verdict;

/// Five audited changes: the town, then four applications.
async fn five_rows(db: &TestDb) {
    let agency = town(&db.store).await;
    for k in 0..4 {
        crate::transactions::register(&db.store, agency, &format!("Q{k}"))
            .await
            .expect("register");
    }
    assert_eq!(
        db.store.verify_audit().await.expect("verify"),
        Verdict::Intact { rows: 5 }
    );
}

async fn exec(db: &TestDb, sql: &'static str) {
    execute(&db.store, sql, None).await.expect("tamper");
}

fn broken_at(verdict: Verdict) -> i64 {
    match verdict {
        Verdict::Broken { seq, why } => {
            assert!(why.contains(&format!("第{seq}条")), "{why}");
            seq
        }
        Verdict::Intact { rows } => panic!("tampering went unnoticed ({rows} rows)"),
    }
}

#[tokio::test]
async fn editing_a_row_is_found_and_named() {
    for db in each_backend("audit_edit").await {
        five_rows(&db).await;
        exec(
            &db,
            "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3",
        )
        .await;
        assert_eq!(broken_at(db.store.verify_audit().await.expect("verify")), 3);
    }
}

#[tokio::test]
async fn editing_a_row_and_its_hash_is_found_and_named() {
    for db in each_backend("audit_rehash").await {
        five_rows(&db).await;
        exec(
            &db,
            "UPDATE audit_log SET hash = 'ab' || substr(hash, 3) WHERE seq = 2",
        )
        .await;
        assert_eq!(broken_at(db.store.verify_audit().await.expect("verify")), 2);
    }
}

#[tokio::test]
async fn deleting_a_row_is_found_and_named() {
    for db in each_backend("audit_delete").await {
        five_rows(&db).await;
        exec(&db, "DELETE FROM audit_log WHERE seq = 4").await;
        assert_eq!(broken_at(db.store.verify_audit().await.expect("verify")), 4);
    }
}

#[tokio::test]
async fn deleting_the_last_row_is_found() {
    for db in each_backend("audit_delete_last").await {
        five_rows(&db).await;
        exec(&db, "DELETE FROM audit_log WHERE seq = 5").await;
        assert_eq!(broken_at(db.store.verify_audit().await.expect("verify")), 5);
    }
}
