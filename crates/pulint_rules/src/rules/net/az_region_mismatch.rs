//! NET012 availability-zone-wrong-region: a resource given an availability zone of another region.

use super::util::az_region;
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta, Value};

declare_rule! {
    /// ## What it does
    /// Flags an `availabilityZone` (or an entry of `availabilityZones`) written as a zone name
    /// of a region other than the one the resource is deployed to (its provider's region, or
    /// the stack's `aws:region`), such as `us-east-1a` for a subnet created with a `us-west-2`
    /// provider.
    ///
    /// ## Why is this bad?
    /// A region only knows its own zones: the create call fails (`InvalidParameterValue`), and in
    /// multi-region programs it fails only for the second region.
    ///
    /// ## Example
    /// ```python
    /// west = aws.Provider("west", region="us-west-2")
    /// aws.ec2.Subnet("a", vpc_id=vpc.id, cidr_block="10.1.1.0/24", availability_zone="us-east-1a",
    ///     opts=pulumi.ResourceOptions(provider=west))
    /// ```
    /// ```typescript
    /// const west = new aws.Provider("west", { region: "us-west-2" });
    /// new aws.ec2.Subnet("a", { vpcId: vpc.id, cidrBlock: "10.1.1.0/24", availabilityZone: "us-east-1a" }, { provider: west });
    /// ```
    ///
    /// ## Use instead
    /// Look the zones up with the same provider: `aws.get_availability_zones(opts=pulumi.InvokeOptions(provider=west))`.
    pub AzRegionMismatch { code: "NET012", name: "availability-zone-wrong-region", family: Net, severity: Error, status: Stable,
        summary: "an availability zone of another region" }
}

impl Rule for AzRegionMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created(p) {
            if !r.token.starts_with("aws:") {
                continue;
            }
            let Some(region) = r.region.as_deref() else { continue };
            for key in ["availabilityZone", "availabilityZones"] {
                let Some(v) = r.arg(key) else { continue };
                let v = p.resolve(v);
                let items: Vec<&Value> = match v.as_list() {
                    Some(items) => items.iter().collect(),
                    None => vec![v],
                };
                for item in items {
                    let Some(zone) = p.str_of(item) else { continue };
                    let Some(zr) = az_region(zone) else { continue };
                    if zr != region {
                        cx.report(
                            cx.diagnostic(query::anchor(item.span, r.span), format!("zone `{zone}` is in {zr}, but {} is deployed to {region}", query::name_of(r)))
                                .with_help("use a zone of the resource's region, looked up with the same provider"),
                        );
                    }
                }
            }
        }
    }
}
