//! Security group rules as one shape, whichever way the program writes them: inline `ingress` /
//! `egress` blocks, `aws.ec2.SecurityGroupRule`, `aws.vpc.SecurityGroupIngressRule` /
//! `EgressRule`.

use pulint_model::{Program, ResourceId, Span, Value};

pub struct SgRule {
    pub ingress: bool,
    /// Lower-cased protocol (`tcp`, `-1`), when known.
    pub protocol: Option<String>,
    /// The port range; all ports for protocol `-1`.
    pub ports: Option<(f64, f64)>,
    /// Known CIDR sources with their spans; None when any CIDR is unknown. For a list chosen by an
    /// undecided condition, the CIDRs written on its arms.
    pub cidrs: Option<Vec<(String, Span)>>,
    /// The rule itself (an inline block, or the rule resource).
    pub span: Span,
    /// The security group the rule belongs to, when known.
    pub group: Option<ResourceId>,
}

impl SgRule {
    pub fn all_protocols(&self) -> bool {
        matches!(self.protocol.as_deref(), Some("-1" | "all"))
    }
}

pub fn sg_rules(p: &Program) -> Vec<SgRule> {
    let mut out = Vec::new();
    for (id, r) in crate::query::created(p) {
        let target = || r.arg("securityGroupId").and_then(|v| p.resolve(v).resource());
        match r.token.as_str() {
            "aws:ec2/securityGroup:SecurityGroup" => {
                for (key, ingress) in [("ingress", true), ("egress", false)] {
                    let Some(list) = r.arg(key).map(|v| p.resolve(v)).and_then(Value::as_list) else { continue };
                    for rule in list.iter().map(|v| p.resolve(v)).filter(|v| v.as_object().is_some()) {
                        out.push(shape(p, |k| rule.get(k), ingress, rule.span, &["cidrBlocks", "ipv6CidrBlocks"], Some(id)));
                    }
                }
            }
            "aws:ec2/securityGroupRule:SecurityGroupRule" => {
                let ingress = match r.arg("type").and_then(|v| p.str_of(v)) {
                    Some("ingress") => true,
                    Some("egress") => false,
                    _ => continue,
                };
                out.push(shape(p, |k| r.arg(k), ingress, r.span, &["cidrBlocks", "ipv6CidrBlocks"], target()));
            }
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" => out.push(shape(p, |k| r.arg(k), true, r.span, &["cidrIpv4", "cidrIpv6"], target())),
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" => out.push(shape(p, |k| r.arg(k), false, r.span, &["cidrIpv4", "cidrIpv6"], target())),
            _ => {}
        }
    }
    out
}

fn shape<'p>(p: &'p Program, get: impl Fn(&str) -> Option<&'p Value>, ingress: bool, span: Span, cidr_keys: &[&str], group: Option<ResourceId>) -> SgRule {
    let protocol = get("protocol").or_else(|| get("ipProtocol")).and_then(|v| p.str_of(v)).map(str::to_ascii_lowercase);
    let port = |k: &str| get(k).map(|v| p.resolve(v)).and_then(Value::as_number);
    let ports = if matches!(protocol.as_deref(), Some("-1" | "all")) {
        Some((0.0, 65535.0))
    } else {
        port("fromPort").zip(port("toPort"))
    };
    let mut cidrs = Some(Vec::new());
    for k in cidr_keys {
        let Some(v) = get(k) else { continue };
        let v = p.resolve(v);
        // A list chosen by a condition pulint cannot decide: every arm's CIDRs are written in the
        // program, and a world-open one on any arm is open in that configuration.
        let undecided = !v.alternatives().is_empty();
        let arms: Vec<&Value> = if undecided { v.alternatives().iter().collect() } else { vec![v] };
        let items: Vec<&Value> = arms
            .into_iter()
            .flat_map(|a| match a.as_list() {
                Some(items) => items.iter().collect(),
                None => vec![a],
            })
            .collect();
        for i in items {
            match (p.str_of(i), cidrs.as_mut()) {
                (Some(s), Some(list)) => list.push((s.to_string(), i.span)),
                // An arm pulint cannot read leaves the others' literals judged (rules ask
                // whether some CIDR is open, never whether all are known).
                (None, _) if undecided => {}
                _ => cidrs = None,
            }
        }
    }
    SgRule { ingress, protocol, ports, cidrs, span, group }
}
