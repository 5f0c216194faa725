//! Source text to [`pulint_model::Program`]: the only crate that knows about parsers.
//!
//! Per file, a language frontend (`python`, `typescript`) lowers syntax into the small shared
//! syntax of `ir`; Markdown documents are split into embedded files first (`markdown`). Per program,
//! `eval` runs the modules symbolically, linking imports between the program's files, and fills the
//! model's tables; `link` then resolves providers, parents and regions.
//!
//! Architecture invariant: building a program never fails and never panics out; what cannot be
//! read becomes a [`pulint_model::Note`].

pub mod eval;
pub mod guard;
pub mod ir;
pub mod link;
pub mod project;
pub mod markdown;
pub mod python;
pub mod suppress;
pub mod typescript;
pub mod yaml;

use pulint_model::Span;

pub use project::{build, Input, Options, STACK_BYTES};

/// What a language frontend gives back for one file.
#[derive(Debug)]
pub struct Parsed {
    pub module: ir::Module,
    /// Syntax errors with their positions. Python keeps a recovered module; TypeScript's module is
    /// empty when the parser gave up.
    pub errors: Vec<(String, Span)>,
}
