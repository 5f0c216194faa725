//! SEC023 lambda-role-missing-access.

use super::lambda_tracing::{action_matches, role_allows};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::value::AssetKind;
use pulint_model::{PathElem, Program, ResourceId, ResourceKind, RuleMeta, Span, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an execution role created by the program whose Lambda function's environment
    /// variables name a resource the program creates (a Secrets Manager secret, a Kinesis stream,
    /// a DynamoDB table, an SQS queue or an SNS topic, by its ARN, name, ID or URL) while the
    /// role's policies, all known, allow no action of that resource's service (no
    /// `secretsmanager:...`, `kinesis:...`, `dynamodb:...`, `sqs:...` or `sns:...` action and no
    /// `*`). AWS managed policies are judged only when pulint knows what they grant, and a
    /// resource with a resource policy of its own is left alone, and so is a variable that inline
    /// function code never mentions.
    ///
    /// ## Why is this bad?
    /// The deployment succeeds, but the function fails with `AccessDenied` the first time it reads
    /// the secret, puts a record, queries the table, sends the message or publishes.
    ///
    /// ## Example
    /// ```python
    /// role = aws.iam.Role("fn", assume_role_policy=assume,
    ///     managed_policy_arns=["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"])
    /// aws.lambda_.Function("api", role=role.arn, runtime="python3.12", handler="app.handler",
    ///     code=code, environment={"variables": {"SECRET_ARN": secret.arn}})
    /// ```
    /// ```typescript
    /// const role = new aws.iam.Role("fn", { assumeRolePolicy: assume,
    ///     managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"] });
    /// new aws.lambda.Function("api", { role: role.arn, runtime: "nodejs20.x", handler: "index.handler",
    ///     code, environment: { variables: { SECRET_ARN: secret.arn } } });
    /// ```
    ///
    /// ## Use instead
    /// Give the role a policy allowing the actions the function performs on that resource, such
    /// as `secretsmanager:GetSecretValue` on the secret's ARN.
    pub LambdaRoleMissingAccess { code: "SEC023", name: "lambda-role-missing-access", family: Sec, severity: Error, status: Stable,
        summary: "a Lambda function's environment names a resource its role has no permission on" }
}

/// Resource types a function is given in its environment to use, with their IAM service prefix,
/// a word for messages, and the resource-policy types that may grant the role access instead.
const TARGETS: &[(&str, &str, &str, &[&str])] = &[
    ("aws:secretsmanager/secret:Secret", "secretsmanager", "secret", &["aws:secretsmanager/secretPolicy:SecretPolicy"]),
    ("aws:kinesis/stream:Stream", "kinesis", "stream", &["aws:kinesis/resourcePolicy:ResourcePolicy"]),
    ("aws:dynamodb/table:Table", "dynamodb", "table", &["aws:dynamodb/resourcePolicy:ResourcePolicy"]),
    ("aws:sqs/queue:Queue", "sqs", "queue", &["aws:sqs/queuePolicy:QueuePolicy"]),
    ("aws:sns/topic:Topic", "sns", "topic", &["aws:sns/topicPolicy:TopicPolicy"]),
];

/// The services AWS managed policies commonly attached to Lambda roles grant actions of (AWS
/// docs: "AWS managed policies for Lambda features", X-Ray, IAM job functions); `*` is every
/// service. Any other managed policy is not judged.
const MANAGED: &[(&str, &[&str])] = &[
    ("AWSLambdaBasicExecutionRole", &["logs"]),
    ("AWSLambdaVPCAccessExecutionRole", &["logs", "ec2"]),
    ("AWSLambdaENIManagementAccess", &["ec2"]),
    ("AWSLambdaSQSQueueExecutionRole", &["logs", "sqs"]),
    ("AWSLambdaKinesisExecutionRole", &["logs", "kinesis"]),
    ("AWSLambdaDynamoDBExecutionRole", &["logs", "dynamodb"]),
    ("AWSLambdaMSKExecutionRole", &["logs", "ec2", "kafka"]),
    ("AWSLambdaExecute", &["logs", "s3"]),
    ("CloudWatchLambdaInsightsExecutionRolePolicy", &["logs"]),
    ("AWSXRayDaemonWriteAccess", &["xray"]),
    ("AWSXrayWriteOnlyAccess", &["xray"]),
    ("AdministratorAccess", &["*"]),
    ("PowerUserAccess", &["*"]),
];

/// Whether an action pattern can match some action of `service` (`sqs:Send*`, `sqs:*`, `*`).
fn pattern_covers(pattern: &str, service: &str) -> bool {
    match pattern.split_once(':') {
        Some((svc, _)) => action_matches(svc, service),
        None => pattern.bytes().all(|b| b == b'*'),
    }
}

/// The created resource of a target type an environment value names directly (`secret.arn`,
/// `queue.url`, possibly as a secret Output).
fn named_target(p: &Program, v: &Value) -> Option<(ResourceId, usize)> {
    let v = p.resolve(v);
    let v = match &v.kind {
        ValueKind::Secret(inner) => inner.as_ref(),
        _ => v,
    };
    let ValueKind::Attr { resource, path } = &v.kind else { return None };
    let [PathElem::Attr(attr)] = path.as_slice() else { return None };
    if !matches!(attr.as_str(), "arn" | "name" | "id" | "url") {
        return None;
    }
    let r = p.resource(*resource);
    if r.kind != ResourceKind::Custom {
        return None;
    }
    let t = TARGETS.iter().position(|(token, ..)| *token == r.token)?;
    query::created(p).any(|(id, _)| id == *resource).then_some((*resource, t))
}

/// Whether the resource may grant access itself: a `policy` argument or a resource policy
/// that names it or names nothing pulint can follow.
fn has_resource_policy(p: &Program, target: ResourceId, policy_types: &[&str]) -> bool {
    let r = p.resource(target);
    if r.arg("policy").is_some() || !query::args_complete(r) {
        return true;
    }
    query::created(p).any(|(_, other)| {
        policy_types.contains(&other.token.as_str()) && (query::refers_to(other, target) || !query::args_complete(other) || other.args.iter().all(|a| query::referenced(&a.value).is_empty()))
    })
}

/// Whether the function's code is inline text (`StringAsset`) none of which mentions `key`: the
/// variable is then never read, and the missing permission never used.
fn inline_code_ignores(p: &Program, code: Option<&Value>, key: &str) -> bool {
    let Some(code) = code else { return false };
    let mut texts: Vec<&str> = Vec::new();
    p.resolve(code).walk(&mut |v| {
        if let ValueKind::Asset { kind: AssetKind::StringAsset, arg } = &v.kind {
            arg.walk(&mut |t| {
                if let ValueKind::String(s) = &t.kind {
                    texts.push(s);
                }
            });
        }
    });
    !texts.is_empty() && !texts.iter().any(|t| t.contains(key))
}

impl Rule for LambdaRoleMissingAccess {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let managed_grants = |service: &'static str| {
            move |name: &str| MANAGED.iter().find(|(n, _)| *n == name).map(|(_, services)| services.iter().any(|s| *s == "*" || *s == service))
        };
        let mut seen: Vec<(ResourceId, usize)> = Vec::new();
        for (_, f) in query::created_of(p, "aws:lambda/function:Function") {
            let Some(role) = f.arg("role").map(|r| p.resolve(r)) else { continue };
            if !matches!(&role.kind, ValueKind::Attr { .. }) {
                continue;
            }
            let Some(role_id) = role.resource() else { continue };
            let Some(vars) = f.arg("environment").and_then(|e| p.resolve(e).get("variables")).map(|v| p.resolve(v)) else { continue };
            let Some(props) = vars.as_object() else { continue };
            for prop in props {
                let Some((target, t)) = named_target(p, &prop.value) else { continue };
                if seen.contains(&(role_id, t)) {
                    continue;
                }
                let (_, service, word, policy_types) = TARGETS[t];
                if inline_code_ignores(p, f.arg("code"), &prop.key.written) {
                    continue;
                }
                if has_resource_policy(p, target, policy_types) {
                    continue;
                }
                if role_allows(p, role_id, &|pattern| pattern_covers(pattern, service), &managed_grants(service)) != Some(false) {
                    continue;
                }
                seen.push((role_id, t));
                let (role_r, target_r) = (p.resource(role_id), p.resource(target));
                let at: Span = query::anchor(prop.value.span, f.span);
                cx.report(
                    cx.diagnostic(
                        role_r.span,
                        format!(
                            "role {} allows no `{service}` action but function {} is given {word} {} in its environment",
                            query::name_of(role_r),
                            query::name_of(f),
                            query::name_of(target_r)
                        ),
                    )
                    .with_label(at, "the function is given it here")
                    .with_help(format!("give the role a policy allowing the `{service}:` actions the function performs on the {word}")),
                );
            }
        }
    }
}
