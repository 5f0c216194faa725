//! NET014 internet-gateway-not-attached: routes to an internet gateway that no VPC has.

use crate::query::{args_complete, created, created_of, name_of};
use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.ec2.InternetGateway` created without `vpcId` and never attached with an
    /// `aws.ec2.InternetGatewayAttachment`, when a route or route table sends traffic to it.
    ///
    /// ## Why is this bad?
    /// A detached internet gateway carries no traffic, and EC2 rejects a route to a gateway
    /// that is not attached to the route table's VPC: `pulumi up` fails on the route, and the
    /// "public" subnets never reach the internet.
    ///
    /// ## Example
    /// ```python
    /// igw = aws.ec2.InternetGateway("igw")
    /// aws.ec2.Route("default", route_table_id=rt.id, destination_cidr_block="0.0.0.0/0", gateway_id=igw.id)
    /// ```
    /// ```typescript
    /// const igw = new aws.ec2.InternetGateway("igw");
    /// new aws.ec2.Route("default", { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
    /// ```
    ///
    /// ## Use instead
    /// Create the gateway with `vpc_id=vpc.id` / `vpcId: vpc.id`, or attach it with an
    /// `aws.ec2.InternetGatewayAttachment`.
    pub InternetGatewayNotAttached { code: "NET014", name: "internet-gateway-not-attached", family: Net, severity: Error, status: Stable,
        summary: "a route sends traffic to an internet gateway that is attached to no VPC" }
}

const ROUTING: &[&str] = &["aws:ec2/route:Route", "aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable"];

impl Rule for InternetGatewayNotAttached {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (id, igw) in created_of(p, "aws:ec2/internetGateway:InternetGateway") {
            if !args_complete(igw) || igw.arg("vpcId").is_some() {
                continue;
            }
            // An attachment of this gateway, or one whose gateway pulint cannot tell, may attach it.
            let attached = created_of(p, "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment").any(|(_, a)| {
                !args_complete(a) || a.arg("internetGatewayId").is_none_or(|v| p.resolve(v).resource().is_none_or(|g| g == id))
            });
            if attached {
                continue;
            }
            let Some((_, route)) = created(p).find(|(_, r)| ROUTING.contains(&r.token.as_str()) && crate::query::refers_to(r, id)) else { continue };
            cx.report(
                cx.diagnostic(igw.span, format!("internet gateway {} is attached to no VPC, yet {} routes traffic to it", name_of(igw), name_of(route)))
                    .with_label(route.span, "route to the detached gateway")
                    .with_help("set `vpc_id` / `vpcId` on the gateway or add an `aws.ec2.InternetGatewayAttachment`"),
            );
        }
    }
}
