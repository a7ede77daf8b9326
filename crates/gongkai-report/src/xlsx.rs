//! XLSX in and out. Our workbook has a 报告 sheet with the whole report in reading order (the
//! sheet we read back), one sheet per table with merged headers like the official layout, and a
//! 检查结果 sheet with every finding. Numbers are stored as numbers. Any other workbook is read
//! sheet by sheet, each row as a line of cells (a sheet named 表二/表三/表四 is
//! preceded by that table's section heading), and parsed like text.

use crate::render::layout::{Block, blocks};
use crate::render::layout::{Placed, Spans};
use gongkai_domain::check::Finding;
use gongkai_domain::report::{AnnualReport, Number};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

/// The sheet that holds the whole report.
const REPORT_SHEET: &str = "报告";
/// Our sheet of findings: output of a check, never read as report content.
const FINDINGS_SHEET: &str = "检查结果";

/// The report as an XLSX workbook.
pub fn write(report: &AnnualReport, findings: &[Finding]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    report_sheet(book.add_worksheet().set_name(REPORT_SHEET)?, report)?;
    if report.proactive.is_some() {
        proactive_sheet(book.add_worksheet().set_name("表二")?, report)?;
    }
    if report.applications.is_some() {
        applications_sheet(book.add_worksheet().set_name("表三")?, report)?;
    }
    if report.appeals.is_some() {
        appeals_sheet(book.add_worksheet().set_name("表四")?, report)?;
    }
    findings_sheet(book.add_worksheet().set_name(FINDINGS_SHEET)?, findings)?;
    book.save_to_buffer()
}

/// A workbook of plain tables, one sheet each (name, rows; the first row is the header, in
/// bold). Below the header a cell that reads as a number is stored as a number, so WPS and
/// Excel can sum and sort it; CSV-style text stays text.
pub fn tables(sheets: &[(&str, &[Vec<String>])]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for (name, rows) in sheets {
        let sheet = book.add_worksheet().set_name(*name)?;
        for (r, row) in rows.iter().enumerate() {
            for (c, field) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match field.parse::<f64>() {
                    _ if r == 0 => sheet.write_string_with_format(r, c, field, &bold)?,
                    Ok(n) if !field.is_empty() && n.is_finite() => sheet.write_number(r, c, n)?,
                    _ => sheet.write_string(r, c, field)?,
                };
            }
        }
        sheet.set_column_width(0, 28)?;
    }
    book.save_to_buffer()
}

/// A cell's text as a number when it is one, else as a string; a blank is written as a space
/// so that it stays a cell (a lost cell is not written at all).
fn put(sheet: &mut Worksheet, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
    match Number::parse(text) {
        Some(n) => sheet.write_number(row, col, float(n))?,
        None if text.is_empty() => sheet.write_string(row, col, " ")?,
        None => sheet.write_string(row, col, text)?,
    };
    Ok(())
}

/// A number as Excel stores it (exact for every count and amount a report holds).
fn float(n: Number) -> f64 {
    n.to_string().parse().unwrap_or_default()
}

fn report_sheet(sheet: &mut Worksheet, report: &AnnualReport) -> Result<(), XlsxError> {
    sheet.set_column_width(0, 40)?;
    let mut row = 0;
    for block in blocks(report) {
        match block {
            Block::Title(t) | Block::Heading(t) | Block::Paragraph(t) | Block::Caption(t) => {
                sheet.write_string(row, 0, &t)?;
            }
            Block::Row(cells) => {
                for (col, text) in cells.iter().enumerate() {
                    put(sheet, row, col as u16, text)?;
                }
            }
            Block::TableStart(_) | Block::TableEnd => continue,
        }
        row += 1;
    }
    Ok(())
}

fn header() -> Format {
    Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap()
}

/// 表二 as its four sub-tables, one under the other, each under its caption.
fn proactive_sheet(sheet: &mut Worksheet, report: &AnnualReport) -> Result<(), XlsxError> {
    let Some(grid) = &report.proactive else {
        return Ok(());
    };
    let h = header();
    sheet.set_column_width(0, 24)?;
    let (mut r, mut caption) = (0, "");
    let rows = report.format.proactive_rows();
    for (i, row) in rows.iter().enumerate().filter(|(i, _)| grid.has_row(*i)) {
        if row.caption != caption {
            caption = row.caption;
            r += u32::from(r > 0);
            sheet.merge_range(r, 0, r, row.columns.len() as u16, caption, &h)?;
            sheet.write_with_format(r + 1, 0, "信息内容", &h)?;
            for (c, column) in row.columns.iter().enumerate() {
                sheet.set_column_width(c as u16 + 1, 16)?;
                sheet.write_with_format(r + 1, c as u16 + 1, column.label, &h)?;
            }
            r += 2;
        }
        sheet.write_string(r, 0, row.label)?;
        for c in 0..row.columns.len() {
            if let Some(v) = grid.value(i, c) {
                sheet.write_number(r, c as u16 + 1, float(v))?;
            }
        }
        r += 1;
    }
    Ok(())
}

fn applications_sheet(sheet: &mut Worksheet, report: &AnnualReport) -> Result<(), XlsxError> {
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(2, 28)?;
    match crate::render::html::applications_table(report) {
        Some(spans) => spans_sheet(sheet, &spans),
        None => Ok(()),
    }
}

fn appeals_sheet(sheet: &mut Worksheet, report: &AnnualReport) -> Result<(), XlsxError> {
    match crate::render::html::appeals_table(report) {
        Some(spans) => spans_sheet(sheet, &spans),
        None => Ok(()),
    }
}

/// A table in the official layout: merged ranges for spanning cells, numbers as numbers, every
/// cell bordered.
fn spans_sheet(sheet: &mut Worksheet, spans: &Spans) -> Result<(), XlsxError> {
    let h = header();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    for (r, row) in spans.placed().into_iter().enumerate() {
        for place in row {
            let Placed::Cell { column, span } = place else {
                continue;
            };
            let (r, c) = (r as u32, column as u16);
            if span.cols > 1 || span.rows > 1 {
                let (last_r, last_c) = (r + span.rows as u32 - 1, c + span.cols as u16 - 1);
                sheet.merge_range(r, c, last_r, last_c, &span.text, &h)?;
            } else if let Some(n) = Number::parse(&span.text) {
                sheet.write_number_with_format(r, c, float(n), &cell)?;
            } else {
                sheet.write_string_with_format(r, c, &span.text, &cell)?;
            }
        }
    }
    Ok(())
}

fn findings_sheet(sheet: &mut Worksheet, findings: &[Finding]) -> Result<(), XlsxError> {
    let h = header();
    for (c, title) in ["规则", "级别", "表", "行", "列", "说明"]
        .iter()
        .enumerate()
    {
        sheet.write_with_format(0, c as u16, *title, &h)?;
    }
    sheet.set_column_width(5, 80)?;
    for (i, f) in findings.iter().enumerate() {
        let r = i as u32 + 1;
        let l = &f.location;
        sheet.write_string(r, 0, f.rule.code())?;
        sheet.write_string(r, 1, f.severity.label())?;
        sheet.write_string(r, 2, l.table.map_or("", |t| t.code()))?;
        sheet.write_string(r, 3, l.row.as_deref().unwrap_or_default())?;
        sheet.write_string(r, 4, l.column.as_deref().unwrap_or_default())?;
        sheet.write_string(r, 5, &f.message)?;
    }
    Ok(())
}

/// Whether the bytes are a ZIP container (XLSX, DOCX).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The workbook as text: our 报告 sheet if there is one, otherwise every sheet in order; each
/// row a tab-separated line.
pub fn read(bytes: &[u8]) -> Result<String, String> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("无法读取 XLSX：{e}"))?;
    let names = book.sheet_names();
    let wanted: Vec<String> = match names.iter().find(|n| n.as_str() == REPORT_SHEET) {
        Some(name) => vec![name.clone()],
        None => names,
    };
    let mut text = String::new();
    for name in wanted.into_iter().filter(|n| n != FINDINGS_SHEET) {
        if let Some(heading) = sheet_heading(&name) {
            text.push_str(heading);
            text.push('\n');
        }
        let range = book
            .worksheet_range(&name)
            .map_err(|e| format!("无法读取工作表「{name}」：{e}"))?;
        for row in range.rows() {
            let last = row
                .iter()
                .rposition(|c| !matches!(c, calamine::Data::Empty));
            let cells: Vec<String> = row[..last.map_or(0, |l| l + 1)]
                .iter()
                .map(cell_text)
                .collect();
            text.push_str(&cells.join("\t"));
            text.push('\n');
        }
    }
    Ok(text)
}

/// The section heading a sheet named after a table stands for: a workbook of the official tables
/// often has no headings of its own, only sheets named 表二, 表三, 表四.
fn sheet_heading(name: &str) -> Option<&'static str> {
    let has = |keys: &[&str]| keys.iter().any(|k| name.contains(k));
    if has(&["表二", "主动公开"]) {
        Some("二、主动公开政府信息情况")
    } else if has(&["表三", "申请"]) {
        Some("三、收到和处理政府信息公开申请情况")
    } else if has(&["表四", "复议", "诉讼"]) {
        Some("四、政府信息公开行政复议、行政诉讼情况")
    } else {
        None
    }
}

fn cell_text(cell: &calamine::Data) -> String {
    match cell {
        calamine::Data::Empty => String::new(),
        calamine::Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        calamine::Data::String(s) => s.replace(['\t', '\n', '\r'], " "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook of the official tables alone (sheets 表二, 表三, 表四, no headings, no 报告
    /// sheet) is read into the same tables.
    #[test]
    fn a_workbook_of_only_the_table_sheets_is_read() {
        let text = include_str!("../../../test_data/reports/huaian-shi-2024.txt");
        let report = crate::parse_str(text).report;
        let mut book = Workbook::new();
        let sheets: [(&str, SheetFn); 3] = [
            ("表二", proactive_sheet),
            ("表三", applications_sheet),
            ("表四", appeals_sheet),
        ];
        for (name, fill) in sheets {
            fill(book.add_worksheet().set_name(name).expect("name"), &report).expect("sheet");
        }
        let back = crate::parse(&book.save_to_buffer().expect("xlsx")).report;
        assert_eq!(back.proactive, report.proactive);
        assert_eq!(back.applications, report.applications);
        assert_eq!(back.appeals, report.appeals);
    }

    type SheetFn = fn(&mut Worksheet, &AnnualReport) -> Result<(), XlsxError>;
}
