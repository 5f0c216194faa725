//! VAL011 monitoring-without-role: RDS enhanced monitoring turned on without the role that
//! publishes its metrics.

use super::args::{python, spelled, written_out};
use crate::query::{absent, created, name_of, number_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.rds.Instance`, `aws.rds.ClusterInstance` or `aws.rds.Cluster` whose
    /// `monitoringInterval` (`monitoring_interval`) is a known number above 0 while
    /// `monitoringRoleArn` (`monitoring_role_arn`) is not set.
    ///
    /// ## Why is this bad?
    /// Enhanced monitoring sends OS metrics to CloudWatch Logs through an IAM role that RDS
    /// assumes. The RDS API rejects a non-zero interval without that role
    /// (`InvalidParameterCombination: A MonitoringRoleARN value is required if you specify a
    /// MonitoringInterval value other than 0`), so the database is never created.
    ///
    /// ## Example
    /// ```python
    /// aws.rds.Instance("db", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
    ///     monitoring_interval=60)
    /// ```
    /// ```typescript
    /// new aws.rds.Instance("db", { engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20,
    ///     monitoringInterval: 60 });
    /// ```
    ///
    /// ## Use instead
    /// Create a role that `monitoring.rds.amazonaws.com` may assume, attach
    /// `AmazonRDSEnhancedMonitoringRole`, and pass it: `monitoring_role_arn=role.arn` /
    /// `monitoringRoleArn: role.arn`; or leave `monitoringInterval` at 0.
    pub MonitoringWithoutRole { code: "VAL011", name: "monitoring-without-role", family: Val, severity: Error, status: Stable,
        summary: "RDS enhanced monitoring without a monitoring role" }
}

/// RDS resources that take `monitoringInterval`; the RDS API reference (CreateDBInstance,
/// CreateDBCluster: MonitoringInterval) requires `MonitoringRoleArn` whenever it is not 0.
const MONITORED: &[&str] = &["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance", "aws:rds/cluster:Cluster"];

impl Rule for MonitoringWithoutRole {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created(p).filter(|(_, r)| MONITORED.contains(&r.token.as_str())) {
            let Some(interval) = r.prop("monitoringInterval") else { continue };
            if !number_of(p, &interval.value).is_some_and(|n| n > 0.0) || !absent(r, "monitoringRoleArn") || !written_out(p, r) {
                continue;
            }
            let py = python(p, r.span);
            cx.report(
                cx.diagnostic(
                    interval.key.span,
                    format!("{} turns on enhanced monitoring without `{}`", name_of(r), spelled("monitoringRoleArn", py)),
                )
                .with_help(format!(
                    "pass a role that monitoring.rds.amazonaws.com may assume, with AmazonRDSEnhancedMonitoringRole attached, as `{}`",
                    spelled("monitoringRoleArn", py)
                )),
            );
        }
    }
}
