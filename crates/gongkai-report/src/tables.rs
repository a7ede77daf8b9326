//! Tables 二, 三 and 四 from the lines of their sections.

use crate::lines::{Line, Sep};
use crate::region::{Pos, RawCell, Region, Values, strip_unit};
use crate::split::{appeal_groups_sum, splits, total_is_sum};
use gongkai_domain::check::{Finding, Location, Rule, Table};
use gongkai_domain::report::layout::{APPLICANT_COLUMNS, AppRowKind, TOTAL_COLUMN};
use gongkai_domain::report::{AnnualReport, Cell, Format, Grid, Number};

/// One row as read: cells fitted to the row's columns (with their positions, for aligning
/// `pdftotext -layout` columns), or candidate splits when digits ran together.
enum Read {
    Fitted { cells: Vec<Cell>, cols: Vec<usize>, spaced: bool },
    Candidates(Vec<Vec<Number>>),
}

struct RowRead {
    row: usize,
    line: usize,
    read: Read,
}

/// Parser output for one table.
pub struct TableRead {
    /// The table, if its labels were found.
    pub grid: Option<Grid>,
    /// What the parser has to say.
    pub diagnostics: Vec<Finding>,
}

/// A row to look for: its keys, its printed label, its number of columns.
struct Spec<'a> {
    keys: &'a [&'a str],
    label: &'a str,
    n: usize,
}

fn diag(rule: Rule, table: Table, line: usize, message: String) -> Finding {
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
fn read_rows(
    region: &mut Region<'_>,
    specs: &[Spec<'_>],
    fits: &dyn Fn(&[Number]) -> bool,
    table: Table,
    out: &mut Vec<Finding>,
) -> (Vec<RowRead>, Vec<bool>) {
    let mut cursor = Pos::default();
    let mut found = vec![false; specs.len()];
    let mut reads = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let Some(hit) = region.find(cursor, spec.keys) else { continue };
        found[i] = true;
        tolerated(region, &hit, spec.label, table, out);
        let next: Vec<&str> = specs[i + 1..].iter().take(2).flat_map(|r| r.keys.iter().copied()).collect();
        let next_number = specs.get(i + 1).and_then(|r| item_number(r.label));
        let (values, end) = region.values_after(&hit, &next, next_number);
        cursor = if end > hit.start { end } else { Pos { at: hit.end, ..hit.start } };
        let line = region.lines[hit.start.line].no;
        if let Some(read) = read_values(values, spec.n, fits, line, table, out) {
            reads.push(RowRead { row: i, line, read });
        }
    }
    (reads, found)
}

/// Notes labels that matched only through tolerance (traditional characters, typos).
fn tolerated(region: &Region<'_>, hit: &crate::region::Hit, label: &str, table: Table, out: &mut Vec<Finding>) {
    let folded = region.folded(hit.start.line, hit.start.cell);
    let written = &region.lines[hit.start.line].cells[hit.start.cell].text;
    if folded.chars().len() > 80 || (hit.key == 0 && !folded.had_traditional()) {
        return;
    }
    out.push(diag(
        Rule::ParseLabelTolerated,
        table,
        region.lines[hit.start.line].no,
        format!("表{}的标签「{written}」与规定写法不同，已按「{label}」识别", table.code()),
    ));
}

/// Fits separate cells to `n` columns: drops padding blanks (leading first, then trailing).
fn fit_cells(mut cells: Vec<RawCell>, n: usize) -> (Vec<RawCell>, usize) {
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

fn to_cell(text: &str) -> Cell {
    match strip_unit(text) {
        Some(number) => Cell::parse(number),
        None => Cell::parse(text),
    }
}

/// Turns what followed a label into the row's cells, or candidate splits.
fn read_values(
    values: Values,
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
                out.push(diag(Rule::ParseExtraCells, table, line, format!("表{}第{line}行多出{extra}个数值，未读取", table.code())));
            }
            let cols = cells.iter().map(|c| c.col).collect();
            let cells = cells.iter().map(|c| to_cell(&c.text)).collect();
            Some(Read::Fitted { cells, cols, spaced: sep == Sep::Spaces })
        }
        Values::Run(tokens) => {
            if tokens.len() == n {
                let cells = tokens.iter().map(|t| to_cell(t)).collect();
                return Some(Read::Fitted { cells, cols: Vec::new(), spaced: false });
            }
            let found = splits(&tokens, n, fits, 64);
            if found.is_empty() {
                out.push(diag(
                    Rule::ParseAmbiguousSplit,
                    table,
                    line,
                    format!("表{}第{line}行连在一起的数字「{}」无法拆成{n}个数值，未读取", table.code(), tokens.join(" ")),
                ));
                return None;
            }
            Some(Read::Candidates(found))
        }
    }
}

fn numbers(values: &[Number]) -> Vec<Cell> {
    values.iter().map(|n| Cell::Number(*n)).collect()
}

fn show(candidates: &[Vec<Number>]) -> String {
    let shown: Vec<String> = candidates
        .iter()
        .take(3)
        .map(|c| c.iter().map(Number::to_string).collect::<Vec<_>>().join("|"))
        .collect();
    format!("{}{}", shown.join("；"), if candidates.len() > 3 { "……" } else { "" })
}

/// Cells of a read row; an ambiguous split is reported and left unread.
fn settle(read: Read, label: &str, line: usize, table: Table, out: &mut Vec<Finding>) -> Vec<Cell> {
    match read {
        Read::Fitted { cells, .. } => cells,
        Read::Candidates(c) if c.len() == 1 => {
            let note = diag(Rule::ParseSplitResolved, table, line, format!("表{}「{label}」连在一起的数字拆分为 {}", table.code(), show(&c)));
            merge_split_note(out, note, table);
            numbers(&c[0])
        }
        Read::Candidates(c) => {
            out.push(diag(
                Rule::ParseAmbiguousSplit,
                table,
                line,
                format!("表{}「{label}」连在一起的数字有{}种拆法（{}），无法确定，未读取", table.code(), c.len(), show(&c)),
            ));
            Vec::new()
        }
    }
}

/// One `parse-split-resolved` note per table: the first split shown, the rest counted.
fn merge_split_note(out: &mut Vec<Finding>, note: Finding, table: Table) {
    let existing = out.iter_mut().find(|f| f.rule == Rule::ParseSplitResolved && f.location.table == Some(table));
    match existing {
        Some(first) => {
            let count = first.message.rsplit_once("（共").and_then(|(_, n)| n.trim_end_matches("行）").parse::<usize>().ok()).unwrap_or(1);
            let base = first.message.split("（共").next().unwrap_or_default().to_string();
            first.message = format!("{base}（共{}行）", count + 1);
        }
        None => out.push(note),
    }
}

fn finish(mut grid: Grid, found: &[bool], table: Table, lines: &[Line], out: &mut Vec<Finding>) -> Grid {
    for (i, _) in found.iter().enumerate().filter(|(_, f)| !**f) {
        grid.drop_row(i);
    }
    if grid.is_empty() {
        let line = lines.first().map_or(0, |l| l.no);
        out.push(diag(Rule::ParseNoValues, table, line, format!("表{}只有标签，没有数值（表格可能是图片，或页面未完整保存）", table.code())));
    }
    grid
}

/// Table 二.
pub fn proactive(lines: &[Line], format: Format) -> TableRead {
    let mut region = Region::new(lines);
    let defs = format.proactive_rows();
    let specs: Vec<Spec<'_>> = defs.iter().map(|r| Spec { keys: r.keys, label: r.label, n: r.columns.len() }).collect();
    let mut diagnostics = Vec::new();
    let (reads, found) = read_rows(&mut region, &specs, &|_| true, Table::Proactive, &mut diagnostics);
    if !found.iter().any(|f| *f) {
        return TableRead { grid: None, diagnostics };
    }
    let mut grid = Grid::new(defs.len(), 3);
    for read in reads {
        let cells = settle(read.read, defs[read.row].label, read.line, Table::Proactive, &mut diagnostics);
        for (c, cell) in cells.into_iter().enumerate() {
            grid.set(read.row, c, cell);
        }
    }
    let grid = finish(grid, &found, Table::Proactive, lines, &mut diagnostics);
    TableRead { grid: Some(grid), diagnostics }
}

/// Which applicant columns the header of table 三 prints (all seven when it has no header).
fn applicant_columns(header: &str) -> [bool; 7] {
    let header = header.replace("法人或其他组织", "").replace("其他组织", "");
    let keys = ["自然人", "商业", "科研", "公益", "法律服务", "其他", "总计"];
    let present = keys.map(|k| header.contains(k));
    if present[..TOTAL_COLUMN].iter().any(|p| *p) { present } else { [true; 7] }
}

/// Table 三.
pub fn applications(lines: &[Line], format: Format) -> TableRead {
    let mut region = Region::new(lines);
    let defs = format.application_rows();
    let header_end = region.find(Pos::default(), defs[0].keys).map_or(Pos { line: lines.len(), ..Pos::default() }, |h| h.start);
    let present = applicant_columns(&region.text_before(header_end));
    let columns: Vec<usize> = (0..7).filter(|c| present[*c]).collect();
    let n = columns.len();
    let fits: &dyn Fn(&[Number]) -> bool = if present[TOTAL_COLUMN] { &total_is_sum } else { &|_| true };
    let specs: Vec<Spec<'_>> = defs.iter().map(|r| Spec { keys: r.keys, label: r.label, n }).collect();
    let mut diagnostics = Vec::new();
    let (mut reads, found) = read_rows(&mut region, &specs, fits, Table::Applications, &mut diagnostics);
    if !found.iter().any(|f| *f) {
        return TableRead { grid: None, diagnostics };
    }
    resolve_by_balance(&mut reads, format, n, present[TOTAL_COLUMN]);
    align_by_position(&mut reads, n, &mut diagnostics);
    let mut grid = Grid::new(defs.len(), APPLICANT_COLUMNS.len());
    let mut short = Vec::new();
    for read in reads {
        let cells = settle(read.read, defs[read.row].label, read.line, Table::Applications, &mut diagnostics);
        if !cells.is_empty() && cells.len() < n {
            short.push(read.line);
        }
        for (k, cell) in cells.into_iter().enumerate() {
            grid.set(read.row, columns[k], cell);
        }
    }
    for c in (0..7).filter(|c| !present[*c]) {
        grid.drop_col(c);
    }
    if let Some(first) = short.first() {
        diagnostics.push(diag(
            Rule::ParseShortRow,
            Table::Applications,
            *first,
            format!("表三有{}行的数值少于{n}列（第{}行等），缺少的单元格未读取", short.len(), first),
        ));
    }
    let grid = finish(grid, &found, Table::Applications, lines, &mut diagnostics);
    TableRead { grid: Some(grid), diagnostics }
}

/// Where digits ran together and several splits fit a row, picks the one combination that
/// also satisfies 一 + 二 = （七） + 四 and （七） = Σ outcomes in every column.
fn resolve_by_balance(reads: &mut [RowRead], format: Format, n: usize, has_total: bool) {
    let open: Vec<usize> = (0..reads.len())
        .filter(|&i| matches!(&reads[i].read, Read::Candidates(c) if c.len() > 1))
        .collect();
    let sizes: Vec<usize> = open.iter().map(|&i| match &reads[i].read { Read::Candidates(c) => c.len(), _ => 1 }).collect();
    let combos: usize = sizes.iter().product();
    if open.is_empty() || combos > 20_000 || !has_total && n < 7 {
        return;
    }
    let mut fitting = Vec::new();
    for combo in 0..combos {
        let mut rest = combo;
        let choice: Vec<usize> = sizes.iter().map(|s| { let c = rest % s; rest /= s; c }).collect();
        if balanced(reads, &open, &choice, format, n) {
            fitting.push(choice);
        }
    }
    if let [choice] = fitting.as_slice() {
        for (k, &i) in open.iter().enumerate() {
            if let Read::Candidates(c) = &reads[i].read {
                reads[i].read = Read::Candidates(vec![c[choice[k]].clone()]);
            }
        }
    }
}

fn balanced(reads: &[RowRead], open: &[usize], choice: &[usize], format: Format, n: usize) -> bool {
    let rows = format.application_rows();
    let mut values: Vec<Option<Vec<Number>>> = vec![None; rows.len()];
    for (i, read) in reads.iter().enumerate() {
        values[read.row] = match &read.read {
            Read::Fitted { cells, .. } => Some(cells.iter().map(|c| c.value().unwrap_or_default()).collect()),
            Read::Candidates(c) if c.len() == 1 => Some(c[0].clone()),
            Read::Candidates(c) => open.iter().position(|&o| o == i).map(|k| c[choice[k]].clone()),
        };
    }
    let at = |kind: AppRowKind, col: usize| {
        rows.iter().position(|r| r.kind == kind).and_then(|i| values[i].as_ref()).and_then(|v| v.get(col).copied()).unwrap_or_default()
    };
    (0..n).all(|col| {
        let outcomes: Number = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r.kind, AppRowKind::Outcome(_)))
            .filter_map(|(i, _)| values[i].as_ref().and_then(|v| v.get(col).copied()))
            .sum();
        let total = at(AppRowKind::Total, col);
        at(AppRowKind::New, col) + at(AppRowKind::CarriedIn, col) == total + at(AppRowKind::CarriedOut, col)
            && outcomes == total
    })
}

/// `pdftotext -layout` cannot show blank cells; where a row has fewer values than columns,
/// puts each value in the column whose position it is nearest, learned from the full rows.
fn align_by_position(reads: &mut [RowRead], n: usize, out: &mut Vec<Finding>) {
    let full: Vec<&Vec<usize>> = reads
        .iter()
        .filter_map(|r| match &r.read {
            Read::Fitted { cols, spaced: true, .. } if cols.len() == n => Some(cols),
            _ => None,
        })
        .collect();
    if full.is_empty() {
        return;
    }
    let centers: Vec<usize> = (0..n).map(|c| full.iter().map(|cols| cols[c]).sum::<usize>() / full.len()).collect();
    for read in reads.iter_mut() {
        let Read::Fitted { cells, cols, spaced: true } = &mut read.read else { continue };
        if cells.len() >= n || cells.is_empty() {
            continue;
        }
        let mut aligned = vec![Cell::Text(String::new()); n];
        let mut next = 0;
        for (cell, col) in cells.drain(..).zip(cols.iter()) {
            let best = (next..n).min_by_key(|&c| centers[c].abs_diff(*col)).unwrap_or(n - 1);
            aligned[best] = cell;
            next = (best + 1).min(n - 1);
        }
        *cells = aligned;
        out.push(diag(Rule::ParsePositionAligned, Table::Applications, read.line, format!("表三第{}行按列位置对齐", read.line)));
    }
}

/// Table 四: one row of 15 values after its header.
pub fn appeals(lines: &[Line]) -> TableRead {
    let region = Region::new(lines);
    let mut diagnostics = Vec::new();
    let all: String = region.text_before(Pos { line: lines.len(), ..Pos::default() });
    if !["维持", "纠正", "审结", "复议"].iter().any(|k| all.contains(k)) {
        return TableRead { grid: None, diagnostics };
    }
    let mut grid = AnnualReport::empty_appeals();
    if let Some((values, line)) = appeal_values(lines) {
        if let Some(read) = read_values(values, 15, &appeal_groups_sum, line, Table::Appeals, &mut diagnostics) {
            let cells = settle(read, "行政复议、行政诉讼", line, Table::Appeals, &mut diagnostics);
            for (k, cell) in cells.into_iter().enumerate() {
                grid.set(k / 5, k % 5, cell);
            }
        }
    }
    let grid = finish(grid, &[true; 3], Table::Appeals, lines, &mut diagnostics);
    TableRead { grid: Some(grid), diagnostics }
}

/// The values of table 四: the first line of values and the value lines after it, or a long
/// run of digits glued to the header.
fn appeal_values(lines: &[Line]) -> Option<(Values, usize)> {
    let start = lines.iter().position(|l| is_value_line(l) || glued_digits(l).is_some())?;
    if let Some(run) = glued_digits(&lines[start]) {
        return Some((Values::Run(vec![run]), lines[start].no));
    }
    let mut cells = Vec::new();
    for line in lines[start..].iter().filter(|l| !l.is_blank()) {
        if !is_value_line(line) || cells.len() >= 15 {
            break;
        }
        cells.extend(line.cells.iter().map(|c| RawCell { text: c.text.clone(), col: c.col }));
    }
    Some((Values::Cells(cells, lines[start].sep), lines[start].no))
}

fn is_value_line(line: &Line) -> bool {
    line.cells.iter().any(|c| crate::region::is_value(&c.text) && Number::parse(&c.text).is_some())
        && line.cells.iter().all(|c| c.text.is_empty() || crate::region::is_value(&c.text))
}

/// "…尚未审结总计25380363300630003": at least 15 digits ending a text cell.
fn glued_digits(line: &Line) -> Option<String> {
    let text = &line.cells.last()?.text;
    let digits: String = text.chars().rev().take_while(char::is_ascii_digit).collect();
    (digits.len() >= 15 && digits.len() < text.chars().count()).then(|| digits.chars().rev().collect())
}
