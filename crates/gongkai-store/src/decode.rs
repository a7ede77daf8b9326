//! Decoding at the store's edge (issue 14): rows are read as the database's text, then turned
//! into the domain's types here. A value that does not decode is [`StoreError::Corrupt`] naming
//! the table, the row and the column, never a default.

use crate::StoreError;
use gongkai_domain::clock::Date;

/// Where a value was read: the table and the row's id.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At {
    /// Table name.
    pub table: &'static str,
    /// The row's id.
    pub row: i64,
}

impl At {
    /// The row `row` of `table`.
    pub fn new(table: &'static str, row: i64) -> At {
        At { table, row }
    }

    /// The error for `value` in `column`.
    pub fn corrupt(self, column: &'static str, value: &str) -> StoreError {
        StoreError::Corrupt {
            table: self.table,
            row: self.row,
            column,
            value: value.chars().take(40).collect(),
        }
    }

    /// `value` of `column` read with `parse`.
    pub fn parse<T>(
        self,
        column: &'static str,
        value: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, StoreError> {
        parse(value).ok_or_else(|| self.corrupt(column, value))
    }

    /// A required `YYYY-MM-DD` date.
    pub fn date(self, column: &'static str, value: &str) -> Result<Date, StoreError> {
        self.parse(column, value, |v| Date::parse(v).ok())
    }

    /// An optional `YYYY-MM-DD` date (`NULL` is `None`, anything else must decode).
    pub fn opt_date(
        self,
        column: &'static str,
        value: Option<&str>,
    ) -> Result<Option<Date>, StoreError> {
        value.map(|v| self.date(column, v)).transpose()
    }
}

/// Decodes every raw row with `decode`, stopping at the first corrupt one.
pub(crate) fn all<R, T>(
    rows: Vec<R>,
    decode: impl Fn(R) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    rows.into_iter().map(decode).collect()
}
