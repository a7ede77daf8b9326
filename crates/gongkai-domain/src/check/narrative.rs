//! `narrative-mismatch`: every number the text states about applications, outcomes,
//! carry-over, 复议 and 诉讼 is compared with the tables (regulations.md §3.3).

use super::sentences::{
    Sentence, claim_sentences, contains, find_all, sentences, slice_contains, worth_reading,
};
use super::{Finding, Location, Rule, Table};
use crate::report::layout::{AppRowKind, TOTAL_COLUMN};
use crate::report::{AnnualReport, Number};
use crate::text::fold_key;

/// A figure the text states, and what the tables say it should be.
struct Claim {
    what: &'static str,
    stated: i64,
    table: Option<Number>,
    /// Another figure the words may rightly mean ("收到申请75件" counting last year's carried
    /// over applications with the new ones).
    alternative: Option<Number>,
}

pub(super) fn check(r: &AnnualReport, out: &mut Vec<Finding>) {
    let mut claims = Vec::new();
    let mut fee_none = false;
    let mut fee_amounts = Vec::new();
    for text in r.narrative() {
        for range in claim_sentences(text) {
            let folded = fold_key(&text[range]);
            let Some(sentence) = sentences(&folded)
                .find(|s| worth_reading(s))
                .map(Sentence::new)
            else {
                continue;
            };
            claims.extend(application_claims(r, &sentence));
            claims.extend(appeal_claims(r, &sentence));
            claims.extend(proactive_claims(r, &sentence));
            fee_none |= states_no_fee(&sentence);
            fee_amounts.extend(fee_amount(&sentence));
        }
    }
    for claim in claims {
        let Some(table) = claim.table else { continue };
        let stated = Number::from_int(claim.stated);
        if stated != table && Some(stated) != claim.alternative {
            out.push(Finding::new(
                Rule::NarrativeMismatch,
                Location::default(),
                format!("正文称{}{}件，表格为{table}件", claim.what, claim.stated),
            ));
        }
    }
    if fee_none && fee_amounts.iter().any(|&n| n > 0) {
        out.push(Finding::new(
            Rule::NarrativeMismatch,
            Location::section(6),
            format!(
                "正文一处称未收取信息处理费，另一处称收取信息处理费{}元",
                fee_amounts[0]
            ),
        ));
    }
}

/// A number (digits, thousands commas) at `i` followed by one of `units`: (value, end).
fn count_at(s: &[char], i: usize, units: &[char]) -> Option<(i64, usize)> {
    if i > 0 && s[i - 1].is_ascii_digit() {
        return None;
    }
    let mut end = i;
    let mut value: i64 = 0;
    while end < s.len() && (s[end].is_ascii_digit() || (s[end] == ',' && end > i)) {
        if let Some(d) = s[end].to_digit(10) {
            value = value.checked_mul(10)?.checked_add(i64::from(d))?;
        }
        end += 1;
    }
    (end > i && s.get(end).is_some_and(|u| units.contains(u))).then_some((value, end + 1))
}

/// The first count within `window` characters after `from` that is not separated from it by
/// a comma or another figure.
fn count_after(s: &[char], from: usize, window: usize, units: &[char]) -> Option<i64> {
    let end = (from + window).min(s.len());
    for i in from..end {
        if let Some((v, _)) = count_at(s, i, units) {
            return Some(v);
        }
        if matches!(s[i], ',' | '，' | '(' | '（') {
            return None;
        }
    }
    None
}

/// The last count within `window` characters before `to`.
fn count_before(s: &[char], to: usize, window: usize) -> Option<i64> {
    let start = to.saturating_sub(window);
    (start..to).rev().find_map(|i| {
        count_at(s, i, &['件'])
            .filter(|(_, e)| *e <= to)
            .map(|(v, _)| v)
    })
}

const PIECES: &[char] = &['件', '个', '条'];

fn app_total(r: &AnnualReport, kind: AppRowKind) -> Option<Number> {
    let rows = r.format.application_rows();
    let i = rows.iter().position(|row| row.kind == kind)?;
    if r.doubtful(Table::Applications, i) {
        return None;
    }
    r.application_value(i, TOTAL_COLUMN).or_else(|| {
        r.applications
            .as_ref()
            .map(|g| g.row_sum(i, 0..TOTAL_COLUMN))
    })
}

fn group_total(r: &AnnualReport, groups: &[u8]) -> Option<Number> {
    r.applications.as_ref()?;
    let rows = r.format.application_rows();
    let in_doubt = rows.iter().enumerate().any(|(i, row)| {
        matches!(row.kind, AppRowKind::Outcome(g) if groups.contains(&g))
            && r.doubtful(Table::Applications, i)
    });
    if in_doubt {
        return None;
    }
    let values: Vec<Number> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| matches!(row.kind, AppRowKind::Outcome(g) if groups.contains(&g)))
        .filter_map(|(i, _)| {
            r.application_value(i, TOTAL_COLUMN).or_else(|| {
                r.applications
                    .as_ref()
                    .map(|g| g.row_sum(i, 0..TOTAL_COLUMN))
            })
        })
        .collect();
    (!values.is_empty()).then(|| values.into_iter().sum())
}

fn claim(what: &'static str, stated: Option<i64>, table: Option<Number>) -> Option<Claim> {
    Some(Claim {
        what,
        stated: stated?,
        table,
        alternative: None,
    })
}

fn application_claims(r: &AnnualReport, s: &Sentence<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    claims.extend(received(r, s));
    for key in ["答复", "办结", "办理完结", "处理完毕"] {
        for (_, end) in find_all(s, key) {
            claims.extend(claim(
                "答复（办结）申请",
                count_after(s, end, 16, PIECES),
                app_total(r, AppRowKind::Total),
            ));
        }
    }
    for key in [
        "予以公开及部分公开",
        "予以公开和部分公开",
        "公开和部分公开",
        "公开及部分公开",
    ] {
        if let Some(&(_, end)) = find_all(s, key).first() {
            claims.extend(claim(
                "予以公开及部分公开",
                count_after(s, end, 4, PIECES),
                group_total(r, &[1, 2]),
            ));
            break;
        }
    }
    let groups: [(&str, &'static str, u8); 4] = [
        ("不予公开", "不予公开", 3),
        ("无法提供", "无法提供", 4),
        ("不予处理", "不予处理", 5),
        ("其他处理", "其他处理", 6),
    ];
    for (key, what, group) in groups {
        for (_, end) in find_all(s, key) {
            claims.extend(claim(
                what,
                count_after(s, end, 3, PIECES),
                group_total(r, &[group]),
            ));
        }
    }
    for key in ["上年度结转", "上年结转"] {
        if let Some(&(_, end)) = find_all(s, key).first() {
            claims.extend(claim(
                "上年结转申请",
                count_after(s, end, 6, PIECES),
                app_total(r, AppRowKind::CarriedIn),
            ));
            break;
        }
    }
    claims.extend(carried_out(r, s));
    claims.extend(no_applications(r, s));
    claims
}

/// "共收到政府信息公开申请154件", "受理…申请859件".
fn received(r: &AnnualReport, s: &Sentence<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    for key in ["收到", "受理", "新收", "接收"] {
        for (start, end) in find_all(s, key) {
            let negated = start > 0 && matches!(s[start - 1], '未' | '无')
                || (start > 1 && s[start - 2..start] == ['没', '有']);
            let span_end = (end + 30).min(s.len());
            let span = &s[end..span_end];
            let Some(pos) = (0..span.len()).find(|&i| count_at(span, i, PIECES).is_some()) else {
                continue;
            };
            let before = &span[..pos];
            let elsewhere = ["结转", "上年", "去年", "同比", "较", "其中"]
                .iter()
                .any(|k| slice_contains(before, k));
            if negated
                || elsewhere
                || !slice_contains(&s[start.saturating_sub(4)..end + pos], "申请")
            {
                continue;
            }
            let with_carried = app_total(r, AppRowKind::New)
                .zip(app_total(r, AppRowKind::CarriedIn))
                .map(|(a, b)| a + b);
            claims.extend(
                claim(
                    "收到申请",
                    count_at(span, pos, PIECES).map(|c| c.0),
                    app_total(r, AppRowKind::New),
                )
                .map(|c| Claim {
                    alternative: with_carried,
                    ..c
                }),
            );
        }
    }
    claims
}

/// "另有72件申请…顺延到下年度", "结转至2026年6件".
fn carried_out(r: &AnnualReport, s: &Sentence<'_>) -> Vec<Claim> {
    let table = app_total(r, AppRowKind::CarriedOut);
    let mut claims = Vec::new();
    for key in ["顺延到下年", "顺延至下年", "转入下年"] {
        for (start, _) in find_all(s, key) {
            claims.extend(claim("结转下年度", count_before(s, start, 20), table));
        }
    }
    for key in ["结转至", "结转到", "结转下年", "结转下一年"] {
        for (_, end) in find_all(s, key) {
            claims.extend(claim("结转下年度", count_after(s, end, 12, PIECES), table));
        }
    }
    claims
}

/// "未收到…申请" means 一 = 0.
fn no_applications(r: &AnnualReport, s: &Sentence<'_>) -> Option<Claim> {
    let negation = ["未收到", "没有收到", "未接到", "未受理"]
        .iter()
        .find_map(|k| find_all(s, k).first().copied())?;
    if !slice_contains(&s[negation.1..], "申请") || slice_contains(&s[negation.1..], "件") {
        return None;
    }
    claim("收到申请", Some(0), app_total(r, AppRowKind::New))
}

fn appeal_claims(r: &AnnualReport, s: &Sentence<'_>) -> Vec<Claim> {
    if r.appeals.is_none() || (0..3).any(|g| r.doubtful(Table::Appeals, g)) {
        return Vec::new();
    }
    let units = &['件', '起', '宗'];
    let reconsideration = r.appeal_value(0, 4);
    let litigation = match (r.appeal_value(1, 4), r.appeal_value(2, 4)) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or_default() + b.unwrap_or_default()),
    };
    let mut claims = Vec::new();
    for (_, end) in find_all(s, "复议") {
        if s.get(end) == Some(&'后') {
            continue;
        }
        claims.extend(claim(
            "行政复议",
            count_after(s, end, 3, units),
            reconsideration,
        ));
    }
    for (_, end) in find_all(s, "诉讼") {
        claims.extend(claim("行政诉讼", count_after(s, end, 3, units), litigation));
    }
    claims.extend(appeal_results(r, s));
    let none_stated = ["未发生", "没有发生", "无"].iter().any(|k| {
        find_all(s, k)
            .iter()
            .any(|&(_, e)| s[e..].iter().take(12).collect::<String>().contains("复议"))
    });
    if none_stated && !s.iter().any(char::is_ascii_digit) {
        claims.extend(claim("行政复议", Some(0), reconsideration));
        claims.extend(claim("行政诉讼", Some(0), litigation));
    }
    claims
}

/// "行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件": the results
/// of the one kind of case the sentence counts (复议, or 诉讼 = 直接起诉 + 复议后起诉).
fn appeal_results(r: &AnnualReport, s: &Sentence<'_>) -> Vec<Claim> {
    const RESULTS: [(&str, &str, &str, usize); 4] = [
        ("维持", "行政复议结果维持", "行政诉讼结果维持", 0),
        ("纠正", "行政复议结果纠正", "行政诉讼结果纠正", 1),
        ("其他结果", "行政复议其他结果", "行政诉讼其他结果", 2),
        ("尚未审结", "行政复议尚未审结", "行政诉讼尚未审结", 3),
    ];
    let units = &['件', '起', '宗'];
    let counted = |key| stated_with_count(&find_all(s, key), s, units);
    let (reconsideration, litigation) = (counted("复议"), counted("诉讼"));
    if reconsideration == litigation {
        return Vec::new();
    }
    let value = |col: usize| match reconsideration {
        true => r.appeal_value(0, col),
        false => r
            .appeal_value(1, col)
            .zip(r.appeal_value(2, col))
            .map(|(a, b)| a + b),
    };
    RESULTS
        .iter()
        .filter_map(|(key, what_r, what_l, col)| {
            let stated = find_all(s, key)
                .into_iter()
                .find_map(|(_, end)| count_after(s, end, 3, units))?;
            claim(
                if reconsideration { what_r } else { what_l },
                Some(stated),
                value(*col),
            )
        })
        .collect()
}

/// Figures the text states about table 二 (2021 format): "现行有效规范性文件424件",
/// "制发规章2件", "废止规范性文件3件", "行政许可239项", "行政处罚3项", "行政强制5件".
fn proactive_claims(r: &AnnualReport, s: &Sentence<'_>) -> Vec<Claim> {
    const DOCS: [(&str, usize, &str); 2] = [("规范性文件", 1, "规范性文件"), ("规章", 0, "规章")];
    const QUALIFIERS: [(&str, usize, &str); 5] = [
        ("现行有效", 2, "现行有效"),
        ("制发", 0, "本年制发"),
        ("印发", 0, "本年制发"),
        ("制定", 0, "本年制发"),
        ("废止", 1, "本年废止"),
    ];
    const DECISIONS: [(&str, usize); 3] = [("行政许可", 2), ("行政处罚", 3), ("行政强制", 4)];
    let units = &['件', '项', '个', '起', '宗', '部'];
    let Some(grid) = r
        .proactive
        .as_ref()
        .filter(|_| r.format == crate::report::Format::Current2021)
    else {
        return Vec::new();
    };
    let mut claims = Vec::new();
    for (key, row, name) in DOCS {
        for (start, end) in find_all(s, key) {
            let before = &s[start.saturating_sub(8)..start];
            let qualifier = QUALIFIERS
                .iter()
                .find(|(q, _, _)| slice_contains(before, q));
            let (Some((_, col, what)), Some(stated)) = (qualifier, count_after(s, end, 2, units))
            else {
                continue;
            };
            let what: &'static str = match (*what, name) {
                ("现行有效", "规章") => "现行有效规章",
                ("本年制发", "规章") => "本年制发规章",
                ("本年废止", "规章") => "本年废止规章",
                ("现行有效", _) => "现行有效规范性文件",
                ("本年制发", _) => "本年制发规范性文件",
                _ => "本年废止规范性文件",
            };
            claims.extend(claim(what, Some(stated), grid.value(row, *col)));
        }
    }
    for (key, row) in DECISIONS {
        for (_, end) in find_all(s, key) {
            let stated = count_after(s, end, 2, units);
            claims.extend(claim(key, stated, grid.value(row, 0)));
        }
    }
    claims
}

/// Whether any of these matches (not "复议后…") is followed by a count.
fn stated_with_count(matches: &[(usize, usize)], s: &[char], units: &[char]) -> bool {
    matches
        .iter()
        .any(|&(_, end)| s.get(end) != Some(&'后') && count_after(s, end, 3, units).is_some())
}

/// "未收取信息处理费", "无收取信息处理费情况".
fn states_no_fee(s: &Sentence<'_>) -> bool {
    contains(s, "信息处理费")
        && ["未收取", "无收取", "没有收取", "不收取", "未收费", "零收费"]
            .iter()
            .any(|k| contains(s, k))
}

/// "收取…信息处理费3940元".
fn fee_amount(s: &Sentence<'_>) -> Vec<i64> {
    find_all(s, "信息处理费")
        .into_iter()
        .filter_map(|(_, end)| count_after(s, end, 10, &['元']))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::sentences::find_in;

    fn folded(s: &str) -> Vec<char> {
        fold_key(s)
    }

    #[test]
    fn counts_need_their_unit() {
        let s = folded("结转至2026年6件");
        assert_eq!(count_after(&s, 3, 12, PIECES), Some(6));
    }

    #[test]
    fn carried_out_before_the_keyword() {
        let s = folded("另有 103 件顺延到下年度答复");
        let (start, _) = find_in(&s, "顺延到下年")[0];
        assert_eq!(count_before(&s, start, 20), Some(103));
    }

    #[test]
    fn fee_statements() {
        assert!(states_no_fee(&Sentence::new(&folded(
            "2025年，无收取信息处理费情况"
        ))));
        assert_eq!(
            fee_amount(&Sentence::new(&folded(
                "全年收取政府信息公开信息处理费 3940 元"
            ))),
            [3940]
        );
    }
}
