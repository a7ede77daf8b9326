//! Highlighted excerpts: the passage where the query's terms meet, split into plain and
//! matched fragments (the web layer escapes and marks them up).

/// A piece of an excerpt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    /// The text.
    pub text: String,
    /// Whether it matches a query term.
    pub hit: bool,
}

/// Matches considered when choosing the window (a common term in a long text has many).
const MAX_CANDIDATES: usize = 256;

/// An excerpt of at most `width` characters of `text` around the first query term, with every
/// occurrence of every term marked; the start of `text` when no term occurs.
pub fn fragments(text: &str, query: &str, width: usize) -> Vec<Fragment> {
    let t = Marked::new(text, query);
    let start = t.first_hit().map_or(0, |i| i.saturating_sub(width / 4));
    t.window(start, width)
}

/// The excerpt a search hit shows under its title (issue 20: every snippet had repeated the
/// same contact sentence, where a common term first occurred). When the title already holds
/// every term, the text's opening says what the item is; otherwise the window of `width`
/// characters that holds the most distinct terms, the earliest of equals. A term that does
/// not occur as typed is looked for by its two-character pieces, as the index matches it.
pub fn excerpt(title: &str, text: &str, query: &str, width: usize) -> Vec<Fragment> {
    let t = Marked::new(text, query);
    let in_title = Marked::new(title, query);
    if in_title.terms.iter().all(|term| in_title.occurs(term)) {
        return t.window(0, width);
    }
    let start = t.best_start(width).unwrap_or(0);
    t.window(start, width)
}

/// A text with the characters that match a query term marked.
struct Marked {
    chars: Vec<char>,
    lower: Vec<char>,
    terms: Vec<Vec<char>>,
    matched: Vec<bool>,
}

impl Marked {
    fn new(text: &str, query: &str) -> Marked {
        let chars: Vec<char> = text.chars().collect();
        let lower: Vec<char> = chars.iter().map(|c| fold(*c)).collect();
        let mut t = Marked {
            chars,
            lower,
            terms: Vec::new(),
            matched: Vec::new(),
        };
        t.terms = query
            .split_whitespace()
            .flat_map(|w| t.pieces(&w.chars().map(fold).collect::<Vec<_>>()))
            .collect();
        t.matched = t.mark();
        t
    }

    /// The term itself when it occurs, else its two-character pieces.
    fn pieces(&self, term: &[char]) -> Vec<Vec<char>> {
        if term.len() <= 2 || self.occurs(term) {
            return vec![term.to_vec()];
        }
        term.windows(2).map(<[char]>::to_vec).collect()
    }

    fn occurs(&self, term: &[char]) -> bool {
        !term.is_empty() && self.lower.windows(term.len()).any(|w| w == term)
    }

    fn starts(&self, term: &[char]) -> impl Iterator<Item = usize> {
        let term = term.to_vec();
        let n = term.len().max(1);
        self.lower
            .windows(n)
            .enumerate()
            .filter(move |(_, w)| !term.is_empty() && *w == term.as_slice())
            .map(|(i, _)| i)
    }

    fn mark(&self) -> Vec<bool> {
        let mut matched = vec![false; self.chars.len()];
        for term in &self.terms {
            for i in self.starts(term).collect::<Vec<_>>() {
                matched[i..i + term.len()]
                    .iter_mut()
                    .for_each(|m| *m = true);
            }
        }
        matched
    }

    fn first_hit(&self) -> Option<usize> {
        self.matched.iter().position(|m| *m)
    }

    /// The start of the window with the most distinct terms in it.
    fn best_start(&self, width: usize) -> Option<usize> {
        let hits: Vec<(usize, usize)> = self
            .terms
            .iter()
            .enumerate()
            .flat_map(|(k, t)| self.starts(t).take(MAX_CANDIDATES).map(move |i| (i, k)))
            .collect();
        let covered = |start: usize| {
            let mut seen: Vec<usize> = hits
                .iter()
                .filter(|(i, _)| (start..start + width).contains(i))
                .map(|(_, k)| *k)
                .collect();
            seen.sort_unstable();
            seen.dedup();
            seen.len()
        };
        let mut starts: Vec<usize> = hits
            .iter()
            .map(|(i, _)| i.saturating_sub(width / 4))
            .collect();
        starts.sort_unstable();
        starts.dedup();
        starts.into_iter().rev().max_by_key(|s| covered(*s))
    }

    fn window(&self, start: usize, width: usize) -> Vec<Fragment> {
        let start = start.min(self.chars.len());
        let end = (start + width).min(self.chars.len());
        let mut out: Vec<Fragment> = Vec::new();
        if start > 0 {
            out.push(ellipsis());
        }
        for i in start..end {
            match out.last_mut() {
                Some(last) if last.hit == self.matched[i] && last.text != "…" => {
                    last.text.push(self.chars[i]);
                }
                _ => out.push(Fragment {
                    text: self.chars[i].to_string(),
                    hit: self.matched[i],
                }),
            }
        }
        if end < self.chars.len() {
            out.push(ellipsis());
        }
        out
    }
}

fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn ellipsis() -> Fragment {
    Fragment {
        text: "…".into(),
        hit: false,
    }
}
