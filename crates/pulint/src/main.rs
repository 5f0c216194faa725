//! The `pulint` command: the only place that does IO, reads configuration and decides exit codes.

mod compare;
mod config;
mod discover;
mod fix;
mod init;
mod server;

use clap::{Parser, Subcommand, ValueEnum};
use pulint_emit::Report;
use pulint_model::{Diagnostic, Program, Severity};
use pulint_rules::Settings;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc rather than the system allocator: lowering and evaluation allocate many small,
/// short-lived values, and glibc's malloc and free were a quarter of a run's instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "pulint", version, about = "A static analyzer for Pulumi programs (Python, TypeScript, Markdown)")]
struct Cli {
    /// Worker threads (default: the number of cores, or RAYON_NUM_THREADS). Output does not
    /// depend on it.
    #[arg(long, global = true)]
    threads: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Findings with their source lines, then a summary line.
    Text,
    /// One line per finding.
    Concise,
    /// One JSON array of findings (the stable contract for scripts).
    Json,
    /// A SARIF 2.1.0 log (code scanning).
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// A Markdown report for a pull-request comment.
    Markdown,
}

#[derive(Subcommand)]
enum Command {
    /// Check programs and report findings.
    Check {
        /// Files, directories or Markdown documents (default: the current directory).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Rules to run: codes, code prefixes (SEC), or names; comma-separated.
        #[arg(long, value_delimiter = ',')]
        select: Vec<String>,
        /// Rules not to run.
        #[arg(long, value_delimiter = ',')]
        ignore: Vec<String>,
        /// Also run rules in preview.
        #[arg(long)]
        preview: bool,
        /// Also analyse Markdown documents found in directories.
        #[arg(long)]
        include_markdown: bool,
        /// The stack whose Pulumi.<stack>.yaml supplies configuration.
        #[arg(long)]
        stack: Option<String>,
        /// Lowest severity that makes the exit code 1.
        #[arg(long, default_value = "info")]
        fail_level: String,
        /// A configuration file (default: pulint.toml, .pulint.toml or [tool.pulint] in
        /// pyproject.toml, in the first path's directory or a parent).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Apply the safe fixes of the findings to the files (code in Markdown: to the
        /// document), checking again and applying the fixes that waited for an overlapping one
        /// until none is left, then report what remains.
        #[arg(long)]
        fix: bool,
        /// Print the fixes as a diff instead of applying them (one round: a fix that overlaps
        /// another waits for the next).
        #[arg(long, conflicts_with = "fix")]
        diff: bool,
        /// With --fix or --diff, also the fixes that may change more than the finding.
        #[arg(long)]
        unsafe_fixes: bool,
    },
    /// Print the lowered model of programs.
    Dump {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        #[arg(long)]
        stack: Option<String>,
    },
    /// Compare two versions of a program (directories, source files or Markdown answers): which
    /// findings the after version fixed, which remain, which it introduced.
    Compare {
        /// The first version (a model's answer), and the second (the corrected one).
        #[arg(required_unless_present = "tasks")]
        before: Option<PathBuf>,
        #[arg(required_unless_present = "tasks")]
        after: Option<PathBuf>,
        /// text, markdown (a failure analysis) or json.
        #[arg(long, value_enum, default_value = "text")]
        format: compare::CompareFormat,
        /// A directory of tasks laid out as `<task>/lib/MODEL_RESPONSE.md` and `IDEAL_RESPONSE.md`:
        /// compare each pair, write one report per task and a summary (CSV and JSON) to `--out`.
        #[arg(long, conflicts_with_all = ["before", "after"])]
        tasks: Option<PathBuf>,
        /// Where batch reports go.
        #[arg(long, requires = "tasks")]
        out: Option<PathBuf>,
    },
    /// List the rules.
    Rules,
    /// Print a rule's documentation.
    Rule { code: String },
    /// Run a language server over standard input and output (diagnostics and quick fixes for
    /// editors).
    Server,
    /// Write a starter configuration, `pulint.toml`, with every setting explained. Never
    /// overwrites one.
    Init {
        /// The directory to write it in (the Pulumi project's or the repository's root).
        #[arg(long, default_value = ".")]
        path: PathBuf,
        /// Add a `[tool.pulint]` table to pyproject.toml (made if missing) instead.
        #[arg(long)]
        pyproject: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Big stacks, reserved rather than committed (only the pages a deep file touches are used):
    // 64 MiB for rules and output, which walk values recursively, on top of the frontend's
    // (`pulint_frontend::STACK_BYTES`). With less, `build` mapped a stack of its own for every
    // program, and mapping and unmapping one per small file cost more than checking it.
    let mut pool = rayon::ThreadPoolBuilder::new().stack_size(pulint_frontend::STACK_BYTES + 64 * 1024 * 1024);
    if let Some(n) = cli.threads {
        pool = pool.num_threads(n);
    }
    if let Err(e) = pool.build_global() {
        eprintln!("pulint: cannot start worker threads: {e}");
        return ExitCode::from(2);
    }
    match cli.command {
        Command::Check { paths, format, select, ignore, preview, include_markdown, stack, fail_level, config, fix, diff, unsafe_fixes } => {
            let Some(fail) = Severity::parse(&fail_level) else {
                eprintln!("pulint: unknown --fail-level `{fail_level}` (error, warning, info)");
                return ExitCode::from(2);
            };
            let config = match config::load(config.as_deref(), paths.first().map(PathBuf::as_path)) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("pulint: {e}");
                    return ExitCode::from(2);
                }
            };
            let select = if select.is_empty() { config.select.clone() } else { select };
            let ignore: Vec<String> = config.ignore.iter().cloned().chain(ignore).collect();
            let per_file = config.per_file.iter().flat_map(|(_, r)| r.iter());
            let severities = config.severity.iter().map(|(s, _)| s);
            for s in select.iter().chain(ignore.iter()).chain(per_file).chain(severities) {
                if !pulint_rules::all_rules().iter().any(|r| pulint_rules::settings::matches(s, r.meta())) {
                    eprintln!("pulint: `{s}` selects no rule");
                    return ExitCode::from(2);
                }
            }
            let skip_fixes = !(fix || diff);
            let settings = Settings { select, ignore, preview: preview || config.preview, severity: config.severity.clone(), time_budget: None, skip_fixes };
            let fixes = Fixes { apply: fix, diff, unsafe_fixes };
            check(paths, format, &settings, &config, include_markdown, stack, fail, fixes)
        }
        Command::Dump { paths, format, stack } => dump(paths, format, stack),
        Command::Server => server::run(),
        Command::Init { path, pyproject } => init::run(&path, pyproject),
        Command::Compare { before, after, format, tasks, out } => match tasks {
            Some(dir) => compare::batch(&dir, out.as_deref()),
            None => compare::pair(before.unwrap_or_default(), after.unwrap_or_default(), format),
        },
        Command::Rules => {
            let mut out = String::from("code     name                       family severity status   summary\n");
            for r in pulint_rules::all_rules() {
                let m = r.meta();
                out.push_str(&format!("{:8} {:26} {:6} {:8} {:8} {}\n", m.code, m.name, m.family.prefix(), m.severity, m.status.as_str(), m.summary));
            }
            print(&out)
        }
        Command::Rule { code } => match pulint_rules::find_rule(&code) {
            Some(m) => print(&format!("# {} {}\n\n{} · {} · {}\n\n{}\n", m.code, m.name, m.family.title(), m.severity, m.status.as_str(), m.docs_markdown())),
            None => {
                eprintln!("pulint: no rule `{code}`");
                ExitCode::from(2)
            }
        },
    }
}

pub(crate) fn print(s: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    ExitCode::SUCCESS
}

fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() { vec![PathBuf::from(".")] } else { paths }
}

/// Builds every program in parallel; output order follows the command line.
pub(crate) fn build_all(paths: Vec<PathBuf>, include_markdown: bool, stack: Option<String>) -> Vec<(Program, Vec<(String, String)>)> {
    let groups = discover::programs(&default_paths(paths), include_markdown);
    let options = pulint_frontend::Options { stack };
    groups.into_par_iter().map(|g| build_one(g, &options)).collect()
}

/// Reads and builds one program; a panic in the frontend leaves an empty program and a message.
fn build_one(g: discover::ProgramFiles, options: &pulint_frontend::Options) -> (Program, Vec<(String, String)>) {
    let label = g.label.clone();
    let (inputs, errors) = g.read();
    let program = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pulint_frontend::build(inputs, options))).unwrap_or_else(|_| {
        eprintln!("pulint: internal error while reading {label}; skipped");
        Program::default()
    });
    (program, errors)
}

/// The findings of one program, without those its files are exempt from by per-file ignores.
pub(crate) fn lint_program(p: &Program, settings: &Settings, config: &config::Config) -> Vec<Diagnostic> {
    let mut found = pulint_rules::lint(p, settings);
    if !config.per_file.is_empty() {
        found.retain(|d| {
            let file = &p.sources.get(p.sources.host_range(d.span).file).path;
            let exempt = config.ignored_for(file);
            let meta = pulint_rules::find_rule(d.code);
            !exempt.iter().any(|s| meta.is_some_and(|m| pulint_rules::settings::matches(s, m)))
        });
    }
    found
}

/// How many times `--fix` applies fixes and checks again at most (fixes whose edits overlap wait
/// for the next round).
const FIX_ROUNDS: usize = 10;

/// What `check` does with the fixes of its findings.
#[derive(Clone, Copy)]
struct Fixes {
    apply: bool,
    diff: bool,
    unsafe_fixes: bool,
}

#[allow(clippy::too_many_arguments)]
fn check(paths: Vec<PathBuf>, format: Format, settings: &Settings, config: &config::Config, include_markdown: bool, stack: Option<String>, fail: Severity, fixes: Fixes) -> ExitCode {
    let started = std::time::Instant::now();
    if !fixes.apply && !fixes.diff && matches!(format, Format::Json | Format::Concise | Format::Github | Format::Text) {
        return check_each(paths, format, settings, config, include_markdown, stack, fail, started);
    }
    let programs = build_all(paths.clone(), include_markdown, stack.clone());
    let fatal = report_unreadable(programs.iter().flat_map(|(_, errors)| errors));
    let diagnostics: Vec<Vec<Diagnostic>> = programs
        .par_iter()
        .map(|(p, _)| lint_program(p, settings, config))
        .collect();
    if fixes.apply || fixes.diff {
        let pairs: Vec<(&Program, &[Diagnostic])> = programs.iter().zip(&diagnostics).map(|((p, _), d)| (p, d.as_slice())).collect();
        let plan = fix::plan(&pairs, fixes.unsafe_fixes);
        let text_of = |path: &str| programs.iter().find_map(|(p, _)| p.sources.files().find(|(_, f)| f.path == path).map(|(_, f)| f.text.clone()));
        if fixes.diff {
            let mut out = String::new();
            for (path, edits) in &plan.files {
                if let Some(diff) = text_of(path).and_then(|text| fix::diff(path, &text, edits)) {
                    out.push_str(&diff);
                }
            }
            print(&out);
            eprintln!("pulint: {} fixable finding{}", plan.fixed, if plan.fixed == 1 { "" } else { "s" });
            return if plan.fixed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS };
        }
        // Apply, check again, and apply the fixes that waited for an overlapping one, until none
        // is left (a bounded number of rounds).
        let mut fixed = 0;
        let mut written: BTreeSet<String> = BTreeSet::new();
        let mut round = Some((programs, plan));
        for _ in 0..FIX_ROUNDS {
            let (programs, plan) = match round.take() {
                Some(r) => r,
                None => {
                    let programs = build_all(paths.clone(), include_markdown, stack.clone());
                    let diagnostics: Vec<Vec<Diagnostic>> = programs.par_iter().map(|(p, _)| lint_program(p, settings, config)).collect();
                    let pairs: Vec<(&Program, &[Diagnostic])> = programs.iter().zip(&diagnostics).map(|((p, _), d)| (p, d.as_slice())).collect();
                    let plan = fix::plan(&pairs, fixes.unsafe_fixes);
                    (programs, plan)
                }
            };
            if plan.fixed == 0 {
                break;
            }
            let text_of = |path: &str| programs.iter().find_map(|(p, _)| p.sources.files().find(|(_, f)| f.path == path).map(|(_, f)| f.text.clone()));
            for (path, edits) in &plan.files {
                let Some(new) = text_of(path).and_then(|t| fix::apply(&t, edits)) else { continue };
                if let Err(e) = std::fs::write(path, new) {
                    eprintln!("pulint: cannot write {path}: {e}");
                    return ExitCode::from(2);
                }
                written.insert(path.clone());
            }
            fixed += plan.fixed;
        }
        eprintln!("pulint: fixed {} finding{} in {} file{}", fixed, if fixed == 1 { "" } else { "s" }, written.len(), if written.len() == 1 { "" } else { "s" });
        let again = Fixes { apply: false, diff: false, unsafe_fixes: false };
        return check(paths, format, settings, config, include_markdown, stack, fail, again);
    }
    let reports: Vec<Report> = programs.iter().zip(&diagnostics).map(|((p, _), d)| Report { program: p, diagnostics: d }).collect();
    let rendered = match format {
        Format::Json => pulint_emit::json::render(&reports),
        Format::Concise => pulint_emit::text::render_concise(&reports),
        Format::Sarif => {
            let rules: Vec<&pulint_model::RuleMeta> = pulint_rules::all_rules().iter().map(|r| r.meta()).collect();
            pulint_emit::sarif::render(&reports, &rules)
        }
        Format::Github => pulint_emit::github::render(&reports),
        Format::Markdown => pulint_emit::markdown::render(&reports),
        Format::Text => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut s = pulint_emit::text::render_styled(&reports, color);
            // The time only on a terminal: piped output is the same bytes on every run.
            let elapsed = std::io::stdout().is_terminal().then(|| started.elapsed());
            s.push_str(&pulint_emit::text::summary_line(&pulint_emit::Summary::of(&reports), elapsed));
            s
        }
    };
    print(&rendered);
    let failing = diagnostics.iter().flatten().any(|d| d.severity >= fail);
    check_status(failing, fatal, diagnostics.iter().all(Vec::is_empty))
}

/// Prints the paths that could not be read; true when there were any.
fn report_unreadable<'a>(errors: impl Iterator<Item = &'a (String, String)>) -> bool {
    let mut any = false;
    for (path, e) in errors {
        eprintln!("pulint: cannot read {path}: {e}");
        any = true;
    }
    any
}

/// `check`'s exit status: 1 when a finding reaches the failing severity, 2 when a path could not
/// be read and nothing was found, else 0.
fn check_status(failing: bool, unreadable: bool, quiet: bool) -> ExitCode {
    if failing {
        ExitCode::from(1)
    } else if unreadable && quiet {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// One program's share of a `check` run's output.
struct Part {
    /// Rendered findings: JSON array elements, or text to concatenate.
    items: Vec<String>,
    text: String,
    summary: (pulint_emit::Summary, Vec<String>),
    errors: Vec<(String, String)>,
    findings: usize,
    failing: bool,
}

/// `check` for the formats whose output is the concatenation of each program's: every worker
/// builds, lints and renders one program and drops it, so memory holds a program per thread
/// and the rendered findings, however many programs there are. SARIF, Markdown and fixes need
/// every program at the end and take the path in [`check`].
#[allow(clippy::too_many_arguments)]
fn check_each(paths: Vec<PathBuf>, format: Format, settings: &Settings, config: &config::Config, include_markdown: bool, stack: Option<String>, fail: Severity, started: std::time::Instant) -> ExitCode {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let groups = discover::programs(&default_paths(paths), include_markdown);
    let options = pulint_frontend::Options { stack };
    let parts: Vec<Part> = groups
        .into_par_iter()
        .map(|g| {
            let (program, errors) = build_one(g, &options);
            let diagnostics = lint_program(&program, settings, config);
            let reports = [Report { program: &program, diagnostics: &diagnostics }];
            let (items, text) = match format {
                Format::Json => (pulint_emit::json::render_items(&reports), String::new()),
                Format::Concise => (Vec::new(), pulint_emit::text::render_concise(&reports)),
                Format::Github => (Vec::new(), pulint_emit::github::render(&reports)),
                _ => (Vec::new(), pulint_emit::text::render_styled(&reports, color)),
            };
            let (summary, with_findings) = pulint_emit::Summary::part(&reports);
            let with_findings = with_findings.into_iter().map(str::to_string).collect();
            Part { items, text, summary: (summary, with_findings), errors, findings: diagnostics.len(), failing: diagnostics.iter().any(|d| d.severity >= fail) }
        })
        .collect();
    let fatal = report_unreadable(parts.iter().flat_map(|p| &p.errors));
    let failing = parts.iter().any(|p| p.failing);
    let quiet = parts.iter().all(|p| p.findings == 0);
    let rendered = if format == Format::Json {
        pulint_emit::json::join(parts.into_iter().flat_map(|p| p.items).collect())
    } else {
        let mut out = String::new();
        let mut summaries = Vec::new();
        for p in parts {
            out.push_str(&p.text);
            summaries.push(p.summary);
        }
        if format == Format::Text {
            let elapsed = std::io::stdout().is_terminal().then(|| started.elapsed());
            out.push_str(&pulint_emit::text::summary_line(&pulint_emit::Summary::merge(summaries), elapsed));
        }
        out
    };
    print(&rendered);
    check_status(failing, fatal, quiet)
}

fn dump(paths: Vec<PathBuf>, format: Format, stack: Option<String>) -> ExitCode {
    if !matches!(format, Format::Text | Format::Concise | Format::Json) {
        eprintln!("pulint: `dump` prints text or json");
        return ExitCode::from(2);
    }
    let programs = build_all(paths, true, stack);
    let out = match format {
        Format::Json => {
            let items: Vec<serde_json::Value> = programs.iter().map(|(p, _)| pulint_emit::dump_json::render(p)).collect();
            let value = if items.len() == 1 { items.into_iter().next().unwrap_or_default() } else { serde_json::Value::Array(items) };
            serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
        }
        _ => programs.iter().map(|(p, _)| pulint_model::dump::dump(p)).collect::<Vec<_>>().join("\n"),
    };
    print(&out)
}
