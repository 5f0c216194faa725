//! OUT001 output-in-string: an Output turned into text by a plain string construct.

use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Edit, FileKind, Fix, Observation, Program, RuleMeta, Span};

declare_rule! {
    /// ## What it does
    /// Flags an Output (a resource attribute such as `bucket.arn`, an `apply` result, a secret)
    /// placed in an f-string, a template literal, `+` concatenation, `str()`, `.format()` or
    /// `join`.
    ///
    /// ## Why is this bad?
    /// An Output is not a string while the program runs. Python renders it as a warning text
    /// ("Calling __str__ on an Output[T] is not supported"), TypeScript as
    /// "Calling [toString] on an [Output<T>] is not supported". The resulting names, ARNs and
    /// policies are garbage: `pulumi up` fails, or worse, deploys a broken policy.
    ///
    /// ## Example
    /// ```python
    /// policy_arn = f"{bucket.arn}/*"
    /// ```
    /// ```typescript
    /// const policyArn = `${bucket.arn}/*`;
    /// ```
    ///
    /// ## Use instead
    /// `pulumi.Output.concat(bucket.arn, "/*")` or `bucket.arn.apply(lambda arn: f"{arn}/*")`;
    /// in TypeScript ``pulumi.interpolate`${bucket.arn}/*` ``. `pulint check --fix` rewrites a
    /// plain f-string or template literal in a resource argument this way (not inside
    /// `json.dumps` / `JSON.stringify`, which cannot hold an Output).
    pub OutputInString { code: "OUT001", name: "output-in-string", family: Out, severity: Error, status: Stable,
        summary: "an Output is formatted into a string without apply or interpolate" }
}

impl Rule for OutputInString {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for o in &p.observations {
            let Observation::OutputInString { kind, output, span } = o else { continue };
            let what = pulint_model::dump::describe(p, output);
            let help = if p.sources.get(span.file).kind == FileKind::Python {
                "use `pulumi.Output.concat(...)`, `pulumi.Output.format(...)` or `.apply(...)`"
            } else {
                "use ``pulumi.interpolate`...` `` or `.apply(...)`"
            };
            let mut d = cx.diagnostic(*span, format!("{what} is an Output, and this {} turns it into placeholder text", kind.describe())).with_help(help);
            if cx.wants_fixes() && let Some(fix) = fix(p, *span) {
                d = d.with_fix(fix);
            }
            cx.report(d);
        }
    }
}

/// Rewrites a template literal as `pulumi.interpolate` and a simple f-string as
/// `pulumi.Output.concat(...)` — only where the result is a resource argument (which takes an
/// Output; a logical name or a plain string variable would not) and `pulumi` is imported as such.
fn fix(p: &Program, span: Span) -> Option<Fix> {
    let file = p.sources.get(span.file);
    let text = file.text.get(span.start as usize..span.end as usize)?;
    let in_argument = p.resources.iter().any(|r| {
        r.args.iter().any(|a| a.value.span.file == span.file && a.value.span.start <= span.start && span.end <= a.value.span.end)
    });
    if !in_argument || in_plain_json(p, span) {
        return None;
    }
    let (replacement, message) = if file.kind == FileKind::Python {
        if !file.text.lines().any(|l| l.trim() == "import pulumi") {
            return None;
        }
        (concat_of_fstring(text)?, "build the string with `pulumi.Output.concat(...)`")
    } else {
        let imported = file.text.lines().any(|l| l.contains("* as pulumi from \"@pulumi/pulumi\"") || l.contains("* as pulumi from '@pulumi/pulumi'"));
        if !imported || !text.starts_with('`') {
            return None;
        }
        (format!("pulumi.interpolate{text}"), "tag the template literal with `pulumi.interpolate`")
    };
    Some(Fix { message: message.into(), edits: vec![Edit { span, replacement }], safe: true })
}

/// True when the string is part of a document serialised with `json.dumps` / `JSON.stringify`,
/// which cannot hold the Output the fix would put there (OUT002).
fn in_plain_json(p: &Program, span: Span) -> bool {
    let mut found = false;
    for r in &p.resources {
        for a in &r.args {
            a.value.walk(&mut |v| {
                if let pulint_model::ValueKind::Json { output_aware: false, value } = &v.kind {
                    let inside = |s: Span| s.file == span.file && s.start <= span.start && span.end <= s.end;
                    let mut holds = inside(v.span);
                    value.walk(&mut |w| holds |= inside(w.span));
                    found |= holds;
                }
            });
        }
    }
    found
}

/// `f"a-{x.id}-b"` as `pulumi.Output.concat("a-", x.id, "-b")`, for f-strings with plain
/// `{expression}` parts only (no format spec, conversion, nested braces or escapes).
fn concat_of_fstring(text: &str) -> Option<String> {
    let body = text.strip_prefix('f').or_else(|| text.strip_prefix('F'))?;
    let quote = body.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let inner = body.strip_prefix(quote)?.strip_suffix(quote)?;
    if inner.starts_with(quote) || inner.contains('\\') || inner.contains('\n') {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    let mut literal = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let mut expr = String::new();
                for e in chars.by_ref() {
                    if e == '}' {
                        break;
                    }
                    if matches!(e, '{' | ':' | '!' | '"' | '\'') {
                        return None;
                    }
                    expr.push(e);
                }
                if expr.trim().is_empty() {
                    return None;
                }
                if !literal.is_empty() {
                    parts.push(format!("{quote}{}{quote}", std::mem::take(&mut literal)));
                }
                parts.push(expr.trim().to_string());
            }
            '}' => return None,
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        parts.push(format!("{quote}{literal}{quote}"));
    }
    Some(format!("pulumi.Output.concat({})", parts.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::concat_of_fstring;

    #[test]
    fn fstrings() {
        assert_eq!(concat_of_fstring("f\"{bucket.arn}/*\"").as_deref(), Some("pulumi.Output.concat(bucket.arn, \"/*\")"));
        assert_eq!(concat_of_fstring("f'a-{x}-{{b}}'").as_deref(), Some("pulumi.Output.concat('a-', x, '-{b}')"));
        assert_eq!(concat_of_fstring("f\"{x:>10}\""), None);
        assert_eq!(concat_of_fstring("f\"{x!r}\""), None);
        assert_eq!(concat_of_fstring("\"plain\""), None);
    }
}
