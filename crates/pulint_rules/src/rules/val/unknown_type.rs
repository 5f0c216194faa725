//! VAL001 unknown-type: a resource class, function or module that pulumi-aws does not have.

use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta, token};
use pulint_schema::{Schema, closest};

declare_rule! {
    /// ## What it does
    /// Flags `aws.<module>.<Class>(...)` constructions and `aws.<module>.get...` calls whose
    /// module, class or function does not exist in pulumi-aws (in either SDK: Node-only classes
    /// such as `aws.lambda.CallbackFunction` count), with the closest real name.
    ///
    /// ## Why is this bad?
    /// Python fails with `AttributeError` or `ImportError` when the program starts; TypeScript
    /// does not compile. Models often invent names after CloudFormation types or guess a module
    /// (`aws.logs.LogGroup` for `aws.cloudwatch.LogGroup`).
    ///
    /// ## Example
    /// ```python
    /// aws.s3.BucketReplication("replication", bucket=source.id, role=role.arn, rules=[...])
    /// ```
    /// ```typescript
    /// new aws.s3.BucketReplication("replication", { bucket: source.id, role: role.arn, rules: [] });
    /// ```
    ///
    /// ## Use instead
    /// The SDK's name: `aws.s3.BucketReplicationConfig`.
    pub UnknownType { code: "VAL001", name: "unknown-type", family: Val, severity: Error, status: Stable,
        summary: "a resource class, function or module that pulumi-aws does not have" }
}

impl Rule for UnknownType {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let schema = Schema::aws();
        // Modules whose import is reported: their uses need no finding of their own.
        let mut bad_modules: Vec<String> = Vec::new();
        for n in &p.sdk_names {
            // The first segments of the dotted path (a fourth holds the rest): no allocation per
            // name, as every SDK name of the program passes here.
            let mut buf = [""; 4];
            let mut len = 0;
            for seg in n.path.splitn(4, '.') {
                buf[len] = seg;
                len += 1;
            }
            let segs = &buf[..len];
            if segs.first() == Some(&"pulumi") && segs.len() == 2 {
                core_name(p, schema, n, segs[1], cx);
                continue;
            }
            if segs.first() != Some(&"aws") || segs.len() < 2 {
                continue;
            }
            let module = segs[1];
            let known_module = schema.has_module(module) || INDEX_NAMES.contains(&module);
            if segs.len() == 2 && n.imported {
                let first_upper = module.starts_with(char::is_uppercase);
                let exists = if first_upper { schema.has_class("index", module) } else { known_module || schema.function_by_name("index", module).is_some() };
                if !exists && !first_upper {
                    bad_modules.push(module.to_string());
                    cx.report(missing(cx, schema, n.span, module, "", false));
                }
                continue;
            }
            if segs.len() != 3 {
                continue;
            }
            let name = segs[2];
            if !known_module {
                if !bad_modules.iter().any(|m| m == module) {
                    bad_modules.push(module.to_string());
                    cx.report(missing(cx, schema, n.span, module, "", false));
                }
                continue;
            }
            if name.starts_with(char::is_uppercase) && !schema.has_class(module, name) {
                let m = module.trim_end_matches('_');
                let candidates: Vec<String> = if name.ends_with("Args") {
                    schema.args_classes_of(m).collect()
                } else {
                    schema.classes_of(m).map(str::to_string).collect()
                };
                let help = match closest(name, candidates.iter().map(String::as_str)) {
                    Some(c) => format!("did you mean `aws.{m}.{c}`?"),
                    None => "check the name in the pulumi-aws API docs".into(),
                };
                cx.report(cx.diagnostic(n.span, format!("pulumi-aws has no `aws.{m}.{name}`")).with_help(help));
            }
        }
        for (_, r) in crate::query::created(p) {
            if !r.token.starts_with("aws:") || schema.resource(&r.token).is_some() {
                continue;
            }
            let Some((module, class)) = token::split(&r.token) else { continue };
            if module == "index" || schema.has_class(module, class) || bad_modules.iter().any(|m| m.trim_end_matches('_') == module) {
                continue;
            }
            cx.report(missing(cx, schema, r.callee_span, module, class, false));
        }
        for inv in &p.invokes {
            if !inv.token.starts_with("aws:") || schema.function(&inv.token).is_some() {
                continue;
            }
            let Some((module, name)) = token::split(&inv.token) else { continue };
            if module == "index" || schema.function_by_name(module, name).is_some() || bad_modules.iter().any(|m| m.trim_end_matches('_') == module) {
                continue;
            }
            cx.report(missing(cx, schema, inv.span, module, name, true));
        }
    }
}

/// Names models reach for in the core SDK that live in a provider package.
const CORE_HOMES: &[(&str, &str)] = &[
    ("get_region", "`aws.get_region()`"),
    ("getRegion", "`aws.getRegion()`"),
    ("get_account_id", "`aws.get_caller_identity().account_id`"),
    ("getAccountId", "`aws.getCallerIdentity()` and its `accountId`"),
    ("get_caller_identity", "`aws.get_caller_identity()`"),
    ("getCallerIdentity", "`aws.getCallerIdentity()`"),
    ("random", "the `@pulumi/random` package"),
];

/// `pulumi.<name>` that the core SDK of the file's language does not have.
fn core_name(p: &Program, schema: &Schema, n: &pulint_model::SdkName, name: &str, cx: &mut Ctx) {
    let python = p.sources.get(n.span.file).kind == pulint_model::FileKind::Python;
    let names = schema.pulumi_names(python);
    // `default`: a default import of the SDK (`import pulumi from "@pulumi/pulumi"`), which
    // TypeScript's module interop turns into the namespace.
    if names.is_empty() || names.contains(name) || name == "default" {
        return;
    }
    let help = match CORE_HOMES.iter().find(|(m, _)| *m == name) {
        Some((_, home)) => format!("use {home}"),
        None => match closest(name, names.iter().map(String::as_str)) {
            Some(c) => format!("did you mean `pulumi.{c}`?"),
            None => "check the name in the Pulumi SDK docs".into(),
        },
    };
    cx.report(cx.diagnostic(n.span, format!("the Pulumi SDK has no `pulumi.{name}`")).with_help(help));
}

/// Names at the top of the SDK packages that are not service modules.
const INDEX_NAMES: &[&str] = &["config", "types", "outputs", "provider", "index", "_utilities", "_inputs", "_enums", "utils", "sdk", "tags", "arn", "region"];

/// AWS service names (CloudFormation, boto3, the CLI) whose resources live in another
/// pulumi-aws module.
const MODULE_HOMES: &[(&str, &str)] = &[
    ("logs", "cloudwatch"),
    ("events", "cloudwatch"),
    ("eventbridge", "cloudwatch"),
    ("elbv2", "lb"),
    ("elasticloadbalancingv2", "lb"),
    ("elasticloadbalancing", "lb"),
    ("config", "cfg"),
    ("applicationautoscaling", "appautoscaling"),
    ("stepfunctions", "sfn"),
    ("certificatemanager", "acm"),
];

fn missing(cx: &Ctx, schema: &Schema, span: pulint_model::Span, module: &str, name: &str, function: bool) -> pulint_model::Diagnostic {
    if !schema.has_module(module) {
        let home = MODULE_HOMES.iter().find(|(m, _)| *m == module).map(|(_, h)| *h);
        let help = match home.or_else(|| closest(module, schema.modules())) {
            Some(m) => format!("did you mean `aws.{m}`?"),
            None => "check the module in the pulumi-aws API docs".into(),
        };
        return cx.diagnostic(span, format!("pulumi-aws has no module `{module}`")).with_help(help);
    }
    let what = if function { "function" } else { "resource" };
    let suggestion = if function { None } else { closest(name, schema.classes_of(module)) };
    let help = match suggestion {
        Some(c) => format!("did you mean `aws.{module}.{c}`?"),
        None => "check the name in the pulumi-aws API docs".into(),
    };
    cx.diagnostic(span, format!("pulumi-aws has no {what} `aws.{module}.{name}`")).with_help(help)
}
