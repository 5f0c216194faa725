//! VAL030 conflicting-arguments: arguments that AWS rejects in combination.

use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, Prop, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags arguments that cannot be given together with a setting of the same resource:
    /// an RDS read replica (`replicateSourceDb`) that also sets `allocatedStorage`, `dbName`,
    /// `username` or `password`; placement strategies or constraints on an ECS service that runs
    /// on Fargate.
    ///
    /// ## Why is this bad?
    /// AWS rejects the call (`InvalidParameterCombination`, `ValidationException`) during
    /// `pulumi up`, after the resources before it were already created. A read replica takes its
    /// storage, database and credentials from its source.
    ///
    /// ## Example
    /// ```python
    /// aws.rds.Instance("replica", replicate_source_db=primary.arn, instance_class="db.t3.micro",
    ///     username="admin", password=password)
    /// ```
    /// ```typescript
    /// new aws.rds.Instance("replica", { replicateSourceDb: primary.arn, instanceClass: "db.t3.micro",
    ///     username: "admin", password: password });
    /// ```
    ///
    /// ## Use instead
    /// Leave the conflicting arguments out: the replica inherits them from its source.
    pub ConflictingArguments { code: "VAL030", name: "conflicting-arguments", family: Val, severity: Error, status: Stable,
        summary: "arguments that AWS rejects in combination" }
}

/// When a setting holds (`trigger` has a value that `applies` accepts), `conflicts` may not be set.
struct Conflict {
    token: &'static str,
    trigger: &'static str,
    applies: fn(&Value) -> bool,
    conflicts: &'static [&'static str],
    why: &'static str,
}

fn present(v: &Value) -> bool {
    !matches!(v.kind, ValueKind::Null | ValueKind::Unknown { .. })
}

fn fargate(v: &Value) -> bool {
    v.as_str() == Some("FARGATE")
}

// Sources: RDS API CreateDBInstanceReadReplica (no storage, database name or master credential
// parameters; seed 002 shows "Cannot specify both replicateSourceDb and allocatedStorage");
// Amazon ECS developer guide, task placement ("not supported for tasks using Fargate").
const CONFLICTS: &[Conflict] = &[
    Conflict {
        token: "aws:rds/instance:Instance",
        trigger: "replicateSourceDb",
        applies: present,
        conflicts: &["allocatedStorage", "dbName", "username", "password"],
        why: "a read replica takes it from its source database",
    },
    Conflict {
        token: "aws:ecs/service:Service",
        trigger: "launchType",
        applies: fargate,
        conflicts: &["orderedPlacementStrategies", "placementConstraints"],
        why: "Fargate does not support task placement strategies or constraints",
    },
];

impl Rule for ConflictingArguments {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for c in CONFLICTS {
            for (_, r) in crate::query::created_of(p, c.token) {
                let Some(trigger) = r.prop(c.trigger) else { continue };
                if !(c.applies)(p.resolve(&trigger.value)) {
                    continue;
                }
                for a in r.args.iter().filter(|a| c.conflicts.contains(&a.key.canonical.as_str())) {
                    if set(p, a) {
                        report(cx, a, &trigger.key.written, c.why);
                    }
                }
            }
        }
    }
}

/// Set to something other than nothing or zero.
fn set(p: &Program, a: &Prop) -> bool {
    let v = p.resolve(&a.value);
    present(v) && v.as_number() != Some(0.0)
}

fn report(cx: &mut Ctx, a: &Prop, trigger: &str, why: &str) {
    cx.report(
        cx.diagnostic(a.key.span, format!("`{}` cannot be set together with `{trigger}`: {why}", a.key.written))
            .with_help(format!("remove `{}`", a.key.written)),
    );
}
