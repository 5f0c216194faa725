//! OPS008 missing-env-suffix: a name without the environment suffix the rest of the program uses.

use super::common::{is_env_read, text_of};
use crate::query::{anchor, created, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Multiplicity, Program, Resource, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// In a program that builds its names from an environment suffix (a config value, variable
    /// or argument named like `environmentSuffix`, `env_suffix`, `stage`, `environment`, or the
    /// stack name), flags the names that do not: explicit physical names (`name`, `bucket`,
    /// `clusterIdentifier`, `identifier`, `alarmName`) written without it, and logical
    /// names without it when nearly all other logical names have it.
    ///
    /// ## Why is this bad?
    /// Two stacks of the same program (dev and staging, or two pull-request environments)
    /// create the same physical name and the second deployment fails with "already exists", or
    /// both stacks fight over one resource. A logical name that breaks the convention makes
    /// the resource hard to tell apart in the console and in state.
    ///
    /// ## Example
    /// ```python
    /// suffix = pulumi.Config().require("environmentSuffix")
    /// aws.s3.Bucket(f"data-{suffix}", bucket=f"data-{suffix}")
    /// aws.iam.Role(f"app-role-{suffix}", name="app-role", assume_role_policy=policy)
    /// ```
    /// ```typescript
    /// const suffix = new pulumi.Config().require("environmentSuffix");
    /// new aws.s3.Bucket(`data-${suffix}`, { bucket: `data-${suffix}` });
    /// new aws.iam.Role(`app-role-${suffix}`, { name: "app-role", assumeRolePolicy: policy });
    /// ```
    ///
    /// ## Use instead
    /// Build every physical and logical name with the suffix (`f"app-role-{suffix}"`), or leave
    /// the physical name out and let Pulumi add a random suffix.
    pub MissingEnvSuffix { code: "OPS008", name: "missing-env-suffix", family: Ops, severity: Warning, status: Stable,
        summary: "a name lacks the environment suffix the rest of the program uses" }
}

/// Arguments that set a physical name unique per account and region.
const PHYSICAL: &[&str] = &["name", "bucket", "clusterIdentifier", "identifier", "alarmName", "replicationGroupId", "functionName", "roleName", "tableName"];

/// Types whose `name` is scoped by a parent (no collision between stacks), or is not a name.
const SCOPED: &[&str] = &[
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:ecs/service:Service",
    "aws:apigateway/restApi:RestApi",
    "aws:apigatewayv2/api:Api",
    "aws:apigateway/resource:Resource",
    "aws:apigatewayv2/stage:Stage",
    "aws:apigateway/stage:Stage",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:cloudwatch/logStream:LogStream",
    "aws:glue/catalogTable:CatalogTable",
    "aws:route53/record:Record",
    "aws:lb/listenerRule:ListenerRule",
    "aws:appautoscaling/policy:Policy",
    "aws:autoscaling/policy:Policy",
    "aws:cloudwatch/eventTarget:EventTarget",
    "aws:lambda/permission:Permission",
    "aws:dynamodb/tableItem:TableItem",
    "aws:ssm/document:Document",
    "aws:lambda/alias:Alias",
    "aws:apigateway/requestValidator:RequestValidator",
    "aws:apigateway/model:Model",
    "aws:apigateway/authorizer:Authorizer",
    "aws:apigatewayv2/authorizer:Authorizer",
    "aws:route53/zone:Zone",
    "aws:ecs/taskDefinition:TaskDefinition",
    "aws:cognito/userPoolClient:UserPoolClient",
    "aws:wafv2/webAcl:WebAcl",
    "aws:servicediscovery/service:Service",
];

/// True for types whose `name` lives under another resource (an S3 bucket's configurations).
fn scoped(token: &str) -> bool {
    SCOPED.contains(&token) || token.starts_with("aws:s3/bucket") && !matches!(token, "aws:s3/bucket:Bucket" | "aws:s3/bucketV2:BucketV2")
}

#[derive(PartialEq)]
enum Shape {
    /// Contains the suffix.
    Suffixed,
    /// Fully known, no suffix.
    Bare,
    /// Has parts pulint cannot judge.
    Unclear,
}

impl Rule for MissingEnvSuffix {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let resources: Vec<&Resource> = created(p).map(|(_, r)| r).collect();
        let logical: Vec<(&Resource, Shape)> = resources.iter().map(|r| (*r, shape(p, &r.name))).collect();
        let suffixed = logical.iter().filter(|(_, s)| *s == Shape::Suffixed).count();
        let bare = logical.iter().filter(|(_, s)| *s == Shape::Bare).count();
        if suffixed < 3 || suffixed * 10 < (suffixed + bare) * 7 {
            return;
        }
        for r in &resources {
            if scoped(&r.token) {
                continue;
            }
            for key in PHYSICAL {
                let Some(v) = r.arg(key) else { continue };
                if shape(p, v) != Shape::Bare || p.str_of(v).is_some_and(|s| s.is_empty() || s.starts_with("arn:")) {
                    continue;
                }
                let shown = p.str_of(v).map(|s| format!("`{s}`")).unwrap_or_else(|| "the name".into());
                cx.report(
                    cx.diagnostic(anchor(v.span, r.span), format!("{} gets the fixed {key} {shown} without the environment suffix the other names use", name_of(r)))
                        .with_help("add the environment suffix to the name, or leave it out and let Pulumi generate one"),
                );
            }
        }
        // Logical names: only when nearly every other one follows the convention.
        if bare * 10 > (suffixed + bare) {
            return;
        }
        for (r, s) in &logical {
            // Only AWS resources (not objects inside a bucket).
            if *s != Shape::Bare || r.multiplicity == Multiplicity::Many || !r.token.starts_with("aws:") || scoped(&r.token) || r.token.contains("Object") {
                continue;
            }

            let shown = p.str_of(&r.name).map(|s| format!(" `{s}`")).unwrap_or_default();
            cx.report(
                cx.diagnostic(anchor(r.name.span, r.span), format!("logical name{shown} lacks the environment suffix that {suffixed} other resources carry"))
                    .with_help("build the logical name with the environment suffix like the others"),
            );
        }
    }
}

/// Whether a name value contains the environment suffix.
fn shape(p: &Program, v: &Value) -> Shape {
    let mut suffixed = false;
    let mut unclear = false;
    walk(p, v, &mut suffixed, &mut unclear, 0);
    if suffixed {
        Shape::Suffixed
    } else if unclear {
        Shape::Unclear
    } else {
        Shape::Bare
    }
}

fn walk(p: &Program, v: &Value, suffixed: &mut bool, unclear: &mut bool, depth: u32) {
    if depth > 6 {
        *unclear = true;
        return;
    }
    match &v.kind {
        ValueKind::String(_) | ValueKind::Number(_) => {}
        ValueKind::Interp { parts, .. } => parts.iter().for_each(|x| walk(p, x, suffixed, unclear, depth + 1)),
        ValueKind::Config(id) => {
            let c = p.config_read(*id);
            if is_env_read(&c.key, c.accessor) || env_text(text_of(p, v.span)) {
                *suffixed = true;
            } else if c.effective().is_none() {
                *unclear = true;
            } else if let Some(e) = c.effective() {
                // A config value (such as a project name) that is itself built from the suffix.
                walk(p, e, suffixed, unclear, depth + 1);
            }
        }
        _ => {
            if env_text(text_of(p, v.span)) {
                *suffixed = true;
            } else {
                *unclear = true;
            }
        }
    }
}

/// Source text of a dynamic name part that reads an environment suffix.
fn env_text(t: &str) -> bool {
    let t = t.to_ascii_lowercase();
    t.len() < 80 && (t.contains("suffix") || t.contains("stack") || t.contains("stage") || t.contains("env"))
}
