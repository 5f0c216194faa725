//! OUT002 output-in-json: an Output passed to `json.dumps` / `JSON.stringify`.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Observation, Program, RuleMeta, Span, Value};

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
        // Outputs written inside the call are pointed at; Outputs that reach the call from a
        // variable or parameter defined elsewhere are reported once per call, at the call.
        let mut elsewhere: Vec<(Span, Vec<&Value>)> = Vec::new();
        for o in &p.observations {
            let Observation::OutputInJson { output, span } = o else { continue };
            if query::anchor(output.span, *span) == output.span {
                let what = pulint_model::dump::describe(p, output);
                cx.report(
                    cx.diagnostic(output.span, format!("{what} is an Output, serialised to JSON before it has a value"))
                        .with_label(*span, "serialised here")
                        .with_help(HELP),
                );
            } else {
                match elsewhere.iter_mut().find(|(s, _)| s == span) {
                    Some((_, outputs)) => outputs.push(output),
                    None => elsewhere.push((*span, vec![output])),
                }
            }
        }
        for (span, mut outputs) in elsewhere {
            outputs.sort_by_key(|o| o.span);
            outputs.dedup_by_key(|o| o.span);
            // The same expression reached through several calls is one Output to the reader.
            let mut names: Vec<String> = Vec::new();
            for o in &outputs {
                let name = pulint_model::dump::describe(p, o);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            let what = &names[0];
            let message = match names.len() {
                1 => format!("{what} is an Output, serialised to JSON before it has a value"),
                2 => format!("{what} and 1 more Output are serialised to JSON before they have values"),
                n => format!("{what} and {} more Outputs are serialised to JSON before they have values", n - 1),
            };
            let mut d = cx.diagnostic(span, message);
            for o in &outputs {
                if o.span.start < o.span.end {
                    d = d.with_label(o.span, "this Output");
                }
            }
            cx.report(d.with_help(HELP));
        }
    }
}

const HELP: &str = "serialise inside `.apply(...)`, or use `pulumi.Output.json_dumps` / `pulumi.jsonStringify`";
