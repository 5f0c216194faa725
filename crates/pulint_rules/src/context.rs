//! What a rule reports into.

use pulint_model::{Diagnostic, Program, RuleMeta, Span};

pub struct Ctx<'a> {
    pub program: &'a Program,
    meta: &'static RuleMeta,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub fn new(program: &'a Program, meta: &'static RuleMeta) -> Self {
        Ctx { program, meta, diagnostics: Vec::new() }
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
