//! Use cases on both backends (issue 6): the 主动公开 workflow, login and sessions, search.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions: a panic is a failed test"
)]

mod auth;
mod cases;
mod dashboard;
mod demo;
mod figures;
mod hashing;
mod mail;
mod ratings;
mod rectifications;
mod scale;
mod search;
mod subtree_reports;
mod support;
mod workflow;
