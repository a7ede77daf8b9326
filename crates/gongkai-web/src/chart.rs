//! Server-rendered SVG charts of the dashboard (issue 16, no JavaScript): one row of twelve
//! bars per agency, one bar per month of the year (the items it published, or its applications
//! overdue at the month's end).

/// Escapes text for an SVG (XML) text node or attribute.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const NAME_WIDTH: usize = 220;
const SLOT: usize = 40;
const ROW: usize = 34;
const BAR_MAX: usize = 26;

/// The chart titled `title`: `rows` are (agency name, a count per month) and `unit` names
/// what is counted ("条", "件").
pub fn monthly(title: &str, unit: &str, rows: &[(String, [usize; 12])]) -> String {
    let max = rows
        .iter()
        .flat_map(|(_, m)| m.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let (width, height) = (NAME_WIDTH + 12 * SLOT + 10, 40 + rows.len() * ROW);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\
         <title>{}</title>",
        xml(title)
    );
    for m in 0..12 {
        let x = NAME_WIDTH + m * SLOT + SLOT / 2;
        svg.push_str(&format!(
            "<text x=\"{x}\" y=\"20\" text-anchor=\"middle\">{}月</text>",
            m + 1
        ));
    }
    for (i, (name, months)) in rows.iter().enumerate() {
        let base = 40 + i * ROW + BAR_MAX;
        svg.push_str(&format!(
            "<g class=\"agency\"><text x=\"0\" y=\"{}\">{}</text>\
             <line x1=\"{NAME_WIDTH}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" stroke=\"#999\"/>",
            base - 6,
            xml(name),
            NAME_WIDTH + 12 * SLOT
        ));
        for (m, n) in months.iter().enumerate() {
            let h = n * BAR_MAX / max;
            let x = NAME_WIDTH + m * SLOT + 8;
            svg.push_str(&format!(
                "<rect class=\"bar\" x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{h}\" fill=\"#b5121b\"><title>{}月 {n} {unit}</title></rect>",
                base - h,
                SLOT - 16,
                m + 1
            ));
        }
        svg.push_str("</g>");
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_agency_has_twelve_bars_and_names_are_escaped() {
        let rows = [("A&B<局>".into(), [1; 12]), ("C".into(), [0; 12])];
        let svg = monthly("2026年", "条", &rows);
        assert_eq!(svg.matches("class=\"bar\"").count(), 24);
        assert!(svg.contains("A&amp;B&lt;局&gt;"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
