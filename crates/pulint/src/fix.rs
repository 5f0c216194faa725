//! `pulint check --fix` / `--diff`: the edits of fixable findings, applied to the files on disk
//! (for code in Markdown, to the document) or shown as a diff.

use pulint_model::{Diagnostic, FileId, Program};
use std::collections::BTreeMap;

/// Replacements per host file: (start byte, end byte, text), sorted, without overlaps.
pub struct Plan {
    pub files: BTreeMap<String, Vec<(usize, usize, String)>>,
    pub fixed: usize,
}

/// The edits of every fix that may be applied (safe ones, and unsafe ones when asked). Fixes
/// whose edits overlap an earlier fix's are left for a later run.
pub fn plan(programs: &[(&Program, &[Diagnostic])], unsafe_fixes: bool) -> Plan {
    let mut files: BTreeMap<String, Vec<(usize, usize, String)>> = BTreeMap::new();
    let mut fixed = 0;
    for (p, diagnostics) in programs {
        for d in diagnostics.iter() {
            let Some(fix) = &d.fix else { continue };
            if !fix.safe && !unsafe_fixes {
                continue;
            }
            let mut edits: Vec<(String, usize, usize, String)> = Vec::new();
            for e in &fix.edits {
                let Some((host, start, end, replacement)) = p.sources.host_edit(e.span, &e.replacement) else {
                    edits.clear();
                    break;
                };
                edits.push((path(p, host), start as usize, end as usize, replacement));
            }
            let clashes = edits.iter().any(|(f, s, e, _)| files.get(f).is_some_and(|v| v.iter().any(|(s2, e2, _)| s < e2 && s2 < e || s == s2)));
            if edits.is_empty() || clashes {
                continue;
            }
            for (f, s, e, r) in edits {
                files.entry(f).or_default().push((s, e, r));
            }
            fixed += 1;
        }
    }
    for v in files.values_mut() {
        v.sort();
    }
    Plan { files, fixed }
}

fn path(p: &Program, host: FileId) -> String {
    p.sources.get(host).path.clone()
}

/// Whether sorted edits fit `text`: in order, without overlaps, on character boundaries. Edits
/// were planned against a file's text when it was read; one that no longer fits (the file read
/// again, another file by the same path) is not applied.
fn fits(text: &str, edits: &[(usize, usize, String)]) -> bool {
    let mut at = 0;
    edits.iter().all(|(s, e, _)| {
        let ok = at <= *s && s <= e && text.is_char_boundary(*s) && text.is_char_boundary(*e);
        at = *e;
        ok
    })
}

/// `text` with the replacements made, or None when they do not fit it.
pub fn apply(text: &str, edits: &[(usize, usize, String)]) -> Option<String> {
    if !fits(text, edits) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e, r) in edits {
        out.push_str(&text[at..*s]);
        out.push_str(r);
        at = *e;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// A unified diff of the lines the edits touch, one hunk per edited region, or None when the
/// edits do not fit `old`.
pub fn diff(path: &str, old: &str, edits: &[(usize, usize, String)]) -> Option<String> {
    if !fits(old, edits) {
        return None;
    }
    let mut out = format!("--- {path}\n+++ {path}\n");
    let mut shift: isize = 0;
    for (s, e, r) in edits {
        let line_start = old[..*s].rfind('\n').map_or(0, |i| i + 1);
        let line_end = old[*e..].find('\n').map_or(old.len(), |i| e + i);
        let before = &old[line_start..line_end];
        let after = format!("{}{}{}", &old[line_start..*s], r, &old[*e..line_end]);
        let first = old[..line_start].matches('\n').count() + 1;
        let (n_old, n_new) = (before.lines().count().max(1), after.lines().count().max(1));
        out.push_str(&format!("@@ -{first},{n_old} +{},{n_new} @@\n", first as isize + shift));
        before.lines().for_each(|l| out.push_str(&format!("-{l}\n")));
        after.lines().for_each(|l| out.push_str(&format!("+{l}\n")));
        shift += n_new as isize - n_old as isize;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_and_diffs() {
        let text = "a = 1\nb = f\"{x}\"\nc = 3\n";
        let edits = vec![(10, 16, "pulumi.Output.concat(x)".to_string())];
        assert_eq!(apply(text, &edits).as_deref(), Some("a = 1\nb = pulumi.Output.concat(x)\nc = 3\n"));
        assert_eq!(diff("m.py", text, &edits).as_deref(), Some("--- m.py\n+++ m.py\n@@ -2,1 +2,1 @@\n-b = f\"{x}\"\n+b = pulumi.Output.concat(x)\n"));
        assert_eq!(apply("ab", &[(1, 5, String::new())]), None);
    }

    /// Edits planned for one text and shown or applied to another (cargo-fuzz found `--diff`
    /// panicking on a project with two files by the same path): refused, never a panic.
    #[test]
    fn edits_that_do_not_fit_are_refused() {
        let edits = vec![(10, 16, "x".to_string())];
        for text in ["a = 1\n", "a = 1\nb = 12345é\n", ""] {
            assert_eq!(diff("m.py", text, &edits), None, "{text:?}");
            assert_eq!(apply(text, &edits), None, "{text:?}");
        }
        let backwards = vec![(4, 2, String::new())];
        assert_eq!(diff("m.py", "abcdef", &backwards), None);
        assert_eq!(apply("abcdef", &backwards), None);
        let overlapping = vec![(0, 3, String::new()), (2, 4, String::new())];
        assert_eq!(apply("abcdef", &overlapping), None);
    }
}
