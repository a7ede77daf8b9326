//! A state change and its audit row commit together or not at all (issue 5).

use crate::support::{each_backend, town};
use gongkai_store::applications::NewApplication;
use gongkai_store::audit::Verdict;
use gongkai_store::{Store, StoreError};

/// Registers one application (with its ledger event and audit row) and commits.
pub async fn register(store: &Store, agency: i64, code: &str) -> Result<i64, StoreError> {
    let mut tx = store.begin().await?;
    let id = tx
        .insert_application(&application(agency, code), "registrar")
        .await?;
    tx.commit().await?;
    Ok(id)
}

pub fn application(agency_id: i64, tracking_code: &str) -> NewApplication<'_> {
    NewApplication {
        agency_id,
        tracking_code,
        tracking_secret_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
        channel: "online",
        applicant_type: "natural_person",
        applicant_name: "张三",
        applicant_id_no: "",
        applicant_contact: "",
        applicant_address: "",
        applicant_id_kind: "resident_id",
        applicant_legal_rep: "",
        applicant_liaison: "",
        request: "申请公开2025年七里营镇财政预算执行情况",
        received_on: "2025-03-03",
    }
}

#[tokio::test]
async fn an_uncommitted_change_leaves_neither_the_change_nor_its_audit_row() {
    for db in each_backend("tx_rollback").await {
        let agency = town(&db.store).await;
        let mut tx = db.store.begin().await.expect("begin");
        tx.insert_application(&application(agency, "Q1"), "registrar")
            .await
            .expect("insert");
        drop(tx);
        assert!(db.store.applications().await.expect("list").is_empty());
        assert_eq!(
            db.store.verify_audit().await.expect("verify"),
            Verdict::Intact { rows: 1 }
        );
    }
}

#[tokio::test]
async fn a_change_that_fails_takes_its_audit_row_with_it() {
    for db in each_backend("tx_failure").await {
        let agency = town(&db.store).await;
        register(&db.store, agency, "Q1").await.expect("first");
        // The same 查询码 again: the audit row is written, then the insert fails.
        let again = register(&db.store, agency, "Q1").await;
        assert!(again.is_err(), "{:?}", db.backend());
        assert_eq!(db.store.applications().await.expect("list").len(), 1);
        assert_eq!(
            db.store.verify_audit().await.expect("verify"),
            Verdict::Intact { rows: 2 }
        );
        // The chain goes on where it stood.
        register(&db.store, agency, "Q2").await.expect("after");
        assert_eq!(
            db.store.verify_audit().await.expect("verify"),
            Verdict::Intact { rows: 3 }
        );
    }
}
