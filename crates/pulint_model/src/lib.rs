//! The language-neutral model of a Pulumi program.
//!
//! Frontends lower Python, TypeScript and Markdown sources into a [`Program`]; rules read it and
//! nothing else. The vocabulary is Pulumi's own: type tokens (`aws:ec2/vpc:Vpc`), schema property
//! names (`cidrBlock`), resource options, providers, invokes, exports and config reads.
//!
//! Architecture invariant: no parser types, no serialization, no IO live here.

pub mod diagnostic;
pub mod dump;
pub mod path;
pub mod program;
pub mod source;
pub mod token;
pub mod value;

pub use diagnostic::{Diagnostic, Edit, Family, Fix, Label, RuleMeta, Severity, Status};
pub use program::*;
pub use source::{FileId, FileKind, HostRange, LineCol, Origin, SourceFile, SourceMap, Span, is_manifest};
pub use value::{InterpKind, Key, MAX_ALTERNATIVES, PathElem, Prop, RANDOM_REASON, TIME_REASON, UNDEFINED_SUFFIX, Value, ValueKind};
