//! VAL010 nat-gateway-without-eip: a public NAT gateway created without an Elastic IP.

use super::args::{python, spelled, written_out};
use crate::query::{absent, created_of, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.ec2.NatGateway` that is public (`connectivityType` absent or `"public"`)
    /// and zonal (`availabilityMode` absent or `"zonal"`) but has no `allocationId`
    /// (`allocation_id`).
    ///
    /// ## Why is this bad?
    /// A public zonal NAT gateway translates traffic to an Elastic IP address, and EC2
    /// `CreateNatGateway` needs that address's allocation ID. Without it the create call fails and
    /// `pulumi up` stops, leaving private subnets without their default route.
    ///
    /// ## Example
    /// ```python
    /// aws.ec2.NatGateway("nat", subnet_id=public_subnet.id)
    /// ```
    /// ```typescript
    /// new aws.ec2.NatGateway("nat", { subnetId: publicSubnet.id });
    /// ```
    ///
    /// ## Use instead
    /// Allocate an Elastic IP and pass it: `allocation_id=eip.id` / `allocationId: eip.id`
    /// (with `eip = aws.ec2.Eip("nat", domain="vpc")`), or set `connectivityType: "private"`
    /// when the gateway should not reach the internet.
    pub NatGatewayWithoutEip { code: "VAL010", name: "nat-gateway-without-eip", family: Val, severity: Error, status: Stable,
        summary: "a public NAT gateway without an Elastic IP allocation" }
}

impl Rule for NatGatewayWithoutEip {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created_of(p, "aws:ec2/natGateway:NatGateway") {
            if !written_out(p, r) || !absent(r, "allocationId") {
                continue;
            }
            // Private gateways take no address; regional ones (`availabilityMode: "regional"`)
            // can allocate theirs automatically. An unknown mode proves nothing.
            let is = |name: &str, default: &str| match r.arg(name).map(|v| p.resolve(v)) {
                None => true,
                Some(v) => matches!(v.kind, ValueKind::Null) || v.as_str() == Some(default),
            };
            if !is("connectivityType", "public") || !is("availabilityMode", "zonal") {
                continue;
            }
            let py = python(p, r.span);
            cx.report(
                cx.diagnostic(r.span, format!("public NAT gateway {} has no Elastic IP (`{}`)", name_of(r), spelled("allocationId", py)))
                    .with_help(format!("allocate an `aws.ec2.Eip` and pass its id as `{}`, or make the gateway private", spelled("allocationId", py))),
            );
        }
    }
}
