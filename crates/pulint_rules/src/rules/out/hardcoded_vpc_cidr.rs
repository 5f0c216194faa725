//! OUT008 hardcoded-vpc-cidr: a route whose destination repeats, as a literal, the CIDR of a VPC
//! the program creates.

use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Program, ResourceId, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a route (`aws.ec2.Route`, or an inline route of `aws.ec2.RouteTable`) whose
    /// destination CIDR is written as a literal equal to the CIDR block of a VPC the same
    /// program creates (typically the peer VPC of a peering connection).
    ///
    /// ## Why is this bad?
    /// The address plan is now written twice. When the VPC's CIDR changes (per stack
    /// configuration, or in a later edit), the route silently keeps pointing at the old range and
    /// traffic to the peer is black-holed.
    ///
    /// ## Example
    /// ```python
    /// analytics = aws.ec2.Vpc("analytics", cidr_block="10.1.0.0/16")
    /// aws.ec2.Route("to-analytics", route_table_id=rt.id, destination_cidr_block="10.1.0.0/16",
    ///     vpc_peering_connection_id=peering.id)
    /// ```
    /// ```typescript
    /// const analytics = new aws.ec2.Vpc("analytics", { cidrBlock: "10.1.0.0/16" });
    /// new aws.ec2.Route("to-analytics", { routeTableId: rt.id, destinationCidrBlock: "10.1.0.0/16",
    ///     vpcPeeringConnectionId: peering.id });
    /// ```
    ///
    /// ## Use instead
    /// `destination_cidr_block=analytics.cidr_block` / `destinationCidrBlock: analytics.cidrBlock`.
    pub HardcodedVpcCidr { code: "OUT008", name: "hardcoded-vpc-cidr", family: Out, severity: Info, status: Preview,
        summary: "a route repeats the CIDR of a VPC of the program as a literal" }
}

impl Rule for HardcodedVpcCidr {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let vpcs: Vec<(ResourceId, &str)> = query::created_of(p, "aws:ec2/vpc:Vpc")
            .filter_map(|(id, r)| Some((id, p.str_of(r.arg("cidrBlock")?)?)))
            .collect();
        if vpcs.is_empty() {
            return;
        }
        let mut check = |v: &Value, site: pulint_model::Span, own: Option<ResourceId>| {
            // Only a literal written at the route: a config read or a variable is fine.
            let ValueKind::String(cidr) = &v.kind else {
                return;
            };
            let Some((vpc, _)) = vpcs.iter().find(|(id, c)| *c == cidr && Some(*id) != own) else {
                return;
            };
            cx.report(
                cx.diagnostic(
                    query::anchor(v.span, site),
                    format!(
                        "destination `{cidr}` repeats the CIDR block of VPC {} as a literal",
                        query::name_of(p.resource(*vpc))
                    ),
                )
                .with_help("use the VPC's `cidr_block` / `cidrBlock` output"),
            );
        };
        for (_, r) in query::created_of(p, "aws:ec2/route:Route") {
            if let Some(v) = r.arg("destinationCidrBlock") {
                check(v, r.span, None);
            }
        }
        for (_, r) in query::created_of(p, "aws:ec2/routeTable:RouteTable") {
            let own = r.arg("vpcId").and_then(|v| p.resolve(v).resource());
            let Some(routes) = r
                .arg("routes")
                .map(|v| p.resolve(v))
                .and_then(Value::as_list)
            else {
                continue;
            };
            for route in routes {
                if let Some(v) = p.resolve(route).get("cidrBlock") {
                    check(v, r.span, own);
                }
            }
        }
    }
}
