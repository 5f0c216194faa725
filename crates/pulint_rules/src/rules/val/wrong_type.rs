//! VAL035 wrong-type: a literal of another scalar type than the argument's, in TypeScript.

use super::args::Issue;
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags, in TypeScript, a literal whose type is not the argument's: `true` or `30` where the
    /// schema wants text (including the values of text maps such as a pipeline action's
    /// `configuration`), `"30"` where it wants a number, `"true"` where it wants a boolean.
    /// Python passes such values on and the provider converts them, so only TypeScript is judged.
    ///
    /// ## Why is this bad?
    /// The program does not compile (`Type 'boolean' is not assignable to type
    /// 'Input<string>'`), so `pulumi preview` fails before anything is planned.
    ///
    /// ## Example
    /// ```python
    /// # Python converts; not reported
    /// aws.lambda_.Function("fn", timeout="30", ...)
    /// ```
    /// ```typescript
    /// new aws.lambda.Function("fn", { timeout: "30", ... });
    /// ```
    ///
    /// ## Use instead
    /// The schema's type: `timeout: 30`; text map values as strings (`PollForSourceChanges: "true"`).
    pub WrongType { code: "VAL035", name: "wrong-type", family: Val, severity: Error, status: Stable,
        summary: "a literal of another type than the argument's, in TypeScript" }
}

impl Rule for WrongType {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _: &Program, cx: &mut Ctx) {
        for issue in cx.facts().argument_issues() {
            let Issue::Type { value, owner, expected, got } = issue else { continue };
            cx.report(cx.diagnostic(value.span, format!("{owner} takes {expected}, not {got}")).with_help(format!("write {expected}")));
        }
    }
}
