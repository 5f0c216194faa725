//! DEP009 name-instead-of-reference: a resource refers to another resource of the program by a
//! name or ARN written as text, so nothing orders the two.

use super::waits_for;
use crate::query::{anchor, created, name_of};
use crate::rules::ops::common::render;
use crate::rules::ops::lambda_log_group::shown;
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, ResourceId, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an argument that names one of the program's resources by text, equal to the name
    /// the program gives that resource, instead of using the resource's output: an ARN built
    /// as text (`arn:aws:logs:...:log-group:/aws/apigateway/api-dev`), or a name argument
    /// (`bucket`, `function`, `logGroupName`, `tableName`, `role`) written as the text of the
    /// other resource's name. It stays silent when the resource already waits for the other
    /// one (through another argument, `dependsOn` or its parent).
    ///
    /// ## Why is this bad?
    /// Pulumi orders resources by the outputs they use. Text creates no dependency, so the
    /// consumer may be created first, and its creation fails (or it is configured against a
    /// resource that does not exist yet); on destroy the order is wrong too.
    ///
    /// ## Example
    /// ```python
    /// logs = aws.cloudwatch.LogGroup("api-logs", name=f"/aws/apigateway/api-{env}")
    /// aws.apigatewayv2.Stage("stage", api_id=api.id, name=env, access_log_settings={
    ///     "destination_arn": f"arn:aws:logs:{region}:{account}:log-group:/aws/apigateway/api-{env}",
    ///     "format": fmt})
    /// ```
    /// ```typescript
    /// const logs = new aws.cloudwatch.LogGroup("api-logs", { name: `/aws/apigateway/api-${env}` });
    /// new aws.apigatewayv2.Stage("stage", { apiId: api.id, name: env, accessLogSettings: {
    ///     destinationArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/api-${env}`,
    ///     format: fmt } });
    /// ```
    ///
    /// ## Use instead
    /// Use the resource's output (`destination_arn=logs.arn` / `destinationArn: logs.arn`), or
    /// add the resource to `dependsOn`.
    pub NameInsteadOfReference { code: "DEP009", name: "name-instead-of-reference", family: Dep, severity: Warning, status: Stable,
        summary: "a resource names another resource of the program by text, so it does not wait for it" }
}

/// Resource kinds a name or ARN can point at: type token, the argument naming it, the noun for
/// messages, the text before the name in its ARN, and the character ending the name there.
const KINDS: &[(&str, &str, &str, &str, char)] = &[
    ("aws:cloudwatch/logGroup:LogGroup", "name", "log group", ":log-group:", ':'),
    ("aws:dynamodb/table:Table", "name", "table", ":table/", '/'),
    ("aws:lambda/function:Function", "name", "function", ":function:", ':'),
    ("aws:s3/bucket:Bucket", "bucket", "bucket", "arn:aws:s3:::", '/'),
    ("aws:s3/bucketV2:BucketV2", "bucket", "bucket", "arn:aws:s3:::", '/'),
    ("aws:iam/role:Role", "name", "role", ":role/", '\0'),
    ("aws:sfn/stateMachine:StateMachine", "name", "state machine", ":stateMachine:", ':'),
];

/// Arguments that hold the plain name of another resource, by the kind they name.
const NAME_ARGS: &[(&str, &[&str])] = &[
    ("log group", &["logGroupName"]),
    ("table", &["tableName"]),
    ("function", &["functionName", "function"]),
    ("bucket", &["bucket"]),
    ("role", &["role", "roleName"]),
];

struct Target {
    id: ResourceId,
    noun: &'static str,
    marker: &'static str,
    end: char,
    name: String,
}

impl Rule for NameInsteadOfReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let mut targets = Vec::new();
        for (id, r) in created(p) {
            let Some(&(_, arg, noun, marker, end)) = KINDS.iter().find(|k| k.0 == r.token) else { continue };
            let Some(name) = r.arg(arg).and_then(|v| render(p, v)) else { continue };
            // Only names that are clearly one resource's: not a bare word.
            if name.len() < 6 || name.contains("\u{1}#") || !name.contains(['-', '/', '_', '\u{1}']) {
                continue;
            }
            targets.push(Target { id, noun, marker, end, name });
        }
        if targets.is_empty() {
            return;
        }
        for (cid, c) in created(p) {
            for a in &c.args {
                // Text in policies, tags and environment variables is not checked when the
                // resource is created.
                if matches!(a.key.canonical.as_str(), "policy" | "assumeRolePolicy" | "inlinePolicies" | "tags" | "environment") {
                    continue;
                }
                // The resource's own name (the same resource shown twice in a document).
                if KINDS.iter().any(|k| k.0 == c.token && k.1 == a.key.canonical) {
                    continue;
                }
                let mut seen = Vec::new();
                a.value.walk(&mut |v| {
                    if matches!(v.kind, ValueKind::Json { .. }) {
                        seen.push(v.span);
                    }
                });
                a.value.walk(&mut |v| {
                    if seen.iter().any(|s: &pulint_model::Span| crate::query::contains(*s, v.span)) {
                        return;
                    }
                    for t in &targets {
                        if t.id == cid || !names(p, v, t, &a.key.canonical) {
                            continue;
                        }
                        if waits_for(p, cid, t.id) != Some(false) {
                            continue;
                        }
                        seen.push(v.span);
                        let target = p.resource(t.id);
                        cx.report(
                            cx.diagnostic(anchor(v.span, c.span), format!("`{}` names {} {} by text (`{}`), so {} does not wait for it and may be created first", a.key.written, t.noun, name_of(target), shown(&t.name), name_of(c)))
                                .with_label(target.span, format!("{} {} is created here", t.noun, name_of(target)))
                                .with_help(format!("use the {}'s output (its `arn` or name) instead of the text, or add it to `dependsOn`", t.noun)),
                        );
                        return;
                    }
                });
            }
        }
    }
}

/// True when `v` is `t`'s name written as text (for a name argument) or an ARN built as text
/// that ends in `t`'s name.
fn names(p: &Program, v: &Value, t: &Target, key: &str) -> bool {
    // Borrowed, not collected: this runs for every node of every argument, for every target.
    let parts: &[Value] = match &v.kind {
        ValueKind::Interp { parts, .. } => parts,
        ValueKind::String(_) => std::slice::from_ref(v),
        _ => return false,
    };
    // An ARN: the text after the kind's marker, rendered, up to the end of the name.
    for (i, part) in parts.iter().enumerate() {
        let Some(s) = part.as_str() else { continue };
        // Every marker holds a ':', which most texts lack: one memchr rules them out.
        if !s.contains(':') {
            continue;
        }
        let Some(at) = crate::query::find_text(s, t.marker) else { continue };
        if t.marker.starts_with(':') && !s[..at].contains("arn:") && !parts[..i].iter().any(|q| q.as_str().is_some_and(|q| q.contains("arn:"))) {
            continue;
        }
        // A wildcard region or account (`arn:aws:lambda:us-east-1:*:function:x`) makes the ARN a
        // pattern that matches resources (an X-Ray sampling rule's), not a reference to one.
        if s[..at].contains('*') || parts[..i].iter().any(|q| q.as_str().is_some_and(|q| q.contains('*'))) {
            return false;
        }
        let mut tail = s[at + t.marker.len()..].to_string();
        for q in &parts[i + 1..] {
            let Some(r) = render(p, q) else { return false };
            tail.push_str(&r);
        }
        let name = cut(&tail, t.end);
        return name == t.name;
    }
    let name_arg = NAME_ARGS.iter().any(|(noun, keys)| *noun == t.noun && keys.contains(&key));
    name_arg && render(p, v).is_some_and(|n| n == t.name)
}

/// `s` up to the first `end` outside the markers of dynamic parts (a log group ARN's `:*`).
fn cut(s: &str, end: char) -> &str {
    let mut inside = false;
    for (i, c) in s.char_indices() {
        if c == '\u{1}' {
            inside = !inside;
        } else if c == end && !inside {
            return &s[..i];
        }
    }
    s
}
