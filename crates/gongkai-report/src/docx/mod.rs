//! DOCX in and out, by hand with zip (no DOCX library: their readers fail on real files, see
//! docs/stack.md). Written as a 公文 (GB/T 9704 conventions, see `write`): A4, the title
//! centred in 小标宋 二号, headings in 黑体, the body in 仿宋 三号 with a two-character indent,
//! every property written on the paragraph itself so that WPS, Word and LibreOffice agree; the
//! tables as Word tables (表三 and 表四 with the official merged cells, the same spans as the
//! HTML rendering) with the official column widths and repeated header rows. Read: `word/document.xml`, paragraphs as lines and table
//! rows as tab-separated lines (a cell merged into the one above, `vMerge`, is skipped; a
//! `gridSpan` cell is one cell), then parsed like text.

mod ooxml;
mod write;

pub use write::{Part, write, write_parts};

use std::io::{Cursor, Read};

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
        use crate::render::layout::Spans;
        let mut spans = Spans::default();
        spans.td("左", 1, 2);
        spans.td("右上", 2, 1);
        spans.tr();
        spans.td("甲", 1, 1);
        spans.td("乙", 1, 1);
        let xml = ooxml::spanned_table(&spans, &ooxml::widths(3, &[]));
        let second_row = xml.split("<w:tr>").nth(2).expect("two rows");
        let first_cell = second_row.split("</w:tcPr>").next().unwrap_or_default();
        assert!(first_cell.contains("<w:vMerge/>"), "{second_row}");
        assert!(xml.contains("<w:gridSpan w:val=\"2\"/>"));
        assert_eq!(document_text(&xml), "左\t右上\n甲\t乙\n");
    }
}
