//! OUT006 namespaced-config-default: a provider-namespaced key given a `default` in Pulumi.yaml.

use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags a key of another namespace (`aws:region`, `gcp:project`) declared in the `config:`
    /// section of the project file `Pulumi.yaml` with a `default:`.
    ///
    /// ## Why is this bad?
    /// Only the project's own keys carry a type schema, and a default is part of that schema.
    /// The Pulumi CLI refuses to load the project ("Configuration key 'aws:region' is not
    /// namespaced by the project and should not define a default value"): every command fails,
    /// `pulumi preview` included.
    ///
    /// ## Example
    /// ```python
    /// # Pulumi.yaml
    /// # config:
    /// #   aws:region:
    /// #     default: us-east-1
    /// ```
    /// ```typescript
    /// // Pulumi.yaml
    /// // config:
    /// //   aws:region:
    /// //     default: us-east-1
    /// ```
    ///
    /// ## Use instead
    /// `aws:region: { value: us-east-1 }` (or `aws:region: us-east-1`) in Pulumi.yaml, or set it
    /// per stack in `Pulumi.<stack>.yaml`.
    pub NamespacedConfigDefault { code: "OUT006", name: "namespaced-config-default", family: Out, severity: Error, status: Stable,
        summary: "a provider-namespaced config key has a default in Pulumi.yaml" }
}

impl Rule for NamespacedConfigDefault {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (key, span) in &p.stack.project_defaults {
            let Some((ns, _)) = key.split_once(':') else {
                continue;
            };
            if Some(ns) == p.stack.project.as_deref() {
                continue;
            }
            cx.report(
                cx.diagnostic(*span, format!("`{key}` is not namespaced by the project, and Pulumi rejects a `default` for it"))
                    .with_help("use `value:` instead of `default:`, or set the key in the stack's configuration file"),
            );
        }
    }
}
