//! The report's skeleton: the six section headings (also inside run-together text), the title,
//! agency, year and format.

use crate::lines::Line;
use gongkai_domain::report::layout::NUMERALS;
use gongkai_domain::report::{Format, SectionKind};
use gongkai_domain::text::{Folded, fold_key, is_han};

/// A section heading found in the input.
#[derive(Clone, Debug)]
pub struct Heading {
    /// Which section.
    pub kind: SectionKind,
    /// The printed numeral (1 = 一).
    pub numeral: u8,
    /// The printed title without the numeral.
    pub title: String,
    /// Index of the heading's own line in the split lines.
    pub line: usize,
}

/// Splits lines so that every section heading stands on a line of its own, and returns the
/// headings (first occurrence of each kind, in document order).
pub fn split_headings(lines: Vec<Line<'_>>) -> (Vec<Line<'_>>, Vec<Heading>) {
    let mut out = Vec::with_capacity(lines.len() + 8);
    let mut headings: Vec<Heading> = Vec::new();
    for line in lines {
        if !may_hold_heading(line.raw) {
            out.push(line);
            continue;
        }
        let mut rest = line.raw;
        let mut split = false;
        while let Some(found) = find_heading(rest) {
            split = true;
            let (before, heading, after) = (
                &rest[..found.start],
                &rest[found.start..found.end],
                &rest[found.end..],
            );
            let markup_only = before
                .trim()
                .chars()
                .all(|c| matches!(c, '#' | '*' | '>' | ' '));
            if !markup_only {
                out.push(Line::new(line.no, before));
            }
            if headings.iter().all(|h| h.kind != found.kind) {
                let title = heading.trim_start().chars().skip(2).collect::<String>();
                headings.push(Heading {
                    kind: found.kind,
                    numeral: found.numeral,
                    title: title.trim().to_string(),
                    line: out.len(),
                });
            }
            out.push(Line::new(line.no, heading.trim()));
            rest = after;
        }
        if !split {
            out.push(line);
        } else if !rest.trim().is_empty() {
            out.push(Line::new(line.no, rest));
        }
    }
    (out, headings)
}

/// Cheap pre-check: could the line hold a section heading? In ordinary lines a heading starts
/// the line or follows a full stop; only long lines (text whose line breaks were lost) are
/// scanned byte by byte.
fn may_hold_heading(text: &str) -> bool {
    if text.len() > LONG_LINE {
        let b = text.as_bytes();
        return (0..b.len().saturating_sub(3)).any(|i| numeral_heading_at(&b[i..]));
    }
    let start = text.trim_start_matches([' ', '\u{3000}', '\t', '#', '*', '>']);
    numeral_heading_at(start.as_bytes())
        || text
            .match_indices('。')
            .any(|(at, _)| numeral_heading_at(text[at + '。'.len_utf8()..].trim_start().as_bytes()))
}

/// Lines longer than this (in bytes) are run-together text, searched everywhere for headings.
const LONG_LINE: usize = 600;

/// A numeral 一…六 and a separator at the start of `b`.
fn numeral_heading_at(b: &[u8]) -> bool {
    let numeral = matches!(
        b,
        [0xE4, 0xB8, 0x80 | 0x89, ..]
            | [0xE4, 0xBA, 0x8C | 0x94, ..]
            | [0xE5, 0x9B, 0x9B, ..]
            | [0xE5, 0x85, 0xAD, ..]
    );
    numeral && is_separator(&b[3..])
}

/// 、 ． . space or ideographic space at the start of `b`.
fn is_separator(b: &[u8]) -> bool {
    matches!(
        b,
        [b'.' | b' ', ..] | [0xE3, 0x80, 0x81 | 0x80, ..] | [0xEF, 0xBC, 0x8E, ..]
    )
}

struct Found {
    kind: SectionKind,
    numeral: u8,
    start: usize,
    end: usize,
}

/// The first section heading in `text`: byte range of "三、收到和处理政府信息公开申请情况".
fn find_heading(text: &str) -> Option<Found> {
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        if let Some(numeral) = NUMERALS[..6].iter().position(|n| *n == c)
            && let Some(found) = heading_at(text, at, prev, numeral as u8 + 1)
        {
            return Some(found);
        }
        prev = Some(c);
    }
    None
}

/// A heading whose numeral (1 = 一) stands at byte `at`, after the character `prev`.
fn heading_at(text: &str, at: usize, prev: Option<char>, numeral: u8) -> Option<Found> {
    let prev_ok = prev.is_none_or(|c| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "#*>。；;：:”\"）)】".contains(c)
    });
    let mut after = text[at..].char_indices().skip(1);
    let (_, sep) = after.next()?;
    if !matches!(sep, '、' | '.' | '．' | ' ' | '\u{3000}') {
        return None;
    }
    let title_start = at + after.next()?.0;
    let window_end = text[title_start..]
        .char_indices()
        .nth(40)
        .map_or(text.len(), |(k, _)| title_start + k);
    let (kind, end_in_window) = match_title(&text[title_start..window_end])?;
    // Run-together text glues a heading to the last word of a table ("…元三、收到和处理…"):
    // after any other character, only the official title word for word is a heading.
    if !prev_ok && !official_title_at(&text[title_start..window_end], kind) {
        return None;
    }
    let end = title_start + end_in_window;
    let next = text[end..].chars().next();
    if next.is_some_and(|c| matches!(c, '、' | '，' | ',' | '；' | ';')) {
        return None;
    }
    Some(Found {
        kind,
        numeral,
        start: at,
        end,
    })
}

fn official_title_at(window: &str, kind: SectionKind) -> bool {
    fold_key(window).starts_with(&fold_key(kind.title()))
}

/// Every section's heading keys, folded once.
fn heading_keys() -> &'static [(SectionKind, Vec<Vec<char>>)] {
    static KEYS: std::sync::OnceLock<Vec<(SectionKind, Vec<Vec<char>>)>> =
        std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        SectionKind::ALL
            .iter()
            .map(|k| {
                (
                    *k,
                    k.heading_keys().iter().map(|key| fold_key(key)).collect(),
                )
            })
            .collect()
    })
}

/// Which section a title names, and the byte length of the title within `window`.
fn match_title(window: &str) -> Option<(SectionKind, usize)> {
    let folded = Folded::new(window);
    let mut best: Option<(usize, SectionKind)> = None;
    for (kind, keys) in heading_keys() {
        let positions: Option<Vec<usize>> = keys
            .iter()
            .map(|k| folded.find(k, 0).map(|r| r.0))
            .collect();
        let Some(positions) = positions else { continue };
        let first = positions.iter().copied().min().unwrap_or(0);
        if first <= 16 && best.is_none_or(|b| first < b.0) {
            best = Some((first, *kind));
        }
    }
    let (first, kind) = best?;
    let ends = [['情', '况'], ['事', '项'], ['措', '施']]
        .into_iter()
        .filter_map(|e| folded.find(&e, first))
        .map(|r| r.1);
    let title_end = ends.min().map(|e| folded.offset(e));
    match title_end {
        Some(end) => Some((kind, end)),
        None if window.chars().count() < 30 => Some((kind, window.len())),
        None => None,
    }
}

/// The format the tables follow, from the labels they print; the year decides a tie.
pub fn detect_format(text: &str, year: Option<i32>) -> Format {
    let count = |keys: &[&str]| keys.iter().filter(|k| text.contains(*k)).count();
    let trial = count(TRIAL_MARKERS);
    let current = count(CURRENT_MARKERS);
    match trial.cmp(&current) {
        std::cmp::Ordering::Greater => Format::Trial2019,
        std::cmp::Ordering::Less => Format::Current2021,
        std::cmp::Ordering::Equal if year.is_some_and(|y| y <= 2020) => Format::Trial2019,
        std::cmp::Ordering::Equal => Format::Current2021,
    }
}

/// Labels only the 2019 trial format prints.
const TRIAL_MARKERS: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "其他对外管理服务事项",
    "政府集中采购",
    "采购总金额",
];
/// Labels only the 2021 format prints.
const CURRENT_MARKERS: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
    "逾期不补正",
    "收费通知要求缴纳",
];

/// Metadata lines of saved pages ("标题: …", "发布机构: …").
const META_KEYS: &[&str] = &[
    "标题",
    "发布时间",
    "发布日期",
    "文号",
    "发布机构",
    "栏目",
    "原文链接",
    "本地目录",
    "来源",
    "点击数",
    "索引号",
];

/// The value of a metadata line `key: value`, if `line` is one.
pub fn meta_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.trim().strip_prefix(key)?;
    let rest = rest.trim_start().strip_prefix([':', '：'])?;
    Some(rest.trim())
}

/// True for a metadata or navigation line that belongs to no section.
pub fn is_meta(line: &str) -> bool {
    META_KEYS.iter().any(|k| meta_value(line, k).is_some()) || line.trim().starts_with("=====")
}

/// Title, agency and year read from the lines before section 一.
#[derive(Debug, Default)]
pub struct Header {
    /// The title as printed.
    pub title: Option<String>,
    /// Index of the title's (last) line.
    pub title_lines: Vec<usize>,
    /// The agency.
    pub agency: Option<String>,
}

/// Finds the title among the first lines (before section 一).
pub fn read_header(lines: &[Line<'_>], before: usize) -> Header {
    let mut header = Header::default();
    let title_at = (0..before).find(|&i| is_title(lines[i].raw));
    // A title the page wrapped mid-word: "…年度报" / "告".
    let split_title = title_at.is_none().then(|| {
        (1..before).find(|&i| {
            let joined = format!("{}{}", lines[i - 1].raw.trim(), lines[i].raw.trim());
            // The wrapped rest of a title is short; two wrapped lines of a sentence are not.
            let short = lines[i].raw.trim().chars().count() <= 16;
            short && !lines[i - 1].raw.contains("年度报告") && is_title(&joined)
        })
    });
    if let Some(i) = split_title.flatten() {
        let title = format!("{}{}", lines[i - 1].raw.trim(), lines[i].raw.trim());
        header.title_lines.extend([i - 1, i]);
        header.agency = agency_from_title(&title);
        header.title = Some(title);
    }
    if let Some(i) = title_at {
        let raw = lines[i].raw.trim().trim_start_matches('#').trim();
        let mut title = meta_value(raw, "标题").unwrap_or(raw).to_string();
        header.title_lines.push(i);
        let starts_with_year = title.chars().take(4).all(|c| c.is_ascii_digit());
        // A title wrapped over two lines: "…2022年政府信息公开工作" / "年度报告".
        let wrapped = |prev: &str| {
            gongkai_domain::text::first_year(&title).is_none()
                && gongkai_domain::text::first_year(prev).is_some()
                && prev.trim().chars().count() < 60
                && !prev.contains(['。', '，', ','])
        };
        if i > 0
            && (starts_with_year && is_name_line(lines[i - 1].raw) || wrapped(lines[i - 1].raw))
        {
            title = format!("{}{}", lines[i - 1].raw.trim(), title);
            header.title_lines.insert(0, i - 1);
        }
        header.agency = agency_from_title(&title);
        header.title = Some(title);
    }
    let published_by = lines[..before]
        .iter()
        .find_map(|l| meta_value(l.raw, "发布机构"));
    if let Some(agency) = published_by.filter(|a| !a.is_empty()) {
        header.agency = Some(agency.to_string());
    }
    if header.agency.is_none() {
        header.agency = lines[..before]
            .iter()
            .find_map(|l| agency_from_sentence(l.raw));
    }
    header
}

/// The title ends with 年度报告 (a wrapped sentence that mentions it goes on).
fn is_title(t: &str) -> bool {
    let ends_near = t
        .rfind("年度报告")
        .is_some_and(|at| t[at..].trim_end().chars().count() <= 10);
    ends_near && t.chars().count() < 80 && !t.contains(['。', '《', '〈', '，', ','])
}

fn is_name_line(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().count() < 30
        && t.chars().all(|c| is_han(c) || c == '（' || c == '）')
}

/// "新乡县七里营镇 2025 年政府信息公开工作年度报告" → 新乡县七里营镇;
/// "2019年上海市人民政府办公厅政府信息公开工作年度报告" → 上海市人民政府办公厅.
pub fn agency_from_title(title: &str) -> Option<String> {
    let chars: Vec<char> = title.chars().collect();
    let year_at = (0..chars.len().saturating_sub(3))
        .find(|&i| chars[i..i + 4].iter().all(char::is_ascii_digit))?;
    let before: String = chars[..year_at]
        .iter()
        .collect::<String>()
        .trim()
        .to_string();
    if !before.is_empty() {
        return Some(before);
    }
    let after: String = chars[year_at + 4..].iter().collect();
    let after = after
        .trim_start()
        .trim_start_matches("年度")
        .trim_start_matches('年');
    let end = after
        .find("政府信息公开")
        .or_else(|| after.find("信息公开"))?;
    let name = after[..end].trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// "现公布白城市农业农村局2024年政府信息公开工作年度报告" → 白城市农业农村局.
fn agency_from_sentence(text: &str) -> Option<String> {
    let end = text
        .find("年政府信息公开工作年度报告")
        .or_else(|| text.find("年度政府信息公开工作年度报告"))?;
    let head = &text[..end];
    let head = head.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    let start = ["公布", "发布", "编制"]
        .iter()
        .filter_map(|k| head.rfind(k).map(|i| i + k.len()))
        .max()
        .unwrap_or(0);
    let name = head[start..].trim_matches(|c: char| c.is_whitespace() || c == '《' || c == '“');
    (!name.is_empty() && name.chars().count() <= 30).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(text: &str) -> Vec<(SectionKind, u8, String)> {
        let lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| Line::new(i + 1, l))
            .collect();
        split_headings(lines)
            .1
            .into_iter()
            .map(|h| (h.kind, h.numeral, h.title))
            .collect()
    }

    #[test]
    fn headings_inside_run_together_text_are_found() {
        let found = headings(
            "数据统计期限为2025年。一、总体情况 2025年…。二、主动公开政府信息情况第二十条4166.2三、收到和处理政府信息公开申请情况（本列",
        );
        let kinds: Vec<_> = found.iter().map(|f| f.0).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Overview,
                SectionKind::Proactive,
                SectionKind::Applications
            ]
        );
        assert_eq!(found[2].2, "收到和处理政府信息公开申请情况");
    }

    #[test]
    fn table_rows_and_lists_are_not_headings() {
        assert!(headings("四、结转下年度继续办理\t0\n（一）主动公开情况\n内容：一、总体情况，二、主动公开政府信息情况，").is_empty());
    }

    #[test]
    fn title_variants_are_recognised() {
        let found = headings(
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n五、政府信息公开工作存在的主要问题及改进情况",
        );
        assert_eq!(found[0].0, SectionKind::Appeals);
        assert_eq!(found[1].0, SectionKind::Problems);
    }

    #[test]
    fn agencies_from_titles_and_sentences() {
        assert_eq!(
            agency_from_title("新乡县七里营镇 2025 年政府信息公开工作年度报告").as_deref(),
            Some("新乡县七里营镇")
        );
        assert_eq!(
            agency_from_title("2019年上海市人民政府办公厅政府信息公开工作年度报告").as_deref(),
            Some("上海市人民政府办公厅")
        );
        assert_eq!(
            agency_from_sentence("根据规定,现公布白城市农业农村局2024年政府信息公开工作年度报告。")
                .as_deref(),
            Some("白城市农业农村局")
        );
    }
}
