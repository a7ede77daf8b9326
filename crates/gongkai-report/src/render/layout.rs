//! The report as a sequence of blocks, shared by the text and Markdown renderers.

use gongkai_domain::report::layout::{
    APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS, AppRowKind,
};
use gongkai_domain::report::{AnnualReport, Cell, Grid, SectionKind};

/// The printed note on table 三.
pub const BALANCE_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// A piece of the rendered report.
/// Which table a [`Block::TableStart`] opens.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TableKind {
    /// One sub-table of 表二.
    Proactive,
    /// 表三.
    Applications,
    /// 表四.
    Appeals,
}

pub enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
    Caption(String),
    TableStart(TableKind),
    Row(Vec<String>),
    TableEnd,
}

/// A table cell spanning `cols` columns and `rows` rows (official layouts merge cells).
pub struct Span {
    /// The text.
    pub text: String,
    /// Columns spanned, at least 1.
    pub cols: usize,
    /// Rows spanned, at least 1.
    pub rows: usize,
}

/// A table as rows of spanning cells; a cell spanned from above is not repeated.
#[derive(Default)]
pub struct Spans {
    /// The rows.
    pub rows: Vec<Vec<Span>>,
}

impl Spans {
    /// Adds a cell to the current row (the first row when none was started).
    pub fn td(&mut self, text: &str, cols: usize, rows: usize) {
        if self.rows.is_empty() {
            self.tr();
        }
        let text = text.to_string();
        if let Some(row) = self.rows.last_mut() {
            row.push(Span { text, cols, rows });
        }
    }

    /// Starts a new row.
    pub fn tr(&mut self) {
        self.rows.push(Vec::new());
    }

    /// Number of grid columns (the first row's spans).
    pub fn columns(&self) -> usize {
        self.rows
            .first()
            .map_or(0, |r| r.iter().map(|c| c.cols).sum())
    }

    /// Every row on the grid: each cell at its column, and where a cell from a row above
    /// still spans down, a [`Placed::Below`] at that column.
    pub fn placed(&self) -> Vec<Vec<Placed<'_>>> {
        let columns = self.columns();
        // Cells still spanning down from rows above: (grid column, columns, rows left).
        let mut down: Vec<(usize, usize, usize)> = Vec::new();
        let mut out = Vec::new();
        for row in &self.rows {
            let (mut placed, mut column, mut cells) = (Vec::new(), 0, row.iter());
            while column < columns {
                if let Some(d) = down.iter_mut().find(|d| d.0 == column && d.2 > 0) {
                    d.2 -= 1;
                    placed.push(Placed::Below { cols: d.1 });
                    column += d.1;
                } else if let Some(span) = cells.next() {
                    if span.rows > 1 {
                        down.push((column, span.cols, span.rows - 1));
                    }
                    placed.push(Placed::Cell { column, span });
                    column += span.cols;
                } else {
                    break;
                }
            }
            down.retain(|d| d.2 > 0);
            out.push(placed);
        }
        out
    }
}

/// A position on the grid of a [`Spans`] table.
pub enum Placed<'a> {
    /// A cell starting at this grid column.
    Cell {
        /// Its first grid column.
        column: usize,
        /// The cell.
        span: &'a Span,
    },
    /// Covered by a cell from a row above, over `cols` columns.
    Below {
        /// Columns covered.
        cols: usize,
    },
}

pub fn blocks(r: &AnnualReport) -> Vec<Block> {
    let mut out = Vec::new();
    if let Some(title) = &r.title {
        out.push(Block::Title(title.clone()));
    }
    if let Some(line) = agency_line(r) {
        out.push(Block::Paragraph(line));
    }
    paragraphs(&r.preamble, &mut out);
    for s in &r.sections {
        out.push(Block::Heading(super::heading(s.numeral, &s.title)));
        paragraphs(&s.text, &mut out);
        match s.kind {
            SectionKind::Proactive => proactive(r, &mut out),
            SectionKind::Applications => applications(r, &mut out),
            SectionKind::Appeals => appeals(r, &mut out),
            _ => {}
        }
    }
    out
}

/// "发布机构：…", written when the title does not name the agency as the report does.
pub fn agency_line(r: &AnnualReport) -> Option<String> {
    let agency = r.agency.as_deref()?;
    let title = r.title.as_deref().unwrap_or_default();
    let named = crate::structure::agency_from_title(title);
    (named.as_deref() != Some(agency)).then(|| format!("发布机构：{agency}"))
}

fn paragraphs(text: &str, out: &mut Vec<Block>) {
    out.extend(
        text.split('\n')
            .filter(|p| !p.trim().is_empty())
            .map(|p| Block::Paragraph(p.to_string())),
    );
}

/// The values of a row as written; missing cells at the end are left out, and the row is
/// flagged when any present cell is missing (then no padding may precede its values).
pub fn values(grid: &Grid, row: usize, cols: impl Iterator<Item = usize>) -> (Vec<String>, bool) {
    let mut cells: Vec<&Cell> = cols.map(|c| grid.cell(row, c)).collect();
    let absent = |c: &&Cell| matches!(c, Cell::Missing | Cell::Lost);
    let has_missing = cells.iter().any(absent);
    while cells.last().is_some_and(absent) {
        cells.pop();
    }
    (
        cells.into_iter().map(|c| clean(&c.display())).collect(),
        has_missing,
    )
}

/// Keeps cell text on one line and out of the separators.
pub fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '|'], " ")
}

fn proactive(r: &AnnualReport, out: &mut Vec<Block>) {
    let Some(grid) = &r.proactive else { return };
    let rows = r.format.proactive_rows();
    let mut caption = "";
    for (i, row) in rows.iter().enumerate().filter(|(i, _)| grid.has_row(*i)) {
        if row.caption != caption {
            if !caption.is_empty() {
                out.push(Block::TableEnd);
            }
            caption = row.caption;
            out.push(Block::Caption(caption.to_string()));
            out.push(Block::TableStart(TableKind::Proactive));
            let mut header = vec!["信息内容".to_string()];
            header.extend(row.columns.iter().map(|c| c.label.to_string()));
            out.push(Block::Row(header));
        }
        let (cells, _) = values(grid, i, 0..row.columns.len());
        out.push(Block::Row([vec![row.label.to_string()], cells].concat()));
    }
    if !caption.is_empty() {
        out.push(Block::TableEnd);
    }
}

/// The three label cells of a row of table 三, in the seed's layout.
fn app_labels(r: &AnnualReport, i: usize) -> Vec<String> {
    let rows = r.format.application_rows();
    let row = &rows[i];
    let first_outcome = rows
        .iter()
        .position(|x| matches!(x.kind, AppRowKind::Outcome(_)));
    match (row.kind, row.group) {
        (AppRowKind::New | AppRowKind::CarriedIn | AppRowKind::CarriedOut, _) => {
            vec![row.label.into(), String::new(), String::new()]
        }
        (_, Some(group)) => {
            let first_in_group = rows.iter().position(|x| x.group == Some(group)) == Some(i);
            vec![
                String::new(),
                if first_in_group {
                    group.into()
                } else {
                    String::new()
                },
                row.label.into(),
            ]
        }
        (_, None) => {
            let lead = if Some(i) == first_outcome {
                "三、本年度办理结果"
            } else {
                ""
            };
            vec![lead.into(), row.label.into(), String::new()]
        }
    }
}

fn applications(r: &AnnualReport, out: &mut Vec<Block>) {
    let Some(grid) = &r.applications else { return };
    let present: Vec<usize> = (0..APPLICANT_COLUMNS.len())
        .filter(|c| grid.has_col(*c))
        .collect();
    out.push(Block::TableStart(TableKind::Applications));
    out.push(Block::Row(vec![
        BALANCE_NOTE.into(),
        String::new(),
        String::new(),
        "申请人情况".into(),
    ]));
    let mut second = vec![String::new(); 3];
    let mut third = vec![String::new(); 3];
    for &c in &present {
        let label = APPLICANT_COLUMNS[c].label.to_string();
        match c {
            0 | 6 => second.push(label),
            _ => {
                second.push(
                    if c == present
                        .iter()
                        .copied()
                        .find(|c| (1..6).contains(c))
                        .unwrap_or(1)
                    {
                        "法人或其他组织".into()
                    } else {
                        String::new()
                    },
                );
                third.push(label);
            }
        }
    }
    out.push(Block::Row(second));
    out.push(Block::Row(third));
    for i in (0..r.format.application_rows().len()).filter(|i| grid.has_row(*i)) {
        let (cells, has_missing) = values(grid, i, present.iter().copied());
        let mut labels = app_labels(r, i);
        if has_missing {
            while labels.last().is_some_and(String::is_empty) {
                labels.pop();
            }
        }
        out.push(Block::Row([labels, cells].concat()));
    }
    out.push(Block::TableEnd);
}

fn appeals(r: &AnnualReport, out: &mut Vec<Block>) {
    let Some(grid) = &r.appeals else { return };
    out.push(Block::TableStart(TableKind::Appeals));
    let mut first = vec!["行政复议".to_string()];
    first.extend(std::iter::repeat_n(String::new(), 4));
    first.push("行政诉讼".into());
    out.push(Block::Row(first));
    let mut second: Vec<String> = APPEAL_COLUMNS.iter().map(|c| c.label.to_string()).collect();
    second.push(APPEAL_GROUPS[1].1.into());
    second.extend(std::iter::repeat_n(String::new(), 4));
    second.push(APPEAL_GROUPS[2].1.into());
    out.push(Block::Row(second));
    let mut third = vec![String::new(); 5];
    for _ in 0..2 {
        third.extend(APPEAL_COLUMNS.iter().map(|c| c.label.to_string()));
    }
    out.push(Block::Row(third));
    let mut cells: Vec<&Cell> = (0..15).map(|k| grid.cell(k / 5, k % 5)).collect();
    while cells
        .last()
        .is_some_and(|c| matches!(c, Cell::Missing | Cell::Lost))
    {
        cells.pop();
    }
    out.push(Block::Row(
        cells.into_iter().map(|c| clean(&c.display())).collect(),
    ));
    out.push(Block::TableEnd);
}
