//! OPS016 key-overridden-by-spread: an explicit dict key replaced by a later spread that always
//! holds the same key.

use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Observation, Program, RuleMeta, Span};

declare_rule! {
    /// ## What it does
    /// Flags a key written in a dict or object literal (a tag such as `"Environment": "dev"`)
    /// that a later `**spread` / `...spread` in the same literal replaces, because the spread
    /// value is known to hold that key.
    ///
    /// ## Why is this bad?
    /// Later entries win, so the explicit value never applies: resources are tagged with the
    /// shared value (`Environment: prod` on the dev VPC) and cost reports, policies and
    /// automation keyed on the tag see the wrong environment.
    ///
    /// ## Example
    /// ```python
    /// base_tags = {"Environment": env, "Project": "shop"}
    /// aws.ec2.Vpc("dev", cidr_block="10.1.0.0/16", tags={"Environment": "dev", **base_tags})
    /// ```
    /// ```typescript
    /// const baseTags = { Environment: env, Project: "shop" };
    /// new aws.ec2.Vpc("dev", { cidrBlock: "10.1.0.0/16", tags: { Environment: "dev", ...baseTags } });
    /// ```
    ///
    /// ## Use instead
    /// Spread first and write the specific keys after it: `{**base_tags, "Environment": "dev"}`.
    pub KeyOverriddenBySpread { code: "OPS016", name: "key-overridden-by-spread", family: Ops, severity: Warning, status: Stable,
        summary: "an explicit key is replaced by a later spread holding the same key" }
}

impl Rule for KeyOverriddenBySpread {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let mut seen: Vec<Span> = Vec::new();
        for o in &p.observations {
            let Observation::KeyOverriddenBySpread { key, written, spread } = o else { continue };
            if seen.contains(written) {
                continue;
            }
            seen.push(*written);
            cx.report(
                cx.diagnostic(*written, format!("`{key}` is replaced by the later spread, which holds the same key, so this value never applies"))
                    .with_label(*spread, "this spread sets the key again")
                    .with_help("spread first and write the specific keys after it"),
            );
        }
    }
}
