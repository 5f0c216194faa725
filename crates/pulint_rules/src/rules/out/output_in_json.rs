//! OUT002 output-in-json: an Output passed to `json.dumps` / `JSON.stringify`.

use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Observation, Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an Output nested in a value given to `json.dumps` or `JSON.stringify`.
    ///
    /// ## Why is this bad?
    /// Python's `json.dumps` raises `TypeError: Object of type Output is not JSON serializable`
    /// during `pulumi preview`; `JSON.stringify` silently writes the Output's internals, and the
    /// policy or configuration document is wrong at deploy time.
    ///
    /// ## Example
    /// ```python
    /// policy = json.dumps({"Statement": [{"Effect": "Allow", "Resource": bucket.arn}]})
    /// ```
    /// ```typescript
    /// const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Resource: bucket.arn }] });
    /// ```
    ///
    /// ## Use instead
    /// `bucket.arn.apply(lambda arn: json.dumps({...}))`, `pulumi.Output.json_dumps(...)`, or
    /// `pulumi.jsonStringify(...)`.
    pub OutputInJson { code: "OUT002", name: "output-in-json", family: Out, severity: Error, status: Stable,
        summary: "an Output is serialised with json.dumps / JSON.stringify" }
}

impl Rule for OutputInJson {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for o in &p.observations {
            let Observation::OutputInJson { output, span } = o else { continue };
            let what = pulint_model::dump::describe(p, output);
            cx.report(
                cx.diagnostic(output.span, format!("{what} is an Output, serialised to JSON before it has a value"))
                    .with_label(*span, "serialised here")
                    .with_help("serialise inside `.apply(...)`, or use `pulumi.Output.json_dumps` / `pulumi.jsonStringify`"),
            );
        }
    }
}
