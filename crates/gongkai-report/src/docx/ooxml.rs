//! WordprocessingML pieces in 公文 style (GB/T 9704 conventions): paragraphs whose fonts,
//! sizes, alignment and indent are written on the paragraph itself (a reader that ignores or
//! replaces the style sheet still lays them out right), and ruled tables with fixed column
//! widths, header rows repeated on each page and rows that do not break across pages.

use crate::render::layout::{Placed, Spans};

/// A4 width and the left and right margins, in twips.
pub const PAGE_WIDTH: usize = 11906;
pub const SIDE_MARGIN: usize = 1304;
/// The width tables fill.
pub const TEXT_WIDTH: usize = PAGE_WIDTH - 2 * SIDE_MARGIN;

/// Sizes in half-points: 二号 (22 pt), 三号 (16 pt), 五号 (10.5 pt).
const TITLE_SIZE: u32 = 44;
const BODY_SIZE: u32 = 32;
const CELL_SIZE: u32 = 21;
/// 公文 faces, with a Latin face for digits; a machine without them substitutes its own.
const TITLE_FACE: &str = "方正小标宋简体";
const HEADING_FACE: &str = "黑体";
const BODY_FACE: &str = "仿宋";
const CELL_FACE: &str = "宋体";
/// A line of body text, exactly 28 pt (about 22 lines to the page).
const BODY_LINE: &str =
    "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"560\" w:lineRule=\"exact\"/>";

/// How a paragraph is set.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Style {
    /// The centred title, with space below.
    Title,
    /// A section heading (一、…): 黑体, indented like the body, kept with what follows.
    Heading,
    /// Body text with the two-character first-line indent, justified.
    Body,
    /// Body text flush left (a letter's salutation).
    Flush,
    /// Body text centred (a 文号 under a title; a table's caption, kept with its table).
    Centred,
    /// The 落款, right-aligned; `true` for its first line, with room above for the seal.
    Signature(bool),
    /// A table cell: 五号, centred or flush left.
    Cell { centred: bool },
}

impl Style {
    fn ppr(self) -> String {
        let centre = "<w:jc w:val=\"center\"/>";
        let indent = "<w:ind w:firstLine=\"640\" w:firstLineChars=\"200\"/>";
        match self {
            Style::Title => format!(
                "<w:pStyle w:val=\"Title\"/><w:keepNext/><w:spacing w:before=\"0\" w:after=\"560\" w:line=\"700\" w:lineRule=\"exact\"/>{centre}"
            ),
            Style::Heading => format!(
                "<w:pStyle w:val=\"Heading1\"/><w:keepNext/><w:keepLines/>{BODY_LINE}{indent}"
            ),
            Style::Body => format!("{BODY_LINE}{indent}<w:jc w:val=\"both\"/>"),
            Style::Flush => BODY_LINE.to_string(),
            Style::Centred => format!("<w:keepNext/>{BODY_LINE}{centre}"),
            Style::Signature(first) => {
                let before = if first { "1200" } else { "0" };
                format!(
                    "<w:spacing w:before=\"{before}\" w:after=\"0\" w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:right=\"640\"/><w:jc w:val=\"right\"/>"
                )
            }
            Style::Cell { centred } => {
                let jc = if centred { centre } else { "" };
                format!(
                    "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"300\" w:lineRule=\"auto\"/>{jc}"
                )
            }
        }
    }

    fn rpr(self) -> String {
        let (face, size) = match self {
            Style::Title => (TITLE_FACE, TITLE_SIZE),
            Style::Heading => (HEADING_FACE, BODY_SIZE),
            Style::Cell { .. } => (CELL_FACE, CELL_SIZE),
            _ => (BODY_FACE, BODY_SIZE),
        };
        format!(
            "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"{face}\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
        )
    }
}

pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A paragraph of `text` set in `style`.
pub fn para(text: &str, style: Style) -> String {
    format!(
        "<w:p><w:pPr>{}<w:rPr>{rpr}</w:rPr></w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        style.ppr(),
        esc(text),
        rpr = style.rpr(),
    )
}

/// The title, broken into two balanced lines (`<w:br/>`) when it is longer than the 21
/// characters of 二号 a line holds.
pub fn title(text: &str) -> String {
    let long = crate::render::em_width(text) > 21.0;
    match crate::render::title_break(text).filter(|_| long) {
        Some((first, second)) => para(first, Style::Title).replacen(
            "</w:t></w:r></w:p>",
            &format!(
                "</w:t><w:br/><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                esc(second)
            ),
            1,
        ),
        None => para(text, Style::Title),
    }
}

/// Column widths in twips: the given label columns, the rest sharing what is left equally.
pub fn widths(columns: usize, labels: &[usize]) -> Vec<usize> {
    let columns = columns.max(1);
    let labels = &labels[..labels.len().min(columns - 1)];
    let rest = TEXT_WIDTH.saturating_sub(labels.iter().sum()) / (columns - labels.len());
    let mut out = labels.to_vec();
    out.resize(columns, rest);
    out
}

/// The table's properties: full width, fixed layout (the widths hold in every reader), single
/// borders, narrow cell margins so that numbers fit their columns.
fn table_start(widths: &[usize]) -> String {
    let borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .map(|b| format!("<w:{b} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"))
        .concat();
    let grid: String = widths
        .iter()
        .map(|w| format!("<w:gridCol w:w=\"{w}\"/>"))
        .collect();
    let total: usize = widths.iter().sum();
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    )
}

/// Row properties: never split across pages; repeated at the top of each page when a header;
/// ending `after` grid columns early; `tall` leaves room to write by hand (about 1.6 cm).
fn row_start(header: bool, after: usize, tall: bool) -> String {
    let repeat = if header { "<w:tblHeader/>" } else { "" };
    let after = if after > 0 {
        format!("<w:gridAfter w:val=\"{after}\"/>")
    } else {
        String::new()
    };
    let height = if tall {
        "<w:trHeight w:val=\"900\" w:hRule=\"atLeast\"/>"
    } else {
        ""
    };
    format!("<w:tr><w:trPr>{after}<w:cantSplit/>{height}{repeat}</w:trPr>")
}

fn is_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
}

/// How many rows open the table before the first row that holds a number: its header (none
/// in a table without numbers, such as a form).
fn header_rows<'a>(rows: impl Iterator<Item = Vec<&'a str>>) -> usize {
    let numbered: Vec<bool> = rows
        .map(|cells| cells.iter().any(|c| is_number(c)))
        .collect();
    numbered.iter().position(|n| *n).unwrap_or(0)
}

/// A cell: header cells and figures centred, text flush left (`centred` says which).
fn cell(text: &str, width: usize, props: &str, centred: bool) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{props}<w:vAlign w:val=\"center\"/></w:tcPr>{}</w:tc>",
        para(text, Style::Cell { centred })
    )
}

/// A form's table: every cell flush left, no header rows (a form has none to repeat); a row
/// of a field and an empty value is a field to fill in by hand (an opinion, a signature).
pub fn form_table(rows: &[Vec<String>], widths: &[usize]) -> String {
    let mut xml = table_start(widths);
    for row in rows {
        let blank = row.len() == 2 && row[1].trim().is_empty();
        xml.push_str(&row_start(
            false,
            widths.len().saturating_sub(row.len()),
            blank,
        ));
        for (k, text) in row.iter().enumerate() {
            let w = widths.get(k).copied().unwrap_or(0);
            xml.push_str(&cell(text, w, "", false));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

/// A plain table: one `Vec` per row; a short row ends early on the grid, as in the source.
pub fn table(rows: &[Vec<String>], widths: &[usize]) -> String {
    let header = header_rows(rows.iter().map(|r| r.iter().map(String::as_str).collect()));
    let mut xml = table_start(widths);
    for (i, row) in rows.iter().enumerate() {
        let after = widths.len().saturating_sub(row.len());
        xml.push_str(&row_start(i < header, after, false));
        for (k, text) in row.iter().enumerate() {
            let w = widths.get(k).copied().unwrap_or(0);
            xml.push_str(&cell(text, w, "", i < header || is_number(text)));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

/// A table of spanning cells: `gridSpan` across, `vMerge` down (a restart cell, then an empty
/// continuation cell in each row below, which readers skip).
pub fn spanned_table(spans: &Spans, widths: &[usize]) -> String {
    let header = header_rows(
        spans
            .rows
            .iter()
            .map(|r| r.iter().map(|s| s.text.as_str()).collect()),
    );
    let mut xml = table_start(widths);
    for (i, row) in spans.placed().into_iter().enumerate() {
        xml.push_str(&row_start(i < header, 0, false));
        let mut col = 0;
        let centred = |text: &str| i < header || is_number(text);
        for place in row {
            let cols = match &place {
                Placed::Below { cols } => *cols,
                Placed::Cell { span, .. } => span.cols,
            };
            let width = widths.iter().skip(col).take(cols).sum();
            col += cols;
            let span = if cols > 1 {
                format!("<w:gridSpan w:val=\"{cols}\"/>")
            } else {
                String::new()
            };
            xml.push_str(&match place {
                Placed::Below { .. } => cell("", width, &format!("{span}<w:vMerge/>"), true),
                Placed::Cell { span: s, .. } if s.rows > 1 => cell(
                    &s.text,
                    width,
                    &format!("{span}<w:vMerge w:val=\"restart\"/>"),
                    centred(&s.text),
                ),
                Placed::Cell { span: s, .. } => cell(&s.text, width, &span, centred(&s.text)),
            });
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}
