//! Helpers shared by the OPS rules: how names are built, which resources are taggable.

use pulint_model::{ConfigAccessor, Program, Value, ValueKind};

/// A symbolic rendering of a string value: literal text as is, each dynamic part as a marker
/// naming where it comes from (`\u{1}cfg:environmentSuffix\u{1}`, `\u{1}#3.name\u{1}`). `None`
/// when some part is not known at all. Two values with the same rendering yield the same text at
/// run time.
pub fn render(p: &Program, v: &Value) -> Option<String> {
    let mut out = String::new();
    render_into(p, v, &mut out, 0)?;
    Some(out)
}

fn render_into(p: &Program, v: &Value, out: &mut String, depth: u32) -> Option<()> {
    if depth > 8 {
        return None;
    }
    match &v.kind {
        ValueKind::String(s) => out.push_str(s),
        ValueKind::Number(n) if n.fract() == 0.0 => out.push_str(&format!("{n}")),
        ValueKind::Interp { parts, .. } => {
            for part in parts {
                render_into(p, part, out, depth + 1)?;
            }
        }
        ValueKind::Config(id) => {
            let c = p.config_read(*id);
            match c.effective() {
                Some(e) => render_into(p, e, out, depth + 1)?,
                None => out.push_str(&format!("\u{1}cfg:{}\u{1}", c.key)),
            }
        }
        ValueKind::Attr { resource, path } => {
            out.push_str(&format!("\u{1}#{}", resource.0));
            for e in path {
                out.push_str(&format!(".{e:?}"));
            }
            out.push('\u{1}');
        }
        ValueKind::Unknown { .. } => {
            // A parameter or field pulint cannot evaluate: the same simple expression (such as
            // `self.environment_suffix`) in the same file stands for the same value.
            let t = simple_text(p, v.span)?;
            out.push_str(&format!("\u{1}txt:{}:{t}\u{1}", v.span.file.0));
        }
        _ => return None,
    }
    Some(())
}

/// The literal text a name starts with (`/aws/lambda/` of `f"/aws/lambda/{x}"`).
pub fn literal_prefix(v: &Value) -> Option<&str> {
    match &v.kind {
        ValueKind::String(s) => Some(s),
        ValueKind::Interp { parts, .. } => parts.first()?.as_str(),
        _ => None,
    }
}

/// True when a config read is the kind a program uses to tell stacks apart.
pub fn is_env_read(key: &str, accessor: ConfigAccessor) -> bool {
    if accessor == ConfigAccessor::StackName {
        return true;
    }
    let k: String = key.to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    k.contains("suffix") || k == "stage" || k == "env" || k == "environment" || k.ends_with("stack")
}

/// The text of an expression pulint could not evaluate when it is a plain name or field path
/// (`self.environment_suffix`, `args.env`): rules judge such values by how the program names them.
pub fn simple_text(p: &Program, span: pulint_model::Span) -> Option<&str> {
    let t = text_of(p, span);
    let simple = !t.is_empty() && t.len() < 60 && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') && !t.starts_with(|c: char| c.is_ascii_digit());
    simple.then_some(t)
}

/// The expressions interpolated into an f-string or template literal, from its source text
/// (`{self.env_suffix}`, `${suffix}`); none for other text.
pub fn holes(t: &str) -> Vec<&str> {
    let python = t.starts_with(['f', 'F']) || t.len() > 1 && t.starts_with(['r', 'R']) && t[1..].starts_with(['f', 'F']);
    // The whole text is the literal (not `f"..."[:21]`).
    let closed = if python { t.ends_with(['"', '\'']) } else { t.len() > 1 && t.starts_with('`') && t.ends_with('`') };
    if !closed {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        if python && after.starts_with('{') {
            rest = &after[1..];
            continue;
        }
        if !python && !rest[..i].ends_with('$') {
            rest = after;
            continue;
        }
        let Some(j) = after.find('}') else { break };
        out.push(&after[..j]);
        rest = &after[j + 1..];
    }
    out
}

/// The text a span covers.
pub use crate::query::text_of;

/// Evidence that the program deploys a development or test stack: an environment read
/// (suffix, stage, environment, stack name) whose known value or default is dev-like. Returns
/// the read's key and value.
pub fn dev_stack(p: &Program) -> Option<(String, String)> {
    let mut found = None;
    for c in &p.config_reads {
        if !is_env_read(&c.key, c.accessor) {
            continue;
        }
        let Some(v) = p.str_of(c.effective()?) else { continue };
        let lower = v.to_ascii_lowercase();
        if prod_like(&lower) {
            return None;
        }
        if found.is_none() && dev_like(&lower) {
            found = Some((c.key.clone(), v.to_string()));
        }
    }
    if found.is_none()
        && let Some(name) = &p.stack.name
        && dev_like(&name.to_ascii_lowercase())
    {
        return Some(("stack".into(), name.clone()));
    }
    found
}

fn dev_like(v: &str) -> bool {
    matches!(v, "dev" | "development" | "test" | "testing" | "qa" | "sandbox" | "ci" | "local" | "demo" | "tmp" | "temp" | "ephemeral")
        || v.starts_with("dev-")
        || (v.starts_with("pr") && v.len() > 2 && v[2..].chars().all(|c| c.is_ascii_digit()))
}

/// True when an environment read names production.
pub fn prod_like(v: &str) -> bool {
    matches!(v, "prod" | "production" | "prd" | "live")
}

/// True when the program says it deploys production.
pub fn prod_stack(p: &Program) -> bool {
    p.config_reads.iter().any(|c| {
        is_env_read(&c.key, c.accessor) && c.effective().and_then(|v| p.str_of(v)).is_some_and(|v| prod_like(&v.to_ascii_lowercase()))
    }) || p.stack.name.as_deref().is_some_and(|n| prod_like(&n.to_ascii_lowercase()))
}

pub use crate::query::elided;
