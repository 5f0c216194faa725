//! NET008 peering-without-routes: a VPC peering connection no route sends traffic through.

use super::util::{PEERING, PEERING_ACCEPTER, ROUTE, ROUTE_TABLE};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, ResourceId, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.ec2.VpcPeeringConnection` that no route uses: no `aws.ec2.Route` and no
    /// inline route of an `aws.ec2.RouteTable` names it (or its accepter) in
    /// `vpcPeeringConnectionId`.
    ///
    /// ## Why is this bad?
    /// Peering only connects the VPCs; each side's route tables must send the peer's range to the
    /// connection. Without routes the deployment succeeds and no packet crosses.
    ///
    /// ## Example
    /// ```python
    /// peer = aws.ec2.VpcPeeringConnection("peer", vpc_id=a.id, peer_vpc_id=b.id, auto_accept=True)
    /// ```
    /// ```typescript
    /// const peer = new aws.ec2.VpcPeeringConnection("peer", { vpcId: a.id, peerVpcId: b.id, autoAccept: true });
    /// ```
    ///
    /// ## Use instead
    /// Add `aws.ec2.Route` entries on both sides with `destination_cidr_block` set to the other
    /// VPC's range and `vpc_peering_connection_id=peer.id`.
    pub PeeringNoRoutes { code: "NET008", name: "peering-without-routes", family: Net, severity: Warning, status: Stable,
        summary: "no route uses a VPC peering connection" }
}

impl Rule for PeeringNoRoutes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let peerings: Vec<ResourceId> = query::created_of(p, PEERING).map(|(id, _)| id).collect();
        if peerings.is_empty() {
            return;
        }
        // The peering and its accepters count as the connection.
        let mut used: Vec<ResourceId> = Vec::new();
        for r in &p.resources {
            let values: Vec<&pulint_model::Value> = match r.token.as_str() {
                ROUTE => match r.arg("vpcPeeringConnectionId") {
                    Some(v) => vec![v],
                    None => continue,
                },
                ROUTE_TABLE => match r.arg("routes").map(|v| p.resolve(v)) {
                    Some(v) => match v.as_list() {
                        Some(items) => items.iter().filter_map(|i| p.resolve(i).get("vpcPeeringConnectionId")).collect(),
                        None => return,
                    },
                    None => continue,
                },
                _ => continue,
            };
            for v in values {
                let refs = query::referenced(v);
                if refs.is_empty() && !matches!(v.kind, pulint_model::ValueKind::Null) {
                    // A peering id pulint cannot follow: it may be any of them.
                    return;
                }
                used.extend(refs);
            }
        }
        for id in peerings {
            let accepters: Vec<ResourceId> = p
                .resources_of(PEERING_ACCEPTER)
                .filter(|(_, a)| a.arg("vpcPeeringConnectionId").and_then(|v| p.resolve(v).resource()) == Some(id))
                .map(|(aid, _)| aid)
                .collect();
            if used.contains(&id) || accepters.iter().any(|a| used.contains(a)) {
                continue;
            }
            let r = p.resource(id);
            cx.report(
                cx.diagnostic(r.span, format!("no route sends traffic through peering connection {}", query::name_of(r)))
                    .with_help("add routes to the peer's range with `vpcPeeringConnectionId` in both VPCs' route tables"),
            );
        }
    }
}
