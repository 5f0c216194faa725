//! DEP005 notification-before-policy: S3 event notifications configured before the destination
//! lets S3 deliver to it.

use super::waits_for;
use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Program, Resource, ResourceId, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.s3.BucketNotification` whose SQS queue, SNS topic or Lambda function (created
    /// by the program) has no policy letting S3 deliver to it (a queue or topic policy, or a
    /// Lambda permission for `s3.amazonaws.com`), or whose notification does not wait for that
    /// policy.
    ///
    /// ## Why is this bad?
    /// S3 validates every destination when the notification configuration is written. If the
    /// policy is missing, or Pulumi writes the configuration first (nothing orders the two), the
    /// call fails with "Unable to validate the following destination configurations" and
    /// `pulumi up` stops.
    ///
    /// ## Example
    /// ```python
    /// aws.sqs.QueuePolicy("uploads", queue_url=queue.id, policy=policy_json)
    /// aws.s3.BucketNotification("uploads", bucket=bucket.id,
    ///     queues=[{"queue_arn": queue.arn, "events": ["s3:ObjectCreated:*"]}])
    /// ```
    /// ```typescript
    /// new aws.sqs.QueuePolicy("uploads", { queueUrl: queue.id, policy: policyJson });
    /// new aws.s3.BucketNotification("uploads", { bucket: bucket.id,
    ///     queues: [{ queueArn: queue.arn, events: ["s3:ObjectCreated:*"] }] });
    /// ```
    ///
    /// ## Use instead
    /// Create the policy or permission for S3 and list it in the notification's `depends_on` /
    /// `dependsOn`.
    pub NotificationBeforePolicy { code: "DEP005", name: "notification-before-policy", family: Dep, severity: Error, status: Stable,
        summary: "an S3 notification does not wait for the policy that lets S3 deliver to its destination" }
}

/// Destination list argument, the ARN key in each entry, the destination's type, the policy
/// resources that can grant S3 access to it, and what to call it.
const DESTINATIONS: &[(&str, &str, &str, &str, &str)] = &[
    ("queues", "queueArn", "aws:sqs/queue:Queue", "aws:sqs/queuePolicy:QueuePolicy", "queue policy"),
    ("topics", "topicArn", "aws:sns/topic:Topic", "aws:sns/topicPolicy:TopicPolicy", "topic policy"),
    ("lambdaFunctions", "lambdaFunctionArn", "aws:lambda/function:Function", "aws:lambda/permission:Permission", "Lambda permission"),
];

impl Rule for NotificationBeforePolicy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (nid, n) in query::created_of(p, "aws:s3/bucketNotification:BucketNotification") {
            for &(list, key, dest_token, policy_token, what) in DESTINATIONS {
                let Some(entries) = n.arg(list).map(|v| p.resolve(v)).and_then(|v| v.as_list()) else { continue };
                for entry in entries {
                    let Some(arn) = p.resolve(entry).get(key) else { continue };
                    let Some(dest) = p.resolve(arn).resource() else { continue };
                    let d = p.resource(dest);
                    // A queue or topic with an inline policy is created with it.
                    if d.token != dest_token || d.arg("policy").is_some() || !query::args_complete(d) {
                        continue;
                    }
                    let policies: Vec<(ResourceId, &Resource)> =
                        query::created_of(p, policy_token).filter(|(_, r)| grants_s3(p, r, dest)).collect();
                    let diag = match policies.first() {
                        Some((_, first)) => {
                            if policies.iter().any(|(pid, _)| waits_for(p, nid, *pid) != Some(false)) {
                                continue;
                            }
                            cx.diagnostic(n.span, format!("{} may be written before the {what} that lets S3 deliver to {}", query::kind_and_name("notification", n), query::name_of(d)))
                                .with_label(first.span, format!("the {what}"))
                                .with_help(format!("add the {what} to the notification's `depends_on` / `dependsOn`"))
                        }
                        None => {
                            if query::created_of(p, policy_token).any(|(_, r)| !query::args_complete(r)) {
                                continue;
                            }
                            cx.diagnostic(n.span, format!("{} delivers to {}, but no {what} lets S3 do so", query::kind_and_name("notification", n), query::name_of(d)))
                                .with_label(d.span, "the destination")
                                .with_help(format!("create a {what} for S3 and make the notification depend on it"))
                        }
                    };
                    cx.report(diag);
                }
            }
        }
    }
}

/// Whether a policy resource is about `dest` (and, for a Lambda permission, for S3).
fn grants_s3(p: &Program, r: &Resource, dest: ResourceId) -> bool {
    if !query::refers_to(r, dest) {
        return false;
    }
    r.token != "aws:lambda/permission:Permission" || r.arg("principal").and_then(|v| p.str_of(v)) == Some("s3.amazonaws.com")
}
