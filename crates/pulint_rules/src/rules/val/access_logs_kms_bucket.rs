//! VAL032 access-logs-kms-bucket: an application load balancer writing access logs to a bucket
//! encrypted with KMS.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags the default encryption of an S3 bucket that an application load balancer's
    /// `accessLogs` write to, when that encryption is SSE-KMS (`aws:kms`).
    ///
    /// ## Why is this bad?
    /// Elastic Load Balancing writes application load balancer access logs only to buckets
    /// encrypted with S3-managed keys (SSE-S3). With SSE-KMS, enabling the access logs fails
    /// ("Access Denied for bucket") during `pulumi up`, and no logs are delivered.
    ///
    /// ## Example
    /// ```python
    /// aws.s3.BucketServerSideEncryptionConfiguration("logs", bucket=logs.id,
    ///     rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms"}}])
    /// aws.lb.LoadBalancer("web", access_logs={"bucket": logs.bucket, "enabled": True}, ...)
    /// ```
    /// ```typescript
    /// new aws.s3.BucketServerSideEncryptionConfiguration("logs", { bucket: logs.id,
    ///     rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] });
    /// new aws.lb.LoadBalancer("web", { accessLogs: { bucket: logs.bucket, enabled: true }, ... });
    /// ```
    ///
    /// ## Use instead
    /// Encrypt the log bucket with `AES256` (SSE-S3).
    pub AccessLogsKmsBucket { code: "VAL032", name: "access-logs-kms-bucket", family: Val, severity: Error, status: Stable,
        summary: "load balancer access logs go to a bucket encrypted with KMS" }
}

// Source: Elastic Load Balancing user guide, "Access logs for your Application Load Balancer":
// the only server-side encryption supported for the bucket is SSE-S3.
const LOAD_BALANCERS: &[&str] = &["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const ENCRYPTIONS: &[&str] = &[
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];

impl Rule for AccessLogsKmsBucket {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, lb) in query::created(p).filter(|(_, r)| LOAD_BALANCERS.contains(&r.token.as_str())) {
            let application = lb.arg("loadBalancerType").is_none_or(|t| p.resolve(t).as_str() == Some("application"));
            let Some(logs) = lb.arg("accessLogs").map(|v| p.resolve(v)) else { continue };
            if !application || logs.get("enabled").and_then(|e| p.resolve(e).as_bool()) == Some(false) {
                continue;
            }
            let Some(bucket) = logs.get("bucket").and_then(|b| p.resolve(b).resource()) else { continue };
            // The bucket's inline encryption, and separate encryption resources for it.
            let mut settings: Vec<&Value> = p.resource(bucket).arg("serverSideEncryptionConfiguration").into_iter().collect();
            for (_, e) in query::created(p).filter(|(_, r)| ENCRYPTIONS.contains(&r.token.as_str())) {
                if e.arg("bucket").and_then(|b| p.resolve(b).resource()) == Some(bucket) {
                    settings.extend(e.arg("rules"));
                }
            }
            for s in settings {
                if let Some(algorithm) = kms_algorithm(p, s) {
                    cx.report(
                        cx.diagnostic(algorithm.span, format!("bucket {} is encrypted with KMS, but load balancer {} writes its access logs there", query::name_of(p.resource(bucket)), query::name_of(lb)))
                            .with_label(lb.span, "the load balancer")
                            .with_help("encrypt the access log bucket with `AES256` (SSE-S3)"),
                    );
                    break;
                }
            }
        }
    }
}

/// The `sseAlgorithm` value inside an encryption setting, when it is `aws:kms` or `aws:kms:dsse`.
fn kms_algorithm<'a>(p: &'a Program, v: &'a Value) -> Option<&'a Value> {
    let mut found = None;
    p.resolve(v).walk(&mut |x| {
        if let ValueKind::Object(props) = &x.kind {
            for q in props.iter().filter(|q| q.key.canonical == "sseAlgorithm") {
                if p.resolve(&q.value).as_str().is_some_and(|a| a.starts_with("aws:kms")) && found.is_none() {
                    found = Some(&q.value);
                }
            }
        }
    });
    found
}
