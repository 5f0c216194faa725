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
    let items = diagnostics(reports);
    let mut s = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}
