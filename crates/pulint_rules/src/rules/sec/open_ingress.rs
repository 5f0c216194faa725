//! SEC001 open-ingress: security group ingress from anywhere to administrative, database or all ports.

use super::ingress::sg_rules;
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags security group ingress from `0.0.0.0/0` or `::/0` that reaches SSH (22), RDP (3389),
    /// a database or cache port (3306, 5432, 1433, 1521, 6379, 11211, 27017, 9200, 5439), or every
    /// port. Inline `ingress` rules, `aws.ec2.SecurityGroupRule` of type `ingress` and
    /// `aws.vpc.SecurityGroupIngressRule` are checked.
    ///
    /// ## Why is this bad?
    /// It deploys without complaint and exposes the service to the whole internet: brute-force
    /// and exploit traffic arrives within minutes.
    ///
    /// ## Example
    /// ```python
    /// aws.ec2.SecurityGroup("web", ingress=[{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}])
    /// ```
    /// ```typescript
    /// new aws.ec2.SecurityGroup("web", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] });
    /// ```
    ///
    /// ## Use instead
    /// Allow a known CIDR (a bastion, a VPN range) or a source security group, or use SSM Session
    /// Manager instead of SSH.
    pub OpenIngress { code: "SEC001", name: "open-ingress", family: Sec, severity: Error, status: Stable,
        summary: "security group ingress open to the internet on sensitive or all ports" }
}

/// Ports whose exposure is an incident: administration, databases, caches, search.
pub(crate) const SENSITIVE: &[(u16, &str)] = &[
    (22, "SSH"),
    (3389, "RDP"),
    (3306, "MySQL"),
    (5432, "PostgreSQL"),
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (6379, "Redis"),
    (11211, "Memcached"),
    (27017, "MongoDB"),
    (9200, "Elasticsearch"),
    (5439, "Redshift"),
];

/// The first sensitive port inside a range.
pub(crate) fn sensitive_in((from, to): (f64, f64)) -> Option<(u16, &'static str)> {
    SENSITIVE.iter().copied().find(|(port, _)| from <= f64::from(*port) && f64::from(*port) <= to)
}

impl Rule for OpenIngress {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for rule in sg_rules(p) {
            if !rule.ingress {
                continue;
            }
            let Some((cidr, span)) = rule.cidrs.iter().flatten().find(|(c, _)| c == "0.0.0.0/0" || c == "::/0") else { continue };
            let Some(range) = rule.ports else { continue };
            if !rule.all_protocols() && !matches!(rule.protocol.as_deref(), Some("tcp" | "6" | "udp" | "17")) {
                continue;
            }
            let span = query::anchor(*span, rule.span);
            if rule.all_protocols() || (range.0 <= 0.0 && range.1 >= 65535.0) {
                cx.report(cx.diagnostic(span, format!("ingress from {cidr} to every port")).with_help("allow only the ports the service needs, from known sources"));
            } else if let Some((port, what)) = sensitive_in(range) {
                cx.report(
                    cx.diagnostic(span, format!("ingress from {cidr} to {what} (port {port})"))
                        .with_help("allow a known CIDR or a source security group instead of the whole internet"),
                );
            }
        }
    }
}
