//! REG003 unused-provider: an explicit AWS provider that nothing uses.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Multiplicity, NoteKind, Program, ProviderUse, ResourceId, RuleMeta, AWS_PROVIDER};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.Provider` that no resource, component or invoke of the program uses, in a
    /// program where every provider option pulint saw is known.
    ///
    /// ## Why is this bad?
    /// A provider created and never passed anywhere almost always means the resources meant for
    /// its region were created with the default provider instead: they land in the stack's
    /// region, not the one the provider names, and the program deploys a single-region system
    /// that looks multi-region.
    ///
    /// ## Example
    /// ```python
    /// west = aws.Provider("west", region="us-west-2")
    /// bucket = aws.s3.Bucket("replica")
    /// ```
    /// ```typescript
    /// const west = new aws.Provider("west", { region: "us-west-2" });
    /// const bucket = new aws.s3.Bucket("replica");
    /// ```
    ///
    /// ## Use instead
    /// Pass it: `opts=pulumi.ResourceOptions(provider=west)` / `{ provider: west }`, or remove it.
    pub UnusedProvider { code: "REG003", name: "unused-provider", family: Reg, severity: Warning, status: Stable,
        summary: "an explicit AWS provider is never used" }
}

impl Rule for UnusedProvider {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for id in unused_providers(p) {
            let r = p.resource(id);
            let region = r.arg("region").and_then(|v| p.str_of(v)).map(|s| format!(" for {s}")).unwrap_or_default();
            cx.report(
                cx.diagnostic(r.span, format!("provider {}{region} is created but no resource uses it", query::name_of(r)))
                    .with_help("pass it in the resource options of the resources meant for its region, or remove it"),
            );
        }
    }
}

/// The explicit AWS providers (created once, unconditionally) that no resource, component or
/// invoke uses; empty when some provider option is unknown.
pub fn unused_providers(p: &Program) -> Vec<ResourceId> {
    let unknown_use = p.resources.iter().any(|r| r.provider == ProviderUse::Unknown || r.options.get("*").is_some())
        || p.invokes.iter().any(|i| i.provider == ProviderUse::Unknown || i.options.get("*").is_some());
    // A program file that does not parse may be the code that uses it.
    let unparsed = p.notes.iter().any(|n| n.kind == NoteKind::SyntaxError);
    if unknown_use || unparsed {
        return Vec::new();
    }
    let mut used: Vec<ResourceId> = Vec::new();
    for r in &p.resources {
        used.extend(r.provider.provider());
        used.extend(r.args.iter().flat_map(|a| query::referenced(&a.value)));
        used.extend(r.options.props.iter().flat_map(|o| query::referenced(&o.value)));
    }
    for i in &p.invokes {
        used.extend(i.provider.provider());
        used.extend(i.options.props.iter().flat_map(|o| query::referenced(&o.value)));
    }
    p.providers()
        .filter(|(id, r)| r.token == AWS_PROVIDER && r.multiplicity != Multiplicity::Many && !r.conditional && !used.contains(id))
        .map(|(id, _)| id)
        .collect()
}
