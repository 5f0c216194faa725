//! SEC009 public-function-url: a Lambda function URL without authentication.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `aws.lambda.FunctionUrl` with `authorizationType: "NONE"`.
    ///
    /// ## Why is this bad?
    /// Anyone who finds the URL can invoke the function, as often as they like, at the account's
    /// expense. Without an `aws.lambda.Permission` for `lambda:InvokeFunctionUrl` the URL also
    /// answers 403, so the endpoint is either broken or wide open.
    ///
    /// ## Example
    /// ```python
    /// aws.lambda_.FunctionUrl("url", function_name=fn.name, authorization_type="NONE")
    /// ```
    /// ```typescript
    /// new aws.lambda.FunctionUrl("url", { functionName: fn.name, authorizationType: "NONE" });
    /// ```
    ///
    /// ## Use instead
    /// `authorizationType: "AWS_IAM"` and sign requests, or put API Gateway with an authorizer in
    /// front of the function.
    pub PublicFunctionUrl { code: "SEC009", name: "public-function-url", family: Sec, severity: Warning, status: Stable,
        summary: "a Lambda function URL accepts unauthenticated requests" }
}

impl Rule for PublicFunctionUrl {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created_of(p, "aws:lambda/functionUrl:FunctionUrl") {
            let Some(v) = r.arg("authorizationType") else { continue };
            if p.str_of(v) != Some("NONE") {
                continue;
            }
            let permitted = query::created_of(p, "aws:lambda/permission:Permission")
                .any(|(_, perm)| perm.arg("action").and_then(|a| p.str_of(a)) == Some("lambda:InvokeFunctionUrl"));
            let tail = if permitted { "anyone on the internet can invoke the function" } else { "it is public, and without a `lambda:InvokeFunctionUrl` permission it also answers 403" };
            cx.report(
                cx.diagnostic(query::anchor(v.span, r.span), format!("function URL {} has no authentication: {tail}", query::name_of(r)))
                    .with_help("use `AWS_IAM` authorization, or an API Gateway authorizer in front of the function"),
            );
        }
    }
}
