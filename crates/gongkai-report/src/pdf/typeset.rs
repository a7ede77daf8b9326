//! Laying the report out on A4 pages: paragraphs wrapped character by character (CJK has no
//! spaces; closing punctuation never starts a line), tables as ruled grids with the official
//! merged cells. The result is a list of positioned texts and rules per page, which
//! [`super::write`] hands to the PDF writer.

use super::fonts::Fonts;
use crate::render::layout::{Placed, Spans};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 in points.
pub const PAGE_HEIGHT: f32 = 841.89;
/// Left and right margins (the DOCX rendering's 2.3 cm).
const SIDE: f32 = 65.2;
const TOP: f32 = 72.0;
const BOTTOM: f32 = 72.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * SIDE;
/// Inner padding of a table cell.
const PAD: f32 = 2.0;

/// Something drawn on a page; y grows downwards from the top edge.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// A line of text with its baseline starting at (x, y).
    Text {
        /// Left end of the baseline.
        x: f32,
        /// The baseline.
        y: f32,
        /// Font size in points.
        size: f32,
        /// Set in the bold face.
        bold: bool,
        /// The text.
        text: String,
    },
    /// A thin straight rule.
    Rule {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
    },
}

/// How a paragraph is set.
#[derive(Clone, Copy)]
pub struct Style {
    /// Font size in points.
    pub size: f32,
    /// Bold face.
    pub bold: bool,
    /// First-line indent in ems.
    pub indent: f32,
    /// Centred instead of flush left.
    pub centred: bool,
    /// Flush right instead of left (a letter's 落款).
    pub right: bool,
    /// Space before, in points (room for a seal).
    pub before: f32,
    /// Space after, in points.
    pub after: f32,
    /// Room kept below the paragraph on its page, in points (keep-with-next: a heading or a
    /// table's caption never ends a page alone).
    pub keep: f32,
}

/// Line height as a multiple of the type size (the 公文's 三号 on 28 pt lines).
const LEADING: f32 = 1.75;

/// Characters that may not start a line (行首禁则): they stay on the line before.
const NO_LINE_START: &str = "，。、；：？！）》」』”’%";

/// Lays out pages one block at a time.
pub struct Setter<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
    /// A block kept with the next one (a heading): the index of its first op on the last
    /// page and the cursor above it. When the next block starts a new page, the kept block
    /// moves there with it.
    held: Option<(usize, f32)>,
}

impl Op {
    fn shift(&mut self, dy: f32) {
        match self {
            Op::Text { y, .. } => *y += dy,
            Op::Rule { from, to } => (from.1, to.1) = (from.1 + dy, to.1 + dy),
        }
    }
}

impl<'a> Setter<'a> {
    /// An empty first page.
    pub fn new(fonts: &'a Fonts) -> Setter<'a> {
        Setter {
            fonts,
            pages: vec![Vec::new()],
            y: TOP,
            held: None,
        }
    }

    /// The pages, each with its number at the foot ("- 1 -", as official documents do).
    pub fn finish(mut self) -> Vec<Vec<Op>> {
        for (i, page) in self.pages.iter_mut().enumerate() {
            let folio = format!("- {} -", i + 1);
            let width = self.fonts.regular.width(&folio, 10.5);
            page.push(Op::Text {
                x: (PAGE_WIDTH - width) / 2.0,
                y: PAGE_HEIGHT - BOTTOM / 2.0,
                size: 10.5,
                bold: false,
                text: folio,
            });
        }
        self.pages
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        self.fonts.regular.width(text, size)
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` fits below the cursor; a block held for this one
    /// moves to the new page too (keep-with-next).
    fn room(&mut self, height: f32) {
        let held = self.held.take();
        if self.y + height <= PAGE_HEIGHT - BOTTOM || self.y <= TOP {
            return;
        }
        let carried = match (held, self.pages.last_mut()) {
            (Some((from, top)), Some(page)) if top > TOP => {
                let mut ops = page.split_off(from.min(page.len()));
                ops.iter_mut().for_each(|op| op.shift(TOP - top));
                Some((ops, self.y - top))
            }
            _ => None,
        };
        self.new_page();
        if let Some((ops, height)) = carried {
            self.pages
                .last_mut()
                .into_iter()
                .for_each(|p| p.extend(ops.clone()));
            self.y += height;
        }
    }

    fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Breaks `text` into lines no wider than `width`; the first line is `indent` narrower.
    /// A line may break after any Chinese character, but not inside a number or a Latin word
    /// ("2024", "hazwgkc@163.com"), and closing punctuation stays on the line it closes.
    fn wrap(&self, text: &str, size: f32, width: f32, indent: f32) -> Vec<String> {
        let mut lines = vec![String::new()];
        let mut used = indent;
        for unit in units(text) {
            let advance = self.width(unit, size);
            let line_empty = lines.last().is_none_or(String::is_empty);
            let closing = unit.chars().all(|c| NO_LINE_START.contains(c));
            if used + advance > width && !line_empty && !closing {
                lines.push(String::new());
                used = 0.0;
            }
            used += advance;
            if let Some(line) = lines.last_mut() {
                line.push_str(unit);
            }
        }
        lines
    }

    /// Whether `text` fits on one line in type of `size`.
    pub fn fits(&self, text: &str, size: f32) -> bool {
        self.width(text, size) <= TEXT_WIDTH
    }

    /// A paragraph across the text width.
    pub fn paragraph(&mut self, text: &str, style: Style) {
        let indent = style.indent * style.size;
        let leading = style.size * LEADING;
        self.y += style.before;
        let lines = self.wrap(text, style.size, TEXT_WIDTH, indent);
        if style.keep > 0.0 {
            self.room(lines.len() as f32 * leading + style.after + style.keep);
        }
        let start = (self.pages.last().map_or(0, Vec::len), self.y);
        for (i, line) in lines.into_iter().enumerate() {
            self.room(leading);
            let width = self.width(&line, style.size);
            let x = match (style.centred, style.right, i) {
                (true, _, _) => SIDE + (TEXT_WIDTH - width) / 2.0,
                (false, true, _) => SIDE + TEXT_WIDTH - width - 2.0 * style.size,
                (false, false, 0) => SIDE + indent,
                (false, false, _) => SIDE,
            };
            self.y += leading;
            let (size, bold) = (style.size, style.bold);
            self.push(Op::Text {
                x,
                y: self.y - leading * 0.3,
                size,
                bold,
                text: line,
            });
        }
        self.y += style.after;
        if style.keep > 0.0 {
            self.held = Some(start);
        }
    }

    /// A ruled table: `fractions` share the text width among the grid columns, the first
    /// `header_rows` rows are centred and a point smaller (so that a column label such as
    /// 法律服务机构 breaks between words, not inside 法律服务), numbers are centred, other
    /// text is flush left.
    pub fn table(&mut self, spans: &Spans, fractions: &[f32], header_rows: usize, size: f32) {
        let total: f32 = fractions.iter().sum();
        let widths: Vec<f32> = fractions.iter().map(|f| f / total * TEXT_WIDTH).collect();
        let sizes: Vec<f32> = (0..spans.rows.len())
            .map(|r| if r < header_rows { size - 1.0 } else { size })
            .collect();
        let placed = spans.placed();
        let grid = Grid::measure(self, &placed, &widths, &sizes);
        // A table that fits on a page is not split: readers (and `pdftotext`, which lays out
        // each page on its own character grid) see it whole.
        let total: f32 = grid.heights.iter().sum();
        let body = PAGE_HEIGHT - TOP - BOTTOM;
        self.room(if total <= body {
            total
        } else {
            grid.heights.first().copied().unwrap_or(0.0)
        });
        let mut open_spans: Vec<(usize, usize)> = Vec::new();
        for (r, row) in placed.iter().enumerate() {
            let height = grid.heights[r];
            if self.y + height > PAGE_HEIGHT - BOTTOM {
                self.new_page();
                self.rule((SIDE, self.y), (SIDE + TEXT_WIDTH, self.y));
            }
            let centre_all = r < header_rows;
            self.table_row(row, r, &grid, &mut open_spans, centre_all, sizes[r]);
            self.y += height;
        }
        self.y += size;
    }

    fn rule(&mut self, from: (f32, f32), to: (f32, f32)) {
        self.push(Op::Rule { from, to });
    }

    /// One grid row: the borders of each cell's part in it and the text of cells starting here.
    fn table_row(
        &mut self,
        row: &[Placed<'_>],
        r: usize,
        grid: &Grid,
        open_spans: &mut Vec<(usize, usize)>,
        centre_all: bool,
        size: f32,
    ) {
        let (top, bottom) = (self.y, self.y + grid.heights[r]);
        let mut column = 0;
        for place in row {
            let (cols, starts) = match place {
                Placed::Cell { span, .. } => (span.cols, true),
                Placed::Below { cols } => (*cols, false),
            };
            let left = grid.x(column);
            let right = grid.x(column + cols);
            self.rule((left, top), (left, bottom));
            self.rule((right, top), (right, bottom));
            if starts {
                self.rule((left, top), (right, top));
            }
            let last_row = match place {
                Placed::Cell { span, .. } if span.rows > 1 => {
                    open_spans.push((column, r + span.rows - 1));
                    false
                }
                Placed::Cell { .. } => true,
                Placed::Below { .. } => open_spans.iter().any(|&(c, end)| c == column && end == r),
            };
            if last_row {
                self.rule((left, bottom), (right, bottom));
            }
            if let Placed::Cell { span, .. } = place {
                let lines = self.wrap(&span.text, size, right - left - 2.0 * PAD, 0.0);
                let centre = centre_all || is_number(&span.text);
                // A merged cell's text starts at its top, beside the first row's label, as
                // 三、本年度办理结果 and （三）不予公开 stand in the official layout's text.
                let row = if span.rows > 1 { 0.0 } else { grid.heights[r] };
                self.cell_text(&lines, (left, right), row, centre, size);
            }
            column += cols;
        }
    }

    /// Text in a cell, vertically centred in a row `row` high (from the cell's top when the
    /// text is taller).
    fn cell_text(
        &mut self,
        lines: &[String],
        (left, right): (f32, f32),
        row: f32,
        centre: bool,
        size: f32,
    ) {
        let leading = size * 1.35;
        let height = lines.len() as f32 * leading;
        let mut y = self.y + ((row - height) / 2.0).max(PAD);
        for line in lines {
            y += leading;
            let x = if centre {
                left + (right - left - self.width(line, size)) / 2.0
            } else {
                left + PAD
            };
            self.push(Op::Text {
                x,
                y: y - leading * 0.28,
                size,
                bold: false,
                text: line.clone(),
            });
        }
    }
}

/// The unbreakable pieces of a text: a run of ASCII letters, digits and the signs inside
/// numbers and addresses, or any other single character.
fn units(text: &str) -> impl Iterator<Item = &str> {
    let joins = |c: char| c.is_ascii_alphanumeric() || ".@-_:/%".contains(c);
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let end = if joins(first) {
            rest.find(|c: char| !joins(c)).unwrap_or(rest.len())
        } else {
            first.len_utf8()
        };
        let (unit, tail) = rest.split_at(end);
        rest = tail;
        Some(unit)
    })
}

fn is_number(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ".,-".contains(c))
}

/// Column positions and row heights of a table.
struct Grid {
    lefts: Vec<f32>,
    heights: Vec<f32>,
}

impl Grid {
    fn measure(
        setter: &Setter<'_>,
        placed: &[Vec<Placed<'_>>],
        widths: &[f32],
        sizes: &[f32],
    ) -> Grid {
        let mut lefts = vec![SIDE];
        for w in widths {
            lefts.push(lefts.last().copied().unwrap_or(SIDE) + w);
        }
        let heights = sizes.iter().map(|s| s * 1.35 + 2.0 * PAD).collect();
        let mut grid = Grid { lefts, heights };
        let mut tall: Vec<(usize, usize, f32)> = Vec::new();
        for (r, row) in placed.iter().enumerate() {
            let (mut column, size) = (0, sizes[r]);
            for place in row {
                if let Placed::Cell { span, .. } = place {
                    let width = grid.x(column + span.cols) - grid.x(column) - 2.0 * PAD;
                    let lines = setter.wrap(&span.text, size, width, 0.0).len();
                    let need = lines as f32 * size * 1.35 + 2.0 * PAD;
                    match span.rows {
                        1 => grid.heights[r] = grid.heights[r].max(need),
                        n => tall.push((r, n, need)),
                    }
                }
                column += match place {
                    Placed::Cell { span, .. } => span.cols,
                    Placed::Below { cols } => *cols,
                };
            }
        }
        for (r, n, need) in tall {
            let end = (r + n).min(grid.heights.len());
            let have: f32 = grid.heights[r..end].iter().sum();
            if need > have {
                grid.heights[end - 1] += need - have;
            }
        }
        grid
    }

    /// The x of a grid column's left edge (the right edge of the table past the last).
    fn x(&self, column: usize) -> f32 {
        let last = self.lefts.len().saturating_sub(1);
        self.lefts[column.min(last)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: f32) -> Vec<String> {
        let fonts = Fonts::discover(None).expect("scripts/test installs fonts-noto-cjk");
        Setter::new(&fonts).wrap(text, 12.0, width, 24.0)
    }

    #[test]
    fn numbers_and_addresses_are_never_split_across_lines() {
        let text = "电话：0517-83605210，电子邮箱：hazwgkc@163.com，统计期限自2024年1月1日至2024年12月31日。".repeat(4);
        for width in [100.0, 150.0, 233.0] {
            let lines = lines(&text, width);
            for pair in lines.windows(2) {
                let (end, start) = (pair[0].chars().last(), pair[1].chars().next());
                let joined = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                assert!(!(joined(end) && joined(start)), "{pair:?}");
            }
            assert_eq!(lines.concat(), text);
        }
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let text = "本机关依法答复，做到应公开尽公开。".repeat(20);
        for width in [90.0, 120.0, 300.0] {
            for line in lines(&text, width).iter().skip(1) {
                let first = line.chars().next().expect("no empty line");
                assert!(!NO_LINE_START.contains(first), "{line}");
            }
        }
    }
}
