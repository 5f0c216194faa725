//! VAL021 unknown-managed-policy: an AWS managed policy ARN that names no managed policy, close to
//! one that exists.

use crate::query::{created, literal_and_use};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta, Span, Value};
use pulint_schema::{normalize, Schema};

declare_rule! {
    /// ## What it does
    /// Flags an AWS managed policy ARN (`arn:aws:iam::aws:policy/...`) attached to a role, user or
    /// group that is not in pulumi-aws's list of managed policies (`aws.iam.ManagedPolicy`) but is
    /// one small step from a policy that is: the same name under another path (a missing
    /// `service-role/`), a typo, an `AWS`/`Amazon` prefix too many or too few, or a dropped
    /// `Access`.
    ///
    /// ## Why is this bad?
    /// IAM rejects the attachment with "Policy arn:aws:iam::aws:policy/... does not exist or is
    /// not attachable", so `pulumi up` fails. Deprecated AWS policies (`AWSConfigRole`,
    /// `AWSCodePipelineFullAccess`) are gone from the list too: they cannot be attached to new
    /// roles. The list comes with the SDK release, so a policy AWS published later is unknown to
    /// it; this rule stays silent on names that are not near a known one.
    ///
    /// ## Example
    /// ```python
    /// aws.iam.RolePolicyAttachment("deploy", role=role.name,
    ///     policy_arn="arn:aws:iam::aws:policy/AWSCodeDeployRoleForLambda")
    /// ```
    /// ```typescript
    /// new aws.iam.RolePolicyAttachment("deploy", { role: role.name,
    ///     policyArn: "arn:aws:iam::aws:policy/AWSCodeDeployRoleForLambda" });
    /// ```
    ///
    /// ## Use instead
    /// The policy's real ARN, path included:
    /// `arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda`.
    pub UnknownManagedPolicy { code: "VAL021", name: "unknown-managed-policy", family: Val, severity: Warning, status: Stable,
        summary: "an AWS managed policy ARN names no managed policy" }
}

/// Where the IAM attachment resources take managed policy ARNs.
const ARGS: &[(&str, &[&str])] = &[
    ("aws:iam/rolePolicyAttachment:RolePolicyAttachment", &["policyArn"]),
    ("aws:iam/userPolicyAttachment:UserPolicyAttachment", &["policyArn"]),
    ("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", &["policyArn"]),
    ("aws:iam/policyAttachment:PolicyAttachment", &["policyArn"]),
    ("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", &["policyArns"]),
    ("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", &["policyArns"]),
    ("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", &["policyArns"]),
    ("aws:iam/role:Role", &["managedPolicyArns", "permissionsBoundary"]),
    ("aws:iam/user:User", &["permissionsBoundary"]),
];

impl Rule for UnknownManagedPolicy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let schema = Schema::aws();
        let Some(known) = schema.enum_values("iam.ManagedPolicy") else { return };
        for (_, r) in created(p) {
            let Some((_, keys)) = ARGS.iter().find(|(t, _)| *t == r.token) else { continue };
            for key in *keys {
                let Some(v) = r.arg(key) else { continue };
                let v = p.resolve(v);
                match v.as_list() {
                    Some(items) => items.iter().for_each(|i| check(p, cx, known, &schema.version, i, r.span)),
                    None => check(p, cx, known, &schema.version, v, r.span),
                }
            }
        }
    }
}

fn check(p: &Program, cx: &mut Ctx, known: &[String], version: &str, v: &Value, site: Span) {
    let Some(arn) = p.str_of(v) else { return };
    // `arn:<partition>:iam::aws:policy/<path/>Name`; the SDK lists the `aws` partition's ARNs.
    let Some((partition, rest)) = arn.strip_prefix("arn:").and_then(|s| s.split_once(":iam::aws:policy/")) else { return };
    if !partition.starts_with("aws") || rest.is_empty() || rest.ends_with('/') {
        return;
    }
    let canonical = format!("arn:aws:iam::aws:policy/{rest}");
    if known.contains(&canonical) {
        return;
    }
    let Some(suggestion) = nearest(rest, known) else { return };
    let suggestion = format!("arn:{partition}:iam::aws:policy/{suggestion}");
    // The literal is the defect: point at it, and at its use when it is written elsewhere.
    let (at, used) = literal_and_use(v.span, site);
    let mut d = cx.diagnostic(at, format!("`{arn}` is not an AWS managed policy pulumi-aws {version} knows"));
    if let Some(used) = used {
        d = d.with_label(used, "attached here");
    }
    cx.report(d.with_help(format!("did you mean `{suggestion}`?")));
}

/// The known policy (path and name after `policy/`) one small step from `wanted`: the same name
/// under another path or spelling, a typo of at most two letters, an `AWS`/`Amazon` prefix added
/// or dropped, or the word `Access` added or dropped. Same-name matches win.
fn nearest<'a>(wanted: &str, known: &'a [String]) -> Option<&'a str> {
    let name = |s: &str| normalize(s.rsplit('/').next().unwrap_or(s));
    let w = name(wanted);
    let w_chars = w.chars().count();
    let tails = known.iter().filter_map(|k| k.strip_prefix("arn:aws:iam::aws:policy/"));
    let mut best: Option<(usize, &str)> = None;
    for k in tails {
        // Every kind of step changes the name's length by 0–3 or 6 (`amazon`, `access`): skip
        // the others without normalising them (about a thousand names per lookup).
        let tail = k.rsplit('/').next().unwrap_or(k);
        if tail.is_ascii() && !matches!(tail.bytes().filter(|b| *b != b'_').count().abs_diff(w_chars), 0..=3 | 6) {
            continue;
        }
        let n = name(k);
        let rank = if n == w {
            0
        // The distance is at least the difference in length: checked first, so a long name is not
        // compared letter by letter with every managed policy (a fuzzed file took seconds).
        } else if w.len() >= 8 && n.chars().count().abs_diff(w_chars) <= 2 && pulint_schema::within(&n, &w, 2) && unversioned(&n) != unversioned(&w) {
            1
        } else if prefixed(&n, &w) || prefixed(&w, &n) || word_added(&n, &w, "access") || word_added(&w, &n, "access") {
            2
        } else {
            continue;
        };
        if best.is_none_or(|(b, bk)| rank < b || rank == b && k < bk) {
            best = Some((rank, k));
        }
    }
    best.map(|(_, k)| k)
}

/// A name without a version suffix (`...v2`, `...2`): versions of one policy are not typos of
/// each other.
fn unversioned(name: &str) -> &str {
    let s = name.trim_end_matches(|c: char| c.is_ascii_digit());
    if s.len() < name.len() { s.strip_suffix('v').unwrap_or(s) } else { s }
}

/// `long` is `short` with an `AWS` or `Amazon` prefix.
fn prefixed(long: &str, short: &str) -> bool {
    ["aws", "amazon"].iter().any(|p| long.strip_prefix(p) == Some(short))
}

/// `long` is `short` with `word` inserted somewhere.
fn word_added(long: &str, short: &str, word: &str) -> bool {
    long.len() == short.len() + word.len()
        && (0..=short.len()).any(|i| short.is_char_boundary(i) && long.starts_with(&short[..i]) && long[i..].starts_with(word) && long[i + word.len()..] == short[i..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses() {
        let known: Vec<String> = ["service-role/AWS_ConfigRole", "service-role/AWSCodeDeployRoleForLambda", "service-role/AWSLambdaVPCAccessExecutionRole", "AmazonS3FullAccess"]
            .iter()
            .map(|s| format!("arn:aws:iam::aws:policy/{s}"))
            .collect();
        assert_eq!(nearest("AWSCodeDeployRoleForLambda", &known), Some("service-role/AWSCodeDeployRoleForLambda"));
        assert_eq!(nearest("service-role/ConfigRole", &known), Some("service-role/AWS_ConfigRole"));
        assert_eq!(nearest("service-role/AWSConfigRole", &known), Some("service-role/AWS_ConfigRole"));
        assert_eq!(nearest("service-role/AWSLambdaVPCExecutionRole", &known), Some("service-role/AWSLambdaVPCAccessExecutionRole"));
        // A policy newer than the SDK's list is not a near miss.
        assert_eq!(nearest("AmazonS3TablesFullAccess", &known), None);
        assert_eq!(nearest("AmazonS3FullAccessV2", &known), None);
    }
}
