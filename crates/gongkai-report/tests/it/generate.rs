//! Report generators for property tests.

use gongkai_domain::report::layout::{AppRowKind, TOTAL_COLUMN};
use gongkai_domain::report::{AnnualReport, Cell, Format, Grid, Number, Section, SectionKind};
use proptest::prelude::*;

/// Text that cannot be mistaken for a heading, a row label or a number.
fn narrative() -> impl Strategy<Value = String> {
    let sentence = proptest::collection::vec(
        proptest::sample::select(
            &[
                "本机关",
                "认真",
                "落实",
                "工作",
                "要求",
                "进一步",
                "规范",
                "提升",
                "服务",
                "质量",
                "群众",
                "满意",
            ][..],
        ),
        1..8,
    )
    .prop_map(|words| format!("{}。", words.concat()));
    proptest::collection::vec(sentence, 0..3).prop_map(|p| p.join("\n"))
}

fn agency() -> impl Strategy<Value = String> {
    proptest::sample::select(
        &[
            "某市人民政府",
            "某市财政局",
            "某县某镇人民政府",
            "某区街道办事处",
        ][..],
    )
    .prop_map(str::to_string)
}

/// Any cell the model can hold (no line breaks, tabs or pipes in text).
fn any_cell(decimal: bool) -> impl Strategy<Value = Cell> {
    prop_oneof![
        6 => (0i64..5000).prop_map(|n| Cell::Number(Number::from_int(n))),
        1 => Just(Cell::Text(String::new())),
        1 => proptest::sample::select(&["/", "-", "不适用", "无", "abc"][..]).prop_map(|t| Cell::Text(t.to_string())),
        1 => (-50i64..0).prop_map(|n| Cell::Number(Number::from_int(n))),
        1 => (0i64..100_000).prop_map(move |n| Cell::Number(Number::parse(&format!("{}.{:02}", n / 100, n % 100)).filter(|_| decimal).unwrap_or(Number::from_int(n)))),
    ]
}

fn grid(
    rows: usize,
    cols: usize,
    widths: Vec<usize>,
    cells: Vec<Cell>,
    drop_rows: Vec<bool>,
    drop_cols: Vec<bool>,
) -> Grid {
    let mut g = Grid::new(rows, cols);
    for r in 0..rows {
        for c in 0..widths[r] {
            g.set(r, c, cells[r * cols + c].clone());
        }
    }
    for (r, drop) in drop_rows.into_iter().enumerate() {
        if drop {
            g.drop_row(r);
        }
    }
    for (c, drop) in drop_cols.into_iter().enumerate() {
        if drop {
            g.drop_col(c);
        }
    }
    g
}

fn rare(n: usize) -> impl Strategy<Value = Vec<bool>> {
    proptest::collection::vec(proptest::bool::weighted(0.05), n)
}

/// Any report the model can hold (that a report could print): arbitrary cells, missing rows
/// and columns, missing tables.
pub fn any_report() -> impl Strategy<Value = AnnualReport> {
    let format = prop_oneof![Just(Format::Current2021), Just(Format::Trial2019)];
    format.prop_flat_map(|format| {
        let apps = format.application_rows().len();
        let pro = format.proactive_rows().len();
        (
            agency(),
            if format == Format::Trial2019 {
                2019i32..2021
            } else {
                2021i32..2027
            },
            (narrative(), narrative(), narrative(), narrative()),
            proptest::collection::vec(any_cell(true), pro * 3),
            proptest::collection::vec(any_cell(false), apps * 7),
            proptest::collection::vec(any_cell(false), 15),
            (rare(pro), rare(apps), rare(7)),
            (
                proptest::bool::weighted(0.9),
                proptest::bool::weighted(0.9),
                proptest::bool::weighted(0.9),
            ),
        )
            .prop_map(
                move |(agency, year, texts, pro_cells, app_cells, appeal_cells, drops, present)| {
                    let mut r = AnnualReport::new(format);
                    r.title = Some(format!("{agency}{year}年政府信息公开工作年度报告"));
                    r.agency = Some(agency);
                    r.year = Some(year);
                    r.preamble = texts.0;
                    r.sections = SectionKind::ALL
                        .iter()
                        .map(|k| {
                            let text = match k {
                                SectionKind::Overview => texts.1.clone(),
                                SectionKind::Problems => texts.2.clone(),
                                SectionKind::Other => texts.3.clone(),
                                _ => String::new(),
                            };
                            Section::official(*k, text)
                        })
                        .collect();
                    let widths: Vec<usize> = format
                        .proactive_rows()
                        .iter()
                        .map(|r| r.columns.len())
                        .collect();
                    let (drop_pro, drop_apps, drop_cols) = drops;
                    r.proactive = present
                        .0
                        .then(|| grid(pro, 3, widths, pro_cells, drop_pro, vec![]));
                    r.applications = present
                        .1
                        .then(|| grid(apps, 7, vec![7; apps], app_cells, drop_apps, drop_cols));
                    r.appeals = present
                        .2
                        .then(|| grid(3, 5, vec![5; 3], appeal_cells, vec![], vec![]));
                    r
                },
            )
    })
}

/// A report whose tables are consistent: every 勾稽关系 holds, every cell is a count.
pub fn consistent_report() -> impl Strategy<Value = AnnualReport> {
    any_report()
        .prop_flat_map(|base| {
            let outcome_rows = base
                .format
                .application_rows()
                .iter()
                .filter(|r| matches!(r.kind, AppRowKind::Outcome(_)))
                .count();
            (
                Just(base),
                proptest::collection::vec(proptest::collection::vec(0i64..40, outcome_rows), 6),
                proptest::collection::vec((0i64..20, 0i64..20), 6),
                proptest::collection::vec(proptest::collection::vec(0i64..30, 4), 3),
            )
        })
        .prop_map(|(mut r, outcomes, carries, appeals)| {
            r.narrative_free();
            if let Some(grid) = r.proactive.as_mut() {
                let cells: Vec<(usize, usize, Cell)> = grid
                    .iter()
                    .map(|(i, c, cell)| (i, c, cell.clone()))
                    .collect();
                for (i, c, cell) in cells {
                    let valid = cell.value().filter(|n| n.is_integer() && !n.is_negative());
                    if cell != Cell::Missing {
                        grid.set(i, c, Cell::Number(valid.unwrap_or(Number::ZERO)));
                    }
                }
            }
            let rows = r.format.application_rows();
            let mut apps = r.empty_applications();
            for c in 0..TOTAL_COLUMN {
                let mut k = 0;
                let mut total = 0;
                for (i, row) in rows.iter().enumerate() {
                    if matches!(row.kind, AppRowKind::Outcome(_)) {
                        apps.set(i, c, int(outcomes[c][k]));
                        total += outcomes[c][k];
                        k += 1;
                    }
                }
                let (carried_in, carried_out) = carries[c];
                let new = (total + carried_out - carried_in).max(0);
                let carried_in = total + carried_out - new;
                for (i, row) in rows.iter().enumerate() {
                    let v = match row.kind {
                        AppRowKind::New => new,
                        AppRowKind::CarriedIn => carried_in,
                        AppRowKind::CarriedOut => carried_out,
                        AppRowKind::Total => total,
                        AppRowKind::Outcome(_) => continue,
                    };
                    apps.set(i, c, int(v));
                }
            }
            for i in 0..rows.len() {
                let sum: Number = (0..TOTAL_COLUMN).filter_map(|c| apps.value(i, c)).sum();
                apps.set(i, TOTAL_COLUMN, Cell::Number(sum));
            }
            r.applications = Some(apps);
            let mut grid = AnnualReport::empty_appeals();
            for (g, parts) in appeals.iter().enumerate() {
                for (c, v) in parts.iter().enumerate() {
                    grid.set(g, c, int(*v));
                }
                grid.set(g, 4, int(parts.iter().sum()));
            }
            r.appeals = Some(grid);
            r
        })
}

fn int(n: i64) -> Cell {
    Cell::Number(Number::from_int(n))
}

/// Helpers for generated reports.
pub trait GeneratedReport {
    /// Clears narrative text so that no stated figure can disagree with the tables.
    fn narrative_free(&mut self);
}

impl GeneratedReport for AnnualReport {
    fn narrative_free(&mut self) {
        self.preamble.clear();
        for s in &mut self.sections {
            s.text.clear();
        }
    }
}
