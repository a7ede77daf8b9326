//! Numbers from URLs, parsed into bounded types before anything uses them (issue 13): a page
//! number or a year that a visitor typed can never become an allocation, an overflow or a
//! report of year -5.

use crate::WebError;
use gongkai_domain::clock::Date;

/// The last page any list or search may show (20 000 catalogue lines, 10 000 hits).
pub const MAX_PAGE: u32 = 1000;

/// A page number: `1..=MAX_PAGE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageNo(u32);

impl PageNo {
    /// Blank or missing is page 1; anything but a number in `1..=MAX_PAGE` is refused.
    pub fn parse(raw: Option<&str>) -> Result<PageNo, WebError> {
        let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(PageNo(1));
        };
        match raw.parse::<u32>() {
            Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(PageNo(n)),
            _ => Err(WebError::Param(format!(
                "页码应为1至{MAX_PAGE}之间的整数，收到的是“{}”",
                shorten(raw)
            ))),
        }
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }

    /// Lines to skip before this page.
    pub fn offset(self, per_page: u32) -> u32 {
        (self.0 - 1) * per_page
    }

    /// The last page of `total` lines (at least 1, at most [`MAX_PAGE`]).
    pub fn last(total: u64, per_page: u32) -> PageNo {
        let pages = total
            .div_ceil(u64::from(per_page))
            .clamp(1, u64::from(MAX_PAGE));
        PageNo(u32::try_from(pages).unwrap_or(MAX_PAGE))
    }
}

/// A report year: `2000..=` next year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Year(i32);

impl Year {
    /// A year between 2000 and the year after `today`.
    pub fn parse(raw: &str, today: Date) -> Result<Year, WebError> {
        let last = today.year() + 1;
        match raw.trim().parse::<i32>() {
            Ok(y) if (2000..=last).contains(&y) => Ok(Year(y)),
            _ => Err(WebError::Param(format!(
                "年度应为2000至{last}之间的年份，收到的是“{}”",
                shorten(raw)
            ))),
        }
    }

    /// Like [`Year::parse`], with blank or missing meaning "not given".
    pub fn optional(raw: Option<&str>, today: Date) -> Result<Option<Year>, WebError> {
        match raw.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(r) => Year::parse(r, today).map(Some),
        }
    }

    /// The year.
    pub fn get(self) -> i32 {
        self.0
    }
}

/// A value quoted back in a message, cut to a readable length.
fn shorten(raw: &str) -> String {
    let mut s: String = raw.chars().filter(|c| !c.is_control()).take(20).collect();
    if raw.chars().count() > 20 {
        s.push('…');
    }
    s
}

/// The 有效性 choices of the catalogue and search filters: (stored value, label).
pub(crate) const VALIDITIES: [(&str, &str); 3] = [
    ("valid", "有效"),
    ("expired", "失效"),
    ("abolished", "废止"),
];

/// A query value, or `None` when it is missing or blank.
pub(crate) fn some_nonempty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

/// The first value of `key` among a form's pairs (empty when absent): for forms whose fields
/// repeat or are named at run time.
pub fn field(pairs: &[(String, String)], key: &str) -> String {
    pairs
        .iter()
        .find(|(n, _)| n == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue13_page_numbers_outside_the_range_are_refused() {
        for bad in [
            "0",
            "-1",
            "4294967295",
            "200000000",
            "9223372036854775807",
            "abc",
            "1.5",
        ] {
            assert!(PageNo::parse(Some(bad)).is_err(), "{bad}");
        }
        assert_eq!(PageNo::parse(None).ok(), Some(PageNo(1)));
        assert_eq!(PageNo::parse(Some(" ")).ok(), Some(PageNo(1)));
        assert_eq!(
            PageNo::parse(Some("1000")).map(PageNo::get).ok(),
            Some(1000)
        );
        assert_eq!(PageNo::last(0, 20).get(), 1);
        assert_eq!(PageNo::last(41, 20).get(), 3);
        assert_eq!(PageNo::last(u64::MAX, 10).get(), MAX_PAGE);
    }

    #[test]
    fn issue13_years_outside_2000_to_next_year_are_refused() {
        let today = Date::from_ymd(2026, 12, 3).expect("date");
        for bad in ["-5", "1999", "2028", "99999999999", "二〇二五"] {
            assert!(Year::parse(bad, today).is_err(), "{bad}");
        }
        assert_eq!(Year::parse("2027", today).map(Year::get).ok(), Some(2027));
        assert_eq!(Year::optional(Some(""), today).ok(), Some(None));
    }
}
