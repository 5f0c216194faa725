//! SEC002 hardcoded-secret: a password, token or key written as a literal in the program.

use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, ResourceKind, RuleMeta, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a literal string passed to a secret argument (`password`, `masterPassword`,
    /// `authToken`, `secretString`, ...), and a literal default of a config read for a secret key
    /// (`config.get("dbPassword") or "Admin123!"`).
    ///
    /// ## Why is this bad?
    /// The secret ends up in source control, in the Pulumi state in plain text, and in every copy
    /// of the repository. It deploys fine and leaks forever.
    ///
    /// ## Example
    /// ```python
    /// aws.rds.Instance("db", instance_class="db.t3.micro", password="Admin123!")
    /// ```
    /// ```typescript
    /// new aws.rds.Instance("db", { instanceClass: "db.t3.micro", password: "Admin123!" });
    /// ```
    ///
    /// ## Use instead
    /// Read it with `config.require_secret("dbPassword")` / `config.requireSecret("dbPassword")`,
    /// generate it with `random.RandomPassword`, or let RDS manage it (`manage_master_user_password`).
    pub HardcodedSecret { code: "SEC002", name: "hardcoded-secret", family: Sec, severity: Error, status: Stable,
        summary: "a password, token or key is written in the program" }
}

/// Argument names whose values are credentials.
const SECRET_ARGS: &[&str] = &["password", "masterPassword", "authToken", "secretString", "adminPassword", "dbPassword", "apiKey", "secretKey", "token", "masterUserPassword"];

/// Config keys that name a credential.
fn secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    ["password", "passwd", "secret", "token", "apikey", "api_key", "privatekey", "private_key"].iter().any(|w| k.contains(w))
        && !["arn", "name", "length", "manager", "enable", "use_", "rotation"].iter().any(|w| k.contains(w))
}

/// Literals that are placeholders or switches rather than secrets.
fn placeholder(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    s.len() < 4
        || s.starts_with("arn:")
        || s.starts_with("{{")
        || s.contains("resolve:secretsmanager")
        || matches!(lower.as_str(), "true" | "false" | "none" | "null" | "not_set" | "unset" | "changeme" | "todo")
}

impl Rule for HardcodedSecret {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for r in &p.resources {
            if r.kind != ResourceKind::Custom {
                continue;
            }
            for prop in &r.args {
                if !SECRET_ARGS.contains(&prop.key.canonical.as_str()) {
                    continue;
                }
                let ValueKind::String(s) = &prop.value.kind else { continue };
                if placeholder(s) {
                    continue;
                }
                cx.report(
                    cx.diagnostic(prop.value.span, format!("`{}` is a literal secret in the program", prop.key.written))
                        .with_help("read it from secret config (`require_secret` / `requireSecret`) or generate it"),
                );
            }
        }
        for c in &p.config_reads {
            let Some(default) = &c.default else { continue };
            let ValueKind::String(s) = &default.kind else { continue };
            if !secret_key(&c.key) || placeholder(s) {
                continue;
            }
            cx.report(
                cx.diagnostic(default.span, format!("config `{}` falls back to a literal secret", c.key))
                    .with_help("require the value from secret config instead of defaulting to a literal"),
            );
        }
    }
}
