//! OUT009 export-in-component: a stack output written from inside a component or library module.

use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Export, ExportScope, FileId, Program, ResourceId, RuleMeta, Span};

declare_rule! {
    /// ## What it does
    /// Flags `pulumi.export(...)` called while a ComponentResource's constructor or one of its
    /// methods runs, or anywhere in a module other than the program's entry module (library
    /// code). One finding per component instance or library file.
    ///
    /// ## Why is this bad?
    /// Stack outputs belong to the program, not to a reusable component. An export written inside
    /// a component is keyed by a fixed name, so a second instance of the component silently
    /// replaces the first instance's outputs; the component's own outputs (its attributes and
    /// `register_outputs`) do not carry the value; and unit tests that construct the component
    /// under mocks write stack outputs they never asked for. TypeScript has no such call: only
    /// the entry module's exports are stack outputs.
    ///
    /// ## Example
    /// ```python
    /// class Network(pulumi.ComponentResource):
    ///     def __init__(self, name, opts=None):
    ///         super().__init__("acme:net:Network", name, None, opts)
    ///         self.vpc = aws.ec2.Vpc(f"{name}-vpc", cidr_block="10.0.0.0/16", opts=pulumi.ResourceOptions(parent=self))
    ///         pulumi.export("vpc_id", self.vpc.id)
    /// ```
    /// ```typescript
    /// // No TypeScript form: `export const vpcId = ...` is a stack output only in the entry module.
    /// ```
    ///
    /// ## Use instead
    /// Keep the value as an attribute of the component (`self.vpc_id = self.vpc.id`), pass it
    /// to `register_outputs`, and export it from the program's entry module:
    /// `pulumi.export("vpc_id", network.vpc_id)`.
    pub ExportInComponent { code: "OUT009", name: "export-in-component", family: Out, severity: Warning, status: Stable,
        summary: "a stack output is exported from inside a component or library module" }
}

impl Rule for ExportInComponent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // One finding per component instance or library file, at its first export.
        let mut groups: Vec<(Owner, Vec<&Export>)> = Vec::new();
        for e in &p.exports {
            let owner = match (e.created_by, e.scope) {
                (_, ExportScope::Component) => continue,
                (Some(c), _) => Owner::Component(c),
                (None, ExportScope::Library) => Owner::File(e.span.file),
                _ => continue,
            };
            match groups.iter_mut().find(|(o, _)| *o == owner) {
                Some((_, es)) => es.push(e),
                None => groups.push((owner, vec![e])),
            }
        }
        for (owner, exports) in groups {
            let first = exports[0];
            let at = block(p, &exports);
            let what = match exports.len() {
                1 => format!("stack output `{}` is", first.name),
                n => format!("{n} stack outputs (`{}`, ...) are", first.name),
            };
            let d = match owner {
                Owner::Component(c) => {
                    let r = p.resource(c);
                    let class = match r.component {
                        Some(k) => format!("`{}`", p.components[k.index()].class_name),
                        None => query::name_of(r),
                    };
                    cx.diagnostic(at, format!("{what} exported inside component {class}")).with_label(r.span, "component constructed here")
                }
                Owner::File(_) => cx.diagnostic(at, format!("{what} exported from library code, not from the entry module")),
            };
            cx.report(d.with_help("keep the values as component attributes or return values and export them from the entry module"));
        }
    }
}

/// Where a group of exports is written: the whole run of export statements when they sit
/// together in one file (the usual block at the end of a constructor), else the first one.
fn block(p: &Program, exports: &[&Export]) -> Span {
    let first = exports[0].span;
    let last = exports.iter().map(|e| e.span).filter(|s| s.file == first.file).max_by_key(|s| s.end).unwrap_or(first);
    let text = p.sources.get(first.file).text.get(first.start as usize..last.end as usize).unwrap_or("");
    if exports.iter().all(|e| e.span.file == first.file) && last.start >= first.start && text.lines().count() <= 30 {
        Span::new(first.file, first.start, last.end)
    } else {
        first
    }
}

/// Who wrote a group of exports.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    Component(ResourceId),
    File(FileId),
}
