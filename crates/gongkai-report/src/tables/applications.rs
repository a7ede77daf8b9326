//! Table 三: the applicant columns its header prints, and the rows, with run-together digits
//! resolved by the table's own arithmetic and PDF columns aligned by position.

use super::{Read, RowRead, Spec, TableRead, diag, finish, read_rows, settle};
use crate::lines::Line;
use crate::region::{Key, Pos, Region};
use crate::split::total_is_sum;
use gongkai_domain::check::{Finding, Rule, Table};
use gongkai_domain::report::layout::{APPLICANT_COLUMNS, AppRowKind, TOTAL_COLUMN};
use gongkai_domain::report::{Cell, Format, Grid, Number};

/// Which applicant columns the header of table 三 prints (all seven when it has no header).
fn applicant_columns(header: &str) -> [bool; 7] {
    let mut header = header.replace("法人或其他组织", "");
    // "法人或" and "其他组织" broken over two lines; otherwise "其他组织" is the 其他 column
    // label followed by the second line of 社会公益组织.
    if header.contains("法人或") {
        header = header.replacen("其他组织", "", 1);
    }
    let keys = ["自然人", "商业", "科研", "公益", "法律服务", "其他", "总计"];
    let present = keys.map(|k| header.contains(k));
    if present[..TOTAL_COLUMN].iter().any(|p| *p) {
        present
    } else {
        [true; 7]
    }
}

/// Table 三. The columns come from the header, unless the data rows disagree with it: when
/// the rows hold more values than the header names columns (a `pdftotext` copy that lost a
/// column heading), the reading with all seven columns is tried as well and the one the
/// table's own arithmetic supports is kept, with a note saying why.
pub fn applications(lines: &[Line], format: Format) -> TableRead {
    let region = Region::new(lines);
    let header_end = header_end(&region, format);
    let header = region.text_before(header_end);
    let present = applicant_columns(&header);
    let head = (header_end, header.as_str());
    let by_header = read_applications(lines, format, present, head);
    let disagrees = by_header
        .diagnostics
        .iter()
        .any(|d| d.rule == Rule::ParseExtraCells);
    if present.iter().all(|p| *p) || !disagrees {
        return super::doubt::decide(by_header, format);
    }
    let by_data = read_applications(lines, format, [true; 7], head);
    let (header_errors, data_errors) = (errors(&by_header, format), errors(&by_data, format));
    if data_errors >= header_errors {
        return super::doubt::decide(by_header, format);
    }
    let mut chosen = by_data;
    let line = lines.get(header_end.line).map_or(0, |l| l.no);
    chosen.diagnostics.push(diag(
        Rule::ParseReadingChosen,
        Table::Applications,
        line,
        format!(
            "表三表头只列出{}列，但数据行有7个数值；按7列读取（表格自身的勾稽关系不符之处由{header_errors}处减为{data_errors}处）",
            present.iter().filter(|p| **p).count()
        ),
    ));
    super::doubt::decide(chosen, format)
}

/// The header ends where the first row that the report has begins.
fn header_end(region: &Region<'_>, format: Format) -> Pos {
    format
        .application_rows()
        .iter()
        .find_map(|row| region.find(Pos::default(), &Key::all(row.keys)))
        .map_or(
            Pos {
                line: region.lines.len(),
                ..Pos::default()
            },
            |h| h.start,
        )
}

/// How many of the table's own identities a reading breaks: the evidence between readings.
fn errors(read: &TableRead, format: Format) -> usize {
    let mut report = gongkai_domain::report::AnnualReport::new(format);
    report.applications = read.grid.clone();
    gongkai_domain::check::check(&report, None)
        .iter()
        .filter(|f| {
            matches!(
                f.rule,
                Rule::AppsColumnSum | Rule::AppsOutcomeSum | Rule::AppsBalance
            )
        })
        .count()
}

/// Table 三 read with the given applicant columns; `(header_end, header)` as the caller found
/// them.
fn read_applications(
    lines: &[Line],
    format: Format,
    present: [bool; 7],
    (header_end, header): (Pos, &str),
) -> TableRead {
    let mut region = Region::new(lines);
    let defs = format.application_rows();
    let columns: Vec<usize> = (0..7).filter(|c| present[*c]).collect();
    let n = columns.len();
    let mut diagnostics = Vec::new();
    let subtotal = subtotal_column(
        header,
        header_end.line.min(lines.len().saturating_sub(1)),
        lines,
        &mut diagnostics,
    );
    let fits: &dyn Fn(&[Number]) -> bool = if present[TOTAL_COLUMN] && !subtotal {
        &total_is_sum
    } else {
        &|_| true
    };
    let specs: Vec<Spec<'_>> = defs
        .iter()
        .map(|r| Spec {
            keys: r.keys,
            label: r.label,
            n: n + usize::from(subtotal),
        })
        .collect();
    let (mut reads, mut found) = read_rows(
        &mut region,
        &specs,
        fits,
        Table::Applications,
        &mut diagnostics,
    );
    if format == Format::Current2021 {
        let n = specs[0].n;
        single_other_row(
            &mut region,
            n,
            fits,
            &mut reads,
            &mut found,
            &mut diagnostics,
        );
    }
    if !found.iter().any(|f| *f) {
        return TableRead::new(None, diagnostics);
    }
    super::extra_rows(&region, Table::Applications, &mut diagnostics);
    resolve_by_balance(&mut reads, format, n, present[TOTAL_COLUMN]);
    let header_lines = &lines[..header_end.line.min(lines.len())];
    align_by_position(&mut reads, &columns, header_lines, &mut diagnostics);
    let mut grid = Grid::new(defs.len(), APPLICANT_COLUMNS.len());
    blank_rows_of_spaced_text(&mut grid, &reads, &found, &columns);
    let mut short = Vec::new();
    // The 小计 sits just before 总计 (or last, when there is no 总计).
    let subtotal_at =
        subtotal.then(|| columns.iter().position(|&c| c == TOTAL_COLUMN).unwrap_or(n));
    let row_lines: Vec<(usize, usize)> = reads.iter().map(|r| (r.row, r.line)).collect();
    let mut guessed = Vec::new();
    for read in reads {
        let mut cells = settle(
            read.read,
            defs[read.row].label,
            read.line,
            Table::Applications,
            &mut diagnostics,
        );
        if let Some(at) = subtotal_at.filter(|at| *at < cells.len()) {
            cells.remove(at);
        }
        if place_row(&mut grid, read.row, cells, &columns) {
            short.push(read.line);
            guessed.push(read.row);
        }
    }
    guessed.extend(super::doubt::noted_rows(&diagnostics, &row_lines));
    let hinted = super::doubt::hinted_rows(&diagnostics, &row_lines);
    for c in (0..7).filter(|c| !present[*c]) {
        grid.drop_col(c);
    }
    if let Some(first) = short.first() {
        diagnostics.push(diag(
            Rule::ParseShortRow,
            Table::Applications,
            *first,
            format!(
                "表三有{}行的数值少于{n}列（第{}行等），缺少的单元格按0计",
                short.len(),
                first
            ),
        ));
    }
    let grid = finish(grid, &found, Table::Applications, lines, &mut diagnostics);
    let mut read = TableRead::new(Some(grid), diagnostics);
    guessed.sort_unstable();
    guessed.dedup();
    read.guessed = guessed;
    read.doubt = hinted;
    read
}

/// A 2021 report that prints （六）其他处理 as one row, as the 2019 format did: its numbers are
/// read into 3.其他, so the outcomes still add up; rows 1 and 2 stay missing and
/// `format-missing-row` says so.
fn single_other_row(
    region: &mut Region<'_>,
    n: usize,
    fits: &dyn Fn(&[Number]) -> bool,
    reads: &mut Vec<RowRead>,
    found: &mut [bool],
    out: &mut Vec<Finding>,
) {
    let rows = Format::Current2021.application_rows();
    let others: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].kind == AppRowKind::Outcome(6))
        .collect();
    if others.iter().any(|&i| found[i]) {
        return;
    }
    let Some(&target) = others.last() else {
        return;
    };
    let spec = [Spec {
        keys: &["其他处理"],
        label: "（六）其他处理",
        n,
    }];
    let (single, hit) = read_rows(region, &spec, fits, Table::Applications, out);
    let Some(mut read) = single.into_iter().next().filter(|_| hit[0]) else {
        return;
    };
    read.row = target;
    found[target] = true;
    out.push(diag(
        Rule::FormatMissingRow,
        Table::Applications,
        read.line,
        "表三「（六）其他处理」只有一行（2019年试行格式的写法），2021年格式应分为3行；其数值按「3.其他」计入".into(),
    ));
    reads.push(read);
}

/// Puts a row's cells into its columns; cells the copy lost read as 0. True when it was short.
fn place_row(grid: &mut Grid, row: usize, cells: Vec<Cell>, columns: &[usize]) -> bool {
    let read = cells.len();
    for (k, cell) in cells.into_iter().enumerate() {
        grid.set(row, columns[k], cell);
    }
    if read > 0 {
        for &c in &columns[read.min(columns.len())..] {
            grid.set(row, c, Cell::Lost);
        }
    }
    read > 0 && read < columns.len()
}

/// In `pdftotext -layout` text a blank cell prints nothing, so a row whose label is there
/// but no value is a row of blank cells.
fn blank_rows_of_spaced_text(
    grid: &mut Grid,
    reads: &[RowRead],
    found: &[bool],
    columns: &[usize],
) {
    if !reads
        .iter()
        .any(|r| matches!(r.read, Read::Fitted { spaced: true, .. }))
    {
        return;
    }
    for row in (0..found.len()).filter(|&r| found[r] && !reads.iter().any(|x| x.row == r)) {
        for &c in columns {
            grid.set(row, c, Cell::Text(String::new()));
        }
    }
}

/// An added 小计 column (e.g. 法人或其他组织小计) is not in the format: it is reported and its
/// numbers are not read.
fn subtotal_column(header: &str, line: usize, lines: &[Line], out: &mut Vec<Finding>) -> bool {
    let found = header.contains("小计");
    if found {
        let no = lines.get(line).map_or(0, |l| l.no);
        out.push(diag(
            Rule::FormatExtraRow,
            Table::Applications,
            no,
            "表三多出「小计」列（规定格式没有此列），其数字未计入".into(),
        ));
    }
    found
}

/// Where digits ran together and several splits fit a row, picks the one combination that
/// also satisfies 一 + 二 = （七） + 四 and （七） = Σ outcomes in every column.
fn resolve_by_balance(reads: &mut [RowRead], format: Format, n: usize, has_total: bool) {
    let open: Vec<usize> = (0..reads.len())
        .filter(|&i| matches!(&reads[i].read, Read::Candidates(c) if c.len() > 1))
        .collect();
    let sizes: Vec<usize> = open
        .iter()
        .map(|&i| match &reads[i].read {
            Read::Candidates(c) => c.len(),
            _ => 1,
        })
        .collect();
    let combos: usize = sizes.iter().product();
    if open.is_empty() || combos > 20_000 || !has_total && n < 7 {
        return;
    }
    let mut fitting = Vec::new();
    for combo in 0..combos {
        let mut rest = combo;
        let choice: Vec<usize> = sizes
            .iter()
            .map(|s| {
                let c = rest % s;
                rest /= s;
                c
            })
            .collect();
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
            Read::Fitted { cells, .. } => Some(
                cells
                    .iter()
                    .map(|c| c.value().unwrap_or_default())
                    .collect(),
            ),
            Read::Candidates(c) if c.len() == 1 => Some(c[0].clone()),
            Read::Candidates(c) => open
                .iter()
                .position(|&o| o == i)
                .map(|k| c[choice[k]].clone()),
        };
    }
    let at = |kind: AppRowKind, col: usize| {
        rows.iter()
            .position(|r| r.kind == kind)
            .and_then(|i| values[i].as_ref())
            .and_then(|v| v.get(col).copied())
            .unwrap_or_default()
    };
    (0..n).all(|col| {
        let outcomes: Number = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r.kind, AppRowKind::Outcome(_)))
            .filter_map(|(i, _)| values[i].as_ref().and_then(|v| v.get(col).copied()))
            .sum();
        let total = at(AppRowKind::Total, col);
        at(AppRowKind::New, col) + at(AppRowKind::CarriedIn, col)
            == total + at(AppRowKind::CarriedOut, col)
            && outcomes == total
    })
}

/// `pdftotext -layout` cannot show blank cells; where a row has fewer values than columns,
/// puts each value in the column whose position it is nearest, learned from the full rows
/// (or, when no row is full, from where the header prints the column labels).
fn align_by_position(
    reads: &mut [RowRead],
    columns: &[usize],
    header: &[Line],
    out: &mut Vec<Finding>,
) {
    let n = columns.len();
    let full: Vec<&Vec<usize>> = reads
        .iter()
        .filter_map(|r| match &r.read {
            Read::Fitted {
                cols, spaced: true, ..
            } if cols.len() == n => Some(cols),
            _ => None,
        })
        .collect();
    let centers: Vec<usize> = if full.is_empty() {
        match label_positions(header, columns) {
            Some(at) => at,
            None => return,
        }
    } else {
        (0..n)
            .map(|c| full.iter().map(|cols| cols[c]).sum::<usize>() / full.len())
            .collect()
    };
    for read in reads.iter_mut() {
        let Read::Fitted {
            cells,
            cols,
            spaced: true,
        } = &mut read.read
        else {
            continue;
        };
        if cells.len() >= n || cells.is_empty() {
            continue;
        }
        let mut aligned = vec![Cell::Text(String::new()); n];
        let mut next = 0;
        for (cell, col) in cells.drain(..).zip(cols.iter()) {
            let best = (next..n)
                .min_by_key(|&c| centers[c].abs_diff(*col))
                .unwrap_or(n - 1);
            aligned[best] = cell;
            next = (best + 1).min(n - 1);
        }
        *cells = aligned;
        out.push(diag(
            Rule::ParsePositionAligned,
            Table::Applications,
            read.line,
            format!("表三第{}行按列位置对齐", read.line),
        ));
    }
}

/// The character column where the header prints each column's label (its first line), for
/// aligning values when no row has all of them.
fn label_positions(header: &[Line], columns: &[usize]) -> Option<Vec<usize>> {
    const KEYS: [&str; 7] = ["自然人", "商业", "科研", "公益", "法律服务", "其他", "总计"];
    columns
        .iter()
        .map(|&c| {
            header.iter().flat_map(|l| &l.cells).find_map(|cell| {
                let at = cell.text.find(KEYS[c])?;
                // The run of characters holding the key, e.g. "社会公益" in "社会公益 法律服务".
                let start = cell.text[..at].rfind(' ').map_or(0, |i| i + 1);
                let end = cell.text[at..]
                    .find(' ')
                    .map_or(cell.text.len(), |i| at + i);
                let run = &cell.text[start..end];
                if run.contains("其他组织") || run.contains("法人") {
                    return None;
                }
                let before = cell.text[..start].chars().count();
                Some(cell.col + before + run.chars().count().saturating_sub(1) / 2)
            })
        })
        .collect()
}
