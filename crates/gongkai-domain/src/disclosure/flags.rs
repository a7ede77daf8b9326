//! 保密审查 assistance: spots in a draft that a reviewer must look at before anything is
//! published (personal data, 密级 markings, internal-only notes). A flag is a prompt, not a
//! verdict: it blocks approval until the text is fixed or the reviewer accepts it with a reason.

use std::fmt;

/// What kind of spot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FlagKind {
    /// 身份证号 (18 digits, GB 11643 check digit valid).
    IdNumber,
    /// 手机号.
    Mobile,
    /// 银行卡号 (16–19 digits, Luhn valid).
    BankCard,
    /// E-mail address.
    Email,
    /// 密级 marking: 绝密, 机密, 秘密, ★.
    Classification,
    /// 内部资料, 不得外传, 内部使用.
    InternalOnly,
}

/// One spot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// What it is.
    pub kind: FlagKind,
    /// The text found.
    pub text: String,
    /// Where: offset in characters from the start of the scanned text.
    pub at: usize,
}

impl FlagKind {
    /// A stable code.
    pub fn code(self) -> &'static str {
        match self {
            FlagKind::IdNumber => "id-number",
            FlagKind::Mobile => "mobile",
            FlagKind::BankCard => "bank-card",
            FlagKind::Email => "email",
            FlagKind::Classification => "classification",
            FlagKind::InternalOnly => "internal-only",
        }
    }

    /// The Chinese description shown to the drafter and reviewer.
    pub fn label(self) -> &'static str {
        match self {
            FlagKind::IdNumber => "疑似身份证号码",
            FlagKind::Mobile => "疑似手机号码",
            FlagKind::BankCard => "疑似银行卡号",
            FlagKind::Email => "电子邮箱地址",
            FlagKind::Classification => "密级标志",
            FlagKind::InternalOnly => "内部资料标注",
        }
    }
}

impl Flag {
    /// The key under which a reviewer's acceptance is recorded: the same text of the same kind
    /// is accepted once per version.
    pub fn key(&self) -> String {
        format!("{}:{}", self.kind.code(), self.text)
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}「{}」（第 {} 字）",
            self.kind.label(),
            self.text,
            self.at + 1
        )
    }
}

/// Every flag in `text`, in order of position.
pub fn scan(text: &str) -> Vec<Flag> {
    let chars: Vec<char> = text.chars().collect();
    let mut flags = digit_flags(&chars);
    flags.extend(email_flags(&chars));
    flags.extend(marking_flags(&chars));
    flags.sort_by_key(|f| f.at);
    flags
}

/// Runs of digits (an 18-character ID may end in X), classified by length and check digit.
fn digit_flags(chars: &[char]) -> Vec<Flag> {
    let mut flags = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let end = grouped_run_end(chars, i);
        let run: String = chars[i..end].iter().collect();
        let digits: String = run.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if let Some(kind) = classify(&digits, run.len() != digits.len()) {
            flags.push(Flag {
                kind,
                text: run,
                at: i,
            });
        }
        i = end;
    }
    flags
}

/// The end of a run of digits starting at `start`, allowing single spaces or hyphens between
/// groups (bank cards are often written `6222 0212 …`), and a final X.
fn grouped_run_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() {
        let c = chars[end];
        let sep_ok = matches!(c, ' ' | '-')
            && end + 1 < chars.len()
            && chars[end + 1].is_ascii_digit()
            && chars[end - 1].is_ascii_digit();
        if c.is_ascii_digit() || sep_ok {
            end += 1;
        } else {
            break;
        }
    }
    if end < chars.len() && matches!(chars[end], 'X' | 'x') {
        end += 1;
    }
    if end < chars.len() && chars[end].is_ascii_alphanumeric() {
        return end + 1; // part of a longer code (文号, 索引号): not a number of its own
    }
    end
}

fn classify(digits: &str, grouped: bool) -> Option<FlagKind> {
    let all_digits = digits.bytes().all(|b| b.is_ascii_digit());
    if !grouped && digits.len() == 18 && id_check_ok(digits) {
        Some(FlagKind::IdNumber)
    } else if !grouped && all_digits && digits.len() == 11 && is_mobile(digits) {
        Some(FlagKind::Mobile)
    } else if all_digits && (16..=19).contains(&digits.len()) && luhn_ok(digits) {
        Some(FlagKind::BankCard)
    } else {
        None
    }
}

/// GB 11643-1999: weighted sum of the first 17 digits mod 11 gives the check character.
fn id_check_ok(id: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let bytes = id.as_bytes();
    if !bytes[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = bytes[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    bytes[17].to_ascii_uppercase() == CHECK[(sum % 11) as usize]
}

fn is_mobile(digits: &str) -> bool {
    let b = digits.as_bytes();
    b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// The Luhn check used by bank card numbers.
fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn email_flags(chars: &[char]) -> Vec<Flag> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let host = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let mut flags = Vec::new();
    for (at_pos, _) in chars.iter().enumerate().filter(|(_, c)| **c == '@') {
        let start = (0..at_pos)
            .rev()
            .take_while(|&i| local(chars[i]))
            .last()
            .unwrap_or(at_pos);
        let end = (at_pos + 1..chars.len())
            .take_while(|&i| host(chars[i]))
            .last()
            .map_or(at_pos + 1, |i| i + 1);
        let domain: String = chars[at_pos + 1..end].iter().collect();
        let domain = domain.trim_end_matches('.');
        let tld_ok = domain
            .rsplit_once('.')
            .is_some_and(|(_, tld)| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if start < at_pos && tld_ok {
            let text: String = chars[start..at_pos + 1].iter().collect::<String>() + domain;
            flags.push(Flag {
                kind: FlagKind::Email,
                text,
                at: start,
            });
        }
    }
    flags
}

/// Words that mark classified or internal-only material. "秘密" inside 商业秘密, 个人隐私 talk
/// or 国家秘密 (the law's own wording, 条例第十四条、第十五条) is not a marking.
const MARKINGS: [(&str, FlagKind); 8] = [
    ("绝密", FlagKind::Classification),
    ("机密", FlagKind::Classification),
    ("秘密", FlagKind::Classification),
    ("★", FlagKind::Classification),
    ("内部资料", FlagKind::InternalOnly),
    ("不得外传", FlagKind::InternalOnly),
    ("内部使用", FlagKind::InternalOnly),
    ("内部文件", FlagKind::InternalOnly),
];

const NOT_MARKINGS: [&str; 3] = ["商业", "国家", "工作"];

fn marking_flags(chars: &[char]) -> Vec<Flag> {
    let mut flags = Vec::new();
    for (word, kind) in MARKINGS {
        let w: Vec<char> = word.chars().collect();
        for at in (0..chars.len()).filter(|&i| chars[i..].starts_with(&w)) {
            let before: String = chars[at.saturating_sub(2)..at].iter().collect();
            if word == "秘密" && NOT_MARKINGS.contains(&before.as_str()) {
                continue;
            }
            flags.push(Flag {
                kind,
                text: word.to_string(),
                at,
            });
        }
    }
    flags
}
