//! The parsing pipeline: lines → sections → tables → report.

use crate::lines::{Line, normalize, prepare};
use crate::structure::{Heading, detect_format, is_meta, read_header, split_headings};
use crate::{InputKind, Parsed, html, json, tables};
use gongkai_domain::check::{Finding, Location, Rule, Table};
use gongkai_domain::report::{AnnualReport, Doubt, Section, SectionKind};
use gongkai_domain::text::first_year;

/// Page furniture that follows the report on saved government pages.
const FOOTER_MARKERS: &[&str] = &[
    "版权所有",
    "主办单位",
    "网站标识码",
    "ICP备",
    "网站地图",
    "联系我们",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
    "扫一扫在手机",
    "分享到",
];

pub(crate) fn encoding_note(encoding: &str, reason: &str) -> Finding {
    Finding::new(
        Rule::ParseEncoding,
        Location::default(),
        format!("按 {encoding} 编码读取：{reason}"),
    )
}

pub(crate) fn parse(text: &str) -> Parsed {
    if text.trim_start().starts_with('{') {
        match json::read(text) {
            Ok(parsed) => return parsed,
            Err(e) => return unreadable(InputKind::Json, &e.to_string()),
        }
    }
    if html::looks_like_html(text) {
        return parse_lines(&html::to_text(text), InputKind::Html);
    }
    parse_lines(text, InputKind::Text)
}

pub(crate) fn unreadable(input: InputKind, why: &str) -> Parsed {
    let finding = Finding::new(Rule::ParseUnreadable, Location::default(), why.to_string());
    let report = AnnualReport::new(gongkai_domain::report::Format::Current2021);
    Parsed {
        report,
        diagnostics: vec![finding],
        input,
        encoding: "UTF-8",
    }
}

fn parse_lines(text: &str, input: InputKind) -> Parsed {
    let text = normalize(text);
    let (mut all_lines, mut headings) = split_headings(prepare(&text));
    headings.sort_by_key(|h| h.line);
    let end = footer_start(&all_lines, &headings);
    all_lines.truncate(end);
    for (k, heading) in headings
        .iter()
        .enumerate()
        .filter(|(_, h)| is_table(h.kind))
    {
        let body_end = headings.get(k + 1).map_or(all_lines.len(), |h| h.line);
        all_lines[heading.line + 1..body_end]
            .iter_mut()
            .for_each(Line::split_cells);
    }
    let lines = &all_lines[..];
    let first = headings.first().map_or(lines.len(), |h| h.line);
    let header = read_header(lines, first);
    let mut diagnostics = Vec::new();
    let table_text = table_text(lines, &headings);
    let year = header
        .title
        .as_deref()
        .and_then(first_year)
        .or_else(|| period_year(lines))
        .or_else(|| lines.iter().find_map(|l| first_year(l.raw)));
    let mut report = AnnualReport::new(detect_format(&table_text, year));
    report.year = year;
    report.title = header.title.clone();
    report.agency = header.agency.clone();
    let wrapped = is_wrapped_layout(lines);
    // Whatever stands before the title (a saved page's navigation) is not part of the report.
    let after_title = header.title_lines.last().map_or(0, |t| t + 1).min(first);
    let preamble: Vec<Line> = lines[after_title..first]
        .iter()
        .filter(|l| !is_meta(l.raw))
        .cloned()
        .collect();
    report.preamble = paragraphs(&preamble, wrapped);
    for (k, heading) in headings.iter().enumerate() {
        let body_end = headings.get(k + 1).map_or(lines.len(), |h| h.line);
        let body = &lines[heading.line + 1..body_end];
        report.sections.push(section(heading, body, wrapped));
        read_table(&mut report, heading.kind, body, &mut diagnostics);
    }
    table_tail_before_appeals(
        &mut report,
        &all_lines[..first],
        &headings,
        &mut diagnostics,
    );
    let input = if input == InputKind::Text && is_markdown(lines) {
        InputKind::Markdown
    } else {
        input
    };
    completeness(&report, lines, &headings, &mut diagnostics);
    Parsed {
        report,
        diagnostics,
        input,
        encoding: "UTF-8",
    }
}

fn section(heading: &Heading, body: &[Line], wrapped: bool) -> Section {
    let narrative = matches!(
        heading.kind,
        SectionKind::Overview | SectionKind::Problems | SectionKind::Other
    );
    Section {
        kind: heading.kind,
        numeral: heading.numeral,
        title: heading.title.clone(),
        text: if narrative {
            paragraphs(body, wrapped)
        } else {
            String::new()
        },
    }
}

fn is_table(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::Proactive | SectionKind::Applications | SectionKind::Appeals
    )
}

/// Reads the table of a table section (its lines' cells are split already).
fn read_table(report: &mut AnnualReport, kind: SectionKind, body: &[Line], out: &mut Vec<Finding>) {
    if !is_table(kind) {
        return;
    }
    let read = match kind {
        SectionKind::Proactive => tables::proactive(body, report.format),
        SectionKind::Applications => tables::applications(body, report.format),
        _ => tables::appeals(body),
    };
    out.extend(read.diagnostics);
    if kind == SectionKind::Applications {
        report.doubt.extend(read.doubt.iter().map(|&row| Doubt {
            table: Table::Applications,
            row: Some(row),
        }));
    }
    match kind {
        SectionKind::Proactive => report.proactive = read.grid,
        SectionKind::Applications => report.applications = read.grid,
        _ => report.appeals = read.grid,
    }
}

/// A capture that begins inside table 三 (the last page of a PDF): the rows before the first
/// heading, 四, are the end of table 三.
fn table_tail_before_appeals(
    report: &mut AnnualReport,
    before: &[Line],
    headings: &[Heading],
    out: &mut Vec<Finding>,
) {
    let starts_at_appeals = headings
        .first()
        .is_some_and(|h| h.kind == SectionKind::Appeals);
    if !starts_at_appeals || report.applications.is_some() {
        return;
    }
    let mut lines = before.to_vec();
    lines.iter_mut().for_each(Line::split_cells);
    let mut found = Vec::new();
    read_table(report, SectionKind::Applications, &lines, &mut found);
    if report.applications.as_ref().is_some_and(|g| g.is_empty()) {
        report.applications = None;
        return;
    }
    out.extend(found);
    let line = lines.first().map_or(1, |l| l.no);
    out.push(Finding::new(
        Rule::ParseTruncated,
        Location::line(line),
        "文本从表三中间开始（第一至第三部分缺失），报告内容不完整（可能只保存了最后几页）",
    ));
}

/// The text of sections 二 and 三, whose labels tell the format apart (everything when
/// neither heading was found).
fn table_text(lines: &[Line], headings: &[Heading]) -> String {
    let range = |kind: SectionKind| {
        let k = headings.iter().position(|h| h.kind == kind)?;
        let end = headings.get(k + 1).map_or(lines.len(), |h| h.line);
        Some(headings[k].line..end)
    };
    let ranges: Vec<_> = [SectionKind::Proactive, SectionKind::Applications]
        .into_iter()
        .filter_map(range)
        .collect();
    let pick: Vec<&str> = if ranges.is_empty() {
        lines.iter().map(|l| l.raw).collect()
    } else {
        ranges
            .into_iter()
            .flat_map(|r| lines[r].iter().map(|l| l.raw))
            .collect()
    };
    pick.join("\n")
}

/// Index of the first line of page furniture after the last section heading.
fn footer_start(lines: &[Line], headings: &[Heading]) -> usize {
    let from = headings
        .iter()
        .map(|h| h.line)
        .max()
        .map_or(lines.len(), |l| l + 1);
    (from..lines.len())
        .find(|&i| FOOTER_MARKERS.iter().any(|m| lines[i].raw.contains(m)))
        .unwrap_or(lines.len())
}

/// `parse-truncated` when the text stops mid-sentence; `parse-unreadable` when nothing was found.
fn completeness(
    report: &AnnualReport,
    lines: &[Line],
    headings: &[Heading],
    out: &mut Vec<Finding>,
) {
    if headings.is_empty() && report.applications.is_none() {
        out.push(Finding::new(
            Rule::ParseUnreadable,
            Location::default(),
            "文件中找不到年度报告的六个部分或表格",
        ));
        return;
    }
    let Some(last) = lines.iter().rev().find(|l| !l.is_blank()) else {
        return;
    };
    let tail = without_page_chrome(last.raw.trim());
    let ends = tail.ends_with([
        '。', '！', '？', '!', '?', '”', '"', '）', ')', '】', '…', '.',
    ]);
    // "六、其他需要报告的事项 无其他需要报告的事项": a closing statement without a full stop.
    let closing = headings.iter().any(|h| h.kind == SectionKind::Other)
        && ["事项", "情况", "无", "没有"]
            .iter()
            .any(|e| tail.ends_with(e));
    if !ends && !closing {
        let shown: String = tail
            .chars()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        out.push(Finding::new(
            Rule::ParseTruncated,
            Location::line(last.no),
            format!(
                "文本在第{}行「{shown}」处中断，报告内容不完整（可能是页面未完整保存）",
                last.no
            ),
        ));
    }
}

/// The end of a saved page without the page's own links after the report ("附件下载").
fn without_page_chrome(tail: &str) -> &str {
    const CHROME: [&str; 5] = ["附件下载", "【打印】", "【关闭】", "关闭窗口", "打印本页"];
    let mut tail = tail;
    while let Some(rest) = CHROME.iter().find_map(|c| tail.strip_suffix(c)) {
        tail = rest.trim_end();
    }
    tail
}

/// True for `pdftotext -layout` output: table lines whose columns are aligned by runs of
/// spaces (then narrative lines are hard-wrapped and must be rejoined).
fn is_wrapped_layout(lines: &[Line<'_>]) -> bool {
    lines
        .iter()
        .filter(|l| l.sep == crate::lines::Sep::Spaces && l.cells.len() >= 3)
        .count()
        >= 3
}

fn is_markdown(lines: &[Line]) -> bool {
    lines
        .iter()
        .any(|l| l.raw.trim_start().starts_with("|-") || l.raw.trim_start().starts_with("| -"))
}

/// Joins lines into paragraphs (`\n` between them); wrapped PDF lines are rejoined.
fn paragraphs(lines: &[Line], wrapped: bool) -> String {
    let mut out = String::new();
    for line in lines.iter().filter(|l| !l.is_blank()) {
        let text = line.raw.trim();
        let indented = line.raw.starts_with("  ");
        let continues = wrapped
            && !indented
            && !out.is_empty()
            && !out.ends_with(['。', '：', ':', '；', '！', '？']);
        if !out.is_empty() && !continues {
            out.push('\n');
        }
        out.push_str(text);
    }
    out
}

/// The year of "统计期限…2025年1月1日".
fn period_year(lines: &[Line]) -> Option<i32> {
    lines.iter().find_map(|l| {
        let at = l.raw.find("统计期限").or_else(|| l.raw.find("统计时限"))?;
        let window: String = l.raw[at..].chars().take(30).collect();
        first_year(&window)
    })
}
