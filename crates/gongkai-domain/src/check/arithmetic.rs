//! The 勾稽关系 of tables 三 and 四, and the cell rules (regulations.md §3.1).

use super::{Finding, Location, Rule, Table};
use crate::report::layout::{
    APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS, AppRowKind, Column, TOTAL_COLUMN,
};
use crate::report::{AnnualReport, CellKind, Grid, Number};

pub(super) fn check(r: &AnnualReport, out: &mut Vec<Finding>) {
    if let Some(grid) = &r.applications {
        column_sums(r, grid, out);
        outcome_sums(r, grid, out);
        balance(r, grid, out);
    }
    if let Some(grid) = &r.appeals {
        appeal_sums(r, grid, out);
    }
    cells(r, out);
}

/// A cell of a row and column the table has, which the parser could not read (digits that
/// split several ways): the rules that need it cannot be checked, so they do not accuse.
fn unread(grid: &Grid, row: usize, col: usize) -> bool {
    grid.has_row(row) && grid.has_col(col) && grid.cell(row, col).kind() == CellKind::Missing
}

fn row_index(r: &AnnualReport, kind: AppRowKind) -> Option<usize> {
    r.format
        .application_rows()
        .iter()
        .position(|row| row.kind == kind)
}

/// `apps-column-sum`: 总计 = the six applicant columns, row by row.
fn column_sums(r: &AnnualReport, grid: &Grid, out: &mut Vec<Finding>) {
    if !grid.has_col(TOTAL_COLUMN) {
        return;
    }
    let mut derived = Vec::new();
    for (i, row) in r.format.application_rows().iter().enumerate() {
        let parts: Vec<Number> = (0..TOTAL_COLUMN).filter_map(|c| grid.value(i, c)).collect();
        let some_unread = (0..TOTAL_COLUMN).any(|c| unread(grid, i, c));
        if parts.is_empty() || some_unread || !grid.has_row(i) || r.doubtful(Table::Applications, i)
        {
            continue;
        }
        let sum: Number = parts.into_iter().sum();
        match (
            grid.cell(i, TOTAL_COLUMN).kind(),
            grid.value(i, TOTAL_COLUMN),
        ) {
            (CellKind::Blank, _) if sum != Number::ZERO => derived.push(row.label),
            (CellKind::Number, Some(total)) if total != sum => out.push(Finding::new(
                Rule::AppsColumnSum,
                Location::table(Table::Applications)
                    .row(row.key)
                    .column("total"),
                format!(
                    "表三「{}」：总计为{total}，但各类申请人之和为{sum}",
                    row.label
                ),
            )),
            _ => {}
        }
    }
    if !derived.is_empty() {
        out.push(derived_totals(Table::Applications, &derived));
    }
}

fn derived_totals(table: Table, rows: &[&str]) -> Finding {
    Finding::new(
        Rule::CellsBlank,
        Location::table(table).column("total"),
        format!(
            "表{}有{}行的总计栏空白而该行其他栏不为0（{}{}），已按各栏之和推算总计",
            table.code(),
            rows.len(),
            rows.iter().take(3).copied().collect::<Vec<_>>().join("、"),
            if rows.len() > 3 { "等" } else { "" }
        ),
    )
}

/// `apps-outcome-sum`: （七）总计 = every outcome row, column by column.
fn outcome_sums(r: &AnnualReport, grid: &Grid, out: &mut Vec<Finding>) {
    let Some(total_row) = row_index(r, AppRowKind::Total) else {
        return;
    };
    let rows = r.format.application_rows();
    let in_doubt = (0..rows.len()).any(|i| {
        (i == total_row || matches!(rows[i].kind, AppRowKind::Outcome(_)))
            && r.doubtful(Table::Applications, i)
    });
    if in_doubt {
        return;
    }
    for (c, column) in APPLICANT_COLUMNS
        .iter()
        .enumerate()
        .filter(|(c, _)| grid.has_col(*c))
    {
        let outcome_rows = (0..rows.len())
            .filter(|&i| matches!(rows[i].kind, AppRowKind::Outcome(_)) && grid.has_row(i));
        if outcome_rows.clone().any(|i| unread(grid, i, c)) {
            continue;
        }
        let outcomes: Vec<Number> = outcome_rows
            .filter_map(|i| r.application_value(i, c))
            .collect();
        let Some(total) = r.application_value(total_row, c) else {
            continue;
        };
        let sum: Number = outcomes.iter().copied().sum();
        if !outcomes.is_empty() && total != sum {
            out.push(Finding::new(
                Rule::AppsOutcomeSum,
                Location::table(Table::Applications)
                    .row("total")
                    .column(column.key),
                format!(
                    "表三「{}」列：（七）总计为{total}，但（一）至（六）各办理结果之和为{sum}",
                    column.label
                ),
            ));
        }
    }
}

/// `apps-balance`: 一 + 二 = （七） + 四, column by column (the note printed on the table).
fn balance(r: &AnnualReport, grid: &Grid, out: &mut Vec<Finding>) {
    let idx = [
        AppRowKind::New,
        AppRowKind::CarriedIn,
        AppRowKind::Total,
        AppRowKind::CarriedOut,
    ]
    .map(|k| row_index(r, k));
    if idx
        .iter()
        .flatten()
        .any(|&i| r.doubtful(Table::Applications, i))
    {
        return;
    }
    for (c, column) in APPLICANT_COLUMNS
        .iter()
        .enumerate()
        .filter(|(c, _)| grid.has_col(*c))
    {
        let v = idx.map(|i| i.and_then(|i| r.application_value(i, c)));
        let some_unread = idx.iter().flatten().any(|&i| unread(grid, i, c));
        if some_unread || (v[0].is_none() && v[1].is_none()) || (v[2].is_none() && v[3].is_none()) {
            continue;
        }
        let [new, carried_in, total, carried_out] = v.map(Option::unwrap_or_default);
        if new + carried_in != total + carried_out {
            out.push(Finding::new(
                Rule::AppsBalance,
                Location::table(Table::Applications).column(column.key),
                format!(
                    "表三「{}」列：一（本年新收）{new} + 二（上年结转）{carried_in} = {}，\
                     但（七）总计 {total} + 四（结转下年度）{carried_out} = {}",
                    column.label,
                    new + carried_in,
                    total + carried_out
                ),
            ));
        }
    }
}

/// `appeals-sum`: each group's 总计 = 维持 + 纠正 + 其他 + 尚未审结.
fn appeal_sums(r: &AnnualReport, grid: &Grid, out: &mut Vec<Finding>) {
    let total_col = APPEAL_COLUMNS.len() - 1;
    let mut derived = Vec::new();
    for (g, (key, label)) in APPEAL_GROUPS.iter().enumerate() {
        let parts: Vec<Number> = (0..total_col).filter_map(|c| grid.value(g, c)).collect();
        let some_unread = (0..total_col).any(|c| unread(grid, g, c));
        if parts.is_empty() || some_unread || r.doubtful(Table::Appeals, g) {
            continue;
        }
        let sum: Number = parts.into_iter().sum();
        match (grid.cell(g, total_col).kind(), grid.value(g, total_col)) {
            (CellKind::Blank, _) if sum != Number::ZERO => derived.push(*label),
            (CellKind::Number, Some(total)) if total != sum => out.push(Finding::new(
                Rule::AppealsSum,
                Location::table(Table::Appeals).row(key).column("total"),
                format!("表四「{label}」：总计为{total}，但维持、纠正、其他、尚未审结之和为{sum}"),
            )),
            _ => {}
        }
    }
    if !derived.is_empty() {
        out.push(derived_totals(Table::Appeals, &derived));
    }
}

/// A cell with what the format wants in it.
struct Spec<'a> {
    table: Table,
    row_key: &'a str,
    row_label: &'a str,
    column: &'a Column,
}

fn specs(r: &AnnualReport) -> Vec<(Spec<'static>, &Grid, usize, usize)> {
    let mut all = Vec::new();
    if let Some(grid) = &r.proactive {
        for (i, row) in r.format.proactive_rows().iter().enumerate() {
            for (c, column) in row.columns.iter().enumerate() {
                let spec = Spec {
                    table: Table::Proactive,
                    row_key: row.key,
                    row_label: row.label,
                    column,
                };
                all.push((spec, grid, i, c));
            }
        }
    }
    if let Some(grid) = &r.applications {
        for (i, row) in r.format.application_rows().iter().enumerate() {
            for (c, column) in APPLICANT_COLUMNS.iter().enumerate() {
                let spec = Spec {
                    table: Table::Applications,
                    row_key: row.key,
                    row_label: row.label,
                    column,
                };
                all.push((spec, grid, i, c));
            }
        }
    }
    if let Some(grid) = &r.appeals {
        for (g, (key, label)) in APPEAL_GROUPS.iter().enumerate() {
            for (c, column) in APPEAL_COLUMNS.iter().enumerate() {
                let spec = Spec {
                    table: Table::Appeals,
                    row_key: key,
                    row_label: label,
                    column,
                };
                all.push((spec, grid, g, c));
            }
        }
    }
    all
}

/// `value-invalid` for each bad cell, `cells-blank` once per table.
fn cells(r: &AnnualReport, out: &mut Vec<Finding>) {
    let mut blanks = [0usize; 3];
    for (spec, grid, row, col) in specs(r) {
        let cell = grid.cell(row, col);
        let problem = match (cell.kind(), cell.value()) {
            (CellKind::Invalid, _) => Some(format!("填写了「{}」，不是数字", cell.display())),
            (CellKind::Number, Some(n)) if n.is_negative() && !spec.column.signed => {
                Some(format!("为负数 {n}"))
            }
            (CellKind::Number, Some(n)) if !n.is_integer() && !spec.column.decimal => {
                Some(format!("应为整数，填写了 {n}"))
            }
            (CellKind::Blank, _) => {
                blanks[spec.table as usize] += 1;
                None
            }
            _ => None,
        };
        if let Some(problem) = problem {
            out.push(Finding::new(
                Rule::ValueInvalid,
                Location::table(spec.table)
                    .row(spec.row_key)
                    .column(spec.column.key),
                format!(
                    "表{}「{}」「{}」{problem}",
                    spec.table.code(),
                    spec.row_label,
                    spec.column.label
                ),
            ));
        }
    }
    for (table, count) in [Table::Proactive, Table::Applications, Table::Appeals]
        .into_iter()
        .zip(blanks)
    {
        if count > 0 {
            out.push(Finding::new(
                Rule::CellsBlank,
                Location::table(table),
                format!(
                    "表{}有{count}个单元格留空或填写了“/”“-”等，已按0计；规定格式要求填写数字",
                    table.code()
                ),
            ));
        }
    }
}
