//! Roll-up: the cell-wise sum of many agencies' reports into one regional report (regulations.md
//! §3.5), for a county 政务公开办 that receives its subordinates' reports.

use super::{AnnualReport, Cell, Format, Grid, Number, Section, SectionKind};
use std::fmt;

/// Why reports cannot be summed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AggregateError {
    /// Nothing to sum.
    Empty,
    /// Reports of different formats (2019 trial and 2021).
    MixedFormats,
    /// Reports of different years, or one without a year.
    MixedYears,
}

impl fmt::Display for AggregateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AggregateError::Empty => "没有可汇总的报告",
            AggregateError::MixedFormats => {
                "只能汇总同一格式的报告（2019年试行格式与2021年格式不能混合）"
            }
            AggregateError::MixedYears => "只能汇总同一年度的报告（每份报告都须能读出年度）",
        })
    }
}

/// Sums the tables of `reports` cell by cell. A cell is the sum of the values the reports give
/// it (blank = 0, a blank 总计 = its row's sum, a lost cell = 0); it stays missing only when no
/// report has it. The result names the agencies it sums.
pub fn aggregate(reports: &[AnnualReport]) -> Result<AnnualReport, AggregateError> {
    let first = reports.first().ok_or(AggregateError::Empty)?;
    if reports.iter().any(|r| r.format != first.format) {
        return Err(AggregateError::MixedFormats);
    }
    let year = first.year.ok_or(AggregateError::MixedYears)?;
    if reports.iter().any(|r| r.year != Some(year)) {
        return Err(AggregateError::MixedYears);
    }
    let agencies: Vec<&str> = reports
        .iter()
        .map(|r| r.agency.as_deref().unwrap_or("（机关名称不详）"))
        .collect();
    let mut sum = AnnualReport::new(first.format);
    sum.year = Some(year);
    sum.title = Some(format!(
        "{year}年政府信息公开工作年度报告（{}个机关汇总）",
        reports.len()
    ));
    sum.agency = Some(format!("汇总：{}", agencies.join("、")));
    sum.preamble = format!(
        "本报告由以下{}个机关的{year}年度报告逐项相加而成：{}。",
        reports.len(),
        agencies.join("、")
    );
    sum.sections = SectionKind::ALL
        .iter()
        .map(|k| Section::official(*k, ""))
        .collect();
    sum.proactive = sum_tables(
        reports,
        |r| r.proactive.as_ref(),
        |r, row, col| r.proactive.as_ref().and_then(|g| g.value(row, col)),
    );
    sum.applications = sum_tables(
        reports,
        |r| r.applications.as_ref(),
        AnnualReport::application_value,
    );
    sum.appeals = sum_tables(reports, |r| r.appeals.as_ref(), AnnualReport::appeal_value);
    if let Some(grid) = sum.proactive.as_mut() {
        keep_only_real_columns(grid, first.format);
    }
    Ok(sum)
}

fn sum_tables<'a>(
    reports: &'a [AnnualReport],
    table: impl Fn(&'a AnnualReport) -> Option<&'a Grid>,
    value: impl Fn(&AnnualReport, usize, usize) -> Option<Number>,
) -> Option<Grid> {
    let shape = reports.iter().find_map(&table)?;
    let mut out = Grid::new(shape.rows(), shape.cols());
    for row in 0..shape.rows() {
        for col in 0..shape.cols() {
            let values: Vec<Number> = reports
                .iter()
                .filter(|r| table(r).is_some())
                .filter_map(|r| value(r, row, col))
                .collect();
            if !values.is_empty() {
                out.set(row, col, Cell::Number(values.into_iter().sum()));
            }
        }
    }
    Some(out)
}

/// Table 二 rows have one to three columns; the grid's spare cells stay missing.
fn keep_only_real_columns(grid: &mut Grid, format: Format) {
    for (row, def) in format.proactive_rows().iter().enumerate() {
        for col in def.columns.len()..grid.cols() {
            grid.set(row, col, Cell::Missing);
        }
    }
}

impl std::error::Error for AggregateError {}
