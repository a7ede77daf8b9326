//! Backup, wipe, restore gives identical rows (issue 5): SQLite through `VACUUM INTO` and a
//! file swap, PostgreSQL through `pg_dump -Fc` and `pg_restore` as docs/OPERATIONS.md says.

use crate::support::{TestDb, sqlite, town};
use crate::transactions::register;
use gongkai_store::audit::{AuditRow, Verdict};
use gongkai_store::testing::pg_url;
use gongkai_store::{Store, backup};
use std::process::Command;

/// Everything a restore must give back, row for row.
async fn rows(
    store: &Store,
) -> (
    Vec<gongkai_store::agencies::Agency>,
    Vec<gongkai_store::applications::Application>,
    Vec<AuditRow>,
) {
    (
        store.agencies().await.expect("agencies"),
        store.applications().await.expect("applications"),
        store.audit_rows(0, 10_000).await.expect("audit"),
    )
}

async fn fill(db: &TestDb) {
    let agency = town(&db.store).await;
    for k in 0..5 {
        register(&db.store, agency, &format!("B{k}"))
            .await
            .expect("register");
    }
}

#[tokio::test]
async fn sqlite_backup_wipe_restore_gives_identical_rows() {
    let db = sqlite("backup").await;
    fill(&db).await;
    let before = rows(&db.store).await;
    let file = db.file.clone().expect("sqlite file");
    let copy = file.with_file_name("backup.db");
    db.store.backup_sqlite(&copy).await.expect("backup");
    db.store.close().await;
    std::fs::remove_file(&file).expect("wipe");
    backup::restore_sqlite(&copy, &file).await.expect("restore");
    let restored = Store::open(&db.url).await.expect("reopen");
    assert_eq!(rows(&restored).await, before);
    assert_eq!(
        restored.verify_audit().await.expect("verify"),
        Verdict::Intact { rows: 6 }
    );
}

#[tokio::test]
async fn restoring_a_file_that_is_not_a_backup_is_refused_and_changes_nothing() {
    let db = sqlite("restore_refused").await;
    fill(&db).await;
    let before = rows(&db.store).await;
    db.store.close().await;
    let file = db.file.clone().expect("sqlite file");
    let bogus = file.with_file_name("notes.txt");
    std::fs::write(&bogus, "不是数据库").expect("write");
    assert!(backup::restore_sqlite(&bogus, &file).await.is_err());
    let reopened = Store::open(&db.url).await.expect("reopen");
    assert_eq!(rows(&reopened).await, before);
}

fn run(program: &str, args: &[&str]) {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn postgres_pg_dump_wipe_pg_restore_gives_identical_rows() {
    let Some(url) = pg_url("backup").await else {
        return;
    };
    let store = Store::open(&url).await.expect("open");
    let db = TestDb {
        store,
        url: url.clone(),
        file: None,
    };
    fill(&db).await;
    let before = rows(&db.store).await;
    db.store.close().await;
    let dump = std::env::temp_dir().join(format!("gongkai-pg-{}.dump", std::process::id()));
    let dump_path = dump.to_str().expect("utf-8");
    run("pg_dump", &["-Fc", "-f", dump_path, &url]);
    // Wipe: the database dropped and created empty again.
    let (base, name) = url.rsplit_once('/').expect("db name");
    let admin = sqlx::PgPool::connect(&format!("{base}/postgres"))
        .await
        .expect("admin");
    for sql in [
        format!("DROP DATABASE \"{name}\""),
        format!("CREATE DATABASE \"{name}\""),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&admin)
            .await
            .expect("wipe");
    }
    admin.close().await;
    run("pg_restore", &["-d", &url, dump_path]);
    std::fs::remove_file(&dump).ok();
    let restored = Store::open(&url).await.expect("reopen");
    assert_eq!(rows(&restored).await, before);
    assert_eq!(
        restored.verify_audit().await.expect("verify"),
        Verdict::Intact { rows: 6 }
    );
}
