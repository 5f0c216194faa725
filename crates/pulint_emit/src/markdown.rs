//! `--format markdown`: a report to paste into a pull-request comment. A summary (counts by
//! severity and by family, files checked), then one table of findings per file, files in output
//! order and findings by position. The same input gives the same bytes.

use crate::{plural, Finding, Report, Summary};
use std::fmt::Write;

/// Text for a table cell: `|` escaped, line breaks flattened, and outside code spans `<`, `>`
/// and `*` kept from becoming HTML or emphasis.
pub fn cell(s: &str) -> String {
    let s = s.replace(['\r', '\n'], " ");
    let balanced = s.matches('`').count().is_multiple_of(2);
    let mut out = String::with_capacity(s.len());
    let mut in_code = false;
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '`' if balanced => {
                in_code = !in_code;
                out.push('`');
            }
            '`' => out.push_str("\\`"),
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '*' if !in_code => out.push_str("\\*"),
            _ => out.push(c),
        }
    }
    out
}

fn title(summary: &Summary) -> String {
    if summary.findings == 0 { "## pulint: no findings".into() } else { format!("## pulint: {}", plural(summary.findings, "finding", "findings")) }
}

pub fn render(reports: &[Report<'_>]) -> String {
    let summary = Summary::of(reports);
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", title(&summary));
    if summary.findings == 0 {
        let _ = writeln!(out, "Checked {}.", summary.checked());
        return out;
    }
    let _ = writeln!(
        out,
        "{} in {}; checked {}.\n",
        summary.severity_counts(),
        plural(summary.files_with_findings, "file", "files"),
        summary.checked()
    );
    out.push_str("| family | error | warning | info |\n|---|---:|---:|---:|\n");
    for (family, [e, w, i]) in &summary.by_family {
        let _ = writeln!(out, "| {} {} | {e} | {w} | {i} |", family.prefix(), family.title());
    }
    let _ = writeln!(out, "| **total** | **{}** | **{}** | **{}** |", summary.errors, summary.warnings, summary.infos);

    // Group by the file a user opens, files in order of first appearance.
    let mut files: Vec<(&str, Vec<Finding<'_>>)> = Vec::new();
    for f in crate::findings(reports) {
        match files.iter_mut().find(|(path, _)| *path == f.place.file) {
            Some((_, group)) => group.push(f),
            None => files.push((f.place.file, vec![f])),
        }
    }
    for (path, mut group) in files {
        group.sort_by_key(|f| (f.place.start, f.place.end, f.diagnostic.code));
        let _ = writeln!(out, "\n### `{}`\n", path.replace('`', "'"));
        out.push_str("| line | rule | severity | message |\n|---|---|---|---|\n");
        for f in group {
            let d = f.diagnostic;
            let at = match f.place.embedded_path {
                Some(e) => format!("{}:{} in {}", f.place.start.line, f.place.start.column, cell(&format!("`{e}`"))),
                None => format!("{}:{}", f.place.start.line, f.place.start.column),
            };
            let _ = writeln!(out, "| {at} | `{}` {} | {} | {} |", d.code, d.name, d.severity, cell(&d.message));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_escape_pipes_and_html_outside_code() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell("`a|b` in <block 1>"), "`a\\|b` in &lt;block 1&gt;");
        assert_eq!(cell("`<x>` and s3:*"), "`<x>` and s3:\\*");
        assert_eq!(cell("odd ` tick\nnext"), "odd \\` tick next");
    }
}
