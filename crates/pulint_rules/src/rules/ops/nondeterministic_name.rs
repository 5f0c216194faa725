//! OPS012 nondeterministic-name-or-tag: a name or tag computed from the clock or a random source
//! while the program runs.

use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Program, RANDOM_REASON, RuleMeta, Span, Value};

declare_rule! {
    /// ## What it does
    /// Flags a logical name, a physical name argument (`name`, `bucket`, `functionName`,
    /// `identifier`, ...) or a tag value built from the current time (`datetime.now()`,
    /// `time.time()`, `Date.now()`) or a random source (`random`, `uuid`, `Math.random()`).
    ///
    /// ## Why is this bad?
    /// The program runs on every `preview` and `up`, so such a value differs every time. A new
    /// logical name makes Pulumi create a new resource and delete the old one; a new physical name
    /// replaces the resource; a new tag value is a change to every tagged resource on every
    /// deployment, so no preview is ever clean and real changes drown in the noise.
    ///
    /// ## Example
    /// ```python
    /// aws.s3.Bucket(f"uploads-{int(time.time())}", tags={"DeployedAt": datetime.now().isoformat()})
    /// ```
    /// ```typescript
    /// new aws.s3.Bucket(`uploads-${Date.now()}`, { tags: { DeployedAt: new Date().toISOString() } });
    /// ```
    ///
    /// ## Use instead
    /// Stable names from the project, stack and environment suffix; for uniqueness let Pulumi
    /// auto-name, or use a `random.RandomId` resource, which is generated once and kept in the
    /// state.
    pub NondeterministicNameOrTag { code: "OPS012", name: "nondeterministic-name-or-tag", family: Ops, severity: Warning, status: Stable,
        summary: "a name or tag changes on every run of the program" }
}

/// Arguments that set a physical name, besides those ending in `Name`.
const NAME_ARGS: &[&str] = &["name", "namePrefix", "bucket", "bucketPrefix", "identifier", "identifierPrefix", "clusterIdentifier"];

impl Rule for NondeterministicNameOrTag {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // One finding per clock or random call, however many resources use its value.
        let mut found: Vec<Use> = Vec::new();
        for (_, r) in query::created(p) {
            // `what` is described only for a volatile value (most are not).
            let mut note = |v: &Value, what: &dyn Fn() -> String| {
                let Some((reason, source)) = v.volatile() else { return };
                match found.iter_mut().find(|u| u.source == source) {
                    Some(u) => u.count += 1,
                    None => found.push(Use { source, reason, what: what(), site: r.span, count: 1 }),
                }
            };
            note(&r.name, &|| "the logical name".into());
            for prop in &r.args {
                let k = prop.key.canonical.as_str();
                if NAME_ARGS.contains(&k) || k.ends_with("Name") {
                    note(&prop.value, &|| format!("`{}`", prop.key.written));
                } else if k == "tags" {
                    note(&prop.value, &|| format!("a tag value in `{}`", prop.key.written));
                }
            }
        }
        for u in found {
            let (from, when) = if u.reason == RANDOM_REASON {
                ("a random value", "on every `pulumi up`")
            } else {
                ("the current time", "from one deployment to the next")
            };
            let many = if u.count > 1 { format!(" of {} resources", u.count) } else { String::new() };
            let (at, elsewhere) = query::literal_and_use(u.source, u.site);
            let mut d = cx.diagnostic(at, format!("{}{many} is built from {from}, so it changes {when}", u.what));
            if let Some(site) = elsewhere {
                d = d.with_label(site, "used here");
            }
            cx.report(d.with_help("use a stable name or tag; for uniqueness use a `RandomId` resource or Pulumi's auto-naming"));
        }
    }
}

/// A clock or random call whose value reaches names or tags.
struct Use {
    source: Span,
    reason: &'static str,
    what: String,
    /// The first resource that uses it.
    site: Span,
    count: usize,
}
