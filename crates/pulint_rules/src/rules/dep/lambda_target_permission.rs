//! DEP004 lambda-target-before-permission: a Lambda function registered with a target group
//! before the load balancer may invoke it.

use super::waits_for;
use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a target group attachment whose target is a Lambda function of the program when no
    /// `aws.lambda.Permission` for `elasticloadbalancing.amazonaws.com` on that function exists,
    /// or when the attachment does not wait for it.
    ///
    /// ## Why is this bad?
    /// Elastic Load Balancing checks that it may invoke the function when the target is
    /// registered. Without the permission, or when Pulumi creates the attachment first (nothing
    /// orders the two), `pulumi up` fails with an access-denied error on the attachment.
    ///
    /// ## Example
    /// ```python
    /// aws.lambda_.Permission("alb-invoke", action="lambda:InvokeFunction", function=fn.name,
    ///     principal="elasticloadbalancing.amazonaws.com", source_arn=tg.arn)
    /// aws.lb.TargetGroupAttachment("fn-target", target_group_arn=tg.arn, target_id=fn.arn)
    /// ```
    /// ```typescript
    /// new aws.lambda.Permission("alb-invoke", { action: "lambda:InvokeFunction", function: fn.name,
    ///     principal: "elasticloadbalancing.amazonaws.com", sourceArn: tg.arn });
    /// new aws.lb.TargetGroupAttachment("fn-target", { targetGroupArn: tg.arn, targetId: fn.arn });
    /// ```
    ///
    /// ## Use instead
    /// Create the permission and list it in the attachment's `depends_on` / `dependsOn`.
    pub LambdaTargetBeforePermission { code: "DEP004", name: "lambda-target-before-permission", family: Dep, severity: Error, status: Stable,
        summary: "a Lambda target is attached before the load balancer may invoke it" }
}

const ATTACHMENTS: &[&str] = &["aws:lb/targetGroupAttachment:TargetGroupAttachment", "aws:alb/targetGroupAttachment:TargetGroupAttachment"];

impl Rule for LambdaTargetBeforePermission {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (aid, a) in query::created(p) {
            if !ATTACHMENTS.contains(&a.token.as_str()) {
                continue;
            }
            let Some(target) = a.arg("targetId") else { continue };
            let Some(f) = p.resolve(target).resource() else { continue };
            if p.resource(f).token != "aws:lambda/function:Function" {
                continue;
            }
            let mut permissions = query::created_of(p, "aws:lambda/permission:Permission").filter(|(_, perm)| {
                query::refers_to(perm, f) && perm.arg("principal").and_then(|v| p.str_of(v)) == Some("elasticloadbalancing.amazonaws.com")
            });
            let d = match permissions.next() {
                Some((pid, perm)) => {
                    if waits_for(p, aid, pid) != Some(false) || permissions.any(|(other, _)| waits_for(p, aid, other) != Some(false)) {
                        continue;
                    }
                    cx.diagnostic(a.span, format!("{} registers Lambda function {} without waiting for its invoke permission", query::kind_and_name("attachment", a), query::name_of(p.resource(f))))
                        .with_label(perm.span, "the permission for Elastic Load Balancing")
                        .with_help("add the permission to the attachment's `depends_on` / `dependsOn`")
                }
                None => {
                    // A permission written with arguments pulint cannot see may be the one.
                    if query::created_of(p, "aws:lambda/permission:Permission").any(|(_, perm)| !query::args_complete(perm)) {
                        continue;
                    }
                    cx.diagnostic(a.span, format!("{} registers Lambda function {} but no permission lets Elastic Load Balancing invoke it", query::kind_and_name("attachment", a), query::name_of(p.resource(f))))
                        .with_help("create an `aws.lambda.Permission` for `elasticloadbalancing.amazonaws.com` and make the attachment depend on it")
                }
            };
            cx.report(d);
        }
    }
}
