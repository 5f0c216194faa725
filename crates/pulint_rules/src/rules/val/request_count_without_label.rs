//! VAL015 request-count-without-label: target tracking on ALB requests per target without naming
//! the target group.

use super::args::{python, spelled, written_out};
use crate::query::{created, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a target tracking policy (`aws.appautoscaling.Policy`'s
    /// `targetTrackingScalingPolicyConfiguration`, `aws.autoscaling.Policy`'s
    /// `targetTrackingConfiguration`) whose `predefinedMetricSpecification` uses
    /// `ALBRequestCountPerTarget` without a `resourceLabel` (`resource_label`).
    ///
    /// ## Why is this bad?
    /// Requests per target are counted per target group, and the metric names it through the
    /// resource label (`app/<alb-name>/<id>/targetgroup/<tg-name>/<id>`). Application Auto Scaling
    /// and EC2 Auto Scaling reject the policy without one, so `pulumi up` fails and the service
    /// never scales.
    ///
    /// ## Example
    /// ```python
    /// aws.appautoscaling.Policy("requests", policy_type="TargetTrackingScaling", resource_id=target.resource_id,
    ///     scalable_dimension=target.scalable_dimension, service_namespace=target.service_namespace,
    ///     target_tracking_scaling_policy_configuration={
    ///         "predefined_metric_specification": {"predefined_metric_type": "ALBRequestCountPerTarget"},
    ///         "target_value": 100,
    ///     })
    /// ```
    /// ```typescript
    /// new aws.appautoscaling.Policy("requests", { policyType: "TargetTrackingScaling", resourceId: target.resourceId,
    ///     scalableDimension: target.scalableDimension, serviceNamespace: target.serviceNamespace,
    ///     targetTrackingScalingPolicyConfiguration: {
    ///         predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget" },
    ///         targetValue: 100,
    ///     } });
    /// ```
    ///
    /// ## Use instead
    /// Name the load balancer and target group: `resourceLabel` built with `pulumi.interpolate`
    /// as `${alb.arnSuffix}/${targetGroup.arnSuffix}` (Python:
    /// `pulumi.Output.concat(alb.arn_suffix, "/", target_group.arn_suffix)`).
    pub RequestCountWithoutLabel { code: "VAL015", name: "request-count-without-label", family: Val, severity: Error, status: Stable,
        summary: "ALBRequestCountPerTarget target tracking without a resource label" }
}

/// Policy types and the argument holding their target tracking configuration.
const POLICIES: &[(&str, &str)] = &[
    ("aws:appautoscaling/policy:Policy", "targetTrackingScalingPolicyConfiguration"),
    ("aws:autoscaling/policy:Policy", "targetTrackingConfiguration"),
];

/// Application Auto Scaling and EC2 Auto Scaling API references, PredefinedMetricSpecification:
/// ResourceLabel is required for this metric type.
const NEEDS_LABEL: &str = "ALBRequestCountPerTarget";

impl Rule for RequestCountWithoutLabel {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created(p) {
            let Some((_, config)) = POLICIES.iter().find(|(t, _)| *t == r.token) else { continue };
            if !written_out(p, r) {
                continue;
            }
            let Some(spec) = r.arg(config).and_then(|c| p.resolve(c).get("predefinedMetricSpecification")) else { continue };
            let Some(props) = p.resolve(spec).as_object() else { continue };
            if props.iter().any(|q| matches!(q.key.canonical.as_str(), "*" | "**")) {
                continue;
            }
            let Some(kind) = props.iter().find(|q| q.key.canonical == "predefinedMetricType") else { continue };
            let labelled = props.iter().any(|q| q.key.canonical == "resourceLabel" && !matches!(p.resolve(&q.value).kind, ValueKind::Null));
            if p.str_of(&kind.value) != Some(NEEDS_LABEL) || labelled {
                continue;
            }
            let label = spelled("resourceLabel", python(p, r.span));
            cx.report(
                cx.diagnostic(kind.key.span, format!("policy {} tracks {NEEDS_LABEL} without `{label}`", name_of(r)))
                    .with_help(format!("set `{label}` to the load balancer's and target group's ARN suffixes joined by `/`")),
            );
        }
    }
}
