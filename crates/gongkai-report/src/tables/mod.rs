//! Tables 二, 三 and 四 from the lines of their sections: the row reading they share, and
//! table 二.

mod appeals;
mod applications;
mod doubt;

pub use appeals::appeals;
pub use applications::applications;

use crate::lines::{Line, Sep};
use crate::region::{Following, Key, Pos, RawCell, Region, Values, strip_unit};
use crate::split::splits;
use gongkai_domain::check::{Finding, Location, Rule, Table};
use gongkai_domain::report::{Cell, Format, Grid, Number};

/// One row as read: cells fitted to the row's columns (with their positions, for aligning
/// `pdftotext -layout` columns), or candidate splits when digits ran together.
pub(super) enum Read {
    Fitted {
        cells: Vec<Cell>,
        cols: Vec<usize>,
        spaced: bool,
    },
    Candidates(Vec<Vec<Number>>),
}

pub(super) struct RowRead {
    pub(super) row: usize,
    pub(super) line: usize,
    pub(super) read: Read,
}

/// Parser output for one table.
pub struct TableRead {
    /// The table, if its labels were found.
    pub grid: Option<Grid>,
    /// What the parser has to say.
    pub diagnostics: Vec<Finding>,
    /// Rows read by guesswork (values that did not fit the columns: short, extra, aligned by
    /// position), by index in the format's rows.
    pub guessed: Vec<usize>,
    /// Rows whose reading is in doubt: guessed, and the table's arithmetic does not confirm
    /// them. The checker does not accuse from them.
    pub doubt: Vec<usize>,
}

impl TableRead {
    fn new(grid: Option<Grid>, diagnostics: Vec<Finding>) -> TableRead {
        TableRead {
            grid,
            diagnostics,
            guessed: Vec::new(),
            doubt: Vec::new(),
        }
    }
}

/// A row to look for: its keys, its printed label, its number of columns.
pub(super) struct Spec<'a> {
    pub(super) keys: &'a [&'a str],
    pub(super) label: &'a str,
    pub(super) n: usize,
}

pub(super) fn diag(rule: Rule, table: Table, line: usize, message: String) -> Finding {
    let mut location = Location::table(table);
    location.line = Some(line);
    Finding::new(rule, location, message)
}

/// The numbered prefix of a label: "2" of "2.其他法律…".
fn item_number(label: &str) -> Option<&str> {
    let digits = label.find(|c: char| !c.is_ascii_digit())?;
    (digits > 0).then(|| &label[..digits])
}

/// Reads the rows in order. Returns what was read and which rows were found.
pub(super) fn read_rows(
    region: &mut Region<'_>,
    specs: &[Spec<'_>],
    fits: &dyn Fn(&[Number]) -> bool,
    table: Table,
    out: &mut Vec<Finding>,
) -> (Vec<RowRead>, Vec<bool>) {
    let mut cursor = Pos::default();
    let mut found = vec![false; specs.len()];
    let mut reads = Vec::new();
    let keys: Vec<Vec<Key>> = specs.iter().map(|s| Key::all(s.keys)).collect();
    for (i, spec) in specs.iter().enumerate() {
        let Some(hit) = region.find(cursor, &keys[i]) else {
            continue;
        };
        found[i] = true;
        region.consumed[hit.start.line] = true;
        tolerated(region, &hit, spec.label, table, out);
        let next = Following {
            rows: &keys[i + 1..],
        };
        let next_number = specs.get(i + 1).and_then(|r| item_number(r.label));
        let (values, end) = region.values_after(&hit, next, next_number);
        cursor = if end > hit.start {
            end
        } else {
            Pos {
                at: hit.end,
                ..hit.start
            }
        };
        let line = region.lines[hit.start.line].no;
        if let Some(read) = read_values(values, spec.n, fits, line, table, out) {
            reads.push(RowRead { row: i, line, read });
        }
    }
    (reads, found)
}

/// Notes labels that matched only through tolerance (traditional characters, typos).
fn tolerated(
    region: &Region<'_>,
    hit: &crate::region::Hit,
    label: &str,
    table: Table,
    out: &mut Vec<Finding>,
) {
    let folded = region.folded(hit.start.line, hit.start.cell);
    let written = &region.lines[hit.start.line].cells[hit.start.cell].text;
    if folded.chars().len() > 80 || (hit.key == 0 && !folded.had_traditional()) {
        return;
    }
    out.push(diag(
        Rule::ParseLabelTolerated,
        table,
        region.lines[hit.start.line].no,
        format!(
            "表{}的标签「{written}」与规定写法不同，已按「{label}」识别",
            table.code()
        ),
    ));
}

/// Fits separate cells to `n` columns: drops padding blanks (leading first, then trailing).
pub(super) fn fit_cells(mut cells: Vec<RawCell<'_>>, n: usize) -> (Vec<RawCell<'_>>, usize) {
    while cells.len() > n && cells.first().is_some_and(|c| c.text.is_empty()) {
        cells.remove(0);
    }
    while cells.len() > n && cells.last().is_some_and(|c| c.text.is_empty()) {
        cells.pop();
    }
    let extra = cells.len().saturating_sub(n);
    cells.truncate(n);
    (cells, extra)
}

pub(super) fn to_cell(text: &str) -> Cell {
    match strip_unit(text) {
        Some(number) => Cell::parse(number),
        None => Cell::parse(text),
    }
}

/// Turns what followed a label into the row's cells, or candidate splits.
pub(super) fn read_values(
    values: Values<'_>,
    n: usize,
    fits: &dyn Fn(&[Number]) -> bool,
    line: usize,
    table: Table,
    out: &mut Vec<Finding>,
) -> Option<Read> {
    match values {
        Values::Nothing => None,
        Values::Cells(cells, sep) => {
            let (cells, extra) = fit_cells(cells, n);
            if extra > 0 {
                out.push(diag(
                    Rule::ParseExtraCells,
                    table,
                    line,
                    format!("表{}第{line}行多出{extra}个数值，未读取", table.code()),
                ));
            }
            let cols = cells.iter().map(|c| c.col).collect();
            let cells = cells.iter().map(|c| to_cell(c.text)).collect();
            Some(Read::Fitted {
                cells,
                cols,
                spaced: sep == Sep::Spaces,
            })
        }
        Values::Run(tokens) => {
            // Without arithmetic to choose, two candidates already prove the split ambiguous.
            let limit = if table == Table::Proactive { 2 } else { 64 };
            // One token per column, unless the row's own arithmetic says the spaces lie.
            let as_numbers: Option<Vec<Number>> = tokens.iter().map(|t| Number::parse(t)).collect();
            let fitting = as_numbers.is_none_or(|v| fits(&v));
            if tokens.len() == n && fitting {
                let cells = tokens.iter().map(|t| to_cell(t)).collect();
                return Some(Read::Fitted {
                    cells,
                    cols: Vec::new(),
                    spaced: false,
                });
            }
            let digits: usize = tokens
                .iter()
                .map(|t| t.chars().filter(char::is_ascii_digit).count())
                .sum();
            if digits < n {
                // Fewer digits than columns: the copy dropped blank cells, and run together
                // their places cannot be told.
                out.push(diag(
                    Rule::CellsBlank,
                    table,
                    line,
                    format!(
                        "表{}第{line}行连在一起的数字只有{digits}位，少于{n}列：原表有留空的单元格，\
                         连写的文本看不出其位置，该行未读取",
                        table.code()
                    ),
                ));
                return None;
            }
            let mut found = splits(&tokens, n, fits, limit);
            if tokens.len() > 1 {
                let joined = splits(&[tokens.concat()], n, fits, limit);
                if found.is_empty() {
                    // A space is a hint, not a separator, when no split that keeps it adds up.
                    found = joined;
                } else if found.len() == 1 && joined.len() > 1 {
                    out.push(diag(
                        Rule::ParseReadingChosen,
                        table,
                        line,
                        format!(
                            "表{}第{line}行连在一起的数字按原文的空格拆分（不按空格时有{}种拆法，如 {}）",
                            table.code(),
                            joined.len(),
                            show(&joined)
                        ),
                    ));
                }
            }
            if found.is_empty() {
                out.push(diag(
                    Rule::ParseAmbiguousSplit,
                    table,
                    line,
                    format!(
                        "表{}第{line}行连在一起的数字「{}」无法拆成{n}个数值，未读取",
                        table.code(),
                        tokens.join(" ")
                    ),
                ));
                return None;
            }
            Some(Read::Candidates(found))
        }
    }
}

pub(super) fn numbers(values: &[Number]) -> Vec<Cell> {
    values.iter().map(|n| Cell::Number(*n)).collect()
}

pub(super) fn show(candidates: &[Vec<Number>]) -> String {
    let shown: Vec<String> = candidates
        .iter()
        .take(3)
        .map(|c| {
            c.iter()
                .map(Number::to_string)
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    format!(
        "{}{}",
        shown.join("；"),
        if candidates.len() > 3 { "……" } else { "" }
    )
}

/// Cells of a read row; an ambiguous split is reported and left unread.
pub(super) fn settle(
    read: Read,
    label: &str,
    line: usize,
    table: Table,
    out: &mut Vec<Finding>,
) -> Vec<Cell> {
    match read {
        Read::Fitted { cells, .. } => cells,
        Read::Candidates(c) if c.len() == 1 => {
            let note = diag(
                Rule::ParseSplitResolved,
                table,
                line,
                format!(
                    "表{}「{label}」连在一起的数字拆分为 {}",
                    table.code(),
                    show(&c)
                ),
            );
            merge_split_note(out, note, table);
            numbers(&c[0])
        }
        Read::Candidates(c) => {
            out.push(diag(
                Rule::ParseAmbiguousSplit,
                table,
                line,
                format!(
                    "表{}「{label}」连在一起的数字有多种拆法（如 {}），无法确定，未读取",
                    table.code(),
                    show(&c)
                ),
            ));
            Vec::new()
        }
    }
}

/// One `parse-split-resolved` note per table: the first split shown, the rest counted.
fn merge_split_note(out: &mut Vec<Finding>, note: Finding, table: Table) {
    let existing = out
        .iter_mut()
        .find(|f| f.rule == Rule::ParseSplitResolved && f.location.table == Some(table));
    match existing {
        Some(first) => {
            let count = first
                .message
                .rsplit_once("（共")
                .and_then(|(_, n)| n.trim_end_matches("行）").parse::<usize>().ok())
                .unwrap_or(1);
            let base = first
                .message
                .split("（共")
                .next()
                .unwrap_or_default()
                .to_string();
            first.message = format!("{base}（共{}行）", count + 1);
        }
        None => out.push(note),
    }
}

/// `format-extra-row`: lines between the table's first and last row that hold numbers behind a
/// label no row of the format has (a 小计 row, an added breakdown). Their numbers are not read.
pub(super) fn extra_rows(region: &Region<'_>, table: Table, out: &mut Vec<Finding>) {
    let used: Vec<usize> = (0..region.lines.len())
        .filter(|&i| region.consumed[i])
        .collect();
    let (Some(&first), Some(&last)) = (used.first(), used.last()) else {
        return;
    };
    for i in (first..=last).filter(|&i| !region.consumed[i]) {
        let line = &region.lines[i];
        let numbers = line
            .cells
            .iter()
            .filter(|c| Number::parse(c.text).is_some())
            .count();
        let label = line
            .cells
            .iter()
            .find(|c| !c.text.is_empty() && !crate::region::is_value(c.text));
        if let (true, Some(label)) = (numbers >= 2, label) {
            out.push(diag(
                Rule::FormatExtraRow,
                table,
                line.no,
                format!(
                    "表{}第{}行「{}」不是规定格式中的行（如小计行），其数字未计入",
                    table.code(),
                    line.no,
                    label.text
                ),
            ));
        }
    }
}

pub(super) fn finish(
    mut grid: Grid,
    found: &[bool],
    table: Table,
    lines: &[Line],
    out: &mut Vec<Finding>,
) -> Grid {
    for (i, _) in found.iter().enumerate().filter(|(_, f)| !**f) {
        grid.drop_row(i);
    }
    if grid.is_empty() {
        let line = lines.first().map_or(0, |l| l.no);
        out.push(diag(
            Rule::ParseNoValues,
            table,
            line,
            format!(
                "表{}只有标签，没有数值（表格可能是图片，或页面未完整保存）",
                table.code()
            ),
        ));
    }
    grid
}

/// Table 二.
pub fn proactive(lines: &[Line], format: Format) -> TableRead {
    let mut region = Region::new(lines);
    let defs = format.proactive_rows();
    let specs: Vec<Spec<'_>> = defs
        .iter()
        .map(|r| Spec {
            keys: r.keys,
            label: r.label,
            n: r.columns.len(),
        })
        .collect();
    let mut diagnostics = Vec::new();
    let (reads, found) = read_rows(
        &mut region,
        &specs,
        &|_| true,
        Table::Proactive,
        &mut diagnostics,
    );
    if !found.iter().any(|f| *f) {
        return TableRead::new(None, diagnostics);
    }
    let mut grid = Grid::new(defs.len(), 3);
    for read in reads {
        let cells = settle(
            read.read,
            defs[read.row].label,
            read.line,
            Table::Proactive,
            &mut diagnostics,
        );
        for (c, cell) in cells.into_iter().enumerate() {
            grid.set(read.row, c, cell);
        }
    }
    let grid = finish(grid, &found, Table::Proactive, lines, &mut diagnostics);
    TableRead::new(Some(grid), diagnostics)
}
