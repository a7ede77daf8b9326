//! The real published reports of ../shared/fixtures/reports (copied to test_data/reports with
//! the header block removed): each gives the reading and the findings its README lists.

use crate::{expect_file, report_fixtures};
use gongkai_domain::check::{Finding, Rule, Severity};
use gongkai_domain::report::{AnnualReport, Format, Number};
use gongkai_report::{Parsed, json, parse};
use std::path::Path;

fn load(name: &str) -> (Parsed, Vec<Finding>) {
    let path = crate::test_data().join("reports").join(name);
    let parsed = parse(&std::fs::read(&path).expect("fixture"));
    let findings = parsed.findings(None);
    (parsed, findings)
}

fn row(r: &AnnualReport, key: &str) -> Vec<Option<i64>> {
    let i = r
        .format
        .application_rows()
        .iter()
        .position(|x| x.key == key)
        .expect("row key");
    (0..7)
        .map(|c| {
            r.application_value(i, c)
                .filter(|_| r.applications.as_ref().is_some_and(|g| g.has_col(c)))
                .and_then(Number::to_int)
        })
        .collect()
}

fn some(values: [i64; 7]) -> Vec<Option<i64>> {
    values.map(Some).to_vec()
}

fn appeals(r: &AnnualReport) -> Vec<Vec<i64>> {
    (0..3)
        .map(|g| {
            (0..5)
                .map(|c| r.appeal_value(g, c).and_then(Number::to_int).unwrap_or(-1))
                .collect()
        })
        .collect()
}

fn rules(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.rule.code()).collect()
}

fn errors(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

/// The output of `check --format json` and `convert --to json` for every fixture, blessed.
#[test]
fn every_fixture_matches_its_expected_output() {
    for path in report_fixtures() {
        let parsed = parse(&std::fs::read(&path).expect("fixture"));
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        let findings = parsed.findings(None);
        let result =
            json::check_result(name, &parsed, &findings, &parsed.verdicts(None, &findings));
        let output = serde_json::json!({"check": result, "report": json::to_value(&parsed.report, &parsed.diagnostics)});
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("txt");
        let expected = path.with_file_name(format!("{stem}.{ext}.expected.json"));
        expect_file(
            &expected,
            &(serde_json::to_string_pretty(&output).expect("json") + "\n"),
        );
    }
}

/// README: 七里营镇 2025 — every cell 0, no 总计 column; only `format-missing-column`.
#[test]
fn seed_qiliying_2025_reads_all_zero_without_total_column() {
    let (p, findings) = load("qiliying-zhen-2025.txt");
    let r = &p.report;
    assert_eq!(
        (r.format, r.year, r.agency.as_deref()),
        (Format::Current2021, Some(2025), Some("新乡县七里营镇"))
    );
    for key in [
        "new",
        "carried_in",
        "granted",
        "withheld_state_secret",
        "other_other",
        "total",
        "carried_out",
    ] {
        assert_eq!(
            row(r, key),
            [Some(0), Some(0), Some(0), Some(0), Some(0), Some(0), None],
            "{key}"
        );
    }
    assert_eq!(appeals(r), vec![vec![0; 5]; 3]);
    let grid = r.proactive.as_ref().expect("table 二");
    assert!(
        grid.iter()
            .all(|(_, _, c)| c.value().is_none_or(|v| v == Number::ZERO))
    );
    assert!(errors(&findings).is_empty(), "{findings:?}");
    let warnings: Vec<_> = findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .map(|f| f.rule)
        .collect();
    assert_eq!(warnings, [Rule::FormatMissingColumn]);
}

/// README: 上海市人民政府办公厅 2019 — trial format, blank 总计 derived, one true narrative error.
#[test]
fn shanghai_2019_html_and_text_read_the_same_with_derived_totals() {
    for name in ["shanghai-bgt-2019.html", "shanghai-bgt-2019.txt"] {
        let (p, findings) = load(name);
        let r = &p.report;
        assert_eq!(r.format, Format::Trial2019, "{name}");
        assert_eq!(row(r, "new"), some([821, 35, 0, 0, 2, 1, 859]), "{name}");
        assert_eq!(
            row(r, "carried_in"),
            some([18, 0, 0, 0, 0, 0, 18]),
            "{name}"
        );
        assert_eq!(row(r, "total"), some([767, 35, 0, 0, 2, 1, 805]), "{name}");
        assert_eq!(
            row(r, "carried_out"),
            some([72, 0, 0, 0, 0, 0, 72]),
            "{name}"
        );
        assert_eq!(
            appeals(r),
            [vec![5, 0, 0, 2, 7], vec![8, 0, 0, 1, 9], vec![0; 5]],
            "{name}"
        );
        assert!(errors(&findings).is_empty(), "{name}: {findings:?}");
        let derived = findings
            .iter()
            .filter(|f| f.rule == Rule::CellsBlank && f.message.contains("总计"))
            .count();
        assert_eq!(derived, 1, "{name}: blank 总计 derived and warned once");
        let narrative: Vec<_> = findings
            .iter()
            .filter(|f| f.rule == Rule::NarrativeMismatch)
            .collect();
        assert!(
            narrative
                .iter()
                .any(|f| f.message.contains("258") && f.message.contains("275")),
            "{name}"
        );
        assert!(!rules(&findings).contains(&"format-obsolete"), "{name}");
        let shanghai = ["受理", "859", "805", "72"];
        assert!(
            narrative.iter().all(|f| !shanghai[1..]
                .iter()
                .any(|n| f.message.contains(&format!("称收到申请{n}")))),
            "{name}"
        );
    }
}

/// README: 淮安市 2024 (pdftotext -layout) — no errors.
#[test]
fn huaian_2024_pdftotext_layout_reads_every_column() {
    let (p, findings) = load("huaian-shi-2024.txt");
    let r = &p.report;
    assert_eq!(row(r, "new"), some([3001, 53, 0, 0, 61, 4, 3119]));
    assert_eq!(row(r, "carried_in"), some([34, 0, 0, 0, 0, 0, 34]));
    assert_eq!(row(r, "total"), some([2932, 53, 0, 0, 61, 4, 3050]));
    assert_eq!(row(r, "carried_out"), some([103, 0, 0, 0, 0, 0, 103]));
    assert_eq!(
        appeals(r),
        [
            vec![72, 64, 178, 37, 351],
            vec![13, 4, 8, 1, 26],
            vec![12, 1, 1, 6, 20]
        ]
    );
    assert!(errors(&findings).is_empty(), "{findings:?}");
    assert!(
        !rules(&findings).contains(&"narrative-mismatch"),
        "{findings:?}"
    );
}

/// README: 平潭 2025, cells run together — split by the table's own arithmetic, no errors.
#[test]
fn pingtan_2025_run_together_digits_split_by_arithmetic() {
    let (p, findings) = load("pingtan-2025.txt");
    let r = &p.report;
    assert_eq!(row(r, "new"), some([151, 3, 0, 0, 0, 0, 154]));
    assert_eq!(row(r, "carried_in"), some([0; 7]));
    assert_eq!(row(r, "total"), some([147, 1, 0, 0, 0, 0, 148]));
    assert_eq!(row(r, "carried_out"), some([4, 2, 0, 0, 0, 0, 6]));
    assert_eq!(
        appeals(r),
        [
            vec![25, 3, 8, 0, 36],
            vec![3, 3, 0, 0, 6],
            vec![3, 0, 0, 0, 3]
        ]
    );
    assert!(errors(&findings).is_empty(), "{findings:?}");
    let ambiguous: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == Rule::ParseAmbiguousSplit)
        .collect();
    assert!(
        ambiguous
            .iter()
            .all(|f| f.location.table == Some(gongkai_domain::check::Table::Proactive)),
        "{ambiguous:?}"
    );
}

/// README: 雄县某乡 2019, labels without values — a diagnostic, nothing invented.
#[test]
fn xiongxian_2019_empty_tables_are_diagnosed_not_invented() {
    let (_, findings) = load("xiongxian-xiang-2019-empty.txt");
    let found = rules(&findings);
    assert!(
        found.contains(&"parse-no-values") && found.contains(&"parse-truncated"),
        "{found:?}"
    );
    assert!(errors(&findings).is_empty(), "{findings:?}");
    assert!(
        !found
            .iter()
            .any(|r| r.starts_with("apps-") || r.starts_with("appeals-")),
        "{found:?}"
    );
}

/// README: 白城市农业农村局 2024, tables were images — `format-missing-table`, nothing invented.
#[test]
fn baicheng_2024_without_tables_is_reported_missing() {
    let (p, findings) = load("baicheng-nongyenongcun-2024-notables.txt");
    assert!(p.report.applications.is_none() && p.report.proactive.is_none());
    assert_eq!(
        findings
            .iter()
            .filter(|f| f.rule == Rule::FormatMissingTable)
            .count(),
        3
    );
    assert!(errors(&findings).is_empty(), "{findings:?}");
    assert!(!rules(&findings).contains(&"narrative-mismatch"));
}

/// README: 长春新区 2025, cut off at table 三 — malformed dates and an early end.
#[test]
fn changchun_2025_malformed_dates_and_truncation() {
    let (p, findings) = load("changchun-xinqu-2025-partial.txt");
    let year = findings
        .iter()
        .filter(|f| f.rule == Rule::YearMismatch)
        .count();
    assert_eq!(year, 2, "{findings:?}");
    assert!(rules(&findings).contains(&"parse-truncated"));
    assert!(errors(&findings).is_empty(), "{findings:?}");
    let grid = p.report.proactive.as_ref().expect("table 二 was captured");
    assert_eq!(grid.value(1, 2), Some(Number::from_int(15)));
}

/// GBK pages (many government sites) read the same as UTF-8 and say so.
#[test]
fn gbk_encoded_copy_reads_the_same() {
    let text = std::fs::read_to_string(crate::test_data().join("reports/qiliying-zhen-2025.txt"))
        .expect("fixture");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let parsed = parse(&gbk);
    assert_eq!(parsed.report, parse(text.as_bytes()).report);
    assert_eq!(parsed.encoding, "GB18030");
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|f| f.rule == Rule::ParseEncoding)
    );
}

/// Traditional characters, a typo and spaces inside labels are tolerated and said so.
#[test]
fn tolerant_labels_are_read_and_noted() {
    let text = std::fs::read_to_string(crate::test_data().join("reports/qiliying-zhen-2025.txt"))
        .expect("fixture");
    let odd = text
        .replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
        .replace("1.属于国家秘密", "1.屬於國家秘密")
        .replace("（七）", "（ 七 ）")
        .replace(
            "\t0\t0\t0\t0\t0\t0\n四、结转",
            "\t1\t0\t0\t0\t0\t0\n四、结转",
        );
    let parsed = gongkai_report::parse_str(&odd);
    let notes = parsed
        .diagnostics
        .iter()
        .filter(|f| f.rule == Rule::ParseLabelTolerated)
        .count();
    assert!(notes >= 2, "{:?}", parsed.diagnostics);
    let total_row = parsed
        .report
        .format
        .application_rows()
        .iter()
        .position(|r| r.key == "total")
        .expect("total");
    assert_eq!(
        parsed.report.application_value(total_row, 0),
        Some(Number::from_int(1))
    );
}

/// Every rule code is documented in docs/RULES.md (stable public codes, product.md §4).
#[test]
fn rules_are_documented() {
    let doc = std::fs::read_to_string(crate::test_data().join("../docs/RULES.md"))
        .expect("docs/RULES.md");
    for rule in Rule::ALL {
        assert!(
            doc.contains(&format!("`{}`", rule.code())),
            "{} is not in docs/RULES.md",
            rule.code()
        );
    }
}

/// The JSON Schema names every key the canonical JSON writes.
#[test]
fn schema_names_every_json_key() {
    let schema = std::fs::read_to_string(crate::test_data().join("../schema/report.schema.json"))
        .expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&schema).expect("schema is JSON");
    let text = schema.to_string();
    for format in [Format::Current2021, Format::Trial2019] {
        for row in format.application_rows() {
            assert!(text.contains(&format!("\"{}\"", row.key)), "{}", row.key);
        }
        for row in format.proactive_rows() {
            let key = if format == Format::Current2021 && row.key == "fees" {
                "fees_wan_yuan"
            } else {
                row.key
            };
            assert!(text.contains(&format!("\"{key}\"")), "{key}");
        }
    }
}

/// An added subtotal row (not in the 2021 format) is reported and not read as data.
#[test]
fn added_subtotal_rows_are_format_extra_rows() {
    let text = std::fs::read_to_string(crate::test_data().join("reports/qiliying-zhen-2025.txt"))
        .expect("fixture");
    let with_subtotal = text.replacen(
        "\t(三) 不予公开\t1.属于国家秘密",
        "\t（三）不予公开小计\t\t3\t0\t0\t0\t0\t0\n\t(三) 不予公开\t1.属于国家秘密",
        1,
    );
    let parsed = gongkai_report::parse_str(&with_subtotal);
    let findings = parsed.findings(None);
    assert!(
        findings.iter().any(|f| f.rule == Rule::FormatExtraRow),
        "{findings:?}"
    );
    assert!(
        errors(&findings).is_empty(),
        "the subtotal's numbers are not read: {findings:?}"
    );
}

/// A whole page saved from a government site: GB2312 declared in `<meta>`, navigation, scripts,
/// Word-exported markup (`<o:p>`, `MsoNormal` spans) and a footer around the report. It reads
/// as the same report as the bare HTML.
#[test]
fn saved_gbk_page_with_navigation_reads_as_the_bare_report() {
    let (saved, findings) = load("shanghai-bgt-2019-saved-page-gbk.html");
    let (bare, _) = load("shanghai-bgt-2019.html");
    assert_eq!(saved.encoding, "GB18030");
    assert_eq!(saved.report, bare.report);
    assert!(findings.iter().any(|f| f.rule == Rule::ParseEncoding));
    assert!(!rules(&findings).contains(&"parse-truncated"));
}

/// Full-width digits (０-９), common in pages typed in a Chinese input method, read as digits:
/// in cells, in digits run together, in years.
#[test]
fn full_width_digits_read_the_same_tables() {
    for name in [
        "huaian-shi-2024.txt",
        "pingtan-2025.txt",
        "qiliying-zhen-2025.txt",
    ] {
        let text = std::fs::read_to_string(crate::test_data().join("reports").join(name))
            .expect("fixture");
        let wide: String = text
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(c as u32 + 0xfee0).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect();
        let (ascii, wide) = (
            gongkai_report::parse_str(&text).report,
            gongkai_report::parse_str(&wide).report,
        );
        assert_eq!(wide.year, ascii.year, "{name}");
        assert_eq!(wide.applications, ascii.applications, "{name}");
        assert_eq!(wide.appeals, ascii.appeals, "{name}");
        assert_eq!(wide.proactive, ascii.proactive, "{name}");
    }
}

/// 淮安 2024 states every 复议 and 诉讼 result in its text; they agree with table 四, and a
/// changed figure is caught.
#[test]
fn huaian_2024_stated_appeal_results_are_compared() {
    let text = std::fs::read_to_string(crate::test_data().join("reports/huaian-shi-2024.txt"))
        .expect("fixture");
    let changed = text.replacen("其中结果维持 72 件", "其中结果维持 70 件", 1);
    assert_ne!(changed, text);
    let findings = gongkai_report::parse_str(&changed).findings(None);
    let mismatches: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == Rule::NarrativeMismatch)
        .collect();
    assert_eq!(mismatches.len(), 1, "{mismatches:?}");
    assert!(mismatches[0].message.contains("结果维持70件"));
}

/// An added 小计 column (a common template change) is reported and its numbers are not read:
/// the other columns keep their values and no arithmetic error is invented.
#[test]
fn an_added_subtotal_column_is_reported_and_skipped() {
    let text = std::fs::read_to_string(crate::test_data().join("reports/shanghai-bgt-2019.txt"))
        .expect("fixture");
    let mut changed = String::new();
    let mut in_table = false;
    for line in text.lines() {
        in_table |= line.starts_with("（本列数据的勾稽关系");
        if line.starts_with("四、政府信息公开行政复议") {
            in_table = false;
        }
        let cells: Vec<&str> = line.split(" | ").collect();
        let edited = match (in_table, cells.len()) {
            (true, _) if line.starts_with("商业企业") => format!("{line} | 小计"),
            (true, n) if n >= 8 => {
                let (head, tail) = cells.split_at(n - 1);
                format!("{} | 99 | {}", head.join(" | "), tail.join(" | "))
            }
            _ => line.to_string(),
        };
        changed.push_str(&edited);
        changed.push('\n');
    }
    let original = gongkai_report::parse_str(&text).report;
    let parsed = gongkai_report::parse_str(&changed);
    assert_eq!(parsed.report.applications, original.applications);
    let findings = parsed.findings(None);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == Rule::FormatExtraRow && f.message.contains("小计")),
        "{findings:?}"
    );
    assert!(errors(&findings).is_empty(), "{findings:?}");
}

/// Issue 18: fee tables that agencies add to sections 二 and 六 (信息处理费 by item, count
/// and amount) change no reading and raise no error.
#[test]
fn fee_tables_added_to_sections_2_and_6_change_no_reading() {
    let path = crate::test_data().join("reports/huaian-shi-2024.txt");
    let text = std::fs::read_to_string(path).expect("fixture");
    let fee_table = "\n信息处理费收取情况\n收费项目          收费件数          收费金额（元）\n信息处理费        2                 3940\n合计              2                 3940\n\n";
    let with_fees = text
        .replacen(
            "      三、收到和处理政府信息公开申请情况",
            &format!("{fee_table}      三、收到和处理政府信息公开申请情况"),
            1,
        )
        .replacen(
            "全年收取政府信息公开信息处理费 3940 元。",
            &format!("全年收取政府信息公开信息处理费 3940 元。{fee_table}"),
            1,
        );
    assert_ne!(with_fees, text);
    let (plain, added) = (
        gongkai_report::parse_str(&text),
        gongkai_report::parse_str(&with_fees),
    );
    assert_eq!(added.report.proactive, plain.report.proactive);
    assert_eq!(added.report.applications, plain.report.applications);
    assert_eq!(added.report.appeals, plain.report.appeals);
    assert!(errors(&added.findings(None)).is_empty());
}

/// Issue 18: in run-together text, a row whose blank cells vanished (fewer digits than
/// columns) is reported as `cells-blank` and left unread, and table 三 is 无法核对.
#[test]
fn blank_cells_in_run_together_text_are_reported() {
    let path = crate::test_data().join("reports/pingtan-2025.txt");
    let text = std::fs::read_to_string(path).expect("fixture");
    let blanked = text.replacen(
        "一、本年新收政府信息公开申请数量15130000154",
        "一、本年新收政府信息公开申请数量154",
        1,
    );
    assert_ne!(blanked, text, "the fixture's row 一");
    let parsed = gongkai_report::parse_str(&blanked);
    let findings = parsed.findings(None);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == Rule::CellsBlank && f.message.contains("只有3位"))
    );
    assert!(errors(&findings).is_empty(), "{:?}", errors(&findings));
    let verdicts = parsed.verdicts(None, &findings);
    assert!(verdicts.contains(&(
        Rule::AppsBalance,
        gongkai_domain::check::Verdict::Unverifiable
    )));
}
