//! Findings as plain data. Rendering lives in `pulint_emit`; rule logic in `pulint_rules`.

use crate::source::Span;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The failure families of the taxonomy; the prefix of every rule code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Reg,
    Net,
    Sec,
    Out,
    Dep,
    Val,
    Ops,
    Cost,
    /// pulint's own problems: unparseable files, internal errors.
    Pul,
}

impl Family {
    pub const ALL: [Family; 9] =
        [Family::Reg, Family::Net, Family::Sec, Family::Out, Family::Dep, Family::Val, Family::Ops, Family::Cost, Family::Pul];

    pub fn prefix(self) -> &'static str {
        match self {
            Family::Reg => "REG",
            Family::Net => "NET",
            Family::Sec => "SEC",
            Family::Out => "OUT",
            Family::Dep => "DEP",
            Family::Val => "VAL",
            Family::Ops => "OPS",
            Family::Cost => "COST",
            Family::Pul => "PUL",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Family::Reg => "regions and providers",
            Family::Net => "networking",
            Family::Sec => "security",
            Family::Out => "Outputs and program structure",
            Family::Dep => "ordering and dependencies",
            Family::Val => "deploy-time validity",
            Family::Ops => "operations",
            Family::Cost => "cost",
            Family::Pul => "pulint itself",
        }
    }
}

/// Lifecycle of a rule: preview rules are off unless selected explicitly or preview is enabled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Preview,
    Stable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Preview => "preview",
            Status::Stable => "stable",
        }
    }
}

/// What every rule declares about itself.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub status: Status,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Markdown with the headings "What it does", "Why is this bad?", "Example", "Use instead".
    pub docs: &'static str,
}

impl RuleMeta {
    /// The docs as Markdown: doc comments keep the space after `///`, this drops it.
    pub fn docs_markdown(&self) -> String {
        self.docs.trim_end().lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n")
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// One sentence, lowercase start, no trailing period.
    pub message: String,
    pub span: Span,
    /// Secondary spans ("VPC range declared here").
    pub labels: Vec<Label>,
    /// Imperative advice.
    pub help: Option<String>,
    /// A source edit that resolves the finding, when one is certain enough to offer.
    pub fix: Option<Fix>,
}

/// Edits that resolve a finding. A safe fix keeps the program's meaning apart from removing the
/// defect; an unsafe one may change more and is applied only on request.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// What the fix does, imperative ("wrap the template literal in `pulumi.interpolate`").
    pub message: String,
    pub edits: Vec<Edit>,
    pub safe: bool,
}

/// Replace the text of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Diagnostic {
    pub fn new(meta: &RuleMeta, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code: meta.code,
            name: meta.name,
            family: meta.family,
            severity: meta.severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into() });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
