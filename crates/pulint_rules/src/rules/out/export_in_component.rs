//! OUT009 export-in-component: a stack output written from inside a component.

use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags `pulumi.export(...)` called while a ComponentResource's constructor or one of its
    /// methods runs.
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
    pub ExportInComponent { code: "OUT009", name: "export-in-component", family: Out, severity: Warning, status: Preview,
        summary: "a stack output is exported from inside a component" }
}

impl Rule for ExportInComponent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for e in &p.exports {
            let Some(component) = e.created_by else { continue };
            let c = p.resource(component);
            let class = match c.component {
                Some(k) => format!("`{}`", p.components[k.index()].class_name),
                None => query::name_of(c),
            };
            cx.report(
                cx.diagnostic(e.span, format!("stack output `{}` is exported inside component {class}", e.name))
                    .with_label(c.span, "component constructed here")
                    .with_help("keep the value as a component attribute and export it from the entry module"),
            );
        }
    }
}
