//! OPS011 lambda-no-log-group: a Lambda function whose log group the program does not manage.

use super::common::{literal_prefix, render};
use crate::query::{absent, args_complete, created_as, created_of, name_of, referenced};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.lambda.Function` for which the program creates no
    /// `aws.cloudwatch.LogGroup` named `/aws/lambda/<function name>` (or built from the
    /// function's `name` output), and no `loggingConfig` pointing the function elsewhere.
    ///
    /// ## Why is this bad?
    /// Lambda creates its log group on the first invocation, with no retention: the logs are
    /// kept (and billed) forever, are not encrypted with the stack's key, and survive
    /// `pulumi destroy`.
    ///
    /// ## Example
    /// ```python
    /// aws.lambda_.Function("handler", runtime="python3.12", handler="index.handler",
    ///     role=role.arn, code=pulumi.FileArchive("./app"))
    /// ```
    /// ```typescript
    /// new aws.lambda.Function("handler", { runtime: "nodejs20.x", handler: "index.handler",
    ///     role: role.arn, code: new pulumi.asset.FileArchive("./app") });
    /// ```
    ///
    /// ## Use instead
    /// Create the log group with a retention period, named from the function:
    /// ``name: pulumi.interpolate`/aws/lambda/${fn.name}` ``, `retentionInDays: 14`.
    pub LambdaNoLogGroup { code: "OPS011", name: "lambda-no-log-group", family: Ops, severity: Info, status: Stable,
        summary: "a Lambda function's log group is not managed by the program" }
}

/// Where Lambda writes a function's logs: `/aws/lambda/<function name>`.
const LAMBDA_LOGS: &str = "/aws/lambda/";

impl Rule for LambdaNoLogGroup {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // Log groups that may belong to a function: named under `/aws/lambda/`, or named in a way
        // pulint cannot read. A name whose known start is another path (`/aws/config/...`) cannot.
        let groups: Vec<_> = created_as(p, "aws:cloudwatch/logGroup:LogGroup")
            .map(|(_, g)| g)
            .filter(|g| match g.arg("name") {
                None => !args_complete(g),
                Some(n) => literal_prefix(n).is_none_or(|pre| pre.starts_with(LAMBDA_LOGS) || LAMBDA_LOGS.starts_with(pre)),
            })
            .collect();
        // A log group whose name pulint cannot read may be any function's.
        if groups.iter().any(|g| !args_complete(g) || g.arg("name").is_some_and(|n| render(p, n).is_none())) {
            return;
        }
        for (id, f) in created_of(p, "aws:lambda/function:Function") {
            if !args_complete(f) || f.multiplicity != pulint_model::Multiplicity::One || super::common::elided(p, f.span) || !absent(f, "loggingConfig") {
                continue;
            }
            let own = if absent(f, "name") { None } else { f.arg("name").and_then(|n| render(p, n)) };
            // An unreadable function name can only be judged when no log group may be Lambda's.
            if !absent(f, "name") && own.is_none() && !groups.is_empty() {
                continue;
            }
            let covered = groups.iter().any(|g| {
                let Some(n) = g.arg("name") else { return false };
                referenced(n).contains(&id) || own.as_ref().is_some_and(|o| render(p, n).as_deref() == Some(&format!("{LAMBDA_LOGS}{o}")))
            });
            // A log group the function depends on explicitly was meant for it.
            let depends = f.options.depends_on().iter().any(|d| d.resource().is_some_and(|r| p.resource(r).token == "aws:cloudwatch/logGroup:LogGroup"));
            if !covered && !depends {
                cx.report(
                    cx.diagnostic(f.span, format!("function {} has no log group of its name: Lambda creates one without retention", name_of(f)))
                        .with_help("create `/aws/lambda/<function name>` as an `aws.cloudwatch.LogGroup` with `retentionInDays`"),
                );
            }
        }
    }
}
