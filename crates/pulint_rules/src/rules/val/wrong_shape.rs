//! VAL003 wrong-shape: a list where the schema wants one object, or the reverse.

use super::args::Issue;
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an argument whose value is a list where the schema expects a single object or value,
    /// or an object where it expects a list or a plain value.
    ///
    /// ## Why is this bad?
    /// The provider rejects the value at preview ("expected object, got list"). The shapes changed
    /// between major versions (v7 made `versioning`, `logging` and the server-side encryption rule
    /// of `s3.Bucket` single objects), so code copied from older examples often has the old one.
    ///
    /// ## Example
    /// ```python
    /// aws.s3.Bucket("logs", versioning=[{"enabled": True}])
    /// ```
    /// ```typescript
    /// new aws.s3.Bucket("logs", { versioning: [{ enabled: true }] });
    /// ```
    ///
    /// ## Use instead
    /// The shape the schema names: `versioning={"enabled": True}` / `versioning: { enabled: true }`.
    pub WrongShape { code: "VAL003", name: "wrong-shape", family: Val, severity: Error, status: Stable,
        summary: "an argument is a list where one object is expected, or the reverse" }
}

impl Rule for WrongShape {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _: &Program, cx: &mut Ctx) {
        for issue in cx.facts().argument_issues() {
            {
                let Issue::Shape { key, owner, expected, got } = issue else { continue };
                cx.report(
                    cx.diagnostic(key.value.span, format!("{owner} expects {expected}, not {got}"))
                        .with_help(format!("write {expected}")),
                );
            }
        }
    }
}
