//! OPS: operations: names, tags, teardown, retention, hard-coded identifiers.

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[];
