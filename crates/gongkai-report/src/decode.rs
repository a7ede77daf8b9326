//! Bytes to text: UTF-8 or GBK/GB18030 (many government sites still serve GBK), detected from
//! the BOM, the `<meta charset>`, or by trying.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

/// Decoded text and the name of the encoding used, with why it was chosen.
pub struct Decoded<'a> {
    /// The text.
    pub text: Cow<'a, str>,
    /// Encoding name, e.g. `UTF-8`, `GB18030`.
    pub encoding: &'static str,
    /// Why it was chosen (Chinese), when not plain UTF-8.
    pub reason: Option<&'static str>,
}

/// Decodes `bytes`, never failing: undecodable bytes become U+FFFD.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return decoded(
            text.into_owned(),
            encoding,
            Some("依据文件开头的字节顺序标记（BOM）"),
        );
    }
    // encoding_rs validates UTF-8 with SIMD, faster than the standard library on CJK text.
    if let Some(Cow::Borrowed(text)) =
        UTF_8.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
            reason: None,
        };
    }
    let declared = declared_charset(bytes);
    if let Some(encoding) = declared.filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE) {
        let (text, _, _) = encoding.decode(bytes);
        return decoded(
            text.into_owned(),
            encoding,
            Some("依据网页声明的字符集（meta charset）"),
        );
    }
    let (gb, _, gb_errors) = GB18030.decode(bytes);
    if !gb_errors {
        return decoded(
            gb.into_owned(),
            GB18030,
            Some("文件不是有效的 UTF-8，按 GB18030 解码无误"),
        );
    }
    let (text, _, _) = UTF_8.decode(bytes);
    decoded(
        text.into_owned(),
        UTF_8,
        Some("文件既不是有效的 UTF-8 也不是 GB18030，无法识别的字节已替换"),
    )
}

fn decoded(
    text: String,
    encoding: &'static Encoding,
    reason: Option<&'static str>,
) -> Decoded<'static> {
    let name = if encoding == GB18030 || encoding.name() == "GBK" {
        "GB18030"
    } else {
        encoding.name()
    };
    Decoded {
        text: Cow::Owned(text),
        encoding: name,
        reason,
    }
}

/// The charset a page declares in its first 2 KB (`<meta charset=gbk>` or `content="…charset=gb2312"`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .chars()
        .skip_while(|c| *c == '"' || *c == '\'')
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_pages_are_read_and_named() {
        let (bytes, _, _) = GB18030.encode("<meta charset=\"gbk\"><p>一、总体情况</p>");
        let decoded = decode(&bytes);
        assert!(decoded.text.contains("一、总体情况"));
        assert_eq!(decoded.encoding, "GB18030");
        assert!(decoded.reason.is_some());
    }

    #[test]
    fn gbk_without_declaration_is_tried() {
        let (bytes, _, _) = GB18030.encode("三、收到和处理政府信息公开申请情况");
        assert_eq!(decode(&bytes).text, "三、收到和处理政府信息公开申请情况");
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let decoded = decode("\u{feff}报告".as_bytes());
        assert_eq!(decoded.text, "报告");
    }
}
