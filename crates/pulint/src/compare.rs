//! `pulint compare`: two versions of a program, or a directory of task pairs.

use pulint_emit::Report;
use pulint_emit::compare::{self, Comparison};
use pulint_model::Program;
use pulint_rules::Settings;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Builds one version as a single program (a directory, a file or a Markdown answer) and checks
/// it with the default rule set.
fn side(path: &Path) -> Result<(Program, Vec<pulint_model::Diagnostic>), String> {
    if !path.exists() {
        return Err(format!("{} does not exist", path.display()));
    }
    let mut programs = crate::build_all(vec![path.to_path_buf()], true, None);
    if programs.len() != 1 {
        return Err(format!("{} holds {} programs; compare one at a time", path.display(), programs.len()));
    }
    let (program, _) = programs.remove(0);
    let diagnostics = pulint_rules::lint(&program, &Settings { skip_fixes: true, ..Settings::default() });
    Ok((program, diagnostics))
}

fn run(before: &Path, after: &Path) -> Result<Comparison, String> {
    let (bp, bd) = side(before)?;
    let (ap, ad) = side(after)?;
    let b = Report { program: &bp, diagnostics: &bd };
    let a = Report { program: &ap, diagnostics: &ad };
    Ok(compare::compare(&before.display().to_string(), &b, &after.display().to_string(), &a))
}

/// How `pulint compare` prints one comparison.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CompareFormat {
    Text,
    #[value(alias = "md")]
    Markdown,
    Json,
}

fn render(c: &Comparison, format: CompareFormat) -> String {
    match format {
        CompareFormat::Text => compare::plain(c),
        CompareFormat::Json => compare::json(c),
        CompareFormat::Markdown => compare::markdown(c, &pulint_rules::find_rule),
    }
}

pub fn pair(before: PathBuf, after: PathBuf, format: CompareFormat) -> ExitCode {
    match run(&before, &after) {
        Ok(c) => crate::print(&render(&c, format)),
        Err(e) => {
            eprintln!("pulint: {e}");
            ExitCode::from(2)
        }
    }
}

/// Every directory under `dir` holding `MODEL_RESPONSE.md` and `IDEAL_RESPONSE.md` (directly or
/// in `lib/`) is a task. Reports go to `out/<task>.md` (the task path with `/` as `__`), with
/// `summary.csv` and `summary.json` beside them; without `--out`, the summary is printed.
pub fn batch(dir: &Path, out: Option<&Path>) -> ExitCode {
    let mut tasks: Vec<(String, PathBuf, PathBuf)> = Vec::new();
    for entry in ignore::WalkBuilder::new(dir).hidden(true).require_git(false).build().flatten() {
        let p = entry.path();
        if p.file_name().is_some_and(|n| n == "MODEL_RESPONSE.md") {
            let ideal = p.with_file_name("IDEAL_RESPONSE.md");
            if ideal.exists() {
                let parent = p.parent().unwrap_or(dir);
                let task_dir = if parent.file_name().is_some_and(|n| n == "lib") { parent.parent().unwrap_or(parent) } else { parent };
                let name = task_dir.strip_prefix(dir).unwrap_or(task_dir).to_string_lossy().replace(['/', '\\'], "__");
                tasks.push((if name.is_empty() { "task".into() } else { name }, p.to_path_buf(), ideal));
            }
        }
    }
    tasks.sort();
    if let Some(o) = out
        && let Err(e) = std::fs::create_dir_all(o)
    {
        eprintln!("pulint: cannot create {}: {e}", o.display());
        return ExitCode::from(2);
    }
    let mut rows = Vec::new();
    for (name, model, ideal) in &tasks {
        let c = match run(model, ideal) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("pulint: {name}: {e}");
                continue;
            }
        };
        if let Some(o) = out {
            let report = compare::markdown(&c, &pulint_rules::find_rule);
            if let Err(e) = std::fs::write(o.join(format!("{name}.md")), report) {
                eprintln!("pulint: cannot write the report of {name}: {e}");
                return ExitCode::from(2);
            }
        }
        rows.push(compare::summary_row(name, &c));
    }
    let csv = compare::summary_csv(&rows);
    let json = serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n";
    match out {
        Some(o) => {
            for (file, text) in [("summary.csv", &csv), ("summary.json", &json)] {
                if let Err(e) = std::fs::write(o.join(file), text) {
                    eprintln!("pulint: cannot write {file}: {e}");
                    return ExitCode::from(2);
                }
            }
            eprintln!("pulint: {} task reports written to {}", rows.len(), o.display());
            ExitCode::SUCCESS
        }
        None => crate::print(&csv),
    }
}
