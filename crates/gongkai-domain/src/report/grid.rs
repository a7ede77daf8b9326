//! A table of cells as written.

use super::Number;

/// One cell exactly as the report wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Cell {
    /// The report has no such cell: its column or row is missing, or the row was cut short.
    #[default]
    Missing,
    /// The row printed fewer cells than the table has columns and this one is lost (a web
    /// copy that dropped a cell). It reads as 0, like a blank, but the agency did not leave it
    /// blank, so `cells-blank` does not count it.
    Lost,
    /// A number.
    Number(Number),
    /// Text that is not a number: `""` (left blank), a placeholder such as `/` or `不适用`,
    /// or something invalid.
    Text(String),
}

/// How a cell counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    /// Missing: takes no part in the arithmetic.
    Missing,
    /// Lost in the copy: counts as 0.
    Lost,
    /// A number.
    Number,
    /// Left blank or filled with a placeholder: counts as 0.
    Blank,
    /// Text where a number is due.
    Invalid,
}

/// Placeholders that agencies write for "nothing" (product.md §4 `cells-blank`).
const PLACEHOLDERS: &[&str] = &["/", "／", "-", "－", "—", "——", "--", "不适用", "无", "\\"];

impl Cell {
    /// Reads one cell of text: a number, or the text as written.
    pub fn parse(text: &str) -> Cell {
        let trimmed = text.trim();
        match Number::parse(trimmed) {
            Some(n) => Cell::Number(n),
            None => Cell::Text(trimmed.to_string()),
        }
    }

    /// How the cell counts in the arithmetic.
    #[inline]
    pub fn kind(&self) -> CellKind {
        match self {
            Cell::Missing => CellKind::Missing,
            Cell::Lost => CellKind::Lost,
            Cell::Number(_) => CellKind::Number,
            Cell::Text(t) if t.trim().is_empty() || PLACEHOLDERS.contains(&t.trim()) => {
                CellKind::Blank
            }
            Cell::Text(_) => CellKind::Invalid,
        }
    }

    /// The value it contributes: blank counts as 0; missing and invalid cells have none.
    #[inline]
    pub fn value(&self) -> Option<Number> {
        match (self, self.kind()) {
            (Cell::Number(n), _) => Some(*n),
            (_, CellKind::Blank | CellKind::Lost) => Some(Number::ZERO),
            _ => None,
        }
    }

    /// The text a renderer writes for this cell (`""` for missing).
    pub fn display(&self) -> String {
        match self {
            Cell::Missing | Cell::Lost => String::new(),
            Cell::Number(n) => n.to_string(),
            Cell::Text(t) => t.clone(),
        }
    }
}

/// A rectangular table of cells, with the rows and columns the report actually has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    cols: usize,
    cells: Vec<Cell>,
    row_present: Vec<bool>,
    col_present: Vec<bool>,
}

impl Grid {
    /// A table of `rows × cols` missing cells, every row and column present.
    pub fn new(rows: usize, cols: usize) -> Grid {
        Grid {
            cols,
            cells: vec![Cell::Missing; rows * cols],
            row_present: vec![true; rows],
            col_present: vec![true; cols],
        }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.row_present.len()
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The cell at `(row, col)`; [`Cell::Missing`] outside the table.
    #[inline]
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        static MISSING: Cell = Cell::Missing;
        if col >= self.cols {
            return &MISSING;
        }
        self.cells.get(row * self.cols + col).unwrap_or(&MISSING)
    }

    /// Replaces one cell. Out-of-range positions are ignored.
    pub fn set(&mut self, row: usize, col: usize, cell: Cell) {
        if col < self.cols
            && let Some(slot) = self.cells.get_mut(row * self.cols + col)
        {
            *slot = cell;
        }
    }

    /// The value of a cell (see [`Cell::value`]).
    pub fn value(&self, row: usize, col: usize) -> Option<Number> {
        self.cell(row, col).value()
    }

    /// Sum of the values of a row over a column range; cells without a value count 0.
    pub fn row_sum(&self, row: usize, cols: std::ops::Range<usize>) -> Number {
        cols.filter_map(|c| self.value(row, c)).sum()
    }

    /// Whether the report has this row.
    pub fn has_row(&self, row: usize) -> bool {
        self.row_present.get(row).copied().unwrap_or(false)
    }

    /// Whether the report has this column.
    pub fn has_col(&self, col: usize) -> bool {
        self.col_present.get(col).copied().unwrap_or(false)
    }

    /// Marks a row as absent from the report; its cells become missing.
    pub fn drop_row(&mut self, row: usize) {
        if let Some(p) = self.row_present.get_mut(row) {
            *p = false;
            for col in 0..self.cols {
                self.set(row, col, Cell::Missing);
            }
        }
    }

    /// Marks a column as absent from the report; its cells become missing.
    pub fn drop_col(&mut self, col: usize) {
        if let Some(p) = self.col_present.get_mut(col) {
            *p = false;
            for row in 0..self.rows() {
                self.set(row, col, Cell::Missing);
            }
        }
    }

    /// Every cell with its position, row by row.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize, &Cell)> {
        self.cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i / self.cols, i % self.cols, c))
    }

    /// True when no cell holds a number or text.
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| *c == Cell::Missing)
    }
}
