//! 保密审查 flags as the reviewer reads them (issue 20: "第104字" located nothing): each flag
//! in the field it was found in, with the words around it and the match marked, and the
//! open flags marked where they stand in the body.

use crate::pages::fmt_time;
use gongkai_app::items::{FlagView, scanned_text};
use gongkai_domain::disclosure::ItemFields;

/// Characters of context shown on each side of a flag.
const CONTEXT: usize = 16;

/// A flag as shown.
pub struct FlagLine {
    pub label: String,
    pub key: String,
    pub accepted: Option<String>,
    /// The field it was found in (标题, 正文, …).
    pub field: &'static str,
    /// The words before it, the match, the words after it.
    pub before: String,
    pub found: String,
    pub after: String,
    /// The field goes on before / after the context shown.
    pub cut: (bool, bool),
}

/// The fields 保密审查 scans, in the order of `scanned_text`.
const FIELDS: [&str; 5] = ["标题", "内容概述", "正文", "文号", "主题词"];

/// The field a character offset of `scanned_text` falls in, with its start and end.
fn field_at(f: &ItemFields, at: usize) -> (&'static str, usize, usize) {
    let lengths =
        [&f.title, &f.summary, &f.body, &f.doc_no, &f.keywords].map(|s| s.chars().count());
    let mut start = 0;
    for (name, len) in FIELDS.iter().zip(lengths) {
        if at < start + len {
            return (name, start, start + len);
        }
        start += len + 1;
    }
    ("正文", 0, start)
}

pub fn flag_lines(flags: &[FlagView], f: &ItemFields) -> Vec<FlagLine> {
    let text: Vec<char> = scanned_text(f).chars().collect();
    let piece = |from: usize, to: usize| -> String {
        let (from, to) = (
            from.min(text.len()),
            to.min(text.len()).max(from.min(text.len())),
        );
        text[from..to]
            .iter()
            .map(|c| if c.is_whitespace() { ' ' } else { *c })
            .collect()
    };
    flags
        .iter()
        .map(|v| {
            let (at, len) = (v.flag.at, v.flag.text.chars().count());
            let (field, start, end) = field_at(f, at);
            FlagLine {
                label: v.flag.kind.label().to_string(),
                key: v.flag.key(),
                accepted: v
                    .accepted
                    .as_ref()
                    .map(|x| format!("{}（{}，{}）", x.reason, x.user_name, fmt_time(x.at))),
                field,
                before: piece(at.saturating_sub(CONTEXT).max(start), at),
                found: piece(at, at + len),
                after: piece(at + len, (at + len + CONTEXT).min(end)),
                cut: (at > start + CONTEXT, at + len + CONTEXT < end),
            }
        })
        .collect()
}

/// A paragraph in pieces: (text, whether an open flag's match).
pub type Marked = Vec<(String, bool)>;

/// The body's paragraphs with every open flag's text marked.
pub fn marked_paragraphs(paragraphs: Vec<String>, flags: &[FlagView]) -> Vec<Marked> {
    let open: Vec<&str> = flags
        .iter()
        .filter(|v| v.accepted.is_none())
        .map(|v| v.flag.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    paragraphs.into_iter().map(|p| mark(&p, &open)).collect()
}

fn mark(text: &str, needles: &[&str]) -> Marked {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((at, needle)) = needles
        .iter()
        .filter_map(|n| rest.find(n).map(|at| (at, *n)))
        .min_by_key(|(at, _)| *at)
    {
        if at > 0 {
            out.push((rest[..at].to_string(), false));
        }
        out.push((needle.to_string(), true));
        rest = &rest[at + needle.len()..];
    }
    if !rest.is_empty() {
        out.push((rest.to_string(), false));
    }
    out
}
