//! Exact decimal numbers as written in report cells.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

/// Scale of [`Number`]: six decimal places, enough for 万元 amounts such as `4166.241619`.
const SCALE: i128 = 1_000_000;

/// A decimal number, exact to six decimal places. Counts are whole numbers; the fee cell of
/// table 二 is a decimal in 万元; a 2019 "本年增/减" cell may be negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Number(i128);

impl Number {
    /// Zero.
    pub const ZERO: Number = Number(0);

    /// A whole number.
    pub fn from_int(n: i64) -> Number {
        Number(i128::from(n) * SCALE)
    }

    /// Parses `123`, `-3`, `12.35`, `3,119` and `+5`. Returns `None` for anything else,
    /// including more than six decimal places or values beyond ±10^18.
    #[inline]
    pub fn parse(text: &str) -> Option<Number> {
        let text = text.trim();
        if !text.is_ascii() {
            return Number::parse_full_width(text);
        }
        if !text.is_empty() && text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Number::from_digits(text.as_bytes()));
        }
        let (negative, digits) = split_sign(text);
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let whole = strip_thousands(whole)?;
        if whole.is_empty() || whole.len() > 18 || frac.len() > 6 {
            return None;
        }
        if !frac.bytes().all(|b| b.is_ascii_digit()) || (digits.contains('.') && frac.is_empty()) {
            return None;
        }
        let whole: i128 = whole.parse().ok()?;
        let frac_value: i128 = if frac.is_empty() {
            0
        } else {
            frac.parse().ok()?
        };
        let frac_scaled = frac_value * 10i128.pow(6 - frac.len() as u32);
        let magnitude = whole * SCALE + frac_scaled;
        Some(Number(if negative { -magnitude } else { magnitude }))
    }

    /// Reads full-width digits and signs ("１２．５") as their ASCII forms.
    fn parse_full_width(text: &str) -> Option<Number> {
        let ascii: String = text
            .chars()
            .map(|c| match c {
                '０'..='９' | '．' | '，' | '－' | '＋' => {
                    char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
                }
                _ => c,
            })
            .collect();
        if ascii.is_ascii() {
            Number::parse(&ascii)
        } else {
            None
        }
    }

    /// A whole number from ASCII digits (at most 18; the caller checks).
    #[inline]
    pub fn from_digits(digits: &[u8]) -> Number {
        let value = digits
            .iter()
            .fold(0i128, |v, d| v * 10 + i128::from(d - b'0'));
        Number(value * SCALE)
    }

    /// True for whole numbers.
    pub fn is_integer(self) -> bool {
        self.0 % SCALE == 0
    }

    /// True below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The whole number, if this is one.
    pub fn to_int(self) -> Option<i64> {
        if self.is_integer() {
            i64::try_from(self.0 / SCALE).ok()
        } else {
            None
        }
    }
}

fn split_sign(text: &str) -> (bool, &str) {
    if let Some(rest) = text.strip_prefix('-') {
        (true, rest)
    } else {
        (false, text.strip_prefix('+').unwrap_or(text))
    }
}

/// Removes thousands separators, accepting them only in groups of three (`3,119`).
fn strip_thousands(whole: &str) -> Option<String> {
    if !whole.contains(',') {
        return whole
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| whole.to_string());
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let head_ok = (1..=3).contains(&groups[0].len());
    let tail_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    (head_ok && tail_ok && digits_ok).then(|| groups.concat())
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        let whole = magnitude / SCALE as u128;
        let frac = magnitude % SCALE as u128;
        if frac == 0 {
            return write!(f, "{sign}{whole}");
        }
        let frac = format!("{frac:06}");
        write!(f, "{sign}{whole}.{}", frac.trim_end_matches('0'))
    }
}

impl Add for Number {
    type Output = Number;
    fn add(self, rhs: Number) -> Number {
        Number(self.0.saturating_add(rhs.0))
    }
}

impl Sub for Number {
    type Output = Number;
    fn sub(self, rhs: Number) -> Number {
        Number(self.0.saturating_sub(rhs.0))
    }
}

impl Sum for Number {
    fn sum<I: Iterator<Item = Number>>(iter: I) -> Number {
        iter.fold(Number::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::Number;

    #[test]
    fn parses_what_reports_write() {
        let cases = [
            ("0", "0"),
            ("3119", "3119"),
            ("3,119", "3119"),
            ("96171.6", "96171.6"),
            ("4166.241619", "4166.241619"),
            ("-3", "-3"),
            ("+5", "5"),
            ("12.50", "12.5"),
        ];
        for (input, shown) in cases {
            assert_eq!(
                Number::parse(input).map(|n| n.to_string()),
                Some(shown.into()),
                "{input}"
            );
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for input in [
            "",
            "-",
            "/",
            "1.",
            ".5",
            "1,23",
            "1.2345678",
            "12a",
            "不适用",
            "1 2",
        ] {
            assert_eq!(Number::parse(input), None, "{input}");
        }
    }
}
