//! Arguments checked against the schema: every property a resource or invoke is given, at every
//! depth, compared with the inputs the schema declares for that place. VAL002–VAL004 each report
//! one kind of [`Issue`].

use pulint_model::{FileKind, Program, Prop, Resource, Span, Value, ValueKind};
use pulint_schema::{Property, Schema, Ty, closest, find};

/// Resource options every resource accepts as `opts`; written as arguments they are a mistake of
/// their own (the SDK rejects them as unexpected keywords).
pub const OPTIONS: &[&str] = &[
    "dependsOn", "parent", "provider", "providers", "protect", "ignoreChanges", "deleteBeforeReplace", "retainOnDelete",
    "customTimeouts", "aliases", "import", "replaceOnChanges", "transformations", "transforms", "additionalSecretOutputs",
];

pub enum Issue<'a> {
    /// A property the schema does not have at this place.
    Unknown { key: &'a Prop, owner: String, suggestion: Option<String>, removed: Option<&'a str>, option: bool },
    /// A list where a single object is expected, an object where a list is, or either where a
    /// plain value is.
    Shape { key: &'a Prop, owner: String, expected: &'static str, got: &'static str },
    /// A required property that is absent.
    Missing { at: Span, owner: String, name: String },
    /// A literal of another scalar type than the schema's, in TypeScript (where it does not
    /// compile; Python passes it and the provider converts it).
    Type { value: &'a Value, owner: String, expected: &'static str, got: &'static str },
}

/// The issues of every created resource's and invoke's arguments, in program order.
pub fn program_issues(p: &Program) -> Vec<Issue<'_>> {
    let mut out: Vec<Issue> = crate::query::created(p).flat_map(|(_, r)| resource_issues(p, r)).collect();
    out.extend(invoke_issues(p));
    out
}

/// The issues of one resource's arguments (none for types the schema does not know).
pub fn resource_issues<'a>(p: &'a Program, r: &'a Resource) -> Vec<Issue<'a>> {
    let schema = Schema::aws();
    let Some(rs) = schema.resource(&r.token) else { return Vec::new() };
    let imported = r.options.get("import").is_some() || r.options.get("urn").is_some();
    let call = Call { token: &r.token, inputs: rs.inputs(), args: &r.args, at: r.callee_span, span: r.span, check_required: !imported };
    call_issues(p, schema, call)
}

/// The issues of every invoke's arguments.
pub fn invoke_issues<'a>(p: &'a Program) -> Vec<Issue<'a>> {
    let schema = Schema::aws();
    let mut out = Vec::new();
    for inv in &p.invokes {
        let Some(f) = schema.function(&inv.token) else { continue };
        out.extend(call_issues(p, schema, Call { token: &inv.token, inputs: f.inputs(), args: &inv.args, at: inv.span, span: inv.span, check_required: true }));
    }
    out
}

/// A resource construction or an invoke, as far as argument checking goes.
struct Call<'a> {
    token: &'a str,
    inputs: &'a [Property],
    args: &'a [Prop],
    /// Where a missing argument is reported.
    at: Span,
    span: Span,
    check_required: bool,
}

/// Where a property sits, for messages: a call (by token) or a property inside an outer place.
/// Rendered only when an issue is found; most values have none.
#[derive(Clone, Copy)]
enum Place<'a> {
    Call(&'a str),
    Field { name: &'a str, python: bool, outer: &'a Place<'a> },
}

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Call(token) => f.write_str(&pulint_model::token::display(token)),
            Place::Field { name, python, outer } => write!(f, "`{}` of {outer}", spelled(name, *python)),
        }
    }
}

fn call_issues<'a>(p: &'a Program, schema: &'static Schema, c: Call<'a>) -> Vec<Issue<'a>> {
    let python = p.sources.get(c.span.file).kind == FileKind::Python;
    let mut out = Vec::new();
    let owner = Place::Call(c.token);
    for a in c.args {
        if matches!(a.key.canonical.as_str(), "*" | "**") {
            continue;
        }
        match find(c.inputs, &a.key.canonical) {
            Some(prop) => check_value(p, schema, prop, a, &owner, python, &mut out),
            None => {
                let option = OPTIONS.contains(&a.key.canonical.as_str());
                let gone = schema.removed_input(c.token, &a.key.canonical);
                let removed = gone.map(|pr| pr.deprecated.as_deref().unwrap_or(""));
                let suggestion = if option || removed.is_some() {
                    None
                } else {
                    closest(&a.key.written, c.inputs.iter().map(|i| i.name.as_str())).map(|n| spelled(n, python))
                };
                out.push(Issue::Unknown { key: a, owner: owner.to_string(), suggestion, removed, option });
            }
        }
    }
    let complete = !c.args.iter().any(|a| matches!(a.key.canonical.as_str(), "*" | "**"));
    if c.check_required && complete && !crate::query::elided(p, c.span) {
        for req in c.inputs.iter().filter(|i| i.required) {
            if !c.args.iter().any(|a| pulint_schema::same_name(&a.key.canonical, &req.name)) {
                out.push(Issue::Missing { at: c.at, owner: owner.to_string(), name: spelled(&req.name, python) });
            }
        }
    }
    out
}

fn check_value<'a>(p: &'a Program, schema: &Schema, prop: &Property, a: &'a Prop, owner: &Place<'_>, python: bool, out: &mut Vec<Issue<'a>>) {
    let v = p.resolve(&a.value);
    let alts = prop.ty.alternatives();
    if alts.iter().any(|t| matches!(t, Ty::Any)) {
        return;
    }
    let accepts_list = alts.iter().any(|t| matches!(t, Ty::List(_)));
    let object_key = alts.iter().find_map(|t| match t {
        Ty::Object(k) => Some(k.as_str()),
        _ => None,
    });
    let accepts_object = object_key.is_some() || alts.iter().any(|t| matches!(t, Ty::Map(_)));
    let here = Place::Field { name: &prop.name, python, outer: owner };
    if !python && let Some((expected, got)) = scalar_mismatch(&a.value, alts) {
        out.push(Issue::Type { value: &a.value, owner: here.to_string(), expected, got });
    }
    match &v.kind {
        ValueKind::List(items) => {
            if !accepts_list {
                let expected = if accepts_object { "a single object" } else { "a single value" };
                out.push(Issue::Shape { key: a, owner: here.to_string(), expected, got: "a list" });
                return;
            }
            let element = alts.iter().find_map(|t| match t {
                Ty::List(inner) => Some(inner.as_ref()),
                _ => None,
            });
            if let Some(Ty::Object(k)) = element {
                for item in items {
                    if let ValueKind::Object(props) = &p.resolve(item).kind {
                        check_object(p, schema, k, props, item.span, &here, python, out);
                    }
                }
            }
        }
        ValueKind::Object(props) => {
            // A map of text (`configuration`, `tags`): each written value must be text too.
            if !python && object_key.is_none() && alts.iter().any(|t| matches!(t, Ty::Map(inner) if **inner == Ty::String)) {
                // One finding per map, at its first wrong entry: a generated map may hold
                // thousands.
                let mut wrong = props.iter().filter_map(|q| scalar_mismatch(&q.value, &[Ty::String]).map(|m| (q, m)));
                if let Some((q, (expected, got))) = wrong.next() {
                    let more = wrong.count();
                    let also = if more > 0 { format!(" (and {more} more)") } else { String::new() };
                    out.push(Issue::Type { value: &q.value, owner: format!("`{}` in {here}{also}", q.key.written), expected, got });
                }
            }
            if let Some(k) = object_key {
                check_object(p, schema, k, props, v.span, &here, python, out);
            } else if !accepts_object && !alts.iter().any(|t| matches!(t, Ty::String)) {
                // JSON-shaped strings (policies) are written as objects in TypeScript and
                // serialised by the SDK only where the schema says so; elsewhere an object is wrong.
                let expected = if accepts_list { "a list" } else { "a single value" };
                out.push(Issue::Shape { key: a, owner: here.to_string(), expected, got: "an object" });
            }
        }
        _ => {}
    }
}

/// A literal written where the schema wants another scalar type (only literals written as
/// such: config reads and computed values have the types of the calls that made them), as
/// (expected, got).
fn scalar_mismatch(v: &Value, alts: &[Ty]) -> Option<(&'static str, &'static str)> {
    let got = match v.kind {
        ValueKind::String(_) => "text",
        ValueKind::Number(_) => "a number",
        ValueKind::Bool(_) => "a boolean",
        _ => return None,
    };
    let accepts = |t: &Ty| match t {
        Ty::String | Ty::Enum(_) => got == "text",
        Ty::Integer | Ty::Number => got == "a number",
        Ty::Boolean => got == "a boolean",
        _ => true,
    };
    if alts.is_empty() || alts.iter().any(accepts) {
        return None;
    }
    let expected = match alts[0] {
        Ty::String | Ty::Enum(_) => "text",
        Ty::Integer | Ty::Number => "a number",
        Ty::Boolean => "a boolean",
        _ => return None,
    };
    Some((expected, got))
}

#[allow(clippy::too_many_arguments)]
fn check_object<'a>(p: &'a Program, schema: &Schema, key: &str, props: &'a [Prop], span: Span, owner: &Place<'_>, python: bool, out: &mut Vec<Issue<'a>>) {
    // The IAM policy document types are an overlay whose keys are JSON's (`Statement`,
    // `Principal.Service`), not schema names; policies are judged by the SEC rules.
    if key.contains("PolicyDocument") || key.contains("PolicyStatement") {
        return;
    }
    let Some(expected) = schema.nested(key) else { return };
    let complete = !props.iter().any(|q| matches!(q.key.canonical.as_str(), "*" | "**")) && !crate::query::elided(p, span);
    for q in props {
        if matches!(q.key.canonical.as_str(), "*" | "**") {
            continue;
        }
        match find(expected, &q.key.canonical) {
            Some(prop) => check_value(p, schema, prop, q, owner, python, out),
            None => {
                let suggestion = closest(&q.key.written, expected.iter().map(|i| i.name.as_str())).map(|n| spelled(n, python));
                out.push(Issue::Unknown { key: q, owner: owner.to_string(), suggestion, removed: None, option: false });
            }
        }
    }
    if complete {
        for req in expected.iter().filter(|i| i.required) {
            if !props.iter().any(|q| pulint_schema::same_name(&q.key.canonical, &req.name)) {
                out.push(Issue::Missing { at: span, owner: owner.to_string(), name: spelled(&req.name, python) });
            }
        }
    }
}

/// A schema name as the program's language writes it (`cidrBlock` -> `cidr_block` in Python).
pub fn spelled(name: &str, python: bool) -> String {
    if !python {
        return name.to_string();
    }
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower = i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            // An acronym's last capital starts the next word (`HTTPHeader`), but not a plural `s`
            // (`instanceIDs` -> `instance_ids`).
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase()) && !(chars[i + 1] == 's' && i + 2 == chars.len());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if i > 0 && (prev_lower || prev_upper && next_lower) {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(*c);
        }
    }
    out
}

/// Whether the code at `span` is Python, so messages name arguments as the program writes them.
pub fn python(p: &Program, span: Span) -> bool {
    p.sources.get(span.file).kind == FileKind::Python
}

/// Whether a resource's arguments are all written out, so a missing one is really missing: no
/// spread, no elision comment, not `Resource(...)` with an ellipsis for its arguments.
pub fn written_out(p: &Program, r: &Resource) -> bool {
    let ellipsis = matches!(&r.name.kind, ValueKind::Unknown { reason, .. } if reason == "ellipsis");
    crate::query::args_complete(r) && !ellipsis && !crate::query::elided(p, r.span)
}

/// Whether a value is known well enough to judge (not unknown, not computed at run time).
pub fn literal(v: &Value) -> bool {
    matches!(v.kind, ValueKind::String(_) | ValueKind::Number(_) | ValueKind::Bool(_) | ValueKind::List(_) | ValueKind::Object(_))
}

#[cfg(test)]
mod tests {
    use super::spelled;

    #[test]
    fn python_spelling() {
        assert_eq!(spelled("cidrBlock", true), "cidr_block");
        assert_eq!(spelled("instanceIDs", true), "instance_ids");
        assert_eq!(spelled("s3UsePathStyle", true), "s3_use_path_style");
        assert_eq!(spelled("cidrBlock", false), "cidrBlock");
        assert_eq!(spelled("HTTPHeader", true), "http_header");
    }
}
