//! REG001 missing-provider: an AWS resource or invoke on the default provider in a program that
//! deploys through explicit providers to other regions.

use crate::{declare_rule, Ctx, Rule};
use pulint_model::{token, Program, ProviderUse, ResourceKind, RuleMeta, AWS_PROVIDER};

declare_rule! {
    /// ## What it does
    /// Flags an AWS resource or data-source call that passes no `provider` (and inherits none from
    /// its parent component) in a program that creates explicit `aws.Provider`s for regions other
    /// than the default one.
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
    pub MissingProvider { code: "REG001", name: "missing-provider", family: Reg, severity: Warning, status: Preview,
        summary: "a regional resource uses the default provider in a multi-region program" }
}

/// Services whose resources are global: the provider's region does not place them.
const GLOBAL_MODULES: &[&str] = &["iam", "route53", "cloudfront", "organizations", "budgets", "globalaccelerator", "shield", "ce", "account"];

impl Rule for MissingProvider {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let default = p.stack.default_region.as_deref();
        // Regions of explicit providers that differ from the default (or all, when it is unknown).
        let other_regions: Vec<&str> = p
            .providers()
            .filter(|(_, r)| r.token == AWS_PROVIDER)
            .filter_map(|(_, r)| p.str_of(r.arg("region")?))
            .filter(|region| Some(*region) != default)
            .collect();
        let Some(example) = other_regions.first() else { return };
        let regional = |tok: &str| {
            tok.starts_with("aws:") && token::split(tok).is_some_and(|(m, _)| !GLOBAL_MODULES.contains(&m) && m != "index" || tok.contains("getAvailabilityZones") || tok.contains("getRegion"))
        };
        for r in &p.resources {
            if r.kind != ResourceKind::Custom || r.provider != ProviderUse::Default || !regional(&r.token) || r.arg("region").is_some() {
                continue;
            }
            let lands = default.map(|d| format!("the default region ({d})")).unwrap_or_else(|| "the default provider's region".into());
            cx.report(
                cx.diagnostic(r.callee_span, format!("`{}` has no provider and lands in {lands}, while the program deploys to {example} through explicit providers", token::display(&r.token)))
                    .with_help("pass `provider` in the resource options, or set it on the parent component"),
            );
        }
        for inv in &p.invokes {
            if inv.provider != ProviderUse::Default || !regional(&inv.token) {
                continue;
            }
            let name = inv.token.rsplit(':').next().unwrap_or(&inv.token);
            cx.report(
                cx.diagnostic(inv.span, format!("`{name}` has no provider and reads the default region, while the program deploys to {example} through explicit providers"))
                    .with_help("pass `provider` in the invoke options"),
            );
        }
    }
}
