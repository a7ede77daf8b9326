//! The web in-process (issue 6): authorization matrix, CSRF and cookies, the workflow through
//! the console's forms, the portal's pages.

#![allow(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions: a panic is a failed test"
)]

mod answers;
mod app_api;
mod browser;
mod browser_a11y;
mod browser_supervision;
mod cases;
mod dashboard;
mod finishing;
mod hardening;
mod ledger_integrity;
mod letters;
mod matrix;
mod platform;
mod portal;
mod rating;
mod render_cache;
mod report;
mod security;
mod subtree_reports;
mod support;
mod workflow;
