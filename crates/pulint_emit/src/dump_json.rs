//! `pulint dump --format json`: the lowered model as JSON.

use pulint_model::dump::{number_text, value_text};
use pulint_model::*;
use serde_json::{json, Map, Value as J};

fn pos(p: &Program, span: Span) -> (String, u32, u32) {
    let r = p.sources.host_range(span);
    (p.sources.get(r.file).path.clone(), r.start.line, r.start.column)
}

/// A model value as JSON: literals as themselves, the rest as tagged objects.
pub fn value(p: &Program, v: &Value) -> J {
    match &v.kind {
        ValueKind::Null => J::Null,
        ValueKind::Bool(b) => J::Bool(*b),
        ValueKind::Number(n) => number_text(*n).parse::<serde_json::Number>().map(J::Number).unwrap_or(J::Null),
        ValueKind::String(s) => J::String(s.clone()),
        ValueKind::List(items) => J::Array(items.iter().map(|i| value(p, i)).collect()),
        ValueKind::Object(props) => {
            let mut m = Map::new();
            for pr in props {
                m.insert(pr.key.canonical.clone(), value(p, &pr.value));
            }
            J::Object(m)
        }
        ValueKind::Unknown { reason, alternatives } if alternatives.is_empty() => json!({ "$unknown": reason }),
        ValueKind::Unknown { reason, alternatives } => {
            json!({ "$unknown": reason, "one_of": alternatives.iter().map(|a| value(p, a)).collect::<Vec<_>>() })
        }
        ValueKind::Config(id) => {
            let c = p.config_read(*id);
            json!({ "$config": c.qualified_key(), "default": c.default.as_ref().map(|d| value(p, d)), "stack": c.stack_value.as_ref().map(|d| value(p, d)) })
        }
        ValueKind::Resource(id) => json!({ "$resource": resource_name(p, *id) }),
        _ => json!({ "$expr": value_text(p, v) }),
    }
}

/// A resource's logical name; parts pulint cannot know are shown as `{...}` holes.
fn resource_name(p: &Program, id: ResourceId) -> J {
    J::String(name_pattern(p, &p.resource(id).name))
}

fn name_pattern(p: &Program, v: &Value) -> String {
    let v = p.resolve(v);
    match &v.kind {
        ValueKind::String(s) => s.clone(),
        ValueKind::Number(n) => number_text(*n),
        ValueKind::Interp { parts, .. } => parts.iter().map(|x| name_pattern(p, x)).collect(),
        ValueKind::Config(id) => format!("{{{}}}", p.config_read(*id).key),
        _ => "{?}".to_string(),
    }
}

fn props(p: &Program, props: &[Prop]) -> J {
    let mut m = Map::new();
    for pr in props {
        m.insert(pr.key.canonical.clone(), value(p, &pr.value));
    }
    J::Object(m)
}

fn provider(p: &Program, u: ProviderUse) -> J {
    match u.provider() {
        Some(id) => resource_name(p, id),
        None => J::Null,
    }
}

/// The whole model as one JSON object.
pub fn render(p: &Program) -> J {
    let resources: Vec<J> = p
        .resources
        .iter()
        .filter(|r| r.kind != ResourceKind::Provider)
        .map(|r| {
            let (file, line, column) = pos(p, r.span);
            json!({
                "token": r.token,
                "name": literal_name(p, &r.name),
                "file": file, "line": line, "column": column,
                "embedded_path": p.sources.get(r.span.file).embedded_name(),
                "kind": format!("{:?}", r.kind).to_lowercase(),
                "binding": r.binding,
                "provider": provider(p, r.provider),
                "provider_resolution": match r.provider { ProviderUse::Default => "default", ProviderUse::Explicit(_) => "explicit", ProviderUse::Inherited { .. } => "inherited", ProviderUse::Unknown => "unknown" },
                "region": r.region,
                "parent": r.parent.map(|id| resource_name(p, id)),
                "many": r.multiplicity == Multiplicity::Many,
                "conditional": r.conditional,
                "in_apply": r.in_apply,
                "args": props(p, &r.args),
                "options": props(p, &r.options.props),
            })
        })
        .collect();
    let providers: Vec<J> = p
        .providers()
        .map(|(_, r)| {
            let (file, line, column) = pos(p, r.span);
            json!({ "token": r.token, "name": literal_name(p, &r.name), "file": file, "line": line, "column": column, "region": r.region, "args": props(p, &r.args) })
        })
        .collect();
    let invokes: Vec<J> = p
        .invokes
        .iter()
        .map(|i| {
            let (file, line, column) = pos(p, i.span);
            json!({ "token": i.token, "file": file, "line": line, "column": column, "output": i.output_form, "provider": provider(p, i.provider), "region": i.region, "args": props(p, &i.args) })
        })
        .collect();
    let exports: Vec<J> = p
        .exports
        .iter()
        .map(|e| {
            let (file, line, column) = pos(p, e.span);
            json!({ "name": e.name, "value": value(p, &e.value), "scope": format!("{:?}", e.scope).to_lowercase(), "file": file, "line": line, "column": column })
        })
        .collect();
    let config_reads: Vec<J> = p
        .config_reads
        .iter()
        .map(|c| {
            let (file, line, column) = pos(p, c.span);
            json!({ "key": c.qualified_key(), "accessor": format!("{:?}", c.accessor), "secret": c.accessor.is_secret(), "default": c.default.as_ref().map(|d| value(p, d)), "stack_value": c.stack_value.as_ref().map(|d| value(p, d)), "file": file, "line": line, "column": column })
        })
        .collect();
    let unknowns: Vec<J> = p
        .unknowns
        .iter()
        .map(|(span, reason)| {
            let (file, line, column) = pos(p, *span);
            json!({ "reason": reason, "file": file, "line": line, "column": column })
        })
        .collect();
    let notes: Vec<J> = p
        .notes
        .iter()
        .map(|n| {
            let (file, line, column) = pos(p, n.span);
            json!({ "kind": format!("{:?}", n.kind), "message": n.message, "file": file, "line": line, "column": column })
        })
        .collect();
    json!({
        "version": 1,
        "stack": { "project": p.stack.project, "name": p.stack.name, "default_region": p.stack.default_region },
        "resources": resources,
        "providers": providers,
        "invokes": invokes,
        "exports": exports,
        "config_reads": config_reads,
        "components": p.components.iter().map(|c| json!({ "class": c.class_name, "token": c.token, "registers_outputs": c.registers_outputs })).collect::<Vec<_>>(),
        "unknowns": unknowns,
        "notes": notes,
    })
}

/// The logical name when known, resolving config reads and literal interpolations.
fn literal_name(p: &Program, v: &Value) -> J {
    match literal_string(p, v) {
        Some(s) => J::String(s),
        None => J::Null,
    }
}

fn literal_string(p: &Program, v: &Value) -> Option<String> {
    let v = p.resolve(v);
    match &v.kind {
        ValueKind::String(s) => Some(s.clone()),
        ValueKind::Number(n) => Some(number_text(*n)),
        ValueKind::Interp { parts, .. } => parts.iter().map(|x| literal_string(p, x)).collect(),
        _ => None,
    }
}
