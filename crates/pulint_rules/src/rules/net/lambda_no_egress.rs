//! NET003 lambda-vpc-no-egress: a VPC Lambda that calls AWS services its subnets cannot reach.

use super::topology::{subnet_list, Topology, Via};
use super::util::{target, VPC_ENDPOINT};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::value::AssetKind;
use pulint_model::{Program, ResourceId, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a Lambda function attached to a VPC (`vpcConfig`) when none of its subnets has a
    /// default route through a NAT gateway (or another egress target), while its environment
    /// variables name resources of AWS services (a DynamoDB table, an SNS topic, an SQS queue, an
    /// S3 bucket, a secret...) or its inline code creates API clients (`boto3.client("rds")`,
    /// `@aws-sdk/client-rds`) for services with no VPC endpoint in the program. It runs only when
    /// the subnets, route tables, routes and endpoints of the program are all known.
    ///
    /// ## Why is this bad?
    /// A function in a VPC has no public address, even in a subnet with an internet gateway. Its
    /// calls to public AWS endpoints hang until the function times out: the deployment succeeds
    /// and every invocation fails.
    ///
    /// ## Example
    /// ```python
    /// aws.lambda_.Function("fn", vpc_config={"subnet_ids": [isolated.id], "security_group_ids": [sg.id]},
    ///     environment={"variables": {"TABLE": table.name}}, ...)
    /// ```
    /// ```typescript
    /// new aws.lambda.Function("fn", { vpcConfig: { subnetIds: [isolated.id], securityGroupIds: [sg.id] },
    ///     environment: { variables: { TABLE: table.name } }, ... });
    /// ```
    ///
    /// ## Use instead
    /// Create VPC endpoints for the services the function calls (gateway endpoints for S3 and
    /// DynamoDB, interface endpoints for the others), or route the subnets through a NAT gateway.
    pub LambdaNoEgress { code: "NET003", name: "lambda-vpc-no-egress", family: Net, severity: Error, status: Stable,
        summary: "a VPC Lambda calls AWS services its subnets cannot reach" }
}

const FUNCTION: &str = "aws:lambda/function:Function";

/// AWS services a function reaches through their public API: the resource module whose
/// resources its environment may name (none when naming them implies no API call: an RDS
/// instance's address is reached inside the VPC), the VPC endpoint service name suffix, a label,
/// and the names its inline code creates clients with (boto3, AWS SDK v3 package, SDK v2 class).
struct Service {
    module: Option<&'static str>,
    endpoint: &'static str,
    label: &'static str,
    boto3: &'static str,
    sdk_v3: &'static str,
    sdk_v2: &'static str,
}

const fn svc(module: Option<&'static str>, endpoint: &'static str, label: &'static str, boto3: &'static str, sdk_v3: &'static str, sdk_v2: &'static str) -> Service {
    Service { module, endpoint, label, boto3, sdk_v3, sdk_v2 }
}

const SERVICES: &[Service] = &[
    svc(Some("dynamodb"), "dynamodb", "DynamoDB", "dynamodb", "dynamodb", "DynamoDB"),
    svc(Some("sns"), "sns", "SNS", "sns", "sns", "SNS"),
    svc(Some("sqs"), "sqs", "SQS", "sqs", "sqs", "SQS"),
    svc(Some("s3"), "s3", "S3", "s3", "s3", "S3"),
    svc(Some("secretsmanager"), "secretsmanager", "Secrets Manager", "secretsmanager", "secrets-manager", "SecretsManager"),
    svc(Some("ssm"), "ssm", "Systems Manager", "ssm", "ssm", "SSM"),
    svc(Some("kinesis"), "kinesis-streams", "Kinesis", "kinesis", "kinesis", "Kinesis"),
    svc(Some("sfn"), "states", "Step Functions", "stepfunctions", "sfn", "StepFunctions"),
    svc(None, "rds", "RDS", "rds", "rds", "RDS"),
];

impl Rule for LambdaNoEgress {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let Some(topo) = Topology::build(p) else { return };
        let Some(endpoints) = endpoint_services(p) else { return };
        for (_, r) in query::created_of(p, FUNCTION) {
            if !query::args_complete(r) {
                continue;
            }
            let Some(vpc_config) = r.arg("vpcConfig") else { continue };
            let vpc_config = p.resolve(vpc_config);
            let Some(subnets) = vpc_config.get("subnetIds").and_then(|v| subnet_list(p, v)) else { continue };
            let mut egress = false;
            let mut known = true;
            for s in &subnets {
                match topo.default_routes(p, *s) {
                    Some(vias) => egress |= vias.iter().any(|v| matches!(v, Via::Nat | Via::Other | Via::Unknown)),
                    None => known = false,
                }
            }
            if egress || !known {
                continue;
            }
            let vpcs: Vec<ResourceId> = subnets.iter().filter_map(|s| p.resource(*s).arg("vpcId").and_then(|v| target(p, v))).collect();
            let mut missing: Vec<&str> = Vec::new();
            // A dead-letter queue is written by the Lambda service, not from inside the VPC.
            let dlq: Vec<ResourceId> = r.arg("deadLetterConfig").map(query::referenced).unwrap_or_default();
            let mut used = used_services(p, r.arg("environment"), &dlq);
            for s in code_services(p, r.arg("code")) {
                if !used.iter().any(|u| std::ptr::eq(*u, s)) {
                    used.push(s);
                }
            }
            for s in used {
                let served = endpoints.iter().any(|(vpc, name)| name == s.endpoint && vpc.is_none_or(|v| vpcs.contains(&v)));
                if !served && !missing.contains(&s.label) {
                    missing.push(s.label);
                }
            }
            if missing.is_empty() {
                continue;
            }
            let span = query::anchor(vpc_config.span, r.span);
            cx.report(
                cx.diagnostic(span, format!("{} runs in subnets with no NAT route and calls {} without a VPC endpoint", query::name_of(r), missing.join(", ")))
                    .with_help("create VPC endpoints for these services, or route the function's subnets through a NAT gateway"),
            );
        }
    }
}

/// The services whose resources the function's environment variables name.
fn used_services(p: &Program, env: Option<&Value>, skip: &[ResourceId]) -> Vec<&'static Service> {
    let mut out: Vec<&'static Service> = Vec::new();
    let Some(env) = env else { return out };
    p.resolve(env).walk(&mut |v| {
        if let ValueKind::Attr { resource, .. } = &v.kind
            && !skip.contains(resource)
        {
            let m = query::module(&p.resource(*resource).token);
            if let Some(s) = SERVICES.iter().find(|s| s.module == Some(m))
                && !out.iter().any(|o| std::ptr::eq(*o, s))
            {
                out.push(s);
            }
        }
    });
    out
}

/// The services the function's inline code (string assets) creates API clients for.
fn code_services(p: &Program, code: Option<&Value>) -> Vec<&'static Service> {
    let mut out: Vec<&'static Service> = Vec::new();
    let Some(code) = code else { return out };
    p.resolve(code).walk(&mut |v| {
        let ValueKind::Asset { kind: AssetKind::StringAsset, arg } = &v.kind else { return };
        let Some(text) = p.str_of(arg) else { return };
        for s in SERVICES {
            if calls_client(text, s) && !out.iter().any(|o| std::ptr::eq(*o, s)) {
                out.push(s);
            }
        }
    });
    out
}

/// `boto3.client('rds')`, `boto3.resource("s3")`, `@aws-sdk/client-rds`, `new AWS.RDS(`,
/// `new AWS.DynamoDB.DocumentClient(`.
fn calls_client(text: &str, s: &Service) -> bool {
    let boto3 = ["client", "resource"].iter().any(|f| ['\'', '"'].iter().any(|q| text.contains(&format!("boto3.{f}({q}{}{q}", s.boto3))));
    boto3 || text.contains(&format!("@aws-sdk/client-{}'", s.sdk_v3)) || text.contains(&format!("@aws-sdk/client-{}\"", s.sdk_v3)) || text.contains(&format!("AWS.{}(", s.sdk_v2)) || text.contains(&format!("AWS.{}.", s.sdk_v2))
}

/// The endpoint services the program creates (`dynamodb`, `sns`...), with their VPC when known;
/// `None` when an endpoint's service name is unknown.
fn endpoint_services(p: &Program) -> Option<Vec<(Option<ResourceId>, String)>> {
    let mut out = Vec::new();
    for (_, r) in query::created_of(p, VPC_ENDPOINT) {
        let name = r.arg("serviceName")?;
        let text = last_literal(p, name)?;
        let svc = text.rsplit('.').next()?.to_string();
        out.push((r.arg("vpcId").and_then(|v| target(p, v)), svc));
    }
    Some(out)
}

/// The literal text a service name ends with (`com.amazonaws.${region}.dynamodb` -> `.dynamodb`).
fn last_literal<'a>(p: &'a Program, v: &'a Value) -> Option<&'a str> {
    let v = p.resolve(v);
    match &v.kind {
        ValueKind::String(s) => Some(s),
        ValueKind::Interp { parts, .. } => p.str_of(parts.last()?),
        _ => None,
    }
}
