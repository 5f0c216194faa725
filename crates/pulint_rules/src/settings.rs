//! Which rules run and at what severity: `--select`, `--ignore`, preview, severity overrides.

use pulint_model::{RuleMeta, Severity, Status};

#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Codes, code prefixes (`SEC`, `SEC00`), or rule names. Empty means the default set.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// Also run rules in preview.
    pub preview: bool,
    /// (selector, severity) overrides, later entries win.
    pub severity: Vec<(String, Severity)>,
    /// How long the rules may take on one program before the rest are skipped (a PUL003
    /// finding says so); `None` is [`RULE_TIME_BUDGET`].
    pub time_budget: Option<std::time::Duration>,
    /// Leave fixes out of the findings: a run that only reports them spares the rules the
    /// work of planning edits (reading the source around each finding).
    pub skip_fixes: bool,
}

/// The default time the rules may take on one program. The corpus's largest program takes
/// about 0.1 s; only a pathological program comes near it.
pub const RULE_TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(20);

/// True when `selector` names the rule: its code, a prefix of its code, its name, or `ALL`.
pub fn matches(selector: &str, meta: &RuleMeta) -> bool {
    let s = selector.trim();
    s.eq_ignore_ascii_case("ALL") || meta.code.starts_with(&s.to_ascii_uppercase()) || meta.name == s
}

impl Settings {
    pub fn enabled(&self, meta: &RuleMeta) -> bool {
        if self.ignore.iter().any(|s| matches(s, meta)) {
            return false;
        }
        if self.select.is_empty() {
            return meta.status == Status::Stable || self.preview;
        }
        // An exact selection (code or name) enables a preview rule; a prefix needs `preview`.
        self.select.iter().any(|s| {
            matches(s, meta) && (meta.status == Status::Stable || self.preview || s == meta.code || s == meta.name)
        })
    }

    pub fn severity_of(&self, meta: &RuleMeta) -> Severity {
        self.severity.iter().rev().find(|(s, _)| matches(s, meta)).map(|(_, sev)| *sev).unwrap_or(meta.severity)
    }
}
