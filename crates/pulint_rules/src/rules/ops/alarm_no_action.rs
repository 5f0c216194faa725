//! OPS010 alarm-without-action: a CloudWatch alarm that notifies no one.

use crate::query::{args_complete, created_of, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.cloudwatch.MetricAlarm` with no `alarmActions` (or an empty list) that no
    /// composite alarm of the program uses.
    ///
    /// ## Why is this bad?
    /// The alarm changes state in the console and nothing else happens: no page, no ticket, no
    /// scaling action. The failure it was written for goes unnoticed.
    ///
    /// ## Example
    /// ```python
    /// aws.cloudwatch.MetricAlarm("errors", comparison_operator="GreaterThanThreshold",
    ///     evaluation_periods=1, metric_name="Errors", namespace="AWS/Lambda", period=60,
    ///     statistic="Sum", threshold=1)
    /// ```
    /// ```typescript
    /// new aws.cloudwatch.MetricAlarm("errors", { comparisonOperator: "GreaterThanThreshold",
    ///     evaluationPeriods: 1, metricName: "Errors", namespace: "AWS/Lambda", period: 60,
    ///     statistic: "Sum", threshold: 1 });
    /// ```
    ///
    /// ## Use instead
    /// Send the alarm somewhere: `alarm_actions=[topic.arn]` / `alarmActions: [topic.arn]`.
    pub AlarmWithoutAction { code: "OPS010", name: "alarm-without-action", family: Ops, severity: Info, status: Stable,
        summary: "a CloudWatch alarm has no alarm actions" }
}

impl Rule for AlarmWithoutAction {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // Alarms feeding a composite alarm notify through it.
        if crate::query::creates(p, "aws:cloudwatch/compositeAlarm:CompositeAlarm") {
            return;
        }
        for (_, r) in created_of(p, "aws:cloudwatch/metricAlarm:MetricAlarm") {
            if !args_complete(r) || super::common::elided(p, r.span) {
                continue;
            }
            let none = match r.arg("alarmActions").map(|v| &p.resolve(v).kind) {
                None | Some(ValueKind::Null) => true,
                Some(ValueKind::List(items)) => items.is_empty(),
                _ => false,
            };
            if none {
                cx.report(
                    cx.diagnostic(r.span, format!("alarm {} has no `alarmActions`: it notifies no one", name_of(r)))
                        .with_help("add `alarm_actions` / `alarmActions` (an SNS topic, an Auto Scaling policy)"),
                );
            }
        }
    }
}
