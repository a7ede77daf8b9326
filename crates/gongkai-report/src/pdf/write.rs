//! The report as a PDF (krilla): A4 in 公文 sizes, the title and headings bold and kept with
//! what follows, paragraphs with the two-character first-line indent of official documents, the tables ruled with the official
//! merged cells (the same spans as the HTML and DOCX renderings), page numbers at the foot.
//! The font is subset-embedded with its Unicode map, so `pdftotext` gives the text back and
//! `report check` reads the file as the report it was made from.

use super::fonts::{Face, Fonts};
use super::typeset::{Op, PAGE_HEIGHT, PAGE_WIDTH, Setter, Style};
use crate::render::html;
use crate::render::layout::{Block, Spans, TableKind, blocks};
use gongkai_domain::report::AnnualReport;
use krilla::Document;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

/// Sizes near the 公文's (GB/T 9704): the title 二号 (22 pt), headings and body 四号 (14 pt):
/// 三号 beside 表三's 8 pt defeats `pdftotext -layout`'s column grid, which reading our own
/// PDF back relies on (the DOCX, laid out by the office suite, has 三号).
const TITLE: Style = Style {
    size: 22.0,
    bold: true,
    indent: 0.0,
    centred: true,
    right: false,
    before: 0.0,
    after: 16.0,
    keep: 3.0 * 28.0,
};
/// A heading keeps two lines of what follows on its page, and moves with a table that goes to
/// the next page whole.
const HEADING: Style = Style {
    size: 14.0,
    bold: true,
    keep: 2.0 * 14.0 * 1.75,
    ..BODY
};
const BODY: Style = Style {
    size: 14.0,
    bold: false,
    indent: 2.0,
    centred: false,
    right: false,
    before: 0.0,
    after: 0.0,
    keep: 0.0,
};
const CAPTION: Style = Style {
    indent: 0.0,
    ..BODY
};
/// A table's caption keeps the table's header and first rows on its page.
const TABLE_CAPTION: Style = Style {
    centred: true,
    keep: 80.0,
    ..CAPTION
};
const CENTRED: Style = Style {
    centred: true,
    ..CAPTION
};
const SIGNATURE: Style = Style {
    right: true,
    ..CAPTION
};
/// Table text sizes: 表二's few columns take 五号; 表三 and 表四 need 8 pt to fit A4 upright.
const PROACTIVE_SIZE: f32 = 10.5;
const WIDE_TABLE_SIZE: f32 = 8.0;

/// The report as a PDF set in `fonts`.
pub fn write(report: &AnnualReport, fonts: &Fonts) -> Result<Vec<u8>, String> {
    let pages = typeset(report, fonts);
    emit(report.title.as_deref(), fonts, &pages)
}

/// A simple document (a letter, a form) as a PDF in the same page and type settings.
pub fn write_parts(parts: &[crate::docx::Part], fonts: &Fonts) -> Result<Vec<u8>, String> {
    use crate::docx::Part;
    let mut setter = Setter::new(fonts);
    let mut title = None;
    for part in parts {
        match part {
            Part::Title(t) => {
                title.get_or_insert(t.as_str());
                set_title(&mut setter, t);
            }
            Part::Heading(h) => setter.paragraph(h, HEADING),
            Part::Paragraph(p) => setter.paragraph(p, BODY),
            Part::Flush(p) => setter.paragraph(p, CAPTION),
            Part::Centred(p) => setter.paragraph(p, CENTRED),
            Part::Signature(lines) => {
                for (i, l) in lines.iter().enumerate() {
                    let before = if i == 0 { 3.0 * BODY.size } else { 0.0 };
                    setter.paragraph(
                        l,
                        Style {
                            before,
                            ..SIGNATURE
                        },
                    );
                }
            }
            Part::Table(rows) => {
                let t = plain(rows);
                let columns = t.columns().max(1);
                setter.table(&t, &vec![1.0 / columns as f32; columns], 0, PROACTIVE_SIZE);
            }
        }
    }
    emit(title, fonts, &setter.finish())
}

/// The title, on two balanced lines when it does not fit on one (see `title_break`).
fn set_title(setter: &mut Setter<'_>, title: &str) {
    match crate::render::title_break(title).filter(|_| !setter.fits(title, TITLE.size)) {
        Some((first, second)) if setter.fits(first, TITLE.size) => {
            let top = Style {
                after: 0.0,
                ..TITLE
            };
            setter.paragraph(first, top);
            setter.paragraph(second, TITLE);
        }
        _ => setter.paragraph(title, TITLE),
    }
}

fn typeset(report: &AnnualReport, fonts: &Fonts) -> Vec<Vec<Op>> {
    let mut setter = Setter::new(fonts);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut kind = TableKind::Proactive;
    for block in blocks(report) {
        match block {
            Block::Title(t) => set_title(&mut setter, &t),
            Block::Heading(h) => setter.paragraph(&h, HEADING),
            Block::Paragraph(p) => setter.paragraph(&p, BODY),
            Block::Caption(c) => setter.paragraph(&c, TABLE_CAPTION),
            Block::TableStart(k) => (rows, kind) = (Vec::new(), k),
            Block::Row(cells) => rows.push(cells),
            Block::TableEnd => table(&mut setter, report, kind, &rows),
        }
    }
    setter.finish()
}

fn table(setter: &mut Setter<'_>, report: &AnnualReport, kind: TableKind, rows: &[Vec<String>]) {
    match kind {
        TableKind::Applications => {
            if let Some(t) = html::applications_table(report) {
                let numeric = t.columns().saturating_sub(3);
                let mut fractions = vec![0.165, 0.13, 0.2];
                fractions.extend(vec![0.505 / numeric.max(1) as f32; numeric]);
                setter.table(&t, &fractions, 3, WIDE_TABLE_SIZE);
            }
        }
        TableKind::Appeals => {
            if let Some(t) = html::appeals_table(report) {
                setter.table(&t, &[1.0; 15], 3, WIDE_TABLE_SIZE);
            }
        }
        TableKind::Proactive => {
            let t = plain(rows);
            let numeric = t.columns().saturating_sub(1);
            let mut fractions = vec![0.4];
            fractions.extend(vec![0.6 / numeric.max(1) as f32; numeric]);
            setter.table(&t, &fractions, 1, PROACTIVE_SIZE);
        }
    }
}

/// Rows of single cells as a table.
fn plain(rows: &[Vec<String>]) -> Spans {
    let mut t = Spans::default();
    for row in rows {
        t.tr();
        for cell in row {
            t.td(cell, 1, 1);
        }
    }
    t
}

fn emit(title: Option<&str>, fonts: &Fonts, pages: &[Vec<Op>]) -> Result<Vec<u8>, String> {
    let regular = krilla_font(&fonts.regular)?;
    let bold = fonts.bold.as_ref().map(krilla_font).transpose()?;
    let mut document = Document::new();
    let mut metadata = Metadata::new()
        .creator("gongkai".to_string())
        .language("zh-CN".to_string());
    if let Some(title) = title {
        metadata = metadata.title(title.to_string());
    }
    document.set_metadata(metadata);
    for ops in pages {
        let settings =
            PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("页面尺寸无效".to_string())?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, op, &regular, bold.as_ref());
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| format!("无法生成 PDF：{e:?}"))
}

fn krilla_font(face: &Face) -> Result<Font, String> {
    Font::new(face.data.clone().into(), face.index)
        .ok_or_else(|| format!("无法使用字体 {}", face.path().display()))
}

fn draw(surface: &mut Surface<'_>, op: &Op, regular: &Font, bold_face: Option<&Font>) {
    match op {
        Op::Text {
            x,
            y,
            size,
            bold,
            text,
        } => {
            let (font, stroked) = match (bold, bold_face) {
                (true, Some(face)) => (face, false),
                (true, None) => (regular, true),
                (false, _) => (regular, false),
            };
            surface.set_fill(Some(Fill::default()));
            // Without a bold face, bold is the regular glyphs filled and stroked.
            surface.set_stroke(stroked.then(|| Stroke {
                width: size * 0.03,
                ..Stroke::default()
            }));
            let start = Point::from_xy(*x, *y);
            surface.draw_text(start, font.clone(), *size, text, false, TextDirection::Auto);
        }
        Op::Rule { from, to } => {
            let mut path = PathBuilder::new();
            path.move_to(from.0, from.1);
            path.line_to(to.0, to.1);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    width: 0.5,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
            }
        }
    }
}
