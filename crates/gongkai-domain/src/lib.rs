//! The law as code: the 政府信息公开工作年度报告 model of 国办公开办函〔2021〕30号 (and the 2019
//! trial format), and the checker's rules.
//!
//! Architecture invariant: this crate does no IO, reads no clock and knows no file format.
//! Everything it needs (last year's report, today's date) is an argument.

pub mod agency;
pub mod applicant;
pub mod check;
pub mod clock;
pub mod disclosure;
pub mod fields;
pub mod layout;
pub mod letters;
pub mod rating;
pub mod rectification;
pub mod report;
pub mod text;
