//! End-to-end runs of the `gongkai` binary: exit codes 0 / 1 / 2, JSON and text output, and
//! conversion (product.md §3).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .expect("run gongkai")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../test_data/reports")
        .join(name)
        .display()
        .to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A temporary folder removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("gongkai-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    TempDir(dir)
}

/// The JSON a command printed, after checking that it exited 0.
fn succeeded_json(out: &Output) -> serde_json::Value {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    serde_json::from_str(&stdout(out)).expect("json")
}

/// `report convert FIXTURE --to TO -o OUT`, which must succeed; then `report check OUT` as JSON.
fn convert_and_check(
    fixture_name: &str,
    to: &str,
    out: &std::path::Path,
) -> (Output, serde_json::Value) {
    let path = out.to_str().expect("utf-8 path");
    let converted = gongkai(&[
        "report",
        "convert",
        &fixture(fixture_name),
        "--to",
        to,
        "-o",
        path,
    ]);
    assert_eq!(
        converted.status.code(),
        Some(0),
        "{to}: {}",
        String::from_utf8_lossy(&converted.stderr)
    );
    let check = gongkai(&["report", "check", path, "--format", "json"]);
    let v = serde_json::from_str(&stdout(&check)).expect("json");
    (check, v)
}

#[test]
fn check_of_a_consistent_report_exits_0_with_one_json_object() {
    let out = gongkai(&[
        "report",
        "check",
        &fixture("huaian-shi-2024.txt"),
        "--format",
        "json",
    ]);
    let v = succeeded_json(&out);
    assert_eq!(v["year"], 2024);
    assert_eq!(v["format"], "2021");
    assert_eq!(v["agency"], "淮安市人民政府");
    assert!(v["findings"].as_array().expect("findings").is_empty());
}

#[test]
fn check_of_a_report_with_an_arithmetic_error_exits_1() {
    let dir = temp_dir("error");
    let text = std::fs::read_to_string(fixture("huaian-shi-2024.txt")).expect("fixture");
    let broken = text.replacen("3001        53", "3002        53", 1);
    let path = dir.join("broken.txt");
    std::fs::write(&path, broken).expect("write");
    let out = gongkai(&["report", "check", path.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("错误 [apps-balance]") && text.contains("错误 [apps-column-sum]"),
        "{text}"
    );
    assert!(text.trim_end().ends_with('。'), "summary line last: {text}");
}

#[test]
fn unreadable_file_exits_2_with_a_chinese_message() {
    let out = gongkai(&["report", "check", "/nonexistent/report.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("无法读取"));
}

#[test]
fn a_directory_is_checked_file_by_file_as_a_json_array() {
    let out = gongkai(&["report", "check", &fixture(""), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "more/ holds two real errors");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let files = v.as_array().expect("array");
    assert_eq!(files.len(), 9 + 25, "the folder and its sub-folder more/");
    assert!(files.iter().all(|f| f["file"].is_string()
        && f["findings"].is_array()
        && f["verdicts"]["apps-balance"].is_string()));
    let with_errors: Vec<&str> = files
        .iter()
        .filter(|f| {
            f["verdicts"].as_object().is_some_and(|v| {
                ["apps-outcome-sum", "appeals-sum"]
                    .iter()
                    .any(|r| v[*r] == "fail")
            })
        })
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(
        with_errors.len() == 2
            && with_errors[0].ends_with("003-hongze-qu-2023.txt")
            && with_errors[1].ends_with("006-pingtan-2020.txt"),
        "{with_errors:?}"
    );
}

#[test]
fn previous_year_is_compared_for_carry_over() {
    let dir = temp_dir("previous");
    let this_year = std::fs::read_to_string(fixture("huaian-shi-2024.txt")).expect("fixture");
    let path = dir.join("huaian-2024.txt");
    std::fs::write(&path, &this_year).expect("write");
    let out = gongkai(&[
        "report",
        "check",
        path.to_str().expect("p"),
        "--previous",
        &fixture("pingtan-2025.txt"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("[cross-year-carryover]"));
}

#[test]
fn convert_writes_each_format_and_reads_back() {
    let dir = temp_dir("convert");
    for to in ["json", "md", "html", "txt", "xlsx", "docx", "pdf"] {
        let (check, v) =
            convert_and_check("pingtan-2025.txt", to, &dir.join(&format!("report.{to}")));
        assert_eq!(v["agency"], "平潭综合实验区管委会办公室", "{to}");
        assert_eq!(check.status.code(), Some(0), "{to}");
    }
}

#[test]
fn convert_to_an_unknown_format_is_refused_in_chinese() {
    let out = gongkai(&[
        "report",
        "convert",
        &fixture("pingtan-2025.txt"),
        "--to",
        "pptx",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不支持的目标格式"));
}

#[test]
fn calendar_workday_names_make_up_days_and_holidays() {
    let out = gongkai(&["calendar", "workday", "2025-09-28"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).starts_with("工作日：2025-09-28 星期日 调休上班"),
        "{}",
        stdout(&out)
    );
    let out = gongkai(&["calendar", "workday", "2026-02-16"]);
    assert!(
        stdout(&out).starts_with("休息日：2026-02-16 星期一 春节放假"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn calendar_add_prints_the_date_first_then_the_working() {
    let out = gongkai(&["calendar", "add", "2025-01-20", "20"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert_eq!(text.lines().next(), Some("2025-02-21"));
    assert!(
        text.contains("2025-01-26 星期日 调休上班（春节）：计第5个工作日"),
        "{text}"
    );
}

#[test]
fn a_schedule_in_the_data_directory_adds_a_year_without_a_release() {
    let dir = temp_dir("calendar");
    std::fs::create_dir_all(dir.join("calendar")).expect("mkdir");
    std::fs::write(
        dir.join("calendar/2027.txt"),
        "year 2027\nholiday 元旦 2027-01-01\n",
    )
    .expect("write");
    let data_dir = dir.join("");
    let args = [
        "calendar",
        "add",
        "2026-12-31",
        "1",
        "--data-dir",
        data_dir.to_str().expect("p"),
    ];
    assert_eq!(stdout(&gongkai(&args)).lines().next(), Some("2027-01-04"));
    let without = stdout(&gongkai(&[
        "calendar",
        "add",
        "2026-12-31",
        "1",
        "--data-dir",
        "/nonexistent",
    ]));
    assert_eq!(without.lines().next(), Some("2027-01-01"));
    assert!(without.contains("2027年的节假日安排尚未载入"));
    // Issue 17: `calendar years` says which years are loaded and from where.
    let years = [
        "calendar",
        "years",
        "--data-dir",
        data_dir.to_str().expect("p"),
    ];
    let listed = stdout(&gongkai(&years));
    let lines: Vec<&str> = listed.lines().collect();
    assert!(
        lines[0].starts_with("2024年\t国务院办公厅") && lines[0].ends_with("内置"),
        "{listed}"
    );
    assert!(
        lines[3].starts_with("2027年") && lines[3].contains("2027.txt"),
        "{listed}"
    );
    assert!(lines[4].starts_with("2028年及以后尚未载入"), "{listed}");
}

#[test]
fn fee_prints_the_total_then_the_bands() {
    let out = gongkai(&["fee", "--items", "41"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert_eq!(text.lines().next(), Some("4300"));
    assert!(text.contains("第41件：1件 × 300元 = 300元"), "{text}");
}

#[test]
fn bad_clock_input_is_refused_in_chinese_without_a_panic() {
    for args in [
        &["calendar", "add", "2025-02-30", "3"][..],
        &["calendar", "add", "2025-01-01", "-1"],
        &["fee", "--pages", "many"],
    ] {
        let out = gongkai(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("错误："),
            "{args:?}"
        );
    }
}

#[test]
fn aggregate_sums_three_reports_and_names_them() {
    let dir = temp_dir("aggregate");
    let text = std::fs::read_to_string(fixture("huaian-shi-2024.txt")).expect("fixture");
    let mut files = Vec::new();
    for name in ["甲县", "乙县", "丙县"] {
        let path = dir.join(&format!("{name}.txt"));
        std::fs::write(
            &path,
            text.replacen("淮安市人民政府", &format!("{name}人民政府"), 1),
        )
        .expect("write");
        files.push(path.display().to_string());
    }
    let mut args = vec!["report", "aggregate"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--to", "json"]);
    let out = gongkai(&args);
    let v = succeeded_json(&out);
    assert_eq!(
        v["applications"]["rows"]["new"],
        serde_json::json!([9003, 159, 0, 0, 183, 12, 9357])
    );
    assert_eq!(v["appeals"]["reconsideration"]["total"], 1053);
    let agency = v["agency"].as_str().expect("agency");
    assert!(
        ["甲县", "乙县", "丙县"].iter().all(|n| agency.contains(n)),
        "{agency}"
    );
}

#[test]
fn aggregate_refuses_reports_with_errors_unless_forced() {
    let dir = temp_dir("aggregate-errors");
    let text = std::fs::read_to_string(fixture("huaian-shi-2024.txt")).expect("fixture");
    let broken = dir.join("broken.txt");
    std::fs::write(
        &broken,
        text.replacen("3001        53", "3002        53", 1),
    )
    .expect("write");
    let (good, bad) = (fixture("huaian-shi-2024.txt"), broken.display().to_string());
    let refused = gongkai(&["report", "aggregate", &good, &bad, "--to", "txt"]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("broken.txt") && stderr.contains("--force"),
        "{stderr}"
    );
    let forced = gongkai(&["report", "aggregate", &good, &bad, "--to", "txt", "--force"]);
    assert_eq!(forced.status.code(), Some(0));
}

/// Splits one CSV record of our summary (no quoted commas in the fields read here).
fn csv_fields(line: &str) -> Vec<String> {
    line.trim_start_matches('\u{feff}')
        .split(',')
        .map(str::to_string)
        .collect()
}

#[test]
fn check_summary_lists_each_report_failures_first_with_counts_per_rule() {
    let dir = temp_dir("summary");
    for entry in std::fs::read_dir(fixture("")).expect("fixtures") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        if path.is_file() && !name.contains(".expected.") && name != "README.md" {
            std::fs::copy(&path, dir.join(&name)).expect("copy");
        }
    }
    let text = std::fs::read_to_string(fixture("huaian-shi-2024.txt")).expect("fixture");
    std::fs::write(
        dir.join("zz-broken.txt"),
        text.replacen("3001        53", "3002        53", 1),
    )
    .expect("write");
    let summary = dir.join("summary.csv");
    let out = gongkai(&[
        "report",
        "check",
        dir.join("").to_str().expect("p"),
        "--summary",
        summary.to_str().expect("p"),
    ]);
    assert_eq!(out.status.code(), Some(1), "the broken copy has errors");
    let csv = std::fs::read_to_string(&summary).expect("summary written");
    let lines: Vec<Vec<String>> = csv.lines().map(csv_fields).collect();
    let header = &lines[0];
    let col = |code: &str| header.iter().position(|h| h == code).expect(code);
    let row = |file: &str| lines.iter().find(|l| l[0].ends_with(file)).expect(file);
    assert_eq!(lines.len(), 1 + 10);
    assert!(
        lines[1][0].ends_with("zz-broken.txt"),
        "failures first: {:?}",
        lines[1]
    );
    assert_eq!(
        row("qiliying-zhen-2025.txt")[col("format-missing-column")],
        "1"
    );
    assert_eq!(
        row("baicheng-nongyenongcun-2024-notables.txt")[col("format-missing-table")],
        "3"
    );
    assert_eq!(
        row("changchun-xinqu-2025-partial.txt")[col("year-mismatch")],
        "2"
    );
    assert!(row("shanghai-bgt-2019.html")[col("narrative-mismatch")] != "0");
    assert!(
        lines[2..].iter().all(|l| l[col("错误")] == "0"),
        "only the broken copy has errors"
    );
    // Issue 18: a column per verdict; reports with rules 无法核对 come right after errors.
    let unverifiable: Vec<usize> = lines[2..]
        .iter()
        .map(|l| l[col("无法核对（条）")].parse().expect("a count"))
        .collect();
    assert!(
        unverifiable.windows(2).all(|w| w[0] > 0 || w[1] == 0),
        "无法核对 sorted right after errors: {unverifiable:?}"
    );
    assert_ne!(
        row("xiongxian-xiang-2019-empty.txt")[col("无法核对（条）")],
        "0"
    );
    assert_eq!(row("huaian-shi-2024.txt")[col("无法核对（条）")], "0");
    let findings =
        std::fs::read_to_string(dir.join("summary-findings.csv")).expect("findings written");
    assert!(findings.contains("zz-broken.txt,apps-balance,错误"));
}

#[test]
fn convert_to_xlsx_reads_back_and_the_summary_can_be_a_workbook() {
    let dir = temp_dir("xlsx");
    let (check, v) = convert_and_check("huaian-shi-2024.txt", "xlsx", &dir.join("huaian.xlsx"));
    assert_eq!(
        (v["input"].as_str(), v["agency"].as_str()),
        (Some("xlsx"), Some("淮安市人民政府"))
    );
    assert_eq!(check.status.code(), Some(0));
    let summary = dir.join("summary.xlsx");
    gongkai(&[
        "report",
        "check",
        &fixture("huaian-shi-2024.txt"),
        &fixture("qiliying-zhen-2025.txt"),
        "--summary",
        summary.to_str().expect("p"),
    ]);
    let text = gongkai_report::xlsx::read(&std::fs::read(&summary).expect("summary"))
        .expect("readable workbook");
    assert!(
        text.lines()
            .any(|l| l.contains("qiliying-zhen-2025.txt\t新乡县七里营镇\t2025\t2021\t0\t1")),
        "{text}"
    );
}

#[test]
fn convert_to_pdf_with_a_font_without_chinese_glyphs_is_refused_in_chinese() {
    let dir = temp_dir("pdf-font");
    let out_file = dir.join("report.pdf");
    let out = gongkai(&[
        "report",
        "convert",
        &fixture("pingtan-2025.txt"),
        "--to",
        "pdf",
        "--font",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "-o",
        out_file.to_str().expect("utf-8"),
    ]);
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不含中文字形"));
    assert!(!out_file.exists(), "no half-written PDF is left behind");
}

/// A scanned PDF (no text layer) is a file that cannot be read: exit 2, and the output says
/// why, rather than "no problems found" in an empty report.
#[test]
fn check_of_a_scanned_pdf_exits_2_and_says_it_has_no_text() {
    let dir = temp_dir("scan");
    let scan = dir.join("scan.pdf");
    let page = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    std::fs::write(&scan, page).expect("write");
    let out = gongkai(&["report", "check", scan.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("没有文字层"), "{text}");
    assert!(text.contains("1个文件无法读取"), "{text}");
}

/// Three audited changes in the SQLite store of `dir`.
fn store_with_three_agencies(dir: &Path) -> (tokio::runtime::Runtime, String) {
    use gongkai_store::agencies::{AgencyKind, NewAgency};
    let url = format!("sqlite:{}", dir.join("gongkai.db").display());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let store = gongkai_store::Store::open(&url).await.expect("open");
        for code in ["A1", "A2", "A3"] {
            let agency = NewAgency {
                parent_id: None,
                code,
                name: "七里营镇",
                level: "乡级",
                kind: AgencyKind::Government,
            };
            let mut tx = store.begin().await.expect("begin");
            tx.insert_agency(&agency, "admin").await.expect("insert");
            tx.commit().await.expect("commit");
        }
        store.close().await;
    });
    (rt, url)
}

/// Issue 5: `audit verify` passes on an intact log and names the row someone edited;
/// `backup` and `restore` bring the untouched log back.
#[test]
fn audit_verify_names_an_edited_row_and_restore_brings_the_log_back() {
    let tmp = temp_dir("audit");
    let dir = tmp.0.clone();
    let (rt, url) = store_with_three_agencies(&dir);
    let data_dir = dir.to_str().expect("utf-8");
    let ok = gongkai(&["audit", "verify", "--data-dir", data_dir]);
    assert_eq!(ok.status.code(), Some(0));
    assert!(stdout(&ok).contains("共3条记录"), "{}", stdout(&ok));
    let copy = dir.join("backup.db");
    let backup = gongkai(&[
        "backup",
        copy.to_str().expect("utf-8"),
        "--data-dir",
        data_dir,
    ]);
    assert_eq!(backup.status.code(), Some(0));
    rt.block_on(async {
        let pool = sqlx::SqlitePool::connect(&url).await.expect("connect");
        sqlx::query("UPDATE audit_log SET detail = '篡改' WHERE seq = 2")
            .execute(&pool)
            .await
            .expect("tamper");
        pool.close().await;
    });
    let bad = gongkai(&["audit", "verify", "--data-dir", data_dir]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stdout(&bad).contains("第2条"), "{}", stdout(&bad));
    let restore = gongkai(&[
        "restore",
        copy.to_str().expect("utf-8"),
        "--data-dir",
        data_dir,
    ]);
    assert_eq!(restore.status.code(), Some(0));
    let again = gongkai(&["audit", "verify", "--data-dir", data_dir]);
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
}

/// Issues 6 and 7: an agency and a user are added from the command line, the report is
/// rendered from the (empty) data and passes the checker, and the index is rebuilt.
#[test]
fn agency_add_user_add_report_render_and_search_reindex() {
    let tmp = temp_dir("render");
    let dir = tmp.0.to_str().expect("utf-8 path");
    add_agency(dir, "11410721MB1C75730P", "新乡县七里营镇人民政府");
    add_user(dir, "admin", "admin", "11410721MB1C75730P");
    let out = tmp.0.join("2025.json");
    let render = gongkai(&[
        "--data-dir",
        dir,
        "report",
        "render",
        "--agency",
        "11410721MB1C75730P",
        "--year",
        "2025",
        "--to",
        "json",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(
        render.status.success(),
        "{}",
        String::from_utf8_lossy(&render.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("json");
    assert_eq!(
        json["title"],
        "新乡县七里营镇人民政府2025年政府信息公开工作年度报告"
    );
    let check = gongkai(&["report", "check", out.to_str().expect("path")]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let reindex = gongkai(&["--data-dir", dir, "search", "reindex"]);
    assert!(
        stdout(&reindex).contains("全文索引已重建：0 条"),
        "{}",
        stdout(&reindex)
    );
    let unknown = gongkai(&[
        "--data-dir",
        dir,
        "report",
        "render",
        "--agency",
        "NOPE",
        "--year",
        "2025",
        "--to",
        "json",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("找不到机关"));
}

/// Issue 7: table 二's figures imported from another system's file with `gongkai import
/// figures`, in the name of one of the agency's users; another agency's user is refused.
#[test]
fn import_figures_fills_table_two_for_the_rendered_report() {
    let tmp = temp_dir("import");
    let dir = tmp.0.to_str().expect("utf-8 path");
    add_agency(dir, "11410721MB1C75730P", "新乡县七里营镇人民政府");
    add_agency(dir, "11410721005570011X", "新乡县人民政府");
    add_user(dir, "dzb", "registrar", "11410721MB1C75730P");
    let file = fixture("changchun-xinqu-2025-partial.txt");
    let import = |agency: &str| {
        gongkai(&[
            "--data-dir",
            dir,
            "import",
            "figures",
            "--agency",
            agency,
            "--year",
            "2025",
            "--user",
            "dzb",
            &file,
        ])
    };
    let wrong = import("11410721005570011X");
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("用户 dzb 不属于机关"));
    let done = import("11410721MB1C75730P");
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(
        stdout(&done).starts_with("已导入2025年度表二6行"),
        "{}",
        stdout(&done)
    );
    let render = gongkai(&[
        "--data-dir",
        dir,
        "report",
        "render",
        "--agency",
        "11410721MB1C75730P",
        "--year",
        "2025",
        "--to",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&render)).expect("json");
    assert_eq!(
        json["proactive"]["licensing"], 29858,
        "{}",
        json["proactive"]
    );
}

/// `gongkai agency add` in `dir`.
fn add_agency(dir: &str, code: &str, name: &str) {
    let add = gongkai(&[
        "--data-dir",
        dir,
        "agency",
        "add",
        "--code",
        code,
        "--name",
        name,
    ]);
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
}

/// `gongkai user add` in `dir`, the password on standard input.
fn add_user(dir: &str, username: &str, role: &str, agency: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args([
            "--data-dir",
            dir,
            "user",
            "add",
            "--username",
            username,
            "--name",
            username,
            "--role",
            role,
            "--agency",
            agency,
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write;
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(b"abcdef123456\n").expect("password");
    drop(stdin);
    assert!(child.wait().expect("wait").success());
}

#[test]
fn issue13_summary_csv_cells_that_look_like_formulas_are_defused() {
    let dir = temp_dir("csv-injection");
    let text = std::fs::read_to_string(fixture("huaian-shi-2024.txt")).expect("fixture");
    let evil = "=cmd|' /C calc'!A0";
    let report = dir.join("=HYPERLINK.txt");
    let body: Vec<&str> = text.lines().skip(2).collect();
    let evil_title = format!("{evil}2024年政府信息公开工作年度报告\n{}", body.join("\n"));
    std::fs::write(&report, evil_title).expect("write");
    let summary = dir.join("summary.csv");
    gongkai(&[
        "report",
        "check",
        report.to_str().expect("p"),
        "--summary",
        summary.to_str().expect("p"),
    ]);
    let csv = std::fs::read_to_string(&summary).expect("written");
    assert!(
        csv.contains(",'=cmd|"),
        "the agency cell is there, defused: {csv}"
    );
    for name in ["summary.csv", "summary-findings.csv"] {
        let csv = std::fs::read_to_string(dir.join(name)).expect("written");
        for line in csv.lines() {
            for cell in csv_fields(line) {
                let cell = cell.trim_start_matches('"');
                assert!(
                    !cell.starts_with(['=', '+', '@', '\t']),
                    "{name}: a cell a spreadsheet would run: {cell}"
                );
            }
        }
    }
}

/// Issue 13: on a new machine the data folder does not exist yet. `restore` creates it;
/// `backup` and `audit verify` refuse to invent an empty database; `serve` on the restored
/// folder shows the same portal.
#[test]
fn issue13_restore_into_an_empty_folder_then_serve_shows_the_same_portal() {
    let tmp = temp_dir("restore-anywhere");
    let old = tmp.0.join("old");
    let old_dir = old.to_str().expect("utf-8");
    add_agency(old_dir, "11410721MB1C75730P", "新乡县七里营镇人民政府");
    let copy = tmp.0.join("backup.db");
    let copy_path = copy.to_str().expect("utf-8");
    assert_eq!(
        gongkai(&["backup", copy_path, "--data-dir", old_dir])
            .status
            .code(),
        Some(0)
    );
    let fresh = tmp.0.join("new-machine").join("gongkai-data");
    let fresh_dir = fresh.to_str().expect("utf-8");
    for args in [
        vec!["backup", copy_path, "--data-dir", fresh_dir],
        vec!["audit", "verify", "--data-dir", fresh_dir],
    ] {
        let out = gongkai(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("没有找到数据库") && err.contains(fresh_dir),
            "{err}"
        );
        assert!(
            !fresh.join("gongkai.db").exists(),
            "{args:?} created a database"
        );
    }
    let missing = gongkai(&["restore", "/no/such/backup.db", "--data-dir", fresh_dir]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("找不到备份文件"));
    let restore = gongkai(&["restore", copy_path, "--data-dir", fresh_dir]);
    assert_eq!(
        restore.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&restore.stderr)
    );
    let verify = gongkai(&["audit", "verify", "--data-dir", fresh_dir]);
    assert_eq!(verify.status.code(), Some(0), "{}", stdout(&verify));
    let home = served_home(fresh_dir);
    assert!(
        home.contains("新乡县七里营镇人民政府政府信息公开专栏"),
        "{home}"
    );
}

/// Starts `serve` on `dir` and a free port, and returns the body of `/`.
fn served_home(dir: &str) -> String {
    use std::io::{Read, Write};
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["--data-dir", dir, "serve", "--listen", &listen])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn serve");
    let mut body = String::new();
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let Ok(mut conn) = std::net::TcpStream::connect(&listen) else {
            continue;
        };
        let request = format!("GET / HTTP/1.1\r\nHost: {listen}\r\nConnection: close\r\n\r\n");
        conn.write_all(request.as_bytes()).expect("request");
        conn.read_to_string(&mut body).expect("response");
        break;
    }
    let _ = child.kill();
    let _ = child.wait();
    body
}

/// Issue 15: `gongkai agency add` goes through the same use case as the console: a code that
/// cannot be a 专栏's path, or a parent that does not exist, is refused in Chinese.
#[test]
fn issue15_agency_add_refuses_a_bad_code_and_an_unknown_parent() {
    let tmp = temp_dir("agency-add");
    let dir = tmp.0.to_str().expect("utf-8 path");
    add_agency(dir, "11410721005570011X", "新乡县人民政府");
    let add = |code: &str, parent: &str| {
        gongkai(&[
            "--data-dir",
            dir,
            "agency",
            "add",
            "--code",
            code,
            "--name",
            "新乡县民政局",
            "--kind",
            "department",
            "--level",
            "县级",
            "--parent",
            parent,
        ])
    };
    let bad = add("czj", "11410721005570011X");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("机关代码"));
    let orphan = add("11410721005570030M", "NOSUCHPARENT");
    assert!(!orphan.status.success());
    assert!(String::from_utf8_lossy(&orphan.stderr).contains("上级机关"));
    let ok = add("11410721005570030M", "11410721005570011X");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(stdout(&ok).contains("已新增机关：新乡县民政局"));
}

/// Issue 18: a report whose table 三 could not be read says so on its first line, so that
/// "错误0个" is not taken for a pass; the exit code still means "no error".
#[test]
fn a_partial_capture_says_on_its_first_line_that_table_3_was_not_checked() {
    let out = gongkai(&[
        "report",
        "check",
        &fixture("more/013-shenzhen-longgang-dept-2024.txt"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let second = text.lines().nth(1).unwrap_or_default();
    assert!(
        second.contains("无法核对") && second.contains("apps-balance"),
        "{text}"
    );
    let whole = gongkai(&["report", "check", &fixture("huaian-shi-2024.txt")]);
    assert!(!stdout(&whole).contains("无法核对"));
}
