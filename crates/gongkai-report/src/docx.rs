//! DOCX in and out, by hand with zip (no DOCX library: their readers fail on real files, see
//! docs/stack.md). Written: A4, the title in a bold 黑体-style face, text in 仿宋 with a free CJK
//! fallback, the tables as Word tables (表三 and 表四 with the official merged cells, the same
//! spans as the HTML rendering). Read: `word/document.xml`, paragraphs as lines and table
//! rows as tab-separated lines (a cell merged into the one above, `vMerge`, is skipped; a
//! `gridSpan` cell is one cell), then parsed like text.

use crate::render::html;
use crate::render::layout::{Block, Placed, Spans, TableKind, blocks};
use gongkai_domain::report::AnnualReport;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;

/// The report as a DOCX document.
pub fn write(report: &AnnualReport) -> Result<Vec<u8>, String> {
    package(document(report))
}

/// A part of a simple document (a form such as the 信息公开保密审查审批表).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// The centred bold title.
    Title(String),
    /// A heading.
    Heading(String),
    /// A paragraph with the two-character first-line indent of official documents.
    Paragraph(String),
    /// A paragraph flush left (a letter's salutation).
    Flush(String),
    /// A line centred in body type (a letter's 文号 under its title).
    Centred(String),
    /// The 落款: the agency and the date, right-aligned, with room above for the seal.
    Signature(Vec<String>),
    /// A ruled table, one `Vec` per row.
    Table(Vec<Vec<String>>),
}

/// A simple document as DOCX, in the same page and type settings as the reports.
pub fn write_parts(parts: &[Part]) -> Result<Vec<u8>, String> {
    let body: String = parts
        .iter()
        .map(|p| match p {
            Part::Title(t) => paragraph(t, Some("Title")),
            Part::Heading(h) => paragraph(h, Some("Heading1")),
            Part::Paragraph(t) => formatted(t, "<w:ind w:firstLineChars=\"200\"/>"),
            Part::Flush(t) => paragraph(t, None),
            Part::Centred(t) => formatted(t, "<w:jc w:val=\"center\"/>"),
            Part::Signature(lines) => signature(lines),
            Part::Table(rows) => table(rows),
        })
        .collect();
    package(wrap_body(&body))
}

fn package(document_xml: String) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/styles.xml", STYLES.to_string()),
        ("word/document.xml", document_xml),
    ];
    for (name, xml) in parts {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(xml.as_bytes()).map_err(|e| e.to_string())?;
    }
    zip.finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Noto Serif CJK SC"/><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:b/><w:sz w:val="40"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="32"/></w:rPr></w:style></w:styles>"#;

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn paragraph(text: &str, style: Option<&str>) -> String {
    let style = style.map_or(String::new(), |s| {
        format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")
    });
    format!(
        "<w:p>{style}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        esc(text)
    )
}

/// A paragraph with the paragraph properties `ppr` (indent, alignment, spacing).
fn formatted(text: &str, ppr: &str) -> String {
    format!(
        "<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        esc(text)
    )
}

/// The 落款 right-aligned; the first line has about three lines of space above it for the
/// seal (盖章), which overlaps the agency's name and the date.
fn signature(lines: &[String]) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let before = if i == 0 {
                "<w:spacing w:before=\"1200\"/>"
            } else {
                ""
            };
            formatted(
                l,
                &format!("{before}<w:jc w:val=\"right\"/><w:ind w:right=\"560\"/>"),
            )
        })
        .collect()
}

fn document(report: &AnnualReport) -> String {
    let mut body = String::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut official = None;
    for block in blocks(report) {
        match block {
            Block::Title(t) => body.push_str(&paragraph(&t, Some("Title"))),
            Block::Heading(h) => body.push_str(&paragraph(&h, Some("Heading1"))),
            Block::Paragraph(p) | Block::Caption(p) => body.push_str(&paragraph(&p, None)),
            Block::TableStart(kind) => (rows, official) = (Vec::new(), merged(report, kind)),
            Block::Row(cells) => rows.push(cells),
            Block::TableEnd => match official.take() {
                Some(spans) => body.push_str(&spanned_table(&spans)),
                None => body.push_str(&table(&rows)),
            },
        }
    }
    wrap_body(&body)
}

fn wrap_body(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"{SIDE_MARGIN}\" w:bottom=\"1440\" w:left=\"{SIDE_MARGIN}\"/></w:sectPr></w:body></w:document>"
    )
}

/// A4 width and the left and right margins, in twips.
const PAGE_WIDTH: usize = 11906;
const SIDE_MARGIN: usize = 1304;
/// The width tables fill.
const TEXT_WIDTH: usize = PAGE_WIDTH - 2 * SIDE_MARGIN;

/// The table's properties (full width, single borders) and a grid of `columns` equal columns:
/// the schema requires a grid, and Word rejects a table without one.
fn table_start(columns: usize) -> String {
    let borders = "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders>";
    let grid = format!("<w:gridCol w:w=\"{}\"/>", TEXT_WIDTH / columns.max(1)).repeat(columns);
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>{borders}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    )
}

fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut xml = table_start(columns);
    for row in rows {
        xml.push_str("<w:tr>");
        if row.len() < columns {
            // A short row ends early on the grid, as in the source (not padded with empty cells).
            let after = columns - row.len();
            xml.push_str(&format!(
                "<w:trPr><w:gridAfter w:val=\"{after}\"/></w:trPr>"
            ));
        }
        for cell in row {
            xml.push_str(&format!("<w:tc>{}</w:tc>", paragraph(cell, None)));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

/// Tables 三 and 四 in the official layout with merged cells; 表二's sub-tables have none.
fn merged(report: &AnnualReport, kind: TableKind) -> Option<Spans> {
    match kind {
        TableKind::Applications => html::applications_table(report),
        TableKind::Appeals => html::appeals_table(report),
        TableKind::Proactive => None,
    }
}

/// A table of spanning cells: `gridSpan` across, `vMerge` down (a restart cell, then an empty
/// continuation cell in each row below, which readers skip).
fn spanned_table(spans: &Spans) -> String {
    let mut xml = table_start(spans.columns());
    for row in spans.placed() {
        xml.push_str("<w:tr>");
        for place in row {
            xml.push_str(&match place {
                Placed::Below { cols } => cell("", cols, "<w:vMerge/>"),
                Placed::Cell { span, .. } if span.rows > 1 => {
                    cell(&span.text, span.cols, "<w:vMerge w:val=\"restart\"/>")
                }
                Placed::Cell { span, .. } => cell(&span.text, span.cols, ""),
            });
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    xml
}

fn cell(text: &str, cols: usize, merge: &str) -> String {
    let span = if cols > 1 {
        format!("<w:gridSpan w:val=\"{cols}\"/>")
    } else {
        String::new()
    };
    format!(
        "<w:tc><w:tcPr>{span}{merge}</w:tcPr>{}</w:tc>",
        paragraph(text, None)
    )
}

/// Whether a ZIP holds a Word document.
pub fn is_docx(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(Cursor::new(bytes))
        .is_ok_and(|mut z| z.by_name("word/document.xml").is_ok())
}

/// The document as text: paragraphs as lines, table rows as tab-separated lines.
pub fn read(bytes: &[u8]) -> Result<String, String> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("无法读取 DOCX：{e}"))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|e| format!("DOCX 中没有正文（word/document.xml）：{e}"))?
        .read_to_string(&mut xml)
        .map_err(|e| format!("无法读取 DOCX 正文：{e}"))?;
    Ok(document_text(&xml))
}

#[derive(Default)]
struct Text {
    out: String,
    row: Vec<String>,
    cell: String,
    paragraph: String,
    in_cell: bool,
    merged_cell: bool,
    in_text: bool,
}

fn document_text(xml: &str) -> String {
    let mut t = Text::default();
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        if t.in_text {
            t.paragraph
                .push_str(&crate::html::decode_entities(&rest[..lt]));
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        t.tag(&rest[lt + 1..lt + gt]);
        rest = &rest[lt + gt + 1..];
    }
    t.out
}

impl Text {
    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or_default();
        let self_closing = tag.ends_with('/');
        match (name, closing) {
            ("w:t", false) => self.in_text = !self_closing,
            ("w:t", true) => self.in_text = false,
            ("w:tab", false) => self.paragraph.push('\t'),
            ("w:p", false) if self_closing => self.end_paragraph(),
            ("w:p", true) => self.end_paragraph(),
            ("w:tc", false) => {
                (self.in_cell, self.merged_cell, self.cell) = (true, false, String::new())
            }
            ("w:vMerge", false) => self.merged_cell = !tag.contains("restart"),
            ("w:tc", true) => {
                self.in_cell = false;
                if !self.merged_cell {
                    self.row.push(std::mem::take(&mut self.cell));
                }
            }
            ("w:tr", true) => {
                let row = std::mem::take(&mut self.row);
                self.out.push_str(&row.join("\t"));
                self.out.push('\n');
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let text = std::mem::take(&mut self.paragraph);
        if self.in_cell {
            self.cell.push_str(&text.replace('\t', " "));
        } else {
            self.out.push_str(&text);
            self.out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Word table like the official one: 三、本年度办理结果 merged down (vMerge), a label over
    /// two columns (gridSpan). Continuation cells are skipped, as rowspans are in HTML.
    #[test]
    fn merged_cells_read_like_the_official_layout() {
        let xml = r#"<w:body><w:tbl>
            <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>三、本年度办理结果</w:t></w:r></w:p></w:tc>
                  <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>（一）予以公开</w:t></w:r></w:p></w:tc>
                  <w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
                  <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>（二）部分公开</w:t></w:r></w:p></w:tc>
                  <w:tc><w:p/></w:tc></w:tr>
            </w:tbl><w:p><w:r><w:t>五、存在的主要问题&amp;改进</w:t></w:r></w:p></w:body>"#;
        assert_eq!(
            document_text(xml),
            "三、本年度办理结果\t（一）予以公开\t12\n（二）部分公开\t\n五、存在的主要问题&改进\n"
        );
    }

    /// A cell spanning down is a `vMerge` restart with a continuation cell in the row below,
    /// at its grid column; reading it back skips the continuation.
    #[test]
    fn spanning_cells_become_vmerge_and_gridspan_and_read_back() {
        let mut spans = Spans::default();
        spans.td("左", 1, 2);
        spans.td("右上", 2, 1);
        spans.tr();
        spans.td("甲", 1, 1);
        spans.td("乙", 1, 1);
        let xml = spanned_table(&spans);
        let second_row = xml.split("<w:tr>").nth(2).expect("two rows");
        assert!(
            second_row.starts_with("<w:tc><w:tcPr><w:vMerge/></w:tcPr>"),
            "{second_row}"
        );
        assert!(xml.contains("<w:gridSpan w:val=\"2\"/>"));
        assert_eq!(document_text(&xml), "左\t右上\n甲\t乙\n");
    }
}
