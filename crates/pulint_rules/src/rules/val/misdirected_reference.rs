//! VAL031 misdirected-reference: an argument given an attribute of another resource that cannot
//! mean what the argument needs.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{PathElem, Program, RuleMeta, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags arguments wired to a resource attribute that AWS cannot accept there:
    /// - a database password set to a Secrets Manager secret's `id`, `arn` or `name` (the
    ///   secret's identifier, not its value);
    /// - provisioned concurrency on a Lambda function's `version` when the function is not
    ///   published (the version is then `$LATEST`);
    /// - a web ACL association with a web ACL of `CLOUDFRONT` scope (only `REGIONAL` web ACLs
    ///   attach to load balancers, API stages and other regional resources).
    ///
    /// ## Why is this bad?
    /// The types match, so the program compiles and previews, but AWS rejects the call during
    /// `pulumi up` (`InvalidParameterValue`, "Provisioned concurrency ... $LATEST",
    /// `WAFInvalidParameterException`), or, for the password, the database's password becomes
    /// the secret's ARN.
    ///
    /// ## Example
    /// ```python
    /// secret = aws.secretsmanager.Secret("db-password")
    /// aws.rds.Instance("db", password=secret.id, ...)
    /// ```
    /// ```typescript
    /// const secret = new aws.secretsmanager.Secret("db-password");
    /// new aws.rds.Instance("db", { password: secret.id, ... });
    /// ```
    ///
    /// ## Use instead
    /// The secret's value (`aws.secretsmanager.SecretVersion.secret_string`, or
    /// `manage_master_user_password=True`), a published version (`publish=True`), a `REGIONAL`
    /// web ACL.
    pub MisdirectedReference { code: "VAL031", name: "misdirected-reference", family: Val, severity: Error, status: Stable,
        summary: "an argument is wired to an attribute AWS cannot accept there" }
}

/// Password arguments of database resources.
const PASSWORDS: &[(&str, &str)] = &[
    ("aws:rds/instance:Instance", "password"),
    ("aws:rds/cluster:Cluster", "masterPassword"),
    ("aws:redshift/cluster:Cluster", "masterPassword"),
    ("aws:docdb/cluster:Cluster", "masterPassword"),
];

impl Rule for MisdirectedReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (token, arg) in PASSWORDS {
            for (_, r) in query::created_of(p, token) {
                let Some(prop) = r.prop(arg) else { continue };
                let ValueKind::Attr { resource, path } = &p.resolve(&prop.value).kind else { continue };
                let secret = p.resource(*resource);
                let attr = first_attr(path);
                if secret.token == "aws:secretsmanager/secret:Secret" && matches!(attr, Some("id" | "arn" | "name")) {
                    cx.report(
                        cx.diagnostic(prop.value.span, format!("`{}` is set to the `{}` of secret {}, not to its value", prop.key.written, attr.unwrap_or_default(), query::name_of(secret)))
                            .with_help("use the secret's value (a `SecretVersion`'s `secret_string`) or let RDS manage the password"),
                    );
                }
            }
        }
        for (_, r) in query::created_of(p, "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig") {
            let Some(prop) = r.prop("qualifier") else { continue };
            let ValueKind::Attr { resource, path } = &p.resolve(&prop.value).kind else { continue };
            let f = p.resource(*resource);
            if f.token != "aws:lambda/function:Function" || first_attr(path) != Some("version") || !query::args_complete(f) {
                continue;
            }
            // Published only when `publish` is known to be true; unknown values stay silent.
            let unpublished = match f.arg("publish") {
                None => true,
                Some(v) => p.resolve(v).as_bool() == Some(false),
            };
            if unpublished {
                cx.report(
                    cx.diagnostic(prop.value.span, format!("function {} is not published, so its `version` is `$LATEST`, which cannot have provisioned concurrency", query::name_of(f)))
                        .with_label(f.span, "the function")
                        .with_help("set `publish=True` / `publish: true` on the function, or use an alias of a published version"),
                );
            }
        }
        for (_, r) in query::created_of(p, "aws:wafv2/webAclAssociation:WebAclAssociation") {
            let Some(acl) = r.arg("webAclArn").and_then(|v| p.resolve(v).resource()) else { continue };
            let acl = p.resource(acl);
            let Some(scope) = acl.prop("scope") else { continue };
            if p.resolve(&scope.value).as_str() == Some("CLOUDFRONT") {
                cx.report(
                    cx.diagnostic(scope.value.span, format!("web ACL {} has `CLOUDFRONT` scope but is associated with a regional resource", query::name_of(acl)))
                        .with_label(r.span, "the association")
                        .with_help("use `scope=\"REGIONAL\"` for load balancers and API stages; CloudFront takes the ACL in its `web_acl_id` / `webAclId`"),
                );
            }
        }
    }
}

fn first_attr(path: &[PathElem]) -> Option<&str> {
    match path.first() {
        Some(PathElem::Attr(a)) => Some(a.as_str()),
        _ => None,
    }
}
