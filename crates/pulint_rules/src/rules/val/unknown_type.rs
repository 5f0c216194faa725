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
        for (_, r) in crate::query::created(p) {
            if !r.token.starts_with("aws:") || schema.resource(&r.token).is_some() {
                continue;
            }
            let Some((module, class)) = token::split(&r.token) else { continue };
            if module == "index" || schema.has_class(module, class) {
                continue;
            }
            cx.report(missing(cx, schema, r.callee_span, module, class, false));
        }
        for inv in &p.invokes {
            if !inv.token.starts_with("aws:") || schema.function(&inv.token).is_some() {
                continue;
            }
            let Some((module, name)) = token::split(&inv.token) else { continue };
            if module == "index" || schema.function_by_name(module, name).is_some() {
                continue;
            }
            cx.report(missing(cx, schema, inv.span, module, name, true));
        }
    }
}

fn missing(cx: &Ctx, schema: &Schema, span: pulint_model::Span, module: &str, name: &str, function: bool) -> pulint_model::Diagnostic {
    if !schema.has_module(module) {
        let help = match closest(module, schema.modules()) {
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
