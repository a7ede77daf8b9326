//! Issue 13: zip bombs and oversized input are refused quickly, in a process whose memory
//! stays small. Each case runs in a child process (this test binary again) that parses the
//! file and reports its own peak memory (`VmHWM`), so other tests cannot blur the reading.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const CHILD: &str = "GONGKAI_BOMB_CHILD";
/// Peak memory the parsing process may reach.
const MAX_PEAK_KB: u64 = 200 * 1024;

/// A ZIP of `entries`, the big one written in 1 MiB chunks (never held whole).
fn zip_bomb(path: &Path, small: &[(&str, &str)], big: &str, big_mib: usize) {
    let file = std::fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, text) in small {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.start_file(big, options).expect("entry");
    let chunk = "<w:p><w:r><w:t>0</w:t></w:r></w:p>".repeat(1024 * 1024 / 34);
    for _ in 0..big_mib {
        zip.write_all(chunk.as_bytes()).expect("write");
    }
    zip.finish().expect("finish");
}

fn bombs(dir: &Path) -> Vec<PathBuf> {
    let docx = dir.join("bomb.docx");
    let types = ("[Content_Types].xml", "<Types/>");
    zip_bomb(&docx, &[types], "word/document.xml", 120);
    let xlsx = dir.join("bomb.xlsx");
    let book = (
        "xl/workbook.xml",
        "<workbook><sheets><sheet name=\"表三\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
    );
    zip_bomb(&xlsx, &[types, book], "xl/worksheets/sheet1.xml", 120);
    let digits = dir.join("digits.txt");
    let mut f = std::fs::File::create(&digits).expect("create");
    for _ in 0..200 {
        f.write_all(&[b'7'; 1024 * 1024]).expect("write");
    }
    vec![docx, xlsx, digits]
}

/// The child's side: parse the file named in the environment and print the peak memory.
#[allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    reason = "the child process reports to its parent test on stdout; a panic fails that test"
)]
fn child(file: &str) {
    let bytes_len = std::fs::metadata(file).expect("file").len();
    let started = std::time::Instant::now();
    let parsed = if bytes_len > gongkai_report::limits::DEFAULT.max_bytes as u64 {
        // As the CLI does: refused by its size before it is read.
        let why = gongkai_report::limits::DEFAULT
            .check_size(bytes_len)
            .unwrap_err();
        gongkai_report::refused(&why)
    } else {
        gongkai_report::parse(&std::fs::read(file).expect("read"))
    };
    let elapsed = started.elapsed().as_millis();
    let status = std::fs::read_to_string("/proc/self/status").expect("status");
    let hwm = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .map(|v| v.trim().trim_end_matches(" kB").trim().to_string())
        .unwrap_or_default();
    let rule = parsed
        .diagnostics
        .first()
        .map(|d| d.rule.code())
        .unwrap_or("");
    println!("\nRESULT hwm_kb={hwm} ms={elapsed} rule={rule}");
}

#[test]
fn issue13_zip_bombs_and_huge_inputs_are_refused_quickly_in_little_memory() {
    if let Ok(file) = std::env::var(CHILD) {
        return child(&file);
    }
    let dir = std::env::temp_dir().join(format!("gongkai-bombs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    for bomb in bombs(&dir) {
        assert!(
            bomb.extension().is_some_and(|e| e == "txt")
                || std::fs::metadata(&bomb).expect("m").len() < 3 * 1024 * 1024,
            "the bomb is small"
        );
        let out = Command::new(std::env::current_exe().expect("exe"))
            .args([
                "--exact",
                "bombs::issue13_zip_bombs_and_huge_inputs_are_refused_quickly_in_little_memory",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, &bomb)
            .output()
            .expect("child");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let line = stdout
            .lines()
            .find_map(|l| l.split_once("RESULT ").map(|(_, r)| r))
            .unwrap_or_else(|| panic!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
        let field = |k: &str| {
            line.split_whitespace()
                .find_map(|f| f.strip_prefix(k))
                .unwrap_or("")
                .to_string()
        };
        println!("{}: {line}", bomb.display());
        let hwm: u64 = field("hwm_kb=").parse().expect("hwm");
        let ms: u64 = field("ms=").parse().expect("ms");
        assert_eq!(
            field("rule="),
            "parse-unreadable",
            "{}: {line}",
            bomb.display()
        );
        assert!(hwm < MAX_PEAK_KB, "{}: peak {hwm} kB", bomb.display());
        assert!(ms < 5_000, "{}: {ms} ms", bomb.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Found by `scripts/fuzz` (target `parse`): a 1.7 KB report with runs of a hundred digits in
/// its tables kept the digit splitter busy for minutes, because cutting one long token did not
/// count against the work limit. Every input found by the fuzzer is kept in `test_data/fuzz`
/// and must parse (a hang fails this test after a minute instead of stalling the run).
#[test]
fn fuzz_findings_parse_without_hanging() {
    let dir = crate::test_data().join("fuzz");
    for entry in std::fs::read_dir(&dir).expect("test_data/fuzz") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let (done, wait) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let parsed = gongkai_report::parse(&bytes);
            let _ = done.send(parsed.findings(None).len());
        });
        let result = wait.recv_timeout(std::time::Duration::from_secs(60));
        assert!(result.is_ok(), "{} did not finish parsing", path.display());
    }
}
