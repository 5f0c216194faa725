//! OPS006 versioned-bucket-no-force-destroy: a versioned bucket that `pulumi destroy` cannot
//! delete once it holds data.

use super::common::{elided, prod_stack};
use super::teardown::false_or_absent;
use crate::query::{BUCKETS, VERSIONINGS, args_complete, bool_of, created, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, Resource, ResourceId, RuleMeta, Span, Value};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags a versioned S3 bucket (inline `versioning` or a `BucketVersioningV2` resource with
    /// status `Enabled`) that has no `forceDestroy` (`force_destroy`), unless the program says it
    /// deploys production.
    ///
    /// ## Why is this bad?
    /// S3 refuses to delete a bucket that still holds object versions, and deleting the current
    /// objects leaves their old versions behind: `pulumi destroy` fails with `BucketNotEmpty`,
    /// and short-lived stacks cannot be torn down without manual cleanup.
    ///
    /// ## Example
    /// ```python
    /// aws.s3.Bucket("artifacts", versioning={"enabled": True})
    /// ```
    /// ```typescript
    /// new aws.s3.Bucket("artifacts", { versioning: { enabled: true } });
    /// ```
    ///
    /// ## Use instead
    /// Set `force_destroy=True` / `forceDestroy: true` on buckets of short-lived stacks, or
    /// protect production buckets deliberately.
    pub VersionedBucketNoForceDestroy { code: "OPS006", name: "versioned-bucket-no-force-destroy", family: Ops, severity: Warning, status: Stable,
        summary: "a versioned bucket has no `forceDestroy` and blocks `pulumi destroy`" }
}


impl Rule for VersionedBucketNoForceDestroy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        if prod_stack(p) {
            return;
        }
        // The first enabled versioning resource of each bucket, found once: one scan per bucket
        // made a file of n buckets cost n².
        let mut enabled: HashMap<ResourceId, Span> = HashMap::new();
        for (_, other) in created(p) {
            if !VERSIONINGS.contains(&other.token.as_str()) {
                continue;
            }
            let Some(bucket) = other.arg("bucket").and_then(|b| b.resource()) else { continue };
            let status = other.arg("versioningConfiguration").map(|c| p.resolve(c)).and_then(|c: &Value| c.get("status")).and_then(|s| p.str_of(s));
            if status == Some("Enabled") {
                enabled.entry(bucket).or_insert(other.span);
            }
        }
        for (id, r) in created(p) {
            if !BUCKETS.contains(&r.token.as_str()) || !args_complete(r) || elided(p, r.span) || !false_or_absent(p, r, "forceDestroy") {
                continue;
            }
            let Some(v) = versioned(p, id, r, &enabled) else { continue };
            let mut d = cx.diagnostic(r.span, format!("versioned bucket {} has no `forceDestroy`: `pulumi destroy` fails once it holds object versions", name_of(r)));
            if let Some(span) = v {
                d = d.with_label(span, "versioning enabled here");
            }
            cx.report(d.with_help("set `force_destroy=True` / `forceDestroy: true`, or protect the bucket deliberately in production only"));
        }
    }
}

/// Whether a bucket is versioned: `Some(span of a separate versioning resource)`, `Some(None)`
/// for inline versioning.
fn versioned(p: &Program, id: ResourceId, r: &Resource, enabled: &HashMap<ResourceId, Span>) -> Option<Option<Span>> {
    if let Some(v) = r.arg("versioning")
        && p.resolve(v).get("enabled").and_then(|e| bool_of(p, e)) == Some(true)
    {
        return Some(None);
    }
    enabled.get(&id).map(|span| Some(*span))
}
