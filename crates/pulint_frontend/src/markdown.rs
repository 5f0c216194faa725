//! Fenced code blocks of a Markdown document, each with the file name the document gives it and a
//! line map back to the host.
//!
//! Model responses in the corpus are Markdown: a heading or label such as `## File: lib/x.py`
//! followed by a fence holding that file. pulldown-cmark finds the fences (so list items, block
//! quotes and indented code behave as CommonMark says); the names come from the host lines around
//! them, because pulldown's inline parsing would eat parts of names like `__main__.py`.
//!
//! Most responses need only a sliver of CommonMark: fences, headings, paragraphs and HTML comments
//! at the top level, and list items holding text and fences. [`simple::scan`] reads those line by
//! line at a fraction of pulldown's cost (no inline parsing, no event tree) and gives up on
//! anything else, which then goes through pulldown as before. Both give the same [`Scan`].

use std::borrow::Cow;
use std::ops::Range;

use pulint_model::FileKind;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

mod simple;

/// One fenced code block of a Markdown document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Kind from the fence's info string, or from `name`'s extension when the fence language is
    /// missing or unknown.
    pub kind: FileKind,
    /// The info string's first word as written (`python`, `ts`, ``).
    pub lang: String,
    /// The file name the document gave the block, normalised (`lib/x.py`), or None.
    pub name: Option<String>,
    /// The block's content with container indentation removed; ends with '\n' if non-empty.
    pub text: String,
    /// For each line of `text`: 0-based host line and host byte column where the line starts.
    pub lines: Vec<(u32, u32)>,
    /// True when the closing fence is missing (the block runs to the end of its container).
    pub unterminated: bool,
}

/// The fenced code blocks of `doc`, in document order. Indented code blocks are not included.
pub fn blocks(doc: &str) -> Vec<Block> {
    let index = LineIndex::new(doc);
    let scan = simple::scan(doc, &index).unwrap_or_else(|| pulldown_scan(doc, &index));
    named_blocks(doc, &index, scan)
}

/// [`blocks`] with pulldown reading every document, to check the line scanner against.
#[cfg(test)]
fn blocks_via_pulldown(doc: &str) -> Vec<Block> {
    blocks_by_both(doc).1
}

/// The line scanner's blocks (None when it leaves the document to pulldown) and pulldown's, for
/// the differential fuzz target (`fuzz/fuzz_targets/markdown_scanner.rs`) and the tests.
#[doc(hidden)]
pub fn blocks_by_both(doc: &str) -> (Option<Vec<Block>>, Vec<Block>) {
    let index = LineIndex::new(doc);
    let simple = simple::scan(doc, &index).map(|scan| named_blocks(doc, &index, scan));
    (simple, named_blocks(doc, &index, pulldown_scan(doc, &index)))
}

/// Names the scanned fences and splits those holding several files.
fn named_blocks(doc: &str, index: &LineIndex, scan: Scan<'_>) -> Vec<Block> {
    let classes = classify_lines(index, &scan);
    let mut out = Vec::with_capacity(scan.fences.len());
    for fence in scan.fences {
        let Fence { info, line, text, lines, ends, unterminated } = fence;
        let mut words = info.split_whitespace();
        let lang = words.next().unwrap_or("").to_string();
        let fence_kind = FileKind::from_fence_lang(&lang);
        let fits = |name: &String| name_fits(&lang, fence_kind, name);
        let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let name = info_title(words)
            .filter(fits)
            .or_else(|| preceding_name(doc, index, &classes, &scan.headings, line).filter(fits))
            .or_else(|| comment_name(first_line).filter(fits));
        let kind = match (&name, fence_kind) {
            (Some(n), FileKind::Other) => FileKind::from_path(n),
            _ => fence_kind,
        };
        let block = Block { kind, lang, name, text, lines, unterminated };
        out.extend(split_at_labels(block, &ends, fence_kind));
    }
    out
}

/// A line inside a fence that only names the file the following lines belong to, as in a fence
/// holding several files one after another: `4. src/networking.ts`, `8. index.ts (Main Entry Point)`.
/// Never valid code in either language.
fn inline_label(line: &str) -> Option<String> {
    let t = line.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = t[digits..].strip_prefix(". ").filter(|_| digits > 0)?;
    label_name(rest)
}

/// A line inside a fence that is nothing but a path at column 0: `src/config/regions.ts`.
fn bare_path(line: &str) -> Option<String> {
    let l = line.trim_end_matches(['\n', '\r']);
    (!l.starts_with(char::is_whitespace)).then(|| single_path(l)).flatten()
}

/// Lines inside a fence that are nothing but a path at column 0 (`src/config/regions.ts`), as in a
/// fence holding several files one after another without numbers. Such a line is an expression
/// with no effect in both languages, so it is taken as a name only when the fence holds at least
/// two of them, each directly followed by content and not continuing the line before it.
fn bare_path_cuts(text_lines: &[&str]) -> Vec<(usize, String)> {
    let cuts: Vec<(usize, String)> = text_lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let name = bare_path(l)?;
            let next = text_lines.get(i + 1)?;
            if next.trim().is_empty() || bare_path(next).is_some() {
                return None;
            }
            let prev = text_lines[..i].iter().rev().map(|l| l.trim()).find(|l| !l.is_empty()).unwrap_or("");
            let continues = prev.ends_with(['\\', ',', '(', '[', '{', '=', '+', '-', '*', '/', '|', '&', '.', ':', '?']);
            (!continues).then_some((i, name))
        })
        .collect();
    if cuts.len() >= 2 { cuts } else { Vec::new() }
}

/// Splits a fence holding several files at their label lines; each part is named by its label.
/// Parts cut at bare path lines take their kind from their name (a `package.json` inside a `ts`
/// fence is JSON); the fence's kind is only trusted for numbered labels that fit it.
///
/// `ends` holds where each line of the block's text ends (after its '\n').
fn split_at_labels(block: Block, ends: &[u32], fence_kind: FileKind) -> Vec<Block> {
    let mut text_lines = Vec::with_capacity(ends.len());
    let mut from = 0;
    for &end in ends {
        text_lines.push(block.text.get(from..end as usize).unwrap_or(""));
        from = end as usize;
    }
    debug_assert_eq!(text_lines, block.text.split_inclusive('\n').collect::<Vec<_>>());
    // Almost every fence holds one file and no line that could be a label: a look at the first
    // bytes of each line keeps the label parsers for the few that might be.
    let mut cuts: Vec<(usize, String)> = Vec::new();
    let mut bare_lines = 0;
    for (i, &l) in text_lines.iter().enumerate() {
        let bytes = l.as_bytes();
        let lead = leading_spaces(bytes);
        // A numbered label starts with a digit once trimmed (a non-ASCII byte may be whitespace).
        if bytes.get(lead).is_some_and(|&b| b.is_ascii_digit() || !b.is_ascii() || is_ascii_space(b))
            && let Some(name) = inline_label(l).filter(|n| name_fits(&block.lang, fence_kind, n) && FileKind::from_path(n).is_code())
        {
            cuts.push((i, name));
        }
        // A bare path starts at column 0 with an ASCII character (no path character is
        // non-ASCII) and has no whitespace inside.
        if lead == 0 && bytes.first().is_some_and(|&b| b.is_ascii() && !is_ascii_space(b)) && !has_inner_space(bytes) && bare_path(l).is_some() {
            bare_lines += 1;
        }
    }
    let bare = cuts.is_empty();
    if bare && bare_lines < 2 {
        return vec![block];
    }
    if bare {
        cuts = bare_path_cuts(&text_lines);
    }
    if cuts.is_empty() {
        return vec![block];
    }
    let part = |from: usize, to: usize, name: Option<String>| {
        let kind = match (&name, fence_kind) {
            (Some(n), FileKind::Other) => FileKind::from_path(n),
            (Some(n), _) if bare => FileKind::from_path(n),
            _ => block.kind,
        };
        Block { kind, lang: block.lang.clone(), name, text: text_lines[from..to].concat(), lines: block.lines[from..to].to_vec(), unterminated: block.unterminated }
    };
    let mut out = Vec::new();
    if text_lines[..cuts[0].0].iter().any(|l| !l.trim().is_empty()) {
        out.push(part(0, cuts[0].0, block.name.clone()));
    }
    for (k, (at, name)) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).map_or(text_lines.len(), |c| c.0);
        out.push(part(at + 1, end, Some(name.clone())));
    }
    out
}

/// Whether a space or tab is followed, later in the line, by an ASCII character that is not
/// whitespace: then the line has whitespace inside even once trimmed.
fn has_inner_space(bytes: &[u8]) -> bool {
    bytes.iter().position(|&b| b == b' ' || b == b'\t').is_some_and(|at| bytes[at..].iter().any(|&b| b.is_ascii() && !is_ascii_space(b)))
}

/// Leading spaces (8 bytes at a time: code is indented deeply).
fn leading_spaces(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(word) = bytes.get(n..n + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let other = u64::from_le_bytes(word) ^ u64::from_le_bytes([b' '; 8]);
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..].iter().take_while(|&&b| b == b' ').count()
}

/// The ASCII characters `char::is_whitespace` accepts (`u8::is_ascii_whitespace` leaves out
/// vertical tab).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Byte offsets where the host's lines start, to turn offsets into (line, column).
struct LineIndex {
    /// 0, then one past each '\n' (so a document ending with '\n' has an empty last line).
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    fn new(doc: &str) -> Self {
        let mut starts = Vec::with_capacity(doc.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', doc.as_bytes()).map(|i| i + 1));
        LineIndex { starts, len: doc.len() }
    }

    fn line_of(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    fn start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// The host line without its line break.
    fn text<'a>(&self, doc: &'a str, line: usize) -> &'a str {
        let end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        doc.get(self.start(line)..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }

    fn count(&self) -> usize {
        self.starts.len()
    }

    /// The first and last line a host range touches (an empty range: the line it sits on).
    fn span(&self, range: &Range<usize>) -> (usize, usize) {
        (self.line_of(range.start), self.line_of(range.end.saturating_sub(1).max(range.start)))
    }
}

/// A fenced code block: what [`named_blocks`] needs of it, from either scanner.
struct Fence<'a> {
    /// The info string (pulldown's unescaped one, or the host text after the fence characters:
    /// only its whitespace-separated words are used).
    info: Cow<'a, str>,
    /// Host line of the opening fence.
    line: usize,
    /// Content with container indentation removed, each line ending with '\n'.
    text: String,
    /// Host (line, column) of each line of `text`.
    lines: Vec<(u32, u32)>,
    /// Where each line of `text` ends in it (after its '\n').
    ends: Vec<u32>,
    unterminated: bool,
}

/// A heading: its first and last host line, and the raw host text of its content.
struct Heading<'a> {
    lines: (usize, usize),
    text: &'a str,
}

/// The block structure the names are looked up in: fences, headings, and the host lines of all
/// code blocks, fenced or indented (first and last line of each).
struct Scan<'a> {
    fences: Vec<Fence<'a>>,
    headings: Vec<Heading<'a>>,
    code: Vec<(usize, usize)>,
}

/// A code block pulldown has opened: fenced or not, its info string, start event range and
/// content events.
struct OpenCode<'a> {
    fenced: bool,
    info: CowStr<'a>,
    range: Range<usize>,
    texts: Vec<(CowStr<'a>, Range<usize>)>,
}

/// The [`Scan`] of any document, from pulldown's events.
fn pulldown_scan<'a>(doc: &'a str, index: &LineIndex) -> Scan<'a> {
    let mut out = Scan { fences: Vec::new(), headings: Vec::new(), code: Vec::new() };
    let mut code: Option<OpenCode<'a>> = None;
    let mut heading: Option<(Range<usize>, Option<Range<usize>>)> = None;
    for (event, range) in Parser::new_ext(doc, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let (fenced, info) = match kind {
                    CodeBlockKind::Fenced(info) => (true, info),
                    CodeBlockKind::Indented => (false, CowStr::Borrowed("")),
                };
                code = Some(OpenCode { fenced, info, range, texts: Vec::new() });
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(OpenCode { fenced, info, range, texts }) = code.take() {
                    out.code.push(index.span(&range));
                    if fenced {
                        let (text, lines, ends) = content(doc, index, &texts);
                        let unterminated = is_unterminated(doc, &range, &texts);
                        let info = match info {
                            CowStr::Borrowed(s) => Cow::Borrowed(s),
                            other => Cow::Owned(other.to_string()),
                        };
                        out.fences.push(Fence { info, line: index.line_of(range.start), text, lines, ends, unterminated });
                    }
                }
            }
            Event::Text(text) if code.is_some() => {
                if let Some(open) = code.as_mut() {
                    open.texts.push((text, range));
                }
            }
            Event::Start(Tag::Heading { .. }) => heading = Some((range, None)),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((whole, inner)) = heading.take() {
                    // The raw host text, not pulldown's: emphasis parsing would turn `__main__.py`
                    // into `main.py`.
                    let text = inner.and_then(|r| doc.get(r)).unwrap_or("");
                    out.headings.push(Heading { lines: index.span(&whole), text });
                }
            }
            _ => {
                if let Some((_, inner)) = heading.as_mut() {
                    *inner = Some(match inner.take() {
                        Some(r) => r.start.min(range.start)..r.end.max(range.end),
                        None => range,
                    });
                }
            }
        }
    }
    out
}

/// What a host line is, for the backward search from a fence to its name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LineClass {
    Plain,
    Heading(usize),
    Code,
}

fn classify_lines(index: &LineIndex, scan: &Scan<'_>) -> Vec<LineClass> {
    let mut classes = vec![LineClass::Plain; index.count()];
    let mut mark = |(first, last): (usize, usize), class: LineClass| {
        for c in classes.iter_mut().take(last + 1).skip(first) {
            *c = class;
        }
    };
    for (i, heading) in scan.headings.iter().enumerate() {
        mark(heading.lines, LineClass::Heading(i));
    }
    for &lines in &scan.code {
        mark(lines, LineClass::Code);
    }
    classes
}

/// Builds the block's text, line map and line ends (see [`Fence`]) from pulldown's content events.
///
/// Events that are slices of the host map byte for byte; events pulldown made up (spaces from a
/// tab split by the container indentation) have no host bytes, so a line starting with them is
/// placed that many bytes before its first real byte, within its host line.
fn content(doc: &str, index: &LineIndex, texts: &[(CowStr<'_>, Range<usize>)]) -> (String, Vec<(u32, u32)>, Vec<u32>) {
    /// The line being built: its text is the output text from `begin` on.
    #[derive(Default)]
    struct Line {
        /// Byte in the output text where the line starts.
        begin: usize,
        /// Host offset of the first real byte.
        first: Option<usize>,
        /// Made-up bytes before the first real one.
        synthetic: usize,
        /// Host offset of the first made-up piece, used when the line has no real byte.
        anchor: Option<usize>,
    }
    fn finish(doc: &str, index: &LineIndex, line: &Line, out: &mut (String, Vec<(u32, u32)>, Vec<u32>)) {
        if out.0.len() > line.begin && out.0.ends_with('\r') {
            out.0.pop();
        }
        let (pos, fallback) = match (line.first, line.anchor) {
            (Some(first), _) => (first.saturating_sub(line.synthetic), first),
            (None, Some(anchor)) => (anchor, anchor),
            (None, None) => (0, 0),
        };
        let host_line = index.line_of(fallback);
        let line_start = index.start(host_line);
        let mut pos = pos.max(line_start);
        // An empty CRLF line: pulldown reports its '\n'; the line starts at the '\r'.
        if out.0.len() == line.begin && pos > line_start && doc.as_bytes().get(pos - 1) == Some(&b'\r') {
            pos -= 1;
        }
        out.0.push('\n');
        out.1.push((to_u32(host_line), to_u32(pos - line_start)));
        out.2.push(to_u32(out.0.len()));
    }

    let mut out = (String::new(), Vec::new(), Vec::new());
    let mut line = Line::default();
    for (text, range) in texts {
        let real = doc.get(range.clone()) == Some(&**text);
        let mut offset = 0;
        for piece in text.split_inclusive('\n') {
            let body = piece.strip_suffix('\n');
            if real {
                if line.first.is_none() {
                    line.first = Some(range.start + offset);
                }
            } else {
                if line.first.is_none() {
                    line.synthetic += body.unwrap_or(piece).len();
                }
                line.anchor.get_or_insert(range.start);
            }
            out.0.push_str(body.unwrap_or(piece));
            if body.is_some() {
                finish(doc, index, &line, &mut out);
                line = Line { begin: out.0.len(), ..Line::default() };
            }
            offset += piece.len();
        }
    }
    if out.0.len() > line.begin {
        finish(doc, index, &line, &mut out);
    }
    out
}

/// Whether the host has no closing fence after the block's last content byte.
fn is_unterminated(doc: &str, range: &Range<usize>, texts: &[(CowStr<'_>, Range<usize>)]) -> bool {
    let Some(opening) = doc.get(range.start..).and_then(|s| s.chars().next()) else { return true };
    if opening != '`' && opening != '~' {
        return false;
    }
    let width = doc.get(range.start..).unwrap_or("").chars().take_while(|&c| c == opening).count();
    let last_content = texts.iter().filter(|(text, r)| doc.get(r.clone()) == Some(&**text)).map(|(_, r)| r.end).max();
    let after = match last_content {
        Some(end) => end,
        None => match doc.get(range.clone()).and_then(|s| s.find('\n')) {
            Some(i) => range.start + i + 1,
            None => return true,
        },
    };
    let tail = doc.get(after.max(range.start)..range.end).unwrap_or("");
    let mut run = 0;
    for c in tail.chars() {
        run = if c == opening { run + 1 } else { 0 };
        if run >= width {
            return false;
        }
    }
    true
}

/// How many non-blank lines above a fence a heading or label may sit and still name it.
const NAME_LOOKBACK: usize = 6;

/// The name from the closest heading or label line above the fence, if no other code block lies
/// between them. The closest heading decides: one without a file name means the block has none.
fn preceding_name(doc: &str, index: &LineIndex, classes: &[LineClass], headings: &[Heading<'_>], fence_line: usize) -> Option<String> {
    let mut seen = 0;
    for line in (0..fence_line).rev() {
        match classes.get(line).copied().unwrap_or(LineClass::Plain) {
            LineClass::Code => return None,
            LineClass::Heading(i) => return headings.get(i).and_then(|h| heading_name(h.text)),
            LineClass::Plain => {
                let text = strip_container(index.text(doc, line));
                if text.trim().is_empty() {
                    continue;
                }
                seen += 1;
                if seen > NAME_LOOKBACK {
                    return None;
                }
                if let Some(name) = label_name(text) {
                    return Some(name);
                }
                // Only the line right above the fence may introduce it in a sentence.
                if seen == 1
                    && let Some(name) = lead_in_name(text)
                {
                    return Some(name);
                }
            }
        }
    }
    None
}
/// Removes block-quote markers and list-item markers from the front of a host line.
fn strip_container(line: &str) -> &str {
    let mut s = line;
    loop {
        let t = s.trim_start();
        if let Some(rest) = t.strip_prefix('>') {
            s = rest;
            continue;
        }
        if let Some(rest) = ["- ", "* ", "+ "].iter().find_map(|m| t.strip_prefix(m)) {
            s = rest;
            continue;
        }
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=9).contains(&digits)
            && let Some(rest) = t.get(digits..).and_then(|r| r.strip_prefix(". ").or_else(|| r.strip_prefix(") ")))
        {
            s = rest;
            continue;
        }
        return t;
    }
}

/// The first path token of a heading's text (`File: lib/x.py`, `1. `lib/x.py``,
/// `tap_stack.py - Main stack`).
fn heading_name(text: &str) -> Option<String> {
    let text = dunders(text);
    text.split(|c: char| !is_path_char(c) && c != '\\').find_map(path_token)
}

/// A dunder file name written in bold loses its underscores to emphasis: `**__init__.py**`
/// shows as `**init**.py` (`\***\*main**.py\*\*` with escapes). Gives them back. Text without
/// a `*` (nearly all of it) is returned as is.
fn dunders(text: &str) -> Cow<'_, str> {
    if !text.contains('*') {
        return Cow::Borrowed(text);
    }
    let mut text = Cow::Borrowed(text);
    for (from, to) in [("\\*", "*"), ("**init**.py", "__init__.py"), ("**main**.py", "__main__.py")] {
        if text.contains(from) {
            text = Cow::Owned(text.replace(from, to));
        }
    }
    text
}

/// A label line that is only a path: `**lib/x.py**`, `File: lib/x.py`, `` `lib/x.py`: ``.
fn label_name(line: &str) -> Option<String> {
    let line = dunders(line);
    // Without emphasis and code marks.
    let mut unmarked = String::with_capacity(line.len());
    let mut from = 0;
    for at in memchr::memchr2_iter(b'*', b'`', line.as_bytes()) {
        unmarked.push_str(&line[from..at]);
        from = at + 1;
    }
    unmarked.push_str(&line[from..]);
    let mut s = unmarked.trim().trim_end_matches(':').trim_end();
    if let Some(inner) = s.strip_prefix("__").and_then(|r| r.strip_suffix("__")) {
        s = inner.trim().trim_end_matches(':');
    }
    // A trailing note such as "(updated)".
    if s.ends_with(')')
        && let Some(open) = s.rfind('(')
    {
        s = &s[..open];
    }
    single_path(strip_file_prefix(s.trim().trim_end_matches(':').trim()))
}

/// Words a sentence introducing the next fence may use before naming its file, as in "1. First,
/// the `__main__.py` file to orchestrate everything:", "Let's implement the `modules/s3.py`
/// module:" or "Now, let's create `vpc.py`:". A sentence with any other word before the name
/// ("From `x.py` lines 10-20:", "It uses `x.py` too:") shows an excerpt or mentions another file.
const LEAD_IN_WORDS: &[&str] = &[
    "first", "second", "third", "then", "next", "now", "finally", "lastly", "let's", "lets", "let", "us", "we", "we'll",
    "i'll", "will", "create", "implement", "define", "write", "add", "build", "set", "up", "here's", "here", "is", "the",
    "a", "an", "our", "new", "main", "pulumi", "program", "entry", "point", "entrypoint", "in", "and", "also",
];

/// The file a sentence right above a fence introduces: lead-in words only, then one code span
/// holding a path, then either the end of the sentence (`:`) or the word `file` or `module`.
fn lead_in_name(line: &str) -> Option<String> {
    let t = line.trim().trim_end_matches(':').trim_end();
    let (before, rest) = t.split_once('`')?;
    let (span, after) = rest.split_once('`')?;
    let lead_in = before
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .all(|w| LEAD_IN_WORDS.contains(&w.to_ascii_lowercase().replace('\u{2019}', "'").as_str()));
    if !lead_in || after.contains('`') {
        return None;
    }
    let after = after.trim_start();
    let names_it = after.is_empty() || {
        let word: String = after.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        matches!(word.to_ascii_lowercase().as_str(), "file" | "module")
    };
    if !names_it {
        return None;
    }
    single_path(span)
}

/// A first content line that is a comment holding only a path: `# lib/x.py`, `// File: bin/tap.ts`.
fn comment_name(line: &str) -> Option<String> {
    let t = line.trim();
    if t.starts_with("#!") {
        return None;
    }
    let body = t.strip_prefix("//").or_else(|| t.strip_prefix('#'))?;
    let body: String = body.chars().filter(|&c| c != '`').collect();
    single_path(strip_file_prefix(body.trim()))
}

/// A `title="lib/x.py"` (or `filename=`, `file=`) attribute after the fence language.
fn info_title<'a>(words: impl Iterator<Item = &'a str>) -> Option<String> {
    words.filter_map(|w| w.split_once('=')).find_map(|(key, value)| {
        ["title", "filename", "file"].iter().any(|k| k.eq_ignore_ascii_case(key)).then(|| single_path(value)).flatten()
    })
}

/// Drops a leading `File:`, `Filename:`, `File name:` or `Path:` (any case).
fn strip_file_prefix(s: &str) -> &str {
    let Some((head, rest)) = s.split_once(':') else { return s };
    let head = head.trim();
    if ["file", "filename", "file name", "path", "file path"].iter().any(|h| h.eq_ignore_ascii_case(head)) { rest.trim() } else { s }
}

/// `s` as a name when it is exactly one path token.
fn single_path(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.contains(char::is_whitespace) {
        return None;
    }
    path_token(s)
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '@' | '-')
}

/// Extensions a named block's file may have.
const NAME_EXTENSIONS: &[&str] =
    &["py", "ts", "tsx", "js", "mjs", "cjs", "json", "yaml", "yml", "txt", "toml", "cfg", "ini", "md", "sh"];

/// Words that look like file names but name libraries (`## Using Node.js`).
const NOT_FILES: &[&str] = &["node.js", "next.js", "vue.js", "react.js", "express.js", "nest.js", "nuxt.js", "d3.js", "three.js", "chart.js"];

/// A normalised file name from a token, with decoration (backticks, quotes, emphasis, trailing
/// punctuation) removed, or None when the token is not a file name with a known extension.
fn path_token(token: &str) -> Option<String> {
    let mut t = token;
    loop {
        let next = t.trim_matches(|c| matches!(c, '`' | '\'' | '"' | '*' | '(' | ')' | '[' | ']' | ',' | ';' | ':' | '!' | '?'));
        let next = next.trim_end_matches('.');
        if next == t {
            break;
        }
        t = next;
    }
    // No extension, no name (checked first: most tokens are words and code).
    if !t.contains('.') {
        return None;
    }
    // Markdown escapes (`lib\_\_main\_\_.py` renders as `lib__main__.py`) before backslashes
    // as Windows separators.
    let unescaped = if t.contains('\\') { Cow::Owned(t.replace("\\_", "_").replace("\\*", "*").replace('\\', "/")) } else { Cow::Borrowed(t) };
    let mut name: &str = &unescaped;
    loop {
        if let Some(rest) = name.strip_prefix("./") {
            name = rest;
        } else if let Some(rest) = name.strip_prefix('/') {
            name = rest;
        } else {
            break;
        }
    }
    if name.is_empty() || !name.chars().all(is_path_char) || name.ends_with('/') || name.contains("//") {
        return None;
    }
    let file = name.rsplit('/').next().unwrap_or(name);
    let (stem, ext) = file.rsplit_once('.')?;
    if stem.is_empty() || stem == "." || !NAME_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(ext)) {
        return None;
    }
    if NOT_FILES.iter().any(|f| f.eq_ignore_ascii_case(name)) {
        return None;
    }
    Some(name.to_string())
}

/// Fence languages that are known not to be program code: a `bash` block under `## lib/x.py` is a
/// command, not that file.
const NON_CODE_LANGS: &[&str] = &[
    "bash", "sh", "shell", "zsh", "console", "shell-session", "shellsession", "powershell", "ps1", "pwsh", "bat", "cmd",
    "text", "txt", "plaintext", "plain", "json", "jsonc", "json5", "toml", "ini", "cfg", "conf", "dockerfile", "docker",
    "hcl", "terraform", "tf", "sql", "diff", "patch", "go", "golang", "java", "csharp", "cs", "rust", "rs", "xml",
    "html", "css", "makefile", "make", "output", "log", "mermaid", "graphql", "env", "dotenv",
];

/// Whether a name suits the fence: a name whose kind contradicts the fence language (`x.py` over a
/// TypeScript fence, `requirements.txt` over a Python one) labels something else.
fn name_fits(lang: &str, fence_kind: FileKind, name: &str) -> bool {
    let name_kind = FileKind::from_path(name);
    if fence_kind != FileKind::Other {
        return name_kind == fence_kind || !(fence_kind.is_code() || name_kind.is_code());
    }
    !(name_kind.is_code() && NON_CODE_LANGS.iter().any(|l| l.eq_ignore_ascii_case(lang)))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}


#[cfg(test)]
mod tests {
    use super::*;

    fn one(doc: &str) -> Block {
        let mut b = blocks(doc);
        assert_eq!(b.len(), 1, "{b:?}");
        b.remove(0)
    }

    fn name_of(doc: &str) -> Option<String> {
        one(doc).name
    }

    #[test]
    fn heading_and_label_forms_name_the_block() {
        let cases = [
            ("## File: lib/tap_stack.py", "lib/tap_stack.py"),
            ("### lib/tap-stack.ts", "lib/tap-stack.ts"),
            ("# lib/x.py", "lib/x.py"),
            ("### `modules/vpc.py`", "modules/vpc.py"),
            ("#### 1. `lib/tap_stack.py`", "lib/tap_stack.py"),
            ("**lib/x.py**", "lib/x.py"),
            ("**File: lib/x.py**", "lib/x.py"),
            ("**`lib/x.py`**:", "lib/x.py"),
            ("File: lib/x.py", "lib/x.py"),
            ("`lib/x.py`:", "lib/x.py"),
            ("### tap_stack.py - Main stack", "tap_stack.py"),
            ("## lib/tap-stack.ts (updated)", "lib/tap-stack.ts"),
            ("## __main__.py", "__main__.py"),
            ("## ./lib/x.py", "lib/x.py"),
            ("## FILENAME: `/lib\\x.py`", "lib/x.py"),
            ("3. lib\\_\\_main\\_\\_.py", "lib__main__.py"),
            ("14. **infrastructure/**init**.py**", "infrastructure/__init__.py"),
            ("### 15. \\***\\*main**.py\\*\\* (Main Pulumi Program)", "__main__.py"),
            ("1. **lib/x.py**", "lib/x.py"),
        ];
        for (label, want) in cases {
            let lang = if want.ends_with(".ts") { "ts" } else { "python" };
            let doc = format!("Intro.\n\n{label}\n\n```{lang}\nx = 1\n```\n");
            assert_eq!(name_of(&doc).as_deref(), Some(want), "{label}");
        }
    }

    #[test]
    fn a_fence_holding_several_labelled_files_is_split() {
        let doc = "```ts\n1. lib/a.ts\nconst a = 1;\n2. index.ts (Main Entry Point)\nconst b = 2;\n```\n";
        let b = blocks(doc);
        let names: Vec<_> = b.iter().map(|x| (x.name.clone(), x.text.clone(), x.lines[0].0)).collect();
        assert_eq!(names, vec![(Some("lib/a.ts".into()), "const a = 1;\n".into(), 2), (Some("index.ts".into()), "const b = 2;\n".into(), 4)]);
    }

    #[test]
    fn a_fence_holding_several_files_under_bare_paths_is_split() {
        let doc = "```ts\nsrc/a.ts\nexport const a = 1;\npackage.json\n{\"main\": \"src/index.ts\"}\nsrc/index.ts\nimport { a } from \"./a\";\n```\n";
        let b = blocks(doc);
        let parts: Vec<_> = b.iter().map(|x| (x.name.as_deref(), x.kind, x.lines[0].0)).collect();
        assert_eq!(
            parts,
            vec![(Some("src/a.ts"), FileKind::TypeScript, 2), (Some("package.json"), FileKind::Other, 4), (Some("src/index.ts"), FileKind::TypeScript, 6)]
        );
        // One bare path, a list of paths, a path continuing an expression or followed by nothing:
        // not a split.
        for doc in [
            "```ts\nsrc/a.ts\nexport const a = 1;\n```\n",
            "```python\n\"\"\"\nlib/a.py\nlib/b.py\n\"\"\"\n```\n",
            "```python\nx = (\nlib/a.py\n)\ny = 1 +\nlib/b.py\nz = 2\n```\n",
            "```ts\nsrc/a.ts\n\nsrc/b.ts\n\n```\n",
        ] {
            assert_eq!(blocks(doc).len(), 1, "{doc}");
        }
    }

    #[test]
    fn prose_between_heading_and_fence_is_skipped() {
        let doc = "## File: lib/tap_stack.py\n\nThis stack creates a VPC.\nIt uses `lib/other.py` too:\n\n```python\nx = 1\n```\n";
        assert_eq!(name_of(doc).as_deref(), Some("lib/tap_stack.py"));
    }

    #[test]
    fn a_sentence_introducing_the_fence_names_it() {
        let cases = [
            ("1. First, the `__main__.py` file to orchestrate everything:", Some("__main__.py")),
            ("2. Create the `config.py` file:", Some("config.py")),
            ("3. Let's implement the `modules/s3.py` module:", Some("modules/s3.py")),
            ("Now, let's create `vpc_module.py`:", Some("vpc_module.py")),
            ("Finally, let's create the main Pulumi program in `__main__.py`:", Some("__main__.py")),
            ("## Main Entry Point (**main**.py)", Some("__main__.py")),
            ("**lib/**init**.py**", Some("lib/__init__.py")),
            // Excerpts and mentions of other files stay unnamed.
            ("From `lib/x.py` lines 10-20:", None),
            ("It uses `lib/other.py` too:", None),
            ("The stack is instantiated in `lib/x.py` with environment-specific configuration:", None),
            ("Modify the RDS resource in `lib/x.py` to include:", None),
            ("Let's create the `lib/x.py` file and `lib/y.py`:", None),
            ("Create `lib/x.py` lines 1-5:", None),
            ("## Using **config**.py", None),
        ];
        for (label, want) in cases {
            let doc = format!("Intro.\n\n{label}\n\n```python\nx = 1\n```\n");
            assert_eq!(name_of(&doc).as_deref(), want, "{label}");
        }
        // Only the line right above the fence.
        let doc = "Create the `lib/x.py` file:\n\nIt holds the VPC.\n\n```python\nx = 1\n```\n";
        assert_eq!(name_of(doc), None);
    }

    #[test]
    fn heading_without_a_file_gives_no_name() {
        let doc = "## lib/x.py\n\n## Core Implementation\n\n```python\nx = 1\n```\n";
        assert_eq!(name_of(doc), None);
    }

    #[test]
    fn heading_too_far_above_gives_no_name() {
        let doc = "## lib/x.py\n\na\n\nb\n\nc\n\nd\n\ne\n\nf\n\ng\n\n```python\nx = 1\n```\n";
        assert_eq!(name_of(doc), None);
    }

    #[test]
    fn first_line_comment_names_the_block() {
        assert_eq!(name_of("```python\n# lib/tap_stack.py\nx = 1\n```\n").as_deref(), Some("lib/tap_stack.py"));
        assert_eq!(name_of("```ts\n// lib/tap-stack.ts\nlet x;\n```\n").as_deref(), Some("lib/tap-stack.ts"));
        assert_eq!(name_of("```python\n# File: lib/x.py\n```\n").as_deref(), Some("lib/x.py"));
        assert_eq!(name_of("```ts\n// File: bin/tap.ts\n```\n").as_deref(), Some("bin/tap.ts"));
        assert_eq!(name_of("```ts\n// filename: index.ts\n```\n").as_deref(), Some("index.ts"));
        // A sentence that mentions a file is not a name.
        assert_eq!(name_of("```python\n# This mirrors lib/x.py\n```\n"), None);
    }

    #[test]
    fn unnamed_block() {
        let b = one("Some text.\n\n```python\nimport pulumi\n```\n");
        assert_eq!(b.name, None);
        assert_eq!(b.kind, FileKind::Python);
        assert_eq!(b.lang, "python");
        assert_eq!(b.text, "import pulumi\n");
        assert_eq!(b.lines, vec![(3, 0)]);
        assert!(!b.unterminated);
    }

    #[test]
    fn name_contradicting_the_fence_is_dropped() {
        assert_eq!(name_of("## lib/x.py\n\n```typescript\nlet x;\n```\n"), None);
        assert_eq!(name_of("## requirements.txt\n\n```python\nx\n```\n"), None);
        assert_eq!(name_of("## lib/x.py\n\n```bash\npython lib/x.py\n```\n"), None);
        assert_eq!(name_of("## Pulumi.yaml\n\n```yaml\nname: x\n```\n").as_deref(), Some("Pulumi.yaml"));
    }

    #[test]
    fn kind_from_name_when_fence_has_no_language() {
        let b = one("### lib/tap-stack.ts\n\n```\nlet x;\n```\n");
        assert_eq!(b.kind, FileKind::TypeScript);
        assert_eq!(b.lang, "");
        let b = one("```\nlet x;\n```\n");
        assert_eq!(b.kind, FileKind::Other);
    }

    #[test]
    fn fence_in_list_item_maps_to_host_lines() {
        let doc = "1. Create the stack:\n\n   ```python\n   import pulumi\n     x = 1\n\n   y\n   ```\n";
        let b = one(doc);
        assert_eq!(b.text, "import pulumi\n  x = 1\n\ny\n");
        assert_eq!(b.lines, vec![(3, 3), (4, 3), (5, 0), (6, 3)]);
        let host: Vec<&str> = doc.lines().collect();
        for ((line, col), content) in b.lines.iter().zip(b.text.lines()) {
            assert_eq!(&host[*line as usize][*col as usize..], content);
        }
    }

    #[test]
    fn fence_in_block_quote() {
        let b = one("> ```py\n> a\n>  b\n> ```\n");
        assert_eq!(b.text, "a\n b\n");
        assert_eq!(b.lines, vec![(1, 2), (2, 2)]);
    }

    #[test]
    fn crlf_document() {
        let doc = "## lib/x.py\r\n\r\n```python\r\na = 1\r\n\r\nb = 2\r\n```\r\n";
        let b = one(doc);
        assert_eq!(b.name.as_deref(), Some("lib/x.py"));
        assert_eq!(b.text, "a = 1\n\nb = 2\n");
        assert_eq!(b.lines, vec![(3, 0), (4, 0), (5, 0)]);
        assert!(!b.unterminated);
        let b = one("1. x\r\n\r\n   ```ts\r\n   let a;\r\n\r\n     b\r\n   ```\r\n");
        assert_eq!(b.text, "let a;\n\n  b\n");
        assert_eq!(b.lines, vec![(3, 3), (4, 0), (5, 3)]);
    }

    #[test]
    fn unterminated_fence() {
        let b = one("# lib/x.py\n\n```python\nx = 1\ny = 2");
        assert!(b.unterminated);
        assert_eq!(b.text, "x = 1\ny = 2\n");
        assert_eq!(b.lines, vec![(3, 0), (4, 0)]);
        assert!(one("```\n").unterminated);
        assert!(one("```\n    ```\n").unterminated);
        assert!(!one("```\n```\n").unterminated);
        assert!(!one("````\n```\n````").unterminated);
    }

    #[test]
    fn heading_names_only_the_first_fence() {
        let doc = "## File: lib/x.py\n\n```python\na = 1\n```\n\nAnd then:\n\n```python\nb = 2\n```\n";
        let b = blocks(doc);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].name.as_deref(), Some("lib/x.py"));
        assert_eq!(b[1].name, None);
    }

    #[test]
    fn tilde_fence_and_info_title() {
        let b = one("**lib/x.py**\n\n~~~python\nx = 1\n~~~\n");
        assert_eq!(b.name.as_deref(), Some("lib/x.py"));
        assert_eq!(b.text, "x = 1\n");
        assert!(!b.unterminated);
        let b = one("~~~ts title=\"lib/a.ts\"\nlet a;\n~~~\n");
        assert_eq!(b.name.as_deref(), Some("lib/a.ts"));
    }

    #[test]
    fn indented_code_is_ignored_and_blocks_naming() {
        let doc = "## lib/x.py\n\n    # lib/y.py\n\n```python\nx\n```\n";
        assert_eq!(name_of(doc), None);
    }

    #[test]
    fn tab_inside_list_item() {
        let doc = "- ```\n  a\n\tb\n  ```\n";
        let b = one(doc);
        assert_eq!(b.text, "a\n  b\n");
        assert_eq!(b.lines, vec![(1, 2), (2, 0)]);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for doc in ["", "```", "~~~\n\u{e9}\u{e9}", "- > ```\n  > \u{1F600}\n", "```\r", "#\n```\n", "**\n```\n```", "\t```\n\t\tx\n"] {
            let _ = blocks(doc);
        }
    }

    /// Where the benchmark corpus lives: `PULINT_CORPUS`, or `../shared/corpus` next to the
    /// checkout as in `.ci/run`.
    fn corpus_documents() -> Vec<(std::path::PathBuf, String)> {
        let root = std::env::var_os("PULINT_CORPUS")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
        let dirs = |p: &std::path::Path| -> Vec<std::path::PathBuf> {
            let mut v: Vec<_> = std::fs::read_dir(p).map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
            v.sort();
            v
        };
        let mut docs = Vec::new();
        for language in dirs(&root) {
            for task in dirs(&language) {
                for file in dirs(&task.join("lib")) {
                    if file.extension().is_some_and(|e| e == "md") {
                        docs.push((file.clone(), String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned()));
                    }
                }
            }
        }
        assert!(!docs.is_empty(), "no corpus documents under {} (set PULINT_CORPUS)", root.display());
        docs
    }

    /// The line scanner's view of a document next to pulldown's, or None when the scanner gives up.
    /// Info strings are compared by their words, the only part that is used.
    fn scanner_disagreement(doc: &str) -> Option<String> {
        let index = LineIndex::new(doc);
        let fast = simple::scan(doc, &index)?;
        let full = pulldown_scan(doc, &index);
        let view = |s: &Scan<'_>| {
            let fences: Vec<_> = s
                .fences
                .iter()
                .map(|f| (f.info.split_whitespace().collect::<Vec<_>>(), f.line, f.text.clone(), f.lines.clone(), f.unterminated))
                .collect();
            let headings: Vec<_> = s.headings.iter().map(|h| (h.lines, h.text)).collect();
            format!("fences {fences:?}\nheadings {headings:?}\ncode {:?}", s.code)
        };
        let (fast, full) = (view(&fast), view(&full));
        if fast != full {
            return Some(format!("{doc:?}\nscanner:\n{fast}\npulldown:\n{full}"));
        }
        let (fast, full) = (blocks(doc), blocks_via_pulldown(doc));
        (fast != full).then(|| format!("{doc:?}\nscanner: {fast:?}\npulldown: {full:?}"))
    }

    /// A small deterministic generator (xorshift) for the mutation tests.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    /// Lines that start, end or change blocks, for documents built at random.
    const PIECES: &[&str] = &[
        "", "", "", "text", "More text here.", "## File: lib/x.py", "### `lib/tap_stack.py`", "# h #", "#", "## \\_\\_main\\_\\_.py",
        "#5 not a heading", "\\# not a heading", "```python", "```", "```ts title=\"lib/a.ts\"", "````", "~~~", "~~~ py", "   ```py",
        "  ```", "    ```", "``` `x`", "x = 1", "  y = 2", "    indented", "      deeper", "- item", "* item", "+ item", "-", "- ",
        "1. item", "2. item", "1) item", "  - nested", "   3. nested", "    - deep item", "- ```", "- # h", "-     code", "===", "---",
        "  ---", "***", "* * *", "- - -", "___", "> quote", "<div>", "<!-- c -->", "[ref]: /url", "[link](x) text", "**lib/x.py**",
        "File: lib/y.py", "**Bold**: text", "`lib/z.py`:", "& entity", "x\\", "## Title ##   ", "  ## Indented", "- `lib/a.py`:",
        "   text", "a | b", "1.5 GB", "2024. Year", "      ", "10. item", "0. item", "     ```", "   ~~~", "   ```", "   x = 1",
        "<!-- open", "-->", "<!-->", "  <!-- x --> y", "1.  item", "-    item", "    1. item", "  ~~~~",
    ];

    fn random_document(rng: &mut Rng) -> String {
        let n = 1 + rng.below(20);
        let mut doc: Vec<&str> = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        if rng.below(2) == 0 {
            doc.push("");
        }
        doc.join("\n")
    }

    #[test]
    fn line_scanner_agrees_with_pulldown_on_random_documents() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut accepted = 0;
        for _ in 0..30_000 {
            let doc = random_document(&mut rng);
            if let Some(diff) = scanner_disagreement(&doc) {
                panic!("{diff}");
            }
            accepted += usize::from(simple::scan(&doc, &LineIndex::new(&doc)).is_some());
        }
        // The comparison means something only if the scanner takes a fair share.
        assert!(accepted > 10_000, "the scanner accepted only {accepted} documents");
    }

    #[test]
    fn line_scanner_cases() {
        // Accepted by the scanner, and the same as pulldown.
        for doc in [
            "## File: lib/x.py\n\n```python\nx = 1\n```\n",
            "# lib/x.py\n\n```python\nx = 1\ny = 2",
            "```\n",
            "```\n    ```\n",
            "````\n```\n````",
            "   ```py\n x\n     y\n  \n\n   ```\n",
            "~~~ts title=\"lib/a.ts\"\nlet a;\n~~~\n",
            "## \\_\\_main\\_\\_.py\n\n```python\nx\n```\n",
            "Intro\n===\n\n```python\nx\n```\n",
            "## lib/x.py\n\n    # lib/y.py\n\n```python\nx\n```\n",
            "- one\n- two\n  continued\nlazy\n\n```python\nx\n```\n",
            "1. **lib/x.py**\n\n```python\nx\n```\n",
            // A fence in a top-level list item, with and without a blank line before it.
            "1. Create the stack:\n\n   ```python\n   import pulumi\n\n     x = 1\n   ```\n2. Then:\n   ```ts\n   let a;\n   ```\n",
            "- **lib/x.py**:\n   ```python\n   a\n  \n     b\n\n   ```\nx\n",
            // HTML comments.
            "## lib/x.py\n<!-- a\n```py\nx\n--> tail\n    code\n<!-- one -->\n```python\nx\n```\n",
        ] {
            assert!(simple::scan(doc, &LineIndex::new(doc)).is_some(), "{doc:?}");
            assert_eq!(scanner_disagreement(doc), None);
        }
        // Left to pulldown: fences in nested items or on the marker line, a list item's fence
        // ended by a less indented line or by the end of the document, block quotes, tabs, CR,
        // HTML, underlines in lists, link reference definitions, escapes in info strings.
        for doc in [
            "1. a\n   - b\n\n     ```python\n     x\n     ```\n",
            "- ```py\n  x\n  ```\n",
            "1. a\n   ```python\n   x\ny\n   ```\n",
            "1. a\n   ```python\n   x\n",
            "> ```py\n> a\n> ```\n",
            "- ```\n  a\n\tb\n  ```\n",
            "## lib/x.py\r\n\r\n```python\r\na = 1\r\n```\r\n",
            "<details>\n\n```python\nx\n```\n</details>\n",
            "- item\n---\n",
            "- item\n\n      code\n",
            "[ref]: /url\n    code\n",
            "```py \\_x\nx\n```\n",
        ] {
            assert!(simple::scan(doc, &LineIndex::new(doc)).is_none(), "{doc:?}");
            assert_eq!(blocks(doc), blocks_via_pulldown(doc));
        }
    }

    /// Every corpus document, and variants of each with lines dropped, indented, or turned into
    /// list items (to try the scanner beyond what the corpus happens to hold): the same scan and
    /// blocks from both scanners. (Commit 09b8c97 also compared every document's blocks with the
    /// implementation before the line scanner.) Needs the corpus (`PULINT_CORPUS`; fails without
    /// it): run with `--ignored`.
    #[test]
    #[ignore]
    fn line_scanner_agrees_with_pulldown_on_the_corpus() {
        let docs = corpus_documents();
        let mut accepted = 0;
        for (path, doc) in &docs {
            if let Some(diff) = scanner_disagreement(doc) {
                panic!("{}: {diff}", path.display());
            }
            accepted += usize::from(simple::scan(doc, &LineIndex::new(doc)).is_some());
        }
        eprintln!("line scanner: {accepted} of {} corpus documents", docs.len());
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let (mut variants, mut scanned) = (0, 0);
        for (path, doc) in &docs {
            let lines: Vec<&str> = doc.split('\n').collect();
            for _ in 0..20 {
                let mut v: Vec<String> = lines.iter().map(|l| (*l).to_string()).collect();
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(v.len());
                    match rng.below(6) {
                        0 => {
                            v.remove(at);
                        }
                        1 => v[at].insert_str(0, ["  ", "    ", " ", "   "][rng.below(4)]),
                        2 => v[at].insert_str(0, ["- ", "1. ", "* "][rng.below(3)]),
                        3 => v.insert(at, String::new()),
                        4 => v.insert(at, PIECES[rng.below(PIECES.len())].to_string()),
                        _ => v[at] = v[at].trim_start().to_string(),
                    }
                    if v.is_empty() {
                        v.push(String::new());
                    }
                }
                let variant = v.join("\n");
                if let Some(diff) = scanner_disagreement(&variant) {
                    panic!("variant of {}: {diff}", path.display());
                }
                variants += 1;
                scanned += usize::from(simple::scan(&variant, &LineIndex::new(&variant)).is_some());
            }
        }
        eprintln!("{variants} variants agree ({scanned} read by the line scanner)");
    }
}
