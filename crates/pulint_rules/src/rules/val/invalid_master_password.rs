//! VAL024 invalid-master-password: an RDS master password literal that RDS rejects.

use crate::query::{contains, created};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a known RDS master password (`aws.rds.Instance` `password`, `aws.rds.Cluster`
    /// `masterPassword`) that contains a character RDS does not accept in one (`/`, `@`, `"` or a
    /// space) or is shorter than 8 characters.
    ///
    /// ## Why is this bad?
    /// RDS refuses to create the database ("The parameter MasterUserPassword is not a valid
    /// password. Only printable ASCII characters besides '/', '@', '"', ' ' may be used"), so
    /// `pulumi up` fails once everything the database depends on already exists. A password
    /// written in the program is also a secret in source control.
    ///
    /// ## Example
    /// ```python
    /// aws.rds.Cluster("db", engine="aurora-postgresql", master_username="dbadmin",
    ///     master_password="P@ssw0rd-2024")
    /// ```
    /// ```typescript
    /// new aws.rds.Cluster("db", { engine: "aurora-postgresql", masterUsername: "dbadmin",
    ///     masterPassword: "P@ssw0rd-2024" });
    /// ```
    ///
    /// ## Use instead
    /// Let RDS manage the password (`manage_master_user_password=True` /
    /// `manageMasterUserPassword: true`), or generate one with `random.RandomPassword` and
    /// `override_special` / `overrideSpecial` limited to characters RDS accepts.
    pub InvalidMasterPassword { code: "VAL024", name: "invalid-master-password", family: Val, severity: Error, status: Stable,
        summary: "an RDS master password contains a character RDS rejects" }
}

// Source: Amazon RDS API Reference, CreateDBInstance / CreateDBCluster `MasterUserPassword`
// ("Can include any printable ASCII character except '/', '"', or '@'. Can't contain spaces";
// at least 8 characters on every engine).
const FORBIDDEN: &[(char, &str)] = &[('/', "`/`"), ('@', "`@`"), ('"', "`\"`"), (' ', "a space")];
const MIN_LEN: usize = 8;

impl Rule for InvalidMasterPassword {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created(p) {
            let key = match r.token.as_str() {
                "aws:rds/instance:Instance" => "password",
                "aws:rds/cluster:Cluster" => "masterPassword",
                _ => continue,
            };
            let Some(prop) = r.prop(key) else { continue };
            let Some(password) = p.str_of(&prop.value) else { continue };
            let problem = match FORBIDDEN.iter().find(|(c, _)| password.contains(*c)) {
                Some((_, name)) => format!("contains {name}, which RDS does not accept"),
                None if password.chars().count() < MIN_LEN => format!("is shorter than the {MIN_LEN} characters RDS requires"),
                None => continue,
            };
            // The password is wrong for RDS, not by itself: point at the argument when the value
            // is written elsewhere.
            let at = if contains(r.span, prop.value.span) { prop.value.span } else { prop.key.span };
            cx.report(
                cx.diagnostic(at, format!("the master password {problem}"))
                    .with_help("let RDS manage it (`manage_master_user_password` / `manageMasterUserPassword`) or generate one without `/`, `@`, `\"` and spaces"),
            );
        }
    }
}
