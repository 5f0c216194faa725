//! SEC019 lambda-tracing-without-xray-permission.
//!
//! No ordering rule goes with it: the AWS provider retries CreateFunction for about two minutes
//! on "The provided execution role does not have permissions", so an attachment created in
//! parallel arrives in time; only a permission that never comes fails the deployment.

use crate::policy::statements;
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, ResourceId, ResourceKind, RuleMeta, Span, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a Lambda function with active X-Ray tracing whose execution role is created by the
    /// program and whose policies, all known, never grant `xray:PutTraceSegments` (no matching
    /// action, `xray:*` or `*`, and no managed policy such as `AWSXRayDaemonWriteAccess`).
    ///
    /// ## Why is this bad?
    /// Lambda checks the role when the function is created: after retrying for a while, `pulumi up`
    /// fails with "The provided execution role does not have permissions to call PutTraceSegments
    /// on XRAY".
    ///
    /// ## Example
    /// ```python
    /// aws.iam.RolePolicyAttachment("logs", role=role.name,
    ///     policy_arn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
    /// aws.lambda_.Function("api", role=role.arn, runtime="python3.12", handler="app.handler",
    ///     code=code, tracing_config={"mode": "Active"})
    /// ```
    /// ```typescript
    /// new aws.iam.RolePolicyAttachment("logs", { role: role.name,
    ///     policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" });
    /// new aws.lambda.Function("api", { role: role.arn, runtime: "nodejs20.x", handler: "index.handler",
    ///     code, tracingConfig: { mode: "Active" } });
    /// ```
    ///
    /// ## Use instead
    /// Attach `arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess` to the role (or allow
    /// `xray:PutTraceSegments` and `xray:PutTelemetryRecords`).
    pub LambdaTracingWithoutXrayPermission { code: "SEC019", name: "lambda-tracing-without-xray-permission", family: Sec, severity: Error, status: Stable,
        summary: "a Lambda function traces with X-Ray but its role may not write traces" }
}

/// AWS managed policies that grant `xray:PutTraceSegments` (AWS docs: X-Ray, "Identity-based
/// policy examples" / "AWS managed policies for AWS X-Ray"; IAM docs for the job-function ones).
const MANAGED_WITH_XRAY: &[&str] = &[
    "AWSXRayDaemonWriteAccess",
    "AWSXrayWriteOnlyAccess",
    "AWSXRayFullAccess",
    "AWSXrayFullAccess",
    "AdministratorAccess",
    "PowerUserAccess",
];

/// AWS managed policies commonly attached to Lambda roles that do not grant it (AWS docs: Lambda,
/// "AWS managed policies for Lambda features"). Any other managed policy is not judged.
const MANAGED_WITHOUT_XRAY: &[&str] = &[
    "AWSLambdaBasicExecutionRole",
    "AWSLambdaVPCAccessExecutionRole",
    "AWSLambdaSQSQueueExecutionRole",
    "AWSLambdaKinesisExecutionRole",
    "AWSLambdaDynamoDBExecutionRole",
    "AWSLambdaMSKExecutionRole",
    "AWSLambdaENIManagementAccess",
    "AWSLambdaExecute",
    "CloudWatchLambdaInsightsExecutionRolePolicy",
];

/// Whether some policy of a role the program creates grants an action matching `action`
/// (`service:Name`). None when some policy of the role, or whether some policy applies to it, is
/// not known.
fn role_grants(p: &Program, role_id: ResourceId, action: &str, managed_with: &[&str], managed_without: &[&str]) -> Option<bool> {
    let managed = |name: &str| {
        if managed_with.contains(&name) {
            Some(true)
        } else if managed_without.contains(&name) {
            Some(false)
        } else {
            None
        }
    };
    role_allows(p, role_id, &|pattern| action_matches(pattern, action), &managed)
}

/// Whether some allowing statement of a policy of a role the program creates has an action for
/// which `grants` holds; an AWS managed policy is judged by `managed` (its name). None when some
/// policy of the role, or whether some policy applies to it, is not known.
pub(crate) fn role_allows(p: &Program, role_id: ResourceId, grants: &dyn Fn(&str) -> bool, managed: &dyn Fn(&str) -> Option<bool>) -> Option<bool> {
    let role = p.resource(role_id);
    if role.token != "aws:iam/role:Role" || role.kind != ResourceKind::Custom || !query::args_complete(role) {
        return None;
    }
    let mut out: Vec<bool> = Vec::new();
    if let Some(inline) = role.arg("inlinePolicies") {
        for item in p.resolve(inline).as_list()? {
            let Some(doc) = item.get("policy") else { continue };
            out.push(document_grants(p, doc, grants)?);
        }
    }
    if let Some(arns) = role.arg("managedPolicyArns") {
        for arn in p.resolve(arns).as_list()? {
            out.push(arn_grants(p, arn, grants, managed)?);
        }
    }
    for (_, r) in query::created(p) {
        let (target, policy): (Option<&Value>, Option<&Value>) = match r.token.as_str() {
            "aws:iam/rolePolicy:RolePolicy" => (r.arg("role"), r.arg("policy")),
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment" => (r.arg("role"), r.arg("policyArn")),
            "aws:iam/policyAttachment:PolicyAttachment" => (r.arg("roles"), r.arg("policyArn")),
            _ => continue,
        };
        let target = target?;
        if !query::args_complete(r) {
            return None;
        }
        // A role named by text or by an unknown value may be this one.
        let refs = query::referenced(target);
        if !refs.contains(&role_id) {
            if refs.is_empty() && r.token != "aws:iam/policyAttachment:PolicyAttachment" {
                return None;
            }
            continue;
        }
        let grants = match r.token.as_str() {
            "aws:iam/rolePolicy:RolePolicy" => document_grants(p, policy?, grants)?,
            _ => arn_grants(p, policy?, grants, managed)?,
        };
        out.push(grants);
    }
    Some(out.contains(&true))
}

/// Whether a managed policy ARN grants the action: an AWS managed policy pulint knows, or a
/// policy the program creates.
fn arn_grants(p: &Program, arn: &Value, grants: &dyn Fn(&str) -> bool, managed: &dyn Fn(&str) -> Option<bool>) -> Option<bool> {
    let arn = p.resolve(arn);
    if let Some(id) = arn.resource() {
        let policy = p.resource(id);
        if policy.token != "aws:iam/policy:Policy" || policy.kind != ResourceKind::Custom || !query::args_complete(policy) {
            return None;
        }
        return document_grants(p, policy.arg("policy")?, grants);
    }
    let text = arn.as_str()?;
    let name = text.strip_prefix("arn:aws:iam::aws:policy/").or_else(|| text.strip_prefix("arn:aws-us-gov:iam::aws:policy/"))?;
    managed(name.rsplit('/').next().unwrap_or(name))
}

/// Whether an allowing statement of the document has an action for which `grants` holds.
fn document_grants(p: &Program, doc: &Value, grants_action: &dyn Fn(&str) -> bool) -> Option<bool> {
    let mut grants = false;
    for s in statements(p, doc)? {
        if s.effect_allow == Some(false) {
            continue;
        }
        if s.not_actions || s.effect_allow.is_none() {
            return None;
        }
        for (a, _) in s.actions.as_ref()? {
            if a.contains("${?}") {
                return None;
            }
            grants |= grants_action(a);
        }
    }
    Some(grants)
}

/// IAM action matching: case-insensitive, `*` and `?` wildcards.
pub(crate) fn action_matches(pattern: &str, action: &str) -> bool {
    fn go(p: &[u8], a: &[u8]) -> bool {
        match (p.first(), a.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], a) || (!a.is_empty() && go(p, &a[1..])),
            (Some(b'?'), Some(_)) => go(&p[1..], &a[1..]),
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => go(&p[1..], &a[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), action.as_bytes())
}

/// Functions with active tracing whose role the program creates: (function, role, mode value).
fn traced_functions(p: &Program) -> Vec<(ResourceId, ResourceId, Span)> {
    let mut out = Vec::new();
    for (fid, f) in query::created_of(p, "aws:lambda/function:Function") {
        let Some(mode) = f.arg("tracingConfig").and_then(|t| p.resolve(t).get("mode")) else { continue };
        if p.str_of(mode) != Some("Active") {
            continue;
        }
        let Some(role) = f.arg("role").map(|r| p.resolve(r)) else { continue };
        if !matches!(&role.kind, ValueKind::Attr { .. }) {
            continue;
        }
        let Some(role_id) = role.resource() else { continue };
        out.push((fid, role_id, query::anchor(mode.span, f.span)));
    }
    out
}

impl Rule for LambdaTracingWithoutXrayPermission {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (fid, role_id, at) in traced_functions(p) {
            if role_grants(p, role_id, "xray:PutTraceSegments", MANAGED_WITH_XRAY, MANAGED_WITHOUT_XRAY) != Some(false) {
                continue;
            }
            let (f, role) = (p.resource(fid), p.resource(role_id));
            cx.report(
                cx.diagnostic(at, format!("function {} traces with X-Ray but no policy of its role {} allows `xray:PutTraceSegments`", query::name_of(f), query::name_of(role)))
                    .with_label(role.span, "role created here")
                    .with_help("attach `arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess` to the role"),
            );
        }
    }
}
