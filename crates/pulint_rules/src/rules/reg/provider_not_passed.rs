//! REG009 provider-not-passed: the program builds a provider for a region, then creates every
//! regional resource with the default provider.

use super::missing_provider::regional;
use super::unused_provider::unused_providers;
use crate::query::{created, is_region, name_of};
use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Program, ProviderUse, Resource, ResourceId, ResourceKind, RuleMeta, token};

declare_rule! {
    /// ## What it does
    /// Flags the construction that should have received a provider, in a program that creates an
    /// `aws.Provider` for a known region, never passes it anywhere, and creates all its regional
    /// resources with the default provider while the stack's default region is unknown or another
    /// one. The finding points at the first construction after the provider in the same file
    /// (a component built right after the provider), else at the first regional resource of the
    /// program; there is one finding per program.
    ///
    /// ## Why is this bad?
    /// The provider shows the region the author meant; the resources do not follow it. They land
    /// in whatever `aws:region` the stack (or the environment) names, so the deployment silently
    /// goes to the wrong region, or, for a provider built per region in a loop, every "regional"
    /// copy lands in the same one. REG003 reports the provider; this rule reports the place
    /// where it should have been passed.
    ///
    /// ## Example
    /// ```python
    /// west = aws.Provider("west", region="us-west-2")
    /// vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16")
    /// ```
    /// ```typescript
    /// const west = new aws.Provider("west", { region: "us-west-2" });
    /// const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
    /// ```
    ///
    /// ## Use instead
    /// Pass the provider: `opts=pulumi.ResourceOptions(provider=west)` / `{ provider: west }`;
    /// a component passes it on to its children.
    pub ProviderNotPassed { code: "REG009", name: "provider-not-passed", family: Reg, severity: Warning, status: Stable,
        summary: "a provider is built for a region but every regional resource uses the default provider" }
}

impl Rule for ProviderNotPassed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let default = p.stack.default_region.as_deref();
        let providers: Vec<(ResourceId, &Resource, &str)> = unused_providers(p)
            .into_iter()
            .filter_map(|id| {
                let r = p.resource(id);
                // A provider built inside a component beside resources of the stack's region is
                // meant for one resource the component forgot, not for all of them (REG003).
                if r.created_by.is_some() || r.parent.is_some() {
                    return None;
                }
                let region = p.str_of(r.arg("region")?)?;
                (is_region(region) && Some(region) != default).then_some((id, r, region))
            })
            .collect();
        if providers.is_empty() {
            return;
        }
        // Every provider option of the program is the default one: nothing is passed anywhere.
        let any_explicit = p.resources.iter().any(|r| r.kind != ResourceKind::Provider && r.provider != ProviderUse::Default)
            || p.invokes.iter().any(|i| i.provider != ProviderUse::Default);
        // A us-east-1 provider beside CloudFront is meant for the certificate or firewall in front
        // of it (REG007), not for the rest of the program.
        let edge = created(p).any(|(_, r)| token::split(&r.token).is_some_and(|(m, _)| m == "cloudfront"));
        if any_explicit || edge {
            return;
        }
        let roots: Vec<_> = providers.iter().map(|(_, r, _)| r.root).collect();
        // The outermost construction of every regional resource the providers' runs create.
        let mut tops: Vec<&Resource> = Vec::new();
        for (_, r) in created(p) {
            if !regional(&r.token) || r.arg("region").is_some() || !roots.contains(&r.root) {
                continue;
            }
            let mut top = r;
            for _ in 0..64 {
                match top.created_by {
                    Some(c) => top = p.resource(c),
                    None => break,
                }
            }
            tops.push(top);
        }
        tops.sort_by_key(|t| t.span);
        // Prefer a construction following the provider in its file (the component the loop body
        // builds next), else the program's first regional construction.
        let after = tops.iter().find_map(|t| {
            providers.iter().rev().find(|(_, pr, _)| pr.span.file == t.span.file && pr.span.end <= t.span.start && pr.root == t.root).map(|pr| (*t, pr))
        });
        let Some((site, (_, provider, region))) = after.or_else(|| tops.first().map(|t| (*t, &providers[0]))) else { return };
        let what = match site.kind {
            ResourceKind::Component => format!("component {}", name_of(site)),
            _ => format!("`{}` {}", token::display(&site.token), name_of(site)),
        };
        let lands = default.map(|d| format!("lands in {d}")).unwrap_or_else(|| "lands in the stack's default region".into());
        let others = if providers.len() > 1 { format!(" (and {} other unused providers)", providers.len() - 1) } else { String::new() };
        cx.report(
            cx.diagnostic(site.span, format!("{what} gets no provider and {lands}, like every regional resource of the program, while provider {} for {region}{others} is never passed", name_of(provider)))
                .with_label(provider.span, format!("provider for {region} created here"))
                .with_help("pass the provider in the resource options here (a component passes it on to its children)"),
        );
    }
}
