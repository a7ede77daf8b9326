//! PDF input (issue 4): read through `pdftotext -layout` (scripts/test installs poppler-utils).

use gongkai_domain::check::Rule;
use gongkai_report::{InputKind, parse};

/// A valid PDF of one blank A4 page: what a scan looks like to a text extractor.
fn blank_page_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    let trailer = format!("trailer\n<< /Size {} /Root 1 0 R >>\n", objects.len() + 1);
    pdf.extend(format!("{trailer}startxref\n{xref}\n%%EOF\n").bytes());
    pdf
}

fn unreadable_message(bytes: &[u8]) -> String {
    let parsed = parse(bytes);
    assert_eq!(parsed.input, InputKind::Pdf);
    let finding = parsed
        .diagnostics
        .iter()
        .find(|f| f.rule == Rule::ParseUnreadable)
        .expect("a parse-unreadable diagnostic");
    finding.message.clone()
}

#[test]
fn a_scanned_pdf_without_a_text_layer_is_diagnosed_not_read_as_an_empty_report() {
    let message = unreadable_message(&blank_page_pdf());
    assert!(message.contains("没有文字层"), "{message}");
}

#[test]
fn a_broken_pdf_is_diagnosed_with_what_pdftotext_said() {
    let message = unreadable_message(b"%PDF-1.4\nthis is not a PDF body\n");
    assert!(message.starts_with("pdftotext 无法读取该 PDF"), "{message}");
}
