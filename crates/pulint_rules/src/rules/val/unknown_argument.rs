//! VAL002 unknown-argument: an argument the resource's schema does not have.

use super::args::{Issue, invoke_issues, resource_issues};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

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
    pub UnknownArgument { code: "VAL002", name: "unknown-argument", family: Val, severity: Error, status: Stable,
        summary: "an argument the resource does not have" }
}

impl Rule for UnknownArgument {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let resources = crate::query::created(p).flat_map(|(_, r)| resource_issues(p, r));
        for issue in resources.chain(invoke_issues(p)) {
            {
                let Issue::Unknown { key, owner, suggestion, removed, option } = issue else { continue };
                let written = &key.key.written;
                let (message, help) = if written == "__opts__" {
                    (
                        format!("{owner} no longer accepts `__opts__`"),
                        "pass the resource options as `opts=`".to_string(),
                    )
                } else if option {
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
                cx.report(cx.diagnostic(key.key.span, message).with_help(help));
            }
        }
    }
}
