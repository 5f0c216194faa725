//! SEC008 public-database: an RDS instance or cluster instance reachable from the internet.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `publiclyAccessible: true` on `aws.rds.Instance` and `aws.rds.ClusterInstance`.
    ///
    /// ## Why is this bad?
    /// The database gets a public DNS name and address. With any permissive security group rule
    /// it is reachable from the internet, and credential stuffing starts within hours.
    ///
    /// ## Example
    /// ```python
    /// aws.rds.Instance("db", engine="postgres", instance_class="db.t3.micro", publicly_accessible=True)
    /// ```
    /// ```typescript
    /// new aws.rds.Instance("db", { engine: "postgres", instanceClass: "db.t3.micro", publiclyAccessible: true });
    /// ```
    ///
    /// ## Use instead
    /// Keep the database in private subnets with `publiclyAccessible: false` and reach it through
    /// the application tier, a bastion or SSM port forwarding.
    pub PublicDatabase { code: "SEC008", name: "public-database", family: Sec, severity: Error, status: Stable,
        summary: "a database instance is publicly accessible" }
}

impl Rule for PublicDatabase {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created(p) {
            if !matches!(r.token.as_str(), "aws:rds/instance:Instance" | "aws:rds/clusterInstance:ClusterInstance") {
                continue;
            }
            let Some(v) = r.arg("publiclyAccessible") else { continue };
            if query::bool_of(p, v) == Some(true) {
                cx.report(
                    cx.diagnostic(query::anchor(v.span, r.span), format!("{} is publicly accessible from the internet", query::name_of(r)))
                        .with_help("set `publiclyAccessible` to false and keep the database in private subnets"),
                );
            }
        }
    }
}
