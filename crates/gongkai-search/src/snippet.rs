//! Highlighted excerpts: the passage around the first occurrence of a query term, split into
//! plain and matched fragments (the web layer escapes and marks them up).

/// A piece of an excerpt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    /// The text.
    pub text: String,
    /// Whether it matches a query term.
    pub hit: bool,
}

/// An excerpt of at most `width` characters of `text` around the first query term, with every
/// occurrence of every term marked; the start of `text` when no term occurs.
pub fn fragments(text: &str, query: &str, width: usize) -> Vec<Fragment> {
    let chars: Vec<char> = text.chars().collect();
    let terms: Vec<Vec<char>> = query
        .split_whitespace()
        .map(|t| t.to_lowercase().chars().collect())
        .collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let matched = mark(&lower, &terms);
    let first = matched.iter().position(|m| *m).unwrap_or(0);
    let start = first.saturating_sub(width / 4);
    let end = (start + width).min(chars.len());
    let mut out: Vec<Fragment> = Vec::new();
    if start > 0 {
        out.push(Fragment {
            text: "…".into(),
            hit: false,
        });
    }
    for i in start..end {
        match out.last_mut() {
            Some(last) if last.hit == matched[i] && last.text != "…" => last.text.push(chars[i]),
            _ => out.push(Fragment {
                text: chars[i].to_string(),
                hit: matched[i],
            }),
        }
    }
    if end < chars.len() {
        out.push(Fragment {
            text: "…".into(),
            hit: false,
        });
    }
    out
}

fn mark(text: &[char], terms: &[Vec<char>]) -> Vec<bool> {
    let mut matched = vec![false; text.len()];
    for term in terms.iter().filter(|t| !t.is_empty()) {
        for i in 0..text.len() {
            if text[i..].starts_with(term) {
                matched[i..i + term.len()]
                    .iter_mut()
                    .for_each(|m| *m = true);
            }
        }
    }
    matched
}
