//! OPS013 bucket-name-not-unique: an S3 bucket name that varies by stack but has nothing that
//! makes it unique across AWS accounts.

use super::common::{holes, is_env_read, simple_text, text_of};
use crate::query::{BUCKETS, anchor, created, name_of};
use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Multiplicity, Program, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an explicit S3 bucket name built only from fixed text and stack or environment
    /// values (`f"{app}-logs-{environment_suffix}"`), with no account ID, region, random part or
    /// attribute of another resource in it. (A name of fixed text alone is OPS009.)
    ///
    /// ## Why is this bad?
    /// Bucket names are global across all AWS accounts. `shop-logs-dev` is the same name in every
    /// account that deploys the program with the same environment, and short names of that shape
    /// are often taken already: `CreateBucket` then fails with `BucketAlreadyExists` during
    /// `pulumi up`.
    ///
    /// ## Example
    /// ```python
    /// suffix = pulumi.Config().require("environmentSuffix")
    /// aws.s3.Bucket("logs", bucket=f"shop-logs-{suffix}")
    /// ```
    /// ```typescript
    /// const suffix = new pulumi.Config().require("environmentSuffix");
    /// new aws.s3.Bucket("logs", { bucket: `shop-logs-${suffix}` });
    /// ```
    ///
    /// ## Use instead
    /// Leave `bucket` out (Pulumi appends a random suffix), use `bucket_prefix` / `bucketPrefix`,
    /// or add the account ID (`aws.get_caller_identity().account_id`) and region to the name.
    pub BucketNameNotUnique { code: "OPS013", name: "bucket-name-not-unique", family: Ops, severity: Info, status: Stable,
        summary: "an S3 bucket name has no account, region or random part" }
}


impl Rule for BucketNameNotUnique {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created(p) {
            if !BUCKETS.contains(&r.token.as_str()) || r.multiplicity != Multiplicity::One {
                continue;
            }
            let Some(v) = r.arg("bucket") else { continue };
            let mut parts = Parts::default();
            if !classify(p, v, &mut parts, 0) || parts.unique || !parts.per_stack {
                continue;
            }
            cx.report(
                cx.diagnostic(anchor(v.span, r.span), format!("bucket {} is named from fixed text and the environment only: the same name in every account, which may be taken", name_of(r)))
                    .with_help("leave `bucket` out, use `bucket_prefix` / `bucketPrefix`, or add the account ID and region to the name"),
            );
        }
    }
}

#[derive(Default)]
struct Parts {
    /// A part that differs per stack (an environment suffix, the stack name).
    per_stack: bool,
    /// A part that makes the name unique across accounts (account ID, region, random, another
    /// resource's attribute).
    unique: bool,
}

/// Sorts the parts of a name; false when some part is not understood (no finding then).
fn classify(p: &Program, v: &Value, parts: &mut Parts, depth: u32) -> bool {
    if depth > 8 {
        return false;
    }
    match &v.kind {
        // A whole template pulint folded into text (its parts were known literals, such as a
        // suffix `'dev'` passed down from the entry module) is judged by the names in its source.
        ValueKind::String(_) if depth == 0 => holes(text_of(p, v.span)).into_iter().all(|h| judge_name(&h.to_ascii_lowercase(), parts)),
        ValueKind::String(_) | ValueKind::Number(_) => true,
        ValueKind::Interp { parts: items, .. } => items.iter().all(|x| classify(p, x, parts, depth + 1)),
        ValueKind::Config(id) => {
            let c = p.config_read(*id);
            let key = c.key.to_ascii_lowercase();
            if mentions_unique(&key) {
                parts.unique = true;
            } else if is_env_read(&c.key, c.accessor) {
                parts.per_stack = true;
            } else if let Some(e) = c.effective() {
                return classify(p, e, parts, depth + 1);
            }
            true
        }
        ValueKind::Attr { .. } | ValueKind::InvokeResult { .. } => {
            parts.unique = true;
            true
        }
        ValueKind::Unknown { .. } => {
            // A parameter or field: judged by how the program names it.
            let Some(t) = simple_text(p, v.span) else { return false };
            judge_name(&t.to_ascii_lowercase(), parts)
        }
        _ => false,
    }
}

/// Sorts a part by how the program names it; false when the name says nothing.
fn judge_name(t: &str, parts: &mut Parts) -> bool {
    if mentions_unique(t) {
        parts.unique = true;
    } else if ["suffix", "env", "stage", "stack"].iter().any(|w| t.contains(w)) {
        parts.per_stack = true;
    } else {
        return false;
    }
    true
}

fn mentions_unique(s: &str) -> bool {
    ["account", "region", "random", "uuid", "unique", "hash", "caller", "id", "rand"].iter().any(|w| s.contains(w))
}
