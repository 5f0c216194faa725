//! A small YAML subset: enough for `Pulumi.yaml` and `Pulumi.<stack>.yaml`.
//!
//! Stack files only use block maps and lists, scalars, comments, one-line flow collections and
//! block scalars; a full YAML crate would be a large dependency for that. Every value keeps its
//! byte range so findings can point into the file. What falls outside the subset (anchors, tags,
//! multi-line flow collections, bad indentation) makes [`parse`] return None; it never panics and
//! nests at most [`MAX_DEPTH`] levels.

/// A YAML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Yaml {
    Null,
    Bool(bool),
    Number(f64),
    Str(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

/// A value with its byte range in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Yaml,
    pub start: u32,
    pub end: u32,
}

impl Node {
    /// The value under `key` when this is a map (first match).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Yaml::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Yaml::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Nesting limit, so hostile input cannot exhaust the stack.
pub const MAX_DEPTH: usize = 64;

/// Parses `text`; None when it is not in the supported subset.
pub fn parse(text: &str) -> Option<Node> {
    let mut p = Parser { lines: split_lines(text)?, pos: 0, bad: false };
    let node = match p.peek() {
        None => Some(node(Yaml::Null, 0, 0)),
        Some(_) => p.block(-1, 0),
    };
    let leftover = p.peek().is_some();
    if p.bad || leftover {
        return None;
    }
    node
}

/// One line of the document: `indent` leading spaces, then `text` (no line break).
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    /// Offset of the line's first byte in the document.
    start: usize,
    /// Column where `text` starts; for the rest of a `- item` line, the column after the dash.
    indent: usize,
    text: &'a str,
    /// The whole line, for block scalars that cut at their own indentation.
    raw: &'a str,
}

/// The document's lines up to the end of the first document (`---` / `...`), skipping a leading
/// byte-order mark, directives and the first `---`. None for `--- value` on one line.
fn split_lines(text: &str) -> Option<Vec<Line<'_>>> {
    let mut lines = Vec::new();
    let mut start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut seen_content = false;
    while start < text.len() {
        let rest = text.get(start..).unwrap_or("");
        let len = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
        let raw = rest.get(..len).unwrap_or("").trim_end_matches(['\n', '\r']);
        let indent = raw.bytes().take_while(|&b| b == b' ').count();
        let body = raw.get(indent..).unwrap_or("");
        let marker = |m: &str| raw == m || raw.strip_prefix(m).is_some_and(|r| r.starts_with([' ', '\t']));
        if !seen_content && (raw.starts_with('%') || marker("---")) {
            // Directives and the document start: `--- value` is not supported.
            if marker("---") && !is_blank(raw.get(3..).unwrap_or("")) {
                return None;
            }
        } else if seen_content && (marker("---") || marker("...")) {
            break;
        } else {
            if !is_blank(body) {
                seen_content = true;
            }
            lines.push(Line { start, indent, text: body, raw });
        }
        start += len;
    }
    Some(lines)
}

/// Whether the rest of a line holds nothing but whitespace or a comment.
fn is_blank(text: &str) -> bool {
    let t = text.trim_start_matches([' ', '\t']);
    t.is_empty() || t.starts_with('#')
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    /// Set when a line cannot be read (tab indentation); the parse then fails.
    bad: bool,
}

fn node(value: Yaml, start: usize, end: usize) -> Node {
    Node { value, start: to_u32(start), end: to_u32(end.max(start)) }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'a> Parser<'a> {
    /// The next line with content, skipping blank and comment lines.
    fn peek(&mut self) -> Option<Line<'a>> {
        while let Some(line) = self.lines.get(self.pos).copied() {
            if is_blank(line.text) {
                self.pos += 1;
                continue;
            }
            if line.text.starts_with('\t') {
                // Tabs may not indent YAML.
                self.bad = true;
                return None;
            }
            return Some(line);
        }
        None
    }

    /// A block node whose lines are indented more than `parent`; `depth` counts enclosing
    /// collections.
    fn block(&mut self, parent: isize, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let line = self.peek()?;
        if (line.indent as isize) <= parent {
            return None;
        }
        if is_list_item(line.text) {
            self.list(line.indent, depth + 1)
        } else if key_split(line.text).is_some() {
            self.map(line.indent, depth + 1)
        } else {
            self.pos += 1;
            self.value(line.text, line.start + line.indent, parent, depth, false)
        }
    }

    fn map(&mut self, indent: usize, depth: usize) -> Option<Node> {
        let mut entries = Vec::new();
        let (mut start, mut end) = (None, 0);
        while let Some(line) = self.peek() {
            if line.indent < indent || (line.indent == indent && is_list_item(line.text)) {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let (key, colon) = key_split(line.text)?;
            let at = line.start + line.indent;
            start.get_or_insert(at);
            self.pos += 1;
            let rest = line.text.get(colon + 1..).unwrap_or("");
            let value = self.value(rest, at + colon + 1, indent as isize, depth, true)?;
            end = end.max(value.end as usize).max(at + colon + 1);
            entries.push((key, value));
        }
        let start = start?;
        Some(node(Yaml::Map(entries), start, end))
    }

    fn list(&mut self, indent: usize, depth: usize) -> Option<Node> {
        let mut items = Vec::new();
        let (mut start, mut end) = (None, 0);
        while let Some(line) = self.peek() {
            if line.indent < indent || !is_list_item(line.text) {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let at = line.start + line.indent;
            start.get_or_insert(at);
            let rest = line.text.get(1..).unwrap_or("");
            let gap = rest.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
            let item = if is_blank(rest) {
                self.pos += 1;
                self.value("", at + 1, indent as isize, depth, false)?
            } else {
                // The rest of the line is the item's first line, as if indented to its column.
                let col = line.indent + 1 + gap;
                if let Some(l) = self.lines.get_mut(self.pos) {
                    *l = Line { indent: col, text: rest.get(gap..).unwrap_or(""), ..line };
                }
                self.block(indent as isize, depth)?
            };
            end = end.max(item.end as usize).max(at + 1);
            items.push(item);
        }
        let start = start?;
        Some(node(Yaml::List(items), start, end))
    }

    /// The value after `key:` or `- ` (or a lone scalar line): `text` starts at offset `at`; lines
    /// that continue it are indented more than `parent`. `same_indent_list` lets a map value be
    /// a list at the key's own indentation.
    fn value(&mut self, text: &str, at: usize, parent: isize, depth: usize, same_indent_list: bool) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let lead = text.len() - text.trim_start_matches([' ', '\t']).len();
        let at = at + lead;
        let text = strip_comment(text.get(lead..).unwrap_or(""));
        let end = at + text.len();
        let first = text.chars().next();
        match first {
            None => match self.peek() {
                Some(next) if next.indent as isize > parent => self.block(parent, depth),
                Some(next) if same_indent_list && next.indent as isize == parent && is_list_item(next.text) => {
                    self.list(next.indent, depth + 1)
                }
                _ => Some(node(Yaml::Null, at, at)),
            },
            Some('|' | '>') => self.block_scalar(text, at, parent),
            Some('[' | '{') => {
                let mut flow = Flow { text, at, i: 0 };
                let value = flow.value(depth, Stop::Top)?;
                flow.skip_ws();
                (flow.i == text.len()).then_some(value)
            }
            Some('"' | '\'') => {
                let (value, used) = quoted(text)?;
                text.get(used..).is_some_and(|r| r.trim().is_empty()).then(|| node(Yaml::Str(value), at, end))
            }
            Some('&' | '*' | '!' | '%' | '@' | '`' | '?') => None,
            Some(_) => {
                // A plain scalar may go on over more-indented lines, folded with spaces.
                let mut folded = text.to_string();
                let mut end = end;
                while let Some(next) = self.peek() {
                    if next.indent as isize <= parent {
                        break;
                    }
                    if key_split(next.text).is_some() {
                        // `a: 1` over a deeper `b: 2`: bad indentation, not a scalar going on.
                        return None;
                    }
                    let more = strip_comment(next.text);
                    folded.push(' ');
                    folded.push_str(more);
                    end = next.start + next.indent + more.len();
                    self.pos += 1;
                }
                let value = if folded.len() == text.len() { plain(text) } else { Yaml::Str(folded) };
                Some(node(value, at, end))
            }
        }
    }

    /// A `|` or `>` scalar whose header is `header`; its lines are indented more than `parent`.
    fn block_scalar(&mut self, header: &str, at: usize, parent: isize) -> Option<Node> {
        let literal = header.starts_with('|');
        let mut chomp = ' ';
        let mut explicit = None;
        for c in header.chars().skip(1) {
            match c {
                '+' | '-' if chomp == ' ' => chomp = c,
                '1'..='9' if explicit.is_none() => explicit = c.to_digit(10),
                _ => return None,
            }
        }
        let base = usize::try_from(parent + 1).unwrap_or(0);
        let mut content_indent = explicit.map(|d| (parent.max(0) as usize) + d as usize);
        let mut rows: Vec<&str> = Vec::new();
        let mut end = at + header.len();
        while let Some(line) = self.lines.get(self.pos).copied() {
            // Column of the raw line's first non-space byte: list items rewrite `indent`.
            let spaces = line.raw.bytes().take_while(|&b| b == b' ').count();
            if line.raw.trim().is_empty() {
                rows.push("");
                self.pos += 1;
                continue;
            }
            let ci = *content_indent.get_or_insert(spaces.max(base));
            if spaces < ci || spaces < base {
                break;
            }
            rows.push(line.raw.get(ci..).unwrap_or(""));
            end = line.start + line.raw.len();
            self.pos += 1;
        }
        // Trailing blank lines belong to the chomping, not the content.
        let trailing = rows.iter().rev().take_while(|r| r.is_empty()).count();
        let body = &rows[..rows.len() - trailing];
        let mut value = String::new();
        if literal {
            value = body.join("\n");
        } else {
            // Folding: adjacent lines join with a space; each blank line is one newline.
            for (i, row) in body.iter().enumerate() {
                if row.is_empty() {
                    value.push('\n');
                    continue;
                }
                if i > 0 && !body[i - 1].is_empty() {
                    value.push(' ');
                }
                value.push_str(row);
            }
        }
        if !body.is_empty() {
            match chomp {
                '-' => {}
                '+' => value.push_str(&"\n".repeat(trailing + 1)),
                _ => value.push('\n'),
            }
        }
        Some(node(Yaml::Str(value), at, end))
    }
}

/// Whether a line's text is a block list item (`- x` or a lone `-`).
fn is_list_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ") || text.starts_with("-\t")
}

/// The key of a `key: value` line and the byte index of its colon. The key runs to the first colon
/// followed by a space or the line end, so `aws:region: us-east-1` has the key `aws:region`.
fn key_split(text: &str) -> Option<(String, usize)> {
    if text.starts_with(['"', '\'']) {
        let (key, used) = quoted(text)?;
        let rest = text.get(used..)?;
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let colon = used + gap;
        let after = text.get(colon..)?.strip_prefix(':')?;
        return (after.is_empty() || after.starts_with([' ', '\t'])).then_some((key, colon));
    }
    if text.starts_with(['[', '{', '#', '&', '*', '!', '|', '>', '?']) || is_list_item(text) {
        return None;
    }
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        if b == b'#' && i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
            return None;
        }
        if b == b':' && matches!(next, None | Some(b' ' | b'\t')) {
            let key = text.get(..i)?.trim_end();
            return (!key.is_empty()).then(|| (key.to_string(), i));
        }
    }
    None
}

/// `text` without a trailing comment (a `#` after whitespace, outside quotes) and trailing spaces.
fn strip_comment(text: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => {
                if q == '\'' && chars.peek().map(|&(_, n)| n) == Some('\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None => {
                let at_token = matches!(prev, None | Some(' ' | '\t' | '[' | '{' | ',' | ':'));
                if (c == '"' || c == '\'') && at_token {
                    quote = Some(c);
                } else if c == '#' && matches!(prev, None | Some(' ' | '\t')) {
                    return text.get(..i).unwrap_or("").trim_end();
                }
            }
        }
        prev = Some(c);
    }
    text.trim_end()
}

/// A quoted scalar at the start of `text`: its value and the bytes it used, quotes included.
fn quoted(text: &str) -> Option<(String, usize)> {
    let q = text.chars().next()?;
    let mut out = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if c == q {
            if q == '\'' && chars.peek().map(|&(_, n)| n) == Some('\'') {
                chars.next();
                out.push('\'');
                continue;
            }
            return Some((out, i + 1));
        }
        if q == '"' && c == '\\' {
            let (_, e) = chars.next()?;
            out.push(match e {
                'n' => '\n',
                't' | '\t' => '\t',
                'r' => '\r',
                '0' => '\0',
                'a' => '\u{7}',
                'b' => '\u{8}',
                'e' => '\u{1b}',
                'f' => '\u{c}',
                'v' => '\u{b}',
                ' ' => ' ',
                '"' => '"',
                '/' => '/',
                '\\' => '\\',
                'N' => '\u{85}',
                '_' => '\u{a0}',
                'L' => '\u{2028}',
                'P' => '\u{2029}',
                'x' => hex_char(&mut chars, 2)?,
                'u' => hex_char(&mut chars, 4)?,
                'U' => hex_char(&mut chars, 8)?,
                _ => return None,
            });
            continue;
        }
        out.push(c);
    }
    None
}

/// The character of `digits` hex digits taken from a double-quoted escape.
fn hex_char(chars: &mut impl Iterator<Item = (usize, char)>, digits: usize) -> Option<char> {
    let mut v = 0u32;
    for _ in 0..digits {
        v = v.checked_mul(16)?.checked_add(chars.next()?.1.to_digit(16)?)?;
    }
    char::from_u32(v)
}

/// A plain scalar's value: null, boolean, number or string.
fn plain(text: &str) -> Yaml {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Yaml::Null,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => return Yaml::Bool(true),
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => return Yaml::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Yaml::Number(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Yaml::Number(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Yaml::Number(f64::NAN),
        _ => {}
    }
    number(text).map(Yaml::Number).unwrap_or_else(|| Yaml::Str(text.to_string()))
}

/// A YAML number. Integers with a leading zero stay strings: in stack files they are account ids
/// and the like, whose zeros matter.
fn number(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let negative = text.starts_with('-');
    let radix = |digits: &str, radix: u32| {
        i64::from_str_radix(digits, radix).ok().map(|v| if negative { -(v as f64) } else { v as f64 })
    };
    if let Some(hex) = unsigned.strip_prefix("0x") {
        return radix(hex, 16);
    }
    if let Some(oct) = unsigned.strip_prefix("0o") {
        return radix(oct, 8);
    }
    if !unsigned.bytes().any(|b| b.is_ascii_digit())
        || !unsigned.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        || !unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.')
    {
        return None;
    }
    let int_part = unsigned.split(['.', 'e', 'E']).next().unwrap_or("");
    if int_part.len() > 1 && int_part.starts_with('0') {
        return None;
    }
    text.parse::<f64>().ok()
}

/// Where a plain scalar inside a flow collection ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    Top,
    List,
    MapKey,
    MapValue,
}

/// A one-line flow collection (`[a, b]`, `{a: 1}`) being read.
struct Flow<'a> {
    text: &'a str,
    /// Offset of `text` in the document.
    at: usize,
    i: usize,
}

impl Flow<'_> {
    fn peek(&self) -> Option<char> {
        self.text.get(self.i..)?.chars().next()
    }

    fn skip_ws(&mut self) {
        while let Some(c @ (' ' | '\t')) = self.peek() {
            self.i += c.len_utf8();
        }
    }

    fn value(&mut self, depth: usize, stop: Stop) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_ws();
        let start = self.at + self.i;
        match self.peek()? {
            '[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    match self.peek()? {
                        ']' => break,
                        ',' => return None,
                        _ => {}
                    }
                    items.push(self.value(depth + 1, Stop::List)?);
                    self.skip_ws();
                    match self.peek()? {
                        ',' => self.i += 1,
                        ']' => break,
                        _ => return None,
                    }
                }
                self.i += 1;
                Some(node(Yaml::List(items), start, self.at + self.i))
            }
            '{' => {
                self.i += 1;
                let mut entries = Vec::new();
                loop {
                    self.skip_ws();
                    match self.peek()? {
                        '}' => break,
                        ',' => return None,
                        _ => {}
                    }
                    let key = self.value(depth + 1, Stop::MapKey)?;
                    let key = match key.value {
                        Yaml::Str(s) => s,
                        Yaml::Null => String::new(),
                        _ => self.text.get(key.start as usize - self.at..key.end as usize - self.at)?.to_string(),
                    };
                    self.skip_ws();
                    let value = if self.peek() == Some(':') {
                        self.i += 1;
                        self.skip_ws();
                        if matches!(self.peek(), Some(',' | '}')) {
                            node(Yaml::Null, self.at + self.i, self.at + self.i)
                        } else {
                            self.value(depth + 1, Stop::MapValue)?
                        }
                    } else {
                        node(Yaml::Null, self.at + self.i, self.at + self.i)
                    };
                    entries.push((key, value));
                    self.skip_ws();
                    match self.peek()? {
                        ',' => self.i += 1,
                        '}' => break,
                        _ => return None,
                    }
                }
                self.i += 1;
                Some(node(Yaml::Map(entries), start, self.at + self.i))
            }
            '"' | '\'' => {
                let (value, used) = quoted(self.text.get(self.i..)?)?;
                self.i += used;
                Some(node(Yaml::Str(value), start, self.at + self.i))
            }
            '&' | '*' | '!' | '|' | '>' | ']' | '}' => None,
            _ => {
                let rest = self.text.get(self.i..)?;
                let bytes = rest.as_bytes();
                let mut len = rest.len();
                for (j, &b) in bytes.iter().enumerate() {
                    let next = bytes.get(j + 1).copied();
                    let ends = match b {
                        b',' | b'[' | b'{' => true,
                        b']' => stop != Stop::MapKey && stop != Stop::MapValue,
                        b'}' => stop != Stop::List,
                        b':' => stop == Stop::MapKey && matches!(next, None | Some(b' ' | b'\t' | b',' | b'}')),
                        _ => false,
                    };
                    if ends {
                        len = j;
                        break;
                    }
                }
                let scalar = rest.get(..len)?.trim_end();
                if scalar.is_empty() {
                    return None;
                }
                self.i += scalar.len();
                Some(node(plain(scalar), start, self.at + self.i))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn str_node(n: &Node) -> &str {
        n.as_str().unwrap_or_else(|| panic!("not a string: {n:?}"))
    }

    #[test]
    fn pulumi_yaml() {
        let text = "name: x\nruntime:\n  name: python\n  options:\n    virtualenv: venv\ndescription: A Pulumi program: with colons\nconfig:\n  aws:region:\n    default: us-west-2\n";
        let doc = parse(text).unwrap();
        assert_eq!(str_node(doc.get("name").unwrap()), "x");
        let runtime = doc.get("runtime").unwrap();
        assert_eq!(str_node(runtime.get("name").unwrap()), "python");
        assert_eq!(str_node(runtime.get("options").unwrap().get("virtualenv").unwrap()), "venv");
        assert_eq!(str_node(doc.get("description").unwrap()), "A Pulumi program: with colons");
        let region = doc.get("config").unwrap().get("aws:region").unwrap().get("default").unwrap();
        assert_eq!(str_node(region), "us-west-2");
        assert_eq!(&text[region.start as usize..region.end as usize], "us-west-2");
    }

    #[test]
    fn stack_config() {
        let text = "config:\n  aws:region: us-east-1\n  tap:environment: dev\n  tap:cidrs:\n    - 10.0.0.0/16\n    - 10.1.0.0/16\n  tap:dbPassword:\n    secure: AAABAxyz\n";
        let doc = parse(text).unwrap();
        let config = doc.get("config").unwrap();
        let Yaml::Map(entries) = &config.value else { panic!("{config:?}") };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["aws:region", "tap:environment", "tap:cidrs", "tap:dbPassword"]);
        assert_eq!(str_node(config.get("aws:region").unwrap()), "us-east-1");
        let Yaml::List(cidrs) = &config.get("tap:cidrs").unwrap().value else { panic!() };
        let cidrs: Vec<&str> = cidrs.iter().map(str_node).collect();
        assert_eq!(cidrs, ["10.0.0.0/16", "10.1.0.0/16"]);
        assert_eq!(str_node(config.get("tap:dbPassword").unwrap().get("secure").unwrap()), "AAABAxyz");
    }

    #[test]
    fn quoted_values_and_comments() {
        let text = "# top comment\nconfig:\n  tap:vpcCidr: \"10.0.0.0/16\" # the VPC\n  tap:name: 'it''s # not a comment'\n  \"quoted:key\": \"tab\\there\\u00e9\"\n  tap:note: it's fine # comment\n  tap:empty: # nothing\n";
        let doc = parse(text).unwrap();
        let config = doc.get("config").unwrap();
        let cidr = config.get("tap:vpcCidr").unwrap();
        assert_eq!(str_node(cidr), "10.0.0.0/16");
        assert_eq!(&text[cidr.start as usize..cidr.end as usize], "\"10.0.0.0/16\"");
        assert_eq!(str_node(config.get("tap:name").unwrap()), "it's # not a comment");
        assert_eq!(str_node(config.get("quoted:key").unwrap()), "tab\there\u{e9}");
        assert_eq!(str_node(config.get("tap:note").unwrap()), "it's fine");
        assert_eq!(config.get("tap:empty").unwrap().value, Yaml::Null);
    }

    #[test]
    fn scalars() {
        let doc = parse("a: true\nb: no\nc: ~\nd: 42\ne: -1.5e3\nf: 0x1F\ng: 012345678901\nh: 1.2.3\ni: null\n").unwrap();
        let v = |k: &str| doc.get(k).unwrap().value.clone();
        assert_eq!(v("a"), Yaml::Bool(true));
        assert_eq!(v("b"), Yaml::Bool(false));
        assert_eq!(v("c"), Yaml::Null);
        assert_eq!(v("d"), Yaml::Number(42.0));
        assert_eq!(v("e"), Yaml::Number(-1500.0));
        assert_eq!(v("f"), Yaml::Number(31.0));
        assert_eq!(v("g"), Yaml::Str("012345678901".into()));
        assert_eq!(v("h"), Yaml::Str("1.2.3".into()));
        assert_eq!(v("i"), Yaml::Null);
    }

    #[test]
    fn flow_collections() {
        let text = "zones: [us-east-1a, \"us-east-1b\", 3]\ntags: {Env: dev, Owner: 'team a', n: 1}\nempty: []\nnested: [[a], {b: c}]\n";
        let doc = parse(text).unwrap();
        let Yaml::List(zones) = &doc.get("zones").unwrap().value else { panic!() };
        assert_eq!(zones[0].value, Yaml::Str("us-east-1a".into()));
        assert_eq!(zones[1].value, Yaml::Str("us-east-1b".into()));
        assert_eq!(zones[2].value, Yaml::Number(3.0));
        assert_eq!(&text[zones[1].start as usize..zones[1].end as usize], "\"us-east-1b\"");
        let tags = doc.get("tags").unwrap();
        assert_eq!(str_node(tags.get("Owner").unwrap()), "team a");
        assert_eq!(tags.get("n").unwrap().value, Yaml::Number(1.0));
        assert_eq!(doc.get("empty").unwrap().value, Yaml::List(vec![]));
        let Yaml::List(nested) = &doc.get("nested").unwrap().value else { panic!() };
        assert_eq!(str_node(nested[1].get("b").unwrap()), "c");
        assert_eq!(parse("a: [b, c"), None);
    }

    #[test]
    fn lists_of_maps_and_same_indent_lists() {
        let text = "resources:\n- name: a\n  type: aws:s3:Bucket\n-   name: b\n    props:\n      - x\n      -\n        y: 1\n";
        let doc = parse(text).unwrap();
        let Yaml::List(items) = &doc.get("resources").unwrap().value else { panic!() };
        assert_eq!(items.len(), 2);
        assert_eq!(str_node(items[0].get("type").unwrap()), "aws:s3:Bucket");
        assert_eq!(str_node(items[1].get("name").unwrap()), "b");
        let Yaml::List(props) = &items[1].get("props").unwrap().value else { panic!() };
        assert_eq!(props[1].get("y").unwrap().value, Yaml::Number(1.0));
        let top = parse("- a\n- - b\n  - c\n").unwrap();
        let Yaml::List(top) = top.value else { panic!() };
        assert_eq!(top.len(), 2);
    }

    #[test]
    fn block_scalars() {
        let text = "a: |\n  line one\n    indented\n\n  line three\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  keep\n\nd: x\n";
        let doc = parse(text).unwrap();
        assert_eq!(str_node(doc.get("a").unwrap()), "line one\n  indented\n\nline three\n");
        assert_eq!(str_node(doc.get("b").unwrap()), "folded text\npara");
        assert_eq!(str_node(doc.get("c").unwrap()), "keep\n\n");
        assert_eq!(str_node(doc.get("d").unwrap()), "x");
        let doc = parse("- |\n  # not a comment\n- b\n").unwrap();
        let Yaml::List(items) = doc.value else { panic!() };
        assert_eq!(str_node(&items[0]), "# not a comment\n");
    }

    #[test]
    fn documents_crlf_and_plain_continuations() {
        let doc = parse("---\r\nname: x\r\ndescription: a long\r\n  description\r\n...\r\nignored: [\r\n").unwrap();
        assert_eq!(str_node(doc.get("name").unwrap()), "x");
        assert_eq!(str_node(doc.get("description").unwrap()), "a long description");
        assert_eq!(parse("").unwrap().value, Yaml::Null);
        assert_eq!(parse("# only a comment\n").unwrap().value, Yaml::Null);
    }

    #[test]
    fn unsupported_input_is_none() {
        assert_eq!(parse("a: 1\n   b: 2\n"), None);
        assert_eq!(parse("a:\n\tb: 1\n"), None);
        assert_eq!(parse("a: &anchor 1\n"), None);
        assert_eq!(parse("a: !Ref x\n"), None);
        assert_eq!(parse("a: \"unterminated\n"), None);
    }

    #[test]
    fn deep_or_odd_input_does_not_panic() {
        let deep = "- ".repeat(500) + "x\n";
        assert_eq!(parse(&deep), None);
        let flow = "a: ".to_string() + &"[".repeat(500) + &"]".repeat(500);
        assert_eq!(parse(&flow), None);
        let mut nested = String::new();
        for i in 0..200 {
            nested.push_str(&" ".repeat(i));
            nested.push_str("k:\n");
        }
        assert_eq!(parse(&nested), None);
        for text in ["\u{feff}a: é", ":", "- ", "-", "a: 'é", "a: \"\\u12\"", "é: [é, {é: é}]", "a: |9\n b\n", "---", "--- x\n", "a: {b", "? x\n"] {
            let _ = parse(text);
        }
    }
}
