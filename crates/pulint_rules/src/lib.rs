//! The rule catalogue: whole-program queries over [`pulint_model::Program`].
//!
//! Each rule lives in one file under `rules/<family>/`, declares its code, name, severity, status
//! and docs with [`declare_rule!`], and implements [`Rule::check`]. The runner turns frontend notes
//! into `PUL` diagnostics, runs the enabled rules with panic isolation, applies suppressions and
//! sorts the result.
//!
//! Architecture invariant: rules see the model only; this crate has no parser dependency.
//! Rules are silent on unknown values.

pub mod context;
pub mod edit;
pub mod json_text;
pub mod policy;
pub mod query;
pub mod registry;
pub mod rule;
pub mod rules;
pub mod runner;
pub mod settings;

pub use context::Ctx;
pub use registry::{all_rules, find_rule};
pub use rule::Rule;
pub use runner::lint;
pub use settings::Settings;
