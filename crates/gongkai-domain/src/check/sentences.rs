//! Finding the sentences of a report's text that state a figure, and searching them: a pass
//! over the bytes picks out the sentences with a count or a denial, and a Bloom filter of
//! character bigrams lets most key searches in a sentence stop at once.

/// The byte ranges of the sentences that may make a claim: those stating a count ("154件",
/// "36 起", "3940元") and those denying something about applications, appeals or fees
/// ("未收到…申请"). One pass over the bytes finds the anchors; only their sentences are read.
pub(super) fn claim_sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    const DENIALS: [&str; 3] = ["未", "无", "没"];
    const TOPICS: [&str; 4] = ["申请", "复议", "诉讼", "处理费"];
    let b = text.as_bytes();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // Most bytes are none of these: one compare each before moving on.
        if !(c.is_ascii_digit() || c == 0xEF || c == 0xE6) {
            i += 1;
            continue;
        }
        if digit_width(&b[i..]) > 0 {
            let end = number_end(b, i);
            if unit_at(&b[end..]) {
                ranges.push(sentence_around(b, i));
            }
            i = end;
            continue;
        }
        if c == 0xE6 && DENIALS.iter().any(|d| b[i..].starts_with(d.as_bytes())) {
            let range = sentence_around(b, i);
            if TOPICS.iter().any(|t| text[range.clone()].contains(t)) {
                ranges.push(range);
            }
        }
        i += 1;
    }
    ranges.dedup();
    ranges
}

/// Width of an ASCII (1) or full-width (3) digit at the start of `b`, or 0.
fn digit_width(b: &[u8]) -> usize {
    match b {
        [d, ..] if d.is_ascii_digit() => 1,
        [0xEF, 0xBC, 0x90..=0x99, ..] => 3,
        _ => 0,
    }
}

/// End of the number starting at `i` (digits, thousands commas, spaces).
fn number_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        let width = digit_width(&b[i..]).max(usize::from(matches!(b[i], b',' | b' ')));
        if width == 0 {
            break;
        }
        i += width;
    }
    i
}

/// A unit of count or money at the start of `b`.
fn unit_at(b: &[u8]) -> bool {
    ["件", "起", "宗", "个", "条", "元"]
        .iter()
        .any(|u| b.starts_with(u.as_bytes()))
}

/// The sentence (between terminators 。；;！？!?) around byte `at`.
fn sentence_around(b: &[u8], at: usize) -> std::ops::Range<usize> {
    let start = (0..at)
        .rev()
        .find(|&i| terminator_width(&b[i..]) > 0)
        .map_or(0, |i| i + terminator_width(&b[i..]));
    let end = (at..b.len())
        .find(|&i| terminator_width(&b[i..]) > 0)
        .unwrap_or(b.len());
    start..end
}

/// Byte length of the sentence terminator at the start of `b`, or 0.
fn terminator_width(b: &[u8]) -> usize {
    match b {
        [b';' | b'!' | b'?', ..] => 1,
        [0xE3, 0x80, 0x82, ..] | [0xEF, 0xBC, 0x9B | 0x81 | 0x9F, ..] => 3,
        _ => 0,
    }
}

/// Only sentences that state a figure or deny something can make a claim.
pub(super) fn worth_reading(s: &[char]) -> bool {
    let figure = s.iter().any(char::is_ascii_digit)
        && s.iter()
            .any(|c| matches!(c, '件' | '起' | '宗' | '个' | '条' | '元'));
    figure || s.iter().any(|c| matches!(c, '未' | '无' | '没'))
}

/// Splits folded text into sentences.
pub(super) fn sentences(chars: &[char]) -> impl Iterator<Item = &[char]> {
    chars
        .split(|c| matches!(c, '。' | ';' | '；' | '!' | '?' | '！' | '？'))
        .filter(|s| !s.is_empty())
}

/// A folded sentence with a 128-bit Bloom filter of its character bigrams, so that the dozens
/// of keys looked for in each sentence are mostly rejected without a scan.
pub(super) struct Sentence<'a> {
    chars: &'a [char],
    bloom: u128,
}

fn bigram_bit(a: char, b: char) -> u128 {
    let h = (a as u32)
        .wrapping_mul(31)
        .wrapping_add(b as u32)
        .wrapping_mul(2_654_435_761);
    1u128 << (h >> 25)
}

impl<'a> Sentence<'a> {
    pub(super) fn new(chars: &'a [char]) -> Sentence<'a> {
        let bloom = chars
            .windows(2)
            .fold(0, |bloom, w| bloom | bigram_bit(w[0], w[1]));
        Sentence { chars, bloom }
    }

    fn may_contain(&self, key: &str) -> bool {
        let mut k = key.chars();
        match (k.next(), k.next()) {
            (Some(a), Some(b)) => self.bloom & bigram_bit(a, b) != 0,
            _ => true,
        }
    }
}

impl std::ops::Deref for Sentence<'_> {
    type Target = [char];
    fn deref(&self) -> &[char] {
        self.chars
    }
}

/// Every occurrence of `key` (already in folded form) in the sentence.
pub(super) fn find_all(s: &Sentence<'_>, key: &str) -> Vec<(usize, usize)> {
    if !s.may_contain(key) {
        return Vec::new();
    }
    find_in(s, key)
}

pub(super) fn find_in(s: &[char], key: &str) -> Vec<(usize, usize)> {
    let Some(first) = key.chars().next() else {
        return Vec::new();
    };
    let n = key.chars().count();
    let Some(last) = s.len().checked_sub(n) else {
        return Vec::new();
    };
    (0..=last)
        .filter(|&i| s[i] == first && s[i..i + n].iter().copied().eq(key.chars()))
        .map(|i| (i, i + n))
        .collect()
}

pub(super) fn contains(s: &Sentence<'_>, key: &str) -> bool {
    s.may_contain(key) && slice_contains(s, key)
}

/// Whether a part of a sentence contains `key`, without collecting the matches.
pub(super) fn slice_contains(s: &[char], key: &str) -> bool {
    let Some(first) = key.chars().next() else {
        return false;
    };
    let n = key.chars().count();
    let Some(last) = s.len().checked_sub(n) else {
        return false;
    };
    (0..=last).any(|i| s[i] == first && s[i..i + n].iter().copied().eq(key.chars()))
}
