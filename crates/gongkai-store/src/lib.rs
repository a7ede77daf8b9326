//! One storage API with SQLite (the embedded default) and PostgreSQL behind it. Every query is
//! written once in portable SQL (`$n` placeholders, `RETURNING`, `ON CONFLICT`, no backend-only
//! functions) and run on whichever pool is open; the schema is migrated at start from one
//! folder per backend (`migrations/sqlite`, `migrations/postgres`), kept column for column alike.
//!
//! Invariants: a state change and its audit row commit in one transaction ([`Tx`]); the audit
//! log is hash-chained ([`audit`]); 索引号 are gap-free per agency and year ([`index_no`]).

pub mod accountability;
pub mod agencies;
pub mod appeals;
pub mod applications;
pub mod attachments;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod case_facts;
mod case_rows;
mod decode;
mod error;
pub mod fees;
pub mod index_no;
mod item_rows;
pub mod items;
pub mod outbox;
pub mod ratings;
pub mod rectifications;
pub mod released;
pub mod reports;
pub mod stats;
mod subtree;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod user_admin;
pub mod users;

pub use error::StoreError;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Postgres, Sqlite, Transaction};
use std::str::FromStr;
use std::time::Duration;

/// Which database is behind a [`Store`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file (`sqlite:PATH`).
    Sqlite,
    /// A PostgreSQL database (`postgres://…`).
    Postgres,
}

/// The store: a pool on one of the two backends.
#[derive(Clone, Debug)]
pub enum Store {
    /// SQLite.
    Sqlite(SqlitePool),
    /// PostgreSQL.
    Pg(PgPool),
}

/// A transaction: everything done through it commits together or not at all. Its audit rows
/// carry the [`AuditScope`] set with [`Tx::scoped`].
pub struct Tx {
    conn: TxConn,
    scope: audit::AuditScope,
}

/// The connection of a transaction on either backend.
enum TxConn {
    Sqlite(Transaction<'static, Sqlite>),
    Pg(Transaction<'static, Postgres>),
}

/// Runs the same sqlx expression on whichever pool is open (compiled once per backend).
macro_rules! on_pool {
    ($store:expr, |$p:ident| $body:expr) => {
        match $store {
            $crate::Store::Sqlite($p) => $body,
            $crate::Store::Pg($p) => $body,
        }
    };
}

/// Runs the same sqlx expression on the transaction's connection.
macro_rules! on_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        match &mut $tx.conn {
            $crate::TxConn::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::TxConn::Pg(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}
pub(crate) use {on_pool, on_tx};

impl Store {
    /// Opens `sqlite:PATH` (created when missing) or `postgres://…`, and migrates the schema,
    /// with the default pool sizes ([`DEFAULT_SQLITE_POOL`], [`DEFAULT_PG_POOL`]).
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        Store::open_with_pool(url, None).await
    }

    /// Like [`Store::open`], with at most `pool` connections.
    pub async fn open_with_pool(url: &str, pool: Option<u32>) -> Result<Store, StoreError> {
        let store = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Store::Pg(open_pg(url, pool.unwrap_or(DEFAULT_PG_POOL)).await?)
        } else if url.starts_with("sqlite:") {
            Store::Sqlite(open_sqlite(url, pool.unwrap_or(DEFAULT_SQLITE_POOL)).await?)
        } else {
            return Err(StoreError::BadUrl(url.to_string()));
        };
        store.migrate().await?;
        Ok(store)
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match self {
            Store::Sqlite(_) => Backend::Sqlite,
            Store::Pg(_) => Backend::Postgres,
        }
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(p) => sqlx::migrate!("./migrations/sqlite").run(p).await?,
            Store::Pg(p) => sqlx::migrate!("./migrations/postgres").run(p).await?,
        }
        Ok(())
    }

    /// Starts a transaction.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let conn = match self {
            // IMMEDIATE: the write lock is taken at the start, so a transaction that reads
            // before it writes waits its turn instead of failing with "database is locked".
            Store::Sqlite(p) => TxConn::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Store::Pg(p) => TxConn::Pg(p.begin().await?),
        };
        Ok(Tx {
            conn,
            scope: audit::AuditScope::default(),
        })
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(&self) {
        on_pool!(self, |p| p.close().await)
    }
}

impl Tx {
    /// Makes everything done in the transaction durable.
    pub async fn commit(self) -> Result<(), StoreError> {
        match self.conn {
            TxConn::Sqlite(t) => t.commit().await?,
            TxConn::Pg(t) => t.commit().await?,
        }
        Ok(())
    }

    /// The agency and client address that this transaction's audit rows carry.
    pub fn scoped(mut self, scope: audit::AuditScope) -> Tx {
        self.scope = scope;
        self
    }
}

/// WAL for readers during writes, `synchronous=FULL` so that a committed write survives a crash
/// or power loss, foreign keys on.
/// Connections of an SQLite store (one writer at a time in any case).
pub const DEFAULT_SQLITE_POOL: u32 = 8;
/// Connections of a PostgreSQL store: each instance takes up to this many of the server's
/// `max_connections` (100 by default, a few reserved for superusers).
pub const DEFAULT_PG_POOL: u32 = 16;

async fn open_sqlite(url: &str, pool: u32) -> Result<SqlitePool, StoreError> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(30));
    Ok(SqlitePoolOptions::new()
        .max_connections(pool.max(1))
        .connect_with(options)
        .await?)
}

async fn open_pg(url: &str, pool: u32) -> Result<PgPool, StoreError> {
    let options = PgConnectOptions::from_str(url)?;
    Ok(PgPoolOptions::new()
        .max_connections(pool.max(1))
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options)
        .await?)
}

/// Milliseconds since the epoch: how times are stored on both backends.
#[expect(
    clippy::disallowed_methods,
    reason = "the store stamps the rows it writes (audit, events) with the time of writing;               business dates still come from the caller"
)]
pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}
