//! SEC001 open-ingress: security group ingress from anywhere to administrative, database or all ports.

use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta, Span, Value};

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

const SENSITIVE: &[(u16, &str)] = &[
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

impl Rule for OpenIngress {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for r in &p.resources {
            match r.token.as_str() {
                "aws:ec2/securityGroup:SecurityGroup" => {
                    let Some(list) = r.arg("ingress").map(|v| p.resolve(v)).and_then(Value::as_list) else { continue };
                    for rule in list {
                        check_rule(p, cx, p.resolve(rule), &["cidrBlocks", "ipv6CidrBlocks"]);
                    }
                }
                "aws:ec2/securityGroupRule:SecurityGroupRule" => {
                    if r.arg("type").and_then(|v| p.str_of(v)) == Some("ingress") {
                        check_props(p, cx, |k| r.arg(k), r.span, &["cidrBlocks", "ipv6CidrBlocks"]);
                    }
                }
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" => {
                    check_props(p, cx, |k| r.arg(k), r.span, &["cidrIpv4", "cidrIpv6"]);
                }
                _ => {}
            }
        }
    }
}

fn check_rule(p: &Program, cx: &mut Ctx, rule: &Value, cidr_keys: &[&str]) {
    if rule.as_object().is_none() {
        return;
    }
    check_props(p, cx, |k| rule.get(k), rule.span, cidr_keys);
}

/// Reports when every fact needed is known: an open CIDR and a port range with a sensitive port.
fn check_props<'a>(p: &'a Program, cx: &mut Ctx, get: impl Fn(&str) -> Option<&'a Value>, fallback: Span, cidr_keys: &[&str]) {
    let open = cidr_keys.iter().find_map(|k| {
        let v = p.resolve(get(k)?);
        let hit = match v.as_list() {
            Some(items) => items.iter().find(|i| matches!(p.str_of(i), Some("0.0.0.0/0" | "::/0"))),
            None => matches!(p.str_of(v), Some("0.0.0.0/0" | "::/0")).then_some(v),
        };
        hit.map(|h| (h.span, p.str_of(h).unwrap_or("0.0.0.0/0")))
    });
    let Some((span, cidr)) = open else { return };
    let protocol = get("protocol").and_then(|v| p.str_of(v)).map(str::to_ascii_lowercase);
    let all_protocols = matches!(protocol.as_deref(), Some("-1" | "all"));
    let port = |k: &str| get(k).map(|v| p.resolve(v)).and_then(Value::as_number);
    let range = if all_protocols {
        Some((0.0, 65535.0))
    } else {
        match (port("fromPort"), port("toPort")) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        }
    };
    let Some((from, to)) = range else { return };
    if !all_protocols && !matches!(protocol.as_deref(), Some("tcp" | "6" | "udp" | "17")) {
        return;
    }
    let span = crate::query::anchor(span, fallback);
    if all_protocols || (from <= 0.0 && to >= 65535.0) {
        cx.report(cx.diagnostic(span, format!("ingress from {cidr} to every port")).with_help("allow only the ports the service needs, from known sources"));
        return;
    }
    if let Some((port, what)) = SENSITIVE.iter().find(|(port, _)| from <= f64::from(*port) && f64::from(*port) <= to) {
        cx.report(
            cx.diagnostic(span, format!("ingress from {cidr} to {what} (port {port})"))
                .with_help("allow a known CIDR or a source security group instead of the whole internet"),
        );
    }
}
