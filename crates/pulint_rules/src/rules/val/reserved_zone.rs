//! VAL017 reserved-zone-name: a public Route 53 hosted zone under a domain reserved for
//! documentation.

use super::args::written_out;
use crate::query::{absent, anchor, created_of, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.route53.Zone` without `vpcs` (a public hosted zone) whose `name` ends in
    /// `example.com`, `example.net` or `example.org`: the domain itself or any name under it,
    /// also when the start of the name is computed (`f"{env}.example.com"`).
    ///
    /// ## Why is this bad?
    /// These domains are reserved for documentation (RFC 2606) and Route 53 refuses hosted zones
    /// for them (`InvalidDomainName: ... is reserved by AWS!`). The zone is not created, and
    /// `pulumi up` fails along with every record, certificate validation and alias that needs it.
    /// A placeholder domain from an example has to become a domain the team owns.
    ///
    /// ## Example
    /// ```python
    /// aws.route53.Zone("main", name=f"payments-{env}.example.com")
    /// ```
    /// ```typescript
    /// new aws.route53.Zone("main", { name: `payments-${env}.example.com` });
    /// ```
    ///
    /// ## Use instead
    /// A domain the organisation owns, usually read from configuration:
    /// `name=config.require("domain")` / `name: config.require("domain")`.
    pub ReservedZoneName { code: "VAL017", name: "reserved-zone-name", family: Val, severity: Error, status: Stable,
        summary: "a public hosted zone under example.com, example.net or example.org" }
}

/// Second-level domains RFC 2606 reserves; Route 53 CreateHostedZone answers InvalidDomainName
/// ("is reserved by AWS") for them and their subdomains. The reserved top-level domains (`.test`,
/// `.example`, ...) are left out: whether Route 53 refuses them is not documented.
const RESERVED: &[&str] = &["example.com", "example.net", "example.org"];

impl Rule for ReservedZoneName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created_of(p, "aws:route53/zone:Zone") {
            // Private zones (`vpcs`) are not judged: whether Route 53 reserves these names there
            // too is not documented.
            if !written_out(p, r) || !absent(r, "vpcs") {
                continue;
            }
            let Some(name) = r.arg("name") else { continue };
            let Some(domain) = reserved_suffix(p, name) else { continue };
            // A default of a config read is what deploys until the stack sets the key.
            let default_of = match &name.kind {
                ValueKind::Config(id) if p.config_read(*id).stack_value.is_none() => Some(p.config_read(*id).qualified_key()),
                _ => None,
            };
            let (message, help) = match default_of {
                Some(key) => (
                    format!("hosted zone {} is under {domain} unless config `{key}` is set; Route 53 reserves that domain", name_of(r)),
                    format!("set `{key}` in the stack configuration and give the read a default the organisation owns, or none"),
                ),
                None => (
                    format!("hosted zone {} is under {domain}, which Route 53 reserves", name_of(r)),
                    "use a domain the organisation owns, for example from stack configuration".to_string(),
                ),
            };
            cx.report(cx.diagnostic(anchor(name.span, r.span), message).with_help(help));
        }
    }
}

/// The reserved domain a name ends with, when its known text shows it: the whole name, or a
/// literal last part that starts at a label boundary (`.example.com` after `${env}`).
fn reserved_suffix(p: &Program, v: &Value) -> Option<&'static str> {
    let v = p.resolve(v);
    let (text, whole) = match &v.kind {
        ValueKind::String(s) => (s.as_str(), true),
        ValueKind::Interp { parts, .. } => (p.resolve(parts.last()?).as_str()?, false),
        _ => return None,
    };
    let text = text.trim_end_matches('.').to_ascii_lowercase();
    RESERVED.iter().copied().find(|d| (whole && text == *d) || text.ends_with(&format!(".{d}")))
}
