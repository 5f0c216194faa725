//! OPS008 missing-env-suffix: a name without the environment suffix the rest of the program uses.

use super::common::{holes, is_env_read, text_of};
use crate::query::{anchor, created, name_of, WordSet};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{ConfigAccessor, Multiplicity, Program, Resource, RuleMeta, Value, ValueKind, RANDOM_REASON, TIME_REASON};

declare_rule! {
    /// ## What it does
    /// In a program that builds its names from an environment suffix (a config value, variable
    /// or argument named like `environmentSuffix`, `env_suffix`, `stage`, `environment`, or the
    /// stack name), flags the names that do not: explicit physical names (`name`, `bucket`,
    /// `clusterIdentifier`, `identifier`, `alarmName`) written without it, and logical
    /// names without it when nearly all other logical names have it. A suffix parameter given a
    /// literal (`TapStackArgs(environment_suffix="dev")`) still counts as the suffix. In a
    /// program that has both an environment (`environment`, shared by the stacks of one
    /// environment) and a deployment suffix (`environmentSuffix`) that some names carry, also
    /// flags the physical names built from the environment alone.
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

/// In a program that tells deployments apart by a suffix (some name carries a value named like
/// `environmentSuffix`), flags the physical names built from the environment read from config
/// alone: two deployments of one environment (dev and a pull request's dev) create the same
/// name. (The stack name in bucket names only is no such evidence: it makes them globally unique.)
fn env_without_suffix(p: &Program, cx: &mut Ctx, resources: &[&Resource]) {
    let uses_suffix = resources.iter().any(|r| Parts::of(p, &r.name).suffix || physical(r).any(|(_, v)| Parts::of(p, v).suffix));
    if !uses_suffix {
        return;
    }
    for r in resources.iter().filter(|r| !scoped(&r.token)) {
        for (key, v) in physical(r) {
            if !Parts::of(p, v).env_only() {
                continue;
            }
            cx.report(
                cx.diagnostic(anchor(v.span, r.span), format!("{} builds its {key} from the environment but not from the deployment suffix other names use", name_of(r)))
                    .with_help("add the environment suffix so two deployments of one environment do not collide"),
            );
        }
    }
}

/// The physical-name arguments a resource sets.
fn physical(r: &Resource) -> impl Iterator<Item = (&'static str, &Value)> {
    PHYSICAL.iter().filter_map(|k| Some((*k, r.arg(k)?)))
}

/// What the parts of a name are made of.
#[derive(Default)]
struct Parts {
    /// A value named like a suffix (`environmentSuffix`, `env_suffix`): unique per deployment.
    suffix: bool,
    /// The stack name.
    stack: bool,
    /// An environment or stage (`environment`, `stage`), by name.
    env: bool,
    /// The environment read from config under an environment key (`environment`, `env`, `stage`).
    env_config: bool,
    /// Any of these, named in a template whose value pulint folded into literal text.
    folded: bool,
    /// A part pulint cannot judge.
    unclear: bool,
}

impl Parts {
    fn of(p: &Program, v: &Value) -> Parts {
        let mut parts = Parts::default();
        parts.walk(p, v, 0);
        parts
    }

    fn shape(&self) -> Shape {
        if self.suffix || self.stack || self.env || self.folded {
            Shape::Suffixed
        } else if self.unclear {
            Shape::Unclear
        } else {
            Shape::Bare
        }
    }

    /// Built from the environment read from config and otherwise literal text: the same in
    /// every deployment of one environment.
    fn env_only(&self) -> bool {
        self.env_config && !self.suffix && !self.stack && !self.folded && !self.unclear
    }

    fn walk(&mut self, p: &Program, v: &Value, depth: u32) {
        if depth > 6 {
            self.unclear = true;
            return;
        }
        match &v.kind {
            // A string folded from an f-string or template literal keeps, in its source, the
            // names of the values interpolated into it (a suffix parameter given a literal).
            // (Only whole strings: the literal parts of a template that still has dynamic parts
            // carry the whole template's span.)
            ValueKind::String(_) => self.folded |= holes(text_of(p, v.span)).into_iter().any(|h| kind_of(h).is_some()),
            ValueKind::Number(_) => {}
            ValueKind::Interp { parts, .. } => parts.iter().filter(|x| x.as_str().is_none()).for_each(|x| self.walk(p, x, depth + 1)),
            ValueKind::Config(id) => {
                let c = p.config_read(*id);
                // What the key (lower case, letters and digits only) says, folded without allocating.
                let (stack_key, suffix_key, env_key) = pulint_schema::with_folded(&c.key, |b| b.is_ascii_alphanumeric(), |key| {
                    (key.ends_with(b"stack"), key.windows(6).any(|w| w == b"suffix"), matches!(key, b"env" | b"environment" | b"stage"))
                });
                let t = text_of(p, v.span);
                if c.accessor == ConfigAccessor::StackName || stack_key {
                    self.stack = true;
                } else if suffix_key || kind_of(assigned_to(p, v.span)) == Some(Kind::Suffix) {
                    self.suffix = true;
                } else if env_key && kind_of(t).is_none_or(|k| k == Kind::Env) {
                    self.env = true;
                    self.env_config = true;
                } else if is_env_read(&c.key, c.accessor) {
                    self.env = true;
                } else if let Some(k) = kind_of(t) {
                    self.kind(k);
                } else if let Some(e) = c.effective() {
                    // A config value (such as a project name) that is itself built from the suffix.
                    self.walk(p, e, depth + 1);
                } else {
                    self.unclear = true;
                }
            }
            // A random suffix makes one name unique; it is no deployment's suffix.
            ValueKind::Unknown { reason: r, .. } if r == RANDOM_REASON || r == TIME_REASON => self.unclear = true,
            _ => match kind_of(text_of(p, v.span)) {
                Some(k) => self.kind(k),
                None => self.unclear = true,
            },
        }
    }

    fn kind(&mut self, k: Kind) {
        match k {
            Kind::Suffix => self.suffix = true,
            Kind::Stack => self.stack = true,
            Kind::Env => self.env = true,
        }
    }
}

/// The text before a value on its line: the name it is assigned to (`environment_suffix = `
/// before `config.get("environment")`).
fn assigned_to(p: &Program, span: pulint_model::Span) -> &str {
    let text = &p.sources.get(span.file).text;
    let end = (span.start as usize).min(text.len());
    let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    text.get(start..end).unwrap_or("")
}

#[derive(PartialEq)]
enum Kind {
    Suffix,
    Stack,
    Env,
}

/// What the source text of a dynamic name part reads: a deployment suffix or stack name, or
/// an environment or stage.
/// The words are found in one pass ignoring case (no lower-case copy of the text).
fn kind_of(t: &str) -> Option<Kind> {
    static WORDS: WordSet = WordSet::ignore_case(&["suffix", "stack", "stage", "env"]);
    if t.len() >= 80 {
        return None;
    }
    let found = WORDS.found(t.as_bytes());
    if found & 0b0001 != 0 {
        Some(Kind::Suffix)
    } else if found & 0b0010 != 0 {
        Some(Kind::Stack)
    } else if found & 0b1100 != 0 {
        Some(Kind::Env)
    } else {
        None
    }
}


impl Rule for MissingEnvSuffix {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let resources: Vec<&Resource> = created(p).map(|(_, r)| r).collect();
        env_without_suffix(p, cx, &resources);
        let logical: Vec<(&Resource, Shape)> = resources.iter().map(|r| (*r, Parts::of(p, &r.name).shape())).collect();
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
                if Parts::of(p, v).shape() != Shape::Bare || p.str_of(v).is_some_and(|s| s.is_empty() || s.starts_with("arn:")) {
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
