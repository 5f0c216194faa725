//! IAM policy documents, wherever a program writes them: `json.dumps({...})`, `JSON.stringify`,
//! a JSON string literal, a TypeScript object given directly, or `aws.iam.getPolicyDocument(...)`.
//! Statements come out with the parts pulint knows; a part it does not know is `None`.

use std::borrow::Cow;

use pulint_model::{Program, Span, Value, ValueKind};

/// One statement with the facts rules need. Lists are `None` when not known.
pub struct Statement {
    pub effect_allow: Option<bool>,
    pub actions: Option<Vec<(String, Span)>>,
    pub not_actions: bool,
    pub resources: Option<Vec<(String, Span)>>,
    pub principals: Option<Vec<(String, Span)>>,
    pub has_condition: bool,
    pub span: Span,
}

/// The statements of the policy document a value holds, or None when it is not a known document.
pub fn statements(p: &Program, v: &Value) -> Option<Vec<Statement>> {
    let doc = document(p, v)?;
    let list = get_ci(&doc, &["statement", "statements"])?;
    let items: Vec<&Value> = match &p.resolve(list).kind {
        ValueKind::List(items) => items.iter().collect(),
        ValueKind::Object(_) => vec![list],
        _ => return None,
    };
    Some(items.into_iter().filter(|s| s.as_object().is_some()).map(|s| statement(p, s)).collect())
}

/// The document as an object value (borrowed from the program, or owned when JSON text is
/// parsed on the fly or an invoke's arguments are the document).
fn document<'a>(p: &'a Program, v: &'a Value) -> Option<Cow<'a, Value>> {
    let v = p.resolve(v);
    match &v.kind {
        ValueKind::Json { value, .. } => document(p, value),
        ValueKind::Object(_) => Some(Cow::Borrowed(v)),
        ValueKind::String(s) => crate::json_text::parse(s, v.span).map(Cow::Owned),
        ValueKind::InvokeResult { invoke, .. } => {
            let inv = p.invoke(*invoke);
            // The invoke's own arguments are the document (`statements=[...]`).
            inv.token.ends_with("getPolicyDocument").then(|| Cow::Owned(Value::new(ValueKind::Object(inv.args.clone()), inv.span)))
        }
        ValueKind::Apply { result, .. } => document(p, result),
        _ => None,
    }
}

fn statement(p: &Program, s: &Value) -> Statement {
    let effect_allow = match get_ci(s, &["effect"]) {
        None => Some(true),
        Some(e) => p.str_of(e).map(|e| e.eq_ignore_ascii_case("allow")),
    };
    let not_actions = get_ci(s, &["notaction", "notactions"]).is_some();
    let principals = get_ci(s, &["principal", "principals"]).map(|v| strings(p, v)).unwrap_or(Some(Vec::new()));
    Statement {
        effect_allow,
        actions: get_ci(s, &["action", "actions"]).map(|v| strings(p, v)).unwrap_or(Some(Vec::new())),
        not_actions,
        resources: get_ci(s, &["resource", "resources"]).map(|v| strings(p, v)).unwrap_or(Some(Vec::new())),
        principals,
        has_condition: get_ci(s, &["condition", "conditions"]).is_some(),
        span: s.span,
    }
}

/// A property by any of the given names, case-insensitively (`Action`, `actions`).
pub fn get_ci<'a>(v: &'a Value, names: &[&str]) -> Option<&'a Value> {
    v.as_object()?.iter().find(|p| names.iter().any(|n| p.key.canonical.eq_ignore_ascii_case(n))).map(|p| &p.value)
}

/// The strings a value holds (one string, a list, or the values of an object such as a
/// principal map); None when any part is not a known string.
fn strings(p: &Program, v: &Value) -> Option<Vec<(String, Span)>> {
    let v = p.resolve(v);
    match &v.kind {
        ValueKind::String(s) => Some(vec![(s.clone(), v.span)]),
        ValueKind::List(items) => {
            let mut out = Vec::new();
            for i in items {
                out.extend(strings(p, i)?);
            }
            Some(out)
        }
        ValueKind::Object(props) => {
            let mut out = Vec::new();
            for prop in props {
                // getPolicyDocument principals: [{type: "Service", identifiers: [...]}]
                if prop.key.canonical.eq_ignore_ascii_case("type") {
                    continue;
                }
                out.extend(strings(p, &prop.value)?);
            }
            Some(out)
        }
        ValueKind::Interp { parts, .. } => {
            let mut text = String::new();
            for part in parts {
                match p.str_of(part) {
                    Some(s) => text.push_str(s),
                    None => text.push_str("${?}"),
                }
            }
            Some(vec![(text, v.span)])
        }
        _ => None,
    }
}
