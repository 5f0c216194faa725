//! VAL028 waf-log-destination-name: a WAFv2 logging destination whose name lacks the
//! `aws-waf-logs-` prefix WAF requires.

use crate::query::{anchor, created_of, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{InterpKind, Program, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.wafv2.WebAclLoggingConfiguration` whose `logDestinationConfigs` point at a
    /// CloudWatch log group, Firehose delivery stream or S3 bucket of the program whose name is
    /// known not to start with `aws-waf-logs-`. The finding is on the destination's name.
    ///
    /// ## Why is this bad?
    /// WAF only delivers logs to destinations named with that prefix and rejects the logging
    /// configuration otherwise ("WAFInvalidParameterException: ... log destination"), so `pulumi
    /// up` fails. Log groups are usually named after the `/aws/<service>/` convention, which WAF
    /// does not accept.
    ///
    /// ## Example
    /// ```python
    /// logs = aws.cloudwatch.LogGroup("waf", name="/aws/wafv2/site")
    /// aws.wafv2.WebAclLoggingConfiguration("waf", resource_arn=acl.arn, log_destination_configs=[logs.arn])
    /// ```
    /// ```typescript
    /// const logs = new aws.cloudwatch.LogGroup("waf", { name: "/aws/wafv2/site" });
    /// new aws.wafv2.WebAclLoggingConfiguration("waf", { resourceArn: acl.arn, logDestinationConfigs: [logs.arn] });
    /// ```
    ///
    /// ## Use instead
    /// Name the destination `aws-waf-logs-<something>` (`name="aws-waf-logs-site"`).
    pub WafLogDestinationName { code: "VAL028", name: "waf-log-destination-name", family: Val, severity: Error, status: Stable,
        summary: "a WAF log destination is not named `aws-waf-logs-...`" }
}

// Source: AWS WAF Developer Guide, "Logging destinations" (CloudWatch Logs, Amazon S3, Amazon
// Data Firehose): the log group, bucket or delivery stream name must start with `aws-waf-logs-`.
const PREFIX: &str = "aws-waf-logs-";

/// The destination types and the argument that holds their name.
const DESTINATIONS: &[(&str, &str, &str)] = &[
    ("aws:cloudwatch/logGroup:LogGroup", "name", "log group"),
    ("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "name", "delivery stream"),
    ("aws:s3/bucket:Bucket", "bucket", "bucket"),
    ("aws:s3/bucketV2:BucketV2", "bucket", "bucket"),
];

impl Rule for WafLogDestinationName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let mut seen = Vec::new();
        for (_, cfg) in created_of(p, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration") {
            let Some(list) = cfg.arg("logDestinationConfigs").map(|v| p.resolve(v)).and_then(Value::as_list) else { continue };
            for item in list {
                let Some(id) = p.resolve(item).resource() else { continue };
                let dest = p.resource(id);
                let Some((_, key, kind)) = DESTINATIONS.iter().find(|(t, _, _)| *t == dest.token) else { continue };
                // A name prefix is judged like a name; without either, the name is generated.
                let Some(v) = dest.arg(key).or_else(|| dest.arg(&format!("{key}Prefix"))) else { continue };
                let Some(start) = known_start(p, v) else { continue };
                let diverges = !start.starts_with(PREFIX) && !PREFIX.starts_with(start.as_str());
                if !diverges || seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                let shown = if p.str_of(v).is_some() { format!("`{start}`") } else { format!("`{start}...`") };
                cx.report(
                    cx.diagnostic(anchor(v.span, dest.span), format!("{kind} {} receives WAF logs but its name {shown} does not start with `{PREFIX}`", name_of(dest)))
                        .with_label(item.span, "WAF logs are sent here")
                        .with_help(format!("name it `{PREFIX}<name>`")),
                );
            }
        }
    }
}

/// The known text a string starts with: all of a known string, or the leading known parts of an
/// interpolation; `None` when not even its first character is known.
fn known_start(p: &Program, v: &Value) -> Option<String> {
    let v = p.resolve(v);
    if let Some(s) = v.as_str() {
        return Some(s.to_string());
    }
    let ValueKind::Interp { kind, parts } = &v.kind else { return None };
    let mut out = String::new();
    // `"%s-logs" % x` and `Output.format("/aws/{0}", x)` keep their template as the first part:
    // only the text before its first placeholder is known.
    if matches!(kind, InterpKind::Format | InterpKind::OutputFormat) {
        let template = parts.first().and_then(|t| p.str_of(t))?;
        out.push_str(&template[..template.find(['%', '{']).unwrap_or(template.len())]);
        return (!out.is_empty()).then_some(out);
    }
    for part in parts {
        match p.str_of(part) {
            Some(s) => out.push_str(s),
            None => break,
        }
    }
    (!out.is_empty()).then_some(out)
}
