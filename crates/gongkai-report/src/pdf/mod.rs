//! PDF in and out. In: the text with its layout, from poppler's `pdftotext -layout` (Debian
//! `poppler-utils`), then parsed like any `pdftotext` output; the one place this crate runs
//! another program. Out: [`write`], set in an installed CJK font ([`Fonts::discover`]).

mod fonts;
mod typeset;
mod write;

pub use fonts::{FONT_HINT, Face, Fonts, installed as fonts_installed};
pub use write::{write, write_parts};

use std::io::Write;
use std::process::{Command, Stdio};

/// Whether the bytes are a PDF file.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// The PDF's text laid out by position, or why it cannot be had (in Chinese, for the user).
pub fn read(bytes: &[u8]) -> Result<String, String> {
    let text = pdftotext(bytes)?;
    if text.trim().is_empty() {
        return Err(
            "该 PDF 没有文字层（可能是扫描件），无法读取其中的文字和数字；\
                    请提供可复制文字的 PDF，或 Word、网页版本"
                .to_string(),
        );
    }
    Ok(text)
}

fn pdftotext(bytes: &[u8]) -> Result<String, String> {
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "读取 PDF 需要 pdftotext：请安装 Debian 软件包 \
                                             poppler-utils（apt install poppler-utils）"
                .to_string(),
            _ => format!("无法运行 pdftotext：{e}"),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        // pdftotext may stop reading early on a broken file; its exit status says why.
        let _ = stdin.write_all(bytes);
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("pdftotext 运行失败：{e}"))?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        return Err(format!("pdftotext 无法读取该 PDF：{}", why.trim()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
