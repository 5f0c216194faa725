//! Human-readable output: one block per finding with the source line and a caret underline.

use crate::{plural, Report, Summary};
use std::fmt::Write;
use std::time::Duration;

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

/// The closing line of text output, like ruff's and rustc's:
/// `5 findings (2 errors, 3 warnings); checked 4 files in 1 program`, then ` (0.04s)` when an
/// elapsed time is given (the CLI gives it only when standard output is a terminal, so that piped
/// output stays the same from run to run).
pub fn summary_line(summary: &Summary, elapsed: Option<Duration>) -> String {
    let mut line = if summary.findings == 0 {
        "no findings".to_string()
    } else {
        format!("{} ({})", plural(summary.findings, "finding", "findings"), summary.severity_counts())
    };
    let _ = write!(line, "; checked {}", summary.checked());
    if let Some(t) = elapsed {
        let _ = write!(line, " ({:.2}s)", t.as_secs_f64());
    }
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lines() {
        let mut s = Summary { findings: 3, errors: 1, infos: 2, files: 4, programs: 1, ..Summary::default() };
        assert_eq!(summary_line(&s, None), "3 findings (1 error, 2 info); checked 4 files in 1 program\n");
        assert_eq!(summary_line(&s, Some(Duration::from_millis(41))), "3 findings (1 error, 2 info); checked 4 files in 1 program (0.04s)\n");
        s = Summary { files: 1, programs: 1, ..Summary::default() };
        assert_eq!(summary_line(&s, None), "no findings; checked 1 file in 1 program\n");
    }
}
