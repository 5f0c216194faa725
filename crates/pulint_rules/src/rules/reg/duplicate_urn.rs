//! REG004 duplicate-urn: two resources of one type registered under one logical name.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Multiplicity, Program, ResourceKind, RuleMeta};
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags a resource whose type, logical name and parent type equal those of another resource
    /// of the same file, and a resource with a fixed logical name created in a loop.
    ///
    /// ## Why is this bad?
    /// Pulumi identifies resources by URN (stack, project, parent type, type, name). Two
    /// registrations with one URN stop `pulumi preview` with "Duplicate resource URN".
    ///
    /// ## Example
    /// ```python
    /// for region in ["us-east-1", "us-west-2"]:
    ///     aws.Provider("aws", region=region)
    /// ```
    /// ```typescript
    /// for (const region of ["us-east-1", "us-west-2"]) {
    ///     new aws.Provider("aws", { region });
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Put what varies into the name: `aws.Provider(f"aws-{region}", region=region)`.
    pub DuplicateUrn { code: "REG004", name: "duplicate-urn", family: Reg, severity: Error, status: Stable,
        summary: "two resources share a type and logical name" }
}

impl Rule for DuplicateUrn {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let mut first: HashMap<(String, String, String), usize> = HashMap::new();
        for (i, r) in p.resources.iter().enumerate() {
            if r.kind == ResourceKind::Read || r.conditional || r.in_apply || p.superseded_files.contains(&r.span.file) {
                continue;
            }
            let Some(name) = r.logical_name() else { continue };
            let parent = r.parent.map(|id| p.resource(id).token.clone()).unwrap_or_default();
            if r.multiplicity == Multiplicity::Many {
                cx.report(
                    cx.diagnostic(r.name.span, format!("{} is created in a loop under the fixed name `{name}`", query::name_of(r)))
                        .with_help("put the loop variable into the logical name"),
                );
                continue;
            }
            // Within one file and one run of top-level code: a document may show one snippet twice
            // in separate blocks, or a draft and a final entry file that both call one helper.
            let key = (r.token.clone(), format!("{name}\u{0}{}\u{0}{}", r.span.file.0, r.root.0), parent);
            match first.get(&key) {
                Some(&j) => {
                    let other = &p.resources[j];
                    cx.report(
                        cx.diagnostic(query::anchor(r.name.span, r.span), format!("`{}` named `{name}` is registered twice", pulint_model::token::display(&r.token)))
                            .with_label(other.span, "first registered here")
                            .with_help("give each resource a unique logical name"),
                    );
                }
                None => {
                    first.insert(key, i);
                }
            }
        }
    }
}
