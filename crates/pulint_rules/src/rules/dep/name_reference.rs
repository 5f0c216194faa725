//! DEP009 name-instead-of-reference: a resource refers to another resource of the program by a
//! name or ARN written as text, so nothing orders the two.

use super::waits_for;
use crate::query::{anchor, created, name_of};
use crate::rules::ops::common::render;
use crate::rules::ops::lambda_log_group::shown;
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, ResourceId, RuleMeta, Value, ValueKind};
use std::collections::HashMap;

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
    name: String,
}

impl Rule for NameInsteadOfReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let mut targets = Vec::new();
        for (id, r) in created(p) {
            let Some(kind) = KINDS.iter().position(|k| k.0 == r.token) else { continue };
            let (_, arg, noun, _, _) = KINDS[kind];
            let Some(name) = r.arg(arg).and_then(|v| render(p, v)) else { continue };
            // Only names that are clearly one resource's: not a bare word.
            if name.len() < 6 || name.contains("\u{1}#") || !name.contains(['-', '/', '_', '\u{1}']) {
                continue;
            }
            targets.push((kind, Target { id, noun, name }));
        }
        if targets.is_empty() {
            return;
        }
        // Per kind, its targets (indexes into `targets`) by name: one lookup per kind for each
        // text, where comparing every text with every target was quadratic in large programs.
        let mut by_name: Vec<HashMap<&str, Vec<usize>>> = vec![HashMap::new(); KINDS.len()];
        for (i, (kind, t)) in targets.iter().enumerate() {
            by_name[*kind].entry(t.name.as_str()).or_default().push(i);
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
                    for i in named(p, v, &by_name, &a.key.canonical) {
                        let t = &targets[i].1;
                        if t.id == cid {
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

/// The targets `v` names (indexes into the target list, in its order): per kind, the name at
/// the end of an ARN built as text, or for a name argument the text itself.
fn named(p: &Program, v: &Value, by_name: &[HashMap<&str, Vec<usize>>], key: &str) -> Vec<usize> {
    // Borrowed, not collected: this runs for every node of every argument.
    let parts: &[Value] = match &v.kind {
        ValueKind::Interp { parts, .. } => parts,
        ValueKind::String(_) => std::slice::from_ref(v),
        _ => return Vec::new(),
    };
    let mut rendered: Option<Option<String>> = None;
    let mut found = Vec::new();
    for (names, &(_, _, noun, marker, end)) in by_name.iter().zip(KINDS) {
        if names.is_empty() {
            continue;
        }
        let name = match arn_name(p, parts, marker, end) {
            Arn::Name(name) => Some(name),
            Arn::Pattern => None,
            Arn::NotArn => {
                let name_arg = NAME_ARGS.iter().any(|(n, keys)| *n == noun && keys.contains(&key));
                if !name_arg {
                    continue;
                }
                rendered.get_or_insert_with(|| render(p, v)).clone()
            }
        };
        if let Some(ts) = name.and_then(|n| names.get(n.as_str())) {
            found.extend(ts);
        }
    }
    found.sort_unstable();
    found
}

/// What the text after a kind's ARN marker says.
enum Arn {
    /// No part holds the marker (as an ARN): the text may still be a plain name.
    NotArn,
    /// A pattern (a wildcard region or account) or a name that cannot be rendered.
    Pattern,
    /// The name the ARN ends in, rendered.
    Name(String),
}

/// The name at the end of the ARN the text `parts` builds for the kind of `marker` (ending at `end`).
fn arn_name(p: &Program, parts: &[Value], marker: &str, end: char) -> Arn {
    for (i, part) in parts.iter().enumerate() {
        let Some(s) = part.as_str() else { continue };
        // Every marker holds a ':', which most texts lack: one memchr rules them out.
        if !s.contains(':') {
            continue;
        }
        let Some(at) = crate::query::find_text(s, marker) else { continue };
        if marker.starts_with(':') && !s[..at].contains("arn:") && !parts[..i].iter().any(|q| q.as_str().is_some_and(|q| q.contains("arn:"))) {
            continue;
        }
        // A wildcard region or account (`arn:aws:lambda:us-east-1:*:function:x`) makes the ARN a
        // pattern that matches resources (an X-Ray sampling rule's), not a reference to one.
        if s[..at].contains('*') || parts[..i].iter().any(|q| q.as_str().is_some_and(|q| q.contains('*'))) {
            return Arn::Pattern;
        }
        let mut tail = s[at + marker.len()..].to_string();
        for q in &parts[i + 1..] {
            let Some(r) = render(p, q) else { return Arn::Pattern };
            tail.push_str(&r);
        }
        return Arn::Name(cut(&tail, end).to_string());
    }
    Arn::NotArn
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
