//! The implementation before the line scanner (commit fcf727c), kept while checking that the new one gives identical blocks on the corpus.
#![allow(dead_code)]

use std::ops::Range;

use pulint_model::FileKind;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use super::Block;

/// The fenced code blocks of `doc`, in document order. Indented code blocks are not included.
pub fn blocks(doc: &str) -> Vec<Block> {
    let index = LineIndex::new(doc);
    let scan = scan(doc);
    let classes = classify_lines(&index, &scan);
    let mut out = Vec::with_capacity(scan.fences.len());
    for fence in &scan.fences {
        let (text, lines) = content(doc, &index, &fence.texts);
        let unterminated = is_unterminated(doc, fence);
        let mut words = fence.info.split_whitespace();
        let lang = words.next().unwrap_or("").to_string();
        let fence_kind = FileKind::from_fence_lang(&lang);
        let fits = |name: &String| name_fits(&lang, fence_kind, name);
        let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let name = info_title(words)
            .filter(fits)
            .or_else(|| preceding_name(doc, &index, &classes, &scan, fence.range.start).filter(fits))
            .or_else(|| comment_name(first_line).filter(fits));
        let kind = match (&name, fence_kind) {
            (Some(n), FileKind::Other) => FileKind::from_path(n),
            _ => fence_kind,
        };
        let block = Block { kind, lang, name, text, lines, unterminated };
        out.extend(split_at_labels(block, fence_kind));
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

/// A line inside a fence that is nothing but a path at column 0 (`src/config/regions.ts`), as in a
/// fence holding several files one after another without numbers. Such a line is an expression
/// with no effect in both languages, so it is taken as a name only when the fence holds at least
/// two of them, each directly followed by content and not continuing the line before it.
fn bare_path_cuts(text_lines: &[&str]) -> Vec<(usize, String)> {
    let bare = |l: &str| {
        let l = l.trim_end_matches(['\n', '\r']);
        (!l.starts_with(char::is_whitespace)).then(|| single_path(l)).flatten()
    };
    let cuts: Vec<(usize, String)> = text_lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let name = bare(l)?;
            let next = text_lines.get(i + 1)?;
            if next.trim().is_empty() || bare(next).is_some() {
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
fn split_at_labels(block: Block, fence_kind: FileKind) -> Vec<Block> {
    let text_lines: Vec<&str> = block.text.split_inclusive('\n').collect();
    let mut cuts: Vec<(usize, String)> = text_lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| inline_label(l).filter(|n| name_fits(&block.lang, fence_kind, n) && FileKind::from_path(n).is_code()).map(|n| (i, n)))
        .collect();
    let bare = cuts.is_empty();
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

/// Byte offsets where the host's lines start, to turn offsets into (line, column).
struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    fn new(doc: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(doc.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
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
}

/// A fenced block as pulldown reports it: its info string, host range and content events.
struct Fence<'a> {
    info: String,
    range: Range<usize>,
    texts: Vec<(CowStr<'a>, Range<usize>)>,
}

/// What one pass of pulldown tells us: fences, headings (host range and raw inner text) and the
/// host ranges of all code blocks, fenced or indented.
struct Scan<'a> {
    fences: Vec<Fence<'a>>,
    headings: Vec<(Range<usize>, String)>,
    code: Vec<Range<usize>>,
}

fn scan(doc: &str) -> Scan<'_> {
    let mut out = Scan { fences: Vec::new(), headings: Vec::new(), code: Vec::new() };
    let mut code: Option<(bool, Fence<'_>)> = None;
    let mut heading: Option<(Range<usize>, Option<Range<usize>>)> = None;
    for (event, range) in Parser::new_ext(doc, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let (fenced, info) = match kind {
                    CodeBlockKind::Fenced(info) => (true, info.to_string()),
                    CodeBlockKind::Indented => (false, String::new()),
                };
                code = Some((fenced, Fence { info, range, texts: Vec::new() }));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((fenced, fence)) = code.take() {
                    out.code.push(fence.range.clone());
                    if fenced {
                        out.fences.push(fence);
                    }
                }
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, fence)) = code.as_mut() {
                    fence.texts.push((text, range));
                }
            }
            Event::Start(Tag::Heading { .. }) => heading = Some((range, None)),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((whole, inner)) = heading.take() {
                    // The raw host text, not pulldown's: emphasis parsing would turn `__main__.py`
                    // into `main.py`.
                    let text = inner.and_then(|r| doc.get(r)).unwrap_or("").to_string();
                    out.headings.push((whole, text));
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
    let mut mark = |range: &Range<usize>, class: LineClass| {
        let first = index.line_of(range.start);
        let last = index.line_of(range.end.saturating_sub(1).max(range.start));
        for c in classes.iter_mut().take(last + 1).skip(first) {
            *c = class;
        }
    };
    for (i, (range, _)) in scan.headings.iter().enumerate() {
        mark(range, LineClass::Heading(i));
    }
    for range in &scan.code {
        mark(range, LineClass::Code);
    }
    classes
}

/// Builds the block's text and line map from pulldown's content events.
///
/// Events that are slices of the host map byte for byte; events pulldown made up (spaces from a
/// tab split by the container indentation) have no host bytes, so a line starting with them is
/// placed that many bytes before its first real byte, within its host line.
fn content(doc: &str, index: &LineIndex, texts: &[(CowStr<'_>, Range<usize>)]) -> (String, Vec<(u32, u32)>) {
    struct Line {
        text: String,
        /// Host offset of the first real byte.
        first: Option<usize>,
        /// Made-up bytes before the first real one.
        synthetic: usize,
        /// Host offset of the first made-up piece, used when the line has no real byte.
        anchor: Option<usize>,
    }
    fn finish(doc: &str, index: &LineIndex, line: &mut Line, out: &mut (String, Vec<(u32, u32)>)) {
        let text = std::mem::take(&mut line.text);
        let text = text.strip_suffix('\r').unwrap_or(&text);
        let (pos, fallback) = match (line.first, line.anchor) {
            (Some(first), _) => (first.saturating_sub(line.synthetic), first),
            (None, Some(anchor)) => (anchor, anchor),
            (None, None) => (0, 0),
        };
        let host_line = index.line_of(fallback);
        let line_start = index.start(host_line);
        let mut pos = pos.max(line_start);
        // An empty CRLF line: pulldown reports its '\n'; the line starts at the '\r'.
        if text.is_empty() && pos > line_start && doc.as_bytes().get(pos - 1) == Some(&b'\r') {
            pos -= 1;
        }
        out.0.push_str(text);
        out.0.push('\n');
        out.1.push((to_u32(host_line), to_u32(pos - line_start)));
        *line = Line { text: String::new(), first: None, synthetic: 0, anchor: None };
    }

    let mut out = (String::new(), Vec::new());
    let mut line = Line { text: String::new(), first: None, synthetic: 0, anchor: None };
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
            line.text.push_str(body.unwrap_or(piece));
            if body.is_some() {
                finish(doc, index, &mut line, &mut out);
            }
            offset += piece.len();
        }
    }
    if !line.text.is_empty() {
        finish(doc, index, &mut line, &mut out);
    }
    out
}

/// Whether the host has no closing fence after the block's last content byte.
fn is_unterminated(doc: &str, fence: &Fence<'_>) -> bool {
    let range = &fence.range;
    let Some(opening) = doc.get(range.start..).and_then(|s| s.chars().next()) else { return true };
    if opening != '`' && opening != '~' {
        return false;
    }
    let width = doc.get(range.start..).unwrap_or("").chars().take_while(|&c| c == opening).count();
    let last_content = fence
        .texts
        .iter()
        .filter(|(text, r)| doc.get(r.clone()) == Some(&**text))
        .map(|(_, r)| r.end)
        .max();
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
fn preceding_name(doc: &str, index: &LineIndex, classes: &[LineClass], scan: &Scan<'_>, fence_start: usize) -> Option<String> {
    let mut seen = 0;
    for line in (0..index.line_of(fence_start)).rev() {
        match classes.get(line).copied().unwrap_or(LineClass::Plain) {
            LineClass::Code => return None,
            LineClass::Heading(i) => return scan.headings.get(i).and_then(|(_, text)| heading_name(text)),
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
/// shows as `**init**.py` (`\***\*main**.py\*\*` with escapes). Gives them back.
fn dunders(text: &str) -> String {
    let mut text = text.replace("\\*", "*");
    for dunder in ["init", "main"] {
        text = text.replace(&format!("**{dunder}**.py"), &format!("__{dunder}__.py"));
    }
    text
}

/// A label line that is only a path: `**lib/x.py**`, `File: lib/x.py`, `` `lib/x.py`: ``.
fn label_name(line: &str) -> Option<String> {
    let mut s: String = dunders(line).chars().filter(|&c| c != '*' && c != '`').collect();
    s = s.trim().trim_end_matches(':').trim_end().to_string();
    if let Some(inner) = s.strip_prefix("__").and_then(|r| r.strip_suffix("__")) {
        s = inner.trim().trim_end_matches(':').to_string();
    }
    // A trailing note such as "(updated)".
    if s.ends_with(')')
        && let Some(open) = s.rfind('(')
    {
        s.truncate(open);
    }
    let s = strip_file_prefix(s.trim().trim_end_matches(':').trim());
    single_path(s)
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
        matches!(key.to_ascii_lowercase().as_str(), "title" | "filename" | "file").then(|| single_path(value)).flatten()
    })
}

/// Drops a leading `File:`, `Filename:`, `File name:` or `Path:` (any case).
fn strip_file_prefix(s: &str) -> &str {
    let Some((head, rest)) = s.split_once(':') else { return s };
    match head.trim().to_ascii_lowercase().as_str() {
        "file" | "filename" | "file name" | "path" | "file path" => rest.trim(),
        _ => s,
    }
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
    // Markdown escapes (`lib\_\_main\_\_.py` renders as `lib__main__.py`) before backslashes
    // as Windows separators.
    let mut name = t.replace("\\_", "_").replace("\\*", "*").replace('\\', "/");
    loop {
        if let Some(rest) = name.strip_prefix("./") {
            name = rest.to_string();
        } else if let Some(rest) = name.strip_prefix('/') {
            name = rest.to_string();
        } else {
            break;
        }
    }
    if name.is_empty() || !name.chars().all(is_path_char) || name.ends_with('/') || name.contains("//") {
        return None;
    }
    let file = name.rsplit('/').next().unwrap_or(&name);
    let (stem, ext) = file.rsplit_once('.')?;
    if stem.is_empty() || stem == "." || !NAME_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) {
        return None;
    }
    if NOT_FILES.contains(&name.to_ascii_lowercase().as_str()) {
        return None;
    }
    Some(name)
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
    !(name_kind.is_code() && NON_CODE_LANGS.contains(&lang.to_ascii_lowercase().as_str()))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

