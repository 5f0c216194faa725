//! OPS005 missing-backup: data stores created without point-in-time recovery or backups.

use crate::query::{args_complete, bool_of, created, name_of, number_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.dynamodb.Table` without point-in-time recovery
    /// (`pointInTimeRecovery: { enabled: true }`), and an RDS instance or cluster whose
    /// `backupRetentionPeriod` is 0 (automated backups off).
    ///
    /// ## Why is this bad?
    /// A deleted or corrupted item, or a bad migration, cannot be undone: without point-in-time
    /// recovery or automated backups the data is simply gone.
    ///
    /// ## Example
    /// ```python
    /// aws.dynamodb.Table("orders", hash_key="id", billing_mode="PAY_PER_REQUEST",
    ///     attributes=[{"name": "id", "type": "S"}])
    /// ```
    /// ```typescript
    /// new aws.dynamodb.Table("orders", { hashKey: "id", billingMode: "PAY_PER_REQUEST",
    ///     attributes: [{ name: "id", type: "S" }] });
    /// ```
    ///
    /// ## Use instead
    /// Enable `point_in_time_recovery={"enabled": True}` / `pointInTimeRecovery: { enabled: true }`,
    /// and keep `backup_retention_period` at 7 days or more.
    pub MissingBackup { code: "OPS005", name: "missing-backup", family: Ops, severity: Warning, status: Preview,
        summary: "a table or database has no point-in-time recovery or backups" }
}

impl Rule for MissingBackup {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created(p) {
            if !args_complete(r) || super::common::elided(p, r.span) {
                continue;
            }
            match r.token.as_str() {
                "aws:dynamodb/table:Table" => {
                    // Replicas of a global table inherit the table's settings elsewhere.
                    let pitr = r.arg("pointInTimeRecovery").map(|v| p.resolve(v));
                    let enabled = match pitr {
                        None => Some(false),
                        Some(v) if matches!(v.kind, pulint_model::ValueKind::Null) => Some(false),
                        Some(v) => match v.get("enabled") {
                            Some(e) => bool_of(p, e),
                            None if v.as_object().is_some() => Some(false),
                            None => None,
                        },
                    };
                    if enabled == Some(false) {
                        let span = pitr.map(|v| crate::query::anchor(v.span, r.span)).unwrap_or(r.span);
                        cx.report(
                            cx.diagnostic(span, format!("table {} has no point-in-time recovery", name_of(r)))
                                .with_help("set `point_in_time_recovery={\"enabled\": True}` / `pointInTimeRecovery: { enabled: true }`"),
                        );
                    }
                }
                "aws:rds/instance:Instance" | "aws:rds/cluster:Cluster" => {
                    let Some(v) = r.arg("backupRetentionPeriod") else { continue };
                    if number_of(p, v) == Some(0.0) && r.arg("replicateSourceDb").is_none() {
                        cx.report(
                            cx.diagnostic(crate::query::anchor(v.span, r.span), format!("{} has `backupRetentionPeriod` 0: automated backups are off", name_of(r)))
                                .with_help("keep automated backups for at least 7 days"),
                        );
                    }
                }
                _ => {}
            }
        }
    }
}
