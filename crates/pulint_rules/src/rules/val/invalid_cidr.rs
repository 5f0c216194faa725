//! VAL023 invalid-cidr: a CIDR argument whose known text is no CIDR at all.

use crate::query::{anchor, created};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, Prop, RuleMeta, Span, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a CIDR argument (`cidrBlock`, `cidrBlocks`, `destinationCidrBlock`, `ipv6CidrBlock`,
    /// `cidrIpv4`, `publicAccessCidrs`, ... at any depth) whose known value cannot be read as an
    /// IPv4 or IPv6 CIDR: five octets (`10.0.0.1.0/24`), an octet above 255, no `/prefix`, or a
    /// prefix longer than the address.
    ///
    /// ## Why is this bad?
    /// The provider rejects the value ("must contain a valid network CIDR") and `pulumi up` fails.
    /// Such values usually come from string surgery on another range (`split`, `rsplit`, slicing)
    /// that cuts at the wrong place. A well-formed range with host bits set is NET004's case.
    ///
    /// ## Example
    /// ```python
    /// base = "10.0.0.0/16".split("/")[0].rsplit(".", 1)[0]   # "10.0.0"
    /// aws.ec2.Subnet("a", vpc_id=vpc.id, cidr_block=f"{base}.1.0/24")   # 10.0.0.1.0/24
    /// ```
    /// ```typescript
    /// const base = "10.0.0.0/16".split("/")[0];   // "10.0.0.0"
    /// new aws.ec2.Subnet("a", { vpcId: vpc.id, cidrBlock: `${base}.1.0/24` });
    /// ```
    ///
    /// ## Use instead
    /// Compute ranges from the octets you mean (`f"10.0.{i}.0/24"`), or with `ipaddress` /
    /// `cidrsubnet`-style helpers.
    pub InvalidCidr { code: "VAL023", name: "invalid-cidr", family: Val, severity: Error, status: Stable,
        summary: "a CIDR argument is not a valid CIDR" }
}

impl Rule for InvalidCidr {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let mut seen = Vec::new();
        for (_, r) in created(p) {
            visit(p, cx, &r.args, r.span, 0, &mut seen);
        }
    }
}

/// True for the schema names of CIDR arguments (`cidr`, `cidrBlock`, `destinationCidrBlock`,
/// `ipv6CidrBlocks`, `cidrIpv4`, `publicAccessCidrs`). Schema names are camelCase, so
/// upper-case environment variable or tag keys (`VPC_CIDR`) do not match.
fn is_cidr_name(name: &str) -> bool {
    let stem = name.strip_suffix('s').unwrap_or(name);
    matches!(stem, "cidr" | "cidrBlock" | "cidrIpv4" | "cidrIpv6") || stem.ends_with("Cidr") || stem.ends_with("CidrBlock")
}

/// `seen`: the places already reported; a loop computing a bad range reports it once.
fn visit(p: &Program, cx: &mut Ctx, props: &[Prop], site: Span, depth: u32, seen: &mut Vec<Span>) {
    if depth > 8 {
        return;
    }
    for prop in props {
        // Maps whose keys the program chooses: a tag or variable named like a CIDR is data.
        if matches!(prop.key.canonical.as_str(), "tags" | "tagsAll" | "environment" | "variables") {
            continue;
        }
        let v = p.resolve(&prop.value);
        if is_cidr_name(&prop.key.canonical) {
            match &v.kind {
                ValueKind::List(items) => items.iter().for_each(|i| check(p, cx, i, site, seen)),
                _ => check(p, cx, v, site, seen),
            }
            continue;
        }
        match &v.kind {
            ValueKind::Object(inner) => visit(p, cx, inner, site, depth + 1, seen),
            ValueKind::List(items) => {
                for i in items {
                    if let ValueKind::Object(inner) = &p.resolve(i).kind {
                        visit(p, cx, inner, site, depth + 1, seen);
                    }
                }
            }
            _ => {}
        }
    }
}

fn check(p: &Program, cx: &mut Ctx, v: &Value, site: Span, seen: &mut Vec<Span>) {
    let Some(text) = p.str_of(v) else { return };
    let Some(problem) = problem(text) else { return };
    let at = anchor(v.span, site);
    if seen.contains(&at) {
        return;
    }
    seen.push(at);
    cx.report(
        cx.diagnostic(at, format!("`{text}` is not a valid CIDR block: {problem}"))
            .with_help("write an address and a prefix length, such as `10.0.1.0/24`"),
    );
}

/// What is wrong with text written as an IPv4 or IPv6 CIDR; `None` when it is valid, and for
/// text that is not an attempt at an address at all (placeholders, names).
// Source: RFC 4632 (IPv4 CIDR notation) and RFC 4291 section 2.3 (IPv6 prefixes); the provider
// validates these arguments as CIDRs.
pub fn problem(text: &str) -> Option<String> {
    let t = text.trim();
    let (addr, prefix) = match t.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (t, None),
    };
    if addr.contains(':') {
        if !addr.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return None;
        }
        if addr.parse::<std::net::Ipv6Addr>().is_err() {
            return Some("the IPv6 address is malformed".into());
        }
        return prefix_problem(prefix, 128);
    }
    if addr.is_empty() || !addr.chars().all(|c| c.is_ascii_digit() || c == '.') || !addr.contains('.') {
        return None;
    }
    let octets: Vec<&str> = addr.split('.').collect();
    if octets.len() != 4 {
        return Some(format!("it has {} octets instead of 4", octets.len()));
    }
    if octets.iter().any(|o| o.is_empty()) {
        return Some("it has an empty octet".into());
    }
    if let Some(o) = octets.iter().find(|o| o.parse::<u32>().map_or(true, |n| n > 255)) {
        return Some(format!("octet `{o}` is above 255"));
    }
    prefix_problem(prefix, 32)
}

fn prefix_problem(prefix: Option<&str>, max: u32) -> Option<String> {
    match prefix {
        None => Some("it has no `/prefix` length".into()),
        Some(p) => match p.parse::<u32>() {
            Ok(n) if n <= max && !p.starts_with('+') => None,
            Ok(n) if !p.starts_with('+') => Some(format!("prefix `/{n}` is longer than {max} bits")),
            _ => Some(format!("prefix `/{p}` is not a number")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn problems() {
        assert_eq!(problem("10.0.0.0/16"), None);
        assert_eq!(problem("0.0.0.0/0"), None);
        assert_eq!(problem("::/0"), None);
        assert_eq!(problem("2600:1f18::/56"), None);
        assert_eq!(problem("10.0.0.1.0/24").as_deref(), Some("it has 5 octets instead of 4"));
        assert_eq!(problem("10.0.256.0/24").as_deref(), Some("octet `256` is above 255"));
        assert_eq!(problem("10.0.0.0").as_deref(), Some("it has no `/prefix` length"));
        assert_eq!(problem("10.0.0.0/33").as_deref(), Some("prefix `/33` is longer than 32 bits"));
        assert_eq!(problem("YOUR_IP/32"), None);
        assert_eq!(problem("sg-123"), None);
    }
}
