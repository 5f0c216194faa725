//! OUT: Pulumi Outputs and program structure.

pub mod all_list_in_string;
pub mod attribute_before_assignment;
pub mod export_in_component;
pub mod hardcoded_vpc_cidr;
pub mod missing_parent;
pub mod missing_register_outputs;
pub mod namespaced_config_default;
pub mod no_stack_outputs;
pub mod output_as_plain;
pub mod output_in_json;
pub mod output_in_string;
pub mod resource_in_apply;
pub mod wrong_import_path;

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[
    &output_in_string::OutputInString,
    &output_in_json::OutputInJson,
    &missing_register_outputs::MissingRegisterOutputs,
    &missing_parent::MissingParent,
    &wrong_import_path::WrongImportPath,
    &namespaced_config_default::NamespacedConfigDefault,
    &resource_in_apply::ResourceInApply,
    &hardcoded_vpc_cidr::HardcodedVpcCidr,
    &export_in_component::ExportInComponent,
    &no_stack_outputs::NoStackOutputs,
    &output_as_plain::OutputAsPlainValue,
    &attribute_before_assignment::AttributeBeforeAssignment,
    &all_list_in_string::AllListInString,
];

/// True when a source line is only a comment.
pub(crate) fn in_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with("//") || t.starts_with('*') || t.starts_with("/*")
}
