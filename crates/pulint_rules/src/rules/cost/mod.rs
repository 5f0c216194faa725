//! COST: cost: expensive defaults.

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[];
