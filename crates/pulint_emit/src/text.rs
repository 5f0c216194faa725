//! Human-readable output: one block per finding with the source line and a caret underline.

use crate::Report;
use std::fmt::Write;

pub fn render(reports: &[Report<'_>]) -> String {
    let mut out = String::new();
    for r in reports {
        let sources = &r.program.sources;
        for d in r.diagnostics {
            let range = sources.host_range(d.span);
            let host = sources.get(range.file);
            let _ = writeln!(out, "{}[{}]: {}", d.severity, d.code, d.message);
            let embedded = sources.get(d.span.file).embedded_name().map(|n| format!(" ({n})")).unwrap_or_default();
            let _ = writeln!(out, "  --> {}:{}:{}{embedded}", host.path, range.start.line, range.start.column);
            let line_text = host.line_text(range.start.line);
            if !line_text.is_empty() {
                let gutter = range.start.line.to_string().len();
                let width = if range.end.line == range.start.line { range.end.column.saturating_sub(range.start.column).max(1) } else { 1 };
                let _ = writeln!(out, "{:gutter$} |", "");
                let _ = writeln!(out, "{} | {}", range.start.line, line_text);
                let pad: String = line_text.chars().take(range.start.column as usize - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
                let _ = writeln!(out, "{:gutter$} | {pad}{}", "", "^".repeat(width as usize));
            }
            for l in &d.labels {
                let lr = sources.host_range(l.span);
                let _ = writeln!(out, "  note: {} ({}:{}:{})", l.message, sources.get(lr.file).path, lr.start.line, lr.start.column);
            }
            if let Some(h) = &d.help {
                let _ = writeln!(out, "  help: {h}");
            }
            let _ = writeln!(out, "  = {} {}", d.code, d.name);
            out.push('\n');
        }
    }
    out
}

/// One line per finding: `path:line:col: CODE message`.
pub fn render_concise(reports: &[Report<'_>]) -> String {
    let mut out = String::new();
    for r in reports {
        let sources = &r.program.sources;
        for d in r.diagnostics {
            let range = sources.host_range(d.span);
            let _ = writeln!(out, "{}:{}:{}: {} [{}] {}", sources.get(range.file).path, range.start.line, range.start.column, d.code, d.severity, d.message);
        }
    }
    out
}
