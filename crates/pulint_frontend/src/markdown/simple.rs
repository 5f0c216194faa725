//! A line scanner for the documents most model responses are: fences, headings, paragraphs and
//! indented code at the top level, and lists holding text and fences.
//!
//! pulldown-cmark spends most of its time on inline parsing and its event tree, neither of which
//! the names need. This scanner reads each line once and gives the same [`Scan`] as
//! [`super::pulldown_scan`] for the documents it accepts. It models no container beyond the
//! indentation of a top-level list item holding a fence, and gives up (None) on block quotes,
//! HTML blocks other than comments, tabs, CR, NUL, form feeds, link reference definitions that
//! could change a block's extent, escapes or entities in info strings, and on any line in a list
//! whose meaning depends on indentation it does not track (indented lines after a blank line,
//! fences in nested items, headings or rules inside items, setext underlines under list text).
//! Tests compare it with pulldown on random documents, and on every corpus document and mutations
//! of them.

use std::borrow::Cow;

use super::{Fence, Heading, LineIndex, Scan, leading_spaces, to_u32};

/// What the previous non-blank line left open.
#[derive(Clone, Copy)]
enum State {
    /// Nothing: start of the document, a blank line, or a heading, rule or closed fence.
    Blank,
    /// A paragraph since line `first`; `link` when its first line starts with `[` (pulldown may
    /// take it as a link reference definition, which changes what may follow).
    Para { first: usize, link: bool },
    /// Text in a list item (or what may be one): never underlined into a heading.
    ListText,
    /// Indented code from line `first` to line `last` (trailing blank lines excluded).
    Code { first: usize, last: usize },
}

/// Inside a list (or what may be one).
#[derive(Clone, Copy)]
struct List {
    /// The previous line was blank, or closed a fence: what follows is no paragraph continuation.
    after_blank: bool,
    /// The content indentation of the top-level item all lines since its marker belong to, when
    /// known: a fence indented that much (up to three more) is in the item.
    item: Option<usize>,
}

/// The document's lines, without their line breaks.
struct Lines<'a> {
    doc: &'a str,
    starts: &'a [usize],
    /// Lines with content: a document ending with '\n' has no line after it.
    count: usize,
}

impl<'a> Lines<'a> {
    fn start(&self, i: usize) -> usize {
        self.starts[i]
    }

    /// Where line `i` ends: its '\n', or the end of the document.
    fn end(&self, i: usize) -> usize {
        self.starts.get(i + 1).map_or(self.doc.len(), |&next| next - 1)
    }

    fn get(&self, i: usize) -> &'a str {
        self.doc.get(self.start(i)..self.end(i)).unwrap_or("")
    }
}

/// The [`Scan`] of `doc`, or None when the document uses Markdown this scanner does not model.
pub(super) fn scan<'a>(doc: &'a str, index: &'a LineIndex) -> Option<Scan<'a>> {
    let bytes = doc.as_bytes();
    if memchr::memchr3(b'\t', b'\r', 0, bytes).is_some() || memchr::memchr2(0x0b, 0x0c, bytes).is_some() || doc.starts_with('\u{feff}') {
        return None;
    }
    let count = if doc.ends_with('\n') || doc.is_empty() { index.count() - 1 } else { index.count() };
    let lines = Lines { doc, starts: &index.starts, count };
    let mut out = Scan { fences: Vec::new(), headings: Vec::new(), code: Vec::new() };
    let mut state = State::Blank;
    let mut list: Option<List> = None;
    let mut i = 0;
    while i < lines.count {
        let line = lines.get(i);
        i += 1;
        let indent = leading_spaces(line.as_bytes());
        let rest = &line[indent..];
        if rest.is_empty() {
            if let Some(list) = list.as_mut() {
                list.after_blank = true;
            }
            if !matches!(state, State::Code { .. }) {
                state = State::Blank;
            }
            continue;
        }
        if let State::Code { first, last } = state {
            if indent >= 4 {
                state = State::Code { first, last: i - 1 };
                continue;
            }
            out.code.push((first, last));
            state = State::Blank;
        }
        if let Some(current) = list {
            let item = item_after(current, state, indent, rest);
            list = Some(List { after_blank: false, item });
            if let (Some(content), Some((ch, width, info))) = (item, opening_fence(rest))
                && (content..=content + 3).contains(&indent)
            {
                if info.contains(['\\', '&']) {
                    return None;
                }
                let (fence, last) = read_fence(&lines, i - 1, content, indent, ch, width, info)?;
                if fence.unterminated {
                    // Where a list item's fence ends without a closing fence is not modelled.
                    return None;
                }
                out.code.push((i - 1, last));
                out.fences.push(fence);
                list = Some(List { after_blank: true, item });
                state = State::Blank;
                i = last + 1;
                continue;
            }
            match list_line(rest, indent, current.after_blank, item)? {
                ListLine::Text => {
                    state = State::ListText;
                    continue;
                }
                ListLine::Ends => list = None,
            }
        }
        if indent >= 4 {
            state = match state {
                State::Para { link: true, .. } => return None,
                State::Para { .. } => continue,
                _ => State::Code { first: i - 1, last: i - 1 },
            };
            continue;
        }
        if let Some((ch, width, info)) = opening_fence(rest) {
            if info.contains(['\\', '&']) {
                return None;
            }
            let (fence, last) = read_fence(&lines, i - 1, 0, indent, ch, width, info)?;
            out.code.push((i - 1, last));
            out.fences.push(fence);
            state = State::Blank;
            i = last + 1;
            continue;
        }
        if let Some(text) = atx_heading(rest) {
            out.headings.push(Heading { lines: (i - 1, i - 1), text: heading_text(text) });
            state = State::Blank;
            continue;
        }
        if let State::Para { first, link } = state
            && is_underline(rest)
        {
            if link {
                return None;
            }
            let from = lines.start(first) + leading_spaces(lines.get(first).as_bytes());
            let to = lines.start(i - 2) + lines.get(i - 2).trim_end_matches(' ').len();
            out.headings.push(Heading { lines: (first, i - 1), text: heading_text(doc.get(from..to)?) });
            state = State::Blank;
            continue;
        }
        if is_rule(rest) {
            state = State::Blank;
            continue;
        }
        if rest.starts_with("<!--") {
            // An HTML comment block runs to the line holding `-->`; nothing in it counts.
            i = (i - 1..lines.count).find(|&j| lines.get(j).contains("-->"))? + 1;
            state = State::Blank;
            continue;
        }
        if rest.starts_with(['>', '<']) {
            return None;
        }
        if let Some((content, gap)) = list_item(rest) {
            if !item_is_text(content, gap) {
                return None;
            }
            let item = (indent == 0 && starts_item(state, false, rest)).then(|| rest.len() - content.len());
            list = Some(List { after_blank: false, item });
            state = State::ListText;
            continue;
        }
        if !matches!(state, State::Para { .. }) {
            state = State::Para { first: i - 1, link: rest.starts_with('[') };
        }
    }
    if let State::Code { first, last } = state {
        out.code.push((first, last));
    }
    Some(out)
}

/// The top-level item a non-blank list line leaves open (see [`List::item`]): a new one for an
/// item marker at column 0 that starts an item there (any marker does while an item is open: it
/// is a sibling, or starts another list), the same one for a line indented at least its content
/// indentation that is no nested item, none otherwise.
fn item_after(list: List, state: State, indent: usize, rest: &str) -> Option<usize> {
    match list_item(rest) {
        Some((content, gap)) if indent == 0 && (1..=4).contains(&gap) && (list.item.is_some() || starts_item(state, list.after_blank, rest)) => {
            Some(rest.len() - content.len())
        }
        Some(_) => None,
        None => list.item.filter(|&content| indent >= content),
    }
}

/// Whether an item marker line starts a list item: below paragraph text, an ordered item must
/// start at 1 (`2. x` continues the paragraph).
fn starts_item(state: State, after_blank: bool, rest: &str) -> bool {
    let below_text = !after_blank && matches!(state, State::Para { .. } | State::ListText);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    !below_text || digits == 0 || rest[..digits].trim_start_matches('0') == "1"
}

/// The fence opened on line `open` (indented `indent`, `width` characters `ch`) inside a list
/// item whose content is indented `container` (0 at the top level), and the last line of its
/// block: the closing fence, or the document's last line. None when a line less indented than
/// the item ends it, which is not modelled.
fn read_fence<'a>(lines: &Lines<'a>, open: usize, container: usize, indent: usize, ch: u8, width: usize, info: &'a str) -> Option<(Fence<'a>, usize)> {
    let doc = lines.doc;
    let bytes = doc.as_bytes();
    let mut closing = None;
    for j in open + 1..lines.count {
        // Nearly every content line is ruled out by its first few bytes: a closing fence is
        // indented at most three spaces past the container's indentation. (The window may run
        // into the next line; the count of spaces stops at the line break.)
        let start = lines.start(j);
        let head = &bytes[start..(start + container + 4).min(bytes.len())];
        let lead = head.iter().take_while(|&&b| b == b' ').count();
        let first = head.get(lead).copied();
        if lead < container && first.is_some_and(|b| b != b'\n') {
            // A line less indented than the item's content ends the item.
            return None;
        }
        if lead >= container && first == Some(ch) && is_closing(&bytes[start + lead..lines.end(j)], ch, width) {
            closing = Some(j);
            break;
        }
    }
    let content = open + 1..closing.unwrap_or(lines.count);
    // A last line without a line break that is blank and indented less than four spaces is no
    // line: pulldown reports nothing for it.
    let dropped = closing.is_none() && !content.is_empty() && lines.end(lines.count - 1) == doc.len() && {
        let last = lines.get(lines.count - 1);
        leading_spaces(last.as_bytes()) == last.len() && last.len() < 4
    };
    let content = content.start..content.end - usize::from(dropped);
    let mut text = String::new();
    let mut map = Vec::with_capacity(content.len());
    let mut ends = Vec::with_capacity(content.len());
    if !content.is_empty() {
        let (from, to) = (lines.start(content.start), lines.end(content.end - 1));
        text.reserve(to - from + 1);
        if indent == 0 {
            // Nothing to remove: the content is one slice of the host.
            text.push_str(&doc[from..to]);
            text.push('\n');
            for j in content {
                map.push((to_u32(j), 0));
                ends.push(to_u32(lines.end(j) + 1 - from));
            }
        } else {
            // Up to the container's and the fence's indentation is removed from each line.
            for j in content {
                let line = lines.get(j);
                let strip = leading_spaces(line.as_bytes()).min(indent);
                text.push_str(&line[strip..]);
                text.push('\n');
                map.push((to_u32(j), to_u32(strip)));
                ends.push(to_u32(text.len()));
            }
        }
    }
    let last = closing.unwrap_or(lines.count - 1);
    Some((Fence { info: Cow::Borrowed(info), line: open, text, lines: map, ends, unterminated: closing.is_none() }, last))
}

/// How a non-blank line inside a list reads.
enum ListLine {
    /// Text of a list item (or a lazy continuation of it, or a paragraph after it): the same
    /// paragraph text whatever the items' indentation.
    Text,
    /// A line that closes every list: read it as a top-level line.
    Ends,
}

/// A non-blank line inside a list, or None when its meaning depends on the list items'
/// indentation, which this scanner does not track. `item` is the open top-level item's content
/// indentation, when known (see [`List::item`]).
fn list_line(rest: &str, indent: usize, after_blank: bool, item: Option<usize>) -> Option<ListLine> {
    // A line indented four or more below a blank line (past the item's content, when known) may
    // be code or item content (or a nested item): unknown without the items' indentation.
    let relative = match item {
        Some(content) if indent >= content => indent - content,
        _ => indent,
    };
    if relative >= 4 && after_blank {
        return None;
    }
    if let Some((content, gap)) = list_item(rest) {
        return item_is_text(content, gap).then_some(ListLine::Text);
    }
    if indent == 0 {
        // Below a blank line, or a line that cannot continue the item's paragraph lazily: the
        // list is over.
        if after_blank || opening_fence(rest).is_some() || atx_heading(rest).is_some() || (is_rule(rest) && !is_underline(rest)) {
            return Some(ListLine::Ends);
        }
        return is_text(rest).then_some(ListLine::Text);
    }
    // Directly below text or below a blank line within three spaces, plain text is paragraph text
    // whatever the items' indentation.
    is_text(rest).then_some(ListLine::Text)
}

/// Whether a list item's first line holds only paragraph text: an empty item, or content after 5
/// or more spaces (indented code), or content that opens a block, is not modelled.
fn item_is_text(content: &str, gap: usize) -> bool {
    (1..=4).contains(&gap) && is_text(content)
}

/// Whether a line (without its indentation) is paragraph text: it opens no block.
fn is_text(rest: &str) -> bool {
    !(rest.is_empty()
        || rest.starts_with(['>', '<'])
        || opening_fence(rest).is_some()
        || atx_heading(rest).is_some()
        || is_underline(rest)
        || is_rule(rest)
        || list_item(rest).is_some())
}

/// Length of the run of `ch` at the start of `s`.
fn run(s: &str, ch: u8) -> usize {
    s.bytes().take_while(|&b| b == ch).count()
}

/// An opening code fence: its character, width and info string (the rest of the line).
fn opening_fence(rest: &str) -> Option<(u8, usize, &str)> {
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let width = run(rest, ch);
    let info = &rest[width..];
    (width >= 3 && !(ch == b'`' && info.contains('`'))).then_some((ch, width, info))
}

/// Whether a line (without its indentation, at most three spaces) closes a fence of `width`
/// characters `ch`.
fn is_closing(rest: &[u8], ch: u8, width: usize) -> bool {
    let n = rest.iter().take_while(|&&b| b == ch).count();
    n >= width && rest[n..].iter().all(|&b| b == b' ')
}

/// The content of an ATX heading (`## Title ##` gives `Title`).
fn atx_heading(rest: &str) -> Option<&str> {
    let level = run(rest, b'#');
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let content = after.trim_matches(' ');
    let hashes = content.trim_end_matches('#');
    Some(if hashes.is_empty() {
        ""
    } else if hashes.len() < content.len() && hashes.ends_with(' ') {
        hashes.trim_end_matches(' ')
    } else {
        content
    })
}

/// The host text pulldown's events for a heading's content span: all of it, except a leading
/// backslash escape, which pulldown leaves out.
fn heading_text(content: &str) -> &str {
    let mut chars = content.chars();
    match (chars.next(), chars.next()) {
        (Some('\\'), Some(c)) if c.is_ascii_punctuation() => &content[1..],
        _ => content,
    }
}

/// A setext heading underline: `=` or `-` only, then spaces.
fn is_underline(rest: &str) -> bool {
    let Some(&ch) = rest.as_bytes().first() else { return false };
    (ch == b'=' || ch == b'-') && rest[run(rest, ch)..].bytes().all(|b| b == b' ')
}

/// A thematic break: three or more `-`, `*` or `_` (the same), spaces allowed between.
fn is_rule(rest: &str) -> bool {
    let Some(&ch) = rest.as_bytes().first() else { return false };
    if !matches!(ch, b'-' | b'*' | b'_') {
        return false;
    }
    rest.bytes().all(|b| b == ch || b == b' ') && rest.bytes().filter(|&b| b == ch).count() >= 3
}

/// A list item marker (`-`, `*`, `+`, `1.`, `1)`): the content after it and the number of spaces
/// between (0 when the item is empty).
fn list_item(rest: &str) -> Option<(&str, usize)> {
    let bytes = rest.as_bytes();
    let marker = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    let after = &rest[marker..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let content = after.trim_start_matches(' ');
    let gap = if content.is_empty() { 0 } else { after.len() - content.len() };
    Some((content, gap))
}
