//! THE list of rules, sorted by code. Codes are never reused.

use crate::rule::Rule;
use crate::rules::*;
use pulint_model::{Program, RuleMeta};

/// Tool rules are raised by the runner, never by `check`.
macro_rules! tool_rule {
    ($($t:ty),*) => {$(
        impl Rule for $t {
            fn meta(&self) -> &'static RuleMeta { &<$t>::META }
            fn check(&self, _: &Program, _: &mut crate::Ctx) {}
        }
    )*};
}
tool_rule!(pul::SyntaxError, pul::UnreadableFile, pul::BudgetExceeded, pul::InternalError, pul::FragmentSyntaxError);

static RULES: &[&dyn Rule] = &[
    &out::output_in_string::OutputInString,
    &out::output_in_json::OutputInJson,
    &pul::SyntaxError,
    &pul::UnreadableFile,
    &pul::BudgetExceeded,
    &pul::InternalError,
    &pul::FragmentSyntaxError,
    &reg::missing_provider::MissingProvider,
    &sec::open_ingress::OpenIngress,
    &sec::hardcoded_secret::HardcodedSecret,
];

pub fn all_rules() -> &'static [&'static dyn Rule] {
    RULES
}

/// A rule by code or name.
pub fn find_rule(selector: &str) -> Option<&'static RuleMeta> {
    RULES.iter().map(|r| r.meta()).find(|m| m.code.eq_ignore_ascii_case(selector) || m.name == selector)
}
