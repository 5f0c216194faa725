//! Symbolic values: what an argument evaluates to, as far as pulint can tell without running it.
//!
//! Every value carries the span of the expression it came from. [`ValueKind::Unknown`] is explicit
//! and carries its reason; rules stay silent on it.

use crate::program::{ConfigReadId, InvokeId, ResourceId};
use crate::source::Span;

/// Unknown reasons of values that differ on every run of the program. The evaluator keeps them
/// through the calls and methods that derive new values, so a rule can tell "regenerated on every
/// `pulumi up`" from merely "not known".
pub const RANDOM_REASON: &str = "random value";
pub const TIME_REASON: &str = "current time";

/// The unknown reason of a name the program reads but never binds (code the document leaves
/// out): `` `name` `` followed by this suffix.
pub const UNDEFINED_SUFFIX: &str = " is not defined in the program";

/// The most alternatives an unknown value keeps (see [`ValueKind::Unknown`]).
pub const MAX_ALTERNATIVES: usize = 16;

#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

/// A property of an object, or an argument of a resource: canonical (schema) name plus the user's
/// spelling and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Prop {
    pub key: Key,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The schema spelling (`cidrBlock`); for maps (tags), the key as written.
    pub canonical: String,
    /// As the user wrote it (`cidr_block`).
    pub written: String,
    pub span: Span,
}

/// One step of an attribute path: `vpc.id`, `azs.names[0]`, `cfg["region"]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathElem {
    Attr(String),
    Index(i64),
    Key(String),
}

/// How strings were put together. The plain kinds turn an Output into its placeholder text at run
/// time; the Output-aware kinds wait for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InterpKind {
    /// Python f-string.
    FString,
    /// TypeScript/JavaScript template literal.
    Template,
    /// `a + b` on strings.
    Concat,
    /// `"...".format(...)`, `"%s" % x`.
    Format,
    /// `str(x)`, `String(x)`, `x.toString()`.
    ToString,
    /// `"-".join([...])`, `[...].join("-")`.
    Join,
    /// `pulumi.Output.concat(...)`, `pulumi.concat(...)`.
    OutputConcat,
    /// `pulumi.Output.format(...)`.
    OutputFormat,
    /// `pulumi.interpolate` tagged template.
    Interpolate,
}

impl InterpKind {
    /// True when the construct waits for Outputs instead of stringifying them.
    pub fn is_output_aware(self) -> bool {
        matches!(self, InterpKind::OutputConcat | InterpKind::OutputFormat | InterpKind::Interpolate)
    }

    pub fn describe(self) -> &'static str {
        match self {
            InterpKind::FString => "f-string",
            InterpKind::Template => "template literal",
            InterpKind::Concat => "string concatenation",
            InterpKind::Format => "string formatting",
            InterpKind::ToString => "string conversion",
            InterpKind::Join => "join",
            InterpKind::OutputConcat => "Output.concat",
            InterpKind::OutputFormat => "Output.format",
            InterpKind::Interpolate => "pulumi.interpolate",
        }
    }
}

/// Asset and archive constructors (`pulumi.FileArchive("./lambda")`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssetKind {
    FileAsset,
    StringAsset,
    RemoteAsset,
    FileArchive,
    AssetArchive,
    RemoteArchive,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    Object(Vec<Prop>),
    /// The resource object itself (`depends_on=[vpc]`, `provider=east`, `parent=self`).
    Resource(ResourceId),
    /// An output attribute of a resource (`vpc.id`, `bucket.arn`); an Output at run time.
    Attr { resource: ResourceId, path: Vec<PathElem> },
    /// The result of an invoke, or a part of it (`azs.names[0]`). `output` is true for the
    /// `...Output` forms, whose results are Outputs.
    InvokeResult { invoke: InvokeId, path: Vec<PathElem>, output: bool },
    /// A read of stack configuration; see [`crate::ConfigRead`] for its key, default and value.
    Config(ConfigReadId),
    /// `pulumi.secret(x)`, `pulumi.Output.secret(x)`.
    Secret(Box<Value>),
    /// Strings put together; parts that are strings are literal text.
    Interp { kind: InterpKind, parts: Vec<Value> },
    /// `x.apply(fn)`, `Output.all(...).apply(fn)`: an Output computed from `inputs`; `result` is
    /// what the callback returns, evaluated with its parameters unknown.
    Apply { inputs: Vec<Value>, result: Box<Value> },
    /// `Output.all(...)` / `pulumi.all(...)` before an apply.
    All(Vec<Value>),
    /// `json.dumps(x)` / `JSON.stringify(x)` (`output_aware: false`), or the Output-aware
    /// `Output.json_dumps` / `pulumi.jsonStringify` (`output_aware: true`).
    Json { output_aware: bool, value: Box<Value> },
    Asset { kind: AssetKind, arg: Box<Value> },
    /// A value pulint cannot know, and why. `alternatives` are values it may have on paths the
    /// evaluator could not decide between (`a || "literal"`, a function returning a lookup on one
    /// path and a literal on another, an item of a known list at an unknown index); they are not
    /// all its values, only the ones that are known. [`Value::walk`] does not visit them: the value
    /// is unknown to every rule, and only rules that judge a literal as a defect by itself (a
    /// literal secret, a placeholder ID, a hard-coded zone) look at them, with
    /// [`Value::alternatives`].
    Unknown { reason: String, alternatives: Vec<Value> },
}

impl Value {
    pub fn new(kind: ValueKind, span: Span) -> Self {
        Value { kind, span }
    }

    pub fn unknown(reason: impl Into<String>, span: Span) -> Self {
        Value { kind: ValueKind::Unknown { reason: reason.into(), alternatives: Vec::new() }, span }
    }

    /// An unknown that may be one of `alternatives` (see [`ValueKind::Unknown`]). Unknown
    /// alternatives are dropped and nested ones flattened; at most [`MAX_ALTERNATIVES`] are kept,
    /// duplicates once.
    pub fn undecided(reason: impl Into<String>, alternatives: impl IntoIterator<Item = Value>, span: Span) -> Self {
        let mut alts: Vec<Value> = Vec::new();
        for a in alternatives {
            match a.kind {
                ValueKind::Unknown { alternatives: nested, .. } => {
                    for n in nested {
                        if alts.len() < MAX_ALTERNATIVES && !alts.contains(&n) {
                            alts.push(n);
                        }
                    }
                }
                _ if alts.len() < MAX_ALTERNATIVES && !alts.contains(&a) => alts.push(a),
                _ => {}
            }
        }
        Value { kind: ValueKind::Unknown { reason: reason.into(), alternatives: alts }, span }
    }

    /// The known values an unknown may have on paths pulint could not decide between; empty for
    /// every other value. Only for rules that judge a literal by itself: a rule that needs to know
    /// *the* value must treat the value as unknown.
    pub fn alternatives(&self) -> &[Value] {
        match &self.kind {
            ValueKind::Unknown { alternatives, .. } => alternatives,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            ValueKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self.kind {
            ValueKind::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match &self.kind {
            ValueKind::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Prop]> {
        match &self.kind {
            ValueKind::Object(props) => Some(props),
            _ => None,
        }
    }

    /// The property of an object value by canonical name.
    pub fn get(&self, canonical: &str) -> Option<&Value> {
        self.as_object()?.iter().find(|p| p.key.canonical == canonical).map(|p| &p.value)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.kind, ValueKind::Unknown { .. })
    }

    /// The resource this value is (`vpc`) or reads an attribute of (`vpc.id`).
    pub fn resource(&self) -> Option<ResourceId> {
        match &self.kind {
            ValueKind::Resource(r) | ValueKind::Attr { resource: r, .. } => Some(*r),
            _ => None,
        }
    }

    /// True when this value is a Pulumi Output at run time (not a plain value).
    pub fn is_output(&self) -> bool {
        match &self.kind {
            ValueKind::Attr { .. } | ValueKind::Apply { .. } | ValueKind::All(_) | ValueKind::Secret(_) => true,
            ValueKind::InvokeResult { output, .. } => *output,
            ValueKind::Interp { kind, .. } => kind.is_output_aware(),
            ValueKind::Json { output_aware, .. } => *output_aware,
            _ => false,
        }
    }

    /// The first run-dependent unknown ([`RANDOM_REASON`], [`TIME_REASON`]) inside this value:
    /// its reason and where it was computed.
    pub fn volatile(&self) -> Option<(&'static str, Span)> {
        let mut found = None;
        self.walk(&mut |v| {
            if found.is_none()
                && let ValueKind::Unknown { reason: r, .. } = &v.kind
            {
                found = [RANDOM_REASON, TIME_REASON].into_iter().find(|k| k == r).map(|k| (k, v.span));
            }
        });
        found
    }

    /// Visits this value and every value nested in it, depth first; not the alternatives of an
    /// unknown value. Generic over the visitor so that its body is inlined into the traversal
    /// (rules walk every argument of every resource, several times each).
    pub fn walk<'a, F: FnMut(&'a Value) + ?Sized>(&'a self, f: &mut F) {
        f(self);
        match &self.kind {
            ValueKind::List(items) | ValueKind::All(items) => items.iter().for_each(|v| v.walk(f)),
            ValueKind::Object(props) => props.iter().for_each(|p| p.value.walk(f)),
            ValueKind::Interp { parts, .. } => parts.iter().for_each(|v| v.walk(f)),
            ValueKind::Secret(v) | ValueKind::Json { value: v, .. } | ValueKind::Asset { arg: v, .. } => v.walk(f),
            ValueKind::Apply { inputs, result } => {
                inputs.iter().for_each(|v| v.walk(f));
                result.walk(f);
            }
            _ => {}
        }
    }
}
