//! Issue 4: the DOCX and XLSX we write open in a real office suite. LibreOffice, headless
//! (scripts/test installs Debian's libreoffice-writer-nogui and libreoffice-calc-nogui),
//! converts them to text and CSV, and what comes out is the report: its title and headings,
//! and every value of tables 三 and 四 under its label.

use gongkai_domain::report::AnnualReport;
use gongkai_report::parse;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A folder of its own per test, holding the input, the output and LibreOffice's profile
/// (two instances sharing a profile refuse to start).
struct Office {
    dir: PathBuf,
}

impl Office {
    fn new(name: &str) -> Office {
        let dir =
            std::env::temp_dir().join(format!("gongkai-office-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Office { dir }
    }

    /// `soffice --headless --convert-to FILTER FILE`; the files it wrote.
    fn convert(&self, name: &str, bytes: &[u8], filter: &str) -> Vec<PathBuf> {
        let input = self.dir.join(name);
        std::fs::write(&input, bytes).expect("write input");
        let out = self.dir.join("out");
        let status = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                self.dir.join("profile").display()
            ))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                filter,
                "--outdir",
            ])
            .arg(&out)
            .arg(&input)
            .output()
            .expect("soffice runs (scripts/test installs LibreOffice)");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
            .expect("LibreOffice wrote output")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        files
    }
}

impl Drop for Office {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

fn huaian() -> AnnualReport {
    let path = crate::test_data().join("reports/huaian-shi-2024.txt");
    parse(&std::fs::read(path).expect("fixture")).report
}

/// Each row of table 三 the report has: its label and its values as printed.
fn application_rows(r: &AnnualReport) -> Vec<(&'static str, Vec<String>)> {
    let grid = r.applications.as_ref().expect("table 三");
    let rows = r.format.application_rows();
    (0..rows.len())
        .filter(|i| grid.has_row(*i))
        .map(|i| {
            let values = (0..7)
                .filter(|c| grid.has_col(*c))
                .map(|c| grid.cell(i, c).display());
            (rows[i].label, values.collect())
        })
        .collect()
}

fn appeal_values(r: &AnnualReport) -> Vec<String> {
    let grid = r.appeals.as_ref().expect("table 四");
    (0..15).map(|k| grid.cell(k / 5, k % 5).display()).collect()
}

#[test]
fn libreoffice_opens_our_docx_and_shows_the_report() {
    let report = huaian();
    let office = Office::new("docx");
    let docx = gongkai_report::docx::write(&report).expect("docx");
    let files = office.convert("huaian.docx", &docx, "txt:Text");
    let text = std::fs::read_to_string(&files[0]).expect("text");
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}'))
        .collect();
    // A title longer than a line of 二号 breaks where the sense allows (issue 20).
    let title = report.title.as_deref().expect("title");
    let shown = if lines[0] == title {
        lines[0].to_string()
    } else {
        lines[..2].concat()
    };
    assert_eq!(shown, title);
    for section in &report.sections {
        let heading = format!(
            "{}、{}",
            gongkai_domain::report::layout::numeral(section.numeral),
            section.title
        );
        assert!(lines.contains(&heading.as_str()), "heading {heading}");
    }
    // Each cell is a paragraph: a row's label, then its values.
    for (label, values) in application_rows(&report) {
        let at = lines
            .iter()
            .position(|l| *l == label)
            .unwrap_or_else(|| panic!("{label}"));
        assert_eq!(lines[at + 1..at + 1 + values.len()], values, "{label}");
    }
    let appeals = appeal_values(&report);
    let last_label = lines
        .iter()
        .rposition(|l| *l == "总计")
        .expect("表四 header");
    assert_eq!(lines[last_label + 1..last_label + 16], appeals);
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .expect("csv")
        .lines()
        .map(|l| {
            l.split(',')
                .map(|c| c.trim_matches('"').to_string())
                .collect()
        })
        .collect()
}

#[test]
fn libreoffice_opens_our_xlsx_and_shows_each_table_sheet() {
    let report = huaian();
    let office = Office::new("xlsx");
    let xlsx = gongkai_report::xlsx::write(&report, &[]).expect("xlsx");
    // Every sheet to its own CSV (token 12 = -1), UTF-8 (76), comma-separated (44).
    let files = office.convert(
        "huaian.xlsx",
        &xlsx,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
    );
    let sheet = |name: &str| {
        let suffix = format!("-{name}.csv");
        let file = files
            .iter()
            .find(|f| f.to_string_lossy().ends_with(&suffix));
        csv_rows(file.unwrap_or_else(|| panic!("sheet {name} in {files:?}")))
    };
    let table = sheet("表三");
    for (label, values) in application_rows(&report) {
        let row = table
            .iter()
            .find(|r| r.iter().any(|c| c == label))
            .unwrap_or_else(|| panic!("{label}"));
        assert_eq!(row[row.len() - values.len()..], values, "{label}");
    }
    let appeals = sheet("表四");
    assert_eq!(appeals.last().expect("values row"), &appeal_values(&report));
}

/// A line of a PDF page as `pdftotext -bbox` gives it: its words joined, left and right ends.
#[derive(Debug)]
struct Line {
    page: usize,
    text: String,
    left: f64,
    right: f64,
}

fn attr(tag: &str, name: &str) -> f64 {
    let at = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
    let end = tag[at..].find('"').expect("closing quote");
    tag[at..at + end].parse().expect("a number")
}

/// The lines of every page (words whose tops lie within a point of each other), the page
/// width, and the number of pages.
fn pdf_lines(pdf: &Path) -> (Vec<Line>, f64, usize) {
    let out = Command::new("pdftotext")
        .args(["-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let (mut lines, mut width, mut page) = (Vec::<(Line, f64)>::new(), 0.0, 0);
    for tag in html
        .split('<')
        .filter(|t| t.starts_with("page ") || t.starts_with("word "))
    {
        if tag.starts_with("page ") {
            (page, width) = (page + 1, attr(tag, "width"));
            continue;
        }
        let (top, left, right) = (attr(tag, "yMin"), attr(tag, "xMin"), attr(tag, "xMax"));
        let text = tag.split_once('>').map_or("", |(_, t)| t);
        match lines.last_mut() {
            Some((l, y)) if l.page == page && (*y - top).abs() < 1.0 => {
                l.text.push_str(text);
                (l.left, l.right) = (l.left.min(left), l.right.max(right));
            }
            _ => lines.push((
                Line {
                    page,
                    text: text.into(),
                    left,
                    right,
                },
                top,
            )),
        }
    }
    (lines.into_iter().map(|(l, _)| l).collect(), width, page)
}

/// Issue 20: our DOCX opened in LibreOffice and printed to PDF is laid out as a 公文: every
/// line of the title centred, table 三's 「1.属于国家秘密」 on one line (its label column wide
/// enough), and as many pages as our own PDF of the report, give or take one.
#[test]
fn issue20_libreoffice_prints_our_docx_as_an_official_document() {
    let report = huaian();
    let office = Office::new("docx-pdf");
    let docx = gongkai_report::docx::write(&report).expect("docx");
    let files = office.convert("huaian.docx", &docx, "pdf");
    let (lines, width, pages) = pdf_lines(&files[0]);
    let title: String = report
        .title
        .clone()
        .expect("title")
        .split_whitespace()
        .collect();
    let mut seen = String::new();
    for line in &lines {
        if !title.starts_with(&format!("{seen}{}", line.text)) {
            break;
        }
        seen.push_str(&line.text);
        let centre = (line.left + line.right) / 2.0;
        assert!(
            (centre - width / 2.0).abs() < 4.0,
            "title line not centred: {line:?}"
        );
    }
    assert_eq!(seen, title, "the title opens the first page");
    assert!(
        lines.iter().any(|l| l.text.contains("1.属于国家秘密")),
        "「1.属于国家秘密」 wraps"
    );
    let ours = office.dir.join("ours.pdf");
    let fonts = gongkai_report::pdf::Fonts::discover(None).expect("a CJK font");
    std::fs::write(
        &ours,
        gongkai_report::pdf::write(&report, &fonts).expect("pdf"),
    )
    .unwrap();
    let (_, _, our_pages) = pdf_lines(&ours);
    assert!(
        pages.abs_diff(our_pages) <= 1,
        "LibreOffice {pages} pages, ours {our_pages}"
    );
}

/// Issue 20: the 保密审查审批表 as the console writes it (a long history of flags, four steps,
/// room for opinions and signatures) prints on one A4 page in LibreOffice.
#[test]
fn issue20_the_approval_sheet_prints_on_one_page() {
    use gongkai_report::docx::Part;
    let row = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
    let step =
        |a: &str, b: &str| vec![a.into(), b.into(), "2026-12-07 16:37".into(), String::new()];
    let flags = "疑似身份证号码「11010519491231002X」（第1版发现）：第2版已修改删除；疑似手机号码「13812345678」（第1版发现）：确认保留，理由：本人同意公开联系电话（李静（党政办），2026-12-07 16:37）";
    let parts = [
        Part::Title("信息公开保密审查审批表".into()),
        Part::Flush("单位：新乡县七里营镇人民政府　　索引号：11410721MB1C75730P/2026-00003".into()),
        Part::Table(vec![
            row("信息标题", "关于七里营村困难群众临时救助的公示"),
            row("文号", "七政〔2026〕12号"),
            row("成文日期", "2026-06-02"),
            row("公开方式", "主动公开（政府信息公开专栏）"),
            row("保密审查提示", flags),
        ]),
        Part::Heading("审查审批记录".into()),
        Part::Table(vec![
            vec!["环节".into(), "办理人".into(), "时间".into(), "意见".into()],
            step("提交审核（第1版）", "张华（社会事务办）"),
            step("退回修改（第1版）", "李静（党政办）"),
            step("提交审核（第2版）", "张华（社会事务办）"),
            step("登记审核通过（第2版）", "李静（党政办）"),
            step("审批发布（第2版）", "王强（镇长）"),
        ]),
        Part::Heading("签字".into()),
        Part::Table(vec![
            row("登记审核意见", ""),
            row("登记审核人签字", "日期：　　年　　月　　日"),
            row("领导审批意见", ""),
            row("审批人签字", "日期：　　年　　月　　日"),
        ]),
    ];
    let docx = gongkai_report::docx::write_parts(&parts).expect("docx");
    let office = Office::new("sheet");
    let files = office.convert("sheet.docx", &docx, "pdf");
    let (lines, _, pages) = pdf_lines(&files[0]);
    assert_eq!(pages, 1, "{lines:?}");
    assert!(lines.iter().any(|l| l.text.contains("审批人签字")));
}
