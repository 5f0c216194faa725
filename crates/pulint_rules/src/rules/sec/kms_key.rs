//! SEC010 kms-key-policy-missing-service and SEC011 kms-key-rotation.

use crate::policy::statements;
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a CloudWatch log group encrypted with a KMS key of the program whose key policy does
    /// not let the CloudWatch Logs service (`logs.<region>.amazonaws.com`) use it, including keys
    /// with no policy at all (the default policy only trusts the account's IAM principals).
    ///
    /// ## Why is this bad?
    /// CloudWatch Logs is not an IAM principal of the account: without a key policy statement for
    /// it, creating the log group fails at `pulumi up` with an access-denied error from KMS, and
    /// everything that depends on the log group fails with it.
    ///
    /// ## Example
    /// ```python
    /// key = aws.kms.Key("logs")
    /// aws.cloudwatch.LogGroup("app", kms_key_id=key.arn)
    /// ```
    /// ```typescript
    /// const key = new aws.kms.Key("logs");
    /// new aws.cloudwatch.LogGroup("app", { kmsKeyId: key.arn });
    /// ```
    ///
    /// ## Use instead
    /// Give the key a policy that keeps the account root statement and allows
    /// `logs.<region>.amazonaws.com` to `kms:Encrypt*`, `kms:Decrypt*`, `kms:ReEncrypt*`,
    /// `kms:GenerateDataKey*` and `kms:Describe*`.
    pub KmsKeyPolicyMissingService { code: "SEC010", name: "kms-key-policy-missing-service", family: Sec, severity: Error, status: Stable,
        summary: "a log group uses a KMS key whose policy does not allow CloudWatch Logs" }
}

declare_rule! {
    /// ## What it does
    /// Flags a symmetric `aws.kms.Key` created without `enableKeyRotation: true`.
    ///
    /// ## Why is this bad?
    /// Without rotation the same key material protects the data for the key's whole life; most
    /// compliance baselines (CIS, PCI DSS) require yearly rotation, and audits fail.
    ///
    /// ## Example
    /// ```python
    /// key = aws.kms.Key("data", description="app data")
    /// ```
    /// ```typescript
    /// const key = new aws.kms.Key("data", { description: "app data" });
    /// ```
    ///
    /// ## Use instead
    /// `enable_key_rotation=True` / `enableKeyRotation: true`.
    pub KmsKeyRotation { code: "SEC011", name: "kms-key-rotation", family: Sec, severity: Info, status: Stable,
        summary: "a KMS key is created without automatic rotation" }
}

impl Rule for KmsKeyPolicyMissingService {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, lg) in query::created_of(p, "aws:cloudwatch/logGroup:LogGroup") {
            let Some(kv) = lg.arg("kmsKeyId") else { continue };
            let Some(key_id) = p.resolve(kv).resource() else { continue };
            let key = p.resource(key_id);
            if key.token != "aws:kms/key:Key" || key.kind != pulint_model::ResourceKind::Custom || !query::args_complete(key) {
                continue;
            }
            // A separate KeyPolicy resource may carry the policy.
            let key_policies: Vec<_> = query::created_of(p, "aws:kms/keyPolicy:KeyPolicy").filter(|(_, kp)| query::refers_to(kp, key_id)).map(|(_, kp)| kp).collect();
            let docs: Vec<_> = key.arg("policy").into_iter().chain(key_policies.iter().filter_map(|kp| kp.arg("policy"))).collect();
            // None: some part of a policy is unknown, so this log group is not judged.
            let allows_logs = docs.iter().try_fold(false, |acc, d| {
                let stmts = statements(p, d)?;
                stmts.iter().try_fold(acc, |acc, s| {
                    let principals = s.principals.as_ref()?;
                    Some(acc || principals.iter().any(|(x, _)| x.starts_with("logs.") || x.starts_with("${?}") || x == "*"))
                })
            });
            if allows_logs == Some(false) {
                let why = if docs.is_empty() { "has no key policy, so only IAM principals of the account may use it" } else { "has a key policy without the CloudWatch Logs service principal" };
                cx.report(
                    cx.diagnostic(query::anchor(kv.span, lg.span), format!("log group {} is encrypted with {}, which {why}", query::name_of(lg), query::name_of(key)))
                        .with_label(key.span, "key created here")
                        .with_help("add a key policy statement allowing `logs.<region>.amazonaws.com` to use the key"),
                );
            }
        }
    }
}

impl Rule for KmsKeyRotation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, k) in query::created_of(p, "aws:kms/key:Key") {
            if !query::args_complete(k) {
                continue;
            }
            let spec = k.arg("customerMasterKeySpec").or_else(|| k.arg("keySpec")).and_then(|v| p.str_of(v));
            if spec.is_some_and(|s| s != "SYMMETRIC_DEFAULT") {
                continue;
            }
            match k.arg("enableKeyRotation") {
                None => cx.report(cx.diagnostic(k.span, format!("{} is a KMS key created without automatic rotation", query::name_of(k))).with_help("set `enableKeyRotation` to true")),
                Some(v) if query::bool_of(p, v) == Some(false) => {
                    cx.report(cx.diagnostic(query::anchor(v.span, k.span), format!("automatic rotation of the KMS key {} is turned off", query::name_of(k))).with_help("set `enableKeyRotation` to true"))
                }
                _ => {}
            }
        }
    }
}
