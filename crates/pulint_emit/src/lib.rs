//! Output formats. The only crate with wire types: JSON shapes are a stable boundary that scripts
//! depend on (see the CLI contract in ARCHITECTURE.md).

pub mod compare;
pub mod dump_json;
pub mod json;
pub mod text;

use pulint_model::{Diagnostic, Program};

/// The diagnostics of one program, with the program for their sources.
pub struct Report<'a> {
    pub program: &'a Program,
    pub diagnostics: &'a [Diagnostic],
}
