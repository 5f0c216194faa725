//! NET003 lambda-vpc-no-egress: a VPC Lambda that calls AWS services its subnets cannot reach.

use super::topology::{subnet_list, Topology, Via};
use super::util::{target, VPC_ENDPOINT};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, ResourceId, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a Lambda function attached to a VPC (`vpcConfig`) when none of its subnets has a
    /// default route through a NAT gateway (or another egress target), while its environment
    /// variables name resources of AWS services (a DynamoDB table, an SNS topic, an SQS queue, an
    /// S3 bucket, a secret...) for which the program creates no VPC endpoint. It runs only when
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

/// Resource modules whose resources a function reaches through a public AWS API, with the VPC
/// endpoint service name suffix that serves it.
const SERVICES: &[(&str, &str, &str)] = &[
    ("dynamodb", "dynamodb", "DynamoDB"),
    ("sns", "sns", "SNS"),
    ("sqs", "sqs", "SQS"),
    ("s3", "s3", "S3"),
    ("secretsmanager", "secretsmanager", "Secrets Manager"),
    ("ssm", "ssm", "Systems Manager"),
    ("kinesis", "kinesis-streams", "Kinesis"),
    ("sfn", "states", "Step Functions"),
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
            for svc in used_services(p, r.arg("environment"), &dlq) {
                let (_, suffix, label) = SERVICES.iter().find(|(m, _, _)| *m == svc).expect("service from the table");
                let served = endpoints.iter().any(|(vpc, name)| name == suffix && vpc.is_none_or(|v| vpcs.contains(&v)));
                if !served && !missing.contains(label) {
                    missing.push(label);
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
fn used_services<'a>(p: &'a Program, env: Option<&'a Value>, skip: &[ResourceId]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let Some(env) = env else { return out };
    p.resolve(env).walk(&mut |v| {
        if let ValueKind::Attr { resource, .. } = &v.kind
            && !skip.contains(resource)
        {
            let m = query::module(&p.resource(*resource).token);
            if let Some((m, _, _)) = SERVICES.iter().find(|(s, _, _)| *s == m)
                && !out.contains(m)
            {
                out.push(*m);
            }
        }
    });
    out
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
