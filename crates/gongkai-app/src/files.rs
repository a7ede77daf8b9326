//! Attachments: a size limit, and the type taken from the content (the file name's extension
//! must agree), so that what is served for download is what it claims to be.

use crate::AppError;

/// The largest attachment accepted.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// Allowed kinds: (extensions, media type, magic bytes at offset 0).
const KINDS: [(&[&str], &str, &[u8]); 8] = [
    (&["pdf"], "application/pdf", b"%PDF-"),
    (
        &["docx"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    (
        &["xlsx"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        b"PK\x03\x04",
    ),
    (&["ofd"], "application/ofd", b"PK\x03\x04"),
    (
        &["doc", "xls", "wps", "et"],
        "application/x-ole-storage",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
    ),
    (&["png"], "image/png", b"\x89PNG\r\n\x1a\n"),
    (&["jpg", "jpeg"], "image/jpeg", b"\xFF\xD8\xFF"),
    (&["zip"], "application/zip", b"PK\x03\x04"),
];

/// The media type of an upload, or why it is refused.
pub fn check_upload(file_name: &str, bytes: &[u8]) -> Result<&'static str, AppError> {
    if bytes.is_empty() {
        return Err(AppError::File("附件为空".into()));
    }
    if bytes.len() > MAX_BYTES {
        return Err(AppError::File(format!(
            "附件「{file_name}」超过 {} MB 上限",
            MAX_BYTES / 1024 / 1024
        )));
    }
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let kind = KINDS
        .iter()
        .find(|(exts, _, _)| exts.contains(&ext.as_str()));
    match kind {
        Some((_, _, magic)) if bytes.starts_with(magic) && looks_like_a_page(bytes) => {
            Err(AppError::File(format!(
                "附件「{file_name}」的开头含有网页代码，不能作为附件上传，请上传原始文件"
            )))
        }
        Some((_, media, magic)) if bytes.starts_with(magic) => Ok(media),
        Some(_) => Err(AppError::File(format!(
            "附件「{file_name}」的内容与扩展名 .{ext} 不符，请上传真实的文件"
        ))),
        None => Err(AppError::File(format!(
            "不支持的附件类型「{file_name}」：可上传 PDF、OFD、Word、Excel、WPS、PNG、JPG、ZIP"
        ))),
    }
}

/// Markup that a browser sniffing the start of a file would run as a page.
const PAGE_MARKERS: [&[u8]; 7] = [
    b"<html",
    b"<script",
    b"<!doctype",
    b"<body",
    b"<svg",
    b"<iframe",
    b"<meta",
];

/// Whether the first KiB holds page markup: a polyglot (a PDF that is also HTML) is refused
/// even though downloads are served as attachments in a sandbox (issue 13).
fn looks_like_a_page(bytes: &[u8]) -> bool {
    let head = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
    PAGE_MARKERS
        .iter()
        .any(|m| head.windows(m.len()).any(|w| w == *m))
}

/// A file name safe to store and offer: no path, no control characters, at most 100 characters.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"' && !gongkai_domain::fields::is_bidi_control(*c))
        .take(100)
        .collect();
    if cleaned.trim().is_empty() {
        "附件".into()
    } else {
        cleaned.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue13_a_pdf_that_is_also_a_web_page_is_refused() {
        let polyglot = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n%%EOF";
        let err = check_upload("通知.pdf", polyglot).unwrap_err();
        assert!(err.to_string().contains("网页代码"), "{err}");
        assert_eq!(
            check_upload("通知.pdf", b"%PDF-1.4\n1 0 obj\n").ok(),
            Some("application/pdf")
        );
    }

    #[test]
    fn issue13_direction_controls_leave_file_names() {
        assert_eq!(clean_file_name("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
    }
}
