//! A cheap scan that bounds how deeply a file can make a parser recurse, run before parsing.
//!
//! oxc's parser recurses once per nesting level with no limit of its own, so 100,000 nested
//! brackets or `!!!!…` overflow any thread's stack and abort the process (ruff grows its stack
//! on the heap instead, but a deep enough file still costs gigabytes). This scan over-estimates
//! the nesting a file can produce: for every open bracket, one level plus the operators that
//! nest to their right (`?`, `=`, `=>`, unary operators, `not`, `lambda`, `typeof`, ...) seen at
//! that bracket level since the last `,` or `;` (or, between lines, a line break that neither
//! ends nor starts with an operator). String literals and comments are skipped. A file above
//! [`MAX_NESTING`] is not parsed; it becomes a budget note.

/// Nesting (as estimated by [`nesting`]) above which a file is not parsed.
pub const MAX_NESTING: usize = 2_000;

/// Words that nest what follows them (`not not x`, `typeof typeof x`, `lambda: lambda: x`).
const NESTING_WORDS: &[&str] =
    &["not", "lambda", "if", "else", "typeof", "void", "delete", "await", "new", "yield", "keyof", "readonly", "async"];

/// The largest nesting estimate anywhere in `text`, or a number above `limit` as soon as one is
/// seen (the scan stops early).
pub fn nesting(text: &str, python: bool, limit: usize) -> usize {
    let b = text.as_bytes();
    // Operators counted at each open bracket level; the sum plus the level count is the estimate.
    let mut levels: Vec<usize> = vec![0];
    let mut sum = 0usize;
    let mut max = 0usize;
    let mut i = 0;
    let n = b.len();
    let is_op = |c: u8| b"?:!~-+=<>*/%&|^.\\".contains(&c);
    // The last significant byte before a line break, and whether a line break is pending.
    let mut last = 0u8;
    let mut pending = false;
    while i < n {
        let c = b[i];
        if c == b'\n' {
            pending = true;
            i += 1;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if pending {
            pending = false;
            // A line break ends a statement unless an operator or a nesting word is beside it.
            let word_end = b[i..].iter().position(|c| !(c.is_ascii_alphanumeric() || *c == b'_')).map_or(n, |p| i + p);
            let continues = is_op(last) || is_op(c) || is_word(&b[i..word_end]);
            if !continues {
                let top = levels.last_mut().expect("levels is never empty");
                sum -= *top;
                *top = 0;
            }
        }
        last = c;
        match c {
            b'"' | b'\'' | b'`' => {
                let triple = python && i + 2 < n && b[i + 1] == c && b[i + 2] == c;
                i = skip_string(b, i, c, triple);
                continue;
            }
            b'#' if python => {
                i = skip_line(b, i);
                continue;
            }
            b'/' if !python && i + 1 < n && b[i + 1] == b'/' => {
                i = skip_line(b, i);
                continue;
            }
            b'/' if !python && i + 1 < n && b[i + 1] == b'*' => {
                i = b[i + 2..].windows(2).position(|w| w == b"*/").map_or(n, |p| i + 2 + p + 2);
                continue;
            }
            b'(' | b'[' | b'{' => {
                levels.push(0);
            }
            b')' | b']' | b'}' => {
                if levels.len() > 1 {
                    sum -= levels.pop().unwrap_or(0);
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
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while i < n && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'$') {
                    i += 1;
                }
                if is_word(&b[start..i]) {
                    *levels.last_mut().expect("levels is never empty") += 1;
                    sum += 1;
                }
                let estimate = levels.len() - 1 + sum;
                max = max.max(estimate);
                continue;
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

fn is_word(w: &[u8]) -> bool {
    NESTING_WORDS.iter().any(|n| n.as_bytes() == w)
}

/// The index after a string literal starting at `i` (unterminated: the end of its line, or of
/// the file for triple-quoted and template strings).
fn skip_string(b: &[u8], i: usize, quote: u8, triple: bool) -> usize {
    let n = b.len();
    let mut j = if triple { i + 3 } else { i + 1 };
    while j < n {
        match b[j] {
            b'\\' => j += 2,
            c if c == quote => {
                if !triple {
                    return j + 1;
                }
                if j + 2 < n && b[j + 1] == quote && b[j + 2] == quote {
                    return j + 3;
                }
                j += 1;
            }
            b'\n' if !triple && quote != b'`' => return j,
            _ => j += 1,
        }
    }
    n
}

fn skip_line(b: &[u8], i: usize) -> usize {
    b[i..].iter().position(|c| *c == b'\n').map_or(b.len(), |p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn many_statements_are_not_nesting() {
        let py = "x = 1\n".repeat(100_000);
        assert!(nesting(&py, true, MAX_NESTING) < 5);
        let ts = "this.x = new A(\"a\", { b: 1 })\n".repeat(100_000);
        assert!(nesting(&ts, false, MAX_NESTING) < 10);
    }
}
