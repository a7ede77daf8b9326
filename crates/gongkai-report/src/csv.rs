//! CSV as every gongkai export writes it (UTF-8 with BOM for WPS and Excel, RFC 4180 quoting),
//! with cells that a spreadsheet would run as a formula defused (issue 13, OWASP "CSV
//! injection"): a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
//! leading `'`, so a report title like `=cmd|' /C calc'!A0` is shown, never executed.

/// A whole table as a CSV file's text (BOM first).
pub fn table(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for fields in rows {
        out.push_str(&record(fields));
    }
    out
}

/// One record, CRLF-terminated.
pub fn record(fields: &[String]) -> String {
    let cells: Vec<String> = fields.iter().map(|f| cell(f)).collect();
    format!("{}\r\n", cells.join(","))
}

/// One cell: defused, then quoted when it holds a comma, quote or line break.
pub fn cell(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue13_formula_cells_are_defused() {
        assert_eq!(cell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        for lead in ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(
                cell(lead).trim_start_matches('"').starts_with('\''),
                "{lead:?}"
            );
        }
        assert_eq!(cell("七里营镇, 2025"), "\"七里营镇, 2025\"");
        assert_eq!(cell("12"), "12");
        assert_eq!(record(&["a".into(), "=1".into()]), "a,'=1\r\n");
    }
}
