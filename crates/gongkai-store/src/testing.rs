//! Fresh databases for tests of this and the crates above (feature `test-support`): a temp-file
//! SQLite, and a new database on the PostgreSQL test cluster named by `GONGKAI_TEST_PG_URL`
//! (when `GONGKAI_TEST_PG_REQUIRED` is set, a missing cluster is a failure, not a skip).

use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A name no other test in any process uses.
pub fn unique(test: &str) -> String {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    format!("{test}_{}_{n}", std::process::id())
}

/// The URL of a fresh temp-file SQLite database.
pub fn sqlite_url(test: &str) -> String {
    let dir = std::env::temp_dir().join(format!("gongkai-test-{}", unique(test)));
    // Process ids are reused: a folder left by an earlier run of the same name goes first, so
    // the database really is fresh.
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    format!("sqlite:{}", dir.join("gongkai.db").display())
}

/// The URL of a fresh database on the test cluster, or `None` when there is no cluster.
///
/// # Panics
/// When the cluster is required but not configured, or refuses to create the database.
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
        .unwrap_or_else(|e| panic!("connect to the test cluster: {e}"));
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS \"{name}\""
    )))
    .execute(&pool)
    .await
    .unwrap_or_else(|e| panic!("drop a database left by an earlier run: {e}"));
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
        .execute(&pool)
        .await
        .unwrap_or_else(|e| panic!("create database: {e}"));
    pool.close().await;
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    Some(format!("{base}/{name}"))
}

/// Fresh database URLs: SQLite, and PostgreSQL when the cluster is there.
pub async fn each_backend_url(test: &str) -> Vec<String> {
    let mut urls = vec![sqlite_url(test)];
    urls.extend(pg_url(test).await);
    urls
}

/// Runs one statement directly on the database: for tests that damage a row the way a manual
/// edit or a broken migration would.
///
/// # Panics
/// When the statement fails.
pub async fn execute(store: &crate::Store, sql: &str) {
    let safe = || sqlx::AssertSqlSafe(sql.to_string());
    let done = crate::on_pool!(store, |p| sqlx::raw_sql(safe())
        .execute(p)
        .await
        .map(|_| ()));
    done.expect("test statement");
}

/// A parameter of a query whose plan is asked for.
#[derive(Clone, Copy, Debug)]
pub enum Arg {
    /// A number.
    Int(i64),
    /// A text `NULL` (an absent filter).
    NullText,
    /// A text.
    Text(&'static str),
}

/// The list queries whose plans must use an index (issue 19): name, SQL, parameters.
pub fn planned_queries() -> Vec<(&'static str, &'static str, Vec<Arg>)> {
    use Arg::{Int, NullText, Text};
    vec![
        (
            "专栏目录一页",
            crate::items::AGENCY_PAGE,
            vec![Int(1), NullText, Int(20), Int(0)],
        ),
        (
            "专栏条数",
            crate::items::AGENCY_COUNT,
            vec![Int(1), NullText],
        ),
        (
            "工作台信息列表",
            crate::items::CONSOLE_ITEMS,
            vec![Int(1), NullText],
        ),
        (
            "依申请公开工作列表",
            crate::applications::AGENCY_CASES,
            vec![Int(1)],
        ),
        (
            "监督看板：本年公开与待审的信息",
            crate::items::SUBTREE_ITEM_FACTS,
            vec![Int(1), Text("2026-01-01")],
        ),
        (
            "监督看板：关注栏目的最后更新",
            crate::subtree::COLUMN_UPDATES,
            vec![Int(1), Text("财政预决算")],
        ),
        (
            "检索索引重建（按编号逐批）",
            crate::items::PUBLIC_AFTER,
            vec![Int(0), Int(1000)],
        ),
        (
            "年报表三（按年报事实分组计数）",
            crate::case_facts::FACT_COUNTS,
            vec![Int(1), Text("2025-01-01"), Text("2025-12-31")],
        ),
        (
            "待重算的年报事实",
            crate::case_facts::STALE_FACTS,
            vec![Int(1), Int(500)],
        ),
    ]
}

/// The plan of `sql` with `args`, a line per step: SQLite's `EXPLAIN QUERY PLAN` details, or
/// PostgreSQL's `EXPLAIN` with sequential scans priced out (so a plan that still scans a table
/// has no index to use).
///
/// # Panics
/// When the database refuses the statement.
pub async fn plan(store: &crate::Store, sql: &str, args: &[Arg]) -> Vec<String> {
    macro_rules! bound {
        ($q:expr) => {{
            let mut q = $q;
            for a in args {
                q = match a {
                    Arg::Int(n) => q.bind(*n),
                    Arg::NullText => q.bind(None::<String>),
                    Arg::Text(t) => q.bind(*t),
                };
            }
            q
        }};
    }
    match store {
        crate::Store::Sqlite(p) => {
            let text = sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}"));
            let rows: Vec<(i64, i64, i64, String)> = bound!(sqlx::query_as(text))
                .fetch_all(p)
                .await
                .expect("plan");
            rows.into_iter().map(|r| r.3).collect()
        }
        crate::Store::Pg(p) => {
            let mut tx = p.begin().await.expect("begin");
            sqlx::query("SET LOCAL enable_seqscan = off")
                .execute(&mut *tx)
                .await
                .expect("set");
            let text = sqlx::AssertSqlSafe(format!("EXPLAIN {sql}"));
            let rows: Vec<(String,)> = bound!(sqlx::query_as(text))
                .fetch_all(&mut *tx)
                .await
                .expect("plan");
            rows.into_iter().map(|r| r.0).collect()
        }
    }
}
