//! VAL004 missing-required: a required argument is absent.

use super::args::Issue;
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a resource, or a nested block of one, created without an argument the pulumi-aws
    /// schema marks required. Calls whose arguments pulint cannot all see (`**kwargs`, spreads)
    /// and resources adopted with `import` are skipped.
    ///
    /// ## Why is this bad?
    /// The SDK raises "Missing required property" (Python `TypeError`, a thrown error in Node)
    /// or TypeScript does not compile; nothing of the stack deploys.
    ///
    /// ## Example
    /// ```python
    /// aws.ec2.SecurityGroupRule("ssh", type="ingress", protocol="tcp", security_group_id=sg.id)
    /// ```
    /// ```typescript
    /// new aws.ec2.SecurityGroupRule("ssh", { type: "ingress", protocol: "tcp", securityGroupId: sg.id });
    /// ```
    ///
    /// ## Use instead
    /// Give the required arguments (`from_port` and `to_port` here).
    pub MissingRequired { code: "VAL004", name: "missing-required-argument", family: Val, severity: Error, status: Stable,
        summary: "a required argument is missing" }
}

impl Rule for MissingRequired {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _: &Program, cx: &mut Ctx) {
        for issue in cx.facts().argument_issues() {
            {
                let Issue::Missing { at, owner, name } = issue else { continue };
                cx.report(cx.diagnostic(*at, format!("{owner} needs `{name}`")).with_help(format!("give `{name}`")));
            }
        }
    }
}
