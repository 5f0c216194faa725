//! `pulint init`: writes a starter configuration — `pulint.toml`, or a `[tool.pulint]` table
//! appended to `pyproject.toml` — with every setting present and explained. It never overwrites
//! or shadows an existing configuration.

use std::path::Path;
use std::process::ExitCode;

/// The settings, each with a comment saying what it does. `families` lists the rule families.
fn body(families: &str) -> String {
    format!(
        r#"# Rules to run: codes (SEC001), code prefixes (SEC, NET00) or names (open-ingress); `pulint rules`
# lists them, `pulint rule CODE` explains one. Empty: every stable rule. The families:
{families}
select = []

# Rules not to run (codes, prefixes or names).
ignore = []

# Also run the rules still in preview.
preview = false

# A rule's severity instead of its default: "error", "warning" or "info". `pulint check` exits
# with status 1 when a finding is at or above --fail-level (default: info).
[severity]
# SEC016 = "warning"

# Rules not to run on some files: a glob, relative to this file, and the rules it exempts from.
[per-file-ignores]
# "tests/**" = ["SEC"]
"#
    )
}

/// The rule families as comment lines: `# REG regions and providers, NET networking, …`.
fn families() -> String {
    let mut seen: Vec<pulint_model::Family> = pulint_rules::all_rules().iter().map(|r| r.meta().family).collect();
    seen.sort();
    seen.dedup();
    let mut lines = vec![String::from("#")];
    for (i, f) in seen.iter().enumerate() {
        let item = format!(" {} {}{}", f.prefix(), f.title(), if i + 1 < seen.len() { "," } else { "." });
        if lines.last().is_some_and(|l| l.len() + item.len() > 100) {
            lines.push(String::from("#"));
        }
        if let Some(l) = lines.last_mut() {
            l.push_str(&item);
        }
    }
    lines.join("\n")
}

fn refuse(message: String) -> ExitCode {
    eprintln!("pulint: {message}");
    ExitCode::from(2)
}

/// `pulint init [--path DIR] [--pyproject]`.
pub fn run(dir: &Path, pyproject: bool) -> ExitCode {
    if !dir.is_dir() {
        return refuse(format!("{} is not a directory", dir.display()));
    }
    let header = "# pulint's configuration (written by `pulint init`). `pulint check` finds it in the directory it\n# checks or a parent; command-line options win: --select replaces `select`, --ignore adds to `ignore`.\n";
    let body = body(&families());
    for name in ["pulint.toml", ".pulint.toml"] {
        let existing = dir.join(name);
        if existing.exists() {
            return refuse(format!("{} already exists; not overwritten", existing.display()));
        }
    }
    let pyproject_path = dir.join("pyproject.toml");
    let current = match std::fs::read_to_string(&pyproject_path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return refuse(format!("cannot read {}: {e}", pyproject_path.display())),
    };
    let configured = |text: &str| -> Result<bool, String> {
        let doc: toml::Table = text.parse().map_err(|e: toml::de::Error| format!("{}: {}", pyproject_path.display(), e.message()))?;
        Ok(doc.get("tool").and_then(|t| t.get("pulint")).is_some())
    };
    if let Some(text) = &current {
        match configured(text) {
            Ok(true) => return refuse(format!("{} already has a [tool.pulint] table; not changed", pyproject_path.display())),
            Ok(false) => {}
            // Without --pyproject a pyproject.toml pulint cannot read is no concern of this command.
            Err(e) if pyproject => return refuse(e),
            Err(_) => {}
        }
    }
    if !pyproject {
        let path = dir.join("pulint.toml");
        return match std::fs::write(&path, format!("{header}\n{body}")) {
            Ok(()) => {
                eprintln!("pulint: wrote {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => refuse(format!("cannot write {}: {e}", path.display())),
        };
    }
    // The table's keys under [tool.pulint]; its sub-tables become [tool.pulint.severity] and so on.
    let table = body.replace("\n[severity]", "\n[tool.pulint.severity]").replace("\n[per-file-ignores]", "\n[tool.pulint.per-file-ignores]");
    let mut text = current.clone().unwrap_or_default();
    if !text.is_empty() {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push('\n');
    }
    text.push_str(header);
    text.push_str("[tool.pulint]\n");
    text.push_str(&table);
    // An inline `tool = {...}` table cannot be extended by a header: check what was made.
    match configured(&text) {
        Ok(true) => {}
        _ => return refuse(format!("cannot add [tool.pulint] to {} (is `tool` an inline table?); add it by hand", pyproject_path.display())),
    }
    match std::fs::write(&pyproject_path, text) {
        Ok(()) => {
            let verb = if current.is_some() { "added [tool.pulint] to" } else { "wrote" };
            eprintln!("pulint: {verb} {}", pyproject_path.display());
            ExitCode::SUCCESS
        }
        Err(e) => refuse(format!("cannot write {}: {e}", pyproject_path.display())),
    }
}
