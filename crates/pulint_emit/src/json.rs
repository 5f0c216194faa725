//! `--format json`: one JSON array of findings; positions are 1-based, in the file a user opens.

use crate::Report;
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
    diagnostics(reports)
        .iter()
        .map(|item| {
            let pretty = serde_json::to_string_pretty(item).unwrap_or_else(|_| "{}".into());
            // JSON strings never hold a raw line break, so indenting after each one is safe.
            format!("  {}", pretty.replace('\n', "\n  "))
        })
        .collect()
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
