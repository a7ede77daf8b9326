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
    let title = report.title.as_deref().expect("title");
    assert_eq!(lines[0], title);
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
