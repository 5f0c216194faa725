//! OUT007 resource-in-apply: a resource constructed inside an `apply` callback.

use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Program, ResourceKind, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a resource (or component) constructed inside an `apply` callback.
    ///
    /// ## Why is this bad?
    /// The callback runs only once the Output has a value: during `pulumi preview` of a new
    /// stack it does not run at all, so the preview does not show the resource, and what
    /// `pulumi up` then creates was never reviewed. Its name and count depend on runtime values,
    /// which makes replacements and duplicates easy, and nothing can depend on it.
    ///
    /// ## Example
    /// ```python
    /// cluster.endpoint.apply(lambda ep: aws.ssm.Parameter("endpoint", type="String", value=ep))
    /// ```
    /// ```typescript
    /// cluster.endpoint.apply(ep => new aws.ssm.Parameter("endpoint", { type: "String", value: ep }));
    /// ```
    ///
    /// ## Use instead
    /// Create the resource at the top level and pass the Output as an argument:
    /// `aws.ssm.Parameter("endpoint", type="String", value=cluster.endpoint)`.
    pub ResourceInApply { code: "OUT007", name: "resource-in-apply", family: Out, severity: Warning, status: Stable,
        summary: "a resource is created inside an apply callback" }
}

impl Rule for ResourceInApply {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for r in &p.resources {
            if !r.in_apply || !matches!(r.kind, ResourceKind::Custom | ResourceKind::Component) {
                continue;
            }
            // Only the outermost construction: a component's children follow from it.
            if r.created_by.is_some_and(|c| p.resource(c).in_apply) {
                continue;
            }
            cx.report(
                cx.diagnostic(
                    r.span,
                    format!(
                        "{} is created inside an `apply` callback, invisible to `pulumi preview`",
                        query::name_of(r)
                    ),
                )
                .with_help(
                    "create the resource outside the callback and pass the Output as an argument",
                ),
            );
        }
    }
}
