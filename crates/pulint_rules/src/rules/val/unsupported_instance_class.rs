//! VAL033 unsupported-instance-class: an Aurora instance class the engine does not offer.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, Resource, RuleMeta, Value};

declare_rule! {
    /// ## What it does
    /// Flags an Aurora cluster instance whose `instanceClass` is a small burstable class that
    /// Aurora does not offer for its engine: `db.t2.*`, `db.t3.micro`, `db.t3.small`,
    /// `db.t4g.micro` and `db.t4g.small` for Aurora PostgreSQL and for Aurora MySQL 3 (MySQL 8.0
    /// compatible, the default).
    ///
    /// ## Why is this bad?
    /// RDS rejects the instance ("DB Instance class db.t3.small does not support engine
    /// aurora-postgresql") during `pulumi up`, after the cluster itself was created.
    ///
    /// ## Example
    /// ```python
    /// aws.rds.ClusterInstance("db-1", cluster_identifier=cluster.id, engine="aurora-postgresql",
    ///     instance_class="db.t3.small")
    /// ```
    /// ```typescript
    /// new aws.rds.ClusterInstance("db-1", { clusterIdentifier: cluster.id, engine: "aurora-postgresql",
    ///     instanceClass: "db.t3.small" });
    /// ```
    ///
    /// ## Use instead
    /// The smallest classes Aurora offers: `db.t3.medium` or `db.t4g.medium`, or Aurora
    /// Serverless v2 (`db.serverless`).
    pub UnsupportedInstanceClass { code: "VAL033", name: "unsupported-instance-class", family: Val, severity: Error, status: Stable,
        summary: "an Aurora instance class the engine does not offer" }
}

// Source: Amazon Aurora user guide, "Supported DB engines for DB instance classes": the smallest
// burstable classes are db.t3.medium and db.t4g.medium (db.t3.small only for Aurora MySQL 2).
fn too_small(class: &str) -> bool {
    class.starts_with("db.t2.") || matches!(class, "db.t3.micro" | "db.t3.small" | "db.t4g.micro" | "db.t4g.small")
}

impl Rule for UnsupportedInstanceClass {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created_of(p, "aws:rds/clusterInstance:ClusterInstance") {
            let Some(class) = r.prop("instanceClass") else { continue };
            let Some(name) = p.resolve(&class.value).as_str() else { continue };
            if !too_small(name) {
                continue;
            }
            let cluster = r.arg("clusterIdentifier").and_then(|c| p.resolve(c).resource()).map(|c| p.resource(c));
            let Some(engine) = text(p, r.arg("engine")).or_else(|| text(p, cluster.and_then(|c| c.arg("engine")))) else { continue };
            let offered = match engine {
                "aurora-postgresql" => false,
                // Aurora MySQL 2 (5.7) still offers db.t3.small; 3 (8.0) is the default.
                "aurora-mysql" => match version(p, r, cluster) {
                    Some(Some(v)) => v.starts_with("5.7"),
                    Some(None) => false,
                    None => true,
                },
                _ => true,
            };
            if !offered {
                cx.report(
                    cx.diagnostic(class.value.span, format!("`{name}` is not offered by Aurora for `{engine}`"))
                        .with_help("use `db.t3.medium`, `db.t4g.medium` or larger, or `db.serverless`"),
                );
            }
        }
    }
}

fn text<'a>(p: &'a Program, v: Option<&'a Value>) -> Option<&'a str> {
    p.resolve(v?).as_str()
}

/// The engine version: `Some(Some(v))` when known, `Some(None)` when no one sets it (the
/// default), `None` when it is set to something pulint cannot know.
fn version<'a>(p: &'a Program, r: &'a Resource, cluster: Option<&'a Resource>) -> Option<Option<&'a str>> {
    let set = r.arg("engineVersion").or_else(|| cluster.and_then(|c| c.arg("engineVersion")));
    match set {
        None if cluster.is_some() => Some(None),
        None => None,
        Some(v) => p.resolve(v).as_str().map(Some),
    }
}
