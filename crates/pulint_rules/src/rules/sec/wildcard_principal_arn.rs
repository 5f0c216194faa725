//! SEC021 wildcard-principal-arn: a policy principal ARN with a wildcard inside it.

use crate::policy::statements;
use crate::query::{created, literal_and_use, name_of};
use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a principal in a resource or trust policy (key policy, bucket policy, queue or topic
    /// policy, role trust policy) written as an ARN with a `*` inside it, such as
    /// `arn:aws:iam::*:root` or `arn:aws:iam::111122223333:role/app-*`.
    ///
    /// ## Why is this bad?
    /// IAM accepts a wildcard only as the whole principal (`"*"`), never inside a principal ARN
    /// (IAM User Guide, "AWS JSON policy elements: Principal"). The service rejects the policy as
    /// malformed, so `pulumi up` fails; where the intent was "any account", the statement would
    /// have been far broader than meant.
    ///
    /// ## Example
    /// ```python
    /// aws.kms.Key("data", policy=json.dumps({"Version": "2012-10-17", "Statement": [{
    ///     "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::*:root"}, "Action": "kms:*", "Resource": "*"}]}))
    /// ```
    /// ```typescript
    /// new aws.kms.Key("data", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [{
    ///     Effect: "Allow", Principal: { AWS: "arn:aws:iam::*:root" }, Action: "kms:*", Resource: "*" }] }) });
    /// ```
    ///
    /// ## Use instead
    /// Name the account (`arn:aws:iam::111122223333:root`, from `get_caller_identity`), or use
    /// `"*"` with a condition such as `aws:PrincipalArn` / `aws:PrincipalOrgID` to match a pattern.
    pub WildcardPrincipalArn { code: "SEC021", name: "wildcard-principal-arn", family: Sec, severity: Error, status: Stable,
        summary: "a policy principal is an ARN with a wildcard inside it" }
}

/// Keys that hold a policy (`policy`, `assumeRolePolicy`, `inlinePolicies`).
static POLICY: crate::query::WordSet = crate::query::WordSet::ignore_case(&["policy"]);

impl Rule for WildcardPrincipalArn {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let mut seen = Vec::new();
        for (_, r) in created(p) {
            // Matched in place ignoring case: no lower-case copy of every key.
            for arg in r.args.iter().filter(|a| POLICY.in_text(a.key.canonical.as_bytes())) {
                let Some(stmts) = statements(p, &arg.value) else { continue };
                for (principal, span) in stmts.iter().filter_map(|s| s.principals.as_ref()).flatten() {
                    if principal.starts_with("arn:") && principal.contains('*') {
                        // The literal is the defect: point at it, and at the resource when apart.
                        let (at, used) = literal_and_use(*span, r.span);
                        if seen.contains(&at) {
                            continue;
                        }
                        seen.push(at);
                        let mut d = cx.diagnostic(at, format!("principal `{principal}` in the policy of {} has a wildcard inside an ARN, which IAM rejects", name_of(r)));
                        if let Some(used) = used {
                            d = d.with_label(used, "the policy is used here");
                        }
                        cx.report(d.with_help("name the account or role, or use `\"*\"` with an `aws:PrincipalArn` condition"));
                    }
                }
            }
        }
    }
}
