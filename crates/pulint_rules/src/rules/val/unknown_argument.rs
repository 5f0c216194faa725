//! VAL002 unknown-argument: an argument the resource's schema does not have.

use super::args::Issue;
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Edit, FileKind, Fix, Program, Prop, RuleMeta, Span};

declare_rule! {
    /// ## What it does
    /// Flags an argument, at any depth, that the pulumi-aws schema does not define for that
    /// resource or nested block, and suggests the closest real name. Resource options written as
    /// arguments (`depends_on=`, `parent=`) and arguments that pulumi-aws v7 removed (`Eip.vpc`,
    /// `Deployment.stage_name`) get their own message.
    ///
    /// ## Why is this bad?
    /// Python raises `TypeError: ... got an unexpected keyword argument` before anything is
    /// deployed; TypeScript does not compile. Inside nested Python dictionaries the SDK passes the
    /// key through and the provider rejects or ignores it, so the setting never takes effect.
    /// Names are often borrowed from CloudFormation or Terraform (`alarm_name`, `artifact_store`).
    ///
    /// ## Example
    /// ```python
    /// aws.cloudwatch.MetricAlarm("cpu", alarm_name="cpu-high", ...)
    /// ```
    /// ```typescript
    /// new aws.cloudwatch.MetricAlarm("cpu", { alarmName: "cpu-high", ... });
    /// ```
    ///
    /// ## Use instead
    /// The schema's name: `name="cpu-high"` / `name: "cpu-high"`; resource options go in `opts`.
    /// `pulint check --fix` replaces `Eip(vpc=True)` with `domain="vpc"` and renames a
    /// `GatewayAssociation`'s `vpn_gateway_id` to `associated_gateway_id`.
    pub UnknownArgument { code: "VAL002", name: "unknown-argument", family: Val, severity: Error, status: Stable,
        summary: "an argument the resource does not have" }
}

impl Rule for UnknownArgument {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for issue in cx.facts().argument_issues() {
            {
                let Issue::Unknown { key, owner, suggestion, removed, option } = issue else { continue };
                let written = &key.key.written;
                let (message, help) = if written == "__opts__" {
                    (
                        format!("{owner} no longer accepts `__opts__`"),
                        "pass the resource options as `opts=`".to_string(),
                    )
                } else if *option {
                    (
                        format!("`{written}` is a resource option, not an argument of {owner}"),
                        "pass it in the resource options (`opts=pulumi.ResourceOptions(...)` / the third argument)".to_string(),
                    )
                } else if let Some(replacement) = removed {
                    let help = if replacement.is_empty() {
                        "remove it".to_string()
                    } else {
                        format!("use `{replacement}` instead")
                    };
                    (format!("`{written}` was removed from {owner} in pulumi-aws v7"), help)
                } else {
                    let help = match &suggestion {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "remove it or use an argument the schema defines".to_string(),
                    };
                    (format!("{owner} has no argument `{written}`"), help)
                };
                let mut d = cx.diagnostic(key.key.span, message).with_help(help);
                if cx.wants_fixes() && let Some(fix) = eip_domain_fix(p, key).or_else(|| renamed_fix(p, key)) {
                    d = d.with_fix(fix);
                }
                cx.report(d);
            }
        }
    }
}

/// `Eip(vpc=True)` / `{ vpc: true }` becomes `domain="vpc"` / `domain: "vpc"`, the v7 spelling of
/// the same setting, when the EIP does not also give `domain`.
fn eip_domain_fix(p: &Program, key: &Prop) -> Option<Fix> {
    if key.key.canonical != "vpc" || p.resolve(&key.value).as_bool() != Some(true) {
        return None;
    }
    let eip = crate::query::created_of(p, "aws:ec2/eip:Eip").map(|(_, r)| r).find(|r| r.args.iter().any(|a| a.key.span == key.key.span))?;
    if eip.arg("domain").is_some() || key.value.span.file != key.key.span.file {
        return None;
    }
    let python = p.sources.get(key.key.span.file).kind == FileKind::Python;
    let replacement = if python { "domain=\"vpc\"" } else { "domain: \"vpc\"" };
    let span = key.key.span.cover(key.value.span);
    Some(Fix { message: "replace `vpc` with `domain` set to \"vpc\"".into(), edits: vec![Edit { span, replacement: replacement.into() }], safe: true })
}

/// Arguments v7 removed in favour of another name for the same value and setting.
const RENAMED: &[(&str, &str, &str)] = &[("aws:directconnect/gatewayAssociation:GatewayAssociation", "vpnGatewayId", "associatedGatewayId")];

/// Renames an argument v7 removed to the argument that took its place (see [`RENAMED`]), when
/// the resource does not also give that one.
fn renamed_fix(p: &Program, key: &Prop) -> Option<Fix> {
    let (token, _, new) = RENAMED.iter().find(|(_, old, _)| key.key.canonical == *old)?;
    let r = crate::query::created_of(p, token).map(|(_, r)| r).find(|r| r.args.iter().any(|a| a.key.span == key.key.span))?;
    let src = crate::edit::Src::of(p, key.key.span)?;
    let name = Span::new(key.key.span.file, key.key.span.start, src.name_end(&key.key)? as u32);
    if r.arg(new).is_some() || crate::query::text_of(p, name) != key.key.written {
        return None;
    }
    let replacement = super::args::spelled(new, src.python);
    let message = format!("rename `{}` to `{replacement}`", key.key.written);
    Some(Fix { message, edits: vec![Edit { span: name, replacement }], safe: true })
}
