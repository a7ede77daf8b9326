//! The web in-process (issue 6): authorization matrix, CSRF and cookies, the workflow through
//! the console's forms, the portal's pages.

mod matrix;
mod portal;
mod security;
mod support;
mod workflow;
