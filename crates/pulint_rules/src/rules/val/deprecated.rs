//! VAL005 deprecated: a deprecated resource type or argument of the pulumi-aws major in use.

use crate::{declare_rule, Ctx, Rule};
use crate::edit::Src;
use pulint_model::{Edit, FileKind, Fix, Program, Prop, RuleMeta, ValueKind};
use pulint_schema::{Major, Property, Schema, Ty, find};

use super::args::spelled;

declare_rule! {
    /// ## What it does
    /// Flags resource types and arguments that pulumi-aws deprecates in the major version the
    /// program uses (v7 unless its pins say v6), naming the replacement the SDK names: the
    /// `*V2` S3 resources, and the inline `acl`, `versioning`, `serverSideEncryptionConfiguration`,
    /// `lifecycleRules`, `logging`, `policy` and `website` arguments of `s3.Bucket`, among others.
    ///
    /// ## Why is this bad?
    /// Deprecated inputs still deploy today but warn on every preview, conflict with the
    /// separate resources that replace them (both manage the same bucket setting and fight over
    /// it), and disappear in the next major version, when the program stops compiling.
    ///
    /// ## Example
    /// ```python
    /// aws.s3.Bucket("logs", versioning={"enabled": True})
    /// ```
    /// ```typescript
    /// new aws.s3.Bucket("logs", { versioning: { enabled: true } });
    /// ```
    ///
    /// ## Use instead
    /// The separate resource: `aws.s3.BucketVersioning("logs-versioning", bucket=logs.id,
    /// versioning_configuration={"status": "Enabled"})`. `pulint check --fix` replaces an
    /// `EventRule`'s `is_enabled` with `state`; with `--unsafe-fixes` it also moves an inline
    /// bucket argument whose value translates exactly into its own resource after the bucket's
    /// statement (unsafe: a new resource, and the bucket's inputs change).
    pub Deprecated { code: "VAL005", name: "deprecated", family: Val, severity: Warning, status: Stable,
        summary: "a deprecated resource type or argument" }
}

impl Rule for Deprecated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let schema = Schema::aws();
        let major = super::major(p);
        for (id, r) in crate::query::created(p) {
            let Some(rs) = schema.resource(&r.token) else { continue };
            let python = p.sources.get(r.span.file).kind == FileKind::Python;
            // The resource as messages name it, rendered only for a finding.
            let owner = || pulint_model::token::display(&r.token);
            if let Some(replacement) = schema.resource_deprecation(rs, major) {
                let help = if replacement.is_empty() { "see the pulumi-aws docs for its replacement".into() } else { format!("use `aws.{replacement}`") };
                cx.report(cx.diagnostic(r.callee_span, format!("{} is deprecated", owner())).with_help(help));
            }
            for a in &r.args {
                let Some(prop) = rs.input(&a.key.canonical) else { continue };
                if let Some(replacement) = schema.input_deprecation(rs, prop, major) {
                    let mut d = cx.diagnostic(a.key.span, format!("`{}` of {} is deprecated", a.key.written, owner())).with_help(help_for(replacement, python));
                    let fix = if major == Major::V7 && cx.wants_fixes() { super::s3_inline::fix(p, id, a).or_else(|| event_rule_state_fix(p, r, a)) } else { None };
                    if let Some(fix) = fix {
                        d = d.with_fix(fix);
                    }
                    cx.report(d);
                }
                nested(p, schema, major, prop, a, &r.token, python, cx);
            }
        }
    }
}

/// Deprecated properties of nested blocks (of the resource with type token `token`).
#[allow(clippy::too_many_arguments)]
fn nested(p: &Program, schema: &Schema, major: Major, prop: &Property, a: &Prop, token: &str, python: bool, cx: &mut Ctx) {
    let key = prop.ty.alternatives().iter().find_map(|t| match t {
        Ty::Object(k) => Some(k.as_str()),
        Ty::List(inner) => match inner.as_ref() {
            Ty::Object(k) => Some(k.as_str()),
            _ => None,
        },
        _ => None,
    });
    let Some(key) = key else { return };
    let Some(fields) = schema.nested(key) else { return };
    let v = p.resolve(&a.value);
    let objects: Vec<&[Prop]> = match &v.kind {
        ValueKind::Object(props) => vec![props],
        ValueKind::List(items) => items
            .iter()
            .filter_map(|i| match &p.resolve(i).kind {
                ValueKind::Object(props) => Some(props.as_slice()),
                _ => None,
            })
            .collect(),
        _ => vec![],
    };
    for props in objects {
        for q in props {
            let Some(field) = find(fields, &q.key.canonical) else { continue };
            if let Some(replacement) = schema.nested_deprecation(key, field, major) {
                let here = format!("`{}` of {}", spelled(&prop.name, python), pulint_model::token::display(token));
                cx.report(cx.diagnostic(q.key.span, format!("`{}` in {here} is deprecated", q.key.written)).with_help(help_for(replacement, python)));
            }
            nested(p, schema, major, field, q, token, python, cx);
        }
    }
}

/// `EventRule(is_enabled=True)` / `{ isEnabled: false }` becomes `state="ENABLED"` /
/// `state: "DISABLED"`, the setting's v7 spelling, when the rule does not also give `state`.
fn event_rule_state_fix(p: &Program, r: &pulint_model::Resource, a: &Prop) -> Option<Fix> {
    if r.token != "aws:cloudwatch/eventRule:EventRule" || a.key.canonical != "isEnabled" || r.arg("state").is_some() {
        return None;
    }
    let src = Src::of(p, a.key.span)?;
    if src.get(a.key.span.start as usize, src.name_end(&a.key)?)? != a.key.written {
        return None;
    }
    let state = match src.written(a)? {
        "True" | "true" => "ENABLED",
        "False" | "false" => "DISABLED",
        _ => return None,
    };
    let replacement = if src.python { format!("state=\"{state}\"") } else { format!("state: \"{state}\"") };
    let span = a.key.span.cover(a.value.span);
    Some(Fix { message: format!("replace `{}` with `state` set to \"{state}\"", a.key.written), edits: vec![Edit { span, replacement }], safe: true })
}

fn help_for(replacement: &str, python: bool) -> String {
    if replacement.is_empty() {
        "remove it; the pulumi-aws docs name its replacement".into()
    } else if replacement.contains('.') {
        format!("use the `aws.{replacement}` resource instead")
    } else {
        format!("use `{}` instead", spelled(replacement, python))
    }
}
