//! OPS007 missing-tags: a program that tags nothing it creates.

use super::common::{elided, text_of};
use crate::query::{args_complete, created};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, Resource, RuleMeta, Span, ValueKind, AWS_PROVIDER};

declare_rule! {
    /// ## What it does
    /// Flags a program that creates several taggable AWS resources (VPCs, subnets, buckets,
    /// functions, tables, clusters, roles, ...) without tagging any of them: no resource has a
    /// non-empty `tags` argument and no provider sets `defaultTags`. When a component stores tags
    /// (`self.tags = ...` / `this.tags = ...`) and never passes them on, the finding points there.
    ///
    /// ## Why is this bad?
    /// Untagged resources cannot be attributed to an owner, environment or cost center: cost
    /// reports, cleanup of stale stacks and tag-based access policies all miss them.
    ///
    /// ## Example
    /// ```python
    /// vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
    /// aws.ec2.Subnet("a", vpc_id=vpc.id, cidr_block="10.0.1.0/24")
    /// aws.s3.Bucket("data")
    /// ```
    /// ```typescript
    /// const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
    /// new aws.ec2.Subnet("a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
    /// new aws.s3.Bucket("data");
    /// ```
    ///
    /// ## Use instead
    /// Pass `tags` to every taggable resource, or set `default_tags` / `defaultTags` on the
    /// provider (or `aws:defaultTags` in the stack configuration).
    pub MissingTags { code: "OPS007", name: "missing-tags", family: Ops, severity: Info, status: Stable,
        summary: "no resource the program creates is tagged" }
}

/// Resource types that take `tags`, common in programs (a subset of the AWS provider).
const TAGGABLE: &[&str] = &[
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/eip:Eip",
    "aws:ec2/instance:Instance",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:lambda/function:Function",
    "aws:dynamodb/table:Table",
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "aws:rds/subnetGroup:SubnetGroup",
    "aws:ecs/cluster:Cluster",
    "aws:ecs/service:Service",
    "aws:ecs/taskDefinition:TaskDefinition",
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:lb/targetGroup:TargetGroup",
    "aws:iam/role:Role",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:sns/topic:Topic",
    "aws:sqs/queue:Queue",
    "aws:kms/key:Key",
    "aws:ecr/repository:Repository",
    "aws:secretsmanager/secret:Secret",
    "aws:apigateway/restApi:RestApi",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:efs/fileSystem:FileSystem",
    "aws:eks/cluster:Cluster",
    "aws:codebuild/project:Project",
    "aws:codepipeline/pipeline:Pipeline",
];

impl Rule for MissingTags {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        if p.stack.config.iter().any(|(k, _)| k == "aws:defaultTags") {
            return;
        }
        // A provider with default tags (or with arguments pulint cannot see) may tag everything.
        if p.providers().any(|(_, r)| r.token == AWS_PROVIDER && (r.arg("defaultTags").is_some() || !args_complete(r))) {
            return;
        }
        let taggable: Vec<&Resource> = created(p).map(|(_, r)| r).filter(|r| TAGGABLE.contains(&r.token.as_str())).collect();
        if taggable.len() < 3 || taggable.iter().any(|r| !args_complete(r) || elided(p, r.span) || tagged(p, r)) {
            return;
        }
        // Anything that could tag resources behind pulint's back: tags given to components.
        if p.resources.iter().any(|r| r.kind == pulint_model::ResourceKind::Component && r.arg("tags").is_some_and(|t| !empty(t))) {
            return;
        }
        let first = taggable.iter().min_by_key(|r| (r.span.file, r.span.start)).unwrap();
        let (span, msg) = match stored_tags(p) {
            Some((span, field)) => (span, format!("the component stores `{field}` but none of the {} taggable resources is tagged", taggable.len())),
            None => (first.span, format!("none of the {} taggable resources the program creates is tagged, and no provider sets default tags", taggable.len())),
        };
        cx.report(cx.diagnostic(span, msg).with_help("pass `tags` to each resource or set `default_tags` / `defaultTags` on the provider"));
    }
}

fn empty(v: &pulint_model::Value) -> bool {
    matches!(&v.kind, ValueKind::Object(props) if props.is_empty()) || matches!(v.kind, ValueKind::Null)
}

/// True when a resource has (or may have) tags. Inside a component the program never
/// instantiates, `tags=self.tags` evaluates with the parameter defaults (`tags or {}`), so any
/// `tags` argument counts there.
fn tagged(p: &Program, r: &Resource) -> bool {
    let uncalled = r.created_by.is_some_and(|c| p.resource(c).name.is_unknown());
    r.arg("tags").is_some_and(|t| uncalled || !empty(t))
}

/// `self.tags = ...` / `this.tags = ...` inside a component class: where and which field.
fn stored_tags(p: &Program) -> Option<(Span, String)> {
    for c in &p.components {
        let text = text_of(p, c.span);
        for prefix in ["self.", "this."] {
            let mut from = 0;
            while let Some(i) = text[from..].find(prefix) {
                let at = from + i;
                from = at + prefix.len();
                let rest = &text[from..];
                let field: String = rest.chars().take_while(|ch| ch.is_alphanumeric() || *ch == '_').collect();
                if !field.to_ascii_lowercase().ends_with("tags") {
                    continue;
                }
                let line = rest[field.len()..].lines().next().unwrap_or("").trim_start();
                let assigned = (line.starts_with('=') && !line.starts_with("==")) || (line.starts_with(':') && line.contains(" = "));
                if assigned {
                    let start = c.span.start + at as u32;
                    let end = start + (prefix.len() + field.len()) as u32;
                    return Some((Span::new(c.span.file, start, end), format!("{prefix}{field}")));
                }
            }
        }
    }
    None
}
