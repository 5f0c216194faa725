//! REG007 cloudfront-scope-region: a CloudFront-scoped WAFv2 resource, or a certificate a
//! CloudFront distribution uses, created outside us-east-1.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, ProviderUse, Resource, RuleMeta, Span, AWS_PROVIDER};

declare_rule! {
    /// ## What it does
    /// Flags a WAFv2 web ACL, IP set, regex pattern set or rule group with `scope` `CLOUDFRONT`,
    /// and an ACM certificate that a CloudFront distribution uses, when the resource is created in
    /// a region other than us-east-1: its region is known and differs, or it uses the default
    /// provider while the program gives other CloudFront resources an explicit us-east-1 provider
    /// (so the default region is not relied on to be us-east-1).
    ///
    /// ## Why is this bad?
    /// CloudFront reads web ACLs and certificates only from us-east-1. Elsewhere, WAFv2 rejects
    /// the `CLOUDFRONT` scope and the distribution rejects the certificate: `pulumi up` fails.
    ///
    /// ## Example
    /// ```python
    /// acl = aws.wafv2.WebAcl("edge", scope="CLOUDFRONT", default_action={"allow": {}},
    ///     visibility_config=visibility, opts=pulumi.ResourceOptions(provider=eu_west))
    /// ```
    /// ```typescript
    /// const acl = new aws.wafv2.WebAcl("edge", { scope: "CLOUDFRONT", defaultAction: { allow: {} },
    ///     visibilityConfig: visibility }, { provider: euWest });
    /// ```
    ///
    /// ## Use instead
    /// Create it with a provider for us-east-1: `aws.Provider("us-east-1", region="us-east-1")`.
    pub CloudfrontScopeRegion { code: "REG007", name: "cloudfront-scope-region", family: Reg, severity: Error, status: Stable,
        summary: "a CloudFront web ACL or certificate is created outside us-east-1" }
}

const WAF_TYPES: &[&str] = &["aws:wafv2/webAcl:WebAcl", "aws:wafv2/ipSet:IpSet", "aws:wafv2/regexPatternSet:RegexPatternSet", "aws:wafv2/ruleGroup:RuleGroup"];
const CERTIFICATE: &str = "aws:acm/certificate:Certificate";
const DISTRIBUTION: &str = "aws:cloudfront/distribution:Distribution";
const EDGE: &str = "us-east-1";

impl Rule for CloudfrontScopeRegion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // An explicit us-east-1 provider some CloudFront-bound resource uses: the program does not
        // rely on the default provider for us-east-1.
        let edge_provider = query::created(p).find_map(|(_, r)| {
            let pr = p.resource(r.provider.provider()?);
            let cloudfront_bound = (WAF_TYPES.contains(&r.token.as_str()) && scope(p, r) == Some("CLOUDFRONT")) || r.token == CERTIFICATE;
            (cloudfront_bound && pr.token == AWS_PROVIDER && pr.arg("region").and_then(|v| p.str_of(v)) == Some(EDGE)).then_some(pr.span)
        });
        // Where a resource lands, and the evidence for it.
        let placed = |r: &Resource| -> Option<(String, Option<Span>)> {
            match r.region.as_deref() {
                Some(EDGE) => None,
                Some(region) => Some((format!("in {region}"), None)),
                None if r.provider == ProviderUse::Default && r.arg("region").is_none() => {
                    edge_provider.map(|at| ("with the default provider, whose region is not known to be us-east-1".to_string(), Some(at)))
                }
                None => None,
            }
        };
        let report = |cx: &mut Ctx, at: Span, what: String, evidence: Option<Span>| {
            let mut d = cx.diagnostic(at, what).with_help("create it with an `aws.Provider` for us-east-1");
            if let Some(e) = evidence {
                d = d.with_label(e, "the program uses an explicit us-east-1 provider here");
            }
            cx.report(d);
        };
        for (_, r) in query::created(p) {
            if !WAF_TYPES.contains(&r.token.as_str()) || scope(p, r) != Some("CLOUDFRONT") {
                continue;
            }
            let Some((where_, evidence)) = placed(r) else { continue };
            let at = query::anchor(r.arg("scope").map_or(r.span, |v| v.span), r.span);
            report(cx, at, format!("{} has scope CLOUDFRONT but is created {where_}; CloudFront scope exists only in us-east-1", query::name_of(r)), evidence);
        }
        let refs = cx.facts().refs();
        for (id, r) in query::created_of(p, CERTIFICATE) {
            let used_by_cdn = refs.referrers(id).iter().any(|&u| p.resource(u).token == DISTRIBUTION);
            if !used_by_cdn {
                continue;
            }
            let Some((where_, evidence)) = placed(r) else { continue };
            report(cx, r.callee_span, format!("certificate {} is used by a CloudFront distribution but is created {where_}; CloudFront accepts certificates only from us-east-1", query::name_of(r)), evidence);
        }
    }
}

fn scope<'a>(p: &'a Program, r: &'a Resource) -> Option<&'a str> {
    p.str_of(r.arg("scope")?)
}
