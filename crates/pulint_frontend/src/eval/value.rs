//! Values during evaluation: model values plus what only exists while a program runs (functions,
//! classes, instances, modules, mutable lists and dicts).

use crate::ir;
use pulint_model::token::snake_to_camel;
use pulint_model::{Key, Prop, Span, Value, ValueKind};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

pub type Env = Rc<RefCell<Scope>>;

/// One lexical scope; lookups fall back to the parent (closures, module globals). Keyed with
/// FxHash: every name read hashes once per scope up the chain, and nothing iterates a scope
/// in an order that reaches output.
#[derive(Default)]
pub struct Scope {
    pub vars: FxHashMap<String, V>,
    pub parent: Option<Env>,
}

pub fn new_env(parent: Option<Env>) -> Env {
    let env = Rc::new(RefCell::new(Scope { vars: FxHashMap::default(), parent }));
    CREATED.with(|c| c.borrow_mut().envs.push(Rc::downgrade(&env)));
    env
}

/// A new instance, registered so that [`CycleBreaker`] can clear its fields.
pub fn new_instance(inst: Instance) -> Rc<Instance> {
    let inst = Rc::new(inst);
    CREATED.with(|c| c.borrow_mut().instances.push(Rc::downgrade(&inst)));
    inst
}

/// Scopes and instances created on this thread, weakly.
#[derive(Default)]
struct Created {
    envs: Vec<Weak<RefCell<Scope>>>,
    instances: Vec<Weak<Instance>>,
}

thread_local! {
    static CREATED: RefCell<Created> = RefCell::new(Created::default());
}

/// Evaluation builds reference cycles (a function stored in the scope it closes over, a method
/// bound to the instance whose field holds it), which `Rc` never frees: without this every
/// program's evaluation state leaked and memory grew with the number of programs. Dropping the
/// breaker clears every scope and instance created since it was made.
pub struct CycleBreaker {
    envs: usize,
    instances: usize,
}

impl CycleBreaker {
    pub fn new() -> Self {
        CREATED.with(|c| {
            let c = c.borrow();
            CycleBreaker { envs: c.envs.len(), instances: c.instances.len() }
        })
    }
}

impl Default for CycleBreaker {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for CycleBreaker {
    fn drop(&mut self) {
        let (envs, instances) = CREATED.with(|c| {
            let c = &mut *c.borrow_mut();
            let at = self.envs.min(c.envs.len());
            let envs = c.envs.split_off(at);
            let at = self.instances.min(c.instances.len());
            let instances = c.instances.split_off(at);
            (envs, instances)
        });
        for env in envs.iter().filter_map(Weak::upgrade) {
            let taken = env.try_borrow_mut().map(|mut s| (std::mem::take(&mut s.vars), s.parent.take()));
            drop(taken);
        }
        for inst in instances.iter().filter_map(Weak::upgrade) {
            let taken = inst.fields.try_borrow_mut().map(|mut f| std::mem::take(&mut *f));
            drop(taken);
        }
    }
}

/// The value bound to `name` in `env` or its parents. Walks the chain by borrowing (its
/// length is the lexical nesting of the code, not the call depth).
pub fn lookup(env: &Env, name: &str) -> Option<V> {
    let scope = env.borrow();
    match scope.vars.get(name) {
        Some(v) => Some(v.clone()),
        None => lookup(scope.parent.as_ref()?, name),
    }
}

/// How a dict was built: resource options and SDK `...Args` classes get canonical keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DictKind {
    Plain,
    /// `pulumi.ResourceOptions(...)`, `InvokeOptions(...)`, or a TypeScript options literal.
    Options,
    /// `aws.ec2.VpcArgs(...)`: keys are schema properties.
    Args,
}

#[derive(Clone)]
pub struct DictEntryV {
    pub key: String,
    pub key_span: Span,
    pub value: V,
}

pub struct Dict {
    pub entries: Vec<DictEntryV>,
    pub kind: DictKind,
    /// Written in Python (keys are snake_case until canonicalised).
    pub python: bool,
}

impl Dict {
    pub fn get(&self, key: &str) -> Option<&V> {
        self.entries.iter().rev().find(|e| e.key == key).map(|e| &e.value)
    }

    pub fn set(&mut self, key: String, key_span: Span, value: V) {
        match self.entries.iter_mut().find(|e| e.key == key) {
            Some(e) => e.value = value,
            None => self.entries.push(DictEntryV { key, key_span, value }),
        }
    }
}

/// A user function with the scope it closes over.
pub struct Closure {
    pub func: Rc<ir::Function>,
    pub env: Env,
    pub module: usize,
    /// The class the function is a method of (for `super`).
    pub class: Option<Rc<ClassObj>>,
}

pub struct ClassObj {
    pub def: Rc<ir::Class>,
    pub bases: Vec<V>,
    pub env: Env,
    pub module: usize,
}

impl ClassObj {
    /// The method `name`, searching base classes depth-first (left to right).
    pub fn find_method(self: &Rc<Self>, name: &str, depth: u32) -> Option<(Rc<ir::Function>, Rc<ClassObj>)> {
        if let Some(m) = self.def.methods.iter().find(|m| m.name == name) {
            return Some((m.clone(), self.clone()));
        }
        if depth > 16 {
            return None;
        }
        self.bases.iter().find_map(|b| match b {
            V::Class(c) => c.find_method(name, depth + 1),
            _ => None,
        })
    }

    /// True when the class derives from `pulumi.ComponentResource`.
    pub fn is_component(&self, depth: u32) -> bool {
        depth < 16
            && self.bases.iter().any(|b| match b {
                V::Ext(p) => p == "pulumi.ComponentResource",
                V::Class(c) => c.is_component(depth + 1),
                _ => false,
            })
    }
}

pub struct Instance {
    pub class: Rc<ClassObj>,
    pub fields: RefCell<FxHashMap<String, V>>,
    /// The component resource this instance registered, once `super().__init__` ran.
    pub resource: RefCell<Option<pulint_model::ResourceId>>,
    /// Where the instance was constructed (`TapStack("main", ...)`).
    pub site: Span,
}

#[derive(Clone)]
pub enum V {
    /// A model value (literal, reference, config read, Output, unknown, ...).
    Val(Value),
    List(Rc<RefCell<Vec<V>>>, Span),
    Dict(Rc<RefCell<Dict>>, Span),
    Func(Rc<Closure>),
    Class(Rc<ClassObj>),
    Instance(Rc<Instance>),
    /// Something from outside the program, by canonical dotted path: `aws.ec2.Vpc`,
    /// `pulumi.Output.concat`, `json.dumps`, `builtins.range`.
    Ext(String),
    /// A `pulumi.Config(...)` object; its namespace.
    Config(Option<String>),
    /// A user method bound to its receiver.
    Bound(Rc<Closure>, Box<V>),
    /// A module of the program itself.
    Module(usize),
}

impl V {
    pub fn val(kind: ValueKind, span: Span) -> V {
        V::Val(Value::new(kind, span))
    }

    pub fn unknown(reason: impl Into<String>, span: Span) -> V {
        V::Val(Value::unknown(reason, span))
    }

    pub fn str(s: impl Into<String>, span: Span) -> V {
        V::val(ValueKind::String(s.into()), span)
    }

    pub fn list(items: Vec<V>, span: Span) -> V {
        V::List(Rc::new(RefCell::new(items)), span)
    }

    pub fn dict(entries: Vec<DictEntryV>, kind: DictKind, python: bool, span: Span) -> V {
        V::Dict(Rc::new(RefCell::new(Dict { entries, kind, python })), span)
    }

    /// An unknown derived from `inputs`: run-dependent when one of them is (see
    /// [`Value::volatile`]), otherwise unknown for `reason`.
    pub fn derived<'a>(reason: String, inputs: impl IntoIterator<Item = &'a V>, span: Span) -> V {
        let volatile = inputs.into_iter().find_map(|v| match v {
            V::Val(v) => v.volatile(),
            V::List(items, _) => items.borrow().iter().find_map(|i| i.as_value().and_then(Value::volatile)),
            _ => None,
        });
        V::unknown(volatile.map(|(r, _)| r.to_string()).unwrap_or(reason), span)
    }

    pub fn as_value(&self) -> Option<&Value> {
        match self {
            V::Val(v) => Some(v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        self.as_value().and_then(|v| v.as_str())
    }

    pub fn is_null(&self) -> bool {
        matches!(self, V::Val(Value { kind: ValueKind::Null, .. }))
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, V::Val(Value { kind: ValueKind::Unknown { .. }, .. }))
    }

    /// Two values are the same binding (same object, or equal data).
    pub fn same(&self, other: &V) -> bool {
        match (self, other) {
            (V::Val(a), V::Val(b)) => a.kind == b.kind,
            (V::List(a, _), V::List(b, _)) => Rc::ptr_eq(a, b),
            (V::Dict(a, _), V::Dict(b, _)) => Rc::ptr_eq(a, b),
            (V::Func(a), V::Func(b)) => Rc::ptr_eq(a, b),
            (V::Class(a), V::Class(b)) => Rc::ptr_eq(a, b),
            (V::Instance(a), V::Instance(b)) => Rc::ptr_eq(a, b),
            (V::Ext(a), V::Ext(b)) => a == b,
            (V::Config(a), V::Config(b)) => a == b,
            (V::Module(a), V::Module(b)) => a == b,
            _ => false,
        }
    }
}

/// Converts an evaluation value into model data, keys as written.
pub fn to_value(v: &V, span: Span) -> Value {
    to_value_depth(v, span, false, 0, &mut { MAX_VALUE_NODES })
}

/// Nodes one conversion may produce: lists share their items while the program runs
/// (`x = [x, x]` in a loop doubles a value in one step), so a converted value could be
/// exponentially large; past this it is unknown.
pub const MAX_VALUE_NODES: usize = 100_000;

/// Converts the value of the argument `canonical` into model data: map-typed arguments keep
/// their keys as written; others get schema names.
pub fn to_arg_value(canonical: &str, v: &V, span: Span) -> Value {
    if MAP_PROPERTIES.contains(&canonical) { to_value(v, span) } else { to_schema_value(v, span) }
}

/// Converts a resource argument into model data with schema names: keys of dicts written in
/// Python are camelCased, except inside map-typed properties (tags) whose keys are user data.
pub fn to_schema_value(v: &V, span: Span) -> Value {
    to_value_depth(v, span, true, 0, &mut { MAX_VALUE_NODES })
}

// The conversions of a value the caller owns: a model value is moved out instead of copied
// (what the borrowing conversions return for it is a copy of it).

/// [`to_value`] of an owned value.
pub fn into_value(v: V, span: Span) -> Value {
    into_value_depth(v, span, false, 0, &mut { MAX_VALUE_NODES })
}

/// [`to_arg_value`] of an owned value.
pub fn into_arg_value(canonical: &str, v: V, span: Span) -> Value {
    into_value_depth(v, span, !MAP_PROPERTIES.contains(&canonical), 0, &mut { MAX_VALUE_NODES })
}

/// [`to_schema_value`] of an owned value.
pub fn into_schema_value(v: V, span: Span) -> Value {
    into_value_depth(v, span, true, 0, &mut { MAX_VALUE_NODES })
}

/// Properties whose values are maps with user-chosen keys; their keys are never renamed.
/// (Until the generated schema says which properties are maps.)
pub const MAP_PROPERTIES: &[&str] = &[
    "tags", "tagsAll", "variables", "parameters", "labels", "metadata", "dimensions", "context",
    "environmentVariables", "requestParameters", "requestTemplates", "responseParameters",
];

/// A dict entry's key as a schema property (camelCase when `rename`, a Python dict under a schema
/// value), and whether its value is read against the schema too (not under a free-form map).
fn entry_key(key: &str, rename: bool, schema: bool) -> (String, bool) {
    let canonical = if rename { snake_to_camel(key) } else { key.to_string() };
    let nested_schema = schema && !MAP_PROPERTIES.contains(&canonical.as_str());
    (canonical, nested_schema)
}

fn to_value_depth(v: &V, span: Span, schema: bool, depth: u32, budget: &mut usize) -> Value {
    if depth > 32 {
        return Value::unknown("value nested too deeply", span);
    }
    if *budget == 0 {
        return Value::unknown("value too large to follow", span);
    }
    *budget -= 1;
    match v {
        V::Val(v) => v.clone(),
        V::List(items, sp) => {
            let items = items.borrow().iter().map(|i| to_value_depth(i, *sp, schema, depth + 1, budget)).collect();
            Value::new(ValueKind::List(items), *sp)
        }
        V::Dict(d, sp) => {
            let d = d.borrow();
            let rename = schema && d.python;
            let props = d
                .entries
                .iter()
                .map(|e| {
                    let (canonical, nested_schema) = entry_key(&e.key, rename, schema);
                    Prop {
                        value: to_value_depth(&e.value, e.key_span, nested_schema, depth + 1, budget),
                        key: Key { canonical, written: e.key.clone(), span: e.key_span },
                    }
                })
                .collect();
            Value::new(ValueKind::Object(props), *sp)
        }
        V::Instance(inst) => match *inst.resource.borrow() {
            Some(id) => Value::new(ValueKind::Resource(id), span),
            None => Value::unknown(format!("instance of class `{}`", inst.class.def.name), span),
        },
        V::Func(c) | V::Bound(c, _) => Value::unknown(format!("function `{}`", c.func.name), span),
        V::Class(c) => Value::unknown(format!("class `{}`", c.def.name), span),
        V::Ext(path) => Value::unknown(format!("`{path}` from outside the program"), span),
        V::Config(_) => Value::unknown("a Config object", span),
        V::Module(_) => Value::unknown("a module", span),
    }
}

/// [`to_value_depth`] of an owned value, with the same limits and results: lists and dicts
/// nobody else holds (a literal passed straight to a resource) are taken apart and their
/// values moved instead of copied; shared ones are copied.
fn into_value_depth(v: V, span: Span, schema: bool, depth: u32, budget: &mut usize) -> Value {
    let v = match v {
        V::Val(_) | V::List(..) | V::Dict(..) if depth > 32 || *budget == 0 => v,
        V::Val(v) => {
            *budget -= 1;
            return v;
        }
        V::List(items, sp) => match Rc::try_unwrap(items) {
            Ok(items) => {
                *budget -= 1;
                let items = items.into_inner().into_iter().map(|i| into_value_depth(i, sp, schema, depth + 1, budget)).collect();
                return Value::new(ValueKind::List(items), sp);
            }
            Err(items) => V::List(items, sp),
        },
        V::Dict(d, sp) => match Rc::try_unwrap(d) {
            Ok(d) => {
                *budget -= 1;
                let d = d.into_inner();
                let rename = schema && d.python;
                let props = d
                    .entries
                    .into_iter()
                    .map(|e| {
                        let (canonical, nested_schema) = entry_key(&e.key, rename, schema);
                        Prop {
                            value: into_value_depth(e.value, e.key_span, nested_schema, depth + 1, budget),
                            key: Key { canonical, written: e.key, span: e.key_span },
                        }
                    })
                    .collect();
                return Value::new(ValueKind::Object(props), sp);
            }
            Err(d) => V::Dict(d, sp),
        },
        v => v,
    };
    to_value_depth(&v, span, schema, depth, budget)
}
