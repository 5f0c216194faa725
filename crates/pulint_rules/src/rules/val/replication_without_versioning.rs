//! VAL009 replication-without-versioning: S3 replication between buckets of which one never has
//! versioning enabled.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, ResourceId, RuleMeta, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a bucket of the program that an S3 replication configuration uses as its source or
    /// destination when the program never enables versioning on it (no `aws.s3.BucketVersioning`
    /// for it, no inline `versioning`).
    ///
    /// ## Why is this bad?
    /// S3 accepts a replication configuration only when versioning is enabled on both buckets:
    /// `pulumi up` fails with "Versioning must be 'Enabled' on the source bucket" (or on the
    /// destination bucket).
    ///
    /// ## Example
    /// ```python
    /// replica = aws.s3.Bucket("replica")
    /// aws.s3.BucketReplicationConfig("replication", bucket=source.id, role=role.arn,
    ///     rules=[{"status": "Enabled", "destination": {"bucket": replica.arn}}])
    /// ```
    /// ```typescript
    /// const replica = new aws.s3.Bucket("replica");
    /// new aws.s3.BucketReplicationConfig("replication", { bucket: source.id, role: role.arn,
    ///     rules: [{ status: "Enabled", destination: { bucket: replica.arn } }] });
    /// ```
    ///
    /// ## Use instead
    /// Enable versioning on both buckets with `aws.s3.BucketVersioning`, and let the replication
    /// depend on it.
    pub ReplicationWithoutVersioning { code: "VAL009", name: "replication-without-versioning", family: Val, severity: Error, status: Stable,
        summary: "a replicated bucket never has versioning enabled" }
}

impl Rule for ReplicationWithoutVersioning {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let versioned = match versioned_buckets(p) {
            Some(v) => v,
            None => return,
        };
        // The misnamed `BucketReplicationConfiguration` counts too (VAL001 reports the name; the
        // missing versioning is a second defect of the same code).
        for (_, r) in query::created_as(p, "aws:s3/bucketReplicationConfig:BucketReplicationConfig") {
            let buckets = query::replication_buckets(p, r);
            for (bucket, role) in buckets {
                let b = p.resource(bucket);
                if versioned.contains(&bucket) || !query::BUCKETS.contains(&b.token.as_str()) || !query::args_complete(b) {
                    continue;
                }
                cx.report(
                    cx.diagnostic(b.span, format!("bucket {} is the {role} of an S3 replication but never has versioning enabled", query::name_of(b)))
                        .with_label(r.span, "the replication that needs it")
                        .with_help("enable versioning on the bucket with `aws.s3.BucketVersioning`"),
                );
            }
        }
    }
}

/// Buckets with versioning (or that may have it), or None when a versioning resource's bucket is
/// unknown and could be any of them.
fn versioned_buckets(p: &Program) -> Option<Vec<ResourceId>> {
    let mut out = Vec::new();
    for (id, r) in query::created(p) {
        if query::VERSIONINGS.contains(&r.token.as_str()) {
            // One without a `bucket` argument versions nothing (and is an error of its own).
            match (r.arg("bucket"), query::args_complete(r)) {
                (None, true) => {}
                (Some(b), _) if p.resolve(b).resource().is_some() => out.extend(p.resolve(b).resource()),
                _ => return None,
            }
        } else if query::BUCKETS.contains(&r.token.as_str())
            && let Some(v) = r.arg("versioning").map(|v| p.resolve(v))
        {
            // Inline versioning (deprecated, still effective) counts unless it is known to be off.
            let off = match &v.kind {
                ValueKind::Object(_) => v.get("enabled").and_then(|e| p.resolve(e).as_bool()) == Some(false),
                ValueKind::List(items) => items.iter().all(|i| p.resolve(i).get("enabled").and_then(|e| p.resolve(e).as_bool()) == Some(false)),
                _ => false,
            };
            if !off {
                out.push(id);
            }
        }
    }
    Some(out)
}
