//! Fresh databases for a test, on each backend.

use gongkai_store::agencies::{AgencyKind, NewAgency};
use gongkai_store::{Backend, Store, testing};
use std::path::PathBuf;

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

/// A fresh temp-file SQLite database.
pub async fn sqlite(test: &str) -> TestDb {
    let url = testing::sqlite_url(test);
    let file = PathBuf::from(url.trim_start_matches("sqlite:"));
    let store = Store::open(&url).await.expect("open sqlite");
    TestDb {
        store,
        url,
        file: Some(file),
    }
}

/// A fresh PostgreSQL database, when the cluster is there.
pub async fn pg(test: &str) -> Option<TestDb> {
    let url = testing::pg_url(test).await?;
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
