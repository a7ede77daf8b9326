//! Table 四: one row of fifteen values (three groups of five) after its header.

use super::{TableRead, finish, read_values, settle};
use crate::lines::{Line, Sep};
use crate::region::{Pos, RawCell, Region, Values};
use crate::split::appeal_groups_sum;
use gongkai_domain::check::Table;
use gongkai_domain::report::{AnnualReport, Number};

/// Table 四: one row of 15 values after its header.
pub fn appeals(lines: &[Line]) -> TableRead {
    let region = Region::new(lines);
    let mut diagnostics = Vec::new();
    let all: String = region.text_before(Pos {
        line: lines.len(),
        ..Pos::default()
    });
    if !["维持", "纠正", "审结", "复议"]
        .iter()
        .any(|k| all.contains(k))
    {
        return TableRead::new(None, diagnostics);
    }
    let mut grid = AnnualReport::empty_appeals();
    if let Some((values, line)) = appeal_values(lines)
        && let Some(read) = read_values(
            values,
            15,
            &appeal_groups_sum,
            line,
            Table::Appeals,
            &mut diagnostics,
        )
    {
        let cells = settle(
            read,
            "行政复议、行政诉讼",
            line,
            Table::Appeals,
            &mut diagnostics,
        );
        for (k, cell) in cells.into_iter().enumerate() {
            grid.set(k / 5, k % 5, cell);
        }
    }
    let grid = finish(grid, &[true; 3], Table::Appeals, lines, &mut diagnostics);
    TableRead::new(Some(grid), diagnostics)
}

/// The values of table 四: the first line of values and the value lines after it, or a long
/// run of digits glued to the header.
fn appeal_values<'a>(lines: &'a [Line<'a>]) -> Option<(Values<'a>, usize)> {
    let start = lines
        .iter()
        .position(|l| is_value_line(l) || glued_digits(l).is_some())?;
    // A line of separate cells is read as cells, so that a real wrong 总计 stays visible.
    if !is_value_line(&lines[start])
        && let Some(run) = glued_digits(&lines[start])
    {
        return Some((Values::Run(run), lines[start].no));
    }
    let mut cells = Vec::new();
    for line in lines[start..].iter().filter(|l| !l.is_blank()) {
        if !is_value_line(line) || cells.len() >= 15 {
            break;
        }
        cells.extend(line.cells.iter().map(|c| RawCell {
            text: c.text,
            col: c.col,
        }));
    }
    let sep = lines[start].sep;
    if sep == Sep::Spaces
        && cells.len() < 15
        && let Some(columns) = label_columns(&lines[..start])
    {
        cells = aligned(cells, &columns);
    }
    Some((Values::Cells(cells, sep), lines[start].no))
}

/// `pdftotext -layout` prints nothing for a blank cell: the values that are there go under
/// the nearest column label, and the other columns get blank cells.
fn aligned<'a>(cells: Vec<RawCell<'a>>, columns: &[usize]) -> Vec<RawCell<'a>> {
    let mut out: Vec<RawCell<'a>> = columns
        .iter()
        .map(|&col| RawCell { text: "", col })
        .collect();
    let mut next = 0;
    for cell in cells {
        let middle = cell.col + cell.text.chars().count().saturating_sub(1) / 2;
        let Some(best) = (next..columns.len()).min_by_key(|&c| columns[c].abs_diff(middle)) else {
            break;
        };
        out[best] = cell;
        next = best + 1;
    }
    out
}

/// The middles of the fifteen column labels of table 四 in `pdftotext -layout` text, left to
/// right (the labels of one column, broken over lines, share a middle); `None` unless there
/// are exactly fifteen.
fn label_columns(header: &[Line]) -> Option<Vec<usize>> {
    const GROUPS: [&str; 4] = ["行政复议", "行政诉讼", "直接起诉", "复议后"];
    let first = header.iter().position(|l| l.raw.contains("行政复议"))?;
    let mut middles: Vec<usize> = Vec::new();
    for cell in header[first..].iter().flat_map(|l| &l.cells) {
        let mut offset = 0;
        for run in cell.text.split(' ') {
            let chars = run.chars().count();
            if !run.is_empty() && !GROUPS.iter().any(|g| run.contains(g)) {
                middles.push(cell.col + offset + chars.saturating_sub(1) / 2);
            }
            offset += chars + 1;
        }
    }
    middles.sort_unstable();
    let mut columns: Vec<usize> = Vec::new();
    for m in middles {
        match columns.last() {
            Some(&last) if m <= last + 2 => {}
            _ => columns.push(m),
        }
    }
    (columns.len() == 15).then_some(columns)
}

/// A line of table 四's values: at least one number, and no header word (the value row may
/// hold placeholders or invalid text, which the checker reports).
fn is_value_line(line: &Line) -> bool {
    const HEADER: [&str; 7] = ["结果", "维持", "纠正", "审结", "总计", "复议", "诉讼"];
    line.cells.iter().any(|c| Number::parse(c.text).is_some())
        && !line
            .cells
            .iter()
            .any(|c| HEADER.iter().any(|h| c.text.contains(h)))
}

/// "…尚未审结总计25380363300630003", "…总计 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0", "…总计01 0 1 20 0 0
/// 0 0 0 0 0 00": at least 15 digits ending the header line, run together or with spaces.
/// The spaces are kept as hints: the split keeps them unless the table's sums say otherwise.
fn glued_digits(line: &Line) -> Option<Vec<String>> {
    let text = line.raw.trim_end();
    let ascii = |c: char| gongkai_domain::text::fold(c).filter(char::is_ascii_digit);
    let tail: Vec<char> = text
        .chars()
        .rev()
        .map_while(|c| ascii(c).or((c == ' ' || c == '\u{3000}').then_some(' ')))
        .collect();
    let digits = tail.iter().filter(|c| c.is_ascii_digit()).count();
    if digits < 15 {
        return None;
    }
    let run: String = tail.into_iter().rev().collect();
    Some(run.split_whitespace().map(str::to_string).collect())
}
