//! OPS014 alarm-without-dimensions: an alarm on a metric that only exists per resource, with no
//! dimensions to pick the resource.

use crate::query::{absent, args_complete, created_of, name_of};
use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a CloudWatch metric alarm on a namespace whose metrics AWS publishes only per
    /// resource (load balancers and target groups, SQS queues, SNS topics, ECS services) when the
    /// alarm sets no `dimensions` and no metric queries.
    ///
    /// ## Why is this bad?
    /// Without dimensions the alarm watches a metric stream that does not exist (for example
    /// `HealthyHostCount` without `TargetGroup` and `LoadBalancer`). It never receives data: it
    /// stays in `INSUFFICIENT_DATA`, or with `treat_missing_data = "breaching"` it is always in
    /// alarm. Either way it never reports the failure it was written for.
    ///
    /// ## Example
    /// ```python
    /// aws.cloudwatch.MetricAlarm("unhealthy", namespace="AWS/ApplicationELB", metric_name="UnHealthyHostCount",
    ///     statistic="Maximum", period=60, evaluation_periods=2, threshold=0, comparison_operator="GreaterThanThreshold")
    /// ```
    /// ```typescript
    /// new aws.cloudwatch.MetricAlarm("unhealthy", { namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount",
    ///     statistic: "Maximum", period: 60, evaluationPeriods: 2, threshold: 0, comparisonOperator: "GreaterThanThreshold" });
    /// ```
    ///
    /// ## Use instead
    /// Add the dimensions that name the resource: `dimensions={"TargetGroup": tg.arn_suffix,
    /// "LoadBalancer": alb.arn_suffix}` / `dimensions: { TargetGroup: tg.arnSuffix, LoadBalancer: alb.arnSuffix }`.
    pub AlarmWithoutDimensions { code: "OPS014", name: "alarm-without-dimensions", family: Ops, severity: Warning, status: Stable,
        summary: "an alarm on a per-resource metric names no resource" }
}

/// Namespaces with no account-wide metrics (CloudWatch User Guide, "AWS services that publish
/// CloudWatch metrics": each of these lists only per-resource dimensions).
const PER_RESOURCE: &[&str] = &["AWS/ApplicationELB", "AWS/NetworkELB", "AWS/ELB", "AWS/SQS", "AWS/SNS", "AWS/ECS"];

impl Rule for AlarmWithoutDimensions {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created_of(p, "aws:cloudwatch/metricAlarm:MetricAlarm") {
            if !args_complete(r) || !absent(r, "dimensions") || !absent(r, "metricQueries") {
                continue;
            }
            let Some(ns) = r.arg("namespace").and_then(|v| p.str_of(v)) else { continue };
            if !PER_RESOURCE.contains(&ns) {
                continue;
            }
            let metric = r.arg("metricName").and_then(|v| p.str_of(v)).unwrap_or("its metric");
            cx.report(
                cx.diagnostic(r.span, format!("alarm {} watches `{metric}` in `{ns}` without dimensions, a metric AWS only publishes per resource", name_of(r)))
                    .with_help("add `dimensions` naming the load balancer, target group, queue, topic or service"),
            );
        }
    }
}
