//! The annual report model: what a 政府信息公开工作年度报告 says, independent of any file format.

mod aggregate;
pub mod compute;
pub mod deadline;
mod grid;
mod number;
pub mod publish;

/// The fixed format of 国办公开办函〔2021〕30号 (and the 2019 trial one), shared with the clock.
pub use crate::layout;
pub use aggregate::{AggregateError, aggregate};
pub use grid::{Cell, CellKind, Grid};
pub use layout::{Format, SectionKind};
pub use number::Number;

/// One of the six numbered sections, as found in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Which of the six sections this is (matched by title).
    pub kind: SectionKind,
    /// The numeral the report printed (1 = 一). Differs from `kind.number()` when misnumbered.
    pub numeral: u8,
    /// The title as printed, without the numeral.
    pub title: String,
    /// The narrative text, paragraphs separated by `\n`. Empty for table sections.
    pub text: String,
}

impl Section {
    /// A section with its official number and title.
    pub fn official(kind: SectionKind, text: impl Into<String>) -> Section {
        Section {
            kind,
            numeral: kind.number(),
            title: kind.title().to_string(),
            text: text.into(),
        }
    }
}

/// A whole annual report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnualReport {
    /// The format its tables follow.
    pub format: Format,
    /// The title as printed.
    pub title: Option<String>,
    /// The reporting agency.
    pub agency: Option<String>,
    /// The reporting year (the data period), not the year of publication.
    pub year: Option<i32>,
    /// Text before section 一 (legal basis, data period, contact).
    pub preamble: String,
    /// The sections in the order the report prints them.
    pub sections: Vec<Section>,
    /// Table 二 (rows of `format.proactive_rows()`), if the report has it.
    pub proactive: Option<Grid>,
    /// Table 三 (rows of `format.application_rows()` × 7 applicant columns), if present.
    pub applications: Option<Grid>,
    /// Table 四 (3 groups × 5 columns), if present.
    pub appeals: Option<Grid>,
    /// Rows whose reading the parser could not confirm (e.g. values that fit the columns
    /// only by guesswork and break the table's own arithmetic). The arithmetic rules do not
    /// accuse from them: they are 无法核对.
    pub doubt: Vec<Doubt>,
}

/// A part of a table whose reading is in doubt: `row` is the index in the format's rows
/// (table 四: the group), `None` the whole table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Doubt {
    /// The table.
    pub table: crate::check::Table,
    /// The row, or the whole table.
    pub row: Option<usize>,
}

impl AnnualReport {
    /// An empty report of the given format: no tables, no sections.
    pub fn new(format: Format) -> AnnualReport {
        AnnualReport {
            format,
            title: None,
            agency: None,
            year: None,
            preamble: String::new(),
            sections: Vec::new(),
            proactive: None,
            applications: None,
            appeals: None,
            doubt: Vec::new(),
        }
    }

    /// True when the reading of `row` of `table` (or the whole table) is in doubt.
    pub fn doubtful(&self, table: crate::check::Table, row: usize) -> bool {
        self.doubt
            .iter()
            .any(|d| d.table == table && d.row.is_none_or(|r| r == row))
    }

    /// The section of the given kind, if the report has it.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// All narrative text: the preamble and every section's text, in order.
    pub fn narrative(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.preamble.as_str()).chain(self.sections.iter().map(|s| s.text.as_str()))
    }

    /// An empty table 二 for this format.
    pub fn empty_proactive(&self) -> Grid {
        Grid::new(self.format.proactive_rows().len(), 3)
    }

    /// An empty table 三 for this format.
    pub fn empty_applications(&self) -> Grid {
        Grid::new(
            self.format.application_rows().len(),
            layout::APPLICANT_COLUMNS.len(),
        )
    }

    /// An empty table 四.
    pub fn empty_appeals() -> Grid {
        Grid::new(layout::APPEAL_GROUPS.len(), layout::APPEAL_COLUMNS.len())
    }

    /// Table 三's effective value at `(row, col)`: a blank cell counts as 0, except a blank
    /// 总计 beside non-zero cells, which is the row's sum (product.md §4).
    pub fn application_value(&self, row: usize, col: usize) -> Option<Number> {
        effective(self.applications.as_ref()?, row, col, layout::TOTAL_COLUMN)
    }

    /// Table 四's effective value of group `group`, column `col` (same rule for its 总计).
    pub fn appeal_value(&self, group: usize, col: usize) -> Option<Number> {
        effective(
            self.appeals.as_ref()?,
            group,
            col,
            layout::APPEAL_COLUMNS.len() - 1,
        )
    }
}

fn effective(grid: &Grid, row: usize, col: usize, total_col: usize) -> Option<Number> {
    if col == total_col && grid.cell(row, col).kind() == CellKind::Blank {
        return Some(grid.row_sum(row, 0..total_col));
    }
    grid.value(row, col)
}
