//! Use cases on both backends (issue 6): the 主动公开 workflow, login and sessions, search.

mod auth;
mod search;
mod support;
mod workflow;
