//! SEC013 secret-as-plain-config: credentials read as plain configuration or stored as plain
//! SSM parameters.

use super::hardcoded_secret::secret_key;
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{ConfigAccessor, Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a credential-named config key (`dbPassword`, `githubToken`) read with a plain
    /// accessor (`get` / `require`) instead of a secret one, and an `aws.ssm.Parameter` of type
    /// `String` whose name says it holds a password, token or secret.
    ///
    /// ## Why is this bad?
    /// A plain config value sits unencrypted in `Pulumi.<stack>.yaml`, in the repository, and the
    /// program treats it as non-secret in the state and in previews. A `String` SSM parameter is
    /// readable by anyone with `ssm:GetParameter` and shows in the console and CloudTrail.
    ///
    /// ## Example
    /// ```python
    /// password = pulumi.Config().require("dbPassword")
    /// ```
    /// ```typescript
    /// const password = new pulumi.Config().require("dbPassword");
    /// ```
    ///
    /// ## Use instead
    /// `pulumi config set --secret dbPassword ...` and `require_secret` / `requireSecret`;
    /// `type: "SecureString"` for SSM parameters.
    pub SecretAsPlainConfig { code: "SEC013", name: "secret-as-plain-config", family: Sec, severity: Warning, status: Stable,
        summary: "a credential is read as plain config or stored as a plain parameter" }
}

impl Rule for SecretAsPlainConfig {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for c in &p.config_reads {
            let plain = matches!(c.accessor, ConfigAccessor::Get | ConfigAccessor::Require);
            if plain && c.namespace.is_none() && secret_key(&c.key) {
                cx.report(
                    cx.diagnostic(c.span, format!("`{}` is a credential read as plain config", c.key))
                        .with_help("store it with `pulumi config set --secret` and read it with `require_secret` / `requireSecret`"),
                );
            }
        }
        for (_, r) in query::created_of(p, "aws:ssm/parameter:Parameter") {
            let Some(t) = r.arg("type") else { continue };
            let Some(name) = r.arg("name").and_then(|v| p.str_of(v)) else { continue };
            if p.str_of(t) == Some("String") && secret_key(name.rsplit('/').next().unwrap_or(name)) {
                cx.report(
                    cx.diagnostic(query::anchor(t.span, r.span), format!("parameter `{name}` holds a credential as a plain `String`"))
                        .with_help("use `SecureString`, or AWS Secrets Manager"),
                );
            }
        }
    }
}
