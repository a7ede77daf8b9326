//! Text to lines of cells. Cells are separated by tabs (web copies, our HTML conversion), by
//! pipes (Markdown, hand transcriptions) or by runs of spaces (`pdftotext -layout`).

/// How a line's cells were separated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sep {
    /// Tab-separated: empty cells are blank cells.
    Tab,
    /// Pipe-separated: empty cells are blank cells.
    Pipe,
    /// Columns aligned by spaces: blank cells cannot be seen, positions can.
    Spaces,
}

/// One cell of a line, borrowed from the input.
#[derive(Clone, Copy, Debug)]
pub struct Cell<'a> {
    /// The cell's text, trimmed.
    pub text: &'a str,
    /// The character column where it starts (for aligning `pdftotext -layout` columns).
    pub col: usize,
}

/// One line of the input, borrowed from it (no copy per line).
#[derive(Clone, Debug)]
pub struct Line<'a> {
    /// 1-based line number in the input.
    pub no: usize,
    /// The text as it stands.
    pub raw: &'a str,
    /// Its cells (split only for table sections; see [`Line::split_cells`]).
    pub cells: Vec<Cell<'a>>,
    /// How they were separated.
    pub sep: Sep,
}

impl<'a> Line<'a> {
    /// A line whose cells are not split yet (most lines are narrative).
    pub fn new(no: usize, raw: &'a str) -> Line<'a> {
        Line {
            no,
            raw,
            cells: Vec::new(),
            sep: Sep::Spaces,
        }
    }

    /// The line with its cells split (tests).
    #[cfg(test)]
    pub fn split(&self) -> Line<'a> {
        let (cells, sep) = split_cells(self.raw);
        Line {
            no: self.no,
            raw: self.raw,
            cells,
            sep,
        }
    }

    /// Splits the line's cells in place, for reading tables.
    pub fn split_cells(&mut self) {
        (self.cells, self.sep) = split_cells(self.raw);
    }

    /// True when the line has no text.
    pub fn is_blank(&self) -> bool {
        self.raw.trim().is_empty()
    }
}

/// Splits every line into cells (tests).
#[cfg(test)]
pub fn split_all<'a>(lines: &[Line<'a>]) -> Vec<Line<'a>> {
    lines.iter().map(Line::split).collect()
}

/// Form feeds made line breaks, carriage returns dropped; the text itself when there is
/// nothing to change. (Full-width digits are read where numbers are read: `Number::parse`,
/// the folded text of labels and narrative.)
pub fn normalize(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    if !bytes.contains(&0x0c) && !bytes.contains(&b'\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.replace('\u{c}', "\n").replace('\r', " "))
}

/// The lines of normalized text (see [`normalize`]), page numbers ("-3-", "第 3 页") dropped.
pub fn prepare(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !is_page_number(l))
        .map(|(i, l)| Line::new(i + 1, trim_end_spaces(l)))
        .collect()
}

/// The line without trailing ASCII or ideographic spaces (tabs stay: they end blank cells).
fn trim_end_spaces(line: &str) -> &str {
    let mut end = line.len();
    loop {
        if line[..end].ends_with(' ') {
            end -= 1;
        } else if line[..end].ends_with('\u{3000}') {
            end -= '\u{3000}'.len_utf8();
        } else {
            return &line[..end];
        }
    }
}

fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 40 {
        return false;
    }
    let dashes = |c: char| matches!(c, '-' | '—' | '－' | '–');
    let core = t.trim_matches(dashes).trim();
    let dashed =
        core.len() < t.len() && !core.is_empty() && core.bytes().all(|b| b.is_ascii_digit());
    let paged = t.starts_with('第') && (t.ends_with('页') || t.contains("页共"));
    dashed || (paged && t.bytes().any(|b| b.is_ascii_digit()) && t.chars().count() < 16)
}

fn split_cells(raw: &str) -> (Vec<Cell<'_>>, Sep) {
    if raw.contains('\t') {
        return (split_on(raw, '\t'), Sep::Tab);
    }
    let trimmed = raw.trim();
    if trimmed.starts_with('|')
        || trimmed.contains(" | ")
        || trimmed.contains(" |") && trimmed.ends_with('|')
    {
        if trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            return (Vec::new(), Sep::Pipe);
        }
        // A leading pipe means a bordered (Markdown) row whose trailing pipe is a border too;
        // without one, a trailing pipe ends a blank last cell ("72 |  |  | ").
        let inner = match trimmed.strip_prefix('|') {
            Some(inner) => inner.strip_suffix('|').unwrap_or(inner),
            None => trimmed,
        };
        return (split_on(inner, '|'), Sep::Pipe);
    }
    (split_spaces(raw), Sep::Spaces)
}

fn split_on(raw: &str, sep: char) -> Vec<Cell<'_>> {
    let mut col = 0;
    raw.split(sep)
        .map(|part| {
            let cell = Cell {
                text: part.trim(),
                col,
            };
            col += part.chars().count() + 1;
            cell
        })
        .collect()
}

/// Splits on runs of two or more spaces (an ideographic space counts as two), slicing the
/// line rather than copying it character by character.
fn split_spaces(raw: &str) -> Vec<Cell<'_>> {
    let mut cells = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut end = 0;
    let mut gap = 0;
    for (col, (byte, c)) in raw.char_indices().enumerate() {
        if c == ' ' || c == '\u{3000}' || c == '\u{a0}' {
            gap += if c == '\u{3000}' { 2 } else { 1 };
            continue;
        }
        if gap >= 2
            && let Some((from, from_col)) = start.take()
        {
            cells.push(Cell {
                text: &raw[from..end],
                col: from_col,
            });
        }
        start.get_or_insert((byte, col));
        end = byte + c.len_utf8();
        gap = 0;
    }
    if let Some((from, col)) = start {
        cells.push(Cell {
            text: &raw[from..end],
            col,
        });
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<String> {
        Line::new(1, line)
            .split()
            .cells
            .into_iter()
            .map(|c| c.text.to_string())
            .collect()
    }

    #[test]
    fn tabs_keep_blank_cells() {
        assert_eq!(texts("行政许可\t0\t\t"), ["行政许可", "0", "", ""]);
    }

    #[test]
    fn pipes_keep_blank_cells_and_markdown_separators_vanish() {
        assert_eq!(texts("| 规章 | 13 |  | 524 |"), ["规章", "13", "", "524"]);
        assert!(texts("|---|:--:|").is_empty());
    }

    #[test]
    fn pdftotext_columns_split_on_two_spaces() {
        let line = Line::new(1, "规章            1          0        11").split();
        let cols: Vec<usize> = line.cells.iter().map(|c| c.col).collect();
        assert_eq!(
            texts("规章            1          0        11"),
            ["规章", "1", "0", "11"]
        );
        assert_eq!(cols, [0, 14, 25, 34]);
        assert_eq!(texts("2024 年，我市"), ["2024 年，我市"]);
    }

    #[test]
    fn page_numbers_are_dropped_but_lone_values_kept() {
        let lines = prepare("-1-\n0\n- 2 -\n第 3 页\n第二十条第（一）项");
        let kept: Vec<&str> = lines.iter().map(|l| l.raw).collect();
        assert_eq!(kept, ["0", "第二十条第（一）项"]);
    }
}
