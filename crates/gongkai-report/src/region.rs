//! Finding labelled rows in the lines of one section and collecting the values that follow
//! them, whatever separates the cells: tabs, pipes, aligned spaces, one cell per line, or
//! nothing at all (digits run together behind their label).

use crate::lines::{Line, Sep};
use gongkai_domain::text::{Folded, find_chars, fold, fold_key, is_han};

/// The lines of one section, with every cell folded once.
pub struct Region<'a> {
    /// The lines.
    pub lines: &'a [Line<'a>],
    folded: Vec<Vec<Folded>>,
    /// Lines whose values were taken by some row.
    pub consumed: Vec<bool>,
}

/// A position in a region: line, cell, folded character.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// Line index.
    pub line: usize,
    /// Cell index.
    pub cell: usize,
    /// Folded character index within the cell.
    pub at: usize,
}

/// Where a row's label was found.
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    /// Start of the key.
    pub start: Pos,
    /// Folded index just past the key.
    pub end: usize,
    /// Which of the row's keys matched (0 = the main one).
    pub key: usize,
}

/// A value cell as written, with its column position.
#[derive(Clone, Copy, Debug)]
pub struct RawCell<'a> {
    /// Text.
    pub text: &'a str,
    /// Character column.
    pub col: usize,
}

/// A folded key. A key written with a leading `=` must stand apart from other Chinese
/// characters ("3.其他", but not "其他处理").
#[derive(Clone, Debug)]
pub struct Key {
    exact: bool,
    chars: Vec<char>,
}

impl Key {
    /// Folds a key.
    pub fn new(key: &str) -> Key {
        let (exact, key) = key.strip_prefix('=').map_or((false, key), |k| (true, k));
        Key {
            exact,
            chars: fold_key(key),
        }
    }

    /// Folds a list of keys.
    pub fn all(keys: &[&str]) -> Vec<Key> {
        keys.iter().map(|k| Key::new(k)).collect()
    }
}

/// The keys of the rows that may come next, row by row. The next two rows' labels end a run
/// of digits glued to a label; any later row's label ends a search on later lines.
#[derive(Clone, Copy)]
pub struct Following<'k> {
    /// Keys of every later row, in order.
    pub rows: &'k [Vec<Key>],
}

impl Following<'_> {
    fn near(&self) -> impl Iterator<Item = &Key> {
        self.rows.iter().take(2).flatten()
    }

    fn all(&self) -> impl Iterator<Item = &Key> {
        self.rows.iter().flatten()
    }
}

/// What followed a label.
#[derive(Clone, Debug)]
pub enum Values<'a> {
    /// Separate cells.
    Cells(Vec<RawCell<'a>>, Sep),
    /// Digits run together behind the label, split only where the text had spaces.
    Run(Vec<String>),
    /// Nothing.
    Nothing,
}

impl<'a> Region<'a> {
    /// Folds every cell of `lines`.
    pub fn new(lines: &'a [Line<'a>]) -> Region<'a> {
        let folded = lines
            .iter()
            .map(|l| l.cells.iter().map(|c| fold_cell(c.text)).collect())
            .collect();
        Region {
            lines,
            folded,
            consumed: vec![false; lines.len()],
        }
    }

    /// The folded cell at a position.
    pub fn folded(&self, line: usize, cell: usize) -> &Folded {
        &self.folded[line][cell]
    }

    /// All folded text before `pos`, for reading table headers.
    pub fn text_before(&self, pos: Pos) -> String {
        let mut text = String::new();
        for (l, cells) in self.folded.iter().enumerate().take(pos.line + 1) {
            for (c, f) in cells.iter().enumerate() {
                let upto = match (l == pos.line, c.cmp(&pos.cell)) {
                    (true, std::cmp::Ordering::Greater) => 0,
                    (true, std::cmp::Ordering::Equal) => pos.at,
                    _ => f.chars().len(),
                };
                text.extend(&f.chars()[..upto]);
            }
        }
        text
    }

    /// Finds the first of `keys` at or after `from`. A key starting with `=` must stand apart
    /// from other Chinese characters ("3.其他", but not "其他处理").
    pub fn find(&self, from: Pos, keys: &[Key]) -> Option<Hit> {
        for line in from.line..self.lines.len() {
            let first_cell = if line == from.line { from.cell } else { 0 };
            for cell in first_cell..self.folded[line].len() {
                let at = if line == from.line && cell == from.cell {
                    from.at
                } else {
                    0
                };
                let folded = &self.folded[line][cell];
                let first = keys
                    .iter()
                    .enumerate()
                    .find_map(|(k, key)| find_key(folded, key, at).map(|(s, e)| (s, e, k)));
                if let Some((s, e, key)) = first {
                    return Some(Hit {
                        start: Pos { line, cell, at: s },
                        end: e,
                        key,
                    });
                }
            }
        }
        None
    }

    /// The values that follow a label, and the position after them. `next` are the keys of
    /// the rows that may follow (their labels end the search); `next_number` the printed item
    /// number of the next row ("2" of "2.其他法律…"), which run-together text glues to the digits.
    pub fn values_after(
        &mut self,
        hit: &Hit,
        next: Following<'_>,
        next_number: Option<&str>,
    ) -> (Values<'a>, Pos) {
        if let Some(found) = self.inline_run(hit, next, next_number) {
            return found;
        }
        let line = &self.lines[hit.start.line];
        let rest = &line.cells[hit.start.cell + 1..];
        let after_line = Pos {
            line: hit.start.line + 1,
            cell: 0,
            at: 0,
        };
        // "一、本年新收… |" with the values one per line below: the trailing pipe ends the
        // label's cell, it is not a blank value.
        let label_cell_only = line.sep == Sep::Pipe
            && rest.len() == 1
            && rest[0].text.is_empty()
            && !line.raw.trim_start().starts_with('|');
        if !rest.is_empty() && !label_cell_only {
            self.consumed[hit.start.line] = true;
            let cells = rest
                .iter()
                .filter(|c| line.sep != Sep::Spaces || is_value(c.text))
                .map(|c| RawCell {
                    text: c.text,
                    col: c.col,
                })
                .collect();
            return (Values::Cells(cells, line.sep), after_line);
        }
        self.following_lines(hit.start.line + 1, next)
    }

    /// Digits right behind the label in the same cell ("规章000", "一、本年新收…15130000154").
    fn inline_run(
        &self,
        hit: &Hit,
        next: Following<'_>,
        next_number: Option<&str>,
    ) -> Option<(Values<'a>, Pos)> {
        let folded = &self.folded[hit.start.line][hit.start.cell];
        let chars = folded.chars();
        let limit = (hit.end + 45).min(chars.len());
        let digit = (hit.end..limit).find(|&i| chars[i].is_ascii_digit())?;
        let skipped = &chars[hit.end..digit];
        if next.near().any(|k| contains_key(skipped, k)) {
            return None;
        }
        let text = &self.lines[hit.start.line].cells[hit.start.cell].text;
        let tail = &text[folded.offset(digit)..];
        // Digits (full-width ones too), decimal points, thousands commas and spaces.
        let in_run =
            |c: &char| fold(*c).is_none_or(|f| f.is_ascii_digit() || matches!(f, '.' | ','));
        let run_len: usize = tail.chars().take_while(in_run).map(char::len_utf8).sum();
        let mut run: String = tail[..run_len]
            .chars()
            .map(|c| fold(c).unwrap_or(' '))
            .collect();
        let after = tail[run_len..].chars().next();
        let consumed_chars = run
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
            .count();
        strip_next_number(&mut run, after, next_number);
        let tokens = run
            .split_whitespace()
            .map(str::to_string)
            .filter(|t| !t.is_empty())
            .collect();
        let end = Pos {
            line: hit.start.line,
            cell: hit.start.cell,
            at: digit + consumed_chars,
        };
        Some((Values::Run(tokens), end))
    }

    /// Values on the lines after a label that stands alone (wrapped labels, one cell per line).
    fn following_lines(&mut self, first: usize, next: Following<'_>) -> (Values<'a>, Pos) {
        let mut cells = Vec::new();
        let mut sep = Sep::Tab;
        let mut line = first;
        let mut text_lines = 0;
        while line < self.lines.len() {
            let l = &self.lines[line];
            if self.folded[line]
                .iter()
                .any(|f| next.all().any(|k| find_key(f, k, 0).is_some()))
            {
                break;
            }
            // "3 |": one value per line, the pipe ending its cell.
            let one_per_line =
                l.sep == Sep::Pipe && l.cells.len() == 2 && l.cells[1].text.is_empty();
            let own = &l.cells[..l.cells.len() - usize::from(one_per_line)];
            let values: Vec<&crate::lines::Cell<'a>> =
                own.iter().skip_while(|c| !is_value(c.text)).collect();
            let pure = !l.cells.is_empty()
                && l.cells
                    .iter()
                    .all(|c| is_value(c.text) || c.text.is_empty());
            // Blank, or only the borders of cells ("|", "|||" left by a colspan).
            if l.is_blank() || l.sep == Sep::Pipe && l.cells.is_empty() {
                line += 1;
                continue;
            }
            if values.is_empty() {
                if !cells.is_empty() || text_lines >= 3 {
                    break;
                }
                text_lines += usize::from(!l.is_blank());
                line += 1;
                continue;
            }
            let labelled = l.sep != Sep::Spaces && !pure;
            if labelled || (!cells.is_empty() && !pure) {
                break;
            }
            sep = l.sep;
            self.consumed[line] = true;
            cells.extend(values.into_iter().map(|c| RawCell {
                text: c.text,
                col: c.col,
            }));
            line += 1;
            if !pure || own.len() > 1 {
                break;
            }
        }
        let end = Pos {
            line,
            cell: 0,
            at: 0,
        };
        if cells.is_empty() {
            return (
                Values::Nothing,
                Pos {
                    line: first,
                    cell: 0,
                    at: 0,
                },
            );
        }
        (Values::Cells(cells, sep), end)
    }
}

/// Folds a cell for key search; ASCII-only cells (numbers, blanks) can hold no key.
fn fold_cell(text: &str) -> Folded {
    if text.is_ascii() {
        Folded::default()
    } else {
        Folded::new(text)
    }
}

/// A cell that holds a value: a number or a placeholder such as "/".
pub fn is_value(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && {
        let cell = gongkai_domain::report::Cell::parse(t);
        matches!(
            cell.kind(),
            gongkai_domain::report::CellKind::Number | gongkai_domain::report::CellKind::Blank
        ) || strip_unit(t).is_some()
    }
}

/// "251000元" → "251000": a number with a unit written into the cell.
pub fn strip_unit(text: &str) -> Option<&str> {
    let t = text.trim();
    ["万元", "元", "件", "个", "项", "条"]
        .iter()
        .find_map(|u| t.strip_suffix(u))
        .map(str::trim)
        .filter(|n| gongkai_domain::report::Number::parse(n).is_some())
}

fn find_key(folded: &Folded, key: &Key, from: usize) -> Option<(usize, usize)> {
    let chars = folded.chars();
    let mut start = from;
    while let Some((s, e)) = folded.find(&key.chars, start) {
        let apart = (s == 0 || !is_han(chars[s - 1])) && (e == chars.len() || !is_han(chars[e]));
        if !key.exact || apart {
            return Some((s, e));
        }
        start = s + 1;
    }
    None
}

fn contains_key(chars: &[char], key: &Key) -> bool {
    find_chars(chars, &key.chars, 0).is_some()
}

/// "…00000002.其他法律" → the "2." belongs to the next label.
fn strip_next_number(run: &mut String, after: Option<char>, next_number: Option<&str>) {
    let trimmed = run.trim_end().to_string();
    let Some(number) = next_number else {
        *run = trimmed.trim_end_matches('.').to_string();
        return;
    };
    let (body, dotted) = match trimmed.strip_suffix('.') {
        Some(body) => (body.to_string(), true),
        None => (trimmed.clone(), matches!(after, Some('、' | '．' | '.'))),
    };
    *run = if dotted && body.ends_with(number) && body.len() > number.len() {
        body[..body.len() - number.len()].to_string()
    } else {
        body
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::{prepare, split_all};

    fn following(keys: &[&str]) -> Vec<Vec<Key>> {
        vec![Key::all(keys)]
    }

    #[test]
    fn run_together_digits_stop_before_the_next_label_number() {
        let lines = split_all(&prepare(
            "1.属于国家秘密00000002.其他法律行政法规禁止公开0000000",
        ));
        let mut region = Region::new(&lines);
        let hit = region
            .find(Pos::default(), &Key::all(&["国家秘密"]))
            .unwrap();
        let (values, _) = region.values_after(
            &hit,
            Following {
                rows: &following(&["禁止公开"]),
            },
            Some("2"),
        );
        assert!(matches!(values, Values::Run(t) if t == ["0000000"]));
    }

    #[test]
    fn wrapped_pdf_labels_take_the_values_on_the_next_line() {
        let lines = split_all(&prepare(
            "  （二）部分公开（区分处理的，只计这一情\n      447   7   0   0   0   0   454\n  形，不计其他情形）\n  1.属于国家秘密   2",
        ));
        let mut region = Region::new(&lines);
        let hit = region
            .find(Pos::default(), &Key::all(&["部分公开"]))
            .unwrap();
        let (values, end) = region.values_after(
            &hit,
            Following {
                rows: &following(&["国家秘密"]),
            },
            None,
        );
        let Values::Cells(cells, _) = values else {
            panic!("{values:?}")
        };
        assert_eq!(cells.len(), 7);
        assert_eq!(end.line, 2);
    }

    #[test]
    fn exact_keys_stand_apart() {
        let lines = split_all(&prepare("（六）其他处理\n3.其他\t1"));
        let region = Region::new(&lines);
        let hit = region.find(Pos::default(), &Key::all(&["=其他"])).unwrap();
        assert_eq!(hit.start.line, 1);
    }
}
