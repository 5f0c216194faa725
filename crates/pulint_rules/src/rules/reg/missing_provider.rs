//! REG001 missing-provider: an AWS resource or invoke on the default provider in a program that
//! deploys through explicit providers to other regions.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{token, Program, ProviderUse, ResourceKind, RuleMeta, ValueKind};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags an AWS resource or data-source call that passes no `provider` (and inherits none from
    /// its parent component) while it is wired to a resource deployed through an explicit
    /// provider of another region: it uses that resource, is used by it, or (for an invoke)
    /// configures it. A resource that resources on the default provider use too belongs to the
    /// default region and is left alone (a use from another region is REG006's), as is a
    /// DynamoDB table with replicas, which exists in their regions too.
    ///
    /// ## Why is this bad?
    /// The resource silently lands in the default provider's region (`aws:region` of the stack),
    /// not in the region the surrounding code is building. `pulumi up` succeeds, but the
    /// infrastructure is split across regions: cross-references fail at deploy time (a subnet in
    /// one region, its VPC in another) or the resource simply exists in the wrong place.
    /// Global services (IAM, Route 53, CloudFront, Organizations) are not flagged.
    ///
    /// ## Example
    /// ```python
    /// west = aws.Provider("west", region="us-west-2")
    /// vpc = aws.ec2.Vpc("vpc", cidr_block="10.1.0.0/16", opts=pulumi.ResourceOptions(provider=west))
    /// subnet = aws.ec2.Subnet("subnet", vpc_id=vpc.id, cidr_block="10.1.1.0/24")
    /// ```
    /// ```typescript
    /// const west = new aws.Provider("west", { region: "us-west-2" });
    /// const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.1.0.0/16" }, { provider: west });
    /// const subnet = new aws.ec2.Subnet("subnet", { vpcId: vpc.id, cidrBlock: "10.1.1.0/24" });
    /// ```
    ///
    /// ## Use instead
    /// Pass the provider to every regional resource and invoke (or set it once on a parent
    /// component): `opts=pulumi.ResourceOptions(provider=west)` / `{ provider: west }`.
    pub MissingProvider { code: "REG001", name: "missing-provider", family: Reg, severity: Warning, status: Stable,
        summary: "a regional resource uses the default provider but is wired to another region" }
}

/// Services whose resources are global: the provider's region does not place them.
const GLOBAL_MODULES: &[&str] = &["iam", "route53", "cloudfront", "organizations", "budgets", "globalaccelerator", "shield", "ce", "account"];

/// True for an AWS resource or invoke token whose service is regional.
pub fn regional(tok: &str) -> bool {
    tok.starts_with("aws:") && token::split(tok).is_some_and(|(m, _)| !GLOBAL_MODULES.contains(&m) && m != "index")
}

impl Rule for MissingProvider {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let default = p.stack.default_region.as_deref();
        // The region a resource is placed in through an explicit provider, when it differs from
        // the default region (or the default is unknown).
        let explicit_region = |r: &pulint_model::Resource| -> Option<String> {
            let provider = p.resource(r.provider.provider()?);
            let region = p.str_of(provider.arg("region")?)?;
            (Some(region) != default).then(|| region.to_string())
        };
        let on_default = |r: &pulint_model::Resource| r.kind == ResourceKind::Custom && r.provider == ProviderUse::Default && regional(&r.token) && r.arg("region").is_none();
        // Wiring, not text: an ID or URL written into a string or document is data.
        let wiring = query::Refs::wiring(p);
        let lands = default.map(|d| format!("the default region ({d})")).unwrap_or_else(|| "the default provider's region".into());
        for (id, r) in query::created(p) {
            if !on_default(r) {
                continue;
            }
            let targets: Vec<_> = r.args.iter().flat_map(|a| query::wired(&a.value)).filter(|&t| regional(&p.resource(t).token)).collect();
            // Wired to a resource of the default region too: then it belongs there (replication
            // configurations, peering requesters).
            if targets.iter().any(|&t| on_default(p.resource(t))) {
                continue;
            }
            let uses = targets.iter().find_map(|&t| explicit_region(p.resource(t)).map(|reg| (t, reg, "uses")));
            // Used by resources of the default region too: it belongs there, and a use from
            // another region is that user's cross-region reference (REG006), not a provider missing here.
            // A global table exists in its replicas' regions too: used from there by name, it is
            // where it should be.
            let used_here = wiring.referrers(id).iter().any(|&t| on_default(p.resource(t))) || replicated(p, r);
            let used_by = || {
                if used_here {
                    return None;
                }
                wiring.referrers(id).iter().filter(|&&t| regional(&p.resource(t).token)).find_map(|&t| explicit_region(p.resource(t)).map(|reg| (t, reg, "is used by")))
            };
            let Some((other, region, how)) = uses.or_else(used_by) else {
                if replicated(p, r) {
                    continue;
                }
                // Used from two regions at once: whatever the default region is, one side is wrong.
                let users: Vec<_> = wiring.referrers(id).iter().copied().filter(|&t| regional(&p.resource(t).token)).collect();
                if let Some((a, b)) = split_regions(p, &users) {
                    let (ra, rb) = (p.resource(a), p.resource(b));
                    cx.report(
                        cx.diagnostic(r.callee_span, format!("{} has no provider and lands in {lands}, but it is used by {} and {}, which deploy through providers of different regions", query::name_of(r), query::name_of(ra), query::name_of(rb)))
                            .with_label(ra.span, "deployed through one provider here")
                            .with_label(rb.span, "and through a provider of another region here")
                            .with_help("pass the provider of the region the resource belongs to (the primary region) in the resource options"),
                    );
                }
                continue;
            };
            let o = p.resource(other);
            cx.report(
                cx.diagnostic(r.callee_span, format!("{} has no provider and lands in {lands}, but it {how} {} in {region}", query::name_of(r), query::name_of(o)))
                    .with_label(o.span, format!("deployed to {region} here"))
                    .with_help("pass the same `provider` in the resource options, or set it on the parent component"),
            );
        }
        // For every invoke, the first resource placed in another region that reads its result.
        let mut readers: HashMap<usize, (&pulint_model::Resource, String)> = HashMap::new();
        // Every resource that reads an invoke's result, by the invoke's construction site (a
        // component built twice runs its invokes twice).
        let mut by_site: Vec<(pulint_model::Span, pulint_model::ResourceId)> = Vec::new();
        for (id, r) in query::created(p) {
            for a in &r.args {
                a.value.walk(&mut |v| {
                    if let ValueKind::InvokeResult { invoke, .. } = &v.kind {
                        by_site.push((p.invoke(*invoke).span, id));
                    }
                });
            }
            let Some(region) = explicit_region(r) else { continue };
            for a in &r.args {
                a.value.walk(&mut |v| {
                    if let ValueKind::InvokeResult { invoke, .. } = &v.kind {
                        readers.entry(invoke.index()).or_insert_with(|| (r, region.clone()));
                    }
                });
            }
        }
        for (i, inv) in p.invokes.iter().enumerate() {
            if inv.provider != ProviderUse::Default || !(regional(&inv.token) || inv.token.contains("getAvailabilityZones") || inv.token.contains("getRegion")) {
                continue;
            }
            let reader = readers.get(&i).map(|(r, region)| (*r, region.as_str()));
            let Some((r, region)) = reader else {
                let first_at_site = p.invokes.iter().position(|x| x.span == inv.span) == Some(i);
                let users: Vec<_> = by_site.iter().filter(|(s, _)| *s == inv.span).map(|(_, u)| *u).collect();
                if let Some((a, b)) = split_regions(p, &users).filter(|_| first_at_site) {
                    let name = inv.token.rsplit(':').next().unwrap_or(&inv.token);
                    let (ra, rb) = (p.resource(a), p.resource(b));
                    cx.report(
                        cx.diagnostic(inv.span, format!("`{name}` has no provider and reads {lands}, but its result configures {} and {}, which deploy through providers of different regions", query::name_of(ra), query::name_of(rb)))
                            .with_label(ra.span, "deployed through one provider here")
                            .with_label(rb.span, "and through a provider of another region here")
                            .with_help("pass the same `provider` in the invoke options"),
                    );
                }
                continue;
            };
            let name = inv.token.rsplit(':').next().unwrap_or(&inv.token);
            cx.report(
                cx.diagnostic(inv.span, format!("`{name}` has no provider and reads {lands}, but its result configures {} in {region}", query::name_of(r)))
                    .with_label(r.span, format!("deployed to {region} here"))
                    .with_help("pass the same `provider` in the invoke options"),
            );
        }
    }
}

/// True for a resource with known replicas in other regions (a DynamoDB global table).
fn replicated(p: &Program, r: &pulint_model::Resource) -> bool {
    r.arg("replicas").and_then(|v| p.resolve(v).as_list()).is_some_and(|l| !l.is_empty())
}

/// Where a provider's region comes from, when that tells regions apart.
#[derive(PartialEq)]
enum RegionSource<'a> {
    Known(&'a str),
    /// An unresolved config key.
    Config(String),
    /// A parameter pulint could not evaluate, by its description.
    Parameter(&'a str),
}

fn region_source<'a>(p: &'a Program, r: &pulint_model::Resource) -> Option<RegionSource<'a>> {
    let provider = p.resource(r.provider.provider()?);
    let v = p.resolve(provider.arg("region")?);
    match &v.kind {
        ValueKind::String(s) => Some(RegionSource::Known(s)),
        ValueKind::Config(id) => Some(RegionSource::Config(p.config_read(*id).qualified_key())),
        ValueKind::Unknown { reason, .. } if reason.starts_with("parameter `") => Some(RegionSource::Parameter(reason)),
        _ => None,
    }
}

/// Two of `users` deployed through explicit providers whose regions differ: both known and
/// different, or taken from two different config keys or parameters.
pub fn split_regions(p: &Program, users: &[pulint_model::ResourceId]) -> Option<(pulint_model::ResourceId, pulint_model::ResourceId)> {
    let sourced: Vec<_> = users.iter().filter_map(|&u| region_source(p, p.resource(u)).map(|s| (u, s))).collect();
    for (i, (a, sa)) in sourced.iter().enumerate() {
        for (b, sb) in &sourced[i + 1..] {
            let same_kind = std::mem::discriminant(sa) == std::mem::discriminant(sb);
            if same_kind && sa != sb {
                return Some((*a, *b));
            }
        }
    }
    None
}
