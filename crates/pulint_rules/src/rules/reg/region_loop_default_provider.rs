//! REG008 region-loop-default-provider: one construction site creates a copy per region, yet
//! every copy uses the default provider.

use crate::query::{created, is_region, region_len};
use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Program, ProviderUse, Resource, RuleMeta, Span, Value, ValueKind, token};

declare_rule! {
    /// ## What it does
    /// Flags a resource constructor that the program runs once per region (a loop over region
    /// names, a helper called with `"us-east-1"` and then `"eu-west-1"`), where the copies carry
    /// different region codes in their names or tags but all use the default provider.
    ///
    /// ## Why is this bad?
    /// A resource lands in the region of its provider, not the region its name mentions. Every
    /// copy is created in the stack's one region: the "multi-region" deployment is a single-region
    /// deployment with misleading names, and names that differ only by region may still clash with
    /// region-scoped limits. `pulumi up` succeeds, so the mistake surfaces only at failover.
    ///
    /// ## Example
    /// ```python
    /// for region in ["us-east-1", "eu-west-1"]:
    ///     aws.ec2.Vpc(f"vpc-{region}", cidr_block="10.0.0.0/16")
    /// ```
    /// ```typescript
    /// for (const region of ["us-east-1", "eu-west-1"]) {
    ///     new aws.ec2.Vpc(`vpc-${region}`, { cidrBlock: "10.0.0.0/16" });
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Create an `aws.Provider` per region and pass it to every resource of that region:
    /// `opts=pulumi.ResourceOptions(provider=providers[region])` / `{ provider: providers[region] }`.
    pub RegionLoopDefaultProvider { code: "REG008", name: "region-loop-default-provider", family: Reg, severity: Error, status: Stable,
        summary: "copies of a resource named for different regions all use the default provider" }
}

impl Rule for RegionLoopDefaultProvider {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // Construction sites, with the region each default-provider copy names.
        let mut sites: Vec<(Span, &Resource, Vec<String>)> = Vec::new();
        for (_, r) in created(p) {
            if r.provider != ProviderUse::Default || r.arg("region").is_some() {
                continue;
            }
            let mut regions = Vec::new();
            regions_in(&r.name, &mut regions);
            if let Some(tags) = r.arg("tags") {
                regions_in(tags, &mut regions);
            }
            regions.sort();
            regions.dedup();
            let [region] = regions.as_slice() else { continue };
            match sites.iter_mut().find(|(site, _, _)| *site == r.callee_span) {
                Some((_, _, seen)) => seen.push(region.clone()),
                None => sites.push((r.callee_span, r, vec![region.clone()])),
            }
        }
        // One finding per set of regions: the sites share one cause (no provider is passed down).
        let mut groups: Vec<(Vec<String>, Vec<&Resource>)> = Vec::new();
        for (_, first, mut regions) in sites {
            regions.sort();
            regions.dedup();
            if regions.len() < 2 {
                continue;
            }
            match groups.iter_mut().find(|(g, _)| *g == regions) {
                Some((_, firsts)) => firsts.push(first),
                None => groups.push((regions, vec![first])),
            }
        }
        for (regions, firsts) in groups {
            let what = match firsts.len() {
                1 => format!("`{}` is", token::display(&firsts[0].token)),
                n => format!("`{}` and {} other resources are", token::display(&firsts[0].token), n - 1),
            };
            let names = regions.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ");
            let mut d = cx.diagnostic(firsts[0].span, format!("{what} created for regions {names} but always with the default provider, so every copy lands in the same region"));
            for other in firsts.iter().skip(1).take(3) {
                d = d.with_label(other.span, format!("`{}` too", token::display(&other.token)));
            }
            cx.report(d.with_help("create an `aws.Provider` per region and pass it as the `provider` option"));
        }
    }
}

/// Region codes written in a value's text (`vpc-us-east-1`, a `Region` tag).
fn regions_in(v: &Value, out: &mut Vec<String>) {
    v.walk(&mut |x| {
        if let ValueKind::String(s) = &x.kind {
            let bytes = s.as_bytes();
            for (i, _) in s.char_indices() {
                // A code starts a word: at the start or after a separator.
                if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
                    continue;
                }
                if let Some(n) = region_len(&s[i..])
                    && (i + n == s.len() || !bytes[i + n].is_ascii_alphanumeric())
                    && is_region(&s[i..i + n])
                {
                    out.push(s[i..i + n].to_string());
                }
            }
        }
    });
}
