//! VAL018 user-data-not-encoded: a launch template's user data written as plain text.

use super::args::{python, spelled, written_out};
use crate::query::{contains, created_of, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{InterpKind, Program, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.ec2.LaunchTemplate` whose `userData` (`user_data`) is text pulint can read
    /// and that cannot be base64: a script (`#!/bin/bash ...`), cloud-config or MIME document
    /// passed as it is. Values pulint cannot follow, and values converted by a call
    /// (`Buffer.from(s).toString("base64")`, `base64.b64encode(...)`), are left alone.
    ///
    /// ## Why is this bad?
    /// Unlike `aws.ec2.Instance`, a launch template takes its user data already base64-encoded;
    /// the provider refuses text that is not valid base64, so the template, and every Auto Scaling
    /// group or node group launched from it, fails to deploy.
    ///
    /// ## Example
    /// ```python
    /// aws.ec2.LaunchTemplate("web", image_id=ami, instance_type="t3.micro",
    ///     user_data="#!/bin/bash\nyum install -y nginx\n")
    /// ```
    /// ```typescript
    /// new aws.ec2.LaunchTemplate("web", { imageId: ami, instanceType: "t3.micro",
    ///     userData: "#!/bin/bash\nyum install -y nginx\n" });
    /// ```
    ///
    /// ## Use instead
    /// Encode the script: `user_data=base64.b64encode(script.encode()).decode()` /
    /// `userData: Buffer.from(script).toString("base64")` (inside an `apply` when the script
    /// contains Outputs).
    pub UserDataNotEncoded { code: "VAL018", name: "user-data-not-encoded", family: Val, severity: Error, status: Stable,
        summary: "a launch template's user data is not base64-encoded" }
}

impl Rule for UserDataNotEncoded {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // EC2 API reference, RequestLaunchTemplateData.UserData: must be base64-encoded.
        for (_, r) in created_of(p, "aws:ec2/launchTemplate:LaunchTemplate") {
            let Some(prop) = r.prop("userData") else { continue };
            if !written_out(p, r) || !plain_text(p, &prop.value, 0) {
                continue;
            }
            let at = if contains(r.span, prop.value.span) { prop.value.span } else { prop.key.span };
            let name = spelled("userData", python(p, r.span));
            cx.report(
                cx.diagnostic(at, format!("`{name}` of launch template {} is plain text, not base64", name_of(r)))
                    .with_help("base64-encode it (`base64.b64encode(script.encode()).decode()` / `Buffer.from(script).toString(\"base64\")`)"),
            );
        }
    }
}

/// True when the value's known text has a character base64 never contains. Text produced by a
/// conversion (`toString`, `str`) is not judged: the conversion may be the encoding.
fn plain_text(p: &Program, v: &Value, depth: u32) -> bool {
    if depth > 8 {
        return false;
    }
    match &p.resolve(v).kind {
        ValueKind::String(s) => !is_base64_text(s),
        ValueKind::Interp { kind, parts } if *kind != InterpKind::ToString => parts.iter().any(|part| match &p.resolve(part).kind {
            ValueKind::String(s) => !is_base64_text(s),
            _ => false,
        }),
        // An apply returning the script itself (`.apply(id => \`#!/bin/bash ...\`)`).
        ValueKind::Apply { result, .. } => plain_text(p, result, depth + 1),
        _ => false,
    }
}

/// Whether text could be (part of) base64: its alphabet, padding and line breaks only.
fn is_base64_text(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '\n' | '\r' | ' ' | '\t'))
}
