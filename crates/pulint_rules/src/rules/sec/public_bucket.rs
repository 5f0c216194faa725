//! SEC006 public-bucket: S3 buckets opened to the public by ACL, policy or a disabled public
//! access block, and buckets left without a public access block.

use crate::policy::statements;
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, ResourceId, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an S3 bucket made public: a `public-read` / `public-read-write` canned ACL, a bucket
    /// policy that allows `*` without a condition, a `BucketPublicAccessBlock` with its blocks
    /// Programs that host a website from a bucket are not flagged.
    ///
    /// ## Why is this bad?
    /// Public buckets are the most common source of data leaks in AWS: every object, including
    /// ones uploaded later by mistake, is readable by anyone who guesses a key.
    ///
    /// ## Example
    /// ```python
    /// bucket = aws.s3.Bucket("reports", acl="public-read")
    /// ```
    /// ```typescript
    /// const bucket = new aws.s3.Bucket("reports", { acl: "public-read" });
    /// ```
    ///
    /// ## Use instead
    /// Keep the bucket private and add `aws.s3.BucketPublicAccessBlock` with all four blocks on;
    /// serve public content through CloudFront with origin access control.
    pub PublicBucket { code: "SEC006", name: "public-bucket", family: Sec, severity: Warning, status: Stable,
        summary: "an S3 bucket is made public by ACL or bucket policy" }
}

declare_rule! {
    /// ## What it does
    /// Flags an S3 bucket that no `aws.s3.BucketPublicAccessBlock` of the program protects, in a
    /// program that does not host a website from a bucket. A bucket created only under a
    /// condition is flagged too when no block exists for it on any path.
    ///
    /// ## Why is this bad?
    /// The bucket's privacy then depends on account-level settings the program does not control;
    /// a later ACL or bucket policy change exposes it silently. AWS Security Hub (S3.8) and CIS
    /// report such buckets as failed controls.
    ///
    /// ## Example
    /// ```python
    /// logs = aws.s3.Bucket("logs")
    /// ```
    /// ```typescript
    /// const logs = new aws.s3.Bucket("logs");
    /// ```
    ///
    /// ## Use instead
    /// `aws.s3.BucketPublicAccessBlock("logs", bucket=logs.id, block_public_acls=True,
    /// block_public_policy=True, ignore_public_acls=True, restrict_public_buckets=True)`.
    pub MissingPublicAccessBlock { code: "SEC016", name: "missing-public-access-block", family: Sec, severity: Info, status: Stable,
        summary: "an S3 bucket has no public access block" }
}

impl Rule for MissingPublicAccessBlock {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let blocked: Vec<ResourceId> = query::created_of(p, PAB).flat_map(|(_, r)| r.arg("bucket").map(query::referenced).unwrap_or_default()).collect();
        let unknown = query::created_of(p, PAB).any(|(_, r)| r.arg("bucket").is_none_or(|b| query::referenced(b).is_empty()));
        // A public access block the program uses but the document does not show may be any
        // bucket's.
        let unseen = query::undefined_names(p).iter().any(|n| n.to_ascii_lowercase().replace('_', "").contains("publicaccessblock"));
        if unknown || unseen || hosts_website(p) {
            return;
        }
        for (id, r) in query::created(p) {
            if query::BUCKETS.contains(&r.token.as_str()) && !blocked.contains(&id) && query::args_complete(r) {
                cx.report(
                    cx.diagnostic(r.span, format!("{} has no public access block; its privacy depends on account settings", query::name_of(r)))
                        .with_help("add `aws.s3.BucketPublicAccessBlock` for it with all four blocks enabled"),
                );
            }
        }
    }
}

fn hosts_website(p: &Program) -> bool {
    query::created(p).any(|(_, r)| r.token.contains("bucketWebsiteConfiguration") || r.arg("website").is_some())
}

const PAB: &str = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

impl Rule for PublicBucket {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let website = hosts_website(p);
        for (_, r) in query::created(p) {
            match r.token.as_str() {
                t if query::BUCKETS.contains(&t) || t.starts_with("aws:s3/bucketAcl") => {
                    if let Some(acl) = r.arg("acl")
                        && let Some(a @ ("public-read" | "public-read-write")) = p.str_of(acl) {
                            cx.report(cx.diagnostic(query::anchor(acl.span, r.span), format!("the `{a}` ACL makes every object readable by anyone")).with_help("keep the bucket private and serve content through CloudFront"));
                        }
                }
                "aws:s3/bucketPolicy:BucketPolicy" => {
                    let Some(doc) = r.arg("policy") else { continue };
                    for s in statements(p, doc).unwrap_or_default() {
                        let public = s.principals.as_ref().is_some_and(|ps| ps.iter().any(|(x, _)| x == "*"));
                        let reads = s.actions.as_ref().is_some_and(|a| a.iter().any(|(x, _)| x.starts_with("s3:Get") || x == "s3:*" || x == "*"));
                        if s.effect_allow == Some(true) && public && reads && !s.has_condition && !website {
                            cx.report(cx.diagnostic(query::anchor(s.span, r.span), "the bucket policy lets anyone on the internet read objects").with_help("grant access to a CloudFront origin access control or to named principals"));
                        }
                    }
                }
                _ => {}
            }
        }
    }
}
