//! NET006 peering-cidr-overlap: a VPC peering connection between VPCs whose ranges overlap.

use super::util::{cidr_arg, target, PEERING, VPC};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.ec2.VpcPeeringConnection` between two VPCs the program creates whose
    /// `cidrBlock`s are known and overlap.
    ///
    /// ## Why is this bad?
    /// AWS refuses to peer VPCs with overlapping IPv4 ranges: the connection ends in the `failed`
    /// state and the deployment fails. Multi-region programs that reuse one range in every region
    /// hit this as soon as they connect the regions.
    ///
    /// ## Example
    /// ```python
    /// east = aws.ec2.Vpc("east", cidr_block="10.0.0.0/16")
    /// west = aws.ec2.Vpc("west", cidr_block="10.0.0.0/16", opts=pulumi.ResourceOptions(provider=west_provider))
    /// aws.ec2.VpcPeeringConnection("peer", vpc_id=east.id, peer_vpc_id=west.id, peer_region="us-west-2")
    /// ```
    /// ```typescript
    /// const east = new aws.ec2.Vpc("east", { cidrBlock: "10.0.0.0/16" });
    /// const west = new aws.ec2.Vpc("west", { cidrBlock: "10.0.0.0/16" }, { provider: westProvider });
    /// new aws.ec2.VpcPeeringConnection("peer", { vpcId: east.id, peerVpcId: west.id, peerRegion: "us-west-2" });
    /// ```
    ///
    /// ## Use instead
    /// Give every VPC that will be connected its own range (`10.0.0.0/16`, `10.1.0.0/16`, ...).
    pub PeeringOverlap { code: "NET006", name: "peering-cidr-overlap", family: Net, severity: Error, status: Stable,
        summary: "peered VPCs have overlapping ranges" }
}

impl Rule for PeeringOverlap {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created_of(p, PEERING) {
            let (Some(a), Some(b)) = (r.arg("vpcId").and_then(|v| target(p, v)), r.arg("peerVpcId").and_then(|v| target(p, v))) else {
                continue;
            };
            let (va, vb) = (p.resource(a), p.resource(b));
            if a == b || va.token != VPC || vb.token != VPC {
                continue;
            }
            let (Some((na, _)), Some((nb, _))) = (cidr_arg(p, va, "cidrBlock"), cidr_arg(p, vb, "cidrBlock")) else { continue };
            if na.contains(&nb) || nb.contains(&na) {
                cx.report(
                    cx.diagnostic(r.span, format!("peering connects {} (`{na}`) and {} (`{nb}`), whose ranges overlap", query::name_of(va), query::name_of(vb)))
                        .with_label(va.span, "this VPC")
                        .with_label(vb.span, "overlaps this VPC")
                        .with_help("give the peered VPCs distinct, non-overlapping ranges"),
                );
            }
        }
    }
}
