//! REG001 missing-provider: an AWS resource or invoke on the default provider in a program that
//! deploys through explicit providers to other regions.

use crate::edit::{is_identifier, Src};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{token, Edit, Fix, Program, ProviderUse, ResourceId, ResourceKind, RuleMeta, Span, ValueKind};
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
    /// `pulint check --fix --unsafe-fixes` adds it when the provider is certain: every resource
    /// it is wired to uses the same one, named by a variable in the same block (unsafe: an
    /// existing resource moved to another region is replaced).
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
        let wiring = cx.facts().wiring();
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
            let mut d = cx
                .diagnostic(r.callee_span, format!("{} has no provider and lands in {lands}, but it {how} {} in {region}", query::name_of(r), query::name_of(o)))
                .with_label(o.span, format!("deployed to {region} here"))
                .with_help("pass the same `provider` in the resource options, or set it on the parent component");
            if cx.wants_fixes() && let Some(fix) = provider_fix(p, id, &wiring) {
                d = d.with_fix(fix);
            }
            cx.report(d);
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

/// Passes the provider of the resources `id` is wired to, when that provider is certain: every
/// regional resource it uses or is used by deploys through one and the same explicit provider,
/// a resource of the same block (or of a block around it, through loops and conditions only) names
/// it with a plain variable that nothing rebinds in between, and every resource built at this
/// construction site gets the same name that way. The resource options are added, or the provider
/// goes into the `ResourceOptions(...)` call / options object literal already there.
///
/// Unsafe: on a stack where the resource exists, moving it to the provider's region replaces it.
fn provider_fix(p: &Program, id: ResourceId, wiring: &query::Refs) -> Option<Fix> {
    let r = p.resource(id);
    let mut names = p.resources.iter().enumerate().filter(|(_, o)| o.span == r.span).map(|(i, _)| certain_provider(p, ResourceId(i as u32), wiring));
    let name = names.next()??;
    if !names.all(|n| n.as_deref() == Some(name.as_str())) {
        return None;
    }
    let src = Src::of(p, r.span)?;
    if !query::args_complete(r) || query::elided(p, r.span) {
        return None;
    }
    let (open, close) = src.call_parens(r.span)?;
    let items = src.items(open, close)?;
    if src.call_spreads(r.span)? {
        return None;
    }
    let (start, end, replacement) = match r.options.span {
        None if src.python => {
            let writes_opts = items.ranges.iter().any(|&(s, e)| src.get(s, e).is_some_and(|t| t.strip_prefix("opts").is_some_and(|t| t.trim_start().starts_with('='))));
            let lines = || src.text.lines().map(str::trim);
            let options = if lines().any(|l| l == "import pulumi") {
                "pulumi.ResourceOptions"
            } else if lines().any(|l| l.starts_with("from pulumi import") && !words_in(l).any(|w| w == "as") && words_in(l).any(|w| w == "ResourceOptions")) {
                "ResourceOptions"
            } else {
                return None;
            };
            if writes_opts {
                return None;
            }
            src.append_item(open, close, &format!("opts={options}(provider={name})"))?
        }
        None => match items.ranges.len() {
            1 => src.append_item(open, close, &format!("{{}}, {{ provider: {name} }}"))?,
            2 => src.append_item(open, close, &format!("{{ provider: {name} }}"))?,
            _ => return None,
        },
        Some(span) => {
            let written = query::contains(r.span, span) && !r.options.props.iter().any(|q| matches!(q.key.canonical.as_str(), "*" | "provider" | "providers"));
            if !written {
                return None;
            }
            let (s, e) = (span.start as usize, span.end as usize);
            let text = src.get(s, e)?;
            let open = if src.python {
                let callee = text.strip_suffix(')').and_then(|t| t.split_once('('))?.0;
                if callee != "pulumi.ResourceOptions" && callee != "ResourceOptions" {
                    return None;
                }
                s + callee.len()
            } else if text.starts_with('{') {
                s
            } else {
                return None;
            };
            let close = src.matching(open).filter(|&c| c == e - 1)?;
            if src.items(open, close)?.ranges.len() != r.options.props.len() || src.spreads(open, close)? {
                return None;
            }
            let item = if src.python {
                format!("provider={name}")
            } else if name == "provider" {
                name.clone()
            } else {
                format!("provider: {name}")
            };
            src.append_item(open, close, &item)?
        }
    };
    let span = Span::new(r.span.file, start as u32, end as u32);
    Some(Fix { message: format!("pass `{name}` as the provider"), edits: vec![Edit { span, replacement }], safe: false })
}

fn words_in(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty())
}

/// The variable holding the one provider every regional resource `id` is wired to deploys
/// through, as resources next to it name it (see [`provider_fix`]).
fn certain_provider(p: &Program, id: ResourceId, wiring: &query::Refs) -> Option<String> {
    let r = p.resource(id);
    if r.kind != ResourceKind::Custom || r.provider != ProviderUse::Default || !regional(&r.token) || r.arg("region").is_some() {
        return None;
    }
    let mut neighbours: Vec<ResourceId> = r.args.iter().flat_map(|a| query::wired(&a.value)).collect();
    neighbours.extend(wiring.referrers(id));
    neighbours.retain(|&n| n != id && regional(&p.resource(n).token));
    let ProviderUse::Explicit(provider) = p.resource(*neighbours.first()?).provider else { return None };
    if neighbours.iter().any(|&n| p.resource(n).provider != ProviderUse::Explicit(provider)) {
        return None;
    }
    let src = Src::of(p, r.span)?;
    let mut found: Option<String> = None;
    for &n in &neighbours {
        let o = p.resource(n);
        let Some(name) = provider_name(&src, o).filter(|_| o.span.file == r.span.file) else { continue };
        if !src.same_binding(o.span.start as usize, r.span.start as usize, &name) {
            continue;
        }
        if found.as_ref().is_some_and(|f| *f != name) {
            return None;
        }
        found = Some(name);
    }
    found
}

/// The variable a resource's `provider` option is written as, at its construction
/// (`provider=west`, `provider: west`, `{ provider }`, `self.provider`).
fn provider_name(src: &Src, o: &pulint_model::Resource) -> Option<String> {
    let q = o.options.props.iter().find(|q| q.key.canonical == "provider")?;
    if !query::contains(o.span, q.key.span) {
        return None;
    }
    let (ks, ke) = (q.key.span.start as usize, src.name_end(&q.key)?);
    let after = src.text.get(ke..)?.trim_start();
    let (name, rest) = if let Some(v) = after.strip_prefix('=').or_else(|| after.strip_prefix(':')) {
        let v = v.trim_start();
        let len = v.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$' || c == '.')).unwrap_or(v.len());
        (&v[..len], &v[len..])
    } else {
        (src.get(ks, ke)?, after)
    };
    let simple = name.strip_prefix(if src.python { "self." } else { "this." }).unwrap_or(name);
    let keyword = matches!(name, "None" | "True" | "False" | "null" | "undefined" | "true" | "false" | "this" | "self");
    let closed = matches!(rest.trim_start().chars().next(), Some(',' | ')' | '}'));
    (is_identifier(simple) && !keyword && closed).then(|| name.to_string())
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
