//! NET001 hardcoded-availability-zone: an availability-zone name written as a literal, or built
//! from a region and a letter, passed to a resource.

use super::util::az_region;
use crate::query::is_region;
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{FileKind, Program, RuleMeta, Span, Value, ValueKind};
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Flags availability-zone names that a program writes itself and passes to a resource: a
    /// literal such as `"us-east-1a"` (also inside a list or a map of zones), or a name built from
    /// a region and a letter (`f"{region}a"`, `` `${region}b` ``) for an `availabilityZone`
    /// argument. Zones on paths pulint cannot decide between count too (`settings[stack] ||
    /// settings.dev`, an item of a zone list at an unknown index). The finding points at the
    /// literal, where it is defined.
    ///
    /// ## Why is this bad?
    /// Zone letters are not a stable contract: an account may not have a zone (`us-east-1e`
    /// accepts no new subnets, `us-west-1` offers two zones to most accounts), some instance types
    /// are missing from some zones, and the code breaks as soon as it is deployed to another
    /// region. The deployment then fails on the subnet or database that names the zone.
    ///
    /// ## Example
    /// ```python
    /// aws.ec2.Subnet("a", vpc_id=vpc.id, cidr_block="10.0.1.0/24", availability_zone="us-east-1a")
    /// ```
    /// ```typescript
    /// new aws.ec2.Subnet("a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24", availabilityZone: "us-east-1a" });
    /// ```
    ///
    /// ## Use instead
    /// Ask the provider which zones are available:
    /// `azs = aws.get_availability_zones(state="available")` and `azs.names[0]`, or
    /// `aws.getAvailabilityZonesOutput({ state: "available" }).names[0]`.
    pub HardcodedAz { code: "NET001", name: "hardcoded-availability-zone", family: Net, severity: Warning, status: Stable,
        summary: "an availability zone name is hard-coded instead of looked up" }
}

impl Rule for HardcodedAz {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // One finding per line: a list of zones written on one line is one finding.
        let mut seen: BTreeSet<(u32, u32)> = BTreeSet::new();
        let mut hits: Vec<(Span, String)> = Vec::new();
        for r in &p.resources {
            if !r.token.starts_with("aws:") {
                continue;
            }
            for a in &r.args {
                if a.key.canonical == "tags" || a.key.canonical == "tagsAll" {
                    continue;
                }
                visit(p, &a.value, &a.key.canonical, &mut hits);
            }
        }
        // A zone-name filter of `getAvailabilityZones` restricts a lookup: it is not a placement.
        for inv in p.invokes.iter().filter(|i| !i.token.contains("getAvailabilityZones")) {
            for a in &inv.args {
                visit(p, &a.value, &a.key.canonical, &mut hits);
            }
        }
        for (span, what) in hits {
            let file = p.sources.get(span.file);
            let line = file.line_col(span.start).line;
            if !seen.insert((span.file.0, line)) {
                continue;
            }
            let help = if file.kind == FileKind::Python {
                "look the zones up with `aws.get_availability_zones(state=\"available\").names`"
            } else {
                "look the zones up with `aws.getAvailabilityZonesOutput({ state: \"available\" }).names`"
            };
            cx.report(cx.diagnostic(span, what).with_help(help));
        }
    }
}

fn az_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("availabilityzone") || k == "az" || k == "azs"
}

/// Collects hard-coded zone names in a value; `key` is the argument or property holding it.
fn visit(p: &Program, v: &Value, key: &str, out: &mut Vec<(Span, String)>) {
    let v = p.resolve(v);
    // Zones written in stack configuration are chosen per stack, not hard-coded in the program.
    if p.sources.get(v.span.file).kind == FileKind::Yaml {
        return;
    }
    match &v.kind {
        ValueKind::String(s) if az_region(s).is_some() => {
            out.push((v.span, format!("availability zone `{s}` is hard-coded")));
        }
        ValueKind::List(items) => items.iter().for_each(|i| visit(p, i, key, out)),
        ValueKind::Object(props) => props.iter().for_each(|pr| visit(p, &pr.value, &pr.key.canonical, out)),
        ValueKind::Interp { parts, .. } => {
            let text: Option<String> = parts.iter().map(|x| p.str_of(x)).collect();
            if let Some(s) = text {
                if az_region(&s).is_some() {
                    out.push((v.span, format!("availability zone `{s}` is hard-coded")));
                }
            } else if az_key(key) && let Some(letter) = region_plus_letter(p, parts) {
                out.push((v.span, format!("availability zone name is built from a region and {letter}")));
            }
        }
        ValueKind::Apply { result, .. } => visit(p, result, key, out),
        // A zone written on one of the paths pulint could not decide between is still hard-coded.
        ValueKind::Unknown { alternatives, .. } => alternatives.iter().for_each(|a| visit(p, a, key, out)),
        _ => {}
    }
}

/// `{region}a`: the last part is one lowercase letter after a part that is not literal text, or
/// after a known region name.
/// `{region}` followed by a letter computed from a character code (`String.fromCharCode(97 + i)`,
/// `chr(97 + i)`) when the region is a known region name.
fn region_plus_letter(p: &Program, parts: &[Value]) -> Option<String> {
    let [.., before, last] = parts else { return None };
    let region = p.str_of(before);
    match &p.resolve(last).kind {
        ValueKind::String(letter) => {
            if letter.len() != 1 || !letter.bytes().all(|b| b.is_ascii_lowercase()) {
                return None;
            }
            match region {
                Some(s) => is_region(s).then(|| format!("the letter `{letter}`")),
                None => Some(format!("the letter `{letter}`")),
            }
        }
        ValueKind::Unknown { reason: why, .. } if why.contains("fromCharCode") || why.contains("`chr`") => {
            region.is_some_and(is_region).then(|| "a letter computed from a character code".to_string())
        }
        _ => None,
    }
}
