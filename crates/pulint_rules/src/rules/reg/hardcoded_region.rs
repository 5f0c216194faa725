//! REG002 hardcoded-region: region codes written into ARNs, endpoints, service names and log
//! settings instead of taken from the provider.

use crate::query::{region_len, WordSet};
use std::borrow::Cow;
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta, Span, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a region code written into a resource argument as part of an ARN
    /// (`arn:aws:logs:us-east-1:...`), an endpoint or service name
    /// (`com.amazonaws.us-east-1.s3`, `execute-api.us-east-1.amazonaws.com`), a console URL, or as
    /// the value of a nested region setting (`awslogs-region`, `AWS_REGION`, a dashboard widget's
    /// `region`), in resource arguments and stack outputs. Explicit placement arguments
    /// (`region`, `peerRegion`, ...) and tags are not flagged, nor is a region constant that
    /// also configures a provider (one source of truth).
    ///
    /// ## Why is this bad?
    /// The literal ties the program to one region while its resources follow the provider. When
    /// the two disagree, or the stack is deployed to another region, log drivers write to a
    /// non-existent group, endpoints resolve to the wrong region, and IAM statements grant
    /// nothing: `pulumi up` succeeds and the workload fails at run time.
    ///
    /// ## Example
    /// ```python
    /// region = "us-east-1"
    /// aws.iam.Policy("logs", policy=json.dumps({"Statement": [{"Effect": "Allow",
    ///     "Action": "logs:PutLogEvents", "Resource": f"arn:aws:logs:{region}:123456789012:log-group:app:*"}]}))
    /// ```
    /// ```typescript
    /// const region = "us-east-1";
    /// new aws.iam.Policy("logs", { policy: JSON.stringify({ Statement: [{ Effect: "Allow",
    ///     Action: "logs:PutLogEvents", Resource: `arn:aws:logs:${region}:123456789012:log-group:app:*` }] }) });
    /// ```
    ///
    /// ## Use instead
    /// Take the region from the provider: `aws.get_region().name` / `aws.getRegionOutput().name`
    /// (`.region` in provider v7), or build ARNs from resource attributes (`logGroup.arn`).
    pub HardcodedRegion { code: "REG002", name: "hardcoded-region", family: Reg, severity: Warning, status: Stable,
        summary: "a region code is hard-coded in an ARN, endpoint or setting" }
}

/// The region code inside `s` at a position where it names a deployment region, if any.
fn region_in(s: &str) -> Option<&str> {
    let bytes = s.as_bytes();
    // Every region code has a '-' after its two-letter geography: memchr jumps from dash to dash
    // (in order, so the first region found is the same as scanning every character).
    for i in memchr::memchr_iter(b'-', bytes).filter_map(|dash| dash.checked_sub(2)) {
        if !s.is_char_boundary(i) {
            continue;
        }
        if let Some(len) = region_len(&s[i..]) {
            let before = if i == 0 { None } else { Some(bytes[i - 1]) };
            let after = bytes.get(i + len).copied();
            let region = &s[i..i + len];
            let boundary = |c: Option<u8>| c.is_none_or(|c| !c.is_ascii_alphanumeric() && c != b'-');
            if boundary(before) && boundary(after) {
                let prefix = &s[..i];
                let arn = prefix.starts_with("arn:aws") && prefix.matches(':').count() == 3;
                let service = prefix.ends_with("com.amazonaws.");
                let endpoint = s[i + len..].starts_with(".amazonaws.com") || prefix.ends_with("execute-api.") || prefix.ends_with("region=");
                let whole = i == 0 && len == s.len();
                if arn || service || endpoint || whole {
                    return Some(region);
                }
            }
        }
    }
    None
}

/// A piece of text found in a value: the key it sits under, the text (an interpolation's parts
/// joined, unknown parts as NUL), and where each part starts with its span. A plain string is
/// borrowed with no parts (one part, at `span`): most texts are plain, and copying each cost an
/// allocation.
struct Text<'a> {
    key: &'a str,
    text: Cow<'a, str>,
    /// The span of the first part (of the whole string when it is plain).
    span: Span,
    parts: Vec<(usize, Span)>,
}

impl Text<'_> {
    /// The span of the part that holds byte `offset`.
    fn span_at(&self, offset: usize) -> Span {
        self.parts.iter().rev().find(|(start, _)| *start <= offset).map_or(self.span, |(_, s)| *s)
    }
}

/// Texts of a value with the key they sit under, skipping tags.
fn texts<'a>(p: &'a Program, v: &'a Value, key: &'a str, out: &mut Vec<Text<'a>>, depth: u32) {
    if depth > 24 {
        return;
    }
    match &v.kind {
        ValueKind::String(s) => out.push(Text { key, text: Cow::Borrowed(s), span: v.span, parts: Vec::new() }),
        ValueKind::Interp { parts, .. } => {
            let Some(first) = parts.first() else { return };
            let mut text = String::new();
            let mut starts = Vec::with_capacity(parts.len());
            for part in parts {
                starts.push((text.len(), part.span));
                match &p.resolve(part).kind {
                    ValueKind::String(s) if !matches!(part.kind, ValueKind::Config(_)) => text.push_str(s),
                    _ => text.push('\0'),
                }
            }
            out.push(Text { key, text: Cow::Owned(text), span: first.span, parts: starts });
        }
        ValueKind::Object(props) => {
            for prop in props {
                if !prop.key.canonical.eq_ignore_ascii_case("tags") {
                    texts(p, &prop.value, &prop.key.canonical, out, depth + 1);
                }
            }
        }
        ValueKind::List(items) | ValueKind::All(items) => items.iter().for_each(|i| texts(p, i, key, out, depth + 1)),
        ValueKind::Json { value, .. } | ValueKind::Secret(value) => texts(p, value, key, out, depth + 1),
        ValueKind::Apply { result, .. } => texts(p, result, key, out, depth + 1),
        _ => {}
    }
}

/// The region a text names where it is a hard-coding, with its byte offset.
/// Nested keys that place another copy of the resource in a region of the program's choice.
const PLACEMENT_KEYS: &[&str] = &["regionName", "replicaRegion", "destinationRegion", "peerRegion", "sourceRegion"];

fn hardcoded(key: &str, s: &str, top_level: bool) -> Option<(String, usize)> {
    if region_len(s) == Some(s.len()) {
        // A bare region value counts only under a nested region-like key (`awslogs-region`).
        return (!top_level && has_region_word(key)).then(|| (s.to_string(), 0));
    }
    let region = region_in(s)?;
    let offset = region.as_ptr() as usize - s.as_ptr() as usize;
    Some((region.to_string(), offset))
}

impl Rule for HardcodedRegion {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // Regions the program's providers are configured with.
        let provider_regions: Vec<&str> = p.providers().filter_map(|(_, pr)| p.str_of(pr.arg("region")?)).collect();
        // A region constant that also configures a provider is one source of truth.
        let mut seen: Vec<Span> = p.providers().filter_map(|(_, pr)| pr.arg("region")).map(|v| p.resolve(v).span).collect();
        for (_, r) in query::created(p) {
            // A provider whose region is written in the code, not read from configuration: a bare
            // region setting equal to it changes with it in the same edit.
            let pinned = r.provider.provider().and_then(|pr| p.resource(pr).arg("region")).is_some_and(|v| matches!(v.kind, ValueKind::String(_)));
            for prop in &r.args {
                let top = &prop.key.canonical;
                if has_region_word(top) || top == "tags" || top == "tagsAll" {
                    continue;
                }
                let mut found = Vec::new();
                texts(p, p.resolve(&prop.value), top, &mut found, 0);
                // JSON text (dashboards, policies) is searched inside.
                let mut docs = Vec::new();
                for t in &found {
                    if let Some(doc) = crate::json_text::parse(&t.text, t.span) {
                        docs.push(doc);
                    }
                }
                for doc in &docs {
                    texts(p, doc, "json", &mut found, 0);
                }
                for t in &found {
                    let top_level = t.key == top.as_str();
                    // Where another copy goes (a global table's replica, a peer): a region chosen
                    // on purpose, unlike a setting that must match the resource's own region.
                    if PLACEMENT_KEYS.contains(&t.key) {
                        continue;
                    }
                    let Some((region, offset)) = hardcoded(t.key, &t.text, top_level) else { continue };
                    let span = t.span_at(offset);
                    let actual = r.region.as_deref();
                    // The constant a provider is configured with (its span holds the literal), or
                    // a bare region setting equal to where the resource really is, agree with the
                    // provider by construction.
                    // A constant folded into a template: the text at the span is the template, not
                    // the literal, which was written where the constant is defined.
                    let folded_constant = !source_text(p, span).contains(region.as_str()) && provider_regions.contains(&region.as_str());
                    if seen.iter().any(|s| query::contains(*s, span)) || folded_constant || (t.text == region && actual == Some(region.as_str()) && pinned) {
                        continue;
                    }
                    seen.push(span);
                    let message = match actual {
                        Some(a) if a != region => format!("`{region}` is hard-coded here, but {} deploys to {a}", query::name_of(r)),
                        _ => format!("`{region}` is hard-coded; the region should come from the provider"),
                    };
                    let (at, used) = query::literal_and_use(span, r.span);
                    let mut d = cx.diagnostic(at, message).with_help("use `aws.get_region()` / `aws.getRegionOutput()` or the attributes of the resources involved");
                    if let Some(site) = used {
                        d = d.with_label(site, "used by this resource");
                    }
                    cx.report(d);
                }
            }
        }
        // Stack and component outputs: endpoints and console links handed to users.
        for e in &p.exports {
            let mut found = Vec::new();
            texts(p, p.resolve(&e.value), "export", &mut found, 0);
            for t in &found {
                let Some((region, offset)) = hardcoded(t.key, &t.text, true) else { continue };
                let span = t.span_at(offset);
                // Text put together from a variable that also configures a provider: one source
                // of truth (the constant's text was folded into the output's).
                let written_here = source_text(p, span).contains(region.as_str());
                let again = seen.iter().any(|s| s.file == span.file && s.start == span.start);
                if again || (!written_here && provider_regions.contains(&region.as_str())) {
                    continue;
                }
                seen.push(span);
                cx.report(
                    cx.diagnostic(span, format!("`{region}` is hard-coded in the output `{}`; the region should come from the provider", e.name))
                        .with_help("build the value from resource attributes (`stage.invoke_url`, `function_url.function_url`) or `aws.get_region()`"),
                );
            }
        }
    }
}

/// The source text a span covers.
fn source_text(p: &Program, span: Span) -> &str {
    p.sources.get(span.file).text.get(span.start as usize..span.end as usize).unwrap_or("")
}

/// True when a key holds `region` in any case, matched in place (no lower-case copy per key).
fn has_region_word(key: &str) -> bool {
    static REGION: WordSet = WordSet::ignore_case(&["region"]);
    REGION.in_text(key.as_bytes())
}
