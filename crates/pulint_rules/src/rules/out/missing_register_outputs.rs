//! OUT003 missing-register-outputs: a ComponentResource class that never registers its outputs.

use super::in_comment;
use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Program, RuleMeta, Span};

declare_rule! {
    /// ## What it does
    /// Flags a ComponentResource class whose code never calls `register_outputs` /
    /// `registerOutputs`.
    ///
    /// ## Why is this bad?
    /// `registerOutputs` tells the engine that the component has finished constructing and
    /// records its outputs in the state. Without it the component stays "creating" until the
    /// whole program ends, its outputs are missing from the state, and tools that read the
    /// resource tree (`pulumi stack --show-urns`, policy packs) see an incomplete component.
    ///
    /// ## Example
    /// ```python
    /// class Network(pulumi.ComponentResource):
    ///     def __init__(self, name, opts=None):
    ///         super().__init__("acme:net:Network", name, None, opts)
    ///         self.vpc = aws.ec2.Vpc(f"{name}-vpc", cidr_block="10.0.0.0/16", opts=pulumi.ResourceOptions(parent=self))
    /// ```
    /// ```typescript
    /// class Network extends pulumi.ComponentResource {
    ///     constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    ///         super("acme:net:Network", name, {}, opts);
    ///         this.vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: "10.0.0.0/16" }, { parent: this });
    ///     }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// End the constructor with `self.register_outputs({"vpc_id": self.vpc.id})` /
    /// `this.registerOutputs({ vpcId: this.vpc.id })` (an empty object when there is nothing to
    /// publish).
    pub MissingRegisterOutputs { code: "OUT003", name: "missing-register-outputs", family: Out, severity: Info, status: Stable,
        summary: "a component never calls registerOutputs" }
}

impl Rule for MissingRegisterOutputs {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for c in &p.components {
            if c.registers_outputs {
                continue;
            }
            // A call written in the class but not evaluated (an arm pulint did not take) counts.
            if calls_register_outputs(p, c.span) {
                continue;
            }
            cx.report(
                cx.diagnostic(c.span, format!("component `{}` never calls `register_outputs` / `registerOutputs`", c.class_name))
                    .with_help("end the constructor with `self.register_outputs({...})` / `this.registerOutputs({...})`"),
            );
        }
    }
}

/// A call written anywhere in the class (outside comments), evaluated or not.
fn calls_register_outputs(p: &Program, span: Span) -> bool {
    let text = &p.sources.get(span.file).text;
    let body = text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("");
    body.lines().any(|l| {
        !in_comment(l) && (l.contains("register_outputs(") || l.contains("registerOutputs("))
    })
}
