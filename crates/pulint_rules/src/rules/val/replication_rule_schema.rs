//! VAL014 replication-rule-schema: an S3 replication rule that mixes the V1 and V2 forms of the
//! replication configuration.

use super::args::{python, spelled, written_out};
use crate::query::{created, created_as, BUCKETS};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, Prop, RuleMeta, Span, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a replication rule of `aws.s3.BucketReplicationConfig` that has a `filter` but no
    /// `deleteMarkerReplication` (`delete_marker_replication`), and a replication rule (there, or
    /// inline in `aws.s3.Bucket`'s `replicationConfiguration`) whose destination sets
    /// `replicationTime` or `metrics` but that has no `filter`.
    ///
    /// ## Why is this bad?
    /// S3 knows two forms of replication rules. A rule with a `Filter` is the V2 form, and S3
    /// rejects it without `DeleteMarkerReplication` ("DeleteMarkerReplication must be specified
    /// for this version of Cross Region Replication configuration schema"). Replication Time
    /// Control and replication metrics exist only in the V2 form, but a rule without `filter` is
    /// sent in the V1 form (a bare prefix), which S3 refuses with them. Either way `pulumi up`
    /// fails and the bucket is not replicated. (`priority` alone does not count: without a
    /// filter the provider leaves it out. Inline rules with a filter are fine: the provider adds
    /// `DeleteMarkerReplication` itself.)
    ///
    /// ## Example
    /// ```python
    /// aws.s3.BucketReplicationConfig("replication", bucket=source.id, role=role.arn, rules=[{
    ///     "id": "all", "status": "Enabled", "filter": {"prefix": ""},
    ///     "destination": {"bucket": replica.arn},
    /// }])
    /// ```
    /// ```typescript
    /// new aws.s3.BucketReplicationConfig("replication", { bucket: source.id, role: role.arn, rules: [{
    ///     id: "all", status: "Enabled",
    ///     destination: { bucket: replica.arn, replicationTime: { status: "Enabled", time: { minutes: 15 } } },
    /// }] });
    /// ```
    ///
    /// ## Use instead
    /// Write the V2 form completely: `filter: {}` (or a prefix), `deleteMarkerReplication:
    /// { status: "Disabled" }`, and a `priority` when there are several rules.
    pub ReplicationRuleSchema { code: "VAL014", name: "replication-rule-schema", family: Val, severity: Error, status: Stable,
        summary: "an S3 replication rule in the V2 form without what that form requires" }
}

impl Rule for ReplicationRuleSchema {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created_as(p, "aws:s3/bucketReplicationConfig:BucketReplicationConfig") {
            if !written_out(p, r) {
                continue;
            }
            let Some(rules) = r.arg("rules") else { continue };
            for rule in items(p, rules) {
                check_rule(p, cx, rule, r.span, true);
            }
        }
        for (_, r) in created(p).filter(|(_, r)| BUCKETS.contains(&r.token.as_str())) {
            if !written_out(p, r) {
                continue;
            }
            // The v7 object `replicationConfiguration`, or v6 `BucketV2`'s list of them.
            let configs = r.arg("replicationConfiguration").or_else(|| r.arg("replicationConfigurations"));
            for config in configs.into_iter().flat_map(|c| items(p, c)) {
                for rules in config.iter().filter(|q| q.key.canonical == "rules") {
                    for rule in items(p, &rules.value) {
                        check_rule(p, cx, rule, r.span, false);
                    }
                }
            }
        }
    }
}

/// One rule. `separate` is the `BucketReplicationConfig` form, which sends a filtered rule without
/// `DeleteMarkerReplication` as written; the inline form adds `Disabled` itself (Terraform AWS
/// provider, `aws_s3_bucket` replication rules).
fn check_rule(p: &Program, cx: &mut Ctx, rule: &[Prop], site: Span, separate: bool) {
    if rule.iter().any(|q| matches!(q.key.canonical.as_str(), "*" | "**")) {
        return;
    }
    let py = python(p, site);
    let filter = given(p, rule, &["filter", "filters"]);
    let marker = given(p, rule, &["deleteMarkerReplication"]).is_some();
    let v2_only = rule
        .iter()
        .filter(|q| matches!(q.key.canonical.as_str(), "destination" | "destinations"))
        .flat_map(|q| items(p, &q.value))
        .find_map(|d| given(p, d, &["replicationTime", "replicationTimes", "metrics"]));
    match (filter, v2_only) {
        (Some(f), _) if separate && !marker => {
            let dmr = spelled("deleteMarkerReplication", py);
            cx.report(
                cx.diagnostic(f.key.span, format!("replication rule has a `filter` (the V2 form) but no `{dmr}`, which S3 requires with it"))
                    .with_help(format!("add `{dmr}` with status `Disabled` (or `Enabled`)")),
            );
        }
        (None, Some(t)) => {
            let what = &t.key.written;
            let help = if separate && !marker {
                format!("add `filter` (an empty one replicates everything) and `{}` with status `Disabled`", spelled("deleteMarkerReplication", py))
            } else {
                "add `filter` (an empty one replicates everything)".to_string()
            };
            cx.report(
                cx.diagnostic(t.key.span, format!("replication rule sets `{what}` but has no `filter`, so it is sent in the V1 form, which does not support it"))
                    .with_help(help),
            );
        }
        _ => {}
    }
}

/// The first of `names` present in an object with a value other than `None` / `undefined`.
fn given<'a>(p: &Program, obj: &'a [Prop], names: &[&str]) -> Option<&'a Prop> {
    obj.iter().find(|q| names.contains(&q.key.canonical.as_str()) && !matches!(p.resolve(&q.value).kind, ValueKind::Null))
}

/// The objects a value holds: itself, or the items of a list (nested blocks are lists in some
/// SDK versions). Unknown values hold none.
fn items<'a>(p: &'a Program, v: &'a Value) -> Vec<&'a [Prop]> {
    match &p.resolve(v).kind {
        ValueKind::Object(props) => vec![props.as_slice()],
        ValueKind::List(list) => list.iter().filter_map(|i| p.resolve(i).as_object()).collect(),
        _ => Vec::new(),
    }
}
