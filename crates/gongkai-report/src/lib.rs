//! Annual reports in and out: parsing what agencies publish (plain text copied from a page,
//! `pdftotext -layout` output, run-together archive text, HTML, Markdown, canonical JSON, in
//! UTF-8 or GB18030; XLSX, DOCX; PDF through `pdftotext`) and rendering them (JSON, Markdown,
//! HTML, text, XLSX, DOCX, PDF).
//!
//! Architecture invariant: parsing never panics and never fails. Whatever the input, it returns
//! a report (possibly empty) plus located diagnostics.

pub mod csv;
mod decode;
pub mod docx;
pub mod html;
pub mod json;
pub mod limits;
mod lines;
mod parse;
pub mod pdf;
mod region;
pub mod render;
mod split;
mod structure;
mod tables;
pub mod xlsx;

use gongkai_domain::check::{Finding, check};
use gongkai_domain::report::AnnualReport;

/// What kind of file the input was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// Canonical JSON.
    Json,
    /// An HTML page.
    Html,
    /// Markdown tables.
    Markdown,
    /// Plain text (web copy, `pdftotext` output, archive text).
    Text,
    /// An XLSX workbook.
    Xlsx,
    /// A Word document.
    Docx,
    /// A PDF with a text layer (read through `pdftotext -layout`).
    Pdf,
}

impl InputKind {
    /// Stable name.
    pub fn code(self) -> &'static str {
        match self {
            InputKind::Json => "json",
            InputKind::Html => "html",
            InputKind::Markdown => "markdown",
            InputKind::Text => "text",
            InputKind::Xlsx => "xlsx",
            InputKind::Docx => "docx",
            InputKind::Pdf => "pdf",
        }
    }
}

/// A parsed report with what the parser noticed on the way.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The report.
    pub report: AnnualReport,
    /// Parse diagnostics (findings with `parse-*` and some `format-*` codes).
    pub diagnostics: Vec<Finding>,
    /// What kind of input it was.
    pub input: InputKind,
    /// The text encoding used to read it.
    pub encoding: &'static str,
}

impl Parsed {
    /// Parse diagnostics and every checker finding, errors first.
    pub fn findings(&self, previous: Option<&AnnualReport>) -> Vec<Finding> {
        let mut all = self.diagnostics.clone();
        all.extend(check(&self.report, previous));
        all.sort_by_key(|f| std::cmp::Reverse(f.severity));
        all
    }

    /// The verdict on every checked rule (通过, 不通过, 无法核对, 不适用), given the findings
    /// of [`Parsed::findings`] with the same `previous`.
    pub fn verdicts(
        &self,
        previous: Option<&AnnualReport>,
        findings: &[Finding],
    ) -> Vec<(gongkai_domain::check::Rule, gongkai_domain::check::Verdict)> {
        gongkai_domain::check::verdicts(&self.report, previous, findings)
    }
}

/// Parses a file's bytes, detecting the encoding and the kind of input, within the default
/// [`limits::Limits`].
pub fn parse(bytes: &[u8]) -> Parsed {
    parse_within(bytes, &limits::DEFAULT)
}

/// Parses a file's bytes within `limits`: input over them is `parse-unreadable`, never read.
pub fn parse_within(bytes: &[u8], limits: &limits::Limits) -> Parsed {
    if let Err(why) = limits.check_size(bytes.len() as u64) {
        return parse::unreadable(InputKind::Text, &why);
    }
    if xlsx::is_zip(bytes)
        && let Err(why) = limits.check_zip(bytes)
    {
        let kind = if docx::is_docx(bytes) {
            InputKind::Docx
        } else {
            InputKind::Xlsx
        };
        return parse::unreadable(kind, &why);
    }
    if pdf::is_pdf(bytes) {
        return match pdf::read(bytes) {
            Ok(text) => Parsed {
                input: InputKind::Pdf,
                ..parse_str(&text)
            },
            Err(why) => parse::unreadable(InputKind::Pdf, &why),
        };
    }
    if xlsx::is_zip(bytes) && docx::is_docx(bytes) {
        return match docx::read(bytes) {
            Ok(text) => Parsed {
                input: InputKind::Docx,
                ..parse_str(&text)
            },
            Err(why) => parse::unreadable(InputKind::Docx, &why),
        };
    }
    if xlsx::is_zip(bytes) {
        return parse_xlsx(bytes);
    }
    let decoded = decode::decode(bytes);
    let mut parsed = parse_str(&decoded.text);
    parsed.encoding = decoded.encoding;
    if let Some(reason) = decoded.reason {
        parsed
            .diagnostics
            .insert(0, parse::encoding_note(decoded.encoding, reason));
    }
    parsed
}

/// The result for input refused before reading (`parse-unreadable` saying why), for callers
/// that refuse a file by its size before loading it.
pub fn refused(why: &str) -> Parsed {
    parse::unreadable(InputKind::Text, why)
}

/// Parses text, detecting the kind of input.
pub fn parse_str(text: &str) -> Parsed {
    parse::parse(text)
}

fn parse_xlsx(bytes: &[u8]) -> Parsed {
    match xlsx::read(bytes) {
        Ok(text) => Parsed {
            input: InputKind::Xlsx,
            ..parse_str(&text)
        },
        Err(why) => parse::unreadable(InputKind::Xlsx, &why),
    }
}
