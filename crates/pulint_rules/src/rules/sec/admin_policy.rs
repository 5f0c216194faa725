//! SEC005 broad-managed-policy: AWS managed policies that grant administrator or full access.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta, Value};

declare_rule! {
    /// ## What it does
    /// Flags attaching `AdministratorAccess`, `PowerUserAccess`, `IAMFullAccess` or any
    /// `...FullAccess` AWS managed policy to a role, user or group (`RolePolicyAttachment`,
    /// `PolicyAttachment`, `managedPolicyArns`).
    ///
    /// ## Why is this bad?
    /// Full-access policies allow every action of a service on every resource of the account,
    /// including deletion and, for IAM, privilege escalation. A Lambda or task that only reads one
    /// table can then wipe them all.
    ///
    /// ## Example
    /// ```python
    /// aws.iam.RolePolicyAttachment("ddb", role=role.name,
    ///     policy_arn="arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess")
    /// ```
    /// ```typescript
    /// new aws.iam.RolePolicyAttachment("ddb", { role: role.name,
    ///     policyArn: "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess" });
    /// ```
    ///
    /// ## Use instead
    /// A customer policy with the actions the code calls on the program's own resources, or a
    /// narrower managed policy (`AmazonDynamoDBReadOnlyAccess`, `AWSLambdaBasicExecutionRole`).
    pub BroadManagedPolicy { code: "SEC005", name: "broad-managed-policy", family: Sec, severity: Warning, status: Stable,
        summary: "an administrator or full-access AWS managed policy is attached" }
}

/// The managed policy name of an AWS-owned policy ARN, when it grants full or admin access.
fn broad(arn: &str) -> Option<&str> {
    let name = arn.strip_prefix("arn:aws:iam::aws:policy/")?;
    let short = name.rsplit('/').next().unwrap_or(name);
    (short == "AdministratorAccess" || short == "PowerUserAccess" || short.ends_with("FullAccess")).then_some(short)
}

impl Rule for BroadManagedPolicy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created(p) {
            let arns: Vec<&Value> = match r.token.as_str() {
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
                | "aws:iam/policyAttachment:PolicyAttachment"
                | "aws:iam/userPolicyAttachment:UserPolicyAttachment"
                | "aws:iam/groupPolicyAttachment:GroupPolicyAttachment" => r.arg("policyArn").into_iter().collect(),
                "aws:iam/role:Role" | "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive" => {
                    let list = r.arg("managedPolicyArns").or_else(|| r.arg("policyArns"));
                    list.and_then(Value::as_list).map(|l| l.iter().collect()).unwrap_or_default()
                }
                _ => Vec::new(),
            };
            for v in arns {
                let Some(name) = p.str_of(v).and_then(broad) else { continue };
                cx.report(
                    cx.diagnostic(query::anchor(v.span, r.span), format!("`{name}` grants far more than the workload needs"))
                        .with_help("attach a policy scoped to the actions and resources the workload uses"),
                );
            }
        }
    }
}
