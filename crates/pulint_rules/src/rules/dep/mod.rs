//! DEP: ordering: what must exist before a resource is created.

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[];
