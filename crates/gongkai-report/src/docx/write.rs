//! Writing DOCX: a report in the official layout, or a simple document (a form, a letter),
//! both as 公文 (see `ooxml`). Issue 20: LibreOffice had shown our reports with the title
//! left-aligned at body size and plain headings, because the style sheet was not linked from
//! the document; the properties now sit on each paragraph and the style sheet is linked too.

use super::ooxml::{PAGE_WIDTH, SIDE_MARGIN, Style, para, spanned_table, table, title, widths};
use crate::render::html;
use crate::render::layout::{Block, Spans, TableKind, blocks};
use gongkai_domain::report::AnnualReport;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// The report as a DOCX document.
pub fn write(report: &AnnualReport) -> Result<Vec<u8>, String> {
    package(document(report))
}

/// A part of a simple document (a form such as the 信息公开保密审查审批表).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// The centred title.
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
            Part::Title(t) => title(t),
            Part::Heading(h) => para(h, Style::Heading),
            Part::Paragraph(t) => para(t, Style::Body),
            Part::Flush(t) => para(t, Style::Flush),
            Part::Centred(t) => para(t, Style::Centred),
            Part::Signature(lines) => signature(lines),
            Part::Table(rows) => form_table(rows),
        })
        .collect();
    package(wrap_body(&body))
}

/// A form's table: the first column holds the field names.
fn form_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1);
    // A record of steps (环节, 办理人, 时间, 意见): a step such as 登记审核通过（第2版） and a
    // time stay on one line each.
    let labels: &[usize] = match columns {
        0 | 1 => &[],
        4 => &[2400, 2100, 2100],
        _ => &[2000],
    };
    super::ooxml::form_table(rows, &widths(columns, labels))
}

/// The 落款 right-aligned; the first line has about three lines of space above it for the
/// seal (盖章), which overlaps the agency's name and the date.
fn signature(lines: &[String]) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| para(l, Style::Signature(i == 0)))
        .collect()
}

fn document(report: &AnnualReport) -> String {
    let mut body = String::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut open = None;
    for block in blocks(report) {
        match block {
            Block::Title(t) => body.push_str(&title(&t)),
            Block::Heading(h) => body.push_str(&para(&h, Style::Heading)),
            Block::Paragraph(p) => body.push_str(&para(&p, Style::Body)),
            Block::Caption(p) => body.push_str(&para(&p, Style::Centred)),
            Block::TableStart(kind) => (rows, open) = (Vec::new(), Some(kind)),
            Block::Row(cells) => rows.push(cells),
            Block::TableEnd => match open.take().map(|k| (k, merged(report, k))) {
                Some((kind, Some(spans))) => {
                    body.push_str(&spanned_table(&spans, &official_widths(kind, &spans)));
                }
                _ => body.push_str(&plain_table(&rows)),
            },
        }
    }
    wrap_body(&body)
}

/// Table 三's three label columns are wide enough that a sub-item such as 「1.属于国家秘密」
/// stays on one line; the figure columns share the rest. Table 四 has figures only.
fn official_widths(kind: TableKind, spans: &Spans) -> Vec<usize> {
    let labels: &[usize] = match kind {
        TableKind::Applications => &[1100, 1000, 2400],
        _ => &[],
    };
    widths(spans.columns(), labels)
}

/// 表二's sub-tables: the 信息内容 column wide, the figures equal.
fn plain_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(1);
    table(rows, &widths(columns, &[3000]))
}

/// Tables 三 and 四 in the official layout with merged cells; 表二's sub-tables have none.
fn merged(report: &AnnualReport, kind: TableKind) -> Option<Spans> {
    match kind {
        TableKind::Applications => html::applications_table(report),
        TableKind::Appeals => html::appeals_table(report),
        TableKind::Proactive => None,
    }
}

fn wrap_body(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"{SIDE_MARGIN}\" w:bottom=\"1984\" w:left=\"{SIDE_MARGIN}\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    )
}

fn package(document_xml: String) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
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

/// The document's link to its style sheet (without it readers ignore `styles.xml`).
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Named styles, so that the title and headings show as such in the reader's navigator; the
/// paragraphs carry their own properties as well.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:sz w:val="32"/></w:rPr></w:style></w:styles>"#;
