//! Runs the enabled rules over one program: notes become PUL diagnostics, a panicking rule
//! becomes PUL004, suppressions apply, and the result is sorted deterministically.

use crate::context::{Ctx, Facts};
use crate::registry::all_rules;
use crate::rules::pul;
use crate::settings::Settings;
use pulint_model::{Diagnostic, HostRange, NoteKind, Program, RuleMeta, Suppression, SuppressionScope};
use std::panic::{catch_unwind, AssertUnwindSafe};

pub fn lint(program: &Program, settings: &Settings) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for note in &program.notes {
        let meta: &'static RuleMeta = match note.kind {
            NoteKind::SyntaxError => &pul::SyntaxError::META,
            NoteKind::FragmentSyntaxError => &pul::FragmentSyntaxError::META,
            NoteKind::Unreadable => &pul::UnreadableFile::META,
            NoteKind::Budget => &pul::BudgetExceeded::META,
        };
        if settings.enabled(meta) {
            let mut d = Diagnostic::new(meta, note.span, note.message.clone());
            d.severity = settings.severity_of(meta);
            out.push(d);
        }
    }
    let facts = Facts::new(program);
    let started = std::time::Instant::now();
    let budget = settings.time_budget.unwrap_or(crate::settings::RULE_TIME_BUDGET);
    let rules = all_rules();
    for (i, rule) in rules.iter().enumerate() {
        let meta = rule.meta();
        if !settings.enabled(meta) {
            continue;
        }
        // The clock is read every eighth rule: a read per rule cost more than many rules on the
        // small programs that make up most runs, and the budget is seconds.
        if i % 8 == 0 && started.elapsed() > budget {
            let skipped = rules[i..].iter().filter(|r| settings.enabled(r.meta())).count();
            let meta = &pul::BudgetExceeded::META;
            if let Some(file) = program.entry_files.first()
                && settings.enabled(meta)
            {
                let message = format!("the rules took longer than {} s on this program; the remaining {skipped} were not run", budget.as_secs());
                let mut d = Diagnostic::new(meta, pulint_model::Span::new(*file, 0, 0), message);
                d.severity = settings.severity_of(meta);
                out.push(d);
            }
            break;
        }
        let mut cx = Ctx::new(program, meta, &facts, !settings.skip_fixes);
        match catch_unwind(AssertUnwindSafe(|| rule.check(program, &mut cx))) {
            Ok(()) => {
                let severity = settings.severity_of(meta);
                out.extend(cx.into_diagnostics().into_iter().map(|mut d| {
                    d.severity = severity;
                    d
                }));
            }
            Err(_) => {
                let span = program.entry_files.first().map(|f| pulint_model::Span::new(*f, 0, 0));
                if let Some(span) = span {
                    out.push(Diagnostic::new(&pul::InternalError::META, span, format!("rule {} ({}) failed on this program", meta.code, meta.name)));
                }
            }
        }
    }
    if !program.suppressions.is_empty() {
        // Where each suppression comment is, once, rather than once per finding.
        let marks: Vec<_> = program.suppressions.iter().map(|s| (s, program.sources.host_range(s.span))).collect();
        out.retain(|d| !suppressed(program, &marks, d));
    }
    out.sort_by_cached_key(|d| {
        let r = program.sources.host_range(d.span);
        (program.sources.get(r.file).path.clone(), r.start, r.end, d.code, d.message.clone())
    });
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    out
}

/// True when an inline comment (with its host range) suppresses the diagnostic (by code, code
/// prefix or name).
fn suppressed(program: &Program, marks: &[(&Suppression, HostRange)], d: &Diagnostic) -> bool {
    let at = program.sources.host_range(d.span);
    marks.iter().any(|(s, here)| {
        let names = s.codes.is_empty() || s.codes.iter().any(|c| d.code.starts_with(c.as_str()) || c == d.name);
        if !names {
            return false;
        }
        match s.scope {
            SuppressionScope::File => s.span.file == d.span.file,
            SuppressionScope::Line => here.file == at.file && here.start.line == at.start.line,
            SuppressionScope::NextLine => here.file == at.file && (here.start.line == at.start.line || here.start.line + 1 == at.start.line),
        }
    })
}
