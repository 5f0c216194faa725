//! REG005 region-config-ignored: the program reads a region from its configuration, but no
//! provider is configured with it.

use crate::{declare_rule, Ctx, Rule};
use pulint_model::{ConfigAccessor, Program, RuleMeta, ValueKind, AWS_PROVIDER};

declare_rule! {
    /// ## What it does
    /// Flags a read of a region-named config key of the program (`region`, `awsRegion`,
    /// `primary_region`, ...) whose value configures no `aws.Provider`. Reads of the provider's
    /// own `aws:region` are not flagged.
    ///
    /// ## Why is this bad?
    /// Resources deploy to the provider's region (`aws:region` of the stack), not to the region
    /// the program read. Setting the program's key to another region changes names, tags, ARNs
    /// and AMI lookups but not where anything is created, so the two disagree and lookups fail.
    ///
    /// ## Example
    /// ```python
    /// region = pulumi.Config().get("region") or "us-west-2"
    /// bucket = aws.s3.Bucket("logs", tags={"Region": region})
    /// ```
    /// ```typescript
    /// const region = new pulumi.Config().get("region") || "us-west-2";
    /// const bucket = new aws.s3.Bucket("logs", { tags: { Region: region } });
    /// ```
    ///
    /// ## Use instead
    /// Create the provider from it, `aws.Provider("main", region=region)`, and pass it to the
    /// resources; or drop the key and read `aws.get_region()` / `aws:region`.
    pub RegionConfigIgnored { code: "REG005", name: "region-config-ignored", family: Reg, severity: Warning, status: Stable,
        summary: "a region read from config configures no provider" }
}

/// Keys that name a deployment region (not a flag or a list of them).
fn region_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase().replace(['_', '-'], "");
    k.ends_with("region") && !k.contains("regions") && !k.contains("enable") && !k.contains("multi")
}

impl Rule for RegionConfigIgnored {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let configures_provider = |id: usize| {
            p.providers().filter(|(_, pr)| pr.token == AWS_PROVIDER).any(|(_, pr)| {
                let mut hit = false;
                if let Some(v) = pr.arg("region") {
                    v.walk(&mut |x| hit |= matches!(x.kind, ValueKind::Config(c) if c.index() == id));
                    hit |= !matches!(p.resolve(v).kind, ValueKind::String(_)) && !matches!(v.kind, ValueKind::Config(_));
                }
                hit
            })
        };
        // Resources whose region argument (provider v7) takes it count as configured too.
        let placed = |id: usize| {
            p.resources.iter().any(|r| {
                let mut hit = false;
                if let Some(v) = r.arg("region") {
                    v.walk(&mut |x| hit |= matches!(x.kind, ValueKind::Config(c) if c.index() == id));
                }
                hit
            })
        };
        for (i, c) in p.config_reads.iter().enumerate() {
            let own = c.namespace.is_none() || c.namespace.as_deref() == p.stack.project.as_deref();
            let accessor = matches!(c.accessor, ConfigAccessor::Get | ConfigAccessor::Require);
            if !own || !accessor || c.key.contains(':') || !region_key(&c.key) || configures_provider(i) || placed(i) {
                continue;
            }
            cx.report(
                cx.diagnostic(c.span, format!("config `{}` names a region, but no provider is configured with it", c.key))
                    .with_help("create an `aws.Provider` with this region and pass it to the resources, or read `aws:region` instead"),
            );
        }
    }
}
