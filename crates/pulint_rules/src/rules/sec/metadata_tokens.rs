//! SEC022 metadata-tokens-optional: an instance or launch template that explicitly allows IMDSv1.

use crate::query::{anchor, created, name_of};
use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an EC2 instance, launch template or launch configuration whose `metadataOptions`
    /// set `httpTokens` to `"optional"` while the metadata endpoint stays on.
    ///
    /// ## Why is this bad?
    /// `"optional"` keeps the version 1 instance metadata service, which answers plain GET
    /// requests without a session token. A server-side request forgery in any application on
    /// the instance can then read the instance role's temporary credentials. IMDSv2
    /// (`"required"`) needs a PUT to get a token first, which such requests cannot make.
    ///
    /// ## Example
    /// ```python
    /// aws.ec2.Instance("web", ami=ami, instance_type="t3.micro",
    ///     metadata_options={"http_endpoint": "enabled", "http_tokens": "optional"})
    /// ```
    /// ```typescript
    /// new aws.ec2.Instance("web", { ami, instanceType: "t3.micro",
    ///     metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional" } });
    /// ```
    ///
    /// ## Use instead
    /// `http_tokens="required"` / `httpTokens: "required"`.
    pub MetadataTokensOptional { code: "SEC022", name: "metadata-tokens-optional", family: Sec, severity: Warning, status: Stable,
        summary: "an instance allows the version 1 metadata service" }
}

const COMPUTE: &[&str] = &["aws:ec2/instance:Instance", "aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/launchConfiguration:LaunchConfiguration"];

impl Rule for MetadataTokensOptional {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created(p) {
            if !COMPUTE.contains(&r.token.as_str()) {
                continue;
            }
            let Some(opts) = r.arg("metadataOptions").map(|v| p.resolve(v)) else { continue };
            let Some(tokens) = opts.get("httpTokens") else { continue };
            let endpoint_off = opts.get("httpEndpoint").and_then(|v| p.str_of(v)) == Some("disabled");
            if p.str_of(tokens) == Some("optional") && !endpoint_off {
                cx.report(
                    cx.diagnostic(anchor(tokens.span, r.span), format!("{} allows IMDSv1: instance credentials can be read without a session token", name_of(r)))
                        .with_help("set `http_tokens=\"required\"` / `httpTokens: \"required\"`"),
                );
            }
        }
    }
}
