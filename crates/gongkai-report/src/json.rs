//! The canonical report JSON of product.md §5, written and read. `schema/report.schema.json`
//! documents it. Cells are given by their effective value (a blank cell is 0, a blank 总计 the
//! row's sum); `written` keeps, per row, the text of every cell that was not a plain number,
//! so that reading the JSON back gives the same report.

use crate::Parsed;
use gongkai_domain::check::{Finding, Location, Rule, Severity, Table, Verdict};
use gongkai_domain::report::layout::{APPEAL_COLUMNS, APPEAL_GROUPS, APPLICANT_COLUMNS, Column};
use gongkai_domain::report::{AnnualReport, Cell, Format, Grid, Number, Section, SectionKind};
use serde_json::{Map, Value, json};

/// Why a JSON file is not a report.
#[derive(Debug)]
pub struct JsonError(pub String);

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The report and its parse diagnostics as canonical JSON (pretty-printed).
pub fn write(report: &AnnualReport, diagnostics: &[Finding]) -> String {
    let value = to_value(report, diagnostics);
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// The report as a JSON value.
pub fn to_value(r: &AnnualReport, diagnostics: &[Finding]) -> Value {
    json!({
        "format": r.format.code(),
        "title": r.title,
        "agency": r.agency,
        "year": r.year,
        "preamble": r.preamble,
        "sections": r.sections.iter().map(section).collect::<Vec<_>>(),
        "proactive": r.proactive.as_ref().map(|g| proactive(r.format, g)),
        "applications": r.applications.as_ref().map(|_| applications(r)),
        "appeals": r.appeals.as_ref().map(|_| appeals(r)),
        "diagnostics": diagnostics.iter().map(finding).collect::<Vec<_>>(),
    })
}

fn section(s: &Section) -> Value {
    json!({"number": s.numeral, "kind": s.kind.code(), "title": s.title, "text": s.text})
}

fn number(n: Number) -> Value {
    match n.to_int() {
        Some(i) => json!(i),
        None => json!(n.to_string()),
    }
}

fn value(v: Option<Number>) -> Value {
    v.map_or(Value::Null, number)
}

/// Records the written text of a non-number cell.
/// Records a cell that was not written as a plain number: its text, or `null` when the copy
/// lost it (it reads as 0).
fn note_written(written: &mut Map<String, Value>, row: &str, col: &str, cell: &Cell) {
    let note = match cell {
        Cell::Text(text) => json!(text),
        Cell::Lost => Value::Null,
        _ => return,
    };
    let entry = written.entry(row.to_string()).or_insert_with(|| json!({}));
    if let Value::Object(map) = entry {
        map.insert(col.to_string(), note);
    }
}

fn proactive(format: Format, g: &Grid) -> Value {
    let mut out = Map::new();
    let mut written = Map::new();
    let mut missing = Vec::new();
    for (i, row) in format.proactive_rows().iter().enumerate() {
        if !g.has_row(i) {
            missing.push(json!(row.key));
            continue;
        }
        for (c, column) in row.columns.iter().enumerate() {
            note_written(&mut written, row.key, column.key, g.cell(i, c));
        }
        let (key, v) = proactive_row(format, row.key, row.columns, g, i);
        out.insert(key, v);
    }
    extras(&mut out, written, missing, "missing_rows");
    Value::Object(out)
}

fn proactive_row(
    format: Format,
    key: &str,
    columns: &[Column],
    g: &Grid,
    i: usize,
) -> (String, Value) {
    if format == Format::Current2021 && columns.len() == 1 {
        if key == "fees" {
            return (
                "fees_wan_yuan".into(),
                g.value(i, 0).map_or(Value::Null, |n| json!(n.to_string())),
            );
        }
        return (key.into(), value(g.value(i, 0)));
    }
    let object: Map<String, Value> = columns
        .iter()
        .enumerate()
        .map(|(c, col)| (col.key.to_string(), value(g.value(i, c))))
        .collect();
    (key.into(), Value::Object(object))
}

fn extras(
    out: &mut Map<String, Value>,
    written: Map<String, Value>,
    missing: Vec<Value>,
    name: &str,
) {
    if !missing.is_empty() {
        out.insert(name.into(), Value::Array(missing));
    }
    if !written.is_empty() {
        out.insert("written".into(), Value::Object(written));
    }
}

fn applications(r: &AnnualReport) -> Value {
    let Some(g) = &r.applications else {
        return Value::Null;
    };
    let mut rows = Map::new();
    let mut written = Map::new();
    let mut missing_rows = Vec::new();
    for (i, row) in r.format.application_rows().iter().enumerate() {
        if !g.has_row(i) {
            missing_rows.push(json!(row.key));
            continue;
        }
        let cells: Vec<Value> = (0..7)
            .map(|c| value(r.application_value(i, c).filter(|_| g.has_col(c))))
            .collect();
        rows.insert(row.key.into(), Value::Array(cells));
        for (c, column) in APPLICANT_COLUMNS.iter().enumerate() {
            note_written(&mut written, row.key, column.key, g.cell(i, c));
        }
    }
    let columns: Vec<&str> = APPLICANT_COLUMNS.iter().map(|c| c.key).collect();
    let mut out = Map::new();
    out.insert("columns".into(), json!(columns));
    out.insert("rows".into(), Value::Object(rows));
    let missing_cols: Vec<Value> = (0..7)
        .filter(|c| !g.has_col(*c))
        .map(|c| json!(APPLICANT_COLUMNS[c].key))
        .collect();
    if !missing_cols.is_empty() {
        out.insert("missing_columns".into(), Value::Array(missing_cols));
    }
    extras(&mut out, written, missing_rows, "missing_rows");
    Value::Object(out)
}

fn appeals(r: &AnnualReport) -> Value {
    let Some(g) = &r.appeals else {
        return Value::Null;
    };
    let mut out = Map::new();
    let mut written = Map::new();
    for (i, (key, _)) in APPEAL_GROUPS.iter().enumerate() {
        let group: Map<String, Value> = APPEAL_COLUMNS
            .iter()
            .enumerate()
            .map(|(c, col)| (col.key.to_string(), value(r.appeal_value(i, c))))
            .collect();
        out.insert(key.to_string(), Value::Object(group));
        for (c, column) in APPEAL_COLUMNS.iter().enumerate() {
            note_written(&mut written, key, column.key, g.cell(i, c));
        }
    }
    extras(&mut out, written, Vec::new(), "missing_rows");
    Value::Object(out)
}

/// One file's check result (product.md §3): `{file, format, year, agency, input, encoding,
/// findings, verdicts}`; `verdicts` maps each checked rule to `pass`, `fail`, `unverifiable`
/// or `not-applicable`.
pub fn check_result(
    file: &str,
    parsed: &Parsed,
    findings: &[Finding],
    verdicts: &[(Rule, Verdict)],
) -> Value {
    let verdicts: Map<String, Value> = verdicts
        .iter()
        .map(|(rule, v)| (rule.code().to_string(), json!(v.code())))
        .collect();
    json!({
        "file": file,
        "format": parsed.report.format.code(),
        "year": parsed.report.year,
        "agency": parsed.report.agency,
        "input": parsed.input.code(),
        "encoding": parsed.encoding,
        "findings": findings.iter().map(finding).collect::<Vec<_>>(),
        "verdicts": verdicts,
    })
}

/// A finding as JSON: `{rule, severity, message, location}`.
pub fn finding(f: &Finding) -> Value {
    let mut location = Map::new();
    if let Some(t) = f.location.table {
        location.insert("table".into(), json!(t.code()));
    }
    let fields = [("row", &f.location.row), ("column", &f.location.column)];
    for (name, v) in fields {
        if let Some(v) = v {
            location.insert(name.into(), json!(v));
        }
    }
    if let Some(s) = f.location.section {
        location.insert("section".into(), json!(s));
    }
    if let Some(l) = f.location.line {
        location.insert("line".into(), json!(l));
    }
    json!({"rule": f.rule.code(), "severity": f.severity.code(), "message": f.message, "location": location})
}

/// Reads canonical JSON back into a report and its diagnostics.
pub fn read(text: &str) -> Result<Parsed, JsonError> {
    let v: Value =
        serde_json::from_str(text).map_err(|e| JsonError(format!("JSON 格式错误：{e}")))?;
    let format = v["format"]
        .as_str()
        .and_then(Format::parse)
        .ok_or_else(|| JsonError("缺少 format（应为 \"2019\" 或 \"2021\"）".into()))?;
    let mut r = AnnualReport::new(format);
    r.title = v["title"].as_str().map(str::to_string);
    r.agency = v["agency"].as_str().map(str::to_string);
    r.year = v["year"].as_i64().and_then(|y| i32::try_from(y).ok());
    r.preamble = v["preamble"].as_str().unwrap_or_default().to_string();
    r.sections = v["sections"]
        .as_array()
        .map(|a| a.iter().filter_map(read_section).collect())
        .unwrap_or_default();
    r.proactive = v
        .get("proactive")
        .filter(|p| p.is_object())
        .map(|p| read_proactive(format, p));
    r.applications = v
        .get("applications")
        .filter(|p| p.is_object())
        .map(|p| read_applications(format, p));
    r.appeals = v.get("appeals").filter(|p| p.is_object()).map(read_appeals);
    let diagnostics = v["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter_map(read_finding).collect())
        .unwrap_or_default();
    Ok(Parsed {
        report: r,
        diagnostics,
        input: crate::InputKind::Json,
        encoding: "UTF-8",
    })
}

fn read_section(v: &Value) -> Option<Section> {
    let kind = SectionKind::parse(v["kind"].as_str()?)?;
    Some(Section {
        kind,
        numeral: v["number"]
            .as_u64()
            .and_then(|n| u8::try_from(n).ok())
            .unwrap_or(kind.number()),
        title: v["title"].as_str().unwrap_or(kind.title()).to_string(),
        text: v["text"].as_str().unwrap_or_default().to_string(),
    })
}

/// A cell from its JSON value and the written overlay.
fn read_cell(v: &Value, written: Option<&Value>) -> Cell {
    match written {
        Some(Value::String(text)) => return Cell::Text(text.clone()),
        Some(Value::Null) => return Cell::Lost,
        _ => {}
    }
    match v {
        Value::Number(n) => {
            Number::parse(&n.to_string()).map_or(Cell::Text(n.to_string()), Cell::Number)
        }
        Value::String(s) => Cell::parse(s),
        _ => Cell::Missing,
    }
}

fn names(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn read_proactive(format: Format, v: &Value) -> Grid {
    let mut g = Grid::new(format.proactive_rows().len(), 3);
    let missing = names(v, "missing_rows");
    for (i, row) in format.proactive_rows().iter().enumerate() {
        if missing.iter().any(|m| m == row.key) {
            g.drop_row(i);
            continue;
        }
        let scalar = format == Format::Current2021 && row.columns.len() == 1;
        let key = if scalar && row.key == "fees" {
            "fees_wan_yuan"
        } else {
            row.key
        };
        for (c, column) in row.columns.iter().enumerate() {
            let cell_value = if scalar { &v[key] } else { &v[key][column.key] };
            g.set(
                i,
                c,
                read_cell(cell_value, v["written"][row.key].get(column.key)),
            );
        }
    }
    g
}

fn read_applications(format: Format, v: &Value) -> Grid {
    let rows = format.application_rows();
    let mut g = Grid::new(rows.len(), 7);
    for (i, row) in rows.iter().enumerate() {
        for (c, column) in APPLICANT_COLUMNS.iter().enumerate() {
            g.set(
                i,
                c,
                read_cell(
                    &v["rows"][row.key][c],
                    v["written"][row.key].get(column.key),
                ),
            );
        }
    }
    for key in names(v, "missing_rows") {
        if let Some(i) = rows.iter().position(|r| r.key == key) {
            g.drop_row(i);
        }
    }
    for key in names(v, "missing_columns") {
        if let Some(c) = APPLICANT_COLUMNS.iter().position(|col| col.key == key) {
            g.drop_col(c);
        }
    }
    g
}

fn read_appeals(v: &Value) -> Grid {
    let mut g = AnnualReport::empty_appeals();
    for (i, (key, _)) in APPEAL_GROUPS.iter().enumerate() {
        for (c, column) in APPEAL_COLUMNS.iter().enumerate() {
            g.set(
                i,
                c,
                read_cell(&v[*key][column.key], v["written"][*key].get(column.key)),
            );
        }
    }
    g
}

fn read_finding(v: &Value) -> Option<Finding> {
    let rule = Rule::parse(v["rule"].as_str()?)?;
    let l = &v["location"];
    let location = Location {
        table: l["table"].as_str().and_then(Table::parse),
        row: l["row"].as_str().map(str::to_string),
        column: l["column"].as_str().map(str::to_string),
        section: l["section"].as_u64().and_then(|s| u8::try_from(s).ok()),
        line: l["line"].as_u64().and_then(|s| usize::try_from(s).ok()),
    };
    let severity = v["severity"]
        .as_str()
        .and_then(Severity::parse)
        .unwrap_or(rule.severity());
    Some(Finding {
        rule,
        severity,
        location,
        message: v["message"].as_str().unwrap_or_default().to_string(),
    })
}
