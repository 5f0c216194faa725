//! OUT: Pulumi Outputs and program structure.

pub mod output_in_json;
pub mod output_in_string;
