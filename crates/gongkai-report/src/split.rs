//! Splitting digits that were run together (`801000081` is 80 | 1 | 0 | 0 | 0 | 0 | 81) using
//! the table's own arithmetic. Every split that fits is returned; the caller decides, and says
//! so, when more than one fits.

use gongkai_domain::report::Number;

/// Longest plausible count in a cell.
const MAX_PART: usize = 12;
/// Work limit for one row, so that hostile input cannot stall the parser.
const MAX_STEPS: usize = 200_000;

/// Ways to cut `tokens` (digit strings, already separated where the text separated them) into
/// exactly `n` numbers without leading zeros, for which `fits` holds. At most `limit` results.
pub fn splits(
    tokens: &[String],
    n: usize,
    fits: &dyn Fn(&[Number]) -> bool,
    limit: usize,
) -> Vec<Vec<Number>> {
    let mut search = Search {
        tokens,
        n,
        fits,
        limit,
        steps: 0,
        parts: Vec::new(),
        found: Vec::new(),
    };
    search.token(0);
    search.found
}

struct Search<'a> {
    tokens: &'a [String],
    n: usize,
    fits: &'a dyn Fn(&[Number]) -> bool,
    limit: usize,
    steps: usize,
    parts: Vec<Number>,
    found: Vec<Vec<Number>>,
}

impl Search<'_> {
    fn token(&mut self, t: usize) {
        if self.found.len() >= self.limit || self.steps > MAX_STEPS {
            return;
        }
        self.steps += 1;
        if t == self.tokens.len() {
            if self.parts.len() == self.n && (self.fits)(&self.parts) {
                self.found.push(self.parts.clone());
            }
            return;
        }
        let token = self.tokens[t].as_str();
        if token.contains('.') || !token.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(value) = Number::parse(token) {
                self.with_part(value, |s| s.token(t + 1));
            }
            return;
        }
        self.cut(t, token);
    }

    /// Cuts the rest of token `t` (`digits`) into one or more parts.
    fn cut(&mut self, t: usize, digits: &str) {
        // Every cut counts against the work limit (a fuzzer found that a long run of digits
        // was cut without counting: 1.7 KB of input kept the parser busy for minutes).
        if self.found.len() >= self.limit || self.steps > MAX_STEPS {
            return;
        }
        self.steps += 1;
        if digits.is_empty() {
            self.token(t + 1);
            return;
        }
        let later_digits: usize = self.tokens[t + 1..].iter().map(String::len).sum();
        let parts_left = self.n.saturating_sub(self.parts.len());
        let digits_left = digits.len() + later_digits;
        if parts_left == 0 || digits_left < parts_left || digits_left > parts_left * MAX_PART {
            return;
        }
        let max = if digits.starts_with('0') {
            1
        } else {
            digits.len().min(MAX_PART)
        };
        for len in 1..=max {
            let value = Number::from_digits(&digits.as_bytes()[..len]);
            self.with_part(value, |s| s.cut(t, &digits[len..]));
            if self.found.len() >= self.limit {
                return;
            }
        }
    }

    fn with_part(&mut self, value: Number, next: impl FnOnce(&mut Self)) {
        self.parts.push(value);
        next(self);
        self.parts.pop();
    }
}

/// A row whose last number is the sum of the others (总计 = Σ columns).
pub fn total_is_sum(values: &[Number]) -> bool {
    match values.split_last() {
        Some((total, parts)) => parts.iter().copied().sum::<Number>() == *total,
        None => false,
    }
}

/// Table 四: three groups of five, each 总计 = the four before it.
pub fn appeal_groups_sum(values: &[Number]) -> bool {
    values.len() == 15 && values.chunks(5).all(total_is_sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(rows: &[Vec<Number>]) -> Vec<Vec<i64>> {
        rows.iter()
            .map(|r| r.iter().map(|n| n.to_int().unwrap()).collect())
            .collect()
    }

    fn one(s: &str) -> Vec<String> {
        vec![s.to_string()]
    }

    #[test]
    fn readme_example_splits_one_way() {
        let found = splits(&one("801000081"), 7, &total_is_sum, 10);
        assert_eq!(ints(&found), [[80, 1, 0, 0, 0, 0, 81]]);
    }

    #[test]
    fn pingtan_rows_split_by_their_totals() {
        assert_eq!(
            ints(&splits(&one("15130000154"), 7, &total_is_sum, 10)),
            [[151, 3, 0, 0, 0, 0, 154]]
        );
        assert_eq!(
            ints(&splits(&one("491000050"), 7, &total_is_sum, 10)),
            [[49, 1, 0, 0, 0, 0, 50]]
        );
        let appeals = splits(&one("25380363300630003"), 15, &appeal_groups_sum, 10);
        assert_eq!(
            ints(&appeals),
            [[25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]]
        );
    }

    #[test]
    fn without_arithmetic_several_splits_fit() {
        assert!(splits(&one("5845546"), 3, &|_| true, 10).len() > 1);
        assert_eq!(ints(&splits(&one("000"), 3, &|_| true, 10)), [[0, 0, 0]]);
    }

    #[test]
    fn separated_tokens_are_respected() {
        let tokens = vec!["1".to_string(), "0".to_string(), "11".to_string()];
        assert_eq!(ints(&splits(&tokens, 3, &|_| true, 10)), [[1, 0, 11]]);
    }
}
