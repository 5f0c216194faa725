//! The one deterministic text form of a program, for lowering snapshots and `pulint dump`.

use crate::program::*;
use crate::source::Span;
use crate::token;
use crate::value::{PathElem, Prop, Value, ValueKind};
use std::fmt::Write;

/// Renders the whole program.
pub fn dump(p: &Program) -> String {
    let mut out = String::new();
    let s = &p.stack;
    let _ = writeln!(
        out,
        "stack project={} stack={} region={}",
        s.project.as_deref().unwrap_or("-"),
        s.name.as_deref().unwrap_or("-"),
        s.default_region.as_deref().unwrap_or("-")
    );
    for (key, value) in &s.config {
        let _ = writeln!(out, "  config {key} = {}", value_text(p, value));
    }
    for (id, f) in p.sources.files() {
        let host_id = p.sources.host_of(id);
        let host = if host_id != id { format!(" in {}", p.sources.get(host_id).path) } else { String::new() };
        let _ = writeln!(out, "file {} ({:?}){host}", f.path, f.kind);
    }
    for (i, r) in p.resources.iter().enumerate() {
        let _ = writeln!(out, "resource #{i} {} {} @ {}", r.token, value_text(p, &r.name), at(p, r.span));
        if let Some(b) = &r.binding {
            let _ = writeln!(out, "  binding {b}");
        }
        let _ = writeln!(out, "  provider {}", provider_text(p, r.provider, r.region.as_deref()));
        if let Some(parent) = r.parent {
            let _ = writeln!(out, "  parent {}", resource_ref(p, parent));
        }
        let mut flags = Vec::new();
        if r.multiplicity == Multiplicity::Many {
            flags.push("many");
        }
        if r.conditional {
            flags.push("conditional");
        }
        if r.in_apply {
            flags.push("in-apply");
        }
        if !flags.is_empty() {
            let _ = writeln!(out, "  flags {}", flags.join(" "));
        }
        if let Some(c) = r.created_by {
            let _ = writeln!(out, "  created-by {}", resource_ref(p, c));
        }
        props_text(p, &mut out, "arg", &r.args);
        props_text(p, &mut out, "opt", &r.options.props);
    }
    for (i, inv) in p.invokes.iter().enumerate() {
        let _ = writeln!(out, "invoke #{i} {}{} @ {}", inv.token, if inv.output_form { " (output)" } else { "" }, at(p, inv.span));
        let _ = writeln!(out, "  provider {}", provider_text(p, inv.provider, inv.region.as_deref()));
        props_text(p, &mut out, "arg", &inv.args);
        props_text(p, &mut out, "opt", &inv.options.props);
    }
    for c in &p.components {
        let _ = writeln!(
            out,
            "component {} {} registers-outputs={} @ {}",
            c.class_name,
            c.token.as_deref().unwrap_or("?"),
            c.registers_outputs,
            at(p, c.span)
        );
    }
    for e in &p.exports {
        let _ = writeln!(out, "export {} = {} ({:?}) @ {}", e.name, value_text(p, &e.value), e.scope, at(p, e.span));
    }
    for c in &p.config_reads {
        let _ = writeln!(
            out,
            "config-read {} {:?} default={} stack={} @ {}",
            c.qualified_key(),
            c.accessor,
            c.default.as_ref().map(|v| value_text(p, v)).unwrap_or_else(|| "-".into()),
            c.stack_value.as_ref().map(|v| value_text(p, v)).unwrap_or_else(|| "-".into()),
            at(p, c.span)
        );
    }
    for imp in &p.imports {
        let to = imp.resolved.map(|f| p.sources.get(f).path.clone()).unwrap_or_else(|| "unresolved".into());
        let _ = writeln!(out, "import {} -> {to} @ {}", imp.module, at(p, imp.span));
    }
    for o in &p.observations {
        let _ = match o {
            Observation::OutputInString { kind, output, span } => {
                writeln!(out, "observe output-in-{} {} @ {}", kind.describe(), value_text(p, output), at(p, *span))
            }
            Observation::OutputInJson { output, span } => {
                writeln!(out, "observe output-in-json {} @ {}", value_text(p, output), at(p, *span))
            }
            Observation::OutputAsPlain { output, span, context } => {
                writeln!(out, "observe output-as-{context} {} @ {}", value_text(p, output), at(p, *span))
            }
            Observation::AttributeBeforeAssignment { attribute, read, assigned } => {
                writeln!(out, "observe read-before-assignment {attribute} @ {} (assigned @ {})", at(p, *read), at(p, *assigned))
            }
            Observation::AllListInString { all, span } => {
                writeln!(out, "observe all-list-in-string @ {} (all @ {})", at(p, *span), at(p, *all))
            }
            Observation::KeyOverriddenBySpread { key, written, spread } => {
                writeln!(out, "observe key-overridden-by-spread {key} @ {} (spread @ {})", at(p, *written), at(p, *spread))
            }
        };
    }
    for (span, reason) in &p.unknowns {
        let _ = writeln!(out, "unknown {reason} @ {}", at(p, *span));
    }
    for n in &p.notes {
        let _ = writeln!(out, "note {:?} {} @ {}", n.kind, n.message, at(p, n.span));
    }
    for s in &p.suppressions {
        let _ = writeln!(out, "suppress [{}] {:?} @ {}", s.codes.join(","), s.scope, at(p, s.span));
    }
    out
}

fn props_text(p: &Program, out: &mut String, what: &str, props: &[Prop]) {
    for prop in props {
        let written = if prop.key.written != prop.key.canonical { format!(" ({})", prop.key.written) } else { String::new() };
        let _ = writeln!(out, "  {what} {}{written} = {}", prop.key.canonical, value_text(p, &prop.value));
    }
}

/// `path:line:col` in host coordinates.
pub fn at(p: &Program, span: Span) -> String {
    let r = p.sources.host_range(span);
    format!("{}:{}:{}", p.sources.get(r.file).path, r.start.line, r.start.column)
}

fn provider_text(p: &Program, u: ProviderUse, region: Option<&str>) -> String {
    let region = region.unwrap_or("?");
    match u {
        ProviderUse::Default => format!("default region={region}"),
        ProviderUse::Explicit(id) => format!("{} region={region}", resource_ref(p, id)),
        ProviderUse::Inherited { provider, via } => {
            format!("{} (from {}) region={region}", resource_ref(p, provider), resource_ref(p, via))
        }
        ProviderUse::Unknown => "unknown".into(),
    }
}

fn resource_ref(p: &Program, id: ResourceId) -> String {
    let r = p.resource(id);
    format!("#{} {}", id.0, r.logical_name().map(str::to_string).unwrap_or_else(|| value_text(p, &r.name)))
}

fn path_text(path: &[PathElem]) -> String {
    let mut s = String::new();
    for e in path {
        match e {
            PathElem::Attr(a) => {
                s.push('.');
                s.push_str(a);
            }
            PathElem::Index(i) => {
                let _ = write!(s, "[{i}]");
            }
            PathElem::Key(k) => {
                let _ = write!(s, "[{k:?}]");
            }
        }
    }
    s
}

/// A compact one-line rendering of a value.
pub fn value_text(p: &Program, v: &Value) -> String {
    match &v.kind {
        ValueKind::Null => "null".into(),
        ValueKind::Bool(b) => b.to_string(),
        ValueKind::Number(n) => number_text(*n),
        ValueKind::String(s) => format!("{s:?}"),
        ValueKind::List(items) => {
            let parts: Vec<_> = items.iter().map(|i| value_text(p, i)).collect();
            format!("[{}]", parts.join(", "))
        }
        ValueKind::Object(props) => {
            let parts: Vec<_> = props.iter().map(|pr| format!("{}: {}", pr.key.canonical, value_text(p, &pr.value))).collect();
            format!("{{{}}}", parts.join(", "))
        }
        ValueKind::Resource(id) => format!("<{} {}>", token::display(&p.resource(*id).token), resource_ref(p, *id)),
        ValueKind::Attr { resource, path } => format!("<{}>{}", resource_ref(p, *resource), path_text(path)),
        ValueKind::InvokeResult { invoke, path, .. } => {
            let name = p.invoke(*invoke).token.rsplit(':').next().unwrap_or("invoke").to_string();
            format!("{name}#{}(){}", invoke.0, path_text(path))
        }
        ValueKind::Config(id) => {
            let c = p.config_read(*id);
            let mut s = format!("config({})", c.qualified_key());
            if let Some(e) = c.effective() {
                let _ = write!(s, "={}", value_text(p, e));
            }
            s
        }
        ValueKind::Secret(inner) => format!("secret({})", value_text(p, inner)),
        ValueKind::Interp { kind, parts } => {
            let parts: Vec<_> = parts.iter().map(|x| value_text(p, x)).collect();
            format!("{}({})", kind.describe(), parts.join(", "))
        }
        ValueKind::Apply { inputs, result } => {
            let inputs: Vec<_> = inputs.iter().map(|x| value_text(p, x)).collect();
            format!("apply([{}] -> {})", inputs.join(", "), value_text(p, result))
        }
        ValueKind::All(items) => {
            let parts: Vec<_> = items.iter().map(|x| value_text(p, x)).collect();
            format!("all({})", parts.join(", "))
        }
        ValueKind::Json { output_aware, value } => {
            format!("{}({})", if *output_aware { "json-output" } else { "json" }, value_text(p, value))
        }
        ValueKind::Asset { kind, arg } => format!("{kind:?}({})", value_text(p, arg)),
        ValueKind::Unknown { reason, alternatives } if alternatives.is_empty() => format!("?({reason})"),
        ValueKind::Unknown { reason, alternatives } => {
            let alts: Vec<_> = alternatives.iter().map(|x| value_text(p, x)).collect();
            format!("?({reason}; one of {})", alts.join(" | "))
        }
    }
}

pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// How a message names a value: the user's binding for resource attributes (`bucket.arn`).
pub fn describe(p: &Program, v: &Value) -> String {
    match &v.kind {
        ValueKind::Attr { resource, path } => {
            let r = p.resource(*resource);
            let base = r.binding.clone().or_else(|| r.logical_name().map(str::to_string)).unwrap_or_else(|| token::display(&r.token));
            format!("`{base}{}`", path_text(path))
        }
        ValueKind::InvokeResult { invoke, path, .. } => {
            let name = p.invoke(*invoke).token.rsplit(':').next().unwrap_or("invoke").to_string();
            format!("`{name}(){}`", path_text(path))
        }
        ValueKind::Apply { .. } => "an `apply` result".into(),
        ValueKind::All(_) => "an `Output.all` result".into(),
        ValueKind::Secret(_) => "a secret".into(),
        ValueKind::Config(id) => format!("secret config `{}`", p.config_read(*id).key),
        ValueKind::Interp { kind, .. } => format!("a `{}` result", kind.describe()),
        ValueKind::Json { .. } => "a JSON Output".into(),
        _ => value_text(p, v),
    }
}
