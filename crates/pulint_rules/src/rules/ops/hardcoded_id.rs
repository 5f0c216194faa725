//! OPS003 hardcoded-id: account IDs, resource IDs and placeholder endpoints written into the
//! program.

use crate::query::literal_and_use;
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, ResourceKind, RuleMeta, Span, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags literal identifiers that belong to one particular account or region, or are
    /// placeholders: ARNs and strings with a placeholder account ID (`123456789012`,
    /// `000000000000`), VPC, subnet, security group, AMI and other EC2 IDs (`vpc-0a1b2c3d`,
    /// `ami-0c55b159cbfafe1f0`), and `example.com` endpoints. Resource and data-source
    /// arguments, config defaults and stack outputs are checked, including literals on paths pulint
    /// cannot decide between (`args.arn || "arn:aws:...:123456789012:..."`); values set in the
    /// stack configuration files are not.
    ///
    /// ## Why is this bad?
    /// The program only works in the one account and region the ID comes from, or in none at
    /// all: a placeholder ARN or ID makes the deployment fail (or a listener, role or lookup
    /// point at nothing), and an AMI ID differs per region and goes stale.
    ///
    /// ## Example
    /// ```python
    /// vpc = aws.ec2.get_vpc(id="vpc-0a1b2c3d")
    /// aws.ecs.TaskDefinition("app", family="app", container_definitions=defs,
    ///     execution_role_arn="arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
    /// ```
    /// ```typescript
    /// const vpc = aws.ec2.getVpc({ id: "vpc-0a1b2c3d" });
    /// new aws.ecs.TaskDefinition("app", { family: "app", containerDefinitions: defs,
    ///     executionRoleArn: "arn:aws:iam::123456789012:role/ecsTaskExecutionRole" });
    /// ```
    ///
    /// ## Use instead
    /// Create the resource and pass its output, look it up by tags or with
    /// `aws.ec2.get_ami` / `aws.ec2.getAmi`, build ARNs from `aws.get_caller_identity()`, or
    /// require the value from stack configuration without a literal default.
    pub HardcodedId { code: "OPS003", name: "hardcoded-id", family: Ops, severity: Warning, status: Stable,
        summary: "an account ID, resource ID or placeholder endpoint is written into the program" }
}

impl Rule for HardcodedId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let mut hits: Vec<Hit> = Vec::new();
        for r in &p.resources {
            if r.kind == ResourceKind::Provider {
                continue;
            }
            for a in &r.args {
                visit(&a.value, &a.key.canonical, r.span, &mut hits);
            }
        }
        for inv in &p.invokes {
            for a in &inv.args {
                visit(&a.value, &a.key.canonical, inv.span, &mut hits);
            }
        }
        for c in &p.config_reads {
            if let Some(d) = &c.default {
                visit(d, &c.key, d.span, &mut hits);
            }
        }
        for e in &p.exports {
            visit(&e.value, &e.name, e.span, &mut hits);
        }
        // A literal is the defect: one finding where it is written, however often it is used.
        hits.sort_by_key(|h| (h.at.file, h.at.start));
        hits.dedup_by_key(|h| (h.at.file, h.at.start));
        for h in hits {
            let mut d = cx.diagnostic(h.at, h.message);
            if let Some(used) = h.used {
                d = d.with_label(used, "used here");
            }
            cx.report(d.with_help("pass the real value from a resource output, a lookup or stack configuration"));
        }
    }
}

/// A placeholder or hard-coded literal, and where it is used when written elsewhere.
struct Hit {
    at: Span,
    used: Option<Span>,
    message: String,
}

impl Hit {
    fn new(literal: Span, site: Span, message: String) -> Hit {
        let (at, used) = literal_and_use(literal, site);
        Hit { at, used, message }
    }
}

/// Walks a value, remembering the key it sits under (tags and descriptions are skipped).
fn visit(v: &Value, key: &str, site: Span, hits: &mut Vec<Hit>) {
    if ["tags", "tagsall", "description", "alarmdescription", "comment"].iter().any(|k| key.eq_ignore_ascii_case(k)) {
        return;
    }
    match &v.kind {
        ValueKind::String(s) => {
            if let Some(msg) = classify(s, key) {
                hits.push(Hit::new(v.span, site, msg));
            }
        }
        ValueKind::Object(props) => props.iter().for_each(|p| visit(&p.value, &p.key.canonical, site, hits)),
        ValueKind::List(items) | ValueKind::All(items) => items.iter().for_each(|i| visit(i, key, site, hits)),
        ValueKind::Interp { parts, .. } => {
            // A placeholder account written inside a built ARN.
            for part in parts {
                if let ValueKind::String(s) = &part.kind
                    && let Some(acct) = placeholder_account(s)
                {
                    hits.push(Hit::new(part.span, site, format!("`{acct}` is a placeholder account ID")));
                }
            }
        }
        ValueKind::Secret(inner) | ValueKind::Json { value: inner, .. } => visit(inner, key, site, hits),
        ValueKind::Apply { result, .. } => visit(result, key, site, hits),
        // A placeholder on one of the paths pulint could not decide between is still written in
        // the program (`args.arn || "arn:aws:...:123456789012:..."`).
        ValueKind::Unknown { alternatives, .. } => alternatives.iter().for_each(|a| visit(a, key, site, hits)),
        _ => {}
    }
}

/// What is wrong with a literal, if anything.
fn classify(s: &str, key: &str) -> Option<String> {
    if let Some(acct) = placeholder_account(s) {
        return Some(if s.starts_with("arn:") {
            format!("`{}` is an ARN with the placeholder account ID {acct}", short(s))
        } else {
            format!("`{acct}` is a placeholder account ID")
        });
    }
    if let Some(kind) = ec2_id(s, key) {
        return Some(format!("`{s}` is a hard-coded {kind} ID"));
    }
    if s.starts_with("arn:") && ["placeholder", "example", "xxxx", "your-", "changeme"].iter().any(|w| s.to_ascii_lowercase().contains(w)) {
        return Some(format!("`{}` is a placeholder ARN", short(s)));
    }
    if example_host(s) {
        return Some(format!("`{}` is a placeholder `example` endpoint", short(s)));
    }
    None
}

fn short(s: &str) -> String {
    if s.chars().count() > 80 { format!("{}...", s.chars().take(77).collect::<String>()) } else { s.to_string() }
}

/// A 12-digit account ID that is a well-known placeholder, inside the text.
fn placeholder_account(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let run = &s[start..i];
            if run.len() == 12 && is_placeholder_account(run) {
                return Some(run);
            }
        } else {
            i += 1;
        }
    }
    None
}

fn is_placeholder_account(d: &str) -> bool {
    let first = d.as_bytes()[0];
    d.bytes().all(|c| c == first)
        || matches!(d, "123456789012" | "012345678901" | "111122223333" | "444455556666" | "123412341234" | "210987654321" | "987654321098")
}

/// EC2 identifiers: prefix and the kind of thing it names.
const EC2_PREFIXES: &[(&str, &str)] = &[
    ("vpc", "VPC"),
    ("subnet", "subnet"),
    ("sg", "security group"),
    ("ami", "AMI"),
    ("igw", "internet gateway"),
    ("nat", "NAT gateway"),
    ("rtb", "route table"),
    ("eipalloc", "Elastic IP allocation"),
    ("pcx", "peering connection"),
    ("tgw", "transit gateway"),
    ("vpce", "VPC endpoint"),
    ("eni", "network interface"),
    ("i", "instance"),
    ("snap", "snapshot"),
    ("vol", "volume"),
];

/// The kind of EC2 ID `s` is: real-looking hexadecimal IDs anywhere, other shapes only under an
/// argument whose name (any case) says it holds an ID.
fn ec2_id(s: &str, key: &str) -> Option<&'static str> {
    let (prefix, rest) = s.split_once('-')?;
    let kind = EC2_PREFIXES.iter().find(|(p, _)| *p == prefix).map(|(_, k)| *k)?;
    let key = key.to_ascii_lowercase();
    let key = key.as_str();
    let hex = (rest.len() == 8 || rest.len() == 17) && rest.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)) && rest.bytes().any(|c| c.is_ascii_digit());
    let id_key = key.ends_with("id") || key.ends_with("ids") || matches!(key, "ami" | "securitygroups" | "subnets" | "vpc");
    let loose = prefix != "i" && rest.len() >= 3 && rest.len() <= 17 && rest.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) && rest.bytes().any(|c| c.is_ascii_digit());
    (hex || (id_key && loose)).then_some(kind)
}

/// A URL or host name under `example.com` / `.org` / `.net` (e-mail addresses are not flagged).
fn example_host(s: &str) -> bool {
    if s.contains('@') || s.contains(' ') || !s.contains('.') {
        return false;
    }
    // Most texts with a dot never say `example` (in any case): no lower-cased copy for them.
    let b = s.as_bytes();
    if !memchr::memchr2_iter(b'e', b'E', b).any(|i| b[i..].get(..7).is_some_and(|w| w.eq_ignore_ascii_case(b"example"))) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let host = lower.split("://").last().unwrap_or(&lower);
    let host = host.split(['/', ':']).next().unwrap_or(host);
    ["example.com", "example.org", "example.net"].iter().any(|d| host.strip_suffix(d).is_some_and(|h| h.is_empty() || h.ends_with('.')))
}
