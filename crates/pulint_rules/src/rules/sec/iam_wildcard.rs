//! SEC003 iam-wildcard-action and SEC004 iam-wildcard-resource: identity policies that allow
//! every action of a service, or resource-scoped actions on every resource.

use crate::policy::{statements, Statement};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, Resource, RuleMeta, Value};

declare_rule! {
    /// ## What it does
    /// Flags an `Allow` statement of an IAM identity policy (`aws.iam.Policy`, `RolePolicy`,
    /// `UserPolicy`, `GroupPolicy`, a role's `inlinePolicies`) whose actions include `*` or a
    /// whole service (`s3:*`, `dynamodb:*`).
    ///
    /// ## Why is this bad?
    /// It grants every present and future action of the service, including deletes and
    /// permission changes. A compromised function or task can then destroy or exfiltrate
    /// everything the service holds. Nothing fails at deploy time; the exposure is permanent.
    ///
    /// ## Example
    /// ```python
    /// aws.iam.RolePolicy("p", role=role.id, policy=json.dumps({"Version": "2012-10-17",
    ///     "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
    /// ```
    /// ```typescript
    /// new aws.iam.RolePolicy("p", { role: role.id, policy: JSON.stringify({ Version: "2012-10-17",
    ///     Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }) });
    /// ```
    ///
    /// ## Use instead
    /// List the actions the code calls (`s3:GetObject`, `s3:PutObject`) on the resources it uses.
    pub IamWildcardAction { code: "SEC003", name: "iam-wildcard-action", family: Sec, severity: Warning, status: Stable,
        summary: "an IAM policy allows every action of a service" }
}

declare_rule! {
    /// ## What it does
    /// Flags an `Allow` statement of an IAM identity policy that grants resource-scoped actions
    /// (`secretsmanager:GetSecretValue`, `dynamodb:PutItem`, `logs:PutLogEvents`, ...) on every
    /// resource: `"*"`, or an ARN whose account or region and resource name are wildcards
    /// (`arn:aws:logs:*:*:*`). Actions that only work on `*` (`Describe*`, `List*`,
    /// `xray:PutTraceSegments`, `cloudwatch:PutMetricData`, `ecr:GetAuthorizationToken`, the ENI
    /// actions a VPC Lambda needs) are not flagged.
    ///
    /// ## Why is this bad?
    /// The role can read every secret, write every table or log group of the account, not just
    /// the ones the program creates. It deploys fine and widens every compromise.
    ///
    /// ## Example
    /// ```python
    /// {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": "*"}
    /// ```
    /// ```typescript
    /// { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: "*" }
    /// ```
    ///
    /// ## Use instead
    /// Name the resources: `secret.arn`, `table.arn`, `pulumi.interpolate`${logGroup.arn}:*``.
    pub IamWildcardResource { code: "SEC004", name: "iam-wildcard-resource", family: Sec, severity: Warning, status: Stable,
        summary: "an IAM policy grants resource-scoped actions on every resource" }
}

/// The identity policy documents of a resource, with the value each came from.
pub(crate) fn identity_policies(r: &Resource) -> Vec<&Value> {
    match r.token.as_str() {
        "aws:iam/policy:Policy" | "aws:iam/rolePolicy:RolePolicy" | "aws:iam/userPolicy:UserPolicy" | "aws:iam/groupPolicy:GroupPolicy" => {
            r.arg("policy").into_iter().collect()
        }
        "aws:iam/role:Role" => match r.arg("inlinePolicies").and_then(Value::as_list) {
            Some(items) => items.iter().filter_map(|i| i.get("policy")).collect(),
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn allow_statements(p: &Program) -> Vec<(&Resource, Statement)> {
    let mut out = Vec::new();
    for (_, r) in query::created(p) {
        for doc in identity_policies(r) {
            for s in statements(p, doc).unwrap_or_default() {
                if s.effect_allow == Some(true) && !s.not_actions {
                    out.push((r, s));
                }
            }
        }
    }
    out
}

fn is_service_wildcard(action: &str) -> bool {
    action == "*" || action.split_once(':').is_some_and(|(svc, a)| !svc.is_empty() && a == "*")
}

impl Rule for IamWildcardAction {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (r, s) in allow_statements(p) {
            for (action, span) in s.actions.iter().flatten() {
                if !is_service_wildcard(action) {
                    continue;
                }
                let what = if action == "*" { "every action of every service".to_string() } else { format!("every `{}` action", action.trim_end_matches(":*")) };
                let (at, used) = query::literal_and_use(*span, r.span);
                let mut d = cx.diagnostic(at, format!("`{action}` allows {what}")).with_help("list only the actions the workload calls");
                if let Some(site) = used {
                    d = d.with_label(site, "in the policy of this resource");
                }
                cx.report(d);
            }
        }
    }
}

/// Actions that AWS only authorises on `*` (no resource-level permissions), or read-only
/// discovery calls. Source: the AWS Service Authorization Reference ("Resource types" column
/// empty) for these actions.
fn needs_star(action: &str) -> bool {
    let Some((svc, name)) = action.split_once(':') else { return true };
    if name.contains('*') && !name.starts_with("Describe") && !name.starts_with("List") && !name.starts_with("Get") {
        return false;
    }
    name.starts_with("Describe")
        || name.starts_with("List")
        || svc == "xray"
        // Configuration metadata that audit and compliance tools read across the account (as
        // AWS's SecurityAudit policy grants): bucket settings, IAM entities.
        || svc == "s3" && (name.starts_with("GetBucket") || name == "GetEncryptionConfiguration" || name == "GetAccountPublicAccessBlock")
        || svc == "iam" && name.starts_with("Get")
        || matches!(
            action,
            "cloudwatch:PutMetricData"
                | "cloudwatch:GetMetricData"
                | "cloudwatch:GetMetricStatistics"
                | "ecr:GetAuthorizationToken"
                | "sts:GetCallerIdentity"
                | "ec2:CreateNetworkInterface"
                | "ec2:DeleteNetworkInterface"
                | "ec2:AssignPrivateIpAddresses"
                | "ec2:UnassignPrivateIpAddresses"
                | "secretsmanager:GetRandomPassword"
                | "s3:GetBucketLocation"
                | "logs:CreateLogDelivery"
                | "logs:GetLogDelivery"
                | "logs:UpdateLogDelivery"
                | "logs:DeleteLogDelivery"
                | "logs:PutResourcePolicy"
                | "logs:DescribeResourcePolicies"
                | "iam:PassRole"
                | "tag:GetResources"
                | "kms:CreateKey"
                | "ssm:GetParametersByPath"
                | "autoscaling:SetDesiredCapacity"
                | "ecs:RegisterTaskDefinition"
                | "ecs:DeregisterTaskDefinition"
                | "ecs:DescribeTaskDefinition"
                | "apigateway:GET"
                | "cloudfront:CreateInvalidation"
                | "ses:SendEmail"
                | "ses:SendRawEmail"
                | "events:PutEvents"
                | "codebuild:ListProjects"
                | "translate:TranslateText"
                | "translate:TranslateDocument"
                | "route53:CreateHostedZone"
                | "cognito-idp:CreateUserPool"
        )
}

/// The log-writing trio that AWS's own `AWSLambdaBasicExecutionRole` grants on `*`: scoping it is
/// good practice, but flagging it would bury the findings that matter.
const LOG_WRITES: &[&str] = &["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"];

/// True for `*` and for ARNs that name every resource of a service in any account or region.
fn every_resource(arn: &str) -> bool {
    if arn == "*" {
        return true;
    }
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    if parts.len() < 6 || parts[0] != "arn" {
        return false;
    }
    let (region, account, resource) = (parts[3], parts[4], parts[5]);
    // `table/*` names every table; `secret:payment/*` only the secrets under a name prefix.
    let all_names = resource == "*" || resource.ends_with("/*") && !resource[..resource.len() - 2].contains(['/', ':', '$', '{', '*']);
    all_names && (region == "*" || account == "*" || resource == "*")
}

impl Rule for IamWildcardResource {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (r, s) in allow_statements(p) {
            let (Some(actions), Some(resources)) = (&s.actions, &s.resources) else { continue };
            let scoped: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).filter(|a| !is_service_wildcard(a) && !needs_star(a) && !LOG_WRITES.contains(a)).collect();
            let Some(first) = scoped.first() else { continue };
            let Some((arn, span)) = resources.iter().find(|(arn, _)| every_resource(arn)) else { continue };
            if s.has_condition {
                continue;
            }
            let more = if scoped.len() > 1 { format!(" and {} more", scoped.len() - 1) } else { String::new() };
            let (at, used) = query::literal_and_use(*span, r.span);
            let mut d = cx
                .diagnostic(at, format!("`{first}`{more} granted on `{arn}`, every resource of the account"))
                .with_help("name the resources the program creates (their `.arn`) instead of a wildcard");
            if let Some(site) = used {
                d = d.with_label(site, "in the policy of this resource");
            }
            cx.report(d);
        }
    }
}
