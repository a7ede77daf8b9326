//! PDF input (issue 4): read through `pdftotext -layout` (scripts/test installs poppler-utils).

use crate::report_fixtures;
use crate::roundtrip::difference;
use gongkai_domain::check::Rule;
use gongkai_domain::report::{AnnualReport, Cell};
use gongkai_report::pdf::Fonts;
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

/// The fonts scripts/test installs (Debian fonts-wqy-microhei and fonts-noto-cjk).
fn fonts() -> Fonts {
    Fonts::discover(None).expect("a CJK font: scripts/test installs fonts-noto-cjk")
}

/// A PDF has no paragraph marks: lines wrap where the page ends. The same report, read from
/// a PDF, has the same tables, title, agency, year and sections, and the same text once the
/// line breaks are taken out.
fn same_as_printed(a: &AnnualReport, b: &AnnualReport) -> Result<(), String> {
    let squeeze = |t: &str| t.split_whitespace().collect::<String>();
    let sections = |r: &AnnualReport| -> Vec<_> {
        r.sections
            .iter()
            .map(|s| (s.kind, s.numeral, s.title.clone(), squeeze(&s.text)))
            .collect()
    };
    let tables_equal =
        a.proactive == b.proactive && a.applications == b.applications && a.appeals == b.appeals;
    let header = |r: &AnnualReport| (r.format, r.title.clone(), r.agency.clone(), r.year);
    if !tables_equal || header(a) != header(b) {
        return Err(difference(a, b));
    }
    if squeeze(&a.preamble) != squeeze(&b.preamble) {
        return Err(format!("preamble: {:?} vs {:?}", a.preamble, b.preamble));
    }
    let (x, y) = (sections(a), sections(b));
    match x.iter().zip(&y).find(|(p, q)| p != q) {
        Some((p, q)) => Err(format!("section {p:?} vs {q:?}")),
        None if x.len() != y.len() => Err(format!("{} sections vs {}", x.len(), y.len())),
        None => Ok(()),
    }
}

/// The check findings of a report, without the parse notes (which describe the input).
fn verdict(report: &AnnualReport) -> Vec<(String, String)> {
    gongkai_domain::check::check(report, None)
        .into_iter()
        .map(|f| (f.rule.code().to_string(), f.message))
        .collect()
}

/// What a printed page can show: a cell a web copy lost (`Cell::Lost`, the seed's sub-rows)
/// or never reached prints as an empty cell, and an empty cell reads back blank.
fn as_printed(mut report: AnnualReport) -> AnnualReport {
    for grid in [
        &mut report.proactive,
        &mut report.applications,
        &mut report.appeals,
    ]
    .into_iter()
    .flatten()
    {
        let lost: Vec<(usize, usize)> = grid
            .iter()
            .filter(|(_, _, c)| matches!(c, Cell::Lost))
            .map(|(r, c, _)| (r, c))
            .collect();
        for (r, c) in lost {
            grid.set(r, c, Cell::Text(String::new()));
        }
    }
    // A row of table 三 that the capture cut off before its values prints empty too, and
    // reads back blank beside rows that have values.
    let has_values =
        |g: &gongkai_domain::report::Grid| g.iter().any(|(_, _, c)| matches!(c, Cell::Number(_)));
    if let Some(grid) = report.applications.as_mut().filter(|g| has_values(g)) {
        let unread: Vec<(usize, usize)> = grid
            .iter()
            .filter(|(r, c, cell)| {
                matches!(cell, Cell::Missing) && grid.has_row(*r) && grid.has_col(*c)
            })
            .map(|(r, c, _)| (r, c))
            .collect();
        for (r, c) in unread {
            grid.set(r, c, Cell::Text(String::new()));
        }
    }
    report
}

/// Issue 4: `report convert --to pdf` of every fixture, read back through `pdftotext`, is the
/// same report (as printed) with the same findings.
#[test]
fn every_fixture_round_trips_through_pdf() {
    let fonts = fonts();
    for path in report_fixtures() {
        let parsed = parse(&std::fs::read(&path).expect("fixture"));
        let pdf = gongkai_report::pdf::write(&parsed.report, &fonts).expect("pdf");
        let back = parse(&pdf);
        assert_eq!(back.input, InputKind::Pdf);
        let (name, printed) = (path.display(), as_printed(parsed.report));
        if let Err(why) = same_as_printed(&back.report, &printed) {
            panic!("{name} via PDF: {why}");
        }
        assert_eq!(verdict(&back.report), verdict(&printed), "{name} via PDF");
    }
}

/// Every label of the three tables that the report has, and every number, as `pdftotext`
/// extracts them (in reading order; a label wrapped inside its cell is one label).
fn expected_table_text(r: &AnnualReport) -> Vec<String> {
    use gongkai_domain::report::layout::{APPEAL_COLUMNS, APPLICANT_COLUMNS};
    let mut out: Vec<String> = Vec::new();
    if let Some(grid) = &r.applications {
        let rows = r.format.application_rows();
        out.extend(
            (0..rows.len())
                .filter(|i| grid.has_row(*i))
                .map(|i| rows[i].label.into()),
        );
        out.extend(APPLICANT_COLUMNS.iter().map(|c| c.label.into()));
    }
    if r.appeals.is_some() {
        out.extend(APPEAL_COLUMNS.iter().map(|c| c.label.into()));
    }
    if let Some(grid) = &r.proactive {
        let rows = r.format.proactive_rows();
        for i in (0..rows.len()).filter(|i| grid.has_row(*i)) {
            out.push(rows[i].label.into());
            out.extend(rows[i].columns.iter().map(|c| c.label.into()));
        }
    }
    out
}

fn pdftotext(pdf: &[u8], layout: bool) -> String {
    let dir = std::env::temp_dir().join(format!("gongkai-pdftext-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(format!("report-{layout}.pdf"));
    std::fs::write(&file, pdf).expect("write pdf");
    let mut cmd = std::process::Command::new("pdftotext");
    if layout {
        cmd.arg("-layout");
    }
    let out = cmd.arg(&file).arg("-").output().expect("pdftotext runs");
    std::fs::remove_dir_all(&dir).ok();
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Issue 4: `pdftotext` on a generated PDF yields every table label and number of the report.
#[test]
fn pdftotext_of_a_generated_pdf_yields_every_table_label_and_number() {
    let fonts = fonts();
    for name in [
        "huaian-shi-2024.txt",
        "shanghai-bgt-2019.txt",
        "pingtan-2025.txt",
    ] {
        let parsed = parse(&std::fs::read(crate::test_data().join("reports").join(name)).unwrap());
        let pdf = gongkai_report::pdf::write(&parsed.report, &fonts).expect("pdf");
        let text: String = pdftotext(&pdf, false).split_whitespace().collect();
        for label in expected_table_text(&parsed.report) {
            // A column label wider than its column breaks after four characters (社会公益 /
            // 组织); beside its neighbours' first lines, its second line comes later.
            let halves = label.char_indices().nth(4).map(|(i, _)| label.split_at(i));
            let found = text.contains(&label)
                || halves.is_some_and(|(a, b)| text.contains(a) && text.contains(b));
            assert!(found, "{name}: 「{label}」 not in the PDF text");
        }
        let tokens: Vec<String> = pdftotext(&pdf, true)
            .split_whitespace()
            .map(String::from)
            .collect();
        for grid in [
            &parsed.report.proactive,
            &parsed.report.applications,
            &parsed.report.appeals,
        ]
        .into_iter()
        .flatten()
        {
            for (r, c, cell) in grid.iter() {
                let shown = cell.display();
                if !shown.is_empty() {
                    assert!(
                        tokens.contains(&shown),
                        "{name}: ({r},{c}) {shown} not in the PDF text"
                    );
                }
            }
        }
    }
}

/// A font the user names (`--font path#index`) is used; the small 文泉驿微米黑 has no bold
/// face, so headings are drawn stroked, and the PDF still reads back as the same report.
#[test]
fn a_named_font_without_a_bold_face_sets_a_pdf_that_reads_back() {
    let fonts = Fonts::discover(Some("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0"))
        .expect("scripts/test installs fonts-wqy-microhei");
    assert!(fonts.bold.is_none());
    let path = crate::test_data().join("reports/huaian-shi-2024.txt");
    let parsed = parse(&std::fs::read(path).expect("fixture"));
    let back = parse(&gongkai_report::pdf::write(&parsed.report, &fonts).expect("pdf"));
    if let Err(why) = same_as_printed(&back.report, &parsed.report) {
        panic!("via a wqy-microhei PDF: {why}");
    }
}

#[test]
fn a_missing_font_file_is_named_in_the_error() {
    let Err(message) = Fonts::discover(Some("/nonexistent/字体.ttf")) else {
        panic!("a missing font must be an error");
    };
    assert!(message.contains("/nonexistent/字体.ttf"), "{message}");
}

/// Issue 7: letters and forms as PDF: the text comes back out of `pdftotext`, the long
/// paragraph wrapped but whole.
#[test]
fn a_simple_document_as_pdf_reads_back_as_its_text() {
    use gongkai_report::docx::Part;
    let body = "本机关于2025年6月3日收到您提出的政府信息公开申请，经审查，您申请的政府信息属于公开范围，依据条例第三十六条第（一）项、第（二）项的规定，现予以提供。";
    let parts = [
        Part::Title("政府信息公开申请答复书".into()),
        Part::Paragraph("王小明：".into()),
        Part::Paragraph(body.into()),
        Part::Table(vec![
            vec!["环节".into(), "办理人".into()],
            vec!["答复".into(), "李静".into()],
        ]),
    ];
    let pdf = gongkai_report::pdf::write_parts(&parts, &fonts()).expect("pdf");
    let text = gongkai_report::pdf::read(&pdf).expect("pdftotext");
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains("政府信息公开申请答复书"), "{text}");
    assert!(joined.contains(&body.replace(' ', "")), "{text}");
    assert!(joined.contains("李静"), "{text}");
}

/// Issue 17: a letter as printed: the 文号 centred under the title, the salutation flush left,
/// the body indented two characters, the 落款 flush right with room above for the seal; in
/// the DOCX the same as paragraph properties Word and WPS honour.
#[test]
fn a_letter_puts_its_doc_number_centred_and_its_signature_flush_right() {
    use gongkai_report::docx::Part;
    let parts = [
        Part::Title("政府信息公开申请答复书".into()),
        Part::Centred("七政依申答〔2026〕3号".into()),
        Part::Flush("王小明：".into()),
        Part::Paragraph("本机关于2026年6月3日收到您提出的政府信息公开申请。".into()),
        Part::Signature(vec![
            "新乡县七里营镇人民政府".into(),
            "2026年6月20日".into(),
        ]),
    ];
    let pdf = gongkai_report::pdf::write_parts(&parts, &fonts()).expect("pdf");
    let layout = pdftotext(&pdf, true);
    let line = |needle: &str| {
        layout
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} in {layout}"))
            .to_string()
    };
    let indent = |l: &str| l.chars().take_while(|c| *c == ' ').count();
    let (salutation, body) = (line("王小明："), line("本机关于"));
    let (agency, date, number) = (
        line("七里营镇人民政府"),
        line("2026年6月20日"),
        line("〔2026〕3号"),
    );
    assert!(
        indent(&salutation) < indent(&body),
        "body indented:\n{layout}"
    );
    assert!(
        indent(&agency) > indent(&body) + 15,
        "落款 flush right:\n{layout}"
    );
    assert!(
        indent(&date) > indent(&body) + 20,
        "date flush right:\n{layout}"
    );
    assert!(
        indent(&number) > indent(&salutation) + 6,
        "文号 centred:\n{layout}"
    );
    let gap = layout
        .lines()
        .skip_while(|l| !l.contains("本机关于"))
        .skip(1)
        .take_while(|l| !l.contains("七里营镇人民政府"))
        .count();
    assert!(gap >= 2, "room for the seal above the 落款:\n{layout}");

    let docx = gongkai_report::docx::write_parts(&parts).expect("docx");
    let xml = document_xml(&docx);
    let para = |needle: &str| {
        let end = xml.find(needle).expect("text in document.xml");
        xml[..end]
            .rfind("<w:p>")
            .map(|start| xml[start..end].to_string())
            .unwrap_or_default()
    };
    assert!(para("新乡县七里营镇人民政府").contains("<w:jc w:val=\"right\"/>"));
    assert!(
        para("新乡县七里营镇人民政府").contains("w:before=\"1200\""),
        "seal space"
    );
    assert!(para("2026年6月20日").contains("<w:jc w:val=\"right\"/>"));
    assert!(para("七政依申答").contains("<w:jc w:val=\"center\"/>"));
    assert!(para("本机关于").contains("w:firstLineChars=\"200\""));
    assert!(!para("王小明").contains("firstLine"));
}

fn document_xml(docx: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    xml
}

/// Issue 20: no page of a generated report ends with a section heading or a table's caption
/// (keep-with-next): the heading goes to the next page with what it introduces.
#[test]
fn issue20_no_page_ends_with_a_heading() {
    let fonts = fonts();
    let sections = [
        "总体情况",
        "主动公开政府信息",
        "收到和处理",
        "行政复议",
        "存在的主要问题",
        "其他需要报告",
    ];
    let heading = |l: &str| {
        let l = l.trim();
        let numbered = ["一、", "二、", "三、", "四、", "五、", "六、"]
            .iter()
            .any(|n| l.starts_with(n));
        numbered && sections.iter().any(|s| l.contains(s)) && l.chars().count() < 30
            || l.starts_with("第二十条第")
    };
    for path in report_fixtures() {
        let parsed = parse(&std::fs::read(&path).expect("fixture"));
        let pdf = gongkai_report::pdf::write(&parsed.report, &fonts).expect("pdf");
        let text = pdftotext(&pdf, false);
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        // The last page may end with a heading when the report itself does (a partial copy).
        for (n, page) in pages.iter().enumerate().take(pages.len().saturating_sub(1)) {
            let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
            // The last line is the folio ("- 3 -"); the one above it ends the page's text.
            if let Some(last) = lines.len().checked_sub(2).map(|i| lines[i]) {
                assert!(
                    !heading(last),
                    "{}: page {} ends with {last}",
                    path.display(),
                    n + 1
                );
            }
        }
    }
}
