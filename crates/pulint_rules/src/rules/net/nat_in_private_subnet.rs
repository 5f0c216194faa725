//! NET011 nat-gateway-in-private-subnet: a public NAT gateway in a subnet with no internet route.

use super::topology::{Topology, Via};
use super::util::{target, NAT, SUBNET};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a public NAT gateway (`connectivityType` absent or `public`) placed in a subnet whose
    /// route tables have no `0.0.0.0/0` route to an internet gateway. It runs only when the subnet
    /// and every route table, route and association of the program are known.
    ///
    /// ## Why is this bad?
    /// A NAT gateway forwards through its own subnet's routes. In a private subnet it has no way
    /// out, so every private subnet routed through it loses internet access: package installs,
    /// AWS API calls and image pulls time out although `pulumi up` succeeded.
    ///
    /// ## Example
    /// ```python
    /// aws.ec2.NatGateway("nat", subnet_id=private_a.id, allocation_id=eip.id)
    /// ```
    /// ```typescript
    /// new aws.ec2.NatGateway("nat", { subnetId: privateA.id, allocationId: eip.id });
    /// ```
    ///
    /// ## Use instead
    /// Place NAT gateways in public subnets (those routed to the internet gateway).
    pub NatInPrivateSubnet { code: "NET011", name: "nat-gateway-in-private-subnet", family: Net, severity: Error, status: Stable,
        summary: "a NAT gateway sits in a subnet with no internet gateway route" }
}

impl Rule for NatInPrivateSubnet {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let Some(topo) = Topology::build(p) else { return };
        for (_, r) in query::created_of(p, NAT) {
            match r.arg("connectivityType").map(|v| p.str_of(v)) {
                None | Some(Some("public")) => {}
                _ => continue,
            }
            let Some(v) = r.arg("subnetId") else { continue };
            let Some(subnet) = target(p, v).filter(|s| p.resource(*s).token == SUBNET) else { continue };
            let Some(routes) = topo.default_routes(p, subnet) else { continue };
            if routes.iter().any(|v| matches!(v, Via::Igw | Via::Unknown | Via::Other)) {
                continue;
            }
            let sub = p.resource(subnet);
            cx.report(
                cx.diagnostic(query::anchor(v.span, r.span), format!("public NAT gateway {} is in subnet {}, which has no route to an internet gateway", query::name_of(r), query::name_of(sub)))
                    .with_label(sub.span, "the subnet")
                    .with_help("place the NAT gateway in a public subnet"),
            );
        }
    }
}
