//! The report checker: every rule of product.md §4 as a function from a report to findings.
//!
//! Rule codes are public and stable; `docs/RULES.md` lists them and a test keeps the two in step.

mod arithmetic;
mod cross_year;
mod format;
mod narrative;
mod rules;
mod sentences;
mod verdict;

pub use rules::{Rule, Severity};
pub use verdict::{Verdict, is_checked_rule, unchecked_summary, verdicts};

use crate::report::AnnualReport;

/// A table of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    /// 二、主动公开政府信息情况.
    Proactive,
    /// 三、收到和处理政府信息公开申请情况.
    Applications,
    /// 四、行政复议、行政诉讼情况.
    Appeals,
}

impl Table {
    /// The table's numeral as reports name it: 二, 三, 四.
    pub fn code(self) -> &'static str {
        match self {
            Table::Proactive => "二",
            Table::Applications => "三",
            Table::Appeals => "四",
        }
    }

    /// Parses [`Table::code`].
    pub fn parse(code: &str) -> Option<Table> {
        [Table::Proactive, Table::Applications, Table::Appeals]
            .into_iter()
            .find(|t| t.code() == code)
    }
}

/// Where a finding points: a table cell, a section, or a line of the input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// The table.
    pub table: Option<Table>,
    /// The row's JSON key (product.md §5).
    pub row: Option<String>,
    /// The column's JSON key.
    pub column: Option<String>,
    /// The section number (1 = 一).
    pub section: Option<u8>,
    /// The 1-based line of the input file.
    pub line: Option<usize>,
}

impl Location {
    /// Points at a table.
    pub fn table(table: Table) -> Location {
        Location {
            table: Some(table),
            ..Location::default()
        }
    }

    /// Points at a section.
    pub fn section(number: u8) -> Location {
        Location {
            section: Some(number),
            ..Location::default()
        }
    }

    /// Points at a line of the input.
    pub fn line(line: usize) -> Location {
        Location {
            line: Some(line),
            ..Location::default()
        }
    }

    /// Narrows to a row.
    pub fn row(mut self, key: &str) -> Location {
        self.row = Some(key.to_string());
        self
    }

    /// Narrows to a column.
    pub fn column(mut self, key: &str) -> Location {
        self.column = Some(key.to_string());
        self
    }
}

/// One thing the checker (or the parser) has to say about a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// How serious it is.
    pub severity: Severity,
    /// Where it points.
    pub location: Location,
    /// What is wrong, in Chinese, for a clerk.
    pub message: String,
}

impl Finding {
    /// A finding with the rule's own severity.
    pub fn new(rule: Rule, location: Location, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.severity(),
            location,
            message: message.into(),
        }
    }
}

/// Checks a report against every rule; with `previous` (last year's report) also the
/// cross-year rules. Findings come errors first, then in rule order.
pub fn check(report: &AnnualReport, previous: Option<&AnnualReport>) -> Vec<Finding> {
    let mut out = Vec::new();
    arithmetic::check(report, &mut out);
    format::check(report, &mut out);
    narrative::check(report, &mut out);
    if let Some(previous) = previous {
        cross_year::check(report, previous, &mut out);
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out
}

#[cfg(test)]
mod tests;
