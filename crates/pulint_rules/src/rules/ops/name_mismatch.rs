//! OPS015 hardcoded-name-mismatch: a Lambda function's environment or inline code names one of
//! the program's resources by text that will not be its name at run time.

use super::common::{render, text_of};
use super::lambda_log_group::shown;
use crate::query::{absent, anchor, args_complete, created, created_of, find_text, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{FileKind, Program, Resource, RuleMeta, Span, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags text in a Lambda function's environment variables or inline code (a code string
    /// of the program, such as the text of a `StringAsset`) that names one of the program's
    /// resources in a way that cannot match its real name:
    /// - the logical name of a resource that has no physical name argument (`name`, `bucket`),
    ///   such as `get_parameter(Name="max-retries")` for `aws.ssm.Parameter("max-retries")`;
    /// - the resource's name template with a fixed environment (`"orders-dev"`) where the
    ///   program builds the name from a deployment suffix (`f"orders-{suffix}"`).
    ///
    /// ## Why is this bad?
    /// Pulumi appends a random suffix to the logical name of an auto-named resource, so the
    /// literal never matches it; a name with a fixed environment matches only one deployment.
    /// The function fails at run time with "not found" (or, worse, uses another stack's
    /// resource).
    ///
    /// ## Example
    /// ```python
    /// table = aws.dynamodb.Table(f"orders-{suffix}", hash_key="id", attributes=[{"name": "id", "type": "S"}])
    /// fn = aws.lambda_.Function("api", runtime="python3.12", handler="index.handler", role=role.arn,
    ///     code=code, environment={"variables": {"TABLE": f"orders-{suffix}"}})
    /// ```
    /// ```typescript
    /// const table = new aws.dynamodb.Table(`orders-${suffix}`, { hashKey: "id", attributes: [{ name: "id", type: "S" }] });
    /// const fn = new aws.lambda.Function("api", { runtime: "nodejs20.x", handler: "index.handler", role: role.arn,
    ///     code, environment: { variables: { TABLE: `orders-${suffix}` } } });
    /// ```
    ///
    /// ## Use instead
    /// Pass the resource's output to the function (`"TABLE": table.name` / `TABLE: table.name`)
    /// and read it from the environment in the code.
    pub HardcodedNameMismatch { code: "OPS015", name: "hardcoded-name-mismatch", family: Ops, severity: Warning, status: Stable,
        summary: "a function refers to a resource of the program by a name it will not have" }
}

const FUNCTION: &str = "aws:lambda/function:Function";

/// Resource types auto-named from their logical name, with the argument that names them.
const NAMED: &[(&str, &str)] = &[
    ("aws:ssm/parameter:Parameter", "name"),
    ("aws:dynamodb/table:Table", "name"),
    ("aws:s3/bucket:Bucket", "bucket"),
    ("aws:s3/bucketV2:BucketV2", "bucket"),
    ("aws:sqs/queue:Queue", "name"),
    ("aws:sns/topic:Topic", "name"),
    ("aws:secretsmanager/secret:Secret", "name"),
    ("aws:lambda/function:Function", "name"),
    ("aws:kinesis/stream:Stream", "name"),
    ("aws:sfn/stateMachine:StateMachine", "name"),
    ("aws:cloudwatch/logGroup:LogGroup", "name"),
    ("aws:cloudwatch/eventBus:EventBus", "name"),
    ("aws:ecs/cluster:Cluster", "name"),
];

/// A resource a literal could name: its rendered logical name when auto-named, its rendered
/// physical name otherwise.
struct Target<'a> {
    r: &'a Resource,
    noun: &'static str,
    /// Rendered logical name, when the resource has no physical name argument.
    auto: Option<String>,
    /// Rendered physical name, when given.
    named: Option<String>,
}

impl Rule for HardcodedNameMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let targets = targets(p);
        if targets.is_empty() {
            return;
        }
        for (_, f) in created_of(p, FUNCTION) {
            let Some(vars) = f.arg("environment").and_then(|e| e.get("variables")).and_then(Value::as_object) else { continue };
            for var in vars {
                let Some(text) = render(p, &var.value) else { continue };
                if text.contains("\u{1}#") {
                    continue;
                }
                if let Some((t, why)) = judge(&targets, &text, !matches!(var.value.kind, ValueKind::String(_)), &var.key.written) {
                    report(cx, anchor(var.value.span, f.span), &text, t, why);
                }
            }
        }
        for (span, code) in code_literals(p) {
            for (at, token, context) in quoted_names(code) {
                let Some((t, why)) = judge(&targets, token, false, context) else { continue };
                let s = Span::new(span.file, span.start + at as u32, span.start + (at + token.len()) as u32);
                report(cx, s, token, t, why);
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Why {
    AutoNamed,
    FixedEnv,
}

fn report(cx: &mut Ctx, at: Span, text: &str, t: &Target, why: Why) {
    let who = format!("{} {}", t.noun, name_of(t.r));
    let (message, help) = match why {
        Why::AutoNamed => (
            format!("`{}` is the logical name of {who}, which has no name argument: Pulumi appends a random suffix, so this name never matches", shown(text)),
            "pass the resource's name output to the function (as an environment variable) instead of its logical name",
        ),
        Why::FixedEnv => (
            format!("`{}` fixes the environment in the name of {who} (`{}`), so it matches only one deployment", shown(text), shown(t.named.as_deref().unwrap_or(""))),
            "pass the resource's name output to the function (as an environment variable) instead of writing the name",
        ),
    };
    cx.report(cx.diagnostic(at, message).with_label(t.r.span, format!("{who} is created here")).with_help(help));
}

fn targets(p: &Program) -> Vec<Target<'_>> {
    let mut out = Vec::new();
    for (_, r) in created(p) {
        let Some((_, arg)) = NAMED.iter().find(|(t, _)| *t == r.token) else { continue };
        if !args_complete(r) || r.arg(&format!("{arg}Prefix")).is_some() {
            continue;
        }
        let noun = crate::query::module(&r.token);
        let noun: &'static str = match noun {
            "ssm" => "parameter",
            "dynamodb" => "table",
            "s3" => "bucket",
            "sqs" => "queue",
            "sns" => "topic",
            "secretsmanager" => "secret",
            "lambda" => "function",
            "kinesis" => "stream",
            "sfn" => "state machine",
            "cloudwatch" if r.token.ends_with("LogGroup") => "log group",
            "cloudwatch" => "event bus",
            _ => "cluster",
        };
        debug_assert!(KIND_WORDS.iter().any(|(n, _)| *n == noun), "{noun} missing from KIND_WORDS");
        let (auto, named) = if absent(r, arg) {
            (render(p, &r.name), None)
        } else {
            (None, r.arg(arg).and_then(|v| render(p, v)))
        };
        if auto.is_some() || named.is_some() {
            out.push(Target { r, noun, auto, named });
        }
    }
    out
}

/// The resource a text names wrongly, and how. `dynamic`: the text was built from parts (a
/// template), not written as one literal. `context` (the variable's key, the code before the
/// literal on its line) must say which kind of resource is meant.
fn judge<'a, 'b>(targets: &'a [Target<'b>], text: &str, dynamic: bool, context: &str) -> Option<(&'a Target<'b>, Why)> {
    if text.len() < 3 {
        return None;
    }
    let context: String = context.to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    // The kinds the context names, looked for once rather than once per target.
    let kinds: Vec<&str> = KIND_WORDS.iter().filter(|(_, words)| words.iter().any(|w| context.contains(w))).map(|(n, _)| *n).collect();
    if kinds.is_empty() {
        return None;
    }
    let targets: Vec<&Target> = targets.iter().filter(|t| kinds.contains(&t.noun)).collect();
    // A name another resource really has is not a mismatch.
    if targets.iter().any(|t| t.named.as_deref() == Some(text)) {
        return None;
    }
    if let Some(t) = targets.iter().copied().find(|t| t.auto.as_deref() == Some(text)) {
        // A bare literal logical name must look like a name, not like a word.
        if dynamic || text.contains(['-', '_', '/', '.']) {
            return Some((t, Why::AutoNamed));
        }
    }
    if !text.contains('\u{1}') {
        return targets.iter().copied().find(|t| t.named.as_deref().is_some_and(|n| fixed_env(n, text))).map(|t| (t, Why::FixedEnv));
    }
    None
}

/// The kinds of resource a target can be (its noun), with the words (lowercase, without
/// separators) by which code or a variable name says it names one.
const KIND_WORDS: [(&str, &[&str]); 12] = [
    ("parameter", &["parameter", "param", "ssm"]),
    ("table", &["table", "dynamo"]),
    ("bucket", &["bucket"]),
    ("queue", &["queue", "sqs"]),
    ("topic", &["topic", "sns"]),
    ("secret", &["secret"]),
    ("function", &["functionname", "lambdaname"]),
    ("stream", &["stream", "kinesis"]),
    ("state machine", &["statemachine", "sfn"]),
    ("log group", &["loggroup"]),
    ("event bus", &["eventbus"]),
    ("cluster", &["cluster"]),
];

/// True when `literal` is `template` (text around one environment-like hole) with the hole
/// written as a fixed environment name.
fn fixed_env(template: &str, literal: &str) -> bool {
    let pieces: Vec<&str> = template.split('\u{1}').collect();
    let [pre, hole, post] = pieces[..] else { return false };
    if pre.len() + post.len() < 5 || !env_hole(hole) {
        return false;
    }
    let Some(middle) = literal.strip_prefix(pre).and_then(|m| m.strip_suffix(post)) else { return false };
    matches!(middle, "dev" | "development" | "test" | "testing" | "qa" | "staging" | "stage" | "stg" | "uat" | "prod" | "production" | "prd")
}

fn env_hole(hole: &str) -> bool {
    let name = if let Some(k) = hole.strip_prefix("cfg:") {
        k
    } else if let Some(rest) = hole.strip_prefix("txt:") {
        rest.split_once(':').map_or(rest, |(_, t)| t)
    } else {
        return false;
    };
    let n = name.to_ascii_lowercase();
    n.contains("suffix") || n.contains("env") || n.contains("stage") || n.contains("stack")
}

/// Multi-line string literals of the program that hold function code (a handler, an AWS SDK
/// client), with their spans: Python triple-quoted strings, JavaScript template literals.
fn code_literals(p: &Program) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    for &file in p.entry_files.iter().chain(&p.superseded_files) {
        let f = p.sources.get(file);
        let delimiters: &[&str] = match f.kind {
            FileKind::Python => &["\"\"\"", "'''"],
            FileKind::TypeScript | FileKind::JavaScript => &["`"],
            _ => continue,
        };
        let whole = Span::new(file, 0, f.text.len() as u32);
        let text = text_of(p, whole);
        // The next place of each delimiter, searched again only once passed: searching the rest
        // of the file for a delimiter it does not hold, at every literal, made long files slow.
        let mut next: Vec<Option<usize>> = delimiters.iter().map(|d| find_text(text, d)).collect();
        loop {
            let Some((open, delim)) = next.iter().zip(delimiters).filter_map(|(n, d)| n.map(|i| (i, *d))).min_by_key(|(i, _)| *i) else { break };
            let body = open + delim.len();
            let Some(len) = closing(&text[body..], delim) else { break };
            let code = &text[body..body + len];
            if code.contains('\n') && is_code(code) {
                out.push((Span::new(file, body as u32, (body + len) as u32), code));
            }
            let at = body + len + delim.len();
            for (n, d) in next.iter_mut().zip(delimiters) {
                if n.is_some_and(|i| i < at) {
                    *n = find_text(&text[at..], d).map(|i| at + i);
                }
            }
        }
    }
    out
}

fn closing(s: &str, delim: &str) -> Option<usize> {
    let mut i = 0;
    while let Some(j) = find_text(&s[i..], delim) {
        let at = i + j;
        let escapes = s[..at].bytes().rev().take_while(|b| *b == b'\\').count();
        if escapes % 2 == 0 {
            return Some(at);
        }
        i = at + delim.len();
    }
    None
}

fn is_code(s: &str) -> bool {
    let handler = s.contains("def handler") || s.contains("def lambda_handler") || s.contains("exports.handler") || s.contains("export const handler") || s.contains("function handler");
    handler || s.contains("boto3") || s.contains("aws-sdk")
}

/// Quoted names in code (`'max-retries'` in `Name='max-retries'`), with their byte offsets and
/// the code before them on their line, where that code says a name is meant.
fn quoted_names(code: &str) -> Vec<(usize, &str, &str)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in code.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let q = bytes[i];
            if q != b'\'' && q != b'"' {
                i += 1;
                continue;
            }
            let Some(len) = line[i + 1..].find(q as char) else { break };
            let token = &line[i + 1..i + 1 + len];
            let before = line[..i].to_ascii_lowercase();
            let nameish = ["name", "bucket", "table", "queue", "topic", "secret", "parameter", "stream"].iter().any(|k| before.contains(k));
            if nameish && !token.is_empty() && token.len() <= 128 && token.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./:".contains(&b)) {
                out.push((line_start + i + 1, token, &line[..i]));
            }
            i += len + 2;
        }
        line_start += line.len();
    }
    out
}
