//! VAL029 deprecated-codebuild-image: a CodeBuild project on a curated image AWS has deprecated.

use crate::query::{anchor, created_of, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.codebuild.Project` whose `environment.image` is one of the CodeBuild curated
    /// images AWS has deprecated: `aws/codebuild/standard:1.0` to `4.0`,
    /// `aws/codebuild/amazonlinux2-x86_64-standard:1.0` to `3.0`,
    /// `aws/codebuild/amazonlinux2-aarch64-standard:1.0` and `aws/codebuild/ubuntu-base:14.04`.
    ///
    /// ## Why is this bad?
    /// CodeBuild no longer updates or caches deprecated images: they get no security patches,
    /// carry end-of-life runtimes (the buildspec's `runtime-versions` of a newer image fail on
    /// them), and every build first downloads the image, which makes provisioning slow.
    ///
    /// ## Example
    /// ```python
    /// aws.codebuild.Project("build", ..., environment={"compute_type": "BUILD_GENERAL1_SMALL",
    ///     "type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:4.0"})
    /// ```
    /// ```typescript
    /// new aws.codebuild.Project("build", { ..., environment: { computeType: "BUILD_GENERAL1_SMALL",
    ///     type: "LINUX_CONTAINER", image: "aws/codebuild/standard:4.0" } });
    /// ```
    ///
    /// ## Use instead
    /// A current image: `aws/codebuild/standard:7.0` or
    /// `aws/codebuild/amazonlinux2-x86_64-standard:5.0`.
    pub DeprecatedCodebuildImage { code: "VAL029", name: "deprecated-codebuild-image", family: Val, severity: Warning, status: Stable,
        summary: "a CodeBuild project uses a deprecated curated image" }
}

// Source: AWS CodeBuild User Guide, "Docker images provided by CodeBuild" > "Deprecated
// CodeBuild images" (standard:3.0/4.0, amazonlinux2-x86_64-standard:2.0/3.0,
// amazonlinux2-aarch64-standard:1.0), and the older majors those replaced.
const DEPRECATED: &[(&str, &str)] = &[
    ("aws/codebuild/standard:1.0", "aws/codebuild/standard:7.0"),
    ("aws/codebuild/standard:2.0", "aws/codebuild/standard:7.0"),
    ("aws/codebuild/standard:3.0", "aws/codebuild/standard:7.0"),
    ("aws/codebuild/standard:4.0", "aws/codebuild/standard:7.0"),
    ("aws/codebuild/amazonlinux2-x86_64-standard:1.0", "aws/codebuild/amazonlinux2-x86_64-standard:5.0"),
    ("aws/codebuild/amazonlinux2-x86_64-standard:2.0", "aws/codebuild/amazonlinux2-x86_64-standard:5.0"),
    ("aws/codebuild/amazonlinux2-x86_64-standard:3.0", "aws/codebuild/amazonlinux2-x86_64-standard:5.0"),
    ("aws/codebuild/amazonlinux2-aarch64-standard:1.0", "aws/codebuild/amazonlinux2-aarch64-standard:3.0"),
    ("aws/codebuild/ubuntu-base:14.04", "aws/codebuild/standard:7.0"),
];

impl Rule for DeprecatedCodebuildImage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created_of(p, "aws:codebuild/project:Project") {
            let Some(env) = r.arg("environment") else { continue };
            let Some(v) = p.resolve(env).get("image") else { continue };
            let Some(image) = p.str_of(v) else { continue };
            // A pinned build of a major (`standard:4.0-21.04.23`) is that major.
            let Some((_, current)) = DEPRECATED.iter().find(|(d, _)| image == *d || image.strip_prefix(d).is_some_and(|rest| rest.starts_with('-'))) else {
                continue;
            };
            cx.report(
                cx.diagnostic(anchor(v.span, r.span), format!("project {} builds on `{image}`, a CodeBuild image AWS has deprecated", name_of(r)))
                    .with_help(format!("use a supported image such as `{current}`")),
            );
        }
    }
}
