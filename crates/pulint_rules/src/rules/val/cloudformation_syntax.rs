//! VAL019 cloudformation-syntax: CloudFormation-only syntax written into a Pulumi argument.

use crate::query::{contains, created, module};
use crate::rules::ops::common::text_of;
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta, Span, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags literal text in a resource argument that only CloudFormation understands: dynamic
    /// references (`{{resolve:secretsmanager:...}}`, `{{resolve:ssm:...}}`), pseudo parameters
    /// (`${AWS::StackName}`, `${AWS::Region}`), intrinsic functions (`Fn::GetAtt`, `!Ref `).
    /// Resources that deploy CloudFormation templates (the `cloudformation` module) and whole
    /// templates written as text or objects are left alone. (A CodePipeline CloudFormation deploy
    /// action is not a template: CodePipeline passes its configuration on as it is.)
    ///
    /// ## Why is this bad?
    /// Pulumi is not CloudFormation: nothing resolves these, so the service receives the text as
    /// it is. A pipeline gets the string `{{resolve:secretsmanager:github-token}}` as its OAuth
    /// token and fails to reach the repository; a boot script runs `cfn-signal --stack
    /// ${AWS::StackName}` against a stack that does not exist. Code copied from a CloudFormation
    /// template looks right and fails at deploy or run time.
    ///
    /// ## Example
    /// ```python
    /// aws.secretsmanager.SecretVersion("token", secret_id=secret.id,
    ///     secret_string="{{resolve:ssm:/github/token}}")
    /// ```
    /// ```typescript
    /// new aws.secretsmanager.SecretVersion("token", { secretId: secret.id,
    ///     secretString: "{{resolve:ssm:/github/token}}" });
    /// ```
    ///
    /// ## Use instead
    /// Pulumi's own means: read secrets with `aws.secretsmanager.getSecretVersionOutput` /
    /// `aws.ssm.getParameterOutput` or stack configuration (`config.require_secret`), the region
    /// and stack from `aws.get_region()` / `pulumi.get_stack()`, attributes from the resource
    /// objects (`bucket.arn`).
    pub CloudformationSyntax { code: "VAL019", name: "cloudformation-syntax", family: Val, severity: Error, status: Stable,
        summary: "CloudFormation-only syntax in a Pulumi argument, passed through as text" }
}

/// CloudFormation template syntax (CloudFormation user guide: dynamic references, pseudo
/// parameters, intrinsic function reference). `Fn::GetArtifactAtt` / `Fn::GetParam` are
/// CodePipeline's own parameter override functions (CodePipeline user guide, "Parameter override
/// functions") and are not listed.
const MARKERS: &[(&str, &str)] = &[
    ("{{resolve:", "a CloudFormation dynamic reference"),
    ("${AWS::", "a CloudFormation pseudo parameter"),
    ("Fn::GetAtt", "a CloudFormation intrinsic function"),
    ("Fn::Sub", "a CloudFormation intrinsic function"),
    ("Fn::Join", "a CloudFormation intrinsic function"),
    ("Fn::ImportValue", "a CloudFormation intrinsic function"),
    ("Fn::If", "a CloudFormation intrinsic function"),
    ("!Ref ", "a CloudFormation intrinsic function"),
    ("!GetAtt ", "a CloudFormation intrinsic function"),
    ("!Sub ", "a CloudFormation intrinsic function"),
];

/// Modules whose resources deploy CloudFormation templates.
const TEMPLATE_MODULES: &[&str] = &["cloudformation", "serverlessrepository"];

impl Rule for CloudformationSyntax {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created(p) {
            if TEMPLATE_MODULES.contains(&module(&r.token)) {
                continue;
            }
            for a in &r.args {
                let mut found = Vec::new();
                scan(p, &a.value, &mut found, 0);
                for (span, marker, what) in found {
                    let at = narrow(p, span, marker);
                    let mut d = cx.diagnostic(at, format!("`{}` is {what}; Pulumi passes it through as plain text", shown(marker)))
                        .with_help("use Pulumi instead: a secret or parameter lookup, stack configuration, or the resource's attributes");
                    if !contains(r.span, span) {
                        d = d.with_label(a.key.span, "used here");
                    }
                    cx.report(d);
                }
            }
        }
    }
}

/// Literal text in `v` holding a marker: the text's span, the marker and what it is. Whole
/// templates (as text or as objects) are skipped.
fn scan(p: &Program, v: &Value, out: &mut Vec<(Span, &'static str, &'static str)>, depth: u32) {
    if depth > 32 {
        return;
    }
    let v = p.resolve(v);
    match &v.kind {
        ValueKind::String(s) => {
            if may_hold_marker(s) && let Some((m, what)) = MARKERS.iter().find(|(m, _)| s.contains(m)) && !template(s) {
                out.push((v.span, m, what));
            }
        }
        ValueKind::Interp { parts, .. } => {
            let before = out.len();
            parts.iter().for_each(|q| scan(p, q, out, depth + 1));
            // Only text holding a marker needs the template check, which reads it all.
            if out.len() > before {
                let text: String = parts.iter().filter_map(|q| p.resolve(q).as_str()).collect();
                if template(&text) {
                    out.truncate(before);
                }
            }
        }
        ValueKind::Object(props) => {
            let template_doc = props.iter().any(|q| matches!(q.key.canonical.as_str(), "AWSTemplateFormatVersion" | "Resources"));
            if !template_doc {
                props.iter().for_each(|q| scan(p, &q.value, out, depth + 1));
            }
        }
        ValueKind::List(items) | ValueKind::All(items) => items.iter().for_each(|i| scan(p, i, out, depth + 1)),
        ValueKind::Json { value, .. } | ValueKind::Secret(value) => scan(p, value, out, depth + 1),
        ValueKind::Apply { inputs, result } => {
            inputs.iter().for_each(|i| scan(p, i, out, depth + 1));
            scan(p, result, out, depth + 1);
        }
        _ => {}
    }
}

/// Whether `s` has what every marker starts with (`{{`, `${`, `::` or `!`): one pass that spares
/// most literals the search for each marker.
fn may_hold_marker(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3_iter(b'{', b':', b'!', b).any(|i| match b[i] {
        b'{' => i > 0 && matches!(b[i - 1], b'{' | b'$'),
        b':' => b.get(i + 1) == Some(&b':'),
        _ => i + 1 < b.len(),
    })
}

/// Text that is a CloudFormation template itself, where the syntax belongs.
fn template(s: &str) -> bool {
    s.contains("AWSTemplateFormatVersion") || s.contains("Resources") && (s.contains("Type: AWS::") || s.contains("\"Type\": \"AWS::") || s.contains("\"Type\":\"AWS::"))
}

/// The marker's place inside a long literal (a script's one line), when its source text shows it.
fn narrow(p: &Program, span: Span, marker: &str) -> Span {
    let needle = marker.trim_start_matches("${");
    let text = text_of(p, span);
    match text.find(needle) {
        Some(i) => {
            // Include a `${` / `\${` written just before the pseudo parameter.
            let back = if marker.starts_with("${") { text[..i].len() - text[..i].trim_end_matches(['$', '{', '\\']).len() } else { 0 };
            let start = span.start + (i - back) as u32;
            Span::new(span.file, start, start + (back + needle.len()) as u32)
        }
        None => span,
    }
}

/// The marker as a message shows it.
fn shown(marker: &str) -> String {
    match marker {
        "{{resolve:" => "{{resolve:...}}".to_string(),
        "${AWS::" => "${AWS::...}".to_string(),
        m => m.trim_end().to_string(),
    }
}

#[cfg(test)]
mod tests {
    /// The memchr search agrees with the plain definition (a pair of bytes that starts a
    /// marker) on every string of up to five characters over the bytes that matter.
    #[test]
    fn may_hold_marker_is_the_pair_test() {
        let plain = |s: &str| s.as_bytes().windows(2).any(|w| matches!(w, [b'{' | b'$', b'{'] | [b':', b':'] | [b'!', _]));
        let alphabet = ['{', '$', ':', '!', 'a'];
        let (mut level, mut strings) = (vec![String::new()], vec![String::new()]);
        for _ in 0..5 {
            level = level.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            strings.extend(level.iter().cloned());
        }
        assert!(strings.len() > 3000);
        for s in &strings {
            assert_eq!(super::may_hold_marker(s), plain(s), "{s:?}");
        }
    }
}
