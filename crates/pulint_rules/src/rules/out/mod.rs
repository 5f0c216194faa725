//! OUT: Pulumi Outputs and program structure.

pub mod output_in_json;
pub mod output_in_string;

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[&output_in_string::OutputInString, &output_in_json::OutputInJson];
