//! OPS002 lambda-log-group-mismatch: a log group meant for a Lambda function that the function
//! never writes to.

use super::common::{literal_prefix, render};
use crate::query::{absent, args_complete, created_as, created_of, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{PathElem, Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.cloudwatch.LogGroup` meant for a Lambda function that the function will not
    /// use: one whose `/aws/lambda/...` (or other `/aws/...`) path is only its logical name, with
    /// no `name` argument, so Pulumi appends a random suffix to it; and one named
    /// `/aws/lambda/<name>` where no Lambda function of the program has that name (for example
    /// because the function is auto-named).
    ///
    /// ## Why is this bad?
    /// Lambda writes to the log group `/aws/lambda/<function name>` and creates it on first
    /// invocation if it does not exist. The log group the program created stays empty, and the
    /// real one has no retention, no encryption and is not managed by the stack.
    ///
    /// ## Example
    /// ```python
    /// fn = aws.lambda_.Function("processor", runtime="python3.12", handler="index.handler", role=role.arn, code=code)
    /// aws.cloudwatch.LogGroup("processor-logs", name="/aws/lambda/processor", retention_in_days=14)
    /// ```
    /// ```typescript
    /// const fn = new aws.lambda.Function("processor", { runtime: "nodejs20.x", handler: "index.handler", role: role.arn, code });
    /// new aws.cloudwatch.LogGroup("processor-logs", { name: "/aws/lambda/processor", retentionInDays: 14 });
    /// ```
    ///
    /// ## Use instead
    /// Derive the log group name from the function: `name=fn.name.apply(lambda n: f"/aws/lambda/{n}")`
    /// / ``name: pulumi.interpolate`/aws/lambda/${fn.name}` ``, or give the function an explicit
    /// `name` and build both from it.
    pub LambdaLogGroupMismatch { code: "OPS002", name: "lambda-log-group-mismatch", family: Ops, severity: Warning, status: Stable,
        summary: "a log group meant for a Lambda function does not match the function's name" }
}

const FUNCTION: &str = "aws:lambda/function:Function";

impl Rule for LambdaLogGroupMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // The names of the program's functions; None when one is not known.
        let mut fns = Vec::new();
        let mut all_known = true;
        for (id, f) in created_of(p, FUNCTION) {
            let name = if absent(f, "name") { None } else { render(p, f.arg("name").unwrap()) };
            if !args_complete(f) || (!absent(f, "name") && name.is_none()) {
                all_known = false;
            }
            fns.push((id, f, name));
        }
        for (_, r) in created_as(p, "aws:cloudwatch/logGroup:LogGroup") {
            if !args_complete(r) {
                continue;
            }
            if absent(r, "name") && r.arg("namePrefix").is_none() && !super::common::elided(p, r.span) {
                let Some(prefix) = literal_prefix(&r.name) else { continue };
                if prefix.starts_with("/aws/") {
                    let logical = render(p, &r.name).map(|n| shown(&n)).unwrap_or_else(|| format!("{prefix}..."));
                    cx.report(
                        cx.diagnostic(r.span, format!("log group {} has no `name`: its physical name is the logical name `{logical}` plus a random suffix, so no service writes to it", name_of(r)))
                            .with_help("pass the path as `name` (derived from the function's name for Lambda)"),
                    );
                }
                continue;
            }
            let Some(name) = r.arg("name") else { continue };
            let Some(rendered) = render(p, name) else { continue };
            let Some(fn_name) = rendered.strip_prefix("/aws/lambda/") else { continue };
            if fns.is_empty() || !all_known {
                continue;
            }
            // Built from a function's own `name` output.
            let from_output = fns.iter().any(|(id, _, _)| fn_name == format!("\u{1}#{}.{:?}\u{1}", id.0, PathElem::Attr("name".into())));
            if from_output || fns.iter().any(|(_, _, n)| n.as_deref() == Some(fn_name)) {
                continue;
            }
            let autonamed = fns.iter().find(|(_, f, n)| n.is_none() && render(p, &f.name).as_deref() == Some(fn_name));
            // A name built from expressions pulint cannot evaluate only counts as evidence when it
            // is exactly the logical name of an auto-named function.
            if fn_name.contains("\u{1}txt:") && autonamed.is_none() {
                continue;
            }
            let mut d = cx.diagnostic(crate::query::anchor(name.span, r.span), format!("log group `/aws/lambda/{}` matches no Lambda function's name, so no function writes to it", shown(fn_name)));
            if let Some((_, f, _)) = autonamed {
                d = d.with_label(f.span, format!("function {} has no `name`: Pulumi appends a random suffix to its logical name", name_of(f)));
            }
            cx.report(d.with_help("build the log group name from the function's `name` output, or name the function explicitly"));
        }
    }
}

/// A rendering for messages: markers of dynamic parts as `{key}` / `{...}`.
pub fn shown(s: &str) -> String {
    let mut out = String::new();
    for (i, piece) in s.split('\u{1}').enumerate() {
        if i % 2 == 0 {
            out.push_str(piece);
        } else if let Some(key) = piece.strip_prefix("cfg:") {
            out.push_str(&format!("{{{key}}}"));
        } else if let Some(rest) = piece.strip_prefix("txt:") {
            out.push_str(&format!("{{{}}}", rest.split_once(':').map(|(_, t)| t).unwrap_or(rest)));
        } else {
            out.push_str("{...}");
        }
    }
    out
}
