//! Output formats. The only crate with wire types: JSON shapes are a stable boundary that scripts
//! depend on (see the CLI contract in ARCHITECTURE.md).

pub mod compare;
pub mod dump_json;
pub mod github;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod text;

use pulint_model::{Diagnostic, Family, LineCol, Origin, Program, Severity};

/// The diagnostics of one program, with the program for their sources.
pub struct Report<'a> {
    pub program: &'a Program,
    pub diagnostics: &'a [Diagnostic],
}

/// A position resolved to the file a user opens (the host document for embedded code).
#[derive(Clone, Debug)]
pub struct Place<'a> {
    /// The path as given or discovered; for Markdown-embedded code the `.md` file.
    pub file: &'a str,
    pub start: LineCol,
    pub end: LineCol,
    /// The file name a Markdown heading gave the embedded block, if any.
    pub embedded_path: Option<&'a str>,
}

/// A secondary label of a finding, resolved like its primary position.
#[derive(Clone, Debug)]
pub struct LabelPlace<'a> {
    pub message: &'a str,
    pub place: Place<'a>,
}

/// One diagnostic with every position resolved: what the machine-readable formats share.
#[derive(Clone, Debug)]
pub struct Finding<'a> {
    pub diagnostic: &'a Diagnostic,
    pub place: Place<'a>,
    /// The text of the flagged line in the host file, without its line break.
    pub line_text: &'a str,
    pub labels: Vec<LabelPlace<'a>>,
}

fn resolve<'a>(program: &'a Program, span: pulint_model::Span) -> Place<'a> {
    let sources = &program.sources;
    let range = sources.host_range(span);
    Place {
        file: &sources.get(range.file).path,
        start: range.start,
        end: range.end,
        embedded_path: sources.get(span.file).embedded_name(),
    }
}

/// Every finding of every report, in output order (the command line's, then file, position, code).
pub fn findings<'a>(reports: &'a [Report<'a>]) -> Vec<Finding<'a>> {
    let mut out = Vec::new();
    for r in reports {
        let sources = &r.program.sources;
        for d in r.diagnostics {
            let place = resolve(r.program, d.span);
            let host = sources.get(sources.host_of(d.span.file));
            out.push(Finding {
                diagnostic: d,
                line_text: host.line_text(place.start.line),
                place,
                labels: d.labels.iter().map(|l| LabelPlace { message: &l.message, place: resolve(r.program, l.span) }).collect(),
            });
        }
    }
    out
}

/// Counts for the closing summary of text output and the head of a Markdown report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings per family, in the catalogue's family order, families without findings left out;
    /// each with (errors, warnings, infos).
    pub by_family: Vec<(Family, [usize; 3])>,
    /// Files read from disk (code, Markdown documents, stack configuration, manifests).
    pub files: usize,
    /// Programs that had at least one file.
    pub programs: usize,
    /// Distinct files (as the user opens them) with at least one finding.
    pub files_with_findings: usize,
}

/// Families with findings, in the catalogue's order.
fn by_family(counts: [[usize; 3]; Family::ALL.len()]) -> Vec<(Family, [usize; 3])> {
    Family::ALL.iter().zip(counts).filter(|(_, c)| c.iter().sum::<usize>() > 0).map(|(f, c)| (*f, c)).collect()
}

fn severity_slot(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

impl Summary {
    pub fn of(reports: &[Report<'_>]) -> Summary {
        Summary::merge(vec![Summary::part(reports)])
    }

    /// The summary of some of a run's programs, with the files that have findings, to be
    /// [`merge`](Summary::merge)d with the other parts: programs rendered one at a time need
    /// not be kept for the closing line.
    pub fn part<'a>(reports: &[Report<'a>]) -> (Summary, Vec<&'a str>) {
        let mut s = Summary::default();
        let mut families = [[0usize; 3]; Family::ALL.len()];
        let mut with_findings: Vec<&str> = Vec::new();
        for r in reports {
            let sources = &r.program.sources;
            let disk = sources.files().filter(|(_, f)| matches!(f.origin, Origin::Disk)).count();
            s.files += disk;
            if !sources.is_empty() {
                s.programs += 1;
            }
            for d in r.diagnostics {
                s.findings += 1;
                let slot = severity_slot(d.severity);
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
                if let Some(i) = Family::ALL.iter().position(|f| *f == d.family) {
                    families[i][slot] += 1;
                }
                with_findings.push(&sources.get(sources.host_of(d.span.file)).path);
            }
        }
        s.by_family = by_family(families);
        (s, with_findings)
    }

    /// Adds up [`part`](Summary::part)s; a file with findings in several parts counts once.
    pub fn merge<P: AsRef<str>>(parts: Vec<(Summary, Vec<P>)>) -> Summary {
        let mut total = Summary::default();
        let mut families = [[0usize; 3]; Family::ALL.len()];
        let mut with_findings: Vec<P> = Vec::new();
        for (s, paths) in parts {
            total.findings += s.findings;
            total.errors += s.errors;
            total.warnings += s.warnings;
            total.infos += s.infos;
            total.files += s.files;
            total.programs += s.programs;
            for (f, c) in s.by_family {
                if let Some(i) = Family::ALL.iter().position(|x| *x == f) {
                    (0..3).for_each(|k| families[i][k] += c[k]);
                }
            }
            with_findings.extend(paths);
        }
        with_findings.sort_unstable_by(|a, b| a.as_ref().cmp(b.as_ref()));
        with_findings.dedup_by(|a, b| a.as_ref() == b.as_ref());
        total.files_with_findings = with_findings.len();
        total.by_family = by_family(families);
        total
    }

    /// `2 errors, 1 warning, 3 info`: only the severities that occur, most severe first.
    pub fn severity_counts(&self) -> String {
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error", "errors"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning", "warnings"));
        }
        if self.infos > 0 {
            parts.push(format!("{} info", self.infos));
        }
        parts.join(", ")
    }

    /// `12 files in 3 programs`.
    pub fn checked(&self) -> String {
        format!("{} in {}", plural(self.files, "file", "files"), plural(self.programs, "program", "programs"))
    }
}

/// `1 finding`, `2 findings`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
