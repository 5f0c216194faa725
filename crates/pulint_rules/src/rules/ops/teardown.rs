//! OPS004 teardown-blocker: resources that make `pulumi destroy` fail or leave things behind.

use super::common::{dev_stack, elided, prod_stack};
use crate::query::{absent, args_complete, bool_of, created, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, Resource, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags what stops a stack from being torn down cleanly:
    /// - an RDS instance or cluster with `skipFinalSnapshot` false or unset and no
    ///   `finalSnapshotIdentifier`;
    /// - in a stack the program itself marks as development or test (its environment suffix,
    ///   stage or stack name is `dev`, `test`, ...): `protect` or `retainOnDelete` options, and
    ///   deletion protection on databases, tables and load balancers.
    ///
    /// Programs that say they deploy production are not checked.
    ///
    /// ## Why is this bad?
    /// `pulumi destroy` fails on a database that must take a final snapshot without a name for
    /// it. Protected, retained or
    /// deletion-protected resources block or outlive the teardown of a short-lived stack and keep
    /// costing money.
    ///
    /// ## Example
    /// ```python
    /// aws.rds.Instance("db", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
    ///     username="app", manage_master_user_password=True)
    /// ```
    /// ```typescript
    /// new aws.rds.Instance("db", { engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20,
    ///     username: "app", manageMasterUserPassword: true });
    /// ```
    ///
    /// ## Use instead
    /// Set `skip_final_snapshot=True` / `skipFinalSnapshot: true` or a
    /// `final_snapshot_identifier`, and enable protection only for production.
    pub TeardownBlocker { code: "OPS004", name: "teardown-blocker", family: Ops, severity: Warning, status: Stable,
        summary: "a resource blocks or survives `pulumi destroy`" }
}


impl Rule for TeardownBlocker {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        if prod_stack(p) {
            return;
        }
        let dev = dev_stack(p);
        for (_, r) in created(p) {
            // Asked only for a resource about to be reported: the file's elision marks are
            // computed on first use, and most resources give no finding.
            let snippet = || !args_complete(r) || elided(p, r.span);
            let rds = matches!(r.token.as_str(), "aws:rds/instance:Instance" | "aws:rds/cluster:Cluster");
            if rds && r.arg("replicateSourceDb").is_none() && false_or_absent(p, r, "skipFinalSnapshot") && absent(r, "finalSnapshotIdentifier") && !snippet() {
                cx.report(
                    cx.diagnostic(r.span, format!("{} has no `skipFinalSnapshot` and no `finalSnapshotIdentifier`: `pulumi destroy` fails asking for a final snapshot name", name_of(r)))
                        .with_help("set `skip_final_snapshot=True` / `skipFinalSnapshot: true`, or a `final_snapshot_identifier`"),
                );
            }
            let Some((key, value)) = &dev else { continue };
            for opt in ["protect", "retainOnDelete"] {
                if let Some(v) = r.options.get(opt)
                    && bool_of(p, v) == Some(true)
                    && !snippet()
                {
                    cx.report(
                        cx.diagnostic(crate::query::anchor(v.span, r.span), format!("{} is `{opt}` in a `{value}` stack (`{key}`): `pulumi destroy` {}", name_of(r), if opt == "protect" { "refuses to delete it" } else { "leaves it behind" }))
                            .with_help("enable protection only for production stacks"),
                    );
                }
            }
            let flag = match r.token.as_str() {
                "aws:rds/instance:Instance" | "aws:rds/cluster:Cluster" | "aws:docdb/cluster:Cluster" | "aws:neptune/cluster:Cluster" => "deletionProtection",
                "aws:dynamodb/table:Table" => "deletionProtectionEnabled",
                "aws:lb/loadBalancer:LoadBalancer" | "aws:alb/loadBalancer:LoadBalancer" => "enableDeletionProtection",
                _ => continue,
            };
            if let Some(v) = r.arg(flag)
                && bool_of(p, v) == Some(true)
                && !snippet()
            {
                cx.report(
                    cx.diagnostic(crate::query::anchor(v.span, r.span), format!("{} has deletion protection in a `{value}` stack (`{key}`): `pulumi destroy` fails on it", name_of(r)))
                        .with_help("enable deletion protection only for production stacks"),
                );
            }
        }
    }
}

/// True when a boolean argument is absent or known false.
pub fn false_or_absent(p: &Program, r: &Resource, key: &str) -> bool {
    match r.arg(key) {
        None => true,
        Some(v) if matches!(v.kind, pulint_model::ValueKind::Null) => true,
        Some(v) => bool_of(p, v) == Some(false),
    }
}

