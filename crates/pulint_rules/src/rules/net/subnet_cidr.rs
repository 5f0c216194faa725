//! NET005 subnet-cidr-conflict: a subnet range outside its VPC's range, or overlapping another
//! subnet of the same VPC.

use super::util::{cidr_arg, definite, target, SUBNET, VPC};
use crate::{declare_rule, query, Ctx, Rule};
use ipnet::Ipv4Net;
use pulint_model::{Program, Resource, ResourceId, RuleMeta};
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it does
    /// Flags a subnet whose `cidrBlock` is not inside the `cidrBlock` of its VPC, and two subnets
    /// of one VPC whose ranges overlap. Only subnets and VPCs whose ranges are known are compared,
    /// and a VPC with secondary ranges (`VpcIpv4CidrBlockAssociation`) is left alone.
    ///
    /// ## Why is this bad?
    /// EC2 rejects the subnet (`InvalidSubnet.Range`, `InvalidSubnet.Conflict`) and the deployment
    /// stops half way. Ranges computed from an index or a second VPC's settings are the usual
    /// cause.
    ///
    /// ## Example
    /// ```python
    /// vpc = aws.ec2.Vpc("vpc", cidr_block="10.1.0.0/16")
    /// aws.ec2.Subnet("a", vpc_id=vpc.id, cidr_block="10.0.1.0/24")
    /// ```
    /// ```typescript
    /// const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.1.0.0/16" });
    /// new aws.ec2.Subnet("a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });
    /// ```
    ///
    /// ## Use instead
    /// Derive subnet ranges from the VPC's range and give each subnet its own block.
    pub SubnetCidrConflict { code: "NET005", name: "subnet-cidr-conflict", family: Net, severity: Error, status: Stable,
        summary: "a subnet range is outside its VPC or overlaps another subnet" }
}

const CIDR_ASSOC: &str = "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation";

impl Rule for SubnetCidrConflict {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // VPCs with secondary ranges, or any association whose VPC is unknown.
        let mut secondary: Vec<ResourceId> = Vec::new();
        for (_, a) in query::created_of(p, CIDR_ASSOC) {
            match a.arg("vpcId").and_then(|v| target(p, v)) {
                Some(v) => secondary.push(v),
                None => return,
            }
        }
        let mut by_vpc: BTreeMap<ResourceId, Vec<(&Resource, Ipv4Net)>> = BTreeMap::new();
        for (_, s) in query::created_of(p, SUBNET) {
            if !definite(s) {
                continue;
            }
            let Some(vpc) = s.arg("vpcId").and_then(|v| target(p, v)) else { continue };
            let vr = p.resource(vpc);
            if vr.token != VPC || secondary.contains(&vpc) {
                continue;
            }
            let Some((net, v)) = cidr_arg(p, s, "cidrBlock") else { continue };
            if let Some((vnet, _)) = cidr_arg(p, vr, "cidrBlock")
                && !vnet.contains(&net)
            {
                cx.report(
                    cx.diagnostic(query::anchor(v.span, s.span), format!("subnet range `{net}` of {} is outside its VPC's range `{vnet}`", query::name_of(s)))
                        .with_label(vr.span, "the VPC")
                        .with_help("choose a subnet range inside the VPC's range, derived from it"),
                );
                continue;
            }
            by_vpc.entry(vpc).or_default().push((s, net));
        }
        for subnets in by_vpc.values() {
            for (i, (s, net)) in subnets.iter().enumerate() {
                if let Some((other, _)) = subnets[..i].iter().find(|(_, o)| o.contains(net) || net.contains(o)) {
                    let v = s.arg("cidrBlock").expect("known range");
                    let text = |r: &Resource| r.arg("cidrBlock").and_then(|v| p.str_of(v)).unwrap_or_default().to_string();
                    cx.report(
                        cx.diagnostic(
                            query::anchor(v.span, s.span),
                            format!("subnet range `{}` of {} overlaps `{}` of {} in the same VPC", text(s), query::name_of(s), text(other), query::name_of(other)),
                        )
                            .with_label(other.span, "the other subnet")
                            .with_help("give each subnet of a VPC its own, non-overlapping range"),
                    );
                }
            }
        }
    }
}
