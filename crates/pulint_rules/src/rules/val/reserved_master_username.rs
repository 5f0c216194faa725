//! VAL022 reserved-master-username: an RDS master user name the database engine reserves.

use crate::query::{contains, created};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags the master user name of an `aws.rds.Instance` (`username`) or `aws.rds.Cluster`
    /// (`masterUsername`) that the chosen engine reserves: `rdsadmin` on every MySQL, MariaDB and
    /// PostgreSQL engine, and `admin` or a name starting with `pg_` on PostgreSQL and Aurora
    /// PostgreSQL.
    ///
    /// ## Why is this bad?
    /// RDS refuses to create the database ("MasterUsername admin cannot be used as it is a
    /// reserved word used by the engine"), so `pulumi up` fails after the resources it depends on
    /// were already created. `admin` is the usual MySQL name, which makes it an easy slip when a
    /// program moves to PostgreSQL.
    ///
    /// ## Example
    /// ```python
    /// aws.rds.Cluster("db", engine="aurora-postgresql", master_username="admin", ...)
    /// ```
    /// ```typescript
    /// new aws.rds.Cluster("db", { engine: "aurora-postgresql", masterUsername: "admin", ... });
    /// ```
    ///
    /// ## Use instead
    /// A name the engine allows, such as `postgres` or `dbadmin`.
    pub ReservedMasterUsername { code: "VAL022", name: "reserved-master-username", family: Val, severity: Error, status: Stable,
        summary: "an RDS master user name is reserved by the engine" }
}

// Source: Amazon RDS User Guide, "Master user account privileges" / CreateDBInstance and
// CreateDBCluster `MasterUsername` ("can't be a reserved word for the chosen database engine");
// `rdsadmin` is RDS's own account, `admin` and `pg_*` roles are reserved by PostgreSQL on RDS.
const POSTGRES: &[&str] = &["postgres", "aurora-postgresql"];
const MYSQL: &[&str] = &["mysql", "mariadb", "aurora-mysql", "aurora"];

/// Why `user` cannot be the master user of `engine`, if it cannot.
fn reserved(engine: &str, user: &str) -> Option<&'static str> {
    let user = user.to_ascii_lowercase();
    let postgres = POSTGRES.contains(&engine);
    if !postgres && !MYSQL.contains(&engine) {
        return None;
    }
    if user == "rdsadmin" {
        Some("is reserved for RDS's own administration account")
    } else if postgres && user == "admin" {
        Some("is a reserved word of the PostgreSQL engine on RDS")
    } else if postgres && user.starts_with("pg_") {
        Some("starts with `pg_`, which PostgreSQL reserves for its own roles")
    } else {
        None
    }
}

impl Rule for ReservedMasterUsername {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created(p) {
            let key = match r.token.as_str() {
                "aws:rds/instance:Instance" => "username",
                "aws:rds/cluster:Cluster" => "masterUsername",
                _ => continue,
            };
            let (Some(engine), Some(prop)) = (r.arg("engine").and_then(|e| p.str_of(e)), r.prop(key)) else { continue };
            let Some(user) = p.str_of(&prop.value) else { continue };
            let Some(why) = reserved(&engine.to_ascii_lowercase(), user) else { continue };
            // The name is wrong for this engine, not by itself: point at the argument when the
            // value is written elsewhere.
            let at = if contains(r.span, prop.value.span) { prop.value.span } else { prop.key.span };
            cx.report(
                cx.diagnostic(at, format!("master user name `{user}` {why}"))
                    .with_help(format!("choose another name for the `{engine}` master user, such as `dbadmin`")),
            );
        }
    }
}
