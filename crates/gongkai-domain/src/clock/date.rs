//! A civil date without time zone or clock: enough to count working days.

use std::fmt;

/// A date in the proleptic Gregorian calendar (years 1900–2199).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Days since 1970-01-01.
    days: i32,
}

/// Why a date could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "日期「{}」无效，应写作 YYYY-MM-DD，如 2025-09-26",
            self.0
        )
    }
}

impl Date {
    /// A date from year, month, day; `None` if it does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = (1900..2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then(|| Date {
            days: days_from_civil(year, month, day),
        })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let err = || DateError(text.to_string());
        let mut parts = text.trim().split('-');
        let (y, m, d) = (
            parts.next().ok_or_else(err)?,
            parts.next().ok_or_else(err)?,
            parts.next().ok_or_else(err)?,
        );
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(err());
        }
        let num = |s: &str| s.parse::<u32>().map_err(|_| err());
        Date::from_ymd(num(y)? as i32, num(m)?, num(d)?).ok_or_else(err)
    }

    /// The date `days` days after 1970-01-01 (before it when negative); `None` outside the
    /// supported years.
    pub fn from_epoch_days(days: i32) -> Option<Date> {
        let (y, m, d) = civil_from_days(days);
        Date::from_ymd(y, m, d)
    }

    /// `n` days later (earlier when negative); `None` outside the supported years.
    pub fn add_days(self, n: i32) -> Option<Date> {
        Date::from_epoch_days(self.days.checked_add(n)?)
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        self.ymd().1
    }

    /// Monday = 1 … Sunday = 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.days.rem_euclid(7) + 3) % 7 + 1) as u32
    }

    /// Saturday or Sunday.
    pub fn is_weekend(self) -> bool {
        self.weekday() >= 6
    }

    /// The next day.
    pub fn succ(self) -> Date {
        Date {
            days: self.days + 1,
        }
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i32 {
        other.days - self.days
    }

    /// 星期一 … 星期日.
    pub fn weekday_name(self) -> &'static str {
        [
            "星期一",
            "星期二",
            "星期三",
            "星期四",
            "星期五",
            "星期六",
            "星期日",
        ][self.weekday() as usize - 1]
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's days-from-civil algorithm.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

impl std::error::Error for DateError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_print_and_know_their_weekday() {
        let d = Date::parse("2025-09-26").unwrap();
        assert_eq!(d.to_string(), "2025-09-26");
        assert_eq!(d.weekday_name(), "星期五");
        assert_eq!(
            Date::parse("2024-02-29").unwrap().succ().to_string(),
            "2024-03-01"
        );
        assert_eq!(
            Date::parse("2025-12-31").unwrap().succ().to_string(),
            "2026-01-01"
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-1-1",
            "20250101",
            "2025-01-01x",
            "",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }
}
