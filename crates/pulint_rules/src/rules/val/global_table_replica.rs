//! VAL025 invalid-global-table-replica: DynamoDB global table replicas that AWS or the provider
//! reject: a replica in the table's own region, replicas without a stream, and replicas without a
//! key of their own when the table uses a customer managed key.

use crate::query::{anchor, args_complete, bool_of, created_of, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{FileKind, Program, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags `replicas` of an `aws.dynamodb.Table` (a global table, version 2019.11.21) that cannot
    /// be created as written:
    /// - a replica whose `regionName` is the region the table itself is created in;
    /// - replicas on a table that does not set `streamEnabled: true`;
    /// - a replica without `kmsKeyArn` when the table is encrypted with a customer managed key
    ///   (`serverSideEncryption.kmsKeyArn`).
    ///
    /// ## Why is this bad?
    /// The table's own region already holds the table, and DynamoDB refuses a replica there.
    /// Adding replicas turns the table's stream on (global tables replicate through it); a table
    /// that does not declare the stream has the provider try to turn it off again, which fails with
    /// "Disabling Stream is not allowed for a Global Table replica". A table encrypted with a
    /// customer managed key needs a key in every replica region, or replica creation fails with
    /// "KMSMasterKeyId must be specified for each replica".
    ///
    /// ## Example
    /// ```python
    /// aws.dynamodb.Table("orders", hash_key="id", attributes=[{"name": "id", "type": "S"}],
    ///     billing_mode="PAY_PER_REQUEST", replicas=[{"region_name": "us-west-2"}])
    /// ```
    /// ```typescript
    /// new aws.dynamodb.Table("orders", { hashKey: "id", attributes: [{ name: "id", type: "S" }],
    ///     billingMode: "PAY_PER_REQUEST", replicas: [{ regionName: "us-west-2" }] });
    /// ```
    ///
    /// ## Use instead
    /// List only the other regions, set `stream_enabled=True` and
    /// `stream_view_type="NEW_AND_OLD_IMAGES"`, and give each replica the ARN of a key in its
    /// region (`kms_key_arn` / `kmsKeyArn`) when the table uses one of your keys.
    pub InvalidGlobalTableReplica { code: "VAL025", name: "invalid-global-table-replica", family: Val, severity: Error, status: Stable,
        summary: "a DynamoDB global table replica cannot be created as written" }
}

// Source: Amazon DynamoDB Developer Guide, "Global tables version 2019.11.21: how it works"
// (streams, replicas in other regions) and "Encryption at rest: global tables" (an in-region
// customer managed key for every replica).
impl Rule for InvalidGlobalTableReplica {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created_of(p, "aws:dynamodb/table:Table") {
            let Some(prop) = r.prop("replicas") else { continue };
            let Some(replicas) = p.resolve(&prop.value).as_list() else { continue };
            let replicas: Vec<&Value> = replicas.iter().map(|v| p.resolve(v)).collect();
            if replicas.is_empty() {
                continue;
            }
            // (a) A replica in the table's own region.
            if let Some(region) = &r.region {
                for rep in &replicas {
                    let Some(v) = rep.get("regionName") else { continue };
                    if p.str_of(v) == Some(region.as_str()) {
                        cx.report(
                            cx.diagnostic(anchor(v.span, r.span), format!("table {} is created in `{region}` and cannot have a replica there", name_of(r)))
                                .with_help("list only the other regions in `replicas`"),
                        );
                    }
                }
            }
            // (b) No stream. Strongly consistent (multi-region) tables are left alone, and so are
            // excerpts that do not even show the key schema.
            let strong = replicas.iter().any(|rep| rep.get("consistencyMode").and_then(|v| p.str_of(v)) == Some("STRONG"));
            let stream_off = match r.arg("streamEnabled") {
                None | Some(Value { kind: ValueKind::Null, .. }) => {
                    args_complete(r) && r.arg("hashKey").is_some() && !crate::query::elided(p, r.span)
                }
                Some(v) => bool_of(p, v) == Some(false),
            };
            if stream_off && !strong {
                cx.report(
                    cx.diagnostic(prop.key.span, format!("table {} has replicas but does not enable its stream", name_of(r)))
                        .with_help("set `stream_enabled=True` / `streamEnabled: true` with `stream_view_type` / `streamViewType` `NEW_AND_OLD_IMAGES`"),
                );
            }
            // (c) A customer managed key on the table, none on a replica.
            if customer_key(p, r.arg("serverSideEncryption")) {
                for rep in &replicas {
                    let ValueKind::Object(props) = &rep.kind else { continue };
                    if props.iter().any(|q| matches!(q.key.canonical.as_str(), "*" | "**")) || crate::query::elided(p, rep.span) {
                        continue;
                    }
                    if matches!(rep.get("kmsKeyArn"), None | Some(Value { kind: ValueKind::Null, .. })) {
                        let at = rep.get("regionName").map_or(rep.span, |v| anchor(v.span, rep.span));
                        let python = p.sources.get(r.span.file).kind == FileKind::Python;
                        let key = super::args::spelled("kmsKeyArn", python);
                        cx.report(
                            cx.diagnostic(anchor(at, r.span), format!("table {} uses a customer managed key but this replica has no `{key}`", name_of(r)))
                                .with_help("give every replica the ARN of a KMS key in its own region (a multi-region replica key works)"),
                        );
                    }
                }
            }
        }
    }
}

/// True when `serverSideEncryption` is enabled with a key that is not DynamoDB's AWS managed one.
fn customer_key(p: &Program, sse: Option<&Value>) -> bool {
    let Some(sse) = sse.map(|v| p.resolve(v)) else { return false };
    if sse.get("enabled").and_then(|v| bool_of(p, v)) != Some(true) {
        return false;
    }
    match sse.get("kmsKeyArn").map(|v| p.resolve(v)) {
        None | Some(Value { kind: ValueKind::Null, .. }) => false,
        Some(v) if v.is_unknown() => false,
        Some(v) => !p.str_of(v).is_some_and(|s| s.contains("alias/aws/")),
    }
}
