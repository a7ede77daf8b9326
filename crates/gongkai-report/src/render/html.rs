//! HTML in the official table layout (rowspans and colspans of 国办公开办函〔2021〕30号), with
//! the 勾稽 note in the header cell of table 三.

use super::layout::{BALANCE_NOTE, Spans, clean, values};
use gongkai_domain::report::layout::{
    APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS, AppRowKind,
};
use gongkai_domain::report::{AnnualReport, Cell, SectionKind};
use std::fmt::Write;

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn td(out: &mut String, text: &str, colspan: usize, rowspan: usize) {
    out.push_str("<td");
    if colspan > 1 {
        let _ = write!(out, " colspan=\"{colspan}\"");
    }
    if rowspan > 1 {
        let _ = write!(out, " rowspan=\"{rowspan}\"");
    }
    let _ = write!(out, ">{}</td>", esc(text));
}

/// The whole report as a standalone HTML page.
pub fn html(r: &AnnualReport) -> String {
    let title = r
        .title
        .clone()
        .unwrap_or_else(|| "政府信息公开工作年度报告".into());
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>table{{border-collapse:collapse}}td{{border:1px solid #333;padding:2px 6px;text-align:center}}</style></head><body>\n",
        esc(&title)
    );
    out.push_str(&html_fragment(r));
    out.push_str("</body></html>\n");
    out
}

/// The report's body (headings, paragraphs, tables) to place inside a page, e.g. the
/// portal's 年报 column.
pub fn html_fragment(r: &AnnualReport) -> String {
    let mut out = String::new();
    if let Some(t) = &r.title {
        let _ = writeln!(out, "<h1>{}</h1>", esc(t));
    }
    if let Some(line) = super::layout::agency_line(r) {
        paragraphs(&mut out, &line);
    }
    paragraphs(&mut out, &r.preamble);
    for s in &r.sections {
        let _ = writeln!(
            out,
            "<h2>{}</h2>",
            esc(&super::heading(s.numeral, &s.title))
        );
        paragraphs(&mut out, &s.text);
        match s.kind {
            SectionKind::Proactive => proactive(r, &mut out),
            SectionKind::Applications => applications(r, &mut out),
            SectionKind::Appeals => appeals(r, &mut out),
            _ => {}
        }
    }
    out
}

fn paragraphs(out: &mut String, text: &str) {
    for p in text.split('\n').filter(|p| !p.trim().is_empty()) {
        let _ = writeln!(out, "<p>{}</p>", esc(p));
    }
}

fn proactive(r: &AnnualReport, out: &mut String) {
    let Some(grid) = &r.proactive else { return };
    open_table(out, "proactive");
    let mut caption = "";
    for (i, row) in r
        .format
        .proactive_rows()
        .iter()
        .enumerate()
        .filter(|(i, _)| grid.has_row(*i))
    {
        let width = row.columns.len();
        if row.caption != caption {
            caption = row.caption;
            out.push_str("<tr>");
            td(out, caption, 4, 1);
            out.push_str("</tr>\n<tr>");
            td(out, "信息内容", 1, 1);
            for (k, c) in row.columns.iter().enumerate() {
                td(out, c.label, if k + 1 == width { 4 - width } else { 1 }, 1);
            }
            out.push_str("</tr>\n");
        }
        out.push_str("<tr>");
        td(out, row.label, 1, 1);
        let (cells, _) = values(grid, i, 0..width);
        for (k, c) in cells.iter().enumerate() {
            td(out, c, if k + 1 == width { 4 - width } else { 1 }, 1);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table></div>\n");
}

fn applications(r: &AnnualReport, out: &mut String) {
    if let Some(t) = applications_table(r) {
        write_spans(out, "applications", &t);
    }
}

/// Table 三 in the official layout, as rows of spanning cells.
pub(crate) fn applications_table(r: &AnnualReport) -> Option<Spans> {
    let grid = r.applications.as_ref()?;
    let mut t = Spans::default();
    let present: Vec<usize> = (0..7).filter(|c| grid.has_col(*c)).collect();
    let orgs = present.iter().filter(|c| (1..6).contains(*c)).count();
    t.td(BALANCE_NOTE, 3, 3);
    t.td("申请人情况", present.len(), 1);
    t.tr();
    for &c in &present {
        match c {
            0 | 6 => t.td(APPLICANT_COLUMNS[c].label, 1, 2),
            _ if Some(&c) == present.iter().find(|c| (1..6).contains(*c)) => {
                t.td("法人或其他组织", orgs, 1)
            }
            _ => {}
        }
    }
    t.tr();
    for &c in present.iter().filter(|c| (1..6).contains(*c)) {
        t.td(APPLICANT_COLUMNS[c].label, 1, 1);
    }
    let rows = r.format.application_rows();
    let shown: Vec<usize> = (0..rows.len()).filter(|i| grid.has_row(*i)).collect();
    let outcome_span = shown
        .iter()
        .filter(|&&i| matches!(rows[i].kind, AppRowKind::Outcome(_) | AppRowKind::Total))
        .count();
    let mut first_outcome = true;
    for &i in &shown {
        let row = &rows[i];
        t.tr();
        match (row.kind, row.group) {
            (AppRowKind::New | AppRowKind::CarriedIn | AppRowKind::CarriedOut, _) => {
                t.td(row.label, 3, 1)
            }
            (_, group) => {
                if first_outcome {
                    t.td("三、本年度办理结果", 1, outcome_span);
                    first_outcome = false;
                }
                match group {
                    Some(g) => {
                        let in_group: Vec<&usize> = shown
                            .iter()
                            .filter(|&&k| rows[k].group == Some(g))
                            .collect();
                        if in_group.first() == Some(&&i) {
                            t.td(g, 1, in_group.len());
                        }
                        t.td(row.label, 1, 1);
                    }
                    None => t.td(row.label, 2, 1),
                }
            }
        }
        let (cells, _) = values(grid, i, present.iter().copied());
        for c in &cells {
            t.td(c, 1, 1);
        }
    }
    Some(t)
}

fn appeals(r: &AnnualReport, out: &mut String) {
    if let Some(t) = appeals_table(r) {
        write_spans(out, "appeals", &t);
    }
}

/// Table 四 in the official layout, as rows of spanning cells.
pub(crate) fn appeals_table(r: &AnnualReport) -> Option<Spans> {
    let grid = r.appeals.as_ref()?;
    let mut t = Spans::default();
    t.td(APPEAL_GROUPS[0].1, 5, 1);
    t.td("行政诉讼", 10, 1);
    t.tr();
    for c in &APPEAL_COLUMNS {
        t.td(c.label, 1, 2);
    }
    t.td(APPEAL_GROUPS[1].1, 5, 1);
    t.td(APPEAL_GROUPS[2].1, 5, 1);
    t.tr();
    for _ in 0..2 {
        for c in &APPEAL_COLUMNS {
            t.td(c.label, 1, 1);
        }
    }
    t.tr();
    let mut cells: Vec<&Cell> = (0..15).map(|k| grid.cell(k / 5, k % 5)).collect();
    while cells
        .last()
        .is_some_and(|c| matches!(c, Cell::Missing | Cell::Lost))
    {
        cells.pop();
    }
    for c in cells {
        t.td(&clean(&c.display()), 1, 1);
    }
    Some(t)
}

/// Writes rows of spanning cells as an HTML table.
/// A table inside its own scrolling box, which a keyboard can reach and scroll (issue 20:
/// on a phone the tables scroll, never the page; WCAG 2.1.1).
fn open_table(out: &mut String, class: &str) {
    let label = match class {
        "proactive" => "主动公开政府信息情况表",
        "applications" => "收到和处理政府信息公开申请情况表",
        _ => "政府信息公开行政复议、行政诉讼情况表",
    };
    let _ = writeln!(
        out,
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{label}\"><table class=\"{class}\">"
    );
}

fn write_spans(out: &mut String, class: &str, t: &Spans) {
    open_table(out, class);
    for row in &t.rows {
        out.push_str("<tr>");
        for cell in row {
            td(out, &cell.text, cell.cols, cell.rows);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table></div>\n");
}
