//! OUT010 no-stack-outputs: an entry module that builds a component and exports nothing.

use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{ExportScope, Program, ResourceKind, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a program whose entry module constructs one of the program's components but which
    /// exports no stack output anywhere (`pulumi.export(...)` in Python, `export const ...` from
    /// the entry module in TypeScript).
    ///
    /// ## Why is this bad?
    /// The stack then has no outputs: the endpoints, names and ARNs the component creates cannot
    /// be read with `pulumi stack output`, by other stacks through a `StackReference`, or by the
    /// integration tests and scripts that deploy it. A component's attributes and
    /// `register_outputs` do not become stack outputs on their own.
    ///
    /// ## Example
    /// ```python
    /// from lib.tap_stack import TapStack, TapStackArgs
    /// TapStack("tap", TapStackArgs(environment_suffix=suffix))
    /// ```
    /// ```typescript
    /// import { TapStack } from "../lib/tap-stack";
    /// new TapStack("tap", { environmentSuffix });
    /// ```
    ///
    /// ## Use instead
    /// Keep the component and export what callers need: `stack = TapStack(...)`,
    /// `pulumi.export("api_url", stack.api_url)` / `export const apiUrl = stack.apiUrl;`.
    pub NoStackOutputs { code: "OUT010", name: "no-stack-outputs", family: Out, severity: Info, status: Stable,
        summary: "the entry module builds a component but the program exports no stack outputs" }
}

impl Rule for NoStackOutputs {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let Some(entry) = p.entry_module else { return };
        if p.exports.iter().any(|e| e.scope != ExportScope::Component) {
            return;
        }
        let Some(component) = p.resources.iter().find(|r| r.kind == ResourceKind::Component && r.span.file == entry && r.created_by.is_none()) else {
            return;
        };
        cx.report(
            cx.diagnostic(component.callee_span, format!("the program exports no stack outputs: nothing {} creates can be read with `pulumi stack output`", query::name_of(component)))
                .with_help("export the values callers need from the entry module"),
        );
    }
}
