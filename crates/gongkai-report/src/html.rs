//! HTML to lines: table rows become tab-separated lines (one cell per `<td>`/`<th>`, `&nbsp;`
//! blank), block elements become line breaks, scripts, styles and Word markup disappear.
//! A small tolerant tokenizer: it never fails, whatever the markup.

/// Converts an HTML page to text with tab-separated table rows.
pub fn to_text(html: &str) -> String {
    let mut out = Html {
        text: String::with_capacity(html.len() / 2),
        in_cell: false,
        cell_start: true,
        table_depth: 0,
    };
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_text(&rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = tag_end(rest) else {
            out.push_text(rest);
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        rest = out.tag(tag, rest);
    }
    out.push_text(rest);
    out.text
}

/// The index of the `>` closing the tag that starts `s`, skipping quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, &c) in s.as_bytes().iter().enumerate().skip(1) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

struct Html {
    text: String,
    in_cell: bool,
    cell_start: bool,
    table_depth: usize,
}

impl Html {
    fn push_text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_entities(raw);
        let mut after_space = self.text.is_empty() || self.text.ends_with([' ', '\n', '\t']);
        for c in decoded.chars() {
            let space = c.is_ascii_whitespace() || c == '\u{a0}' || c == '\u{2028}';
            if space && after_space {
                continue;
            }
            self.text.push(if space { ' ' } else { c });
            after_space = space;
            self.cell_start = false;
        }
    }

    fn newline(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// Handles one tag; returns the rest of the input (past skipped content such as scripts).
    fn tag<'a>(&mut self, tag: &str, rest: &'a str) -> &'a str {
        let closing = tag.starts_with('/');
        let bare = tag.trim_start_matches('/').as_bytes();
        let end = bare
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b':'))
            .unwrap_or(bare.len());
        let mut buffer = [0u8; 16];
        let name = ascii_lower(&bare[..end], &mut buffer);
        match (name, closing) {
            (b"script" | b"style" | b"head" | b"title" | b"noscript", false) => {
                skip_until_close(rest, name)
            }
            (b"tr", false) => {
                self.newline();
                self.cell_start = true;
                rest
            }
            (b"tr", true) => {
                self.in_cell = false;
                self.newline();
                rest
            }
            (b"td" | b"th", false) => {
                self.trim_space();
                if !self.cell_start {
                    self.text.push('\t');
                }
                self.cell_start = false;
                self.in_cell = true;
                rest
            }
            (b"td" | b"th", true) => {
                self.trim_space();
                self.in_cell = false;
                rest
            }
            (b"table", false) => {
                self.table_depth += 1;
                self.newline();
                rest
            }
            (b"table", true) => {
                self.table_depth = self.table_depth.saturating_sub(1);
                self.newline();
                rest
            }
            (
                b"br" | b"p" | b"div" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"li"
                | b"section" | b"article",
                _,
            ) => {
                if !self.in_cell {
                    self.newline();
                }
                rest
            }
            _ => rest,
        }
    }

    fn trim_space(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
    }
}

/// Lower-cases a short ASCII tag name into `buffer` without allocating ("" if too long).
fn ascii_lower<'b>(name: &[u8], buffer: &'b mut [u8; 16]) -> &'b [u8] {
    if name.len() > buffer.len() {
        return &[];
    }
    for (b, c) in buffer.iter_mut().zip(name) {
        *b = c.to_ascii_lowercase();
    }
    &buffer[..name.len()]
}

/// The input from the closing tag of `name` on (case-insensitive), without copying it.
fn skip_until_close<'a>(rest: &'a str, name: &[u8]) -> &'a str {
    let bytes = rest.as_bytes();
    let mut from = 0;
    while let Some(at) = rest[from..].find("</") {
        let start = from + at + 2;
        let candidate = &bytes[start..(start + name.len()).min(bytes.len())];
        if candidate.eq_ignore_ascii_case(name) {
            return &rest[from + at..];
        }
        from = start;
    }
    ""
}

/// Decodes the entities reports use: named basics and numeric references.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |i| i + 1);
        let name = &rest[1..end];
        let decoded = match name {
            "nbsp" | "ensp" | "emsp" => Some(' '),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "mdash" => Some('—'),
            _ => numeric_entity(name),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn numeric_entity(name: &str) -> Option<char> {
    let digits = name.strip_prefix('#')?;
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse().ok()?,
    };
    char::from_u32(code)
}

/// True when the text looks like HTML.
pub fn looks_like_html(text: &str) -> bool {
    if !text.as_bytes().contains(&b'<') {
        return false;
    }
    let mut head_end = text.len().min(12_000);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = text[..head_end].to_ascii_lowercase();
    [
        "<html",
        "<table",
        "<!doctype",
        "<body",
        "<p>",
        "<p ",
        "<div",
    ]
    .iter()
    .any(|t| head.contains(t))
        || text.contains("<td")
        || text.contains("<TD")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_become_tab_separated_lines_with_blank_cells() {
        let html = "<p>三、收到</p><table><tr><td>一、本年新收</td><td>821</td><td>&nbsp;</td><td colspan=2>2</td></tr></table><p>四<o:p></o:p></p>";
        assert_eq!(to_text(html), "三、收到\n一、本年新收\t821\t\t2\n四\n");
    }

    #[test]
    fn scripts_and_broken_markup_do_not_leak_or_panic() {
        assert_eq!(to_text("<script>var a='<td>';</script>正文<"), "正文<");
        assert_eq!(decode_entities("&#20844;&#x5f00;&bogus;"), "公开&bogus;");
    }
}
