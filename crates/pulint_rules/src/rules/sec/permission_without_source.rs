//! SEC018 lambda-permission-without-source: a Lambda permission for an AWS service that does not
//! say which resource or account of that service may invoke the function.

use crate::query::{absent, args_complete, created_of, kind_and_name};
use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.lambda.Permission` whose principal is an AWS service
    /// (`apigateway.amazonaws.com`, `s3.amazonaws.com`, `events.amazonaws.com`, ...) and that has
    /// neither `sourceArn` nor `sourceAccount`.
    ///
    /// ## Why is this bad?
    /// Without a source the permission lets that service invoke the function on behalf of any
    /// resource, in any AWS account: someone else's API, bucket or rule can be pointed at the
    /// function (the confused-deputy problem). AWS's documentation asks for `SourceArn` (or
    /// `SourceAccount`) on every service-principal permission.
    ///
    /// ## Example
    /// ```python
    /// aws.lambda_.Permission("api-invoke", action="lambda:InvokeFunction", function=fn.name,
    ///     principal="apigateway.amazonaws.com")
    /// ```
    /// ```typescript
    /// new aws.lambda.Permission("api-invoke", { action: "lambda:InvokeFunction", function: fn.name,
    ///     principal: "apigateway.amazonaws.com" });
    /// ```
    ///
    /// ## Use instead
    /// Pass the invoking resource: `source_arn=api.execution_arn.apply(lambda a: f"{a}/*/*")` /
    /// ``sourceArn: pulumi.interpolate`${api.executionArn}/*/*` ``, or at least
    /// `source_account` / `sourceAccount`.
    pub LambdaPermissionWithoutSource { code: "SEC018", name: "lambda-permission-without-source", family: Sec, severity: Warning, status: Stable,
        summary: "a Lambda permission for an AWS service names no source resource or account" }
}

impl Rule for LambdaPermissionWithoutSource {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created_of(p, "aws:lambda/permission:Permission") {
            if !args_complete(r) || !absent(r, "sourceArn") || !absent(r, "sourceAccount") {
                continue;
            }
            let Some(principal) = r.arg("principal") else { continue };
            let Some(service) = p.str_of(principal) else { continue };
            if !service.ends_with(".amazonaws.com") {
                continue;
            }
            cx.report(
                cx.diagnostic(r.span, format!("{} lets `{service}` invoke the function for any resource in any account", kind_and_name("permission", r)))
                    .with_label(principal.span, "service principal without a source")
                    .with_help("set `source_arn` / `sourceArn` to the invoking resource, or `source_account` / `sourceAccount`"),
            );
        }
    }
}
