//! VAL016 cold-storage-retention: an AWS Backup lifecycle that deletes a recovery point less than
//! 90 days after moving it to cold storage.

use super::args::{python, spelled, written_out};
use crate::query::{created_of, number_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, Prop, RuleMeta, Value};

declare_rule! {
    /// ## What it does
    /// Flags a `lifecycle` of an `aws.backup.Plan` rule, or of one of its `copyActions`, whose
    /// `deleteAfter` (`delete_after`) is less than its `coldStorageAfter`
    /// (`cold_storage_after`) plus 90 days.
    ///
    /// ## Why is this bad?
    /// AWS Backup keeps recovery points in cold storage for at least 90 days, so it requires the
    /// retention to exceed the transition to cold storage by 90 days or more. It rejects the plan
    /// otherwise (`CreateBackupPlan` fails with an invalid parameter), `pulumi up` stops, and no
    /// backup is taken.
    ///
    /// ## Example
    /// ```python
    /// aws.backup.Plan("daily", rules=[{"rule_name": "daily", "target_vault_name": vault.name,
    ///     "schedule": "cron(0 5 * * ? *)", "lifecycle": {"cold_storage_after": 30, "delete_after": 35}}])
    /// ```
    /// ```typescript
    /// new aws.backup.Plan("daily", { rules: [{ ruleName: "daily", targetVaultName: vault.name,
    ///     schedule: "cron(0 5 * * ? *)", lifecycle: { coldStorageAfter: 30, deleteAfter: 35 } }] });
    /// ```
    ///
    /// ## Use instead
    /// Keep backups at least 90 days after the move (`deleteAfter: 120` with
    /// `coldStorageAfter: 30`), or drop `coldStorageAfter` for short retention.
    pub ColdStorageRetention { code: "VAL016", name: "cold-storage-retention", family: Val, severity: Error, status: Stable,
        summary: "a backup lifecycle deletes recovery points less than 90 days after moving them to cold storage" }
}

/// AWS Backup developer guide, "Lifecycle and storage tiers": recovery points stay in cold
/// storage for a minimum of 90 days.
const MIN_COLD_DAYS: f64 = 90.0;

impl Rule for ColdStorageRetention {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created_of(p, "aws:backup/plan:Plan") {
            if !written_out(p, r) {
                continue;
            }
            let py = python(p, r.span);
            let Some(rules) = r.arg("rules").and_then(|v| p.resolve(v).as_list()) else { continue };
            for rule in rules {
                let rule = p.resolve(rule);
                check_lifecycle(p, cx, rule.get("lifecycle"), py);
                let copies = rule.get("copyActions").and_then(|c| p.resolve(c).as_list()).unwrap_or(&[]);
                for copy in copies {
                    check_lifecycle(p, cx, p.resolve(copy).get("lifecycle"), py);
                }
            }
        }
    }
}

fn check_lifecycle(p: &Program, cx: &mut Ctx, lifecycle: Option<&Value>, py: bool) {
    let Some(props) = lifecycle.and_then(|l| p.resolve(l).as_object()) else { return };
    let field = |name: &str| -> Option<(&Prop, f64)> {
        let prop = props.iter().find(|q| q.key.canonical == name)?;
        Some((prop, number_of(p, &prop.value)?))
    };
    let (Some((cold, cold_days)), Some((delete, delete_days))) = (field("coldStorageAfter"), field("deleteAfter")) else { return };
    // No transition happens at 0 (the provider leaves the field out).
    if cold_days <= 0.0 || delete_days >= cold_days + MIN_COLD_DAYS {
        return;
    }
    cx.report(
        cx.diagnostic(
            cold.key.span,
            format!(
                "backups move to cold storage after {cold_days} days but are deleted after {delete_days}; cold storage needs at least {MIN_COLD_DAYS} days"
            ),
        )
        .with_label(delete.key.span, "deleted here")
        .with_help(format!(
            "set `{}` to at least {} or remove `{}`",
            spelled("deleteAfter", py),
            cold_days + MIN_COLD_DAYS,
            spelled("coldStorageAfter", py)
        )),
    );
}
