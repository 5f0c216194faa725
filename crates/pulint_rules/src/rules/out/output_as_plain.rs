//! OUT011 output-as-plain-value: an Output used where a plain bool, number or string is needed.

use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Observation, Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an Output (a resource attribute, an `apply` result, an `...Output` invoke) compared
    /// with `==` / `===` (or ordered), used in arithmetic or passed to `len()`. Testing an Output
    /// as a condition is not flagged: `if x:` is also how programs ask whether an optional Output
    /// (`config.get_secret`, a helper that may return `None`) was given at all.
    ///
    /// ## Why is this bad?
    /// While the program runs an Output is a promise-like object, not its value. Compared with a
    /// value it is never equal; in arithmetic it raises a
    /// `TypeError` (Python) or produces text like `[object Object]1` (TypeScript); `len()` of it
    /// fails. The branch the program takes, or the number it computes, has nothing to do with the
    /// deployed value.
    ///
    /// ## Example
    /// ```python
    /// if vpc.cidr_block == "10.0.0.0/16":
    ///     aws.ec2.Subnet("extra", vpc_id=vpc.id, cidr_block="10.0.200.0/24")
    /// ```
    /// ```typescript
    /// if (vpc.cidrBlock === "10.0.0.0/16") {
    ///     new aws.ec2.Subnet("extra", { vpcId: vpc.id, cidrBlock: "10.0.200.0/24" });
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Decide from configuration or plain values known before deployment; to derive a value
    /// from an Output use `.apply(lambda v: ...)` / `.apply(v => ...)` and keep the result an
    /// Output.
    pub OutputAsPlainValue { code: "OUT011", name: "output-as-plain-value", family: Out, severity: Error, status: Stable,
        summary: "an Output is compared or computed with as if it were its value" }
}

impl Rule for OutputAsPlainValue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let mut seen = Vec::new();
        for o in &p.observations {
            let Observation::OutputAsPlain { output, span, context } = o else { continue };
            if *context == "condition" || seen.contains(span) {
                continue;
            }
            seen.push(*span);
            let what = pulint_model::dump::describe(p, output);
            let effect = match *context {
                "comparison" => "compared with a value it is never equal",
                "len" => "`len()` of it fails",
                _ => "arithmetic on it does not use its value",
            };
            cx.report(
                cx.diagnostic(*span, format!("{what} is an Output, not its value: {effect}"))
                    .with_help("decide from configuration or plain values, or compute inside `.apply(...)`"),
            );
        }
    }
}
