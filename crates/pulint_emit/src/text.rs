//! Human-readable output: one block per finding with the source line and a caret underline.

use crate::{plural, Report, Summary};
use std::fmt::Write;
use std::time::Duration;

pub fn render(reports: &[Report<'_>]) -> String {
    render_styled(reports, false)
}

/// ANSI styles, or nothing when output is not a terminal.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.on { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }
}

fn severity_color(s: pulint_model::Severity) -> &'static str {
    match s {
        pulint_model::Severity::Error => "1;31",
        pulint_model::Severity::Warning => "1;33",
        pulint_model::Severity::Info => "1;36",
    }
}

/// Like [`render`], with colour when `color` is true (the CLI sets it on a terminal unless
/// `NO_COLOR` is set). Secondary labels get their own source line, underlined with `-`.
pub fn render_styled(reports: &[Report<'_>], color: bool) -> String {
    let st = Style { on: color };
    let mut out = String::new();
    for r in reports {
        let sources = &r.program.sources;
        for d in r.diagnostics {
            let range = sources.host_range(d.span);
            let host = sources.get(range.file);
            let sev = severity_color(d.severity);
            let _ = writeln!(out, "{}: {}", st.paint(sev, &format!("{}[{}]", d.severity, d.code)), st.paint("1", &d.message));
            let embedded = sources.get(d.span.file).embedded_name().map(|n| format!(" ({n})")).unwrap_or_default();
            let _ = writeln!(out, "  {} {}:{}:{}{embedded}", st.paint("1;34", "-->"), host.path, range.start.line, range.start.column);
            let gutter = range.start.line.to_string().len();
            frame(&mut out, &st, host.line_text(range.start.line), range.start.line, range.start.column, if range.end.line == range.start.line { range.end.column } else { 0 }, '^', sev, None, gutter);
            for l in &d.labels {
                let lr = sources.host_range(l.span);
                let file = sources.get(lr.file);
                if lr.file != range.file {
                    let _ = writeln!(out, "  {} {}:{}:{}", st.paint("1;34", "::"), file.path, lr.start.line, lr.start.column);
                }
                let end = if lr.end.line == lr.start.line { lr.end.column } else { 0 };
                frame(&mut out, &st, file.line_text(lr.start.line), lr.start.line, lr.start.column, end, '-', "1;34", Some(&l.message), gutter.max(lr.start.line.to_string().len()));
            }
            if let Some(h) = &d.help {
                let _ = writeln!(out, "  {}: {h}", st.paint("1", "help"));
            }
            let _ = writeln!(out, "  = {} {}", d.code, d.name);
            out.push('\n');
        }
    }
    out
}

/// One source line with an underline from `column` to `end` (or one mark when the span goes on
/// past the line), and an optional label after it.
#[allow(clippy::too_many_arguments)]
fn frame(out: &mut String, st: &Style, line_text: &str, line: u32, column: u32, end: u32, mark: char, color: &str, label: Option<&str>, gutter: usize) {
    if line_text.is_empty() {
        if let Some(l) = label {
            let _ = writeln!(out, "  note: {l} (line {line})");
        }
        return;
    }
    let width = if end > column { end - column } else { 1 };
    let _ = writeln!(out, "{:gutter$} {}", "", st.paint("1;34", "|"));
    let _ = writeln!(out, "{} {} {}", st.paint("1;34", &format!("{line:>gutter$}")), st.paint("1;34", "|"), line_text);
    let pad: String = line_text.chars().take(column as usize - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
    let underline = mark.to_string().repeat(width as usize);
    let tail = label.map(|l| format!(" {l}")).unwrap_or_default();
    let _ = writeln!(out, "{:gutter$} {} {pad}{}", "", st.paint("1;34", "|"), st.paint(color, &format!("{underline}{tail}")));
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
