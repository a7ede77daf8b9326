//! Fresh databases for a test, on each backend.

use gongkai_store::agencies::{AgencyKind, NewAgency};
use gongkai_store::{Backend, Store};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh database and where it lives.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    /// The SQLite file (SQLite only).
    pub file: Option<PathBuf>,
}

impl TestDb {
    pub fn backend(&self) -> Backend {
        self.store.backend()
    }
}

fn unique(test: &str) -> String {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    format!("{test}_{}_{n}", std::process::id())
}

/// A fresh temp-file SQLite database.
pub async fn sqlite(test: &str) -> TestDb {
    let dir = std::env::temp_dir().join(format!("gongkai-store-{}", unique(test)));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("gongkai.db");
    let url = format!("sqlite:{}", file.display());
    let store = Store::open(&url).await.expect("open sqlite");
    TestDb {
        store,
        url,
        file: Some(file),
    }
}

/// The URL of a fresh database on the test cluster, or `None` when there is no cluster.
pub async fn pg_url(test: &str) -> Option<String> {
    let Ok(admin) = std::env::var("GONGKAI_TEST_PG_URL") else {
        assert!(
            std::env::var("GONGKAI_TEST_PG_REQUIRED").is_err(),
            "GONGKAI_TEST_PG_REQUIRED is set but GONGKAI_TEST_PG_URL is not"
        );
        return None;
    };
    let name = unique(test).to_lowercase();
    let pool = sqlx::PgPool::connect(&admin)
        .await
        .expect("connect to the test cluster");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
        .execute(&pool)
        .await
        .expect("create database");
    pool.close().await;
    let base = admin
        .rsplit_once('/')
        .map_or(admin.as_str(), |(b, _)| b)
        .to_string();
    Some(format!("{base}/{name}"))
}

/// A fresh PostgreSQL database, when the cluster is there.
pub async fn pg(test: &str) -> Option<TestDb> {
    let url = pg_url(test).await?;
    let store = Store::open(&url).await.expect("open postgres");
    Some(TestDb {
        store,
        url,
        file: None,
    })
}

/// A fresh database on each backend.
pub async fn each_backend(test: &str) -> Vec<TestDb> {
    let mut dbs = vec![sqlite(test).await];
    dbs.extend(pg(test).await);
    dbs
}

/// Creates the seed's town and returns its id.
pub async fn town(store: &Store) -> i64 {
    let mut tx = store.begin().await.expect("begin");
    let id = tx
        .insert_agency(
            &NewAgency {
                parent_id: None,
                code: "11410721005591234X",
                name: "新乡县七里营镇人民政府",
                level: "乡级",
                kind: AgencyKind::Government,
            },
            "admin",
        )
        .await
        .expect("insert agency");
    tx.commit().await.expect("commit");
    id
}

/// Runs one raw statement (with an optional id bound to `$1`) on either backend: tests use it
/// to do what the API never does (tamper with the log, edit a snapshot).
pub async fn execute(store: &Store, sql: &'static str, id: Option<i64>) -> Result<(), sqlx::Error> {
    macro_rules! run {
        ($p:expr) => {
            match id {
                Some(id) => sqlx::query(sql).bind(id).execute($p).await.map(|_| ()),
                None => sqlx::query(sql).execute($p).await.map(|_| ()),
            }
        };
    }
    match store {
        Store::Sqlite(p) => run!(p),
        Store::Pg(p) => run!(p),
    }
}
