//! SEC010 kms-key-policy-missing-service and SEC011 kms-key-rotation.

use crate::policy::{get_ci, statements};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, ResourceId, ResourceKind, RuleMeta, Span, Value, ValueKind};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags a KMS key of the program whose key policy does not let an AWS service use it although
    /// the program makes that service use it: CloudWatch Logs for an encrypted log group,
    /// CloudWatch alarms, EventBridge or S3 notifications publishing to an encrypted SNS topic,
    /// CloudFront reading an SSE-KMS bucket through an origin access control, and Auto Scaling
    /// launching instances whose launch template encrypts volumes with the key. A key without a
    /// policy counts: AWS's default key policy only trusts the account's IAM principals, and these
    /// services are not among them.
    ///
    /// ## Why is this bad?
    /// KMS refuses the service. Creating the log group fails at `pulumi up`, the Auto Scaling group
    /// never gets its instances, alarms and notifications are silently dropped, and CloudFront
    /// answers 403 for every object.
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
    /// Give the key a policy that keeps the account root statement and allows the service
    /// (`logs.<region>.amazonaws.com`, `cloudwatch.amazonaws.com`, `events.amazonaws.com`,
    /// `s3.amazonaws.com`, `cloudfront.amazonaws.com`, or the role
    /// `AWSServiceRoleForAutoScaling`) to use the key.
    pub KmsKeyPolicyMissingService { code: "SEC010", name: "kms-key-policy-missing-service", family: Sec, severity: Error, status: Stable,
        summary: "a KMS key policy does not allow a service the program makes use the key" }
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

/// A service that must be named in a key policy before it can use a customer-managed key.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Service {
    /// CloudWatch Logs encrypting a log group (AWS docs: CloudWatch Logs, "Encrypt log data in
    /// CloudWatch Logs using AWS KMS", step 2).
    Logs,
    /// CloudWatch alarms publishing to an encrypted SNS topic (AWS docs: SNS, "Enabling
    /// compatibility between event sources from AWS services and encrypted topics").
    CloudWatch,
    /// EventBridge rule targets publishing to an encrypted topic (same SNS page).
    Events,
    /// S3 event notifications published to an encrypted topic (same SNS page; S3 also sends a
    /// test message when the notification is configured).
    S3,
    /// CloudFront reading SSE-KMS objects through an origin access control (AWS docs:
    /// CloudFront, "Restrict access to an Amazon S3 origin", "SSE-KMS" key policy statement).
    CloudFront,
    /// Auto Scaling launching instances with EBS volumes encrypted by the key (AWS docs: EC2 Auto
    /// Scaling, "Required AWS KMS key policy for use with encrypted volumes").
    AutoScaling,
}

impl Service {
    fn principal(self) -> &'static str {
        match self {
            Service::Logs => "`logs.<region>.amazonaws.com`",
            Service::CloudWatch => "`cloudwatch.amazonaws.com`",
            Service::Events => "`events.amazonaws.com`",
            Service::S3 => "`s3.amazonaws.com`",
            Service::CloudFront => "`cloudfront.amazonaws.com`",
            Service::AutoScaling => "the `AWSServiceRoleForAutoScaling` service-linked role",
        }
    }

    /// The principal as AWS would spell it, to compare principals with unknown parts against.
    fn sample(self) -> &'static str {
        match self {
            Service::Logs => "logs.region.amazonaws.com",
            Service::CloudWatch => "cloudwatch.amazonaws.com",
            Service::Events => "events.amazonaws.com",
            Service::S3 => "s3.amazonaws.com",
            Service::CloudFront => "cloudfront.amazonaws.com",
            Service::AutoScaling => "arn:aws:iam::account:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
        }
    }

    /// True when a principal of an allowing statement may name this service: `*`, or text whose
    /// unknown parts (`${?}`) could make it the service (`arn:aws:iam::${?}:root` cannot).
    fn named_by(self, principal: &str) -> bool {
        if principal == "*" {
            return true;
        }
        if principal.contains("${?}") {
            return may_match(principal, self.sample());
        }
        match self {
            Service::Logs => principal.starts_with("logs."),
            Service::CloudWatch => principal == "cloudwatch.amazonaws.com",
            Service::Events => principal == "events.amazonaws.com",
            Service::S3 => principal == "s3.amazonaws.com",
            Service::CloudFront => principal == "cloudfront.amazonaws.com",
            Service::AutoScaling => principal.contains("AWSServiceRoleForAutoScaling"),
        }
    }
}

/// True when `pattern`, whose `${?}` parts stand for any text, may equal `text`.
fn may_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split("${?}").collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || !text[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// One place where a service must use a key: the reference to the key, and what uses it.
struct Use {
    key: ResourceId,
    service: Service,
    key_ref: Span,
    site: Span,
    why: String,
}

impl Rule for KmsKeyPolicyMissingService {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let mut uses = Vec::new();
        log_groups(p, &mut uses);
        topics(p, &mut uses);
        cloudfront_origins(p, &mut uses);
        launch_templates(p, &mut uses);

        // Each key and service judged once (many uses share a key; the labels look again).
        let mut judged: HashMap<(ResourceId, Service), Option<Option<Span>>> = HashMap::new();
        let verdicts: Vec<Option<Option<Span>>> =
            uses.iter().map(|u| *judged.entry((u.key, u.service)).or_insert_with(|| missing_statement(p, u.key, u.service))).collect();
        // One finding per key policy and service: the missing statement is one edit.
        let mut done: Vec<(Span, Service)> = Vec::new();
        for (i, u) in uses.iter().enumerate() {
            let key = p.resource(u.key);
            let Some(doc) = verdicts[i] else { continue };
            let at = doc.unwrap_or(key.span);
            if done.contains(&(at, u.service)) {
                continue;
            }
            done.push((at, u.service));
            let message = match doc {
                Some(_) => format!("the key policy of {} does not allow {}, which {}", query::name_of(key), u.service.principal(), u.why),
                None => format!("{} has no key policy, so the default one does not allow {}, which {}", query::name_of(key), u.service.principal(), u.why),
            };
            let mut d = cx.diagnostic(at, message);
            if doc.is_some() {
                d = d.with_label(key.span, "key created here");
            }
            let mut labelled = Vec::new();
            let same = |(o, v): &(&Use, &Option<Option<Span>>)| o.service == u.service && v.map(|d| d.unwrap_or(p.resource(o.key).span)) == Some(at);
            for (other, _) in uses[i..].iter().zip(&verdicts[i..]).filter(same) {
                for (span, text) in [(other.key_ref, "the key is used here"), (other.site, "the service needs it here")] {
                    if !labelled.contains(&span) {
                        labelled.push(span);
                        d = d.with_label(span, text);
                    }
                }
            }
            cx.report(d.with_help(format!("add a key policy statement that keeps the account root statement and allows {} to use the key", u.service.principal())));
        }
    }
}

/// Where the key policy lacks a statement for `service`: Some(Some(document)) when the program
/// writes a policy without it, Some(None) when the key has no policy (AWS then applies the default
/// one, which trusts only the account root), None when the key is allowed or pulint cannot tell.
fn missing_statement(p: &Program, key_id: ResourceId, service: Service) -> Option<Option<Span>> {
    let key = p.resource(key_id);
    if key.token != "aws:kms/key:Key" || key.kind != ResourceKind::Custom || !query::args_complete(key) {
        return None;
    }
    // A separate KeyPolicy resource may carry the policy.
    let key_policies: Vec<_> = query::created_of(p, "aws:kms/keyPolicy:KeyPolicy").filter(|(_, kp)| query::refers_to(kp, key_id)).map(|(_, kp)| kp).collect();
    if key_policies.iter().any(|kp| !query::args_complete(kp)) {
        return None;
    }
    // A grant can give the Auto Scaling role what the policy does not.
    if service == Service::AutoScaling && query::created_of(p, "aws:kms/grant:Grant").any(|(_, g)| query::refers_to(g, key_id)) {
        return None;
    }
    let docs: Vec<_> = key.arg("policy").into_iter().chain(key_policies.iter().filter_map(|kp| kp.arg("policy"))).collect();
    let mut at = None;
    for d in &docs {
        for s in statements(p, d)? {
            let principals = s.principals.as_ref()?;
            if principals.iter().any(|(x, _)| service.named_by(x)) && s.effect_allow != Some(false) {
                return None;
            }
        }
        at = Some(statement_list(p, d).unwrap_or(d.span));
    }
    Some(at)
}

/// The span of a policy document's statement list, where a missing statement belongs.
fn statement_list(p: &Program, v: &Value) -> Option<Span> {
    let v = p.resolve(v);
    match &v.kind {
        ValueKind::Json { value, .. } => statement_list(p, value),
        ValueKind::Object(_) => get_ci(v, &["statement", "statements"]).map(|s| p.resolve(s).span),
        ValueKind::InvokeResult { invoke, .. } => {
            let inv = p.invoke(*invoke);
            inv.args.iter().find(|a| a.key.canonical == "statements").map(|a| a.value.span)
        }
        _ => None,
    }
    .filter(|s| s.start < s.end)
}

/// The program's KMS key a value names: the key itself or an alias of it.
fn key_of(p: &Program, v: &Value) -> Option<ResourceId> {
    let id = p.resolve(v).resource()?;
    let r = p.resource(id);
    match r.token.as_str() {
        "aws:kms/key:Key" => Some(id),
        "aws:kms/alias:Alias" => key_of(p, r.arg("targetKeyId")?),
        _ => None,
    }
}

fn log_groups(p: &Program, uses: &mut Vec<Use>) {
    for (_, lg) in query::created_as(p, "aws:cloudwatch/logGroup:LogGroup") {
        let Some(kv) = lg.arg("kmsKeyId") else { continue };
        let Some(key) = key_of(p, kv) else { continue };
        let key_ref = query::anchor(kv.span, lg.span);
        uses.push(Use { key, service: Service::Logs, key_ref, site: key_ref, why: format!("CloudWatch Logs needs to encrypt log group {}", query::name_of(lg)) });
    }
}

/// SNS topics encrypted with a key of the program, and the AWS services that publish to them.
fn topics(p: &Program, uses: &mut Vec<Use>) {
    for (tid, topic) in query::created_of(p, "aws:sns/topic:Topic") {
        let Some(kv) = topic.arg("kmsMasterKeyId") else { continue };
        let Some(key) = key_of(p, kv) else { continue };
        let key_ref = query::anchor(kv.span, topic.span);
        let refers = |v: Option<&Value>| v.is_some_and(|v| query::referenced(v).contains(&tid));
        for (_, r) in query::created(p) {
            let (service, site, why) = match r.token.as_str() {
                "aws:cloudwatch/metricAlarm:MetricAlarm" | "aws:cloudwatch/compositeAlarm:CompositeAlarm" => {
                    let Some(a) = ["alarmActions", "okActions", "insufficientDataActions"].into_iter().filter_map(|k| r.arg(k)).find(|v| refers(Some(v))) else { continue };
                    (Service::CloudWatch, query::anchor(a.span, r.span), format!("alarm {} needs to publish to the encrypted topic {}", query::name_of(r), query::name_of(topic)))
                }
                "aws:cloudwatch/eventTarget:EventTarget" if refers(r.arg("arn")) => {
                    (Service::Events, query::anchor(r.arg("arn").unwrap().span, r.span), format!("EventBridge needs to publish to the encrypted topic {}", query::name_of(topic)))
                }
                "aws:s3/bucketNotification:BucketNotification" if refers(r.arg("topics")) => {
                    (Service::S3, query::anchor(r.arg("topics").unwrap().span, r.span), format!("S3 needs to publish bucket notifications to the encrypted topic {}", query::name_of(topic)))
                }
                _ => continue,
            };
            uses.push(Use { key, service, key_ref, site, why });
        }
    }
}

/// Buckets encrypted with a key of the program (SSE-KMS) that a CloudFront distribution reads
/// through an origin access control, which signs its requests as `cloudfront.amazonaws.com`.
fn cloudfront_origins(p: &Program, uses: &mut Vec<Use>) {
    // (bucket, key, reference to the key)
    let mut encrypted: Vec<(ResourceId, ResourceId, Span)> = Vec::new();
    for (id, r) in query::created(p) {
        let (bucket, config) = match r.token.as_str() {
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
            | "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2" => {
                let Some(b) = r.arg("bucket").and_then(|b| p.resolve(b).resource()) else { continue };
                (b, r.arg("rules"))
            }
            "aws:s3/bucket:Bucket" | "aws:s3/bucketV2:BucketV2" => (id, r.arg("serverSideEncryptionConfiguration")),
            _ => continue,
        };
        let Some(config) = config else { continue };
        config.walk(&mut |v| {
            if let Some(k) = v.get("kmsMasterKeyId")
                && let Some(key) = key_of(p, k)
            {
                encrypted.push((bucket, key, query::anchor(k.span, r.span)));
            }
        });
    }
    for (_, dist) in query::created_of(p, "aws:cloudfront/distribution:Distribution") {
        let Some(origins) = dist.arg("origins").map(|o| p.resolve(o)) else { continue };
        for origin in origins.as_list().unwrap_or_default() {
            let Some(bucket) = origin.get("domainName").and_then(|d| p.resolve(d).resource()) else { continue };
            let Some(oac) = origin.get("originAccessControlId").map(|o| p.resolve(o)) else { continue };
            if matches!(oac.kind, ValueKind::Null) || oac.as_str() == Some("") || signs_never(p, oac) {
                continue;
            }
            for &(b, key, key_ref) in &encrypted {
                if b == bucket {
                    let site = query::anchor(origin.span, dist.span);
                    let why = format!("distribution {} needs to read the SSE-KMS objects of bucket {}", query::name_of(dist), query::name_of(p.resource(bucket)));
                    uses.push(Use { key, service: Service::CloudFront, key_ref, site, why });
                }
            }
        }
    }
}

/// An origin access control that does not sign requests reads no SSE-KMS object either way.
fn signs_never(p: &Program, oac: &Value) -> bool {
    oac.resource().and_then(|id| p.resource(id).arg("signingBehavior")).and_then(|s| p.str_of(s)) == Some("never")
}

/// EBS volumes of a launch template encrypted with a key of the program, launched by an Auto
/// Scaling group through its service-linked role.
fn launch_templates(p: &Program, uses: &mut Vec<Use>) {
    for (lt_id, lt) in query::created_of(p, "aws:ec2/launchTemplate:LaunchTemplate") {
        let Some(bdm) = lt.arg("blockDeviceMappings") else { continue };
        let mut keys = Vec::new();
        bdm.walk(&mut |v| {
            if let Some(k) = v.get("ebs").and_then(|e| e.get("kmsKeyId"))
                && let Some(key) = key_of(p, k)
            {
                keys.push((key, query::anchor(k.span, lt.span)));
            }
        });
        for (_, asg) in query::created_of(p, "aws:autoscaling/group:Group") {
            // A custom service-linked role is not the default one the message names.
            if !query::refers_to(asg, lt_id) || asg.arg("serviceLinkedRoleArn").is_some() || !query::args_complete(asg) {
                continue;
            }
            for &(key, key_ref) in &keys {
                let why = format!("Auto Scaling group {} needs to launch instances with the encrypted volumes of launch template {}", query::name_of(asg), query::name_of(lt));
                uses.push(Use { key, service: Service::AutoScaling, key_ref, site: asg.span, why });
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
