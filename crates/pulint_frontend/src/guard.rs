//! A cheap scan that bounds how deeply a file can make a parser recurse, run before parsing.
//!
//! oxc's parser recurses once per nesting level with no limit of its own, so 100,000 nested
//! brackets or `!!!!…` overflow any thread's stack and abort the process (ruff grows its stack
//! on the heap instead, but a deep enough file still costs gigabytes). This scan over-estimates
//! the nesting a file can produce: for every open bracket, one level plus the operators that
//! nest to their right (`?`, `=`, `=>`, unary operators, `not`, `lambda`, `typeof`, ...) seen at
//! that bracket level since the last `,` or `;` (or, between lines, a line break that neither
//! ends nor starts with an operator). String literals and comments are skipped, except the
//! `${…}` substitutions of JavaScript template literals, which are code. A file above
//! [`MAX_NESTING`] is not parsed; it becomes a budget note.
//!
//! A TypeScript file is also refused when oxc would read it in exponential time
//! ([`speculation`]): a `<` after an expression is tried as type arguments and, when that fails,
//! read again as a comparison, so unclosed `<`s in nested brackets multiply.

use memchr::memmem;
use pulint_model::FileKind;

/// Nesting (as estimated by [`nesting`]) above which a file is not parsed.
pub const MAX_NESTING: usize = 2_000;

/// A lookup table of a test over all bytes: one load per byte in the scans' inner loops, where
/// chains of comparisons cost most of the guard's time.
macro_rules! byte_table {
    (|$c:ident| $test:expr) => {{
        let mut table = [false; 256];
        let mut i = 0;
        while i < 256 {
            let $c = i as u8;
            table[i] = $test;
            i += 1;
        }
        table
    }};
}

/// Bytes that [`u8::is_ascii_whitespace`] accepts: the scans skip runs of them at once.
const BLANK: [bool; 256] = byte_table!(|c| c.is_ascii_whitespace());
/// Bytes that start a name in [`nesting`] (`$` does not: there it is an ordinary byte).
const NAME_START: [bool; 256] = byte_table!(|c| c.is_ascii_alphabetic() || c == b'_');
/// Bytes that continue a name; all but the digits also start one in [`speculation`].
const NAME: [bool; 256] = byte_table!(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'$');
/// Bytes of a word as a line break's continuation test reads it (no `$`).
const WORD: [bool; 256] = byte_table!(|c| c.is_ascii_alphanumeric() || c == b'_');

/// The index of the first byte from `i` on that is not in `table` (or the end).
fn skip_while(b: &[u8], mut i: usize, table: &[bool; 256]) -> usize {
    while i < b.len() && table[b[i] as usize] {
        i += 1;
    }
    i
}

/// The index after the spaces from `i`, eight at a time (indentation is most of the blanks).
fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while b.get(i..i + 8) == Some(b"        ") {
        i += 8;
    }
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    i
}

/// Words that nest what follows them (`not not x`, `typeof typeof x`, `lambda: lambda: x`).
fn is_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"not" | b"lambda" | b"if" | b"else" | b"typeof" | b"void" | b"delete" | b"await" | b"new" | b"yield" | b"keyof" | b"readonly" | b"async"
    )
}

/// Operators beside a line break that make the next line continue the statement.
fn is_op(c: u8) -> bool {
    matches!(c, b'?' | b':' | b'!' | b'~' | b'-' | b'+' | b'=' | b'<' | b'>' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'.' | b'\\')
}

/// The largest nesting estimate anywhere in `text`, or a number above `limit` as soon as one is
/// seen (the scan stops early).
pub fn nesting(text: &str, python: bool, limit: usize) -> usize {
    let b = text.as_bytes();
    // Operators counted at each open bracket level; the sum plus the level count is the estimate.
    let mut levels: Vec<usize> = vec![0];
    // Levels (as `levels.len()`) that are template substitutions, innermost last.
    let mut templates: Vec<usize> = Vec::new();
    let mut sum = 0usize;
    let mut max = 0usize;
    let mut i = 0;
    let n = b.len();
    // The last significant byte before a line break, and whether a line break is pending.
    let mut last = 0u8;
    let mut pending = false;
    // The name just read, if it is the last significant token (decides what a `/` starts).
    let mut word: Option<(usize, usize)> = None;
    while i < n {
        let c = b[i];
        if BLANK[c as usize] {
            pending |= c == b'\n';
            i = skip_spaces(b, i + 1);
            continue;
        }
        let name = NAME_START[c as usize];
        if pending {
            pending = false;
            // A line break ends a statement unless an operator or a nesting word is beside it.
            let continues = is_op(last) || is_op(c) || name && is_word(&b[i..skip_while(b, i + 1, &WORD)]);
            if !continues {
                let top = levels.last_mut().expect("levels is never empty");
                sum -= *top;
                *top = 0;
            }
        }
        let prev = last;
        let prev_word = word.take();
        last = c;
        if name {
            let start = i;
            i = skip_while(b, i + 1, &NAME);
            if is_word(&b[start..i]) {
                *levels.last_mut().expect("levels is never empty") += 1;
                sum += 1;
            }
            word = Some((start, i));
            let estimate = levels.len() - 1 + sum;
            max = max.max(estimate);
            continue;
        }
        match c {
            b'`' if !python => {
                let (next, substitution) = template_part(b, i + 1);
                i = next;
                if substitution {
                    levels.push(0);
                    templates.push(levels.len());
                }
                continue;
            }
            // `\x` in a name: oxc reads the next character as part of the name (`a\)` is a name),
            // so a bracket after a backslash neither opens nor closes.
            b'\\' if !python => {
                i += 2;
                continue;
            }
            b'"' | b'\'' | b'`' => {
                let triple = python && i + 2 < n && b[i + 1] == c && b[i + 2] == c;
                i = skip_string(b, i, c, triple);
                continue;
            }
            b'#' if python => {
                i = skip_line(b, i, true);
                continue;
            }
            b'/' if !python && i + 1 < n && b[i + 1] == b'/' => {
                i = skip_line(b, i, false);
                continue;
            }
            b'/' if !python && i + 1 < n && b[i + 1] == b'*' => {
                i = skip_block_comment(b, i);
                continue;
            }
            b'/' if !python && regex_may_start(prev, prev_word.map(|(s, e)| &b[s..e])) => {
                i = skip_regex(b, i);
                last = b'x';
                continue;
            }
            b'(' | b'[' | b'{' => {
                levels.push(0);
            }
            b')' | b']' | b'}' => {
                if levels.len() > 1 {
                    let closes_template = c == b'}' && templates.last() == Some(&levels.len());
                    sum -= levels.pop().unwrap_or(0);
                    if closes_template {
                        templates.pop();
                        let (next, substitution) = template_part(b, i + 1);
                        i = next;
                        if substitution {
                            levels.push(0);
                            templates.push(levels.len());
                        }
                        continue;
                    }
                }
            }
            b',' | b';' => {
                let top = levels.last_mut().expect("levels is never empty");
                sum -= *top;
                *top = 0;
            }
            b'?' | b'=' | b'!' | b'~' | b'-' | b'+' | b'<' | b'@' | b'*' => {
                *levels.last_mut().expect("levels is never empty") += 1;
                sum += 1;
            }
            _ => {}
        }
        let estimate = levels.len() - 1 + sum;
        if estimate > max {
            max = estimate;
            if max > limit {
                return max;
            }
        }
        i += 1;
    }
    max
}

/// Whether [`nesting`] can exceed `limit` at all, by a bound counted far faster than the scan
/// (in a loop the compiler vectorizes; most files stay well under it). Every unit of the estimate
/// is paid for by a byte or a word of its own: an open bracket, the `$` of a template
/// substitution, an operator that nests (`?=!~-+<@*`), or a nesting word, which is a name. The
/// bound counts those bytes and every first letter of a nesting word (`a d e i k l n r t v y`)
/// that follows no letter or `_`, anywhere in the text: a name the scan reads starts there,
/// except after a `\x` escape, the scan's only way to skip a letter without reading a name, so
/// backslashes are counted too.
fn may_nest(text: &str, limit: usize) -> bool {
    let b = text.as_bytes();
    if b.len() <= limit {
        return false;
    }
    // Written as plain comparisons and additions over fixed blocks, which vectorize.
    let pays = |c: u8| {
        (c == b'(') | (c == b'[') | (c == b'{') | (c == b'$') | (c == b'?') | (c == b'=') | (c == b'!') | (c == b'~')
            | (c == b'-') | (c == b'+') | (c == b'<') | (c == b'@') | (c == b'*') | (c == b'\\')
    };
    let letter = |c: u8| ((c | 0x20).wrapping_sub(b'a') < 26) | (c == b'_');
    // The first letters of the words [`is_word`] knows (all lower case).
    let starts_word = |c: u8| {
        (c == b'a') | (c == b'd') | (c == b'e') | (c == b'i') | (c == b'k') | (c == b'l') | (c == b'n') | (c == b'r') | (c == b't') | (c == b'v') | (c == b'y')
    };
    let mut bound = usize::from(pays(b[0]) | starts_word(b[0]));
    // Blocks that a u8 counts and vector steps divide, stopping early in a file that nests deeply.
    const BLOCK: usize = 224;
    for (i, block) in b[1..].chunks(BLOCK).enumerate() {
        let before = &b[i * BLOCK..i * BLOCK + block.len()];
        let mut n = 0u8;
        for (&p, &c) in before.iter().zip(block) {
            n += u8::from(pays(c) | (starts_word(c) & !letter(p)));
        }
        bound += usize::from(n);
        if bound > limit {
            return true;
        }
    }
    bound > limit
}

/// Ways of reading its `<`s (as estimated by [`speculation`]) above which a TypeScript file is not
/// parsed. Real programs stay in single digits (at most 3 over the corpus's 2,500 TypeScript blocks);
/// 84 bytes of `a<b<[{[` repeated make 3^12 and took oxc seconds.
pub const MAX_SPECULATION: u64 = 4_096;

/// Tokens oxc may read again for failed type-argument attempts (as estimated by [`speculation`])
/// above which a TypeScript file is not parsed. Found by cargo-fuzz: valid code such as
/// `x = a<a<a<…<b;` (1,000 `<` on a line) makes every `<` an attempt that reads to the `;` and
/// fails, so the work and oxc's arena grow with the square of the line: 2 KB took 0.5-1 s and
/// 96 MB, 16 such lines 10 s and 1 GB. Real programs stay far below (see the guard's tests).
pub const MAX_REREADS: u64 = 200_000;

/// Why a code file of `kind` must not be parsed (the message of its budget note), or None.
pub fn refuse(text: &str, kind: FileKind) -> Option<String> {
    let python = kind == FileKind::Python;
    if may_nest(text, MAX_NESTING) && nesting(text, python, MAX_NESTING) > MAX_NESTING {
        return Some(format!("code is nested more than {MAX_NESTING} levels deep; not analysed"));
    }
    if kind == FileKind::TypeScript && may_speculate(text) && speculation(text, MAX_SPECULATION, MAX_REREADS).exceeds(MAX_SPECULATION, MAX_REREADS) {
        return Some("code nests too many unclosed `<` for the TypeScript parser to read in bounded time; not analysed".to_string());
    }
    None
}

/// Whether [`speculation`] can exceed its limits at all: its product has a factor `1 + u` per
/// level with `u` unclosed `<`s there, at most `2^u`, so it stays at or under `2^(number of <)`;
/// with at most 12 `<`s, no token is read again more than 12 times. Counting the `<`s is far
/// cheaper than the scan, and most files have few.
fn may_speculate(text: &str) -> bool {
    let bound_bits = MAX_SPECULATION.ilog2() as usize;
    memchr::memchr_iter(b'<', text.as_bytes()).nth(bound_bits).is_some()
}

/// An over-estimate of how many ways oxc may try to read the `<`s of a TypeScript file: the
/// largest product, over the open brackets around a point, of one plus the `<`s not yet closed by
/// `>` at each bracket level (since the last `;` there). A `<` after an expression is first parsed
/// as the start of type arguments and, when that fails, as a comparison; what follows it is
/// parsed once per attempt, so every unclosed `<` multiplies the reads of the brackets nested
/// after it. `<<`, `<=`, `=>`, `>=`, strings and comments do not count; template substitutions
/// do.
///
/// Also how many tokens are read again by attempts that fail without nesting: an attempt at a
/// `<` reads on while the tokens can be part of a type and fails at the first that cannot (`;`,
/// `=`, `+`, `*`, `%`, `!`, `^`, `~`, `&&`, `||`) unless a `>` or its bracket closes it first, so
/// each token counts once per attempt still open at its bracket level and the ones outside.
/// Returns as soon as either estimate passes its limit.
pub fn speculation(text: &str, limit: u64, rereads_limit: u64) -> Speculation {
    speculation_in(text, limit, rereads_limit, true)
}

/// Whether a TypeScript file that did not parse may be read again as TSX (JSX in TypeScript).
/// oxc's TSX mode has costs of its own: fuzzed text of unclosed `<`, `{` and `[` with a quote
/// among them took seconds and 255 MB for 1.8 KB. So the retry is only for text that shows JSX
/// closing syntax (`</`, `/>`) and stays within the `<` limits when quotes, `//` and `/` are read
/// as JSX text reads them (as text) rather than as strings, comments and regular expressions.
pub fn tsx_retry_allowed(text: &str) -> bool {
    let jsx = memmem::find(text.as_bytes(), b"</").is_some() || memmem::find(text.as_bytes(), b"/>").is_some();
    jsx && !speculation_in(text, MAX_SPECULATION, MAX_REREADS, false).exceeds(MAX_SPECULATION, MAX_REREADS)
}

/// [`speculation`], skipping strings, comments and regular expressions as TypeScript has them,
/// or (`skips` false, for JSX, whose text holds none of them) reading every byte as code.
fn speculation_in(text: &str, limit: u64, rereads_limit: u64, skips: bool) -> Speculation {
    let b = text.as_bytes();
    let n = b.len();
    let mut levels = SpeculationLevels { levels: vec![Level { unclosed: 0, product: 1, open: 0 }], open: 0 };
    // Levels (as `levels.levels.len()`) that are template substitutions, innermost last.
    let mut templates: Vec<usize> = Vec::new();
    let mut max = 1u64;
    let mut rereads = 0u64;
    let mut i = 0;
    // The last significant byte and, when it ended a name, the name (decide what a `/` starts).
    let mut last = 0u8;
    let mut word: Option<(usize, usize)> = None;
    while i < n {
        let c = b[i];
        if BLANK[c as usize] {
            i = skip_spaces(b, i + 1);
            continue;
        }
        rereads = rereads.saturating_add(levels.open);
        if rereads > rereads_limit {
            return Speculation { ways: max, rereads };
        }
        let prev = last;
        let prev_word = word.take();
        last = c;
        if NAME[c as usize] && !c.is_ascii_digit() {
            let start = i;
            i = skip_while(b, i + 1, &NAME);
            word = Some((start, i));
            continue;
        }
        match c {
            b'"' | b'\'' if skips => {
                i = skip_string(b, i, c, false);
                continue;
            }
            b'\\' => {
                i += 2;
                continue;
            }
            b'`' if skips => {
                i = levels.template_part(b, i + 1, &mut templates);
                continue;
            }
            b'/' if skips && i + 1 < n && b[i + 1] == b'/' => {
                i = skip_line(b, i, false);
                continue;
            }
            b'/' if skips && i + 1 < n && b[i + 1] == b'*' => {
                i = skip_block_comment(b, i);
                continue;
            }
            b'/' if skips && regex_may_start(prev, prev_word.map(|(s, e)| &b[s..e])) => {
                i = skip_regex(b, i);
                last = b'x';
                continue;
            }
            b'(' | b'[' | b'{' => levels.push(),
            b')' | b']' | b'}' => {
                if levels.levels.len() > 1 {
                    let closes_template = c == b'}' && templates.last() == Some(&levels.levels.len());
                    levels.pop();
                    if closes_template {
                        templates.pop();
                        i = levels.template_part(b, i + 1, &mut templates);
                        continue;
                    }
                }
            }
            b';' => {
                levels.set_unclosed(|_| 0);
                levels.fail_attempts();
            }
            // Tokens no type can hold end the attempts open at this level (`=>` and `==` are
            // left to the `>` and `=` cases).
            b'=' if b.get(i + 1) != Some(&b'>') => levels.fail_attempts(),
            b'+' | b'*' | b'%' | b'!' | b'^' | b'~' => levels.fail_attempts(),
            b'&' | b'|' if b.get(i + 1) == Some(&c) => levels.fail_attempts(),
            b'<' => {
                if i + 1 < n && (b[i + 1] == b'<' || b[i + 1] == b'=') {
                    i += 2;
                    continue;
                }
                max = max.max(levels.set_unclosed(|u| u + 1));
                levels.attempt();
                if max > limit {
                    return Speculation { ways: max, rereads };
                }
            }
            b'>' => {
                if i + 1 < n && b[i + 1] == b'=' || i > 0 && b[i - 1] == b'=' {
                    i += 2;
                    continue;
                }
                levels.set_unclosed(|u| u.saturating_sub(1));
                levels.close_attempt();
            }
            _ => {}
        }
        i += 1;
    }
    Speculation { ways: max, rereads }
}

/// What [`speculation`] estimates of a TypeScript file.
#[derive(Clone, Copy, Debug)]
pub struct Speculation {
    /// The most ways the `<`s around one point may be read (grows exponentially with nesting).
    pub ways: u64,
    /// Tokens read again by failing attempts (grows with the square of a chain of `<`).
    pub rereads: u64,
}

impl Speculation {
    pub fn exceeds(self, ways: u64, rereads: u64) -> bool {
        self.ways > ways || self.rereads > rereads
    }
}

/// [`speculation`]'s stack of bracket levels, never empty, and the number of type-argument
/// attempts open over all of them.
struct SpeculationLevels {
    levels: Vec<Level>,
    open: u64,
}

/// One bracket level of [`SpeculationLevels`].
struct Level {
    /// The `<`s not yet closed here (since the last `;` here).
    unclosed: u64,
    /// One plus `unclosed`, times the same of every outer level.
    product: u64,
    /// The attempts started here that no token has ended yet.
    open: u64,
}

impl SpeculationLevels {
    fn push(&mut self) {
        let outer = self.levels.last().map_or(1, |l| l.product);
        self.levels.push(Level { unclosed: 0, product: outer, open: 0 });
    }

    /// Closes the innermost level: its attempts end with it.
    fn pop(&mut self) {
        if let Some(level) = self.levels.pop() {
            self.open -= level.open;
        }
    }

    fn top(&mut self) -> &mut Level {
        let top = self.levels.len() - 1;
        &mut self.levels[top]
    }

    /// Changes the innermost level's unclosed count and returns its new product.
    fn set_unclosed(&mut self, f: impl FnOnce(u64) -> u64) -> u64 {
        let top = self.levels.len() - 1;
        let outer = if top == 0 { 1 } else { self.levels[top - 1].product };
        let level = &mut self.levels[top];
        level.unclosed = f(level.unclosed);
        level.product = outer.saturating_mul(level.unclosed.saturating_add(1));
        level.product
    }

    /// A `<` starts an attempt at the innermost level.
    fn attempt(&mut self) {
        self.top().open += 1;
        self.open += 1;
    }

    /// A `>` ends the innermost level's latest attempt.
    fn close_attempt(&mut self) {
        let level = self.top();
        if level.open > 0 {
            level.open -= 1;
            self.open -= 1;
        }
    }

    /// A token no type can hold ends every attempt open at the innermost level.
    fn fail_attempts(&mut self) {
        let ended = std::mem::take(&mut self.top().open);
        self.open -= ended;
    }

    /// Skips template text from `i`; a `${` that ends it opens a level for the substitution.
    fn template_part(&mut self, b: &[u8], i: usize, templates: &mut Vec<usize>) -> usize {
        let (next, substitution) = template_part(b, i);
        if substitution {
            self.push();
            templates.push(self.levels.len());
        }
        next
    }
}

/// Words after which a `/` starts a regular expression rather than a division.
const REGEX_AFTER: &[&str] = &["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"];

/// Whether a `/` (not a comment) after the significant byte `prev` (0 at the start), or after the
/// name `word` when a name came last, starts a regular expression, as JavaScript tokenizers guess
/// it: after a value (a name other than [`REGEX_AFTER`], a number, a closing bracket, a string) it
/// divides. Reading `(/)/` as a division would let the regex's `)` close the `(`.
fn regex_may_start(prev: u8, word: Option<&[u8]>) -> bool {
    match word {
        Some(w) => REGEX_AFTER.iter().any(|k| k.as_bytes() == w),
        None => !(prev.is_ascii_alphanumeric() || matches!(prev, b')' | b']' | b'}' | b'"' | b'\'' | b'`' | b'_' | b'$')),
    }
}

/// The index after a regular expression literal starting at `i` (its flags are read as a name
/// next), or the end of its line when it is not closed.
fn skip_regex(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    let mut class = false;
    while j < b.len() {
        match b[j] {
            b'\\' if !matches!(b.get(j + 1), Some(b'\n' | b'\r')) && !is_js_line_separator(b, j + 1) => j += 2,
            b'\n' | b'\r' => return j,
            _ if is_js_line_separator(b, j) => return j,
            b'[' => {
                class = true;
                j += 1;
            }
            b']' => {
                class = false;
                j += 1;
            }
            b'/' if !class => return j + 1,
            _ => j += 1,
        }
    }
    b.len()
}

/// From inside a template literal at `i`: the index after its closing backtick (false), or after
/// the `${` that opens a substitution (true).
fn template_part(b: &[u8], mut i: usize) -> (usize, bool) {
    while i < b.len() {
        let Some(p) = memchr::memchr3(b'\\', b'`', b'$', &b[i..]) else { break };
        i += p;
        match b[i] {
            b'\\' => i += 2,
            b'`' => return (i + 1, false),
            _ if b.get(i + 1) == Some(&b'{') => return (i + 2, true),
            _ => i += 1,
        }
    }
    (b.len(), false)
}

/// The index after a string literal starting at `i` (unterminated: the line break, `\n` or `\r`,
/// that ends it, or the end of the file for triple-quoted and template strings).
fn skip_string(b: &[u8], i: usize, quote: u8, triple: bool) -> usize {
    let n = b.len();
    let mut j = if triple { i + 3 } else { i + 1 };
    let ends_at_line = !triple && quote != b'`';
    while j < n {
        // The next byte that matters: the quote, an escape, or (when it ends the string) a line break.
        let found = if ends_at_line { memchr::memchr3(quote, b'\\', b'\n', &b[j..]) } else { memchr::memchr2(quote, b'\\', &b[j..]) };
        let p = found.unwrap_or(n - j);
        // A carriage return ends a one-line string too (rarer than the others: looked for after).
        if ends_at_line && let Some(r) = memchr::memchr(b'\r', &b[j..j + p]) {
            return j + r;
        }
        if found.is_none() {
            break;
        }
        j += p;
        match b[j] {
            // An escaped `\r\n` continues the string as one line break.
            b'\\' if b.get(j + 1..j + 3) == Some(b"\r\n") => j += 3,
            b'\\' => j += 2,
            b'\n' => return j,
            _ => {
                if !triple {
                    return j + 1;
                }
                if j + 2 < n && b[j + 1] == quote && b[j + 2] == quote {
                    return j + 3;
                }
                j += 1;
            }
        }
    }
    n
}

/// The index of the line break that ends a comment starting at `i` (or the end): `\n` or `\r` in
/// both languages, and in JavaScript also U+2028 and U+2029 (bytes E2 80 A8/A9). A comment the
/// scan reads longer than the parser does would hide code from it.
fn skip_line(b: &[u8], i: usize, python: bool) -> usize {
    let mut j = i;
    while let Some(p) = memchr::memchr3(b'\n', b'\r', 0xE2, &b[j..]) {
        j += p;
        if b[j] != 0xE2 || !python && is_js_line_separator(b, j) {
            return j;
        }
        j += 1;
    }
    b.len()
}

/// Whether U+2028 or U+2029, which JavaScript reads as line breaks, starts at `i`.
fn is_js_line_separator(b: &[u8], i: usize) -> bool {
    matches!(b.get(i..i + 3), Some([0xE2, 0x80, 0xA8 | 0xA9]))
}

/// The index after a `/* … */` comment starting at `i` (unclosed: the end).
fn skip_block_comment(b: &[u8], i: usize) -> usize {
    memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |p| i + 2 + p + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ways(text: &str) -> u64 {
        speculation(text, MAX_SPECULATION, u64::MAX).ways
    }

    fn rereads(text: &str) -> u64 {
        speculation(text, u64::MAX, u64::MAX).rereads
    }

    #[test]
    fn tsx_retry_needs_jsx_and_bounded_reading() {
        assert!(tsx_retry_allowed("const e = <div>{x}</div>;"));
        assert!(tsx_retry_allowed("const e = <Foo bar=\"a<b\" />;"));
        // No JSX closing syntax: a TypeScript file with errors is not JSX.
        assert!(!tsx_retry_allowed("const e = a < b; const f = <T>(x: T) => x"));
        // Found by cargo-fuzz (typescript_loader, a slow unit; minimised from 1.8 KB that took
        // seconds and 255 MB as TSX): the quote hides the rest from the string-aware estimate, but
        // JSX text holds no strings.
        let fuzzed = "t<d<{[b<d<d<d<{[<>'{b<t<d<d<d<e<{[s.i<t.d<\\d<\\e[[[[[[[[[[{[g().b<t.\\d<\\d<\\e<\\d<\\d<t.i<\\n[[[[[[Z[[[[[[[[[[[[[[{[[[[[[d<\\d<\\d<t.\\d<\\d<\\e<d<\\d<\\</a>";
        assert!(!speculation(fuzzed, MAX_SPECULATION, MAX_REREADS).exceeds(MAX_SPECULATION, MAX_REREADS));
        assert!(!tsx_retry_allowed(fuzzed));
    }

    #[test]
    fn long_chains_of_failing_attempts_are_seen() {
        // Found by cargo-fuzz (typescript_loader, slow units of 5 s): every `<` of `a<a<…<b;` is
        // tried as type arguments that read to the `;` and fail, so 1,000 of them on a line cost
        // oxc about a million token reads and 96 MB.
        let chain = |n: usize| format!("x = {}b;\n", "a<".repeat(n));
        assert!(rereads(&chain(1000)) > MAX_REREADS);
        assert!(refuse(&chain(1000), FileKind::TypeScript).is_some());
        assert!(refuse(&chain(1000), FileKind::JavaScript).is_none());
        // Many short chains add up; a few are ordinary.
        assert!(refuse(&chain(100).repeat(100), FileKind::TypeScript).is_some());
        assert!(refuse(&chain(20).repeat(20), FileKind::TypeScript).is_none());
        // A token no type holds ends the attempts, so comparisons joined by `&&` stay linear.
        let joined = format!("const ok = {}true;\n", "a < b && ".repeat(2000));
        assert!(rereads(&joined) < 10_000, "{}", rereads(&joined));
        // Brackets close the attempts opened inside them.
        let calls = "f(a < b, c < d);\n".repeat(2000);
        assert!(rereads(&calls) < 20_000, "{}", rereads(&calls));
    }

    #[test]
    fn ordinary_code_is_shallow() {
        let py = "import pulumi\nx = {\"a\": [1, 2, (3 + 4)]}\nif not x:\n    y = -1 if x else 2\n# ((((\ns = '(((('\n";
        assert!(nesting(py, true, MAX_NESTING) < 10);
        let ts = "const x = a ? b : c;\nconst f = (y) => y + 1; // ((((\nconst s = `((((`;\n/* [[[[ */";
        assert!(nesting(ts, false, MAX_NESTING) < 10);
    }

    #[test]
    fn deep_nesting_is_seen() {
        let deep = |open: &str, close: &str| format!("x = {}1{}", open.repeat(5000), close.repeat(5000));
        assert!(nesting(&deep("(", ")"), true, MAX_NESTING) > MAX_NESTING);
        assert!(nesting(&deep("[", "]"), false, MAX_NESTING) > MAX_NESTING);
        assert!(nesting(&format!("x = {}1", "!".repeat(5000)), false, MAX_NESTING) > MAX_NESTING);
        assert!(nesting(&format!("x = {}1", "not ".repeat(5000)), true, MAX_NESTING) > MAX_NESTING);
        assert!(nesting(&format!("x = {}c", "a ?\n b :\n ".repeat(5000)), false, MAX_NESTING) > MAX_NESTING);
        assert!(nesting(&format!("x = {}1", "() => ".repeat(5000)), false, MAX_NESTING) > MAX_NESTING);
        // A carriage return ends a comment or a one-line string in both languages.
        let parens = deep("(", ")");
        assert!(nesting(&format!("# a\r{parens}"), true, MAX_NESTING) > MAX_NESTING);
        assert!(nesting(&format!("x = 'a\r{parens}"), true, MAX_NESTING) > MAX_NESTING);
        assert!(nesting(&format!("// a\r{parens}"), false, MAX_NESTING) > MAX_NESTING);
        // U+2028 ends a comment in JavaScript only.
        assert!(nesting(&format!("// a\u{2028}{parens}"), false, MAX_NESTING) > MAX_NESTING);
        assert!(nesting(&format!("# a\u{2028}{parens}"), true, MAX_NESTING) < 10);
    }

    #[test]
    fn template_substitutions_are_code() {
        // Found while triaging a cargo-fuzz finding: the scan skipped template literals whole, so
        // deep nesting inside `${…}` reached oxc and overflowed the stack.
        let deep = format!("const x = `a ${{{}1{}}} b`;", "(".repeat(5000), ")".repeat(5000));
        assert!(nesting(&deep, false, MAX_NESTING) > MAX_NESTING);
        let nested = format!("const x = `${{`${{{}1{}}}`}}`;", "[".repeat(5000), "]".repeat(5000));
        assert!(nesting(&nested, false, MAX_NESTING) > MAX_NESTING);
        let plain = "const s = `(((( ${a} [[[[ ${f(b, `${c}`)} {{{{`;\nconst t = `\\${((((`;";
        assert!(nesting(plain, false, MAX_NESTING) < 10, "{}", nesting(plain, false, MAX_NESTING));
    }

    #[test]
    fn escapes_and_regexes_do_not_hide_brackets() {
        // Found while triaging cargo-fuzz findings: oxc reads `\)` as part of a name and `/)/` as
        // a regular expression, so brackets the scan took for closing ones were not, and 100,000
        // levels reached the parser (a stack overflow).
        let over = |t: String| nesting(&t, false, MAX_NESTING) > MAX_NESTING;
        assert!(over(format!("const x = {};", "(a\\)".repeat(5000))));
        assert!(over(format!("const x = {};", "(/)/".repeat(5000))));
        assert!(over(format!("const x = {};", "[/]/".repeat(5000))));
        assert!(over(format!("const x = /\"/ + {}1;", "(".repeat(5000))));
        // Divisions and regular expressions in ordinary code.
        let ts = "const a = (b + c) / 2 / d[0] / (e);\nconst r = /[)(]\\//g.test(s) ? x / y : typeof /(/;\nfunction f() { return /}/; }\n";
        assert!(nesting(ts, false, MAX_NESTING) < 10, "{}", nesting(ts, false, MAX_NESTING));
        assert_eq!(ways("const r = /<\\[{<\\[{</.test(a < b ? c : d);"), 2);
        assert!(ways(&"a<b\\]<[{[".repeat(12)) > MAX_SPECULATION);
    }

    #[test]
    fn ordinary_type_arguments_are_few_speculations() {
        let ts = "import * as aws from \"@pulumi/aws\";\nconst m: Map<string, Array<Record<string, number>>> = new Map();\n\
                  for (let i = 0; i < n; i++) { if (a <= b && c < d) { x = y << 2; f = (z) => z > 1; } }\n\
                  const g = pulumi.all([a, b]).apply(([x, y]) => x < y ? [x] : [y]);\n// a<b<[{[ a<b<[{[\nconst s = \"a<b<[{[\";\n";
        // The nested `Map<…<…<…>>>` is the largest: 1 + 3 unclosed at one level.
        assert_eq!(ways(ts), 4);
        // Without semicolons, comparisons at one level add up (an over-estimate, but only linear).
        assert_eq!(ways(&"const ok = a < b\n".repeat(100)), 101);
        // Each attempt there ends within a few tokens (at the next `=`), so little is read again.
        assert!(rereads(ts) < 40, "{}", rereads(ts));
        assert!(rereads(&"const ok = a < b\n".repeat(100)) < 500);
    }

    #[test]
    fn nested_unclosed_type_arguments_are_seen() {
        // Found by cargo-fuzz (typescript_loader timed out): oxc tries each `<` as type arguments,
        // then as a comparison, so 84 bytes of `a<b<[{[` took seconds and every repetition tripled it.
        let seen = |t: &str| ways(t) > MAX_SPECULATION;
        assert!(seen(&"a<b<[{[".repeat(12)));
        assert!(seen(&"a<b<c<d<e<[{[".repeat(6)));
        assert!(seen(&format!("const x = `${{{}}}`;", "a<b<[{[".repeat(12))));
        assert!(!seen(&"a<b<[{[".repeat(6)));
        // Found by cargo-fuzz (typescript_loader, 57 s): these end a comment, a one-line string or
        // a regex for oxc, so the `<`s after them are code.
        let many = "a<b<[{[".repeat(12);
        for start in ["// a\r", "// a\u{2028}", "// a\u{2029}", "x = 'a\r", "x = \"a\r", "x = /a\r", "x = /a\u{2029}"] {
            assert!(seen(&format!("{start}{many}")), "{start:?}");
        }
        // An escaped line break continues a string, and other characters starting E2 do not end a comment.
        assert!(!seen(&format!("x = 'a\\\r\n{many}")));
        assert!(!seen(&format!("// a\u{2026}{many}")));
        assert!(refuse(&"a<b<[{[".repeat(12), FileKind::TypeScript).is_some());
        assert!(refuse(&"a<b<[{[".repeat(12), FileKind::JavaScript).is_none());
    }

    #[test]
    fn the_bound_sees_what_nests() {
        assert!(!may_nest(&"x = 1\n".repeat(1000), MAX_NESTING));
        // Nesting words, and names the scan reads after a skipped escape.
        let words = format!("x = {}1", "not ".repeat(2001));
        assert!(may_nest(&words, MAX_NESTING) && refuse(&words, FileKind::Python).is_some());
        let escaped = format!("x = {}1", "\\anot".repeat(2001));
        assert!(nesting(&escaped, false, MAX_NESTING) > MAX_NESTING && may_nest(&escaped, MAX_NESTING));
    }

    /// The bound is never below the scan's estimate, on random texts of the tokens that matter
    /// (nesting words and their look-alikes, brackets, operators, quotes, escapes, comments).
    #[test]
    fn the_bound_is_a_bound() {
        const TOKENS: [&str; 34] = [
            "not ", "new ", "if ", "else ", "typeof ", "await ", "yield ", "keyof ", "readonly ", "lambda: ", "void ", "delete ", "async ", "a", "x1",
            "_not", "1not", "$not", "(", ")", "[", "]", "{", "}", "=", "<", "?", "\\", "'", "\"", "`", "${", "//", "\n",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        for _ in 0..50_000 {
            let text: String = (0..next(80)).map(|_| TOKENS[next(TOKENS.len() as u64) as usize]).collect();
            let limit = 1 + next(20) as usize;
            for python in [true, false] {
                if nesting(&text, python, usize::MAX) > limit {
                    assert!(may_nest(&text, limit), "{text:?} limit {limit} python {python}");
                }
            }
        }
    }

    #[test]
    fn many_statements_are_not_nesting() {
        let py = "x = 1\n".repeat(100_000);
        assert!(nesting(&py, true, MAX_NESTING) < 5);
        let ts = "this.x = new A(\"a\", { b: 1 })\n".repeat(100_000);
        assert!(nesting(&ts, false, MAX_NESTING) < 10);
    }
}
