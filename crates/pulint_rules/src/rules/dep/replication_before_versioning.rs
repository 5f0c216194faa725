//! DEP008 replication-before-versioning: S3 replication configured before versioning is on for
//! its buckets.

use super::waits_for;
use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Program, ResourceId, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.s3.BucketReplicationConfig` when the program enables versioning of its
    /// source or destination bucket with a separate `BucketVersioningV2` (or
    /// `BucketVersioning`) resource that the replication configuration does not wait for.
    ///
    /// ## Why is this bad?
    /// S3 accepts a replication configuration only on a bucket whose versioning is already
    /// enabled, and only towards a versioned destination. Both are separate resources, so
    /// Pulumi may create them in any order: `pulumi up` then fails with an
    /// `InvalidRequest` ("Versioning must be 'Enabled' on the bucket") on some runs.
    ///
    /// ## Example
    /// ```python
    /// aws.s3.BucketVersioningV2("src", bucket=src.id, versioning_configuration={"status": "Enabled"})
    /// aws.s3.BucketReplicationConfig("replication", bucket=src.id, role=role.arn,
    ///     rules=[{"status": "Enabled", "destination": {"bucket": dst.arn}}])
    /// ```
    /// ```typescript
    /// new aws.s3.BucketVersioningV2("src", { bucket: src.id, versioningConfiguration: { status: "Enabled" } });
    /// new aws.s3.BucketReplicationConfig("replication", { bucket: src.id, role: role.arn,
    ///     rules: [{ status: "Enabled", destination: { bucket: dst.arn } }] });
    /// ```
    ///
    /// ## Use instead
    /// List both versioning resources in the replication configuration's `depends_on` /
    /// `dependsOn`.
    pub ReplicationBeforeVersioning { code: "DEP008", name: "replication-before-versioning", family: Dep, severity: Error, status: Stable,
        summary: "S3 replication does not wait for the versioning of its buckets" }
}


impl Rule for ReplicationBeforeVersioning {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (rid, r) in query::created_of(p, "aws:s3/bucketReplicationConfig:BucketReplicationConfig") {
            let buckets = query::replication_buckets(p, r);
            for (bucket, role) in buckets {
                let versionings: Vec<ResourceId> = query::created(p)
                    .filter(|(_, v)| query::VERSIONINGS.contains(&v.token.as_str()) && v.arg("bucket").and_then(|b| p.resolve(b).resource()) == Some(bucket))
                    .map(|(id, _)| id)
                    .collect();
                let Some(first) = versionings.first() else { continue };
                if versionings.iter().any(|v| waits_for(p, rid, *v) != Some(false)) {
                    continue;
                }
                cx.report(
                    cx.diagnostic(r.span, format!("{} may be configured before versioning is enabled on its {role} bucket {}", query::kind_and_name("replication", r), query::name_of(p.resource(bucket))))
                        .with_label(p.resource(*first).span, "the versioning it does not wait for")
                        .with_help("add the versioning resources to the replication's `depends_on` / `dependsOn`"),
                );
            }
        }
    }
}
