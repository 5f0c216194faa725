//! COST001 nat-gateway-per-az: several NAT gateways for one VPC with no setting to have fewer.

use crate::rules::net::util::{target, NAT, SUBNET};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Multiplicity, Program, Resource, ResourceId, RuleMeta};
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it does
    /// Flags a VPC that gets a NAT gateway per subnet or zone (NAT gateways created in a loop, or
    /// several of them in the same VPC) when the program reads no configuration that could turn
    /// this down: no setting whose name mentions NAT, and no NAT gateway created only on one arm
    /// of a condition.
    ///
    /// ## Why is this bad?
    /// Each NAT gateway is billed by the hour and per gigabyte processed, whether traffic flows or
    /// not. A zone-redundant NAT layout is right for production but multiplies the bill of every
    /// development and test stack built from the same program.
    ///
    /// ## Example
    /// ```python
    /// for i, subnet in enumerate(public_subnets):
    ///     eip = aws.ec2.Eip(f"nat-{i}", domain="vpc")
    ///     aws.ec2.NatGateway(f"nat-{i}", subnet_id=subnet.id, allocation_id=eip.id)
    /// ```
    /// ```typescript
    /// publicSubnets.forEach((subnet, i) => {
    ///     const eip = new aws.ec2.Eip(`nat-${i}`, { domain: "vpc" });
    ///     new aws.ec2.NatGateway(`nat-${i}`, { subnetId: subnet.id, allocationId: eip.id });
    /// });
    /// ```
    ///
    /// ## Use instead
    /// Read a setting (`singleNatGateway`, `natGatewayCount`) and create one shared NAT gateway
    /// when it asks for it, routing every private subnet through it.
    pub NatPerAz { code: "COST001", name: "nat-gateway-per-az", family: Cost, severity: Info, status: Preview,
        summary: "a NAT gateway per zone with no setting to share one" }
}

impl Rule for NatPerAz {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let nats: Vec<(ResourceId, &Resource)> = query::created_of(p, NAT).collect();
        if nats.is_empty() || nats.iter().any(|(_, r)| r.conditional) || has_switch(p) {
            return;
        }
        // Group by VPC (through the subnet), else by construction site.
        let mut groups: BTreeMap<(u8, u32, u32), Vec<&Resource>> = BTreeMap::new();
        for (_, r) in &nats {
            let vpc = r.arg("subnetId").and_then(|v| target(p, v)).filter(|s| p.resource(*s).token == SUBNET).and_then(|s| {
                let sub = p.resource(s);
                sub.arg("vpcId").and_then(|v| target(p, v))
            });
            let key = match vpc {
                Some(v) => (0, v.0, 0),
                None => (1, r.span.file.0, r.span.start),
            };
            groups.entry(key).or_default().push(r);
        }
        for group in groups.values() {
            let many = group.len() >= 2 || group.iter().any(|r| r.multiplicity == Multiplicity::Many);
            if !many {
                continue;
            }
            let first = group[0];
            let count = if group.iter().any(|r| r.multiplicity == Multiplicity::Many) { "several".to_string() } else { group.len().to_string() };
            cx.report(
                cx.diagnostic(first.span, format!("{count} NAT gateways for one VPC, with no setting to share a single one"))
                    .with_help("read a setting such as `singleNatGateway` and create one NAT gateway for non-production stacks"),
            );
        }
    }
}

/// A configuration read that could switch the NAT layout.
fn has_switch(p: &Program) -> bool {
    p.config_reads.iter().any(|c| words(&c.key).iter().any(|w| w == "nat" || w == "nats"))
}

/// The words of an identifier: `singleNatGateway`, `single_nat_gateway` -> single, nat, gateway.
fn words(s: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut prev_lower = false;
    for c in s.chars() {
        if !c.is_ascii_alphanumeric() {
            out.push(String::new());
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower {
            out.push(String::new());
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.last_mut().unwrap().push(c.to_ascii_lowercase());
    }
    out.retain(|w| !w.is_empty());
    out
}
