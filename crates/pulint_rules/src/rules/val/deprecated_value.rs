//! VAL007 deprecated-value: an enum value the SDK marks deprecated, such as a Lambda runtime AWS
//! no longer supports.

use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta, ValueKind};
use pulint_schema::{Schema, Ty};

declare_rule! {
    /// ## What it does
    /// Flags an argument set to a value that pulumi-aws marks deprecated in its enums: Lambda
    /// runtimes that AWS has retired or is retiring (`python3.8`, `nodejs16.x`, `go1.x`, ...).
    ///
    /// ## Why is this bad?
    /// AWS blocks creating functions on a deprecated runtime after its deprecation date and,
    /// later, updating them; `pulumi up` fails with "The runtime parameter ... is no longer
    /// supported". Security patches stop at deprecation.
    ///
    /// ## Example
    /// ```python
    /// aws.lambda_.Function("fn", runtime="python3.8", role=role.arn, handler="index.handler")
    /// ```
    /// ```typescript
    /// new aws.lambda.Function("fn", { runtime: "nodejs16.x", role: role.arn, handler: "index.handler" });
    /// ```
    ///
    /// ## Use instead
    /// A supported runtime: `python3.12`, `nodejs20.x`, `provided.al2023`.
    pub DeprecatedValue { code: "VAL007", name: "deprecated-value", family: Val, severity: Warning, status: Stable,
        summary: "an argument value the SDK marks deprecated, such as a retired Lambda runtime" }
}

impl Rule for DeprecatedValue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let schema = Schema::aws();
        for (_, r) in crate::query::created(p) {
            let Some(rs) = schema.resource(&r.token) else { continue };
            for a in &r.args {
                let Some(prop) = rs.input(&a.key.canonical) else { continue };
                let ValueKind::String(value) = &p.resolve(&a.value).kind else { continue };
                for t in prop.ty.alternatives() {
                    if let Ty::Enum(key) = t
                        && schema.enum_value_deprecated(key, value)
                    {
                        cx.report(
                            cx.diagnostic(a.value.span, format!("`{}` `{value}` is deprecated", a.key.written))
                                .with_help("choose a supported value (for Lambda: a current runtime such as `python3.12` or `nodejs20.x`)"),
                        );
                    }
                }
            }
        }
    }
}
