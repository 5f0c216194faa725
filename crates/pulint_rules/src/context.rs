//! What a rule reports into, and the facts about a program that several rules share.

use crate::query::Refs;
use crate::rules::val::args::{self, Issue};
use pulint_model::{Diagnostic, Program, RuleMeta, Span};
use std::cell::OnceCell;

pub struct Ctx<'a> {
    pub program: &'a Program,
    meta: &'static RuleMeta,
    pub(crate) diagnostics: Vec<Diagnostic>,
    facts: &'a Facts<'a>,
    fixes: bool,
}

impl<'a> Ctx<'a> {
    /// A context for one rule; `fixes` says whether findings should carry their fixes.
    pub fn new(program: &'a Program, meta: &'static RuleMeta, facts: &'a Facts<'a>, fixes: bool) -> Self {
        Ctx { program, meta, diagnostics: Vec::new(), facts, fixes }
    }

    /// Whether the run wants fixes: rules plan edits only then (see `Settings::skip_fixes`).
    pub fn wants_fixes(&self) -> bool {
        self.fixes
    }

    /// The program's shared facts, computed on first use.
    pub fn facts(&self) -> &'a Facts<'a> {
        self.facts
    }

    /// A diagnostic of the running rule, to be completed with labels and help and then reported.
    pub fn diagnostic(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.meta, span, message)
    }

    pub fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// What several rules derive from the same program, computed once per program on first use:
/// the argument walk serves four VAL rules, which each walked every resource before, and the
/// reference graphs two REG rules and a VAL rule each built.
pub struct Facts<'a> {
    program: &'a Program,
    argument_issues: OnceCell<Vec<Issue<'a>>>,
    refs: OnceCell<Refs>,
    wiring: OnceCell<Refs>,
}

impl<'a> Facts<'a> {
    pub fn new(program: &'a Program) -> Self {
        Facts { program, argument_issues: OnceCell::new(), refs: OnceCell::new(), wiring: OnceCell::new() }
    }

    /// Who refers to whom in the program's arguments ([`Refs::new`]).
    pub fn refs(&self) -> &Refs {
        self.refs.get_or_init(|| Refs::new(self.program))
    }

    /// Who is wired to whom by values, not text ([`Refs::wiring`]).
    pub fn wiring(&self) -> &Refs {
        self.wiring.get_or_init(|| Refs::wiring(self.program))
    }

    /// The schema issues of every created resource's and invoke's arguments.
    pub fn argument_issues(&self) -> &[Issue<'a>] {
        self.argument_issues.get_or_init(|| args::program_issues(self.program))
    }
}
