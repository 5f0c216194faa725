//! OUT001 output-in-string: an Output turned into text by a plain string construct.

use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Observation, Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an Output (a resource attribute such as `bucket.arn`, an `apply` result, a secret)
    /// placed in an f-string, a template literal, `+` concatenation, `str()`, `.format()` or
    /// `join`.
    ///
    /// ## Why is this bad?
    /// An Output is not a string while the program runs. Python renders it as a warning text
    /// ("Calling __str__ on an Output[T] is not supported"), TypeScript as
    /// "Calling [toString] on an [Output<T>] is not supported". The resulting names, ARNs and
    /// policies are garbage: `pulumi up` fails, or worse, deploys a broken policy.
    ///
    /// ## Example
    /// ```python
    /// policy_arn = f"{bucket.arn}/*"
    /// ```
    /// ```typescript
    /// const policyArn = `${bucket.arn}/*`;
    /// ```
    ///
    /// ## Use instead
    /// `pulumi.Output.concat(bucket.arn, "/*")` or `bucket.arn.apply(lambda arn: f"{arn}/*")`;
    /// in TypeScript ``pulumi.interpolate`${bucket.arn}/*` ``.
    pub OutputInString { code: "OUT001", name: "output-in-string", family: Out, severity: Error, status: Stable,
        summary: "an Output is formatted into a string without apply or interpolate" }
}

impl Rule for OutputInString {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for o in &p.observations {
            let Observation::OutputInString { kind, output, span } = o else { continue };
            let what = pulint_model::dump::describe(p, output);
            let help = if p.sources.get(span.file).kind == pulint_model::FileKind::Python {
                "use `pulumi.Output.concat(...)`, `pulumi.Output.format(...)` or `.apply(...)`"
            } else {
                "use ``pulumi.interpolate`...` `` or `.apply(...)`"
            };
            cx.report(cx.diagnostic(*span, format!("{what} is an Output, and this {} turns it into placeholder text", kind.describe())).with_help(help));
        }
    }
}
