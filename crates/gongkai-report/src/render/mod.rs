//! Rendering a report: canonical JSON (see [`crate::json`]), Markdown, HTML in the official
//! table layout, and plain text in the seed's layout. Whatever is rendered reads back to the
//! same report.

pub(crate) mod html;
pub(crate) mod layout;

pub use html::{html, html_fragment};

use gongkai_domain::report::AnnualReport;
use gongkai_domain::report::layout::numeral;
use layout::{Block, blocks};

/// The output formats of `report convert`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Canonical JSON.
    Json,
    /// Markdown.
    Markdown,
    /// HTML.
    Html,
    /// Plain text.
    Text,
}

impl Target {
    /// Parses `json`, `md`, `html`, `txt`.
    pub fn parse(name: &str) -> Option<Target> {
        match name {
            "json" => Some(Target::Json),
            "md" | "markdown" => Some(Target::Markdown),
            "html" => Some(Target::Html),
            "txt" | "text" => Some(Target::Text),
            _ => None,
        }
    }
}

/// Renders a report (with its parse diagnostics, which only JSON keeps).
pub fn render(
    report: &AnnualReport,
    diagnostics: &[gongkai_domain::check::Finding],
    target: Target,
) -> String {
    match target {
        Target::Json => crate::json::write(report, diagnostics),
        Target::Markdown => markdown(report),
        Target::Html => html(report),
        Target::Text => text(report),
    }
}

/// Plain text: one paragraph per line, tables as tab-separated rows (the seed's layout).
pub fn text(report: &AnnualReport) -> String {
    let mut out = String::new();
    write_blocks(report, &mut out, |out, block| match block {
        Block::Title(t) => out.push_str(&format!("{t}\n\n")),
        Block::Heading(h) => out.push_str(&format!("{h}\n\n")),
        Block::Paragraph(p) => out.push_str(&format!("{p}\n\n")),
        Block::Caption(c) => out.push_str(&format!("{c}\n")),
        Block::Row(cells) => out.push_str(&format!("{}\n", cells.join("\t"))),
        Block::TableEnd => out.push('\n'),
        Block::TableStart(_) => {}
    });
    out
}

/// Markdown: headings, paragraphs and pipe tables.
pub fn markdown(report: &AnnualReport) -> String {
    let mut out = String::new();
    let mut header_pending = false;
    write_blocks(report, &mut out, |out, block| match block {
        Block::Title(t) => out.push_str(&format!("# {t}\n\n")),
        Block::Heading(h) => out.push_str(&format!("## {h}\n\n")),
        Block::Paragraph(p) => out.push_str(&format!("{p}\n\n")),
        Block::Caption(c) => out.push_str(&format!("\n**{c}**\n\n")),
        Block::TableStart(_) => header_pending = true,
        Block::Row(cells) => {
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if header_pending {
                out.push_str(&format!("|{}\n", " --- |".repeat(cells.len())));
                header_pending = false;
            }
        }
        Block::TableEnd => out.push('\n'),
    });
    out
}

fn write_blocks(report: &AnnualReport, out: &mut String, mut emit: impl FnMut(&mut String, Block)) {
    for block in blocks(report) {
        emit(out, block);
    }
}

/// "三、收到和处理政府信息公开申请情况".
pub(crate) fn heading(numeral_no: u8, title: &str) -> String {
    format!("{}、{title}", numeral(numeral_no))
}

/// Where a title too long for one line breaks (GB/T 9704: a title wraps where the sense
/// allows): before 「政府信息公开」, so that the agency and year stand on the first line and
/// 「政府信息公开工作年度报告」 on the second, never inside a word such as 年度. `None` when
/// the title has no such place.
pub(crate) fn title_break(title: &str) -> Option<(&str, &str)> {
    let at = title.find("政府信息公开").filter(|at| *at > 0)?;
    Some(title.split_at(at))
}

/// The width of `text` in full-width characters (a digit or Latin letter counts half).
pub(crate) fn em_width(text: &str) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}
