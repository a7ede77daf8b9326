//! Shape, dating and scope rules (regulations.md §3.4, §3.3 items 14–15).

use super::{Finding, Location, Rule, Table};
use crate::report::layout::{APPLICANT_COLUMNS, numeral};
use crate::report::{AnnualReport, Format, SectionKind};
use crate::text::first_year;

pub(super) fn check(r: &AnnualReport, out: &mut Vec<Finding>) {
    sections(r, out);
    tables(r, out);
    obsolete(r, out);
    years(r, out);
    scope(r, out);
}

/// `format-missing-section`, `format-section-order`.
fn sections(r: &AnnualReport, out: &mut Vec<Finding>) {
    for kind in SectionKind::ALL {
        if r.section(kind).is_none() {
            out.push(Finding::new(
                Rule::FormatMissingSection,
                Location::section(kind.number()),
                format!("缺少第{}部分「{}」", numeral(kind.number()), kind.title()),
            ));
        }
    }
    let in_order = r.sections.windows(2).all(|w| w[0].kind < w[1].kind);
    if !in_order {
        let order: Vec<String> = r
            .sections
            .iter()
            .map(|s| s.kind.title().to_string())
            .collect();
        out.push(Finding::new(
            Rule::FormatSectionOrder,
            Location::default(),
            format!("六个部分的顺序不对：{}", order.join(" → ")),
        ));
    }
    for s in r.sections.iter().filter(|s| s.numeral != s.kind.number()) {
        out.push(Finding::new(
            Rule::FormatSectionOrder,
            Location::section(s.kind.number()),
            format!(
                "「{}」编号为「{}」，规定格式为「{}」",
                s.kind.title(),
                numeral(s.numeral),
                numeral(s.kind.number())
            ),
        ));
    }
}

/// `format-missing-table`, `format-missing-row`, `format-missing-column`.
fn tables(r: &AnnualReport, out: &mut Vec<Finding>) {
    let tables = [
        (Table::Proactive, &r.proactive, "主动公开政府信息情况"),
        (
            Table::Applications,
            &r.applications,
            "收到和处理政府信息公开申请情况",
        ),
        (Table::Appeals, &r.appeals, "行政复议、行政诉讼情况"),
    ];
    for (table, grid, name) in tables {
        if grid.is_none() {
            out.push(Finding::new(
                Rule::FormatMissingTable,
                Location::table(table),
                format!("找不到表{}（{name}）", table.code()),
            ));
        }
    }
    if let Some(grid) = &r.proactive {
        for (i, row) in r
            .format
            .proactive_rows()
            .iter()
            .enumerate()
            .filter(|(i, _)| !grid.has_row(*i))
        {
            let _ = i;
            out.push(missing_row(
                Table::Proactive,
                row.key,
                &format!("{} {}", row.caption, row.label),
            ));
        }
    }
    if let Some(grid) = &r.applications {
        for (i, row) in r.format.application_rows().iter().enumerate() {
            if !grid.has_row(i) {
                let label = row
                    .group
                    .map_or(row.label.to_string(), |g| format!("{g} {}", row.label));
                out.push(missing_row(Table::Applications, row.key, &label));
            }
        }
        for (c, column) in APPLICANT_COLUMNS
            .iter()
            .enumerate()
            .filter(|(c, _)| !grid.has_col(*c))
        {
            out.push(Finding::new(
                Rule::FormatMissingColumn,
                Location::table(Table::Applications).column(column.key),
                format!(
                    "表三缺少「{}」列{}",
                    column.label,
                    if c == 6 {
                        "，无法核对各行合计"
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
}

fn missing_row(table: Table, key: &str, label: &str) -> Finding {
    Finding::new(
        Rule::FormatMissingRow,
        Location::table(table).row(key),
        format!("表{}缺少「{label}」行", table.code()),
    )
}

/// `format-obsolete`: the trial format after 2020, or the superseded 国务院令第492号 cited.
fn obsolete(r: &AnnualReport, out: &mut Vec<Finding>) {
    if r.format == Format::Trial2019 && r.year.is_some_and(|y| y >= 2021) {
        out.push(Finding::new(
            Rule::FormatObsolete,
            Location::default(),
            "2021年及以后的年度报告应使用国办公开办函〔2021〕30号格式，本报告使用的是2019年试行格式",
        ));
    }
    let cites_492 = r
        .narrative()
        .any(|t| t.contains("492号") || t.contains("第四百九十二号"));
    if cites_492 {
        out.push(Finding::new(
            Rule::FormatObsolete,
            Location::default(),
            "引用了已被国务院令第711号修订的国务院令第492号（2007年条例）",
        ));
    }
}

/// `year-mismatch`: title year, data period and publication date must agree; dates well-formed.
fn years(r: &AnnualReport, out: &mut Vec<Finding>) {
    let text: String = r.narrative().collect::<Vec<_>>().join("\n");
    for bad in malformed_dates(&text) {
        out.push(Finding::new(
            Rule::YearMismatch,
            Location::default(),
            format!("日期写法有误：「{bad}」"),
        ));
    }
    let title_year = r.title.as_deref().and_then(first_year);
    if let (Some(t), Some(y)) = (title_year, r.year)
        && t != y
    {
        out.push(Finding::new(
            Rule::YearMismatch,
            Location::default(),
            format!("标题年份{t}与报告年度{y}不一致"),
        ));
    }
    if let (Some(p), Some(y)) = (period_year(&text), r.year)
        && p != y
    {
        out.push(Finding::new(
            Rule::YearMismatch,
            Location::default(),
            format!("统计期限为{p}年，与报告年度{y}不一致"),
        ));
    }
}

/// "20251月1日": a four-digit year run into the month without 年.
fn malformed_dates(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for (at, _) in text.match_indices('月') {
        let digits = bytes[..at]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if (5..=6).contains(&digits) {
            let rest = &text[at..];
            let end = rest
                .char_indices()
                .take(4)
                .find(|(_, c)| *c == '日')
                .map_or(3, |(k, c)| k + c.len_utf8());
            found.push(text[at - digits..at + end].to_string());
        }
    }
    found
}

/// The year of the data period: "统计期限…2025年1月1日".
fn period_year(text: &str) -> Option<i32> {
    let start = text.find("统计期限").or_else(|| text.find("统计时限"))?;
    let window: String = text[start..].chars().take(30).collect();
    first_year(&window)
}

/// `scope-mismatch`: 乡镇 and county-level agencies cannot make 规章 (立法法第九十三条).
fn scope(r: &AnnualReport, out: &mut Vec<Finding>) {
    let Some(grid) = &r.proactive else {
        return;
    };
    let agency = match r.agency.as_deref() {
        Some(agency) if is_county_level_or_below(agency) => agency.to_string(),
        Some(_) => return,
        None => match speaks_as_town(r) {
            Some(town) => format!("报告机关（正文自称“{town}”）"),
            None => return,
        },
    };
    let issued: Vec<_> = (0..3)
        .filter_map(|c| grid.value(0, c))
        .filter(|n| *n > crate::report::Number::ZERO)
        .collect();
    if !issued.is_empty() {
        out.push(Finding::new(
            Rule::ScopeMismatch,
            Location::table(Table::Proactive).row("regulations"),
            format!("{agency}为县级或乡镇机关，无权制定规章，但表二「规章」栏填有数字"),
        ));
    }
}

/// A report without its agency's name that speaks of itself as a town ("我镇", "本乡").
fn speaks_as_town(r: &AnnualReport) -> Option<&'static str> {
    const SELF: [&str; 8] = [
        "我镇",
        "本镇",
        "我乡",
        "本乡",
        "我街道",
        "本街道",
        "我县",
        "本县",
    ];
    SELF.into_iter()
        .find(|word| r.narrative().any(|text| text.contains(word)))
}

fn is_county_level_or_below(agency: &str) -> bool {
    let core = agency
        .trim_end_matches("人民政府")
        .trim_end_matches("办事处");
    ["镇", "乡", "街道", "苏木"]
        .iter()
        .any(|s| core.ends_with(s))
        || agency.contains('县')
        || agency.contains('旗')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changchun_malformed_dates_are_found() {
        let found = malformed_dates("统计期限自20251月1日至202512月31日截止。");
        assert_eq!(found, ["20251月1日", "202512月31日"]);
    }

    #[test]
    fn years_are_read_with_spaces() {
        assert_eq!(
            first_year("新乡县七里营镇 2025 年政府信息公开工作年度报告"),
            Some(2025)
        );
        assert_eq!(first_year("电话 0436—3225852"), None);
    }

    #[test]
    fn towns_and_counties_make_no_regulations() {
        assert!(is_county_level_or_below("新乡县七里营镇人民政府"));
        assert!(is_county_level_or_below("某县农业农村局"));
        assert!(!is_county_level_or_below("淮安市人民政府"));
    }
}
