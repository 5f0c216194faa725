//! NET002 public-subnet-without-igw-route: a subnet that maps public IPs but whose route tables
//! have no default route to an internet gateway.

use super::topology::{Topology, Via};
use super::util::SUBNET;
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, ResourceId, RuleMeta, Span};
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it does
    /// Flags a subnet created with `mapPublicIpOnLaunch: true` whose route tables (the ones
    /// associated with it, else its VPC's main table) have no `0.0.0.0/0` route to an internet
    /// gateway. It runs only when every route table, route and association of the program is
    /// known, and points at the route table that lacks the route.
    ///
    /// ## Why is this bad?
    /// Instances in the subnet get public addresses but no path to the internet: load balancers,
    /// NAT gateways and bastions placed there are unreachable, and nothing in the subnet can reach
    /// the internet. `pulumi up` succeeds and the failure shows up as timeouts.
    ///
    /// ## Example
    /// ```python
    /// public_rt = aws.ec2.RouteTable("public", vpc_id=vpc.id)
    /// aws.ec2.RouteTableAssociation("public", subnet_id=public_subnet.id, route_table_id=public_rt.id)
    /// ```
    /// ```typescript
    /// const publicRt = new aws.ec2.RouteTable("public", { vpcId: vpc.id });
    /// new aws.ec2.RouteTableAssociation("public", { subnetId: publicSubnet.id, routeTableId: publicRt.id });
    /// ```
    ///
    /// ## Use instead
    /// Add `aws.ec2.Route(..., route_table_id=public_rt.id, destination_cidr_block="0.0.0.0/0",
    /// gateway_id=igw.id)` (or an inline route in `routes`).
    pub PublicSubnetNoIgw { code: "NET002", name: "public-subnet-without-igw-route", family: Net, severity: Error, status: Stable,
        summary: "a public subnet has no default route to an internet gateway" }
}

impl Rule for PublicSubnetNoIgw {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let Some(topo) = Topology::build(p) else { return };
        let mut by_site: BTreeMap<(u32, u32), (Span, Vec<ResourceId>, bool)> = BTreeMap::new();
        for (id, r) in query::created_of(p, SUBNET) {
            if r.arg("mapPublicIpOnLaunch").and_then(|v| query::bool_of(p, v)) != Some(true) {
                continue;
            }
            let Some(vias) = topo.default_routes(p, id) else { continue };
            if vias.iter().any(|v| matches!(v, Via::Igw | Via::Unknown | Via::Other)) {
                continue;
            }
            let (span, is_table) = match topo.first_created_table(id) {
                Some(t) => (p.resource(t).span, true),
                None => (r.span, false),
            };
            by_site.entry((span.file.0, span.start)).or_insert((span, Vec::new(), is_table)).1.push(id);
        }
        for (span, subnets, is_table) in by_site.into_values() {
            let names = super::topology::subnet_names(p, &subnets);
            let msg = if is_table {
                format!("route table of public subnet {names} has no 0.0.0.0/0 route to an internet gateway")
            } else {
                format!("public subnet {names} uses its VPC's main route table, which has no 0.0.0.0/0 route to an internet gateway")
            };
            cx.report(cx.diagnostic(span, msg).with_help("add a `0.0.0.0/0` route to the VPC's internet gateway and associate the subnet with that table"));
        }
    }
}
