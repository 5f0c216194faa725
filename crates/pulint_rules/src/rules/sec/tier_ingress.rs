//! SEC014 ingress-all-protocols and SEC015 broad-private-cidr: security group rules between
//! internal networks that admit far more than a tier needs.

use super::ingress::sg_rules;
use super::open_ingress::sensitive_in;
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags ingress with protocol `-1` (every protocol and port) from a CIDR range. Ingress
    /// from `0.0.0.0/0` is left to `open-ingress`; rules whose source is a security group are
    /// not flagged.
    ///
    /// ## Why is this bad?
    /// Security groups are stateful: replies to allowed traffic need no ingress rule. An
    /// all-protocol rule from a VPC or peer range opens every port of the instances to every host
    /// of that network, so one compromised host reaches databases, admin ports and agents.
    ///
    /// ## Example
    /// ```python
    /// aws.ec2.SecurityGroup("app", ingress=[{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["10.1.0.0/16"]}])
    /// ```
    /// ```typescript
    /// new aws.ec2.SecurityGroup("app", { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.1.0.0/16"] }] });
    /// ```
    ///
    /// ## Use instead
    /// Allow the protocol and ports the service listens on, from a source security group where
    /// the peer is in the same VPC.
    pub IngressAllProtocols { code: "SEC014", name: "ingress-all-protocols", family: Sec, severity: Warning, status: Stable,
        summary: "security group ingress allows every protocol and port from a network" }
}

declare_rule! {
    /// ## What it does
    /// Flags ingress to a database, cache or administration port from a whole private address
    /// block (`10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`).
    ///
    /// ## Why is this bad?
    /// The rule trusts every network the organisation has or will have (other VPCs, VPN users,
    /// peered accounts), not the application tier that needs the database. Lateral movement
    /// after any compromise goes straight to the data.
    ///
    /// ## Example
    /// ```python
    /// aws.ec2.SecurityGroup("db", ingress=[{"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": ["10.0.0.0/8"]}])
    /// ```
    /// ```typescript
    /// new aws.ec2.SecurityGroup("db", { ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/8"] }] });
    /// ```
    ///
    /// ## Use instead
    /// Allow the application tier's security group (`securityGroups: [appSg.id]` /
    /// `referencedSecurityGroupId`), or at most the VPC's own CIDR.
    pub BroadPrivateCidr { code: "SEC015", name: "broad-private-cidr", family: Sec, severity: Warning, status: Stable,
        summary: "a database or admin port is open to a whole private address block" }
}

const PRIVATE_BLOCKS: &[&str] = &["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

impl Rule for IngressAllProtocols {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for rule in sg_rules(p) {
            if !rule.ingress || !rule.all_protocols() {
                continue;
            }
            let Some((cidr, span)) = rule.cidrs.iter().flatten().find(|(c, _)| c != "0.0.0.0/0" && c != "::/0" && !c.ends_with("/32")) else { continue };
            cx.report(
                cx.diagnostic(query::anchor(*span, rule.span), format!("ingress from {cidr} allows every protocol and port"))
                    .with_help("allow only the protocol and ports the service listens on; replies need no ingress rule"),
            );
        }
    }
}

impl Rule for BroadPrivateCidr {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for rule in sg_rules(p) {
            if !rule.ingress || rule.all_protocols() {
                continue;
            }
            let Some((port, what)) = rule.ports.and_then(sensitive_in) else { continue };
            let Some((cidr, span)) = rule.cidrs.iter().flatten().find(|(c, _)| PRIVATE_BLOCKS.contains(&c.as_str())) else { continue };
            cx.report(
                cx.diagnostic(query::anchor(*span, rule.span), format!("port {port} ({what}) is open to all of {cidr}"))
                    .with_help("allow the application tier's security group instead of a whole private block"),
            );
        }
    }
}
