//! The store's conformance suite (issue 5): every test runs on SQLite and on PostgreSQL, each
//! on a database of its own. PostgreSQL is the throwaway cluster scripts/test starts
//! (`GONGKAI_TEST_PG_URL`); with `GONGKAI_TEST_PG_REQUIRED=1` (as in CI) its absence fails.

mod accounts;
mod audit;
mod backup;
mod crash;
mod index_no;
mod plans;
mod schema;
mod support;
mod transactions;
