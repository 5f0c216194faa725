//! `--format json`: one JSON array of findings; positions are 1-based, in the file a user opens.

use crate::Report;
use std::fmt::Write;
use serde::Serialize;

/// One finding on the wire. Field names are part of the CLI contract.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub category: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    /// The file name a Markdown heading gave the embedded block, or null.
    pub embedded_path: Option<&'a str>,
    pub help: Option<&'a str>,
}

pub fn diagnostics<'a>(reports: &'a [Report<'a>]) -> Vec<JsonDiagnostic<'a>> {
    let mut out = Vec::new();
    for r in reports {
        let sources = &r.program.sources;
        for d in r.diagnostics {
            let range = sources.host_range(d.span);
            let file = sources.get(d.span.file);
            out.push(JsonDiagnostic {
                code: d.code,
                name: d.name,
                category: d.family.prefix(),
                severity: d.severity.as_str(),
                message: &d.message,
                file: &sources.get(range.file).path,
                line: range.start.line,
                column: range.start.column,
                end_line: range.end.line,
                end_column: range.end.column,
                embedded_path: file.embedded_name(),
                help: d.help.as_deref(),
            });
        }
    }
    out
}

pub fn render(reports: &[Report<'_>]) -> String {
    join(render_items(reports))
}

/// Each finding as an element of the pretty-printed array, so programs can be rendered one at a
/// time (and dropped) and [`join`]ed later: `join(render_items(a) ++ render_items(b))` is
/// `render(a ++ b)`.
pub fn render_items(reports: &[Report<'_>]) -> Vec<String> {
    diagnostics(reports).iter().map(JsonDiagnostic::pretty_item).collect()
}

impl JsonDiagnostic<'_> {
    /// This finding as `serde_json::to_string_pretty` prints it, indented as an element of the
    /// array, written directly: serde's pretty printer, then indenting its output, cost about
    /// ten thousand instructions a finding (test: `items_are_what_serde_prints`).
    fn pretty_item(&self) -> String {
        let mut out = String::with_capacity(320 + self.message.len() + self.help.map_or(0, str::len));
        out.push_str("  {");
        let text = |out: &mut String, key: &str, value: &str| {
            field(out, key);
            escaped(out, value);
        };
        let number = |out: &mut String, key: &str, value: u32| {
            field(out, key);
            let _ = write!(out, "{value}");
        };
        let optional = |out: &mut String, key: &str, value: Option<&str>| match value {
            Some(v) => text(out, key, v),
            None => {
                field(out, key);
                out.push_str("null");
            }
        };
        text(&mut out, "code", self.code);
        text(&mut out, "name", self.name);
        text(&mut out, "category", self.category);
        text(&mut out, "severity", self.severity);
        text(&mut out, "message", self.message);
        text(&mut out, "file", self.file);
        number(&mut out, "line", self.line);
        number(&mut out, "column", self.column);
        number(&mut out, "end_line", self.end_line);
        number(&mut out, "end_column", self.end_column);
        optional(&mut out, "embedded_path", self.embedded_path);
        optional(&mut out, "help", self.help);
        out.push_str("\n  }");
        out
    }
}

/// The start of a field after `{` or after the previous field.
fn field(out: &mut String, key: &str) {
    if !out.ends_with('{') {
        out.push(',');
    }
    out.push_str("\n    \"");
    out.push_str(key);
    out.push_str("\": ");
}

/// A JSON string as serde_json writes it: `"` and `\` escaped, control characters as `\n`-style
/// escapes or `\u00xx`, everything else (all of Unicode, DEL, `/`) as is.
fn escaped(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..0x20 => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// The array of [`render_items`] elements, as `serde_json::to_string_pretty` prints it.
pub fn join(items: Vec<String>) -> String {
    if items.is_empty() {
        return "[]\n".into();
    }
    format!("[\n{}\n]\n", items.join(",\n"))
}

#[cfg(test)]
mod tests {
    /// The hand-written item is byte for byte what serde_json's pretty printer makes of the
    /// struct, indented: every control character, quotes, backslashes, Unicode, null and
    /// numbers at their limits.
    #[test]
    fn items_are_what_serde_prints() {
        let all_bytes: String = (0u8..0x80).map(char::from).collect();
        let texts = ["", "plain", "quote \" and back\\slash", "line\nbreak\r\t\u{8}\u{c}", "é ✓ 🙂 \u{7f} /", all_bytes.as_str()];
        for (i, text) in texts.iter().enumerate() {
            let d = super::JsonDiagnostic {
                code: "SEC001",
                name: text,
                category: "SEC",
                severity: "error",
                message: text,
                file: text,
                line: [0, 1, 9, 10, 4_294_967_295, 123_456][i],
                column: i as u32,
                end_line: 99_999,
                end_column: 100_000,
                embedded_path: (i % 2 == 0).then_some(*text),
                help: (i % 3 != 0).then_some(*text),
            };
            let serde = serde_json::to_string_pretty(&d).unwrap();
            let expected = format!("  {}", serde.replace('\n', "\n  "));
            assert_eq!(d.pretty_item(), expected, "{text:?}");
        }
    }

    #[test]
    fn joined_items_are_serde_pretty() {
        #[derive(serde::Serialize)]
        struct T<'a> {
            a: &'a str,
            b: Option<u32>,
        }
        let items = [T { a: "x\ny \"z\"", b: None }, T { a: "", b: Some(3) }];
        let parts = items.iter().map(|i| serde_json::to_string_pretty(i).unwrap().lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")).collect();
        assert_eq!(super::join(parts), serde_json::to_string_pretty(&items).unwrap() + "\n");
        let empty: [T; 0] = [];
        assert_eq!(super::join(Vec::new()), serde_json::to_string_pretty(&empty).unwrap() + "\n");
    }
}
