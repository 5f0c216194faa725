//! OPS001 log-group-no-retention: a CloudWatch log group that keeps its logs forever.

use crate::query::{absent, args_complete, created_as, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.cloudwatch.LogGroup` created without `retentionInDays` (`retention_in_days`).
    ///
    /// ## Why is this bad?
    /// Without a retention period CloudWatch keeps every log event forever. Storage grows without
    /// bound, costs grow with it, and the data outlives any retention policy the team has.
    ///
    /// ## Example
    /// ```python
    /// aws.cloudwatch.LogGroup("app-logs", name="/ecs/app")
    /// ```
    /// ```typescript
    /// new aws.cloudwatch.LogGroup("app-logs", { name: "/ecs/app" });
    /// ```
    ///
    /// ## Use instead
    /// Set a retention period: `retention_in_days=14` / `retentionInDays: 14`.
    pub LogGroupNoRetention { code: "OPS001", name: "log-group-no-retention", family: Ops, severity: Warning, status: Stable,
        summary: "a CloudWatch log group keeps its logs forever" }
}

impl Rule for LogGroupNoRetention {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created_as(p, "aws:cloudwatch/logGroup:LogGroup") {
            if !args_complete(r) || !absent(r, "retentionInDays") || super::common::elided(p, r.span) {
                continue;
            }
            cx.report(
                cx.diagnostic(r.span, format!("log group {} has no `retentionInDays` and keeps its logs forever", name_of(r)))
                    .with_help("set `retention_in_days` / `retentionInDays`"),
            );
        }
    }
}
