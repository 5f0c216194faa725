//! OUT004 missing-parent: a resource created in a component's class without `parent`.

use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Program, ResourceKind, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a resource constructed in the code of a ComponentResource class, while that
    /// component is being built, that passes no `parent` option.
    ///
    /// ## Why is this bad?
    /// The resource is registered at the top of the stack instead of under the component: it
    /// does not inherit the component's provider, aliases or protection, it is not deleted with
    /// the component, and two instances of the component collide or misreport in
    /// `pulumi preview`.
    ///
    /// ## Example
    /// ```python
    /// class Web(pulumi.ComponentResource):
    ///     def __init__(self, name, opts=None):
    ///         super().__init__("acme:web:Web", name, None, opts)
    ///         self.bucket = aws.s3.Bucket(f"{name}-assets")
    /// ```
    /// ```typescript
    /// class Web extends pulumi.ComponentResource {
    ///     constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    ///         super("acme:web:Web", name, {}, opts);
    ///         this.bucket = new aws.s3.Bucket(`${name}-assets`);
    ///     }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// `opts=pulumi.ResourceOptions(parent=self)` / `{ parent: this }` on every child resource.
    pub MissingParent { code: "OUT004", name: "missing-parent", family: Out, severity: Info, status: Stable,
        summary: "a resource created inside a component has no parent" }
}

impl Rule for MissingParent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created(p) {
            if r.parent.is_some() || r.options.get("parent").is_some() || r.in_apply {
                continue;
            }
            // An unknown options object (`opts=opts`, `...opts`) may carry the parent.
            if r.options
                .props
                .iter()
                .any(|o| matches!(o.key.canonical.as_str(), "*" | "**"))
            {
                continue;
            }
            let Some(owner) = r.created_by.map(|c| p.resource(c)) else {
                continue;
            };
            if owner.kind != ResourceKind::Component {
                continue;
            }
            let Some(class) = owner.component.map(|c| &p.components[c.index()]) else {
                continue;
            };
            // Written in the class itself: `self` / `this` is at hand.
            if !crate::query::contains(class.span, r.span) {
                continue;
            }
            cx.report(
                cx.diagnostic(
                    r.span,
                    format!(
                        "{} is created inside component `{}` without `parent`",
                        query::name_of(r),
                        class.class_name
                    ),
                )
                .with_help("pass `parent=self` / `{ parent: this }` in the resource options"),
            );
        }
    }
}
