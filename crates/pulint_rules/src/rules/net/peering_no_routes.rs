//! NET008 peering-without-routes: a VPC peering connection no route sends traffic through.

use super::util::{PEERING, PEERING_ACCEPTER, ROUTE, ROUTE_TABLE};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, ResourceId, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.ec2.VpcPeeringConnection` that no route uses: no `aws.ec2.Route` and no
    /// inline route of an `aws.ec2.RouteTable` names it (or its accepter) in
    /// `vpcPeeringConnectionId`; or one whose routes all sit in route tables of one of its two
    /// VPCs, so replies from the other VPC have no way back.
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
        // The peering and its accepters count as the connection; each route also remembers the
        // VPC of its route table, when known.
        let mut used: Vec<ResourceId> = Vec::new();
        let mut sides: Vec<(ResourceId, Option<ResourceId>)> = Vec::new();
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
            let table = match r.token.as_str() {
                ROUTE => r.arg("routeTableId").and_then(|v| p.resolve(v).resource()).map(|t| p.resource(t)),
                _ => Some(r),
            };
            let vpc = table.and_then(|t| t.arg("vpcId")).and_then(|v| p.resolve(v).resource());
            for v in values {
                let refs = query::referenced(v);
                if refs.is_empty() && !matches!(v.kind, pulint_model::ValueKind::Null) {
                    // A peering id pulint cannot follow: it may be any of them.
                    return;
                }
                sides.extend(refs.iter().map(|&c| (c, vpc)));
                used.extend(refs);
            }
        }
        for id in peerings {
            let accepters: Vec<ResourceId> = p
                .resources_of(PEERING_ACCEPTER)
                .filter(|(_, a)| a.arg("vpcPeeringConnectionId").and_then(|v| p.resolve(v).resource()) == Some(id))
                .map(|(aid, _)| aid)
                .collect();
            let r = p.resource(id);
            if used.contains(&id) || accepters.iter().any(|a| used.contains(a)) {
                // Routed: on both sides? Judged only when both VPCs and every route's VPC are known.
                let vpc_of = |k: &str| r.arg(k).and_then(|v| p.resolve(v).resource());
                let routed: Vec<Option<ResourceId>> = sides.iter().filter(|(c, _)| *c == id || accepters.contains(c)).map(|(_, v)| *v).collect();
                if let (Some(a), Some(b)) = (vpc_of("vpcId"), vpc_of("peerVpcId"))
                    && routed.iter().all(Option::is_some)
                {
                    let has = |vpc| routed.contains(&Some(vpc));
                    let missing = match (has(a), has(b)) {
                        (true, false) => Some(b),
                        (false, true) => Some(a),
                        _ => None,
                    };
                    if let Some(m) = missing {
                        cx.report(
                            cx.diagnostic(r.span, format!("peering connection {} has routes in one VPC only; replies from {} have no route back", query::name_of(r), query::name_of(p.resource(m))))
                                .with_label(p.resource(m).span, "no route table of this VPC uses the peering")
                                .with_help("add a route to the other VPC's range through the peering in this VPC's route tables too"),
                        );
                    }
                }
                continue;
            }
            cx.report(
                cx.diagnostic(r.span, format!("no route sends traffic through peering connection {}", query::name_of(r)))
                    .with_help("add routes to the peer's range with `vpcPeeringConnectionId` in both VPCs' route tables"),
            );
        }
    }
}
