//! The catalogue: every family module lists its rules in `RULES`; this file joins them, sorted by
//! code. Codes are never reused.

use crate::rule::Rule;
use crate::rules::*;
use pulint_model::{Program, RuleMeta};
use std::sync::LazyLock;

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

static PUL_RULES: &[&dyn Rule] =
    &[&pul::SyntaxError, &pul::UnreadableFile, &pul::BudgetExceeded, &pul::InternalError, &pul::FragmentSyntaxError];

static RULES: LazyLock<Vec<&'static dyn Rule>> = LazyLock::new(|| {
    let families: [&[&'static dyn Rule]; 9] =
        [reg::RULES, net::RULES, sec::RULES, out::RULES, dep::RULES, val::RULES, ops::RULES, cost::RULES, PUL_RULES];
    let mut all: Vec<&'static dyn Rule> = families.into_iter().flatten().copied().collect();
    all.sort_by_key(|r| r.meta().code);
    all
});

pub fn all_rules() -> &'static [&'static dyn Rule] {
    &RULES
}

/// A rule by code or name.
pub fn find_rule(selector: &str) -> Option<&'static RuleMeta> {
    all_rules().iter().map(|r| r.meta()).find(|m| m.code.eq_ignore_ascii_case(selector) || m.name == selector)
}
