//! PDF input (issue 4): read through `pdftotext -layout` (scripts/test installs poppler-utils).

use gongkai_domain::check::Rule;
use gongkai_report::{InputKind, parse};

/// A valid PDF of one blank A4 page: what a scan looks like to a text extractor.
fn blank_page_pdf() -> Vec<u8> {
    write_pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_string(),
    ])
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

/// A text-layer PDF of layout text, as `pdftotext -layout` would have read it: every run of
/// non-space characters is placed at its column (a CJK character two columns, others one), in
/// a Type0 font whose ToUnicode map gives the characters back. The font is not embedded: the
/// file is for text extraction, as a published PDF is to us.
fn layout_text_pdf(text: &str) -> Vec<u8> {
    let mut cids: Vec<char> = Vec::new();
    let mut pages: Vec<String> = vec![String::new()];
    let mut y = 802;
    for line in text.lines() {
        if y < 40 {
            pages.push(String::new());
            y = 802;
        }
        let page = pages.last_mut().expect("a page");
        for (i, run) in runs(line) {
            let column: usize = line[..i].chars().map(width).sum();
            let hex: String = run
                .chars()
                .map(|c| format!("{:04X}", cid(&mut cids, c)))
                .collect();
            let x = 20.0 + column as f64 * 4.5;
            page.push_str(&format!(
                "BT /F1 9 Tf 1 0 0 1 {x:.1} {y} Tm <{hex}> Tj ET\n"
            ));
        }
        y -= 13;
    }
    assemble(&pages, &cids)
}

/// The runs of non-space characters of a line, with their byte offsets.
fn runs(line: &str) -> impl Iterator<Item = (usize, &str)> {
    line.split(' ')
        .scan(0, |at, word| {
            let start = *at;
            *at += word.len() + 1;
            Some((start, word))
        })
        .filter(|(_, w)| !w.is_empty())
}

fn width(c: char) -> usize {
    if c >= '\u{2E80}' { 2 } else { 1 }
}

fn cid(cids: &mut Vec<char>, c: char) -> usize {
    let at = cids.iter().position(|&x| x == c).unwrap_or_else(|| {
        cids.push(c);
        cids.len() - 1
    });
    at + 1
}

fn assemble(pages: &[String], cids: &[char]) -> Vec<u8> {
    let to_unicode: String = cids
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let utf16: String = c
                .encode_utf16(&mut [0; 2])
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            format!("1 beginbfchar <{:04X}> <{utf16}> endbfchar\n", i + 1)
        })
        .collect();
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /U def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n{to_unicode}endcmap CMapName currentdict /CMap defineresource pop end end"
    );
    let narrow: String = cids
        .iter()
        .enumerate()
        .filter(|(_, c)| width(**c) == 1)
        .map(|(i, _)| format!("{} [500] ", i + 1))
        .collect();
    let first_page = 7;
    let kids: String = (0..pages.len())
        .map(|i| format!("{} 0 R ", first_page + 2 * i))
        .collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{kids}] /Count {} >>", pages.len()),
        format!("<< /Length {} >>\nstream\n{cmap}\nendstream", cmap.len()),
        "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>".to_string(),
        format!("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 4 0 R /DW 1000 /W [ {narrow}] >>"),
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 3 0 R >>".to_string(),
    ];
    for (i, content) in pages.iter().enumerate() {
        objects.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> /Contents {} 0 R >>", first_page + 2 * i + 1));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    write_pdf(&objects)
}

/// Numbered objects, the cross-reference table and the trailer.
fn write_pdf(objects: &[String]) -> Vec<u8> {
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

/// A published PDF (here: the 淮安 2024 report, laid out as its `pdftotext -layout` text) is
/// read through pdftotext into the same report as its text.
#[test]
fn a_pdf_with_a_text_layer_reads_as_the_same_report() {
    let text = std::fs::read_to_string(crate::test_data().join("reports/huaian-shi-2024.txt"))
        .expect("fixture");
    let from_pdf = parse(&layout_text_pdf(&text));
    assert_eq!(from_pdf.input, InputKind::Pdf);
    let from_text = gongkai_report::parse_str(&text);
    assert!(from_pdf.report == from_text.report, "PDF and text differ");
    assert!(
        from_pdf
            .findings(None)
            .iter()
            .all(|f| f.rule != Rule::ParseUnreadable)
    );
}
