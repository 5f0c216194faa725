//! REG: regions and providers.

pub mod missing_provider;

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[&missing_provider::MissingProvider];
