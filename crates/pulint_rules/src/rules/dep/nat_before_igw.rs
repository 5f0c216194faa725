//! DEP006 nat-gateway-before-internet-gateway: a public NAT gateway that may be created before
//! its VPC has an internet gateway.

use super::waits_for;
use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Program, ResourceId, RuleMeta};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags a public NAT gateway in a subnet of a VPC that the program gives an internet gateway,
    /// when nothing makes the NAT gateway wait for that internet gateway (or its attachment):
    /// no argument, `dependsOn` or chain of them leads there.
    ///
    /// ## Why is this bad?
    /// A public NAT gateway needs the VPC's internet gateway at creation. Pulumi creates
    /// independent resources in parallel, so the NAT gateway can start first and end in the
    /// `failed` state ("Gateway.NotAttached"), failing `pulumi up` intermittently.
    ///
    /// ## Example
    /// ```python
    /// igw = aws.ec2.InternetGateway("igw", vpc_id=vpc.id)
    /// eip = aws.ec2.Eip("nat", domain="vpc")
    /// aws.ec2.NatGateway("nat", subnet_id=public.id, allocation_id=eip.id)
    /// ```
    /// ```typescript
    /// const igw = new aws.ec2.InternetGateway("igw", { vpcId: vpc.id });
    /// const eip = new aws.ec2.Eip("nat", { domain: "vpc" });
    /// new aws.ec2.NatGateway("nat", { subnetId: pub.id, allocationId: eip.id });
    /// ```
    ///
    /// ## Use instead
    /// `opts=pulumi.ResourceOptions(depends_on=[igw])` / `{ dependsOn: [igw] }` on the NAT
    /// gateway (or on its Elastic IP).
    pub NatGatewayBeforeInternetGateway { code: "DEP006", name: "nat-gateway-before-internet-gateway", family: Dep, severity: Warning, status: Stable,
        summary: "a public NAT gateway does not wait for its VPC's internet gateway" }
}

impl Rule for NatGatewayBeforeInternetGateway {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let mut by_vpc = None;
        for (nid, nat) in query::created_of(p, "aws:ec2/natGateway:NatGateway") {
            if nat.arg("connectivityType").and_then(|v| p.str_of(v)).is_some_and(|c| c != "public") {
                continue;
            }
            let Some(subnet) = nat.arg("subnetId").and_then(|v| p.resolve(v).resource()) else { continue };
            let Some(vpc) = p.resource(subnet).arg("vpcId").and_then(|v| p.resolve(v).resource()) else { continue };
            let Some(gateways) = by_vpc.get_or_insert_with(|| gateways_by_vpc(p)).get(&vpc) else { continue };
            let Some(first) = gateways.first() else { continue };
            if gateways.iter().any(|g| waits_for(p, nid, *g) != Some(false)) {
                continue;
            }
            cx.report(
                cx.diagnostic(nat.span, format!("public NAT gateway {} may be created before internet gateway {} of its VPC", query::name_of(nat), query::name_of(p.resource(*first))))
                    .with_label(p.resource(*first).span, "the internet gateway")
                    .with_help("add the internet gateway to the NAT gateway's `depends_on` / `dependsOn`"),
            );
        }
    }
}

/// The internet gateways and their attachments, in program order, by the VPC they name.
fn gateways_by_vpc(p: &Program) -> HashMap<ResourceId, Vec<ResourceId>> {
    let mut by_vpc: HashMap<ResourceId, Vec<ResourceId>> = HashMap::new();
    for (id, r) in query::created(p) {
        if !matches!(r.token.as_str(), "aws:ec2/internetGateway:InternetGateway" | "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment") {
            continue;
        }
        if let Some(vpc) = r.arg("vpcId").and_then(|v| p.resolve(v).resource()) {
            by_vpc.entry(vpc).or_default().push(id);
        }
    }
    by_vpc
}
