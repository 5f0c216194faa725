//! VAL006 unknown-attribute: reading an output attribute a resource does not have.

use crate::{declare_rule, Ctx, Rule};
use pulint_model::{PathElem, Program, RuleMeta, Value, ValueKind};
use pulint_schema::{Schema, closest};

declare_rule! {
    /// ## What it does
    /// Flags `resource.attribute` reads where the resource's type has no such output attribute in
    /// the pulumi-aws schema, with the closest real name.
    ///
    /// ## Why is this bad?
    /// Python raises `AttributeError` while the program runs; TypeScript does not compile. The
    /// attribute is often one of another resource or of CloudFormation (`RestApi.api_endpoint`,
    /// `ReplicationGroup.cache_nodes`).
    ///
    /// ## Example
    /// ```python
    /// pulumi.export("url", api.api_endpoint)  # api is an aws.apigateway.RestApi
    /// ```
    /// ```typescript
    /// export const url = api.apiEndpoint;
    /// ```
    ///
    /// ## Use instead
    /// An attribute the type has (`aws.apigateway.Stage` has `invoke_url`).
    pub UnknownAttribute { code: "VAL006", name: "unknown-attribute", family: Val, severity: Error, status: Stable,
        summary: "an output attribute the resource does not have" }
}

impl Rule for UnknownAttribute {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let schema = Schema::aws();
        let mut seen = std::collections::HashSet::new();
        let mut visit = |v: &Value, cx: &mut Ctx| {
            v.walk(&mut |x| {
                let ValueKind::Attr { resource, path } = &x.kind else { return };
                let Some(PathElem::Attr(attr)) = path.first() else { return };
                let r = p.resource(*resource);
                let Some(rs) = schema.resource(&r.token) else { return };
                if rs.has_output(attr) || !seen.insert((x.span.file, x.span.start)) {
                    return;
                }
                let owner = pulint_model::token::display(&r.token);
                let help = match closest(attr, rs.outputs().iter().map(String::as_str)) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => "use an attribute the resource type has".into(),
                };
                cx.report(cx.diagnostic(x.span, format!("{owner} has no attribute `{attr}`")).with_help(help));
            });
        };
        for r in &p.resources {
            for a in r.args.iter().chain(r.options.props.iter()) {
                visit(&a.value, cx);
            }
        }
        for e in &p.exports {
            visit(&e.value, cx);
        }
    }
}
