//! Project configuration: `pulint.toml` / `.pulint.toml`, or `[tool.pulint]` in `pyproject.toml`,
//! found in the directory of the first path checked or the nearest parent. Command-line options
//! win over the file: `--select` replaces `select`, `--ignore` adds to `ignore`.
//!
//! ```toml
//! select = ["SEC", "REG"]          # codes, prefixes or names; default: every stable rule
//! ignore = ["SEC011"]
//! preview = false
//! [severity]                        # per-rule severity overrides
//! SEC004 = "error"
//! [per-file-ignores]                # glob (relative to the config file) -> rules
//! "tests/**" = ["SEC002"]
//! ```

use globset::{Glob, GlobSet, GlobSetBuilder};
use pulint_model::Severity;
use std::path::{Path, PathBuf};

#[derive(Default)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub preview: bool,
    pub severity: Vec<(String, Severity)>,
    pub per_file: Vec<(GlobSet, Vec<String>)>,
}

impl Config {
    /// The rules that `path` (as printed) exempts from, by per-file ignores.
    pub fn ignored_for(&self, path: &str) -> Vec<&str> {
        let base = self.path.as_deref().and_then(Path::parent).unwrap_or(Path::new("."));
        let p = Path::new(path);
        let rel = p.strip_prefix(base).unwrap_or(p);
        let rel = rel.strip_prefix("./").unwrap_or(rel);
        self.per_file.iter().filter(|(set, _)| set.is_match(rel) || set.is_match(p)).flat_map(|(_, rules)| rules.iter().map(String::as_str)).collect()
    }
}

/// Finds the configuration for a run. `explicit` is `--config`.
pub fn load(explicit: Option<&Path>, first_path: Option<&Path>) -> Result<Config, String> {
    if let Some(path) = explicit {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
        return parse(&text, path, is_pyproject).map(|c| c.unwrap_or_default());
    }
    let start = first_path.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let start = if start.is_dir() { start } else { start.parent().map(Path::to_path_buf).unwrap_or_default() };
    let mut dir = std::fs::canonicalize(if start.as_os_str().is_empty() { Path::new(".") } else { &start }).ok();
    while let Some(d) = dir {
        for (name, pyproject) in [("pulint.toml", false), (".pulint.toml", false), ("pyproject.toml", true)] {
            let candidate = d.join(name);
            if let Ok(text) = std::fs::read_to_string(&candidate)
                && let Some(config) = parse(&text, &candidate, pyproject)? {
                    return Ok(config);
                }
        }
        dir = d.parent().map(Path::to_path_buf);
    }
    Ok(Config::default())
}

/// Parses a config file; `Ok(None)` for a pyproject.toml without `[tool.pulint]`.
fn parse(text: &str, path: &Path, pyproject: bool) -> Result<Option<Config>, String> {
    let err = |m: String| format!("{}: {m}", path.display());
    let doc: toml::Table = text.parse().map_err(|e: toml::de::Error| err(e.message().to_string()))?;
    let table = if pyproject {
        match doc.get("tool").and_then(|t| t.get("pulint")).and_then(toml::Value::as_table) {
            Some(t) => t.clone(),
            None => return Ok(None),
        }
    } else {
        doc
    };
    let mut c = Config { path: Some(path.to_path_buf()), ..Config::default() };
    for (key, value) in &table {
        match key.as_str() {
            "select" => c.select = strings(value).ok_or_else(|| err("`select` must be a list of strings".into()))?,
            "ignore" => c.ignore = strings(value).ok_or_else(|| err("`ignore` must be a list of strings".into()))?,
            "preview" => c.preview = value.as_bool().ok_or_else(|| err("`preview` must be true or false".into()))?,
            "severity" => {
                let t = value.as_table().ok_or_else(|| err("`severity` must be a table".into()))?;
                for (rule, sev) in t {
                    let s = sev.as_str().and_then(Severity::parse).ok_or_else(|| err(format!("severity of `{rule}` must be error, warning or info")))?;
                    c.severity.push((rule.clone(), s));
                }
            }
            "per-file-ignores" => {
                let t = value.as_table().ok_or_else(|| err("`per-file-ignores` must be a table".into()))?;
                for (glob, rules) in t {
                    let g = Glob::new(glob).map_err(|e| err(format!("bad glob `{glob}`: {e}")))?;
                    let set = GlobSetBuilder::new().add(g).build().map_err(|e| err(e.to_string()))?;
                    c.per_file.push((set, strings(rules).ok_or_else(|| err(format!("`{glob}` must map to a list of rules")))?));
                }
            }
            other => return Err(err(format!("unknown setting `{other}`"))),
        }
    }
    Ok(Some(c))
}

fn strings(v: &toml::Value) -> Option<Vec<String>> {
    v.as_array()?.iter().map(|i| i.as_str().map(str::to_string)).collect()
}
