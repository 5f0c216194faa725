//! Source text for fixes. Rules see the model, not a syntax tree, so a fix that must find a
//! bracket, an argument or a statement reads the text itself: a scanner that knows the strings and
//! comments of Python and TypeScript and nothing more. Every helper answers `None` when the text
//! is not what it expects, and the fix is then not offered: fixes never guess.

use pulint_model::{FileKind, Key, Program, Prop, Resource, Span, Value};

/// A file's text and its language.
#[derive(Clone, Copy)]
pub struct Src<'a> {
    pub text: &'a str,
    pub python: bool,
}

/// Items of a bracketed list: each item's range (trimmed of whitespace and comments), and
/// whether a comma follows the last one.
pub struct Items {
    pub ranges: Vec<(usize, usize)>,
    pub trailing: bool,
}

/// A top-level statement that binds a construction to a name: where a statement inserted after
/// it goes, and its indentation.
pub struct Statement {
    /// The end of the statement's last line (before its newline).
    pub end: usize,
    pub indent: String,
}

impl<'a> Src<'a> {
    /// The text of the file `span` lies in, for Python, TypeScript and JavaScript.
    pub fn of(p: &'a Program, span: Span) -> Option<Src<'a>> {
        let f = p.sources.get(span.file);
        let python = match f.kind {
            FileKind::Python => true,
            FileKind::TypeScript | FileKind::JavaScript => false,
            _ => return None,
        };
        Some(Src { text: &f.text, python })
    }

    pub fn get(&self, start: usize, end: usize) -> Option<&'a str> {
        self.text.get(start..end)
    }

    fn byte(&self, i: usize) -> Option<u8> {
        self.text.as_bytes().get(i).copied()
    }

    /// Where the string or comment starting at `i` ends (exclusive): `Ok(None)` when none starts
    /// there, `Err(())` when it does not end.
    fn opaque_end(&self, i: usize) -> Result<Option<usize>, ()> {
        let b = self.text.as_bytes();
        let Some(&c) = b.get(i) else { return Ok(None) };
        // Bytes, not text: callers step through the file byte by byte, also inside characters.
        let rest = &b[i..];
        if self.python && c == b'#' || !self.python && rest.starts_with(b"//") {
            return Ok(Some(self.line_end(i)));
        }
        if !self.python && rest.starts_with(b"/*") {
            return memchr::memmem::find(&rest[2..], b"*/").map(|e| Some(i + 2 + e + 2)).ok_or(());
        }
        if c == b'`' && !self.python {
            let mut j = i + 1;
            while j < b.len() {
                match b[j] {
                    b'\\' => j += 2,
                    b'`' => return Ok(Some(j + 1)),
                    b'$' if b.get(j + 1) == Some(&b'{') => j = self.matching(j + 1).ok_or(())? + 1,
                    _ => j += 1,
                }
            }
            return Err(());
        }
        if c != b'"' && c != b'\'' {
            return Ok(None);
        }
        let triple = self.python && b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
        let mut j = if triple { i + 3 } else { i + 1 };
        while j < b.len() {
            match b[j] {
                b'\\' => j += 2,
                b'\n' if !triple => return Err(()),
                q if q == c && (!triple || b.get(j + 1) == Some(&c) && b.get(j + 2) == Some(&c)) => return Ok(Some(if triple { j + 3 } else { j + 1 })),
                _ => j += 1,
            }
        }
        Err(())
    }

    /// The index of the bracket closing the one at `open`.
    pub fn matching(&self, open: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let mut stack = vec![*b.get(open)?];
        if !matches!(stack[0], b'(' | b'[' | b'{') {
            return None;
        }
        let mut i = open + 1;
        while i < b.len() {
            if let Some(end) = self.opaque_end(i).ok()? {
                i = end;
                continue;
            }
            match b[i] {
                b'(' | b'[' | b'{' => stack.push(b[i]),
                b')' | b']' | b'}' => {
                    let o = stack.pop()?;
                    if closer(o) != b[i] {
                        return None;
                    }
                    if stack.is_empty() {
                        return Some(i);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        None
    }

    /// Past whitespace and comments from `i`.
    pub fn skip_trivia(&self, mut i: usize) -> usize {
        while let Some(c) = self.byte(i) {
            if c.is_ascii_whitespace() {
                i += 1;
            } else if let Ok(Some(end)) = self.opaque_end(i)
                && (c == b'#' || c == b'/')
            {
                i = end;
            } else {
                break;
            }
        }
        i
    }

    /// The items between the brackets at `open` and `close`.
    pub fn items(&self, open: usize, close: usize) -> Option<Items> {
        let b = self.text.as_bytes();
        let mut ranges = Vec::new();
        let mut current: Option<(usize, usize)> = None;
        let mut comma = false;
        let mut i = open + 1;
        while i < close {
            let c = b[i];
            if c.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if let Some(end) = self.opaque_end(i).ok()? {
                if !matches!(c, b'#' | b'/') {
                    current = Some((current.map_or(i, |(s, _)| s), end));
                }
                i = end;
                continue;
            }
            match c {
                b',' => {
                    ranges.push(current.take()?);
                    comma = true;
                    i += 1;
                }
                b'(' | b'[' | b'{' => {
                    let end = self.matching(i)?;
                    if end >= close {
                        return None;
                    }
                    current = Some((current.map_or(i, |(s, _)| s), end + 1));
                    i = end + 1;
                }
                b')' | b']' | b'}' => return None,
                _ => {
                    current = Some((current.map_or(i, |(s, _)| s), i + 1));
                    i += 1;
                }
            }
        }
        let trailing = match current {
            Some(r) => {
                ranges.push(r);
                false
            }
            None => comma,
        };
        Some(Items { ranges, trailing })
    }

    pub fn line_start(&self, i: usize) -> usize {
        memchr::memrchr(b'\n', &self.text.as_bytes()[..i]).map_or(0, |n| n + 1)
    }

    pub fn line_end(&self, i: usize) -> usize {
        memchr::memchr(b'\n', &self.text.as_bytes()[i..]).map_or(self.text.len(), |n| i + n)
    }

    /// The leading whitespace of the line `i` is on.
    pub fn indent_at(&self, i: usize) -> &'a str {
        let s = self.line_start(i);
        let line = &self.text[s..self.line_end(s)];
        &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
    }

    /// True when the text from `i` to the end of its line is whitespace or a comment.
    pub fn rest_of_line_blank(&self, i: usize) -> bool {
        let end = self.line_end(i);
        self.skip_trivia(i) >= end
    }

    /// The brackets open at `i`, outermost first, counted from the start of the file (`None`
    /// when the text up to `i` does not scan).
    pub fn open_at(&self, i: usize) -> Option<Vec<(usize, u8)>> {
        let b = self.text.as_bytes();
        let mut open = Vec::new();
        let mut j = 0;
        while j < i.min(b.len()) {
            if let Some(end) = self.opaque_end(j).ok()? {
                if end > i {
                    return None;
                }
                j = end;
                continue;
            }
            match b[j] {
                b'(' | b'[' | b'{' => open.push((j, b[j])),
                b')' | b']' | b'}' => {
                    open.pop()?;
                }
                _ => {}
            }
            j += 1;
        }
        Some(open)
    }

    /// The bracket depth at `i` (see [`Src::open_at`]).
    pub fn depth_at(&self, i: usize) -> Option<usize> {
        self.open_at(i).map(|o| o.len())
    }

    /// The range to delete to remove item `k` of the bracketed list (with its comma): whole
    /// lines when the item has lines of its own, else the item and its separator.
    pub fn remove_item(&self, open: usize, close: usize, k: usize) -> Option<(usize, usize)> {
        let items = self.items(open, close)?;
        let n = items.ranges.len();
        let (s, e) = *items.ranges.get(k)?;
        if n == 1 {
            return Some((open + 1, close));
        }
        let comma = if k + 1 < n || items.trailing {
            let c = self.skip_trivia(e);
            (self.byte(c) == Some(b',')).then_some(c)?;
            Some(c)
        } else {
            None
        };
        let after = comma.map_or(e, |c| c + 1);
        let own_lines = self.text[self.line_start(s)..s].trim().is_empty() && self.rest_of_line_blank(after);
        if own_lines {
            let end = self.line_end(after);
            return Some((self.line_start(s), (end + 1).min(self.text.len())));
        }
        match comma {
            Some(c) => {
                let mut end = c + 1;
                while matches!(self.byte(end), Some(b' ' | b'\t')) {
                    end += 1;
                }
                let mut start = s;
                if matches!(self.byte(end), Some(b'\n') | None) {
                    while start > 0 && matches!(self.byte(start - 1), Some(b' ' | b'\t')) {
                        start -= 1;
                    }
                }
                Some((start, end))
            }
            None => Some((items.ranges[k - 1].1, e)),
        }
    }

    /// The replacement that appends `item` to the bracketed list: (start, end, text).
    pub fn append_item(&self, open: usize, close: usize, item: &str) -> Option<(usize, usize, String)> {
        let items = self.items(open, close)?;
        let Some(&(s, e)) = items.ranges.last() else {
            if !self.text[open + 1..close].trim().is_empty() {
                return None;
            }
            let text = if self.byte(open) == Some(b'{') { format!(" {item} ") } else { item.to_string() };
            return Some((open + 1, close, text));
        };
        if !items.trailing {
            return Some((e, e, format!(", {item}")));
        }
        let c = self.skip_trivia(e);
        if self.rest_of_line_blank(c + 1) {
            let at = self.line_end(c);
            return Some((at, at, format!("\n{}{item},", self.indent_at(s))));
        }
        Some((c + 1, c + 1, format!(" {item},")))
    }

    /// True when an item of the bracketed list is spread from another value (`*args`,
    /// `**kwargs`, `...rest`), which the model may not have seen whole.
    pub fn spreads(&self, open: usize, close: usize) -> Option<bool> {
        let items = self.items(open, close)?;
        Some(items.ranges.iter().any(|&(s, _)| self.text[s..].starts_with('*') || self.text[s..].starts_with("...")))
    }

    /// True when the call `span` or the object literal it passes as arguments spreads a value
    /// (see [`Src::spreads`]).
    pub fn call_spreads(&self, span: Span) -> Option<bool> {
        let (open, close) = self.call_parens(span)?;
        if self.spreads(open, close)? {
            return Some(true);
        }
        let items = self.items(open, close)?;
        for &(s, e) in &items.ranges {
            if self.byte(s) == Some(b'{') && self.matching(s) == Some(e - 1) && self.spreads(s, e - 1)? {
                return Some(true);
            }
        }
        Some(false)
    }

    /// The brackets of a call whose whole text is `span` (`f(...)`, `new f(...)`).
    pub fn call_parens(&self, span: Span) -> Option<(usize, usize)> {
        let (start, end) = (span.start as usize, span.end as usize);
        if self.byte(end.checked_sub(1)?) != Some(b')') {
            return None;
        }
        let text = self.get(start, end)?;
        let open = start + text.find('(')?;
        (self.matching(open)? == end - 1).then_some((open, end - 1))
    }

    /// The text of `value` when it is the whole value of a property or argument written at
    /// `key` (`key=value`, `key: value`, `"key": value`), not a value defined elsewhere or a part
    /// of a larger expression.
    pub fn written(&self, prop: &Prop) -> Option<&'a str> {
        let (k, v) = (prop.key.span, prop.value.span);
        let name_end = self.name_end(&prop.key)?;
        if k.file != v.file || name_end > v.start as usize {
            return None;
        }
        let between = self.get(name_end, v.start as usize)?.trim();
        if between != "=" && between != ":" {
            return None;
        }
        let after = self.skip_trivia(v.end as usize);
        if !matches!(self.byte(after), Some(b',' | b')' | b'}')) {
            return None;
        }
        self.get(v.start as usize, v.end as usize)
    }

    /// Where the name of `key` ends as written at its place (after its closing quote, for a
    /// quoted key); the span of a Python keyword argument's key covers its value too.
    pub fn name_end(&self, key: &Key) -> Option<usize> {
        let start = key.span.start as usize;
        let rest = self.text.get(start..)?;
        let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''));
        let inner = &rest[quote.map_or(0, char::len_utf8)..];
        let after = inner.strip_prefix(key.written.as_str())?;
        let end = start + rest.len() - after.len();
        match quote {
            Some(q) => after.starts_with(q).then_some(end + 1),
            None => (!after.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$')).then_some(end),
        }
    }

    /// The properties of an object literal, dictionary or `...Args(...)` call written as `text`
    /// at `value`'s span, when they are exactly the items written there and each is written in
    /// place.
    pub fn object_props<'v>(&self, value: &'v Value) -> Option<&'v [Prop]> {
        let pulint_model::ValueKind::Object(props) = &value.kind else { return None };
        let (start, end) = (value.span.start as usize, value.span.end as usize);
        let text = self.get(start, end)?;
        let open = if text.starts_with('{') {
            start
        } else if self.python && text.ends_with(')') {
            let paren = text.find('(')?;
            if !text[..paren].chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.') || !text[..paren].ends_with("Args") {
                return None;
            }
            start + paren
        } else {
            return None;
        };
        if self.matching(open)? != end - 1 {
            return None;
        }
        let items = self.items(open, end - 1)?;
        if items.ranges.len() != props.len() {
            return None;
        }
        for (q, (s, _)) in props.iter().zip(&items.ranges) {
            let k = q.key.span.start as usize;
            if q.key.span.file != value.span.file || (k != *s && k != s + 1) {
                return None;
            }
            self.written(q)?;
        }
        Some(props)
    }

    /// The items of a list literal written at `value`'s span, each written in place.
    pub fn list_items<'v>(&self, value: &'v Value) -> Option<&'v [Value]> {
        let pulint_model::ValueKind::List(values) = &value.kind else { return None };
        let (start, end) = (value.span.start as usize, value.span.end as usize);
        if self.byte(start) != Some(b'[') || self.matching(start)? != end - 1 {
            return None;
        }
        let items = self.items(start, end - 1)?;
        if items.ranges.len() != values.len() {
            return None;
        }
        for (v, (s, e)) in values.iter().zip(&items.ranges) {
            if v.span.file != value.span.file || (v.span.start as usize, v.span.end as usize) != (*s, *e) {
                return None;
            }
        }
        Some(values)
    }

    /// The statement `r` is built in, when it is `name = Class(...)` (Python) or
    /// `const name = new Class(...);` (TypeScript) on its own, outside any brackets, with
    /// `name` the resource's binding.
    pub fn bound_statement(&self, r: &Resource) -> Option<Statement> {
        let binding = r.binding.as_deref()?;
        let simple = binding.strip_prefix(if self.python { "self." } else { "this." }).unwrap_or(binding);
        if !is_identifier(simple) {
            return None;
        }
        let (start, end) = (r.span.start as usize, r.span.end as usize);
        let line = self.line_start(start);
        let indent = self.indent_at(start);
        let mut rest = self.get(line + indent.len(), start)?;
        if !self.python {
            rest = strip_word(rest, "export").unwrap_or(rest);
            rest = ["const", "let", "var"].iter().find_map(|k| strip_word(rest, k)).unwrap_or(rest);
        }
        let rest = rest.strip_prefix(binding)?.trim_start().strip_prefix('=')?.trim_start();
        let rest = if self.python { rest } else { strip_word(rest, "new").unwrap_or(rest) };
        // Outside brackets in Python; in TypeScript inside blocks only (an assignment inside
        // parentheses or a list is an expression).
        let open = self.open_at(line)?;
        let statement = if self.python {
            open.is_empty()
        } else {
            // Not a class body either, where `name = new ...` declares a field.
            let header = |&(at, _): &(usize, u8)| {
                let from = self.text[..at].rfind([';', '{', '}']).map_or(0, |i| i + 1);
                ["class", "extends", "implements", "interface", "enum"].iter().any(|w| !words(&self.text[from..at], w).is_empty())
            };
            open.iter().all(|&(_, b)| b == b'{') && !open.last().is_some_and(header)
        };
        if !rest.is_empty() || !statement {
            return None;
        }
        if self.python && line > 0 && self.text[..line - 1].trim_end_matches([' ', '\t']).ends_with('\\') {
            return None;
        }
        let mut after = end;
        if !self.python && self.byte(after) == Some(b';') {
            after += 1;
        }
        if !self.rest_of_line_blank(after) {
            return None;
        }
        Some(Statement { end: self.line_end(after), indent: indent.to_string() })
    }
}

impl Src<'_> {
    /// How deeply the line starting at `line` is nested: a Python statement's indentation (`None`
    /// when the line starts inside brackets), the bracket depth in TypeScript.
    fn nesting(&self, line: usize) -> Option<usize> {
        let depth = self.depth_at(line)?;
        if self.python {
            (depth == 0).then(|| self.indent_at(line).len())
        } else {
            Some(depth)
        }
    }

    /// True when no line between `a` and `b` (line starts) is less nested than `base`: both lie
    /// in one block or blocks nested in it.
    fn stays_within(&self, a: usize, b: usize, base: usize) -> bool {
        let bytes = self.text.as_bytes();
        let mut depth = if self.python { 0 } else { base };
        let mut line_begin = true;
        let mut i = a;
        while i < b {
            if self.python && line_begin && depth == 0 {
                let content = i + self.text[i..].len() - self.text[i..].trim_start_matches([' ', '\t']).len();
                let blank = matches!(bytes.get(content), None | Some(b'\n' | b'\r' | b'#'));
                if !blank && content - i < base {
                    return false;
                }
            }
            line_begin = false;
            match self.opaque_end(i) {
                Err(()) => return false,
                Ok(Some(end)) => {
                    i = end;
                    continue;
                }
                Ok(None) => {}
            }
            match bytes[i] {
                b'\n' => line_begin = true,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    if depth == 0 || !self.python && depth <= base {
                        return false;
                    }
                    depth -= 1;
                }
                _ => {}
            }
            i += 1;
        }
        true
    }

    /// True when `name`, read in the statement at `source`, can be read in the statement at
    /// `target` and means the same there: both statements are in one block, or `target` comes
    /// later in a block nested in `source`'s through control flow only (no function, lambda or
    /// class between them); and nothing between them binds the name.
    pub fn same_binding(&self, source: usize, target: usize, name: &str) -> bool {
        if !self.starts_statement(source) || !self.starts_statement(target) {
            return false;
        }
        let (ls, lt) = (self.line_start(source), self.line_start(target));
        let (Some(ns), Some(nt)) = (self.nesting(ls), self.nesting(lt)) else { return false };
        if nt < ns || nt > ns && lt < ls {
            return false;
        }
        let (a, b) = (ls.min(lt), ls.max(lt));
        if !self.stays_within(a, b, ns) {
            return false;
        }
        let between = &self.text[a..b];
        let scopes: &[&str] = if self.python { &["def", "class", "lambda"] } else { &["function", "class", "=>"] };
        if nt > ns && scopes.iter().any(|w| !words(between, w).is_empty()) {
            return false;
        }
        !self.rebinds(a, b, name)
    }

    /// True when the construction at `pos` is what its line's statement begins with:
    /// `Class(...)`, `x = Class(...)`, `const x = new Class(...)`, `return new Class(...)`.
    fn starts_statement(&self, pos: usize) -> bool {
        let mut rest = self.text[self.line_start(pos)..pos].trim_start();
        if !self.python {
            rest = strip_word(rest, "export").unwrap_or(rest);
            rest = ["const", "let", "var"].iter().find_map(|k| strip_word(rest, k)).unwrap_or(rest);
        }
        rest = strip_word(rest, "return").unwrap_or(rest);
        if let Some((target, value)) = rest.split_once('=') {
            if !target.trim().split('.').all(is_identifier) {
                return false;
            }
            rest = value.trim_start();
        }
        if !self.python {
            rest = strip_word(rest, "new").unwrap_or(rest);
        }
        rest.is_empty()
    }

    /// True when the text between `a` and `b` may bind `name`: every occurrence that is not
    /// plainly a read (`provider=name,`, `name.x`) counts.
    fn rebinds(&self, a: usize, b: usize, name: &str) -> bool {
        const BINDING_WORDS: &[&str] = &["const", "let", "var", "for", "import", "lambda", "global", "nonlocal", "catch", "as", "with", "def", "function"];
        let text = &self.text[..b];
        words(&text[a..], name).into_iter().map(|j| a + j).any(|j| {
            let prev = text[..j].trim_end().chars().last();
            let after = self.text[j + name.len()..].trim_start();
            let next = after.chars().next();
            let read = matches!(prev, Some('=' | ':' | '(' | ',' | '[' | '{')) && matches!(next, Some(',' | ')' | ']' | '}' | '.'));
            // `f(provider=...)`, `{ provider: ... }`: an argument or property name.
            let opens = matches!(prev, Some('(' | ',' | '{'));
            let keyword = opens && after.starts_with('=') && !after.starts_with("==") && self.depth_at(j).is_some_and(|d| d > 0);
            let property = opens && after.starts_with(':') && !after.starts_with(":=");
            // `const { provider } = ...`, `import { provider }`, `def f(provider):` read like uses
            // but bind: a binding word on the line and no `=` before the name.
            let prefix = &text[self.line_start(j)..j];
            let declares = !prefix.contains('=') && BINDING_WORDS.iter().any(|w| !words(prefix, w).is_empty());
            !(read || keyword || property) || declares
        })
    }
}

/// Where `word` occurs in `text` as a whole word (not part of a longer name or attribute).
fn words(text: &str, word: &str) -> Vec<usize> {
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(word).map(|i| from + i) {
        let before = text[..i].chars().last();
        let after = text[i + word.len()..].chars().next();
        let starts = word.starts_with(ident);
        let ends = word.ends_with(ident);
        if !(starts && before.is_some_and(|c| ident(c) || c == '.') || ends && after.is_some_and(ident)) {
            out.push(i);
        }
        from = i + word.len();
    }
    out
}

fn closer(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

fn strip_word<'s>(s: &'s str, word: &str) -> Option<&'s str> {
    let rest = s.strip_prefix(word)?;
    rest.starts_with([' ', '\t']).then(|| rest.trim_start())
}

/// A plain identifier (`west`, `_p`, `$x`).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A value rebuilt for another resource: text copied from the program, or a literal object or
/// list around such texts.
pub enum Tree {
    Text(String),
    Object(Vec<(String, Tree)>),
    List(Vec<Tree>),
}

impl Tree {
    /// The value as source text: a dictionary with snake_case string keys in Python, an object
    /// literal in TypeScript; keys are schema (camelCase) names.
    pub fn render(&self, python: bool) -> String {
        match self {
            Tree::Text(t) => t.clone(),
            Tree::List(items) => format!("[{}]", items.iter().map(|i| i.render(python)).collect::<Vec<_>>().join(", ")),
            Tree::Object(fields) if python => {
                let inner: Vec<String> = fields.iter().map(|(k, v)| format!("\"{}\": {}", crate::rules::val::args::spelled(k, true), v.render(python))).collect();
                format!("{{{}}}", inner.join(", "))
            }
            Tree::Object(fields) => {
                let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {}", v.render(python))).collect();
                format!("{{ {} }}", inner.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn py(text: &str) -> Src<'_> {
        Src { text, python: true }
    }

    fn ts(text: &str) -> Src<'_> {
        Src { text, python: false }
    }

    #[test]
    fn brackets_skip_strings_and_comments() {
        let s = py("f(a, \")\", '(',  # )\n  b)");
        assert_eq!(s.matching(1), Some(s.text.len() - 1));
        let items = s.items(1, s.text.len() - 1).unwrap();
        assert_eq!(items.ranges.len(), 4);
        assert_eq!(&s.text[items.ranges[3].0..items.ranges[3].1], "b");
        let t = ts("f(`a${ {x: 1}.x })`, /* ) */ {y: [1, 2]},)");
        let close = t.matching(1).unwrap();
        assert_eq!(close, t.text.len() - 1);
        let items = t.items(1, close).unwrap();
        assert!(items.trailing);
        assert_eq!(&t.text[items.ranges[1].0..items.ranges[1].1], "{y: [1, 2]}");
        assert_eq!(py("f('unterminated)").matching(1), None);
        assert_eq!(py("x = (1,\n  \"\"\"(\"\"\",\n").depth_at(19), Some(1));
    }

    #[test]
    fn removing_items() {
        let cut = |s: Src, open: usize, k: usize| {
            let close = s.matching(open).unwrap();
            let (a, b) = s.remove_item(open, close, k).unwrap();
            format!("{}{}", &s.text[..a], &s.text[b..])
        };
        assert_eq!(cut(py("f(\"n\", v={1: 2}, t=3)"), 1, 1), "f(\"n\", t=3)");
        assert_eq!(cut(py("f(\"n\", t=3, v={1: 2})"), 1, 2), "f(\"n\", t=3)");
        assert_eq!(cut(py("f(\n    \"n\",\n    v={\n        1: 2,\n    },  # old\n    t=3,\n)"), 1, 1), "f(\n    \"n\",\n    t=3,\n)");
        assert_eq!(cut(py("f(\"n\", v=1,\n  t=3)"), 1, 1), "f(\"n\",\n  t=3)");
        assert_eq!(cut(ts("new B(\"n\", { v: { e: true } })"), 11, 0), "new B(\"n\", {})");
        assert_eq!(cut(ts("{ a: 1, v: 2 }"), 0, 1), "{ a: 1 }");
    }

    #[test]
    fn appending_items() {
        let add = |s: Src, open: usize, item: &str| {
            let close = s.matching(open).unwrap();
            let (a, b, r) = s.append_item(open, close, item).unwrap();
            format!("{}{r}{}", &s.text[..a], &s.text[b..])
        };
        assert_eq!(add(py("f(\"n\", x=1)"), 1, "o=2"), "f(\"n\", x=1, o=2)");
        assert_eq!(add(py("f(\n    \"n\",\n    x=1,  # c\n)"), 1, "o=2"), "f(\n    \"n\",\n    x=1,  # c\n    o=2,\n)");
        assert_eq!(add(ts("{}"), 0, "p: q"), "{ p: q }");
        assert_eq!(add(ts("f(a, )"), 1, "b"), "f(a, b, )");
    }

    #[test]
    fn trees_render_per_language() {
        let t = Tree::Object(vec![("versioningConfiguration".into(), Tree::Object(vec![("status".into(), Tree::Text("\"Enabled\"".into()))]))]);
        assert_eq!(t.render(true), "{\"versioning_configuration\": {\"status\": \"Enabled\"}}");
        assert_eq!(t.render(false), "{ versioningConfiguration: { status: \"Enabled\" } }");
    }
}
