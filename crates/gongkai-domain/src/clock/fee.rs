//! 信息处理费 (国办函〔2020〕109号《政府信息公开信息处理费管理办法》): charged per application or per
//! page, progressively, never both for one application (第三条).

/// One band of a progressive fee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    /// First unit in the band (1-based).
    pub from: u64,
    /// Last unit of the band that the count reaches.
    pub to: u64,
    /// Price per unit in yuan.
    pub unit_price: u64,
    /// Units charged in this band.
    pub count: u64,
    /// count × unit_price.
    pub subtotal: u64,
}

/// A fee with its breakdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fee {
    /// Total in yuan.
    pub total: u64,
    /// The bands the count reaches, free ones included.
    pub bands: Vec<Band>,
    /// 件 or 页.
    pub unit: &'static str,
}

impl Fee {
    /// The breakdown in Chinese, one band a line.
    pub fn explain(&self) -> Vec<String> {
        self.bands
            .iter()
            .map(|b| {
                let range = if b.from == b.to {
                    format!("第{}{}", b.from, self.unit)
                } else {
                    format!("第{}–{}{}", b.from, b.to, self.unit)
                };
                match b.unit_price {
                    0 => format!("{range}：免费"),
                    p => format!(
                        "{range}：{}{} × {p}元 = {}元",
                        b.count, self.unit, b.subtotal
                    ),
                }
            })
            .collect()
    }
}

/// What the clerk counted for a fee: pages of one application (按量计收, `120` or `120页`) or
/// the applicant's applications this natural month (按件计收, `15件`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeeCount {
    /// 按件 rather than 按量.
    pub per_application: bool,
    /// How many.
    pub n: u64,
}

impl FeeCount {
    /// Reads `120`, `120页` or `15件` (full-width digits and spaces allowed).
    pub fn parse(text: &str) -> Option<FeeCount> {
        let t: String = text.chars().filter_map(crate::text::fold).collect();
        let (digits, per_application) = match t.strip_suffix('件') {
            Some(d) => (d, true),
            None => (t.strip_suffix('页').unwrap_or(&t), false),
        };
        let n = digits.trim().parse().ok().filter(|n| *n > 0)?;
        Some(FeeCount { per_application, n })
    }

    /// The fee.
    pub fn fee(self) -> Fee {
        if self.per_application {
            fee_for_items(self.n)
        } else {
            fee_for_pages(self.n)
        }
    }

    /// The stored basis: `items` or `pages`.
    pub fn basis(self) -> &'static str {
        if self.per_application {
            "items"
        } else {
            "pages"
        }
    }
}

/// The fee for `n` applications by the same applicant in one natural month (第四条):
/// 1–10 free; 11–30 100元 each; from the 31st, every further band of 10 costs 100元 more.
pub fn fee_for_items(n: u64) -> Fee {
    let mut bands = vec![(1, 10, 0), (11, 30, 100)];
    let mut from = 31;
    while from <= n {
        let price = 100 * (1 + (from - 21) / 10);
        bands.push((from, from + 9, price));
        from += 10;
    }
    fee(n, &bands, "件")
}

/// The fee for `n` pages of one application (第五条): 1–30 free, 31–100 10元, 101–200 20元,
/// 201 and up 40元 per page.
pub fn fee_for_pages(n: u64) -> Fee {
    fee(
        n,
        &[
            (1, 30, 0),
            (31, 100, 10),
            (101, 200, 20),
            (201, u64::MAX, 40),
        ],
        "页",
    )
}

fn fee(n: u64, bands: &[(u64, u64, u64)], unit: &'static str) -> Fee {
    let bands: Vec<Band> = bands
        .iter()
        .filter(|(from, _, _)| *from <= n)
        .map(|&(from, to, unit_price)| {
            let to = to.min(n);
            let count = to - from + 1;
            Band {
                from,
                to,
                unit_price,
                count,
                subtotal: count.saturating_mul(unit_price),
            }
        })
        .collect();
    let total = bands
        .iter()
        .map(|b| b.subtotal)
        .fold(0u64, u64::saturating_add);
    Fee { total, bands, unit }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clerks_count_says_pages_or_applications() {
        let pages = FeeCount::parse(" 120页").unwrap();
        assert_eq!(
            (pages.per_application, pages.n, pages.basis()),
            (false, 120, "pages")
        );
        assert_eq!(pages.fee().total, 70 * 10 + 20 * 20);
        let items = FeeCount::parse("１５ 件").unwrap();
        assert_eq!((items.per_application, items.n), (true, 15));
        assert_eq!(items.fee().total, 500);
        assert_eq!(FeeCount::parse("很多"), None);
        assert_eq!(FeeCount::parse("0"), None);
    }
}
