//! The rule trait and the declaration macro that keeps a rule's docs beside its code.

use crate::context::Ctx;
use pulint_model::{Program, RuleMeta};

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, program: &Program, cx: &mut Ctx);
}

/// Declares a rule: a unit struct and its [`RuleMeta`], docs taken from the `///` lines.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub OpenIngress { code: "SEC001", name: "open-ingress", family: Sec, severity: Error,
///                       status: Stable, summary: "security group ingress open to the internet" }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub $name:ident {
            code: $code:literal, name: $kebab:literal, family: $family:ident, severity: $sev:ident,
            status: $status:ident, summary: $summary:literal $(,)?
        }
    ) => {
        pub struct $name;
        impl $name {
            pub const META: pulint_model::RuleMeta = pulint_model::RuleMeta {
                code: $code,
                name: $kebab,
                family: pulint_model::Family::$family,
                severity: pulint_model::Severity::$sev,
                status: pulint_model::Status::$status,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}
