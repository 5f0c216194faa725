//! OUT012 attribute-before-assignment: `self.x` / `this.x` read before the program assigns it.

use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Observation, Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a read of an attribute of the program's own class (`self.target_group`,
    /// `this.bucket`) that happens, in the order the program runs, before the assignment that
    /// sets it: typically a constructor calling `_create_asg()` before `_create_target_group()`.
    ///
    /// ## Why is this bad?
    /// Python raises `AttributeError` and the whole program stops during `pulumi preview`.
    /// TypeScript reads `undefined` and passes it on silently: the resource is created without
    /// the argument, or the call fails later with a confusing error.
    ///
    /// ## Example
    /// ```python
    /// class Web:
    ///     def __init__(self):
    ///         self.asg = aws.autoscaling.Group("web", target_group_arns=[self.tg.arn], max_size=2, min_size=1)
    ///         self.tg = aws.lb.TargetGroup("web", port=80, protocol="HTTP", vpc_id=vpc_id)
    /// ```
    /// ```typescript
    /// class Web {
    ///     constructor() {
    ///         this.asg = new aws.autoscaling.Group("web", { targetGroupArns: [this.tg.arn], maxSize: 2, minSize: 1 });
    ///         this.tg = new aws.lb.TargetGroup("web", { port: 80, protocol: "HTTP", vpcId });
    ///     }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// Create what is read first: reorder the assignments or the helper calls in the
    /// constructor.
    pub AttributeBeforeAssignment { code: "OUT012", name: "attribute-before-assignment", family: Out, severity: Error, status: Stable,
        summary: "an attribute of the program's own object is read before it is assigned" }
}

impl Rule for AttributeBeforeAssignment {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for o in &p.observations {
            let Observation::AttributeBeforeAssignment { attribute, read, assigned } = o else { continue };
            cx.report(
                cx.diagnostic(*read, format!("`{attribute}` is read here before it is assigned"))
                    .with_label(*assigned, "assigned only later")
                    .with_help("create or assign it before the code that reads it runs"),
            );
        }
    }
}
