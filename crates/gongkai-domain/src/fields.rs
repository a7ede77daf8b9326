//! What people type into forms, bounded and cleaned before anything keeps it (issue 13): a
//! length per field (a 100,000-character name and a 1 MB request text were stored), and
//! invisible direction controls removed (U+202E turned a public title around on screen).

use std::fmt;

/// A form field: its Chinese label and how much it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The label the form shows (used in messages).
    pub label: &'static str,
    /// Most characters.
    pub max_chars: usize,
    /// Whether line breaks are kept (text areas) or the value is one line.
    pub multiline: bool,
}

const fn line(label: &'static str, max_chars: usize) -> Field {
    Field {
        label,
        max_chars,
        multiline: false,
    }
}

const fn text(label: &'static str, max_chars: usize) -> Field {
    Field {
        label,
        max_chars,
        multiline: true,
    }
}

/// 申请人姓名或名称.
pub const APPLICANT_NAME: Field = line("姓名或名称", 100);
/// 证件号码.
pub const ID_NO: Field = line("证件号码", 40);
/// 联系方式.
pub const CONTACT: Field = line("联系方式", 200);
/// 法定代表人 of an organisation applying.
pub const LEGAL_REP: Field = line("法定代表人", 50);
/// 联系人 of an organisation applying.
pub const LIAISON: Field = line("联系人", 50);
/// 通信地址.
pub const ADDRESS: Field = line("通信地址", 200);
/// 所需信息的名称、文号或描述.
pub const REQUEST: Field = text("所需信息的名称、文号或描述", 5000);
/// 获取方式.
pub const PROVISION: Field = line("获取信息的方式", 100);
/// The applicant's 补正 text.
pub const CORRECTION: Field = text("补正内容", 5000);
/// A staff note on a ledger event, a return or a flag.
pub const NOTE: Field = text("说明", 2000);
/// A part of the 年度报告 written by staff (一（三）（四）, 五, 六).
pub const REPORT_TEXT: Field = text("年度报告文字部分", 10_000);
/// 标题 of a 主动公开 item.
pub const TITLE: Field = line("标题", 200);
/// 内容概述.
pub const SUMMARY: Field = text("内容概述", 2000);
/// 正文 (some two hundred pages of text).
pub const BODY: Field = text("正文", 200_000);
/// 发布机构.
pub const PUBLISHER: Field = line("发布机构", 100);
/// 主题分类.
pub const TOPIC: Field = line("主题分类", 50);
/// 文号.
pub const DOC_NO: Field = line("文号", 100);
/// 关键词.
pub const KEYWORDS: Field = line("关键词", 200);
/// 姓名 of a staff account.
pub const DISPLAY_NAME: Field = line("姓名", 50);
/// 机关名称.
pub const AGENCY_NAME: Field = line("机关名称", 60);
/// 机关层级 (县级, 乡级, …).
pub const AGENCY_LEVEL: Field = line("层级", 20);
/// A file name as uploaded.
pub const FILE_NAME: Field = line("文件名", 200);

/// Every field with its limit, for the documentation and a test.
pub const ALL: [Field; 23] = [
    REPORT_TEXT,
    APPLICANT_NAME,
    ID_NO,
    CONTACT,
    LEGAL_REP,
    LIAISON,
    ADDRESS,
    REQUEST,
    PROVISION,
    CORRECTION,
    NOTE,
    TITLE,
    SUMMARY,
    BODY,
    PUBLISHER,
    TOPIC,
    DOC_NO,
    KEYWORDS,
    DISPLAY_NAME,
    AGENCY_NAME,
    AGENCY_LEVEL,
    FILE_NAME,
    line("用户名", 32),
];

/// A value over its field's limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    /// The field.
    pub field: Field,
    /// Characters given.
    pub chars: usize,
}

impl fmt::Display for TooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "「{}」最多 {} 字，现有 {} 字，请删减后重新提交",
            self.field.label, self.field.max_chars, self.chars
        )
    }
}

impl std::error::Error for TooLong {}

/// Whether `c` changes the direction of the text around it without being seen
/// (U+200E/F, U+061C, U+202A–U+202E, U+2066–U+2069).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

impl Field {
    /// The value as it will be kept: direction controls and other control characters removed
    /// (line breaks and tabs kept in text areas, CRLF as LF), trimmed, within the limit.
    pub fn clean(&self, value: &str) -> Result<String, TooLong> {
        let kept: String = value
            .chars()
            .filter(|&c| !is_bidi_control(c))
            .filter(|&c| !c.is_control() || (self.multiline && (c == '\n' || c == '\t')))
            .collect();
        let kept = kept.trim().to_string();
        let chars = kept.chars().count();
        if chars > self.max_chars {
            return Err(TooLong {
                field: *self,
                chars,
            });
        }
        Ok(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue13_direction_controls_and_control_characters_are_removed() {
        let title = "关于\u{202E}知通的\u{202C}公示\u{0007}";
        assert_eq!(TITLE.clean(title).ok().as_deref(), Some("关于知通的公示"));
        assert_eq!(
            REQUEST.clean("第一行\r\n第二行\t。").ok().as_deref(),
            Some("第一行\n第二行\t。")
        );
        assert_eq!(TITLE.clean("一行\n两行").ok().as_deref(), Some("一行两行"));
    }

    #[test]
    fn issue13_a_value_over_its_limit_is_refused_saying_the_limit() {
        let name = "张".repeat(100_000);
        let err = APPLICANT_NAME.clean(&name).err();
        assert_eq!(
            err.map(|e| e.to_string()),
            Some("「姓名或名称」最多 100 字，现有 100000 字，请删减后重新提交".to_string())
        );
        assert!(APPLICANT_NAME.clean(&"张".repeat(100)).is_ok());
        assert!(ALL.iter().all(|f| f.max_chars > 0 && !f.label.is_empty()));
    }
}
