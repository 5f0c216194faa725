//! REG006 cross-region-reference: a resource placed in one region refers to a region-bound
//! resource (KMS key, subnet, security group, log group, ...) placed in another.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{token, PathElem, Program, ProviderUse, ResourceId, ResourceKind, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an argument that refers to a region-bound resource (a KMS key or alias, VPC, subnet,
    /// security group, log group, target group, subnet group, certificate, launch template) created
    /// in another region than the resource that uses it. Both regions must be known: from explicit
    /// providers, `region` arguments or the stack's `aws:region`; or the user deploys through an
    /// explicit provider while the resource it refers to has none, the stack names no region, and
    /// resources on the default provider use it too (so it belongs to the default region, taken to
    /// differ from the explicit providers' as in REG001). Arguments that are cross-region
    /// by design (replicas, peers, replication destinations, sources, anything beside its own
    /// `region`) are not flagged, nor are global services.
    ///
    /// ## Why is this bad?
    /// These identifiers only exist in their own region. A bucket in us-west-2 cannot be encrypted
    /// with a key of us-east-1, an instance cannot join a subnet of another region: `pulumi up`
    /// fails with "not found" or an invalid-parameter error once the first region is built.
    ///
    /// ## Example
    /// ```python
    /// west = aws.Provider("west", region="us-west-2")
    /// key = aws.kms.Key("key")  # the stack's region, us-east-1
    /// aws.s3.BucketServerSideEncryptionConfigurationV2("replica-sse", bucket=replica.id,
    ///     rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key.arn}}],
    ///     opts=pulumi.ResourceOptions(provider=west))
    /// ```
    /// ```typescript
    /// const west = new aws.Provider("west", { region: "us-west-2" });
    /// const key = new aws.kms.Key("key"); // the stack's region, us-east-1
    /// new aws.s3.BucketServerSideEncryptionConfigurationV2("replica-sse", { bucket: replica.id,
    ///     rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }] },
    ///     { provider: west });
    /// ```
    ///
    /// ## Use instead
    /// Create a second resource in the other region (a key per region, or a multi-region replica
    /// key) and refer to that one.
    pub CrossRegionReference { code: "REG006", name: "cross-region-reference", family: Reg, severity: Error, status: Stable,
        summary: "a resource refers to a region-bound resource of another region" }
}

/// Resource types whose identifiers are only valid in their own region.
const REGION_BOUND: &[&str] = &[
    "aws:kms/key:Key",
    "aws:kms/alias:Alias",
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:lb/targetGroup:TargetGroup",
    "aws:rds/subnetGroup:SubnetGroup",
    "aws:elasticache/subnetGroup:SubnetGroup",
    "aws:acm/certificate:Certificate",
];

/// Attributes that identify a resource to the AWS API of its region.
const IDENTIFIERS: &[&str] = &[
    "id",
    "arn",
    "name",
    "keyId",
    "targetKeyArn",
    "targetKeyId",
    "arnSuffix",
    "defaultSecurityGroupId",
    "defaultRouteTableId",
    "mainRouteTableId",
    "defaultNetworkAclId",
];

/// Services whose resources are not placed in a region.
const GLOBAL_MODULES: &[&str] = &["iam", "route53", "cloudfront", "organizations", "budgets", "globalaccelerator", "shield", "ce", "account"];

/// Key words of arguments that point at another region on purpose (in any case).
static CROSS_REGION_KEYS: query::WordSet = query::WordSet::ignore_case(&["replica", "peer", "destination", "replication", "source", "primary", "global", "copy"]);

impl Rule for CrossRegionReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let wiring = cx.facts().wiring();
        for (id, r) in query::created(p) {
            let Some(here) = r.region.as_deref() else { continue };
            if token::split(&r.token).is_none_or(|(m, _)| GLOBAL_MODULES.contains(&m)) {
                continue;
            }
            for a in &r.args {
                if a.key.canonical == "region" || cross_region_key(&a.key.canonical) {
                    continue;
                }
                let mut hits = Vec::new();
                refs(&a.value, &mut hits, 0);
                for v in hits {
                    let Some(t) = v.resource() else { continue };
                    let target = p.resource(t);
                    if target.kind != ResourceKind::Custom || !REGION_BOUND.contains(&target.token.as_str()) {
                        continue;
                    }
                    let at = query::anchor(v.span, r.span);
                    let help = "create the referenced resource in the same region (one per region), or place this resource in its region";
                    let Some(there) = target.region.as_deref() else {
                        if let Some(user) = used_on_default(p, &wiring, id, t) {
                            let u = p.resource(user);
                            cx.report(
                                cx.diagnostic(at, format!("{} deploys to {here}, but it refers to {}, which has no provider and lands in the default provider's region, where {} uses it", query::name_of(r), query::name_of(target), query::name_of(u)))
                                    .with_label(target.span, "created with the default provider here")
                                    .with_label(u.span, "used in the default provider's region here")
                                    .with_help(help),
                            );
                        }
                        continue;
                    };
                    if there == here {
                        continue;
                    }
                    cx.report(
                        cx.diagnostic(at, format!("{} deploys to {here}, but it refers to {} of {there}", query::name_of(r), query::name_of(target)))
                            .with_label(target.span, format!("created in {there} here"))
                            .with_help(help),
                    );
                }
            }
        }
    }
}

/// For `target` on the default provider while the stack names no region, used by `user` through an
/// explicit provider: another resource on the default provider that uses it too. The target then
/// belongs to the default region, which the program treats as another region than its explicit
/// providers' (REG001's premise); `None` unless every user through an explicit provider deploys
/// to `user`'s region, so the default region cannot be the right one for some of them.
fn used_on_default(p: &Program, wiring: &query::Refs, user: ResourceId, target: ResourceId) -> Option<ResourceId> {
    let t = p.resource(target);
    let here = p.resource(user).region.as_deref()?;
    if p.stack.default_region.is_some() || t.provider != ProviderUse::Default || t.arg("region").is_some() || p.resource(user).provider.provider().is_none() {
        return None;
    }
    let mut on_default = None;
    for &u in wiring.referrers(target) {
        let r = p.resource(u);
        if r.kind != ResourceKind::Custom || token::split(&r.token).is_none_or(|(m, _)| GLOBAL_MODULES.contains(&m)) {
            continue;
        }
        match r.provider {
            ProviderUse::Default if r.arg("region").is_none() => on_default = on_default.or(Some(u)),
            ProviderUse::Unknown => return None,
            _ if r.region.as_deref() != Some(here) => return None,
            _ => {}
        }
    }
    on_default
}

/// Matched ignoring case in place: no lower-case copy of every key.
fn cross_region_key(key: &str) -> bool {
    CROSS_REGION_KEYS.in_text(key.as_bytes())
}

/// True when a key ends in `region` in any case (`awsRegion`, `destination_Region`).
fn ends_with_region(key: &str) -> bool {
    key.len() >= 6 && key.as_bytes()[key.len() - 6..].eq_ignore_ascii_case(b"region")
}

/// Direct references to resources or their identifiers inside a value, skipping objects that name
/// their own region and keys that point at another region on purpose.
fn refs<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: u32) {
    if depth > 24 {
        return;
    }
    match &v.kind {
        ValueKind::Resource(_) => out.push(v),
        // Other attributes (a key's `policy`, a VPC's `cidrBlock`) are data, valid anywhere.
        ValueKind::Attr { path, .. } => {
            if matches!(path.first(), Some(PathElem::Attr(a)) if IDENTIFIERS.contains(&a.as_str())) {
                out.push(v)
            }
        }
        ValueKind::Object(props) => {
            if props.iter().any(|p| ends_with_region(&p.key.canonical) || p.key.canonical.eq_ignore_ascii_case("regionName")) {
                return;
            }
            for p in props {
                if !cross_region_key(&p.key.canonical) {
                    refs(&p.value, out, depth + 1);
                }
            }
        }
        ValueKind::List(items) => items.iter().for_each(|i| refs(i, out, depth + 1)),
        // Text (policy documents, ARNs put together) may name resources of any region.
        _ => {}
    }
}
