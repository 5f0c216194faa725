//! Symbolic evaluation of a program's modules into model facts.
//!
//! The evaluator runs the shared syntax the way the program would run, but with values that may
//! be unknown: bindings in module, function and method scopes; calls into the program's own
//! functions and methods with their actual arguments (bounded depth); loops over known lists
//! unrolled (bounded), otherwise run once with what they create marked "many"; both arms of a
//! condition it cannot decide, with what they create marked "conditional". Functions, classes and
//! methods the program never calls are run afterwards with unknown arguments, so that every
//! construction site is seen. A fuel budget bounds the total work.

mod builtins;
mod pulumi;
pub mod value;

use crate::ir::{self, Arg, BinOp, BoolOp, CmpOp, DictEntry, Expr, Spread, Stmt, StrPart, Target};
use pulint_model::value::InterpKind;
use pulint_model::{FileId, Note, NoteKind, Observation, Program, ResourceId, Span, Value, ValueKind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::rc::Rc;
use value::*;

/// Loops longer than this run once, marked "many".
pub const MAX_UNROLL: usize = 64;
/// Calls nested deeper than this return an unknown value.
pub const MAX_CALL_DEPTH: usize = 16;
/// Expression and statement steps per program before evaluation stops.
pub const FUEL: u64 = 3_000_000;
/// Evaluation stops descending when less stack than this is left.
const MIN_STACK_LEFT: usize = 4 * 1024 * 1024;
/// Strings built by the program (concatenation, f-strings, templates) longer than this are unknown.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// One module of the program, lowered.
pub struct ModuleInput {
    pub file: FileId,
    /// Path inside the program, `/`-separated (`lib/tap_stack.py`), or a synthetic block name.
    pub path: String,
    pub python: bool,
    pub module: ir::Module,
    /// The program's entry module: its top-level exports are stack outputs.
    pub entry: bool,
    /// An unnamed code block of a document: a snippet, neither entry nor library.
    pub fragment: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ModState {
    Pending,
    Running,
    Done,
}

struct ModSlot {
    input: ModuleInput,
    /// The statements, shared so that running them does not borrow the evaluator.
    body: Rc<Vec<Stmt>>,
    env: Env,
    state: ModState,
}

struct Frame {
    module: usize,
    env: Env,
    self_v: Option<V>,
    class: Option<Rc<ClassObj>>,
    func: Option<*const ir::Function>,
    /// Names of the function's parameters.
    params: Vec<String>,
    /// Values returned on arms of undecided conditions.
    returns: Vec<V>,
}

enum Flow {
    Normal,
    Return(V),
    Break,
    Continue,
}

/// Argument after evaluation.
pub struct ArgV {
    pub name: Option<String>,
    pub value: V,
    pub span: Span,
}

pub struct Evaluator<'p> {
    pub program: &'p mut Program,
    modules: Vec<ModSlot>,
    frames: Vec<Frame>,
    fuel: u64,
    out_of_fuel: bool,
    /// The stack ran low once (and was noted).
    too_deep: bool,
    /// Classes whose instances are under construction, outermost first (a field initialiser that
    /// constructs its own class is recursion no call frame shows).
    constructing: Vec<*const ir::Class>,
    conditional: u32,
    many: u32,
    in_apply: u32,
    // The evaluator's maps and sets hash with FxHash (keys are pointers, spans and names, and
    // no code iterates them in an order that reaches output).
    called: FxHashSet<*const ir::Function>,
    defined_funcs: Vec<Rc<Closure>>,
    defined_classes: Vec<Rc<ClassObj>>,
    instances: FxHashMap<*const ir::Class, Rc<Instance>>,
    components: FxHashMap<*const ir::Class, pulint_model::ComponentId>,
    seen_unknowns: FxHashSet<Span>,
    /// Module index by program path, for linking imports.
    by_path: crate::link::ModulePaths,
    /// Instance attributes read before any assignment (instance, attribute, where), while the
    /// program runs as written: an assignment seen later makes it a use before assignment.
    unset_reads: Vec<(*const Instance, String, Span)>,
    /// Attributes the program sets on SDK resource objects (`vpc.private_subnet_ids = [...]`):
    /// Python allows it, and later reads get the assigned value, not an output of the resource.
    resource_fields: FxHashMap<(pulint_model::ResourceId, String), V>,
    /// Running functions nobody called, with made-up arguments: reads there prove nothing
    /// (except in the constructor of a class nobody instantiated, whose `self` is fresh).
    in_uncalled: bool,
    /// The attribute being read is dereferenced at once: reading an unset property is an error
    /// in JavaScript only then (it is `undefined`), in Python always.
    dereferencing: bool,
    /// The one-element lists `Output.all(x).apply(...)` passes to its callback, with the span of
    /// the `all` call: formatting one whole into a string is a mistake.
    pub(crate) all_lists: Vec<(Rc<RefCell<Vec<V>>>, Span)>,
}

impl<'p> Evaluator<'p> {
    pub fn new(program: &'p mut Program, inputs: Vec<ModuleInput>) -> Self {
        let mut by_path = FxHashMap::default();
        let modules: Vec<ModSlot> = inputs
            .into_iter()
            .enumerate()
            .map(|(i, mut input)| {
                // The last version of a path is the one imports reach.
                by_path.insert(input.path.clone(), i);
                let body = Rc::new(std::mem::take(&mut input.module.body));
                ModSlot { input, body, env: new_env(None), state: ModState::Pending }
            })
            .collect();
        Evaluator {
            program,
            modules,
            frames: Vec::new(),
            fuel: FUEL,
            out_of_fuel: false,
            too_deep: false,
            constructing: Vec::new(),
            conditional: 0,
            many: 0,
            in_apply: 0,
            all_lists: Vec::new(),
            called: FxHashSet::default(),
            defined_funcs: Vec::new(),
            defined_classes: Vec::new(),
            instances: FxHashMap::default(),
            components: FxHashMap::default(),
            seen_unknowns: FxHashSet::default(),
            by_path: crate::link::ModulePaths::new(by_path),
            unset_reads: Vec::new(),
            resource_fields: FxHashMap::default(),
            in_uncalled: false,
            dereferencing: false,
        }
    }

    /// Runs every module (entries first), then everything the program defines but never calls.
    pub fn run(mut self) {
        let mut order: Vec<usize> = (0..self.modules.len()).collect();
        order.sort_by_key(|&i| !self.modules[i].input.entry);
        for i in order {
            self.run_module(i);
        }
        self.run_uncalled();
    }

    fn run_module(&mut self, idx: usize) {
        if self.modules[idx].state != ModState::Pending {
            return;
        }
        self.modules[idx].state = ModState::Running;
        let env = self.modules[idx].env.clone();
        // Pulumi runs the entry module as `__main__`; others see their module name.
        let input = &self.modules[idx].input;
        if input.python {
            let name = if input.entry { "__main__".to_string() } else { input.path.trim_end_matches(".py").replace('/', ".") };
            env.borrow_mut().vars.insert("__name__".into(), V::str(name, Span::new(input.file, 0, 0)));
        }
        let body = self.modules[idx].body.clone();
        self.frames.push(Frame { module: idx, env, self_v: None, class: None, func: None, params: Vec::new(), returns: Vec::new() });
        let _ = self.exec_block(&body);
        self.frames.pop();
        self.modules[idx].state = ModState::Done;
    }

    /// Runs, with unknown arguments, the functions, classes and methods nothing called.
    fn run_uncalled(&mut self) {
        self.in_uncalled = true;
        let mut round = 0;
        loop {
            round += 1;
            let mut progressed = false;
            let classes = self.defined_classes.clone();
            for class in classes {
                let key = Rc::as_ptr(&class.def);
                if !self.instances.contains_key(&key) {
                    progressed = true;
                    // The instance is real even if its arguments are not: the constructor's
                    // order of reads and assignments on it is the program's own.
                    self.in_uncalled = false;
                    let _ = self.instantiate(&class, Vec::new(), class.def.span, true);
                    self.in_uncalled = true;
                }
                let Some(inst) = self.instances.get(&key).cloned() else { continue };
                for m in class.def.methods.clone() {
                    if !self.called.contains(&Rc::as_ptr(&m)) {
                        progressed = true;
                        let closure = Rc::new(Closure { func: m.clone(), env: class.env.clone(), module: class.module, class: Some(class.clone()) });
                        let self_v = if m.is_static { None } else { Some(V::Instance(inst.clone())) };
                        let _ = self.call_closure(&closure, self_v, Vec::new(), m.span, true);
                    }
                }
            }
            let funcs = self.defined_funcs.clone();
            for f in funcs {
                if !self.called.contains(&Rc::as_ptr(&f.func)) {
                    progressed = true;
                    let _ = self.call_closure(&f, None, Vec::new(), f.func.span, true);
                }
            }
            if !progressed || round > 8 || self.out_of_fuel {
                break;
            }
        }
    }

    // ----- bookkeeping -------------------------------------------------------------------

    fn frame(&self) -> &Frame {
        self.frames.last().expect("evaluation always runs inside a frame")
    }

    fn frame_mut(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("evaluation always runs inside a frame")
    }

    fn python(&self) -> bool {
        self.modules[self.frame().module].input.python
    }

    fn burn(&mut self) -> bool {
        // A safety net under the explicit bounds (call depth, instantiation depth): recursion
        // the evaluator does not bound by itself becomes a budget note, not a stack overflow.
        // Checked every eighth step (reading the stack limit cost more than most steps): seven
        // steps cannot descend far into the MIN_STACK_LEFT margin.
        if self.fuel % 8 == 0 && stacker::remaining_stack().is_some_and(|left| left < MIN_STACK_LEFT) {
            if !self.too_deep {
                self.too_deep = true;
                let file = self.modules[self.frame().module].input.file;
                self.program.notes.push(Note {
                    kind: NoteKind::Budget,
                    message: "evaluation nested too deeply; the deepest part of the program was not analysed".into(),
                    span: Span::new(file, 0, 0),
                });
            }
            return false;
        }
        if self.fuel == 0 {
            if !self.out_of_fuel {
                self.out_of_fuel = true;
                let file = self.modules[self.frame().module].input.file;
                self.program.notes.push(Note {
                    kind: NoteKind::Budget,
                    message: "evaluation budget exhausted; the rest of the program was not analysed".into(),
                    span: Span::new(file, 0, 0),
                });
            }
            return false;
        }
        self.fuel -= 1;
        true
    }

    /// The component instance whose constructor or method is running, if any.
    fn current_component(&self) -> Option<ResourceId> {
        self.frames.iter().rev().find_map(|f| match &f.self_v {
            Some(V::Instance(i)) => *i.resource.borrow(),
            _ => None,
        })
    }

    /// The file whose top-level code started the current evaluation.
    fn root_file(&self) -> pulint_model::FileId {
        self.modules[self.frames.first().map_or(0, |f| f.module)].input.file
    }

    fn in_function(&self) -> bool {
        self.frames.iter().any(|f| f.func.is_some())
    }

    fn observe(&mut self, o: Observation) {
        self.program.observations.push(o);
    }

    fn note_unknowns(&mut self, v: &Value) {
        let mut found = Vec::new();
        v.walk(&mut |x| {
            if let ValueKind::Unknown { reason: r, .. } = &x.kind {
                found.push((x.span, r.clone()));
            }
        });
        for (span, reason) in found {
            if self.seen_unknowns.insert(span) {
                self.program.unknowns.push((span, reason));
            }
        }
    }

    // ----- statements --------------------------------------------------------------------

    fn exec_block(&mut self, stmts: &[Stmt]) -> Flow {
        for s in stmts {
            match self.exec(s) {
                Flow::Normal => {}
                other => return other,
            }
        }
        Flow::Normal
    }

    fn exec(&mut self, s: &Stmt) -> Flow {
        if !self.burn() {
            return Flow::Return(V::unknown("evaluation budget exhausted", Span::new(FileId(0), 0, 0)));
        }
        match s {
            Stmt::Import(imp) => {
                self.exec_import(imp);
                Flow::Normal
            }
            Stmt::Assign { target, value, span } => {
                let v = self.eval(value);
                // `const make = (...) => {...}` defines a function as much as `function make`.
                if let (Target::Name(..), Expr::Lambda(_), V::Func(c)) = (target, value, &v) {
                    self.defined_funcs.push(c.clone());
                }
                self.name_binding(target, &v, value);
                self.bind(target, v, *span);
                Flow::Normal
            }
            Stmt::Declare { name, span } => {
                let env = self.frame().env.clone();
                env.borrow_mut().vars.entry(name.clone()).or_insert_with(|| V::val(ValueKind::Null, *span));
                Flow::Normal
            }
            Stmt::Expr(e) => {
                let _ = self.eval(e);
                Flow::Normal
            }
            Stmt::If { test, body, orelse, span } => {
                let t = self.eval(test);
                match self.truth(&t, test.span()) {
                    Some(true) => self.exec_block(body),
                    Some(false) => self.exec_block(orelse),
                    None => self.exec_both(body, orelse, *span),
                }
            }
            Stmt::For { target, iter, body, span } => {
                let it = self.eval(iter);
                self.exec_for(target, &it, body, *span)
            }
            Stmt::While { test, body, .. } => {
                let t = self.eval(test);
                if self.truth(&t, test.span()) == Some(false) {
                    return Flow::Normal;
                }
                self.many += 1;
                self.conditional += 1;
                let flow = self.exec_block(body);
                self.conditional -= 1;
                self.many -= 1;
                self.settle(flow);
                Flow::Normal
            }
            Stmt::Function(f) => {
                let closure = Rc::new(Closure { func: f.clone(), env: self.frame().env.clone(), module: self.frame().module, class: None });
                self.defined_funcs.push(closure.clone());
                let env = self.frame().env.clone();
                env.borrow_mut().vars.insert(f.name.clone(), V::Func(closure));
                Flow::Normal
            }
            Stmt::Class(c) => {
                let bases = c.bases.iter().map(|b| self.eval(b)).collect();
                let class = Rc::new(ClassObj { def: c.clone(), bases, env: self.frame().env.clone(), module: self.frame().module });
                if class.is_component(0) {
                    let id = pulint_model::ComponentId(self.program.components.len() as u32);
                    self.program.components.push(pulint_model::Component {
                        class_name: c.name.clone(),
                        token: None,
                        span: c.span,
                        registers_outputs: false,
                    });
                    self.components.insert(Rc::as_ptr(c), id);
                }
                self.defined_classes.push(class.clone());
                let env = self.frame().env.clone();
                env.borrow_mut().vars.insert(c.name.clone(), V::Class(class));
                Flow::Normal
            }
            Stmt::Return { value, span } => {
                let v = match value {
                    Some(e) => self.eval(e),
                    None => V::val(ValueKind::Null, *span),
                };
                Flow::Return(v)
            }
            Stmt::Export { name, value, span } => {
                let v = self.eval(value);
                let module = self.frame().module;
                if self.modules[module].input.entry && !self.in_function() {
                    let value = to_value(&v, *span);
                    self.program.exports.push(pulint_model::Export {
                        name: name.clone(),
                        value,
                        span: *span,
                        scope: pulint_model::ExportScope::Entry,
                        created_by: None,
                    });
                }
                Flow::Normal
            }
            Stmt::Block(stmts) => self.exec_block(stmts),
            Stmt::Break => Flow::Break,
            Stmt::Continue => Flow::Continue,
            Stmt::Raise { span } => Flow::Return(V::unknown("raised an exception", *span)),
        }
    }

    /// A return, break or continue on an undecided arm does not end the enclosing block; a
    /// returned value is remembered as one of the function's possible results.
    fn settle(&mut self, flow: Flow) {
        if let Flow::Return(v) = flow {
            self.frame_mut().returns.push(v);
        }
    }

    /// Both arms of an undecided condition; variables they bind differently become unknown.
    fn exec_both(&mut self, body: &[Stmt], orelse: &[Stmt], span: Span) -> Flow {
        let env = self.frame().env.clone();
        let before = env.borrow().vars.clone();
        self.conditional += 1;
        let flow = self.exec_block(body);
        self.settle(flow);
        let after_then = std::mem::replace(&mut env.borrow_mut().vars, before.clone());
        let flow = self.exec_block(orelse);
        self.settle(flow);
        self.conditional -= 1;
        // The else arm's bindings, changed once every name the then arm bound is compared.
        let mut merged = std::mem::take(&mut env.borrow_mut().vars);
        let mut changes = Vec::new();
        for (name, tv) in after_then {
            let value = match (before.get(&name), merged.get(&name)) {
                (_, Some(ev)) if ev.same(&tv) => continue,
                // Bound on one arm only (or over a null placeholder): keep what that arm bound.
                (None, None) => tv,
                (Some(p), Some(ev)) if p.is_null() && ev.same(p) => tv,
                (Some(p), Some(ev)) if p.is_null() && tv.same(p) => ev.clone(),
                (_, ev) => {
                    let alts = [to_value(&tv, span), ev.map_or_else(|| Value::unknown("unbound", span), |ev| to_value(ev, span))];
                    V::Val(Value::undecided(format!("`{name}` depends on a condition"), alts, span))
                }
            };
            changes.push((name, value));
        }
        merged.extend(changes);
        env.borrow_mut().vars = merged;
        Flow::Normal
    }

    fn exec_for(&mut self, target: &Target, it: &V, body: &[Stmt], span: Span) -> Flow {
        match self.iterate(it) {
            Some(items) if items.len() <= MAX_UNROLL => {
                for item in items {
                    self.bind(target, item, span);
                    match self.exec_block(body) {
                        Flow::Break => break,
                        Flow::Return(v) => return Flow::Return(v),
                        Flow::Continue | Flow::Normal => {}
                    }
                    if self.out_of_fuel {
                        break;
                    }
                }
                Flow::Normal
            }
            _ => {
                let reason = "loop variable over values pulint cannot enumerate";
                self.bind(target, V::unknown(reason, span), span);
                self.many += 1;
                let flow = self.exec_block(body);
                self.many -= 1;
                self.settle(flow);
                Flow::Normal
            }
        }
    }

    /// The items of a value a loop can unroll, when known.
    fn iterate(&mut self, v: &V) -> Option<Vec<V>> {
        match v {
            V::List(items, _) => Some(items.borrow().clone()),
            V::Dict(d, _) => Some(d.borrow().entries.iter().map(|e| V::str(e.key.clone(), e.key_span)).collect()),
            V::Val(val) => {
                match &self.program.resolve(val).kind {
                    ValueKind::List(items) => Some(items.iter().cloned().map(V::Val).collect()),
                    ValueKind::Object(props) => Some(props.iter().map(|p| V::str(p.key.written.clone(), p.key.span)).collect()),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn exec_import(&mut self, imp: &ir::Import) {
        let python = self.python();
        let from = self.frame().module;
        let target = self.resolve_module(&imp.module, from, imp.span);
        let env = self.frame().env.clone();
        match &imp.kind {
            ir::ImportKind::Module { alias } => {
                if let V::Ext(path) = &target
                    && pulumi::is_sdk_path(path)
                    && path.contains('.')
                {
                    self.program.sdk_names.push(pulint_model::SdkName { path: path.clone(), span: imp.span, imported: true });
                }
                let (name, value) = match alias {
                    Some(a) => (a.clone(), target.clone()),
                    // `import a.b` binds `a`.
                    None => {
                        let first = imp.module.split('.').next().unwrap_or(&imp.module).to_string();
                        let v = if python { self.resolve_module(&first, from, imp.span) } else { target.clone() };
                        (first, v)
                    }
                };
                env.borrow_mut().vars.insert(name, value);
            }
            ir::ImportKind::Names(names) => {
                for (name, alias) in names {
                    if let V::Ext(pkg) = &target
                        && (pulumi::is_sdk_path(pkg) || pkg == "pulumi")
                    {
                        let path = [pkg.as_str(), ".", name].concat();
                        self.program.sdk_names.push(pulint_model::SdkName { path, span: imp.span, imported: true });
                    }
                    let v = self.get_attr(&target, name, imp.span);
                    let sub = if imp.module.ends_with('.') { [imp.module.as_str(), name].concat() } else { [imp.module.as_str(), ".", name].concat() };
                    // Python `from pkg import submodule` of the program's own package.
                    let v = match (&target, v.is_unknown()) {
                        (V::Module(_), true) if python => match self.resolve_module(&sub, from, imp.span) {
                            m @ V::Module(_) => m,
                            _ => v,
                        },
                        // A directory of the program's files without `__init__.py` is a namespace
                        // package: only a submodule that exists at exactly that path counts.
                        (V::Ext(e), _) if python && e.starts_with("ext:") && self.own_module_at(&sub, from) => {
                            self.resolve_module(&sub, from, imp.span)
                        }
                        _ => v,
                    };
                    env.borrow_mut().vars.insert(alias.clone(), v);
                }
            }
            ir::ImportKind::Star => {
                if let V::Module(m) = target {
                    let vars = self.modules[m].env.borrow().vars.clone();
                    env.borrow_mut().vars.extend(vars);
                }
            }
        }
    }

    /// True when `spec` imported from module `from` is one of the program's files at exactly that
    /// path (no loose match by file name).
    fn own_module_at(&self, spec: &str, from: usize) -> bool {
        let input = &self.modules[from].input;
        let (found, _) = crate::link::resolve_import(spec, &input.path, input.python, &self.by_path);
        found.is_some_and(|f| f.exact)
    }

    /// An imported module: one of the program's own files (run on first import), or an external
    /// module by canonical path.
    fn resolve_module(&mut self, spec: &str, from: usize, span: Span) -> V {
        if let Some(ext) = pulumi::external_module(spec) {
            return V::Ext(ext);
        }
        let from_path = self.modules[from].input.path.clone();
        let python = self.modules[from].input.python;
        let (found, looks_local) = crate::link::resolve_import(spec, &from_path, python, &self.by_path);
        if looks_local {
            self.program.imports.push(pulint_model::Import {
                module: spec.to_string(),
                span,
                resolved: found.filter(|f| f.exact).map(|f| self.modules[f.index].input.file),
            });
        }
        match found {
            Some(f) => {
                match self.modules[f.index].state {
                    ModState::Pending => self.run_module(f.index),
                    ModState::Running | ModState::Done => {}
                }
                V::Module(f.index)
            }
            None => V::Ext(["ext:", spec].concat()),
        }
    }

    // ----- binding -----------------------------------------------------------------------

    fn bind(&mut self, target: &Target, v: V, span: Span) {
        match target {
            Target::Name(n, _) => {
                let env = self.frame().env.clone();
                env.borrow_mut().vars.insert(n.clone(), v);
            }
            Target::Attr { object, attr, .. } => {
                let obj = self.eval_receiver(object);
                self.set_attr(&obj, attr, v, span);
            }
            Target::Subscript { object, index, .. } => {
                let obj = self.eval_receiver(object);
                let idx = self.eval(index);
                match (&obj, idx.as_value().map(|x| &x.kind)) {
                    (V::Dict(d, _), Some(ValueKind::String(k))) => d.borrow_mut().set(k.clone(), index.span(), v),
                    (V::List(items, _), Some(ValueKind::Number(n))) => {
                        let mut items = items.borrow_mut();
                        if let Some(i) = list_index(*n, items.len()) {
                            items[i] = v;
                        }
                    }
                    _ => {}
                }
            }
            Target::Tuple(targets, sp) => {
                let items = self.iterate(&v);
                for (i, t) in targets.iter().enumerate() {
                    let item = match &items {
                        Some(items) => items.get(i).cloned().unwrap_or_else(|| V::unknown("unpacking past the end", *sp)),
                        None => self.subscript_value(&v, &V::val(ValueKind::Number(i as f64), *sp), *sp),
                    };
                    self.bind(t, item, span);
                }
            }
            Target::Object(props, _) => {
                for (prop, t) in props {
                    let item = self.get_attr(&v, prop, span);
                    self.bind(t, item, span);
                }
            }
            Target::Ignore(_) => {}
        }
    }

    fn set_attr(&mut self, obj: &V, attr: &str, v: V, span: Span) {
        match obj {
            V::Instance(inst) => {
                let key = Rc::as_ptr(inst);
                if let Some(i) = self.unset_reads.iter().position(|(k, a, _)| *k == key && a == attr) {
                    let (_, _, read) = self.unset_reads.swap_remove(i);
                    self.observe(Observation::AttributeBeforeAssignment { attribute: attr.to_string(), read, assigned: span });
                    self.unset_reads.retain(|(k, a, _)| !(*k == key && a == attr));
                }
                inst.fields.borrow_mut().insert(attr.to_string(), v);
            }
            V::Dict(d, _) => d.borrow_mut().set(attr.to_string(), span, v),
            V::Val(Value { kind: ValueKind::Resource(id), .. }) => {
                self.resource_fields.insert((*id, attr.to_string()), v);
            }
            _ => {}
        }
    }

    /// Records the variable a freshly constructed resource was assigned to.
    fn name_binding(&mut self, target: &Target, v: &V, value_expr: &Expr) {
        let (id, span) = match v {
            V::Val(Value { kind: ValueKind::Resource(id), span }) => (*id, *span),
            V::Instance(inst) => match *inst.resource.borrow() {
                Some(id) => (id, inst.site),
                None => return,
            },
            _ => return,
        };
        if span != value_expr.span() {
            return;
        }
        let name = match target {
            Target::Name(n, _) => n.clone(),
            Target::Attr { object, attr, .. } => match object.dotted() {
                Some(o) => format!("{o}.{attr}"),
                None => attr.clone(),
            },
            _ => return,
        };
        let r = &mut self.program.resources[id.index()];
        if r.binding.is_none() {
            r.binding = Some(name);
        }
    }

    // ----- expressions -------------------------------------------------------------------

    /// Evaluates an expression whose value is then dereferenced (`x` in `x.y`, `x[i]`, `x.f()`).
    fn eval_receiver(&mut self, e: &Expr) -> V {
        let Expr::Attr { object, attr, span } = e else { return self.eval(e) };
        let obj = self.eval_receiver(object);
        self.dereferencing = true;
        self.get_attr(&obj, attr, *span)
    }

    pub fn eval(&mut self, e: &Expr) -> V {
        if !self.burn() {
            return V::unknown("evaluation budget exhausted", e.span());
        }
        match e {
            Expr::Name(n, sp) => self.lookup_name(n, *sp),
            Expr::This(sp) => self.lookup_name("this", *sp),
            Expr::Super(sp) => V::unknown("super", *sp),
            Expr::Attr { object, attr, span } => {
                let obj = self.eval_receiver(object);
                self.get_attr(&obj, attr, *span)
            }
            Expr::Subscript { object, index, span } => {
                let obj = self.eval_receiver(object);
                let idx = self.eval(index);
                self.subscript_value(&obj, &idx, *span)
            }
            Expr::Call { func, args, span, .. } => self.eval_call(func, args, *span),
            Expr::Str(s, sp) => V::str(s.clone(), *sp),
            Expr::Num(n, sp) => V::val(ValueKind::Number(*n), *sp),
            Expr::Bool(b, sp) => V::val(ValueKind::Bool(*b), *sp),
            Expr::Null(sp) => V::val(ValueKind::Null, *sp),
            Expr::Template { parts, tag, python, span } => self.eval_template(parts, tag.as_deref(), *python, *span),
            Expr::List(items, sp) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Expr::Starred(inner, isp) => {
                            let v = self.eval(inner);
                            match self.iterate(&v) {
                                Some(vs) => out.extend(vs),
                                None => out.push(V::unknown("unpacked values", *isp)),
                            }
                        }
                        _ => out.push(self.eval(item)),
                    }
                }
                V::list(out, *sp)
            }
            Expr::Dict(entries, sp) => {
                let python = self.python();
                let mut out: Vec<DictEntryV> = Vec::with_capacity(entries.len());
                // Keys this literal writes itself, still holding the written value: the index in
                // `out` of the key's first entry (an entry's key never changes), where, and the
                // written text (all a spread's override is compared on).
                let mut written: Vec<(usize, Span, Option<String>)> = Vec::with_capacity(entries.len());
                // Whether `out[i]`'s key is in `written` (indexes past the end: no).
                let mut written_at: Vec<bool> = vec![false; entries.len()];
                let mut first = FirstEntry::default();
                for entry in entries {
                    match entry {
                        DictEntry::Pair { key, value } => {
                            let k = self.eval(key);
                            let v = self.eval(value);
                            let key_text = match k {
                                V::Val(Value { kind: ValueKind::String(s), .. }) => s,
                                V::Val(Value { kind: ValueKind::Number(n), .. }) => pulint_model::dump::number_text(n),
                                _ => format!("<computed {}>", key.span().start),
                            };
                            let computed = key_text.starts_with("<computed");
                            let text = if computed { None } else { v.as_str().map(str::to_string) };
                            let i = match first.find(&out, &key_text) {
                                Some(i) => {
                                    out[i].value = v;
                                    i
                                }
                                None => {
                                    out.push(DictEntryV { key: key_text, key_span: key.span(), value: v });
                                    out.len() - 1
                                }
                            };
                            if written_at.len() <= i {
                                written_at.resize(i + 1, false);
                            }
                            if written_at[i] {
                                written.retain(|(j, ..)| *j != i);
                            }
                            written_at[i] = !computed;
                            if !computed {
                                written.push((i, key.span(), text));
                            }
                        }
                        DictEntry::Spread(inner) => {
                            let v = self.eval(inner);
                            // A spread of what the caller passes (`**args.tags`) lets the caller
                            // override defaults on purpose; one of the program's own dicts
                            // (`**self.base_tags`, `...baseTags`) always wins.
                            if !self.reads_parameter(inner) {
                                self.observe_overridden(&mut written, &out, &v, inner.span());
                                written_at.fill(false);
                                for (i, ..) in &written {
                                    written_at[*i] = true;
                                }
                            }
                            if let V::Dict(d, _) = &v {
                                for e in d.borrow().entries.iter() {
                                    match first.find(&out, &e.key) {
                                        Some(i) => out[i].value = e.value.clone(),
                                        None => out.push(e.clone()),
                                    }
                                }
                            } else if let Some(Value { kind: ValueKind::Object(props), .. }) = v.as_value() {
                                for p in props {
                                    out.push(DictEntryV { key: p.key.written.clone(), key_span: p.key.span, value: V::Val(p.value.clone()) });
                                }
                            } else if !matches!(v.as_value().map(|x| &x.kind), Some(ValueKind::Null)) {
                                // Entries pulint cannot see: keep a marker so "missing key" stays unknown.
                                out.push(DictEntryV { key: "*".into(), key_span: inner.span(), value: V::unknown("spread of a value pulint cannot know", inner.span()) });
                            }
                        }
                    }
                }
                V::dict(out, DictKind::Plain, python, *sp)
            }
            Expr::Starred(inner, _) => self.eval(inner),
            Expr::Binary { op, left, right, span } => {
                let l = self.eval(left);
                let r = self.eval(right);
                self.binary(*op, l, r, *span)
            }
            Expr::Bool2 { op, left, right, span } => self.eval_bool(*op, left, right, *span),
            Expr::Compare { op, left, right, span } => {
                let l = self.eval(left);
                let r = self.eval(right);
                match self.compare(*op, &l, &r, *span) {
                    Some(b) => V::val(ValueKind::Bool(b), *span),
                    None => V::unknown("comparison of values pulint cannot know", *span),
                }
            }
            Expr::Not(inner, sp) => {
                let v = self.eval(inner);
                match self.truth(&v, *sp) {
                    Some(b) => V::val(ValueKind::Bool(!b), *sp),
                    None => V::unknown("negation of a value pulint cannot know", *sp),
                }
            }
            Expr::Neg(inner, sp) => {
                let v = self.eval(inner);
                match v.as_value().and_then(|x| x.as_number()) {
                    Some(n) => V::val(ValueKind::Number(-n), *sp),
                    None => V::unknown("negation of a value pulint cannot know", *sp),
                }
            }
            Expr::TypeOf(inner, sp) => {
                let v = self.eval(inner);
                match self.type_of(&v) {
                    Some(t) => V::str(t, *sp),
                    None => V::unknown("type of a value pulint cannot know", *sp),
                }
            }
            Expr::IfExp { test, body, orelse, span } => {
                let t = self.eval(test);
                match self.truth(&t, test.span()) {
                    Some(true) => self.eval(body),
                    Some(false) => self.eval(orelse),
                    None => {
                        self.conditional += 1;
                        let a = self.eval(body);
                        let b = self.eval(orelse);
                        self.conditional -= 1;
                        if a.same(&b) {
                            a
                        } else {
                            V::Val(Value::undecided("depends on a condition", [into_value(a, *span), into_value(b, *span)], *span))
                        }
                    }
                }
            }
            Expr::Lambda(f) => V::Func(Rc::new(Closure { func: f.clone(), env: self.frame().env.clone(), module: self.frame().module, class: None })),
            Expr::ListComp { elt, generators, span } => self.eval_comprehension(generators, *span, &mut |ev: &mut Self| {
                let v = ev.eval(elt);
                (None, v)
            }),
            Expr::DictComp { key, value, generators, span } => self.eval_comprehension(generators, *span, &mut |ev: &mut Self| {
                let k = ev.eval(key);
                let v = ev.eval(value);
                (Some(k), v)
            }),
            Expr::Unknown(reason, sp) => V::unknown(*reason, *sp),
        }
    }

    fn lookup_name(&mut self, name: &str, span: Span) -> V {
        if let Some(v) = lookup(&self.frame().env, name) {
            return v;
        }
        let python = self.python();
        if let Some(v) = builtins::global(name, python) {
            return v;
        }
        // The SDK modules under their customary names, even when a file forgot the import
        // (a NameError at run time): rules still see what the code means.
        match name {
            "pulumi" => V::Ext("pulumi".into()),
            "aws" => V::Ext("aws".into()),
            _ => V::unknown(["`", name, "`", pulint_model::UNDEFINED_SUFFIX].concat(), span),
        }
    }

    fn eval_template(&mut self, parts: &[StrPart], tag: Option<&Expr>, python: bool, span: Span) -> V {
        let tag_path = tag.map(|t| self.eval(t));
        let mut values = Vec::with_capacity(parts.len());
        for p in parts {
            match p {
                StrPart::Lit(s) => values.push(Value::new(ValueKind::String(s.clone()), span)),
                StrPart::Expr(e) => {
                    let v = self.eval(e);
                    if let V::List(items, _) = &v
                        && let Some((_, all)) = self.all_lists.iter().find(|(l, _)| Rc::ptr_eq(l, items))
                    {
                        let all = *all;
                        self.observe(Observation::AllListInString { all, span: e.span() });
                    }
                    values.push(into_value(v, e.span()));
                }
            }
        }
        let kind = match &tag_path {
            Some(V::Ext(p)) if p == "pulumi.interpolate" => InterpKind::Interpolate,
            Some(_) => return V::unknown("tagged template", span),
            None if python => InterpKind::FString,
            None => InterpKind::Template,
        };
        self.interp(kind, values, span)
    }

    /// Builds an interpolation, folding literal parts and observing Outputs stringified.
    pub(crate) fn interp(&mut self, kind: InterpKind, parts: Vec<Value>, span: Span) -> V {
        if !kind.is_output_aware() {
            for p in &parts {
                if self.is_output(p) {
                    self.observe(Observation::OutputInString { kind, output: p.clone(), span });
                }
            }
        }
        let mut folded: Vec<Value> = Vec::with_capacity(parts.len());
        for p in parts {
            let text = match &p.kind {
                ValueKind::String(s) => Some(s.clone()),
                ValueKind::Number(n) => Some(pulint_model::dump::number_text(*n)),
                ValueKind::Bool(b) if kind == InterpKind::Template => Some(b.to_string()),
                ValueKind::Interp { kind: k, parts } if *k == kind => {
                    folded.extend(parts.iter().cloned());
                    continue;
                }
                _ => None,
            };
            match (text, folded.last_mut()) {
                (Some(t), Some(Value { kind: ValueKind::String(prev), .. })) => prev.push_str(&t),
                (Some(t), _) => folded.push(Value::new(ValueKind::String(t), p.span)),
                (None, _) => folded.push(p),
            }
        }
        // Doubling a string in a loop must not cost memory exponential in the loop's length.
        let text_len: usize = folded.iter().filter_map(|p| p.as_str()).map(str::len).sum();
        if text_len > MAX_TEXT_BYTES || folded.len() > MAX_VALUE_NODES {
            return V::unknown("text too long to follow", span);
        }
        if folded.iter().all(|p| matches!(p.kind, ValueKind::String(_))) && !kind.is_output_aware() {
            let s: String = folded.iter().filter_map(|p| p.as_str()).collect();
            return V::str(s, span);
        }
        V::val(ValueKind::Interp { kind, parts: folded }, span)
    }

    /// Whether an expression reads a parameter of a running function (other than `self`/`cls`):
    /// `args.tags`, `tags`, `args.tags || {}`.
    fn reads_parameter(&self, e: &Expr) -> bool {
        match e {
            // Any running function's: callbacks (`forEach((az) => ...)`) read their enclosing
            // function's parameters.
            Expr::Name(n, _) => n != "self" && n != "cls" && self.frames.iter().any(|f| f.params.contains(n)),
            Expr::Attr { object, .. } | Expr::Subscript { object, .. } => self.reads_parameter(object),
            Expr::Bool2 { left, right, .. } => self.reads_parameter(left) || self.reads_parameter(right),
            Expr::IfExp { body, orelse, .. } => self.reads_parameter(body) || self.reads_parameter(orelse),
            Expr::Call { func, .. } => self.reads_parameter(func),
            _ => false,
        }
    }

    /// Keys written earlier in a dict literal that the spread `v` certainly replaces. A spread whose
    /// value for the key is the same literal changes nothing and is not observed.
    /// `written` holds indexes of `out`, the literal's entries so far, with the written text.
    fn observe_overridden(&mut self, written: &mut Vec<(usize, Span, Option<String>)>, out: &[DictEntryV], v: &V, spread: Span) {
        let spread_keys: Vec<(String, Option<Value>)> = match v {
            V::Dict(d, _) => d.borrow().entries.iter().map(|e| (e.key.clone(), e.value.as_value().cloned())).collect(),
            V::Val(Value { kind: ValueKind::Object(props), .. }) => props.iter().map(|p| (p.key.written.clone(), Some(p.value.clone()))).collect(),
            _ => return,
        };
        let mut found = Vec::new();
        written.retain(|(i, span, old)| {
            let key = &out[*i].key;
            let Some((_, new)) = spread_keys.iter().find(|(k, _)| k == key) else { return true };
            let same = match (old.as_deref(), new.as_ref().and_then(Value::as_str)) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            };
            if !same {
                found.push((key.clone(), *span));
            }
            false
        });
        for (key, written) in found {
            self.observe(Observation::KeyOverriddenBySpread { key, written, spread });
        }
    }

    /// True when a value is an Output at run time (including secret config reads).
    pub(crate) fn is_output(&self, v: &Value) -> bool {
        match &v.kind {
            ValueKind::Config(id) => self.program.config_read(*id).accessor.is_secret(),
            _ => v.is_output(),
        }
    }

    fn eval_bool(&mut self, op: BoolOp, left: &Expr, right: &Expr, span: Span) -> V {
        let l = self.eval(left);
        // `config.get("x") or "default"`: the right side is the read's default.
        if let Some(Value { kind: ValueKind::Config(id), .. }) = l.as_value()
            && matches!(op, BoolOp::Or | BoolOp::Coalesce) && self.program.config_read(*id).default.is_none() {
                let r = self.eval(right);
                let rv = to_value(&r, right.span());
                self.program.config_reads[id.index()].default = Some(rv);
                return l;
            }
        let truth = match op {
            BoolOp::Coalesce => {
                if l.is_null() {
                    Some(false)
                } else if l.is_unknown() {
                    None
                } else {
                    Some(true)
                }
            }
            _ => self.truth(&l, left.span()),
        };
        match (op, truth) {
            (BoolOp::And, Some(false)) | (BoolOp::Or | BoolOp::Coalesce, Some(true)) => l,
            (BoolOp::And, Some(true)) | (BoolOp::Or | BoolOp::Coalesce, Some(false)) => self.eval(right),
            (_, None) => {
                self.conditional += 1;
                let r = self.eval(right);
                self.conditional -= 1;
                // `x or {}` where x is unknown: keep knowing it is a dict/list when both agree.
                if r.same(&l) {
                    r
                } else {
                    let alts = [to_value(&l, left.span()), to_value(&r, right.span())];
                    V::Val(Value::undecided("depends on a value pulint cannot know", alts, span))
                }
            }
        }
    }

    fn eval_comprehension(
        &mut self,
        generators: &[ir::Comprehension],
        span: Span,
        elt: &mut dyn FnMut(&mut Self) -> (Option<V>, V),
    ) -> V {
        let mut items: Vec<(Option<V>, V)> = Vec::new();
        let known = self.comprehend(generators, span, elt, &mut items);
        let is_dict = items.first().map(|(k, _)| k.is_some()).unwrap_or(false);
        if !known {
            return V::unknown("comprehension over values pulint cannot enumerate", span);
        }
        if is_dict {
            let python = self.python();
            let entries = items
                .into_iter()
                .filter_map(|(k, v)| {
                    let k = k?;
                    let key = k.as_str().map(str::to_string)?;
                    Some(DictEntryV { key, key_span: span, value: v })
                })
                .collect();
            V::dict(entries, DictKind::Plain, python, span)
        } else {
            V::list(items.into_iter().map(|(_, v)| v).collect(), span)
        }
    }

    /// Runs nested generators; false when an iterable or condition was unknown.
    fn comprehend(
        &mut self,
        gens: &[ir::Comprehension],
        span: Span,
        elt: &mut dyn FnMut(&mut Self) -> (Option<V>, V),
        out: &mut Vec<(Option<V>, V)>,
    ) -> bool {
        let Some((g, rest)) = gens.split_first() else {
            out.push(elt(self));
            return true;
        };
        let it = self.eval(&g.iter);
        let mut known = true;
        match self.iterate(&it) {
            Some(items) if items.len() <= MAX_UNROLL => {
                for item in items {
                    self.bind(&g.target, item, span);
                    let mut keep = Some(true);
                    for c in &g.conditions {
                        let cv = self.eval(c);
                        match self.truth(&cv, c.span()) {
                            Some(true) => {}
                            Some(false) => keep = Some(false),
                            None => keep = keep.and(None),
                        }
                    }
                    match keep {
                        Some(true) => known &= self.comprehend(rest, span, elt, out),
                        Some(false) => {}
                        None => {
                            self.conditional += 1;
                            let _ = self.comprehend(rest, span, elt, out);
                            self.conditional -= 1;
                            known = false;
                        }
                    }
                }
            }
            _ => {
                self.bind(&g.target, V::unknown("comprehension variable over values pulint cannot enumerate", span), span);
                self.many += 1;
                let _ = self.comprehend(rest, span, elt, out);
                self.many -= 1;
                known = false;
            }
        }
        known
    }

    /// JavaScript `typeof`, when pulint knows the value's kind (an Output is an "object").
    fn type_of(&self, v: &V) -> Option<&'static str> {
        Some(match v {
            V::Val(val) if self.is_output(val) => "object",
            V::Val(val) => match &self.program.resolve(val).kind {
                ValueKind::String(_) => "string",
                ValueKind::Number(_) => "number",
                ValueKind::Bool(_) => "boolean",
                ValueKind::List(_) | ValueKind::Object(_) | ValueKind::Resource(_) => "object",
                _ => return None,
            },
            V::List(..) | V::Dict(..) | V::Instance(_) => "object",
            V::Func(_) | V::Bound(..) | V::Class(_) => "function",
            _ => return None,
        })
    }

    /// Truthiness when known. Testing an Output is observed: it is an object, always true in
    /// JavaScript; Python's truth of an Output is not something pulint decides.
    fn truth(&mut self, v: &V, span: Span) -> Option<bool> {
        match v {
            V::Val(val) => {
                if self.is_output(val) {
                    self.observe(Observation::OutputAsPlain { output: val.clone(), span, context: "condition" });
                    return if self.python() { None } else { Some(true) };
                }
                let val = match &val.kind {
                    ValueKind::Config(id) => self.program.config_read(*id).stack_value.clone()?,
                    _ => val.clone(),
                };
                match &val.kind {
                    ValueKind::Null => Some(false),
                    ValueKind::Bool(b) => Some(*b),
                    ValueKind::Number(n) => Some(*n != 0.0),
                    ValueKind::String(s) => Some(!s.is_empty()),
                    ValueKind::List(items) => Some(!items.is_empty()),
                    ValueKind::Object(props) => Some(!props.is_empty()),
                    ValueKind::Resource(_) => Some(true),
                    _ => None,
                }
            }
            V::List(items, _) => Some(!items.borrow().is_empty()),
            V::Dict(d, _) => Some(!d.borrow().entries.is_empty()),
            V::Func(_) | V::Class(_) | V::Instance(_) | V::Module(_) | V::Bound(..) | V::Config(_) => Some(true),
            V::Ext(_) => None,
        }
    }

    /// A scalar's known value for comparisons: config reads count only with a stack value.
    fn scalar(&self, v: &V) -> Option<Value> {
        let val = v.as_value()?;
        let val = match &val.kind {
            ValueKind::Config(id) => self.program.config_read(*id).stack_value.clone()?,
            _ => val.clone(),
        };
        match val.kind {
            ValueKind::Null | ValueKind::Bool(_) | ValueKind::Number(_) | ValueKind::String(_) => Some(val),
            _ => None,
        }
    }

    fn compare(&mut self, op: CmpOp, l: &V, r: &V, span: Span) -> Option<bool> {
        // `'apply' in x`: duck-typing an Output, not a misuse of one.
        if let (CmpOp::In | CmpOp::NotIn, Some("apply"), Some(val)) = (op, l.as_str(), r.as_value())
            && self.is_output(val) {
                return Some(op == CmpOp::In);
            }
        for side in [l, r] {
            if let Some(val) = side.as_value()
                && val.is_output() {
                    self.observe(Observation::OutputAsPlain { output: val.clone(), span, context: "comparison" });
                }
        }
        if let CmpOp::In | CmpOp::NotIn = op {
            let needle = self.scalar(l)?;
            let hay = self.iterate(r)?;
            let mut found = false;
            for h in &hay {
                match self.scalar(h) {
                    Some(x) if x.kind == needle.kind => found = true,
                    Some(_) => {}
                    None => return None,
                }
            }
            return Some(found == (op == CmpOp::In));
        }
        // `x is None` where x is an object, a resource or a literal: decidable without its value.
        if let CmpOp::Eq | CmpOp::NotEq | CmpOp::Is | CmpOp::IsNot = op {
            let eq = matches!(op, CmpOp::Eq | CmpOp::Is);
            match (l.is_null(), r.is_null(), definitely_not_null(l), definitely_not_null(r)) {
                (true, true, _, _) => return Some(eq),
                (true, _, _, true) | (_, true, true, _) => return Some(!eq),
                _ => {}
            }
        }
        let (a, b) = (self.scalar(l)?, self.scalar(r)?);
        use ValueKind as K;
        Some(match op {
            CmpOp::Eq | CmpOp::Is => a.kind == b.kind,
            CmpOp::NotEq | CmpOp::IsNot => a.kind != b.kind,
            _ => {
                let ord = match (&a.kind, &b.kind) {
                    (K::Number(x), K::Number(y)) => x.partial_cmp(y)?,
                    (K::String(x), K::String(y)) => x.cmp(y),
                    _ => return None,
                };
                match op {
                    CmpOp::Lt => ord.is_lt(),
                    CmpOp::LtE => ord.is_le(),
                    CmpOp::Gt => ord.is_gt(),
                    CmpOp::GtE => ord.is_ge(),
                    _ => return None,
                }
            }
        })
    }

    fn binary(&mut self, op: BinOp, l: V, r: V, span: Span) -> V {
        if let (V::List(a, _), V::List(b, _), BinOp::Add) = (&l, &r, op) {
            if a.borrow().len() + b.borrow().len() > MAX_VALUE_NODES {
                return V::unknown("list too long to follow", span);
            }
            let mut items = a.borrow().clone();
            items.extend(b.borrow().iter().cloned());
            return V::list(items, span);
        }
        let lv = to_value(&l, span);
        let rv = to_value(&r, span);
        let stringy = |v: &Value| matches!(v.kind, ValueKind::String(_) | ValueKind::Interp { .. });
        match op {
            BinOp::Add if stringy(&lv) || stringy(&rv) => return self.interp(InterpKind::Concat, vec![lv, rv], span),
            BinOp::Mod if lv.as_str().is_some() => return self.interp(InterpKind::Format, vec![lv, rv], span),
            _ => {}
        }
        for v in [&lv, &rv] {
            if self.is_output(v) {
                self.observe(Observation::OutputAsPlain { output: v.clone(), span, context: "arithmetic" });
            }
        }
        let (Some(a), Some(b)) = (self.scalar(&V::Val(lv.clone())).and_then(|x| x.as_number()), self.scalar(&V::Val(rv)).and_then(|x| x.as_number())) else {
            if op == BinOp::Add && (self.is_output(&lv)) {
                return V::unknown("arithmetic on an Output", span);
            }
            return V::derived("arithmetic on values pulint cannot know".into(), [&l, &r], span);
        };
        let n = match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::Div if b != 0.0 => a / b,
            BinOp::FloorDiv if b != 0.0 => (a / b).floor(),
            BinOp::Mod if b != 0.0 => a.rem_euclid(b),
            BinOp::Pow => a.powf(b),
            _ => return V::unknown("arithmetic pulint does not model", span),
        };
        V::val(ValueKind::Number(n), span)
    }

    // ----- attributes and subscripts -----------------------------------------------------

    pub(crate) fn get_attr(&mut self, obj: &V, attr: &str, span: Span) -> V {
        let dereferenced = std::mem::take(&mut self.dereferencing);
        match obj {
            V::Val(val) => self.value_attr(val, attr, span),
            V::List(items, _) => match attr {
                "length" => V::val(ValueKind::Number(items.borrow().len() as f64), span),
                _ => V::unknown(["attribute `", attr, "` of a list"].concat(), span),
            },
            V::Dict(d, _) => {
                let d = d.borrow();
                match d.get(attr) {
                    Some(v) => v.clone(),
                    // Unset fields of `ResourceOptions` / `...Args` objects read as None, and a
                    // missing property of a JavaScript object is `undefined`.
                    None if d.kind != DictKind::Plain || !d.python => V::val(ValueKind::Null, span),
                    None => V::unknown(["property `", attr, "` is not set"].concat(), span),
                }
            }
            V::Instance(inst) => {
                if let Some(v) = inst.fields.borrow().get(attr) {
                    return v.clone();
                }
                if let Some((m, class)) = inst.class.find_method(attr, 0) {
                    let closure = Rc::new(Closure { func: m.clone(), env: class.env.clone(), module: class.module, class: Some(class) });
                    if m.is_property {
                        return self.call_closure(&closure, Some(obj.clone()), Vec::new(), span, false);
                    }
                    return V::Bound(closure, Box::new(obj.clone()));
                }
                if let Some(id) = *inst.resource.borrow() {
                    return V::val(ValueKind::Attr { resource: id, path: vec![pulint_model::PathElem::Attr(attr.to_string())] }, span);
                }
                if !self.in_uncalled && self.conditional == 0 && (dereferenced || self.python()) {
                    self.unset_reads.push((Rc::as_ptr(inst), attr.to_string(), span));
                }
                V::unknown(["attribute `", attr, "` of `", &inst.class.def.name, "` is never assigned"].concat(), span)
            }
            V::Class(c) => {
                if let Some((_, e)) = c.def.fields.iter().find(|(n, _)| n == attr) {
                    let env = c.env.clone();
                    return self.with_env(env, c.module, |ev| ev.eval(e));
                }
                match c.find_method(attr, 0) {
                    Some((m, class)) => V::Func(Rc::new(Closure { func: m, env: class.env.clone(), module: class.module, class: Some(class) })),
                    None => V::unknown(["attribute `", attr, "` of class `", &c.def.name, "`"].concat(), span),
                }
            }
            V::Module(m) => {
                let m = *m;
                if self.modules[m].state == ModState::Pending {
                    self.run_module(m);
                }
                let v = self.modules[m].env.borrow().vars.get(attr).cloned();
                v.unwrap_or_else(|| V::unknown(["`", attr, "` is not defined in `", &self.modules[m].input.path, "`"].concat(), span))
            }
            V::Ext(path) => self.ext_attr(path, attr, span),
            V::Config(_) | V::Func(_) | V::Bound(..) => V::unknown(["attribute `", attr, "`"].concat(), span),
        }
    }

    fn value_attr(&mut self, val: &Value, attr: &str, span: Span) -> V {
        use pulint_model::PathElem;
        // `bucket._name` and other private attributes of an SDK object are plain Python values
        // (the logical name, internal state), never Outputs.
        if self.python() && attr.starts_with('_') && matches!(val.kind, ValueKind::Resource(_)) {
            return V::unknown(["private attribute `", attr, "` of a resource object"].concat(), span);
        }
        if let ValueKind::Resource(id) = val.kind
            && let Some(v) = self.resource_fields.get(&(id, attr.to_string()))
        {
            return v.clone();
        }
        let camel;
        let attr = if self.python() && matches!(val.kind, ValueKind::Resource(_) | ValueKind::Attr { .. } | ValueKind::InvokeResult { .. }) {
            camel = pulint_model::token::snake_to_camel(attr);
            camel.as_str()
        } else {
            attr
        };
        match &val.kind {
            ValueKind::Resource(id) => V::val(ValueKind::Attr { resource: *id, path: vec![PathElem::Attr(attr.into())] }, span),
            ValueKind::Attr { .. } | ValueKind::InvokeResult { .. } => {
                extend_path(val, PathElem::Attr(attr.into()), span).unwrap_or_else(|| V::unknown("attribute of a computed value", span))
            }
            ValueKind::Object(_) => match val.get(attr) {
                Some(v) => V::Val(v.clone()),
                None => V::unknown(["property `", attr, "` is not set"].concat(), span),
            },
            ValueKind::String(s) if attr == "length" => V::val(ValueKind::Number(s.chars().count() as f64), span),
            ValueKind::List(items) if attr == "length" => V::val(ValueKind::Number(items.len() as f64), span),
            ValueKind::Config(id) => match self.program.config_read(*id).effective().cloned() {
                Some(eff) if !matches!(eff.kind, ValueKind::Config(_)) => self.value_attr(&eff, attr, span),
                _ => V::unknown(["property `", attr, "` of a config value"].concat(), span),
            },
            // The property of every alternative that is an object with it.
            ValueKind::Unknown { reason, alternatives } => {
                let props = alternatives.iter().filter_map(|a| a.get(attr).cloned());
                V::Val(Value::undecided(reason.clone(), props, span))
            }
            _ => V::unknown(["attribute `", attr, "` of a computed value"].concat(), span),
        }
    }

    pub(crate) fn subscript_value(&mut self, obj: &V, idx: &V, span: Span) -> V {
        use pulint_model::PathElem;
        let key = idx.as_value().map(|v| self.program.resolve(v).kind.clone());
        match (obj, key) {
            (V::List(items, _), Some(ValueKind::Number(n))) => {
                let items = items.borrow();
                match list_index(n, items.len()) {
                    Some(i) => items[i].clone(),
                    None => V::unknown("index past the end of the list", span),
                }
            }
            (V::Dict(d, _), Some(ValueKind::String(k))) => {
                let d = d.borrow();
                match d.get(&k) {
                    Some(v) => v.clone(),
                    None if !d.python => V::val(ValueKind::Null, span),
                    None => V::unknown(["key `", k.as_str(), "` is not set"].concat(), span),
                }
            }
            (V::Ext(p), Some(ValueKind::String(k))) if p == "os.environ" => self.env_read(&k, None, span),
            (V::Val(val), Some(key)) => match (&val.kind, key) {
                (ValueKind::Attr { .. } | ValueKind::InvokeResult { .. }, k) => {
                    let elem = match k {
                        ValueKind::Number(n) => PathElem::Index(n as i64),
                        ValueKind::String(s) => PathElem::Key(s),
                        _ => return V::unknown("index pulint cannot know", span),
                    };
                    extend_path(val, elem, span).unwrap_or_else(|| V::unknown("item of a computed value", span))
                }
                (ValueKind::List(items), ValueKind::Number(n)) => match list_index(n, items.len()) {
                    Some(i) => V::Val(items[i].clone()),
                    None => V::unknown("index past the end of the list", span),
                },
                (ValueKind::Object(_), ValueKind::String(k)) => match val.get(&k) {
                    Some(v) => V::Val(v.clone()),
                    None => V::unknown(["key `", k.as_str(), "` is not set"].concat(), span),
                },
                (ValueKind::Config(id), k) => match self.program.config_read(*id).effective().cloned() {
                    Some(eff) if !matches!(eff.kind, ValueKind::Config(_)) => {
                        self.subscript_value(&V::Val(eff), &V::val(k, span), span)
                    }
                    _ => V::unknown("item of a config value", span),
                },
                (ValueKind::Unknown { reason, alternatives }, k) => {
                    let items = alternatives.iter().flat_map(|a| items_at(a, &k));
                    V::Val(Value::undecided(reason.clone(), items, span))
                }
                (ValueKind::List(_) | ValueKind::Object(_), k @ ValueKind::Unknown { .. }) => {
                    V::Val(Value::undecided("item pulint cannot know", items_at(val, &k), span))
                }
                _ => V::unknown("item of a computed value", span),
            },
            // A known list or dict at an index pulint cannot know: one of its items.
            (V::List(..) | V::Dict(..), Some(k @ ValueKind::Unknown { .. })) => {
                let whole = to_value(obj, span);
                V::Val(Value::undecided("item pulint cannot know", items_at(&whole, &k), span))
            }
            _ => V::unknown("item pulint cannot know", span),
        }
    }

    // ----- calls -------------------------------------------------------------------------

    fn eval_args(&mut self, args: &[Arg]) -> Vec<ArgV> {
        let mut out = Vec::with_capacity(args.len());
        for a in args {
            let v = self.eval(&a.value);
            match a.spread {
                Spread::None => out.push(ArgV { name: a.name.clone(), value: v, span: a.span }),
                Spread::Positional => match self.iterate(&v) {
                    Some(items) => out.extend(items.into_iter().map(|value| ArgV { name: None, value, span: a.span })),
                    None => out.push(ArgV { name: None, value: V::unknown("spread arguments", a.span), span: a.span }),
                },
                Spread::Keyword => {
                    if let V::Dict(d, _) = &v {
                        for e in d.borrow().entries.iter() {
                            out.push(ArgV { name: Some(e.key.clone()), value: e.value.clone(), span: e.key_span });
                        }
                    } else {
                        out.push(ArgV { name: Some("**".into()), value: V::unknown("keyword arguments pulint cannot know", a.span), span: a.span });
                    }
                }
            }
        }
        out
    }

    /// `new X(...)` and `X(...)` mean the same here: classes are called to construct.
    fn eval_call(&mut self, func: &Expr, args: &[Arg], span: Span) -> V {
        // `super().__init__(...)` (Python) and `super(...)` (TypeScript).
        let is_super_init = match func {
            Expr::Super(_) => true,
            Expr::Attr { object, attr, .. } => attr == "__init__" && matches!(&**object, Expr::Call { func, .. } if matches!(**func, Expr::Super(_))),
            _ => false,
        };
        if is_super_init {
            let args = self.eval_args(args);
            return self.super_init(args, span);
        }
        if let Expr::Attr { object, attr, .. } = func {
            if let Expr::Call { func: inner, .. } = &**object
                && matches!(**inner, Expr::Super(_)) {
                    let args = self.eval_args(args);
                    return self.super_method(attr, args, span);
                }
            let recv = self.eval_receiver(object);
            let argv = self.eval_args(args);
            return self.call_method(&recv, attr, argv, span, func.span());
        }
        let f = self.eval(func);
        let argv = self.eval_args(args);
        self.call_value(&f, argv, span, func.span())
    }

    pub(crate) fn call_value(&mut self, f: &V, args: Vec<ArgV>, span: Span, callee_span: Span) -> V {
        match f {
            V::Func(c) => self.call_closure(c, None, args, span, false),
            V::Bound(c, recv) => self.call_closure(c, Some((**recv).clone()), args, span, false),
            V::Class(c) => self.instantiate(c, args, span, false),
            V::Ext(path) => {
                let path = path.clone();
                self.call_ext(&path, args, span, callee_span)
            }
            _ => {
                self.run_callbacks(&args, span);
                V::unknown("result of a call pulint cannot follow", span)
            }
        }
    }

    /// Functions handed to something pulint cannot follow still run once, so the resources they
    /// create are seen (marked "many" and "conditional").
    pub(crate) fn run_callbacks(&mut self, args: &[ArgV], span: Span) {
        for a in args {
            if let V::Func(c) = &a.value {
                self.many += 1;
                self.conditional += 1;
                let _ = self.call_closure(c, None, Vec::new(), span, true);
                self.conditional -= 1;
                self.many -= 1;
            }
        }
    }

    pub(crate) fn call_closure(&mut self, c: &Rc<Closure>, self_v: Option<V>, args: Vec<ArgV>, span: Span, synthetic: bool) -> V {
        let key = Rc::as_ptr(&c.func);
        let recursion = self.frames.iter().filter(|f| f.func == Some(key)).count();
        if recursion > 0 || self.frames.len() > MAX_CALL_DEPTH {
            self.called.insert(key);
            return V::unknown("recursive or too deeply nested call", span);
        }
        self.called.insert(key);
        let env = new_env(Some(c.env.clone()));
        let python = self.modules[c.module].input.python;
        let mut params = c.func.params.iter().peekable();
        // Python methods take the receiver as their first parameter; TypeScript has `this`.
        if let Some(s) = &self_v {
            if python {
                if let Some(p) = params.next() {
                    env.borrow_mut().vars.insert(p.name.clone(), s.clone());
                }
            } else {
                env.borrow_mut().vars.insert("this".into(), s.clone());
            }
        }
        let param_list: Vec<&ir::Param> = params.collect();
        let mut positional = args.iter().filter(|a| a.name.is_none()).peekable();
        let mut bindings: Vec<(&ir::Param, Option<V>)> = Vec::new();
        for p in &param_list {
            if p.kwrest {
                let extra: Vec<DictEntryV> = args
                    .iter()
                    .filter(|a| a.name.as_ref().is_some_and(|n| !param_list.iter().any(|q| &q.name == n)))
                    .map(|a| DictEntryV { key: a.name.clone().unwrap_or_default(), key_span: a.span, value: a.value.clone() })
                    .collect();
                bindings.push((p, Some(V::dict(extra, DictKind::Plain, python, span))));
            } else if p.rest {
                let rest: Vec<V> = positional.by_ref().map(|a| a.value.clone()).collect();
                bindings.push((p, Some(V::list(rest, span))));
            } else if let Some(a) = positional.next() {
                bindings.push((p, Some(a.value.clone())));
            } else if let Some(a) = args.iter().find(|a| a.name.as_deref() == Some(p.name.as_str())) {
                bindings.push((p, Some(a.value.clone())));
            } else {
                bindings.push((p, None));
            }
        }
        self.frames.push(Frame {
            module: c.module,
            env: env.clone(),
            self_v: self_v.clone(),
            class: c.class.clone(),
            func: Some(key),
            params: param_list.iter().map(|p| p.name.clone()).collect(),
            returns: Vec::new(),
        });
        for (p, v) in bindings {
            let v = match v {
                Some(v) => v,
                None => match &p.default {
                    Some(d) => self.eval(d),
                    None if synthetic => V::unknown(format!("parameter `{}` of a function the program does not call", p.name), p.span),
                    None if !python => V::val(ValueKind::Null, p.span),
                    None => V::unknown(format!("parameter `{}` was not passed", p.name), p.span),
                },
            };
            match &p.destructure {
                Some(t) => self.bind(t, v, p.span),
                None => {
                    env.borrow_mut().vars.insert(p.name.clone(), v);
                }
            }
        }
        let flow = self.exec_block(&c.func.body);
        let frame = self.frames.pop().expect("frame pushed above");
        let mut returns = frame.returns;
        match flow {
            Flow::Return(v) => returns.push(v),
            _ if returns.is_empty() => return V::val(ValueKind::Null, span),
            _ => returns.push(V::val(ValueKind::Null, span)),
        }
        if returns.iter().all(|r| r.same(&returns[0])) {
            returns.swap_remove(0)
        } else {
            // One definite value plus arms that returned nothing useful: prefer the value.
            let useful: Vec<&V> = returns.iter().filter(|r| !r.is_null() && !r.is_unknown()).collect();
            match useful.as_slice() {
                [one] => (*one).clone(),
                _ => {
                    // Unknown returns may carry alternatives of their own; `undecided` keeps those.
                    let alts = returns.iter().filter(|r| !r.is_null()).map(|r| to_value(r, span));
                    V::Val(Value::undecided("the function returns different values on different paths", alts, span))
                }
            }
        }
    }

    fn with_env<T>(&mut self, env: Env, module: usize, f: impl FnOnce(&mut Self) -> T) -> T {
        self.frames.push(Frame { module, env, self_v: None, class: None, func: None, params: Vec::new(), returns: Vec::new() });
        let out = f(self);
        self.frames.pop();
        out
    }

    pub(crate) fn instantiate(&mut self, class: &Rc<ClassObj>, args: Vec<ArgV>, span: Span, synthetic: bool) -> V {
        // Field initialisers run outside any call frame, so MAX_CALL_DEPTH does not see a class
        // whose field constructs the class again (`class A { x = new A(); }`).
        // A class constructed again while it is being constructed is recursion, like a recursive
        // call: with two constructions per level (`k = A(A())` in its body), a depth bound alone
        // still made 2^17 instances (found by cargo-fuzz check_pipeline).
        let def = Rc::as_ptr(&class.def);
        if self.constructing.len() > MAX_CALL_DEPTH || self.constructing.contains(&def) {
            return V::unknown(format!("instance of `{}` constructed recursively", class.def.name), span);
        }
        self.constructing.push(def);
        let v = self.instantiate_inner(class, args, span, synthetic);
        self.constructing.pop();
        v
    }

    fn instantiate_inner(&mut self, class: &Rc<ClassObj>, args: Vec<ArgV>, span: Span, synthetic: bool) -> V {
        let inst = new_instance(Instance { class: class.clone(), fields: Default::default(), resource: Default::default(), site: span });
        self.instances.entry(Rc::as_ptr(&class.def)).or_insert_with(|| inst.clone());
        let this = V::Instance(inst.clone());
        // Class-level fields (Python class attributes, TypeScript initialisers).
        let mut chain = vec![class.clone()];
        let mut i = 0;
        while i < chain.len() && i < 16 {
            let bases: Vec<Rc<ClassObj>> = chain[i].bases.iter().filter_map(|b| if let V::Class(c) = b { Some(c.clone()) } else { None }).collect();
            chain.extend(bases);
            i += 1;
        }
        for c in chain.iter().rev() {
            for (name, e) in &c.def.fields {
                let env = new_env(Some(c.env.clone()));
                env.borrow_mut().vars.insert("this".into(), this.clone());
                let v = self.with_env(env, c.module, |ev| ev.eval(e));
                inst.fields.borrow_mut().insert(name.clone(), v);
            }
        }
        let ctor = class.find_method("__init__", 0).or_else(|| class.find_method("constructor", 0));
        match ctor {
            Some((m, owner)) => {
                let closure = Rc::new(Closure { func: m, env: owner.env.clone(), module: owner.module, class: Some(owner) });
                let _ = self.call_closure(&closure, Some(this.clone()), args, span, synthetic);
            }
            None => {
                // Data classes: arguments fill the declared fields.
                let names: Vec<String> = class.def.fields.iter().map(|(n, _)| n.clone()).collect();
                let mut positional = names.iter();
                for a in args {
                    let name = match &a.name {
                        Some(n) => Some(n.clone()),
                        None => positional.next().cloned(),
                    };
                    if let Some(n) = name {
                        inst.fields.borrow_mut().insert(n, a.value);
                    }
                }
            }
        }
        this
    }

    fn super_init(&mut self, args: Vec<ArgV>, span: Span) -> V {
        let (class, self_v) = match self.frames.last() {
            Some(f) => (f.class.clone(), f.self_v.clone()),
            None => (None, None),
        };
        let (Some(class), Some(self_v)) = (class, self_v) else { return V::val(ValueKind::Null, span) };
        for base in class.bases.clone() {
            match base {
                V::Class(b) => {
                    if let Some((m, owner)) = b.find_method("__init__", 0).or_else(|| b.find_method("constructor", 0)) {
                        let closure = Rc::new(Closure { func: m, env: owner.env.clone(), module: owner.module, class: Some(owner) });
                        return self.call_closure(&closure, Some(self_v), args, span, false);
                    }
                }
                V::Ext(p) if p == "pulumi.ComponentResource" => {
                    self.register_component(&class, &self_v, args, span);
                    return V::val(ValueKind::Null, span);
                }
                _ => {}
            }
        }
        V::val(ValueKind::Null, span)
    }

    fn super_method(&mut self, attr: &str, args: Vec<ArgV>, span: Span) -> V {
        let (class, self_v) = match self.frames.last() {
            Some(f) => (f.class.clone(), f.self_v.clone()),
            None => (None, None),
        };
        let (Some(class), Some(self_v)) = (class, self_v) else { return V::unknown("super call", span) };
        for base in class.bases.clone() {
            if let V::Class(b) = base
                && let Some((m, owner)) = b.find_method(attr, 0) {
                    let closure = Rc::new(Closure { func: m, env: owner.env.clone(), module: owner.module, class: Some(owner) });
                    return self.call_closure(&closure, Some(self_v), args, span, false);
                }
        }
        self.call_method(&self_v, attr, args, span, span)
    }
}

/// True for values that exist whatever pulint does not know about them (never `None`).
fn definitely_not_null(v: &V) -> bool {
    match v {
        V::Val(val) => !matches!(val.kind, ValueKind::Null | ValueKind::Unknown { .. } | ValueKind::Config(_)),
        _ => true,
    }
}

/// The items of a known list or object that `key` may select: the one it names, or all of them
/// when the key is unknown. Used for the alternatives of an unknown value.
fn items_at(v: &Value, key: &ValueKind) -> Vec<Value> {
    match (&v.kind, key) {
        (ValueKind::List(items), ValueKind::Number(n)) => list_index(*n, items.len()).map(|i| items[i].clone()).into_iter().collect(),
        (ValueKind::Object(_), ValueKind::String(k)) => v.get(k).cloned().into_iter().collect(),
        (ValueKind::List(items), ValueKind::Unknown { .. }) => items.iter().take(pulint_model::MAX_ALTERNATIVES).cloned().collect(),
        (ValueKind::Object(props), ValueKind::Unknown { .. }) => {
            props.iter().take(pulint_model::MAX_ALTERNATIVES).map(|p| p.value.clone()).collect()
        }
        _ => Vec::new(),
    }
}

/// Where each key of a dict literal first appears among its entries so far. A small literal is
/// scanned; a large one gets a hash index, extended as entries are added, so that a literal of n
/// keys costs n, not n² (most literals are small, and scanning them beats hashing their keys).
#[derive(Default)]
struct FirstEntry {
    index: FxHashMap<String, usize>,
    /// Entries of `out` already in `index`.
    indexed: usize,
}

impl FirstEntry {
    /// Literals up to this many entries are scanned.
    const SCAN: usize = 16;

    fn find(&mut self, out: &[DictEntryV], key: &str) -> Option<usize> {
        if out.len() <= Self::SCAN {
            return out.iter().position(|e| e.key == key);
        }
        for (i, e) in out.iter().enumerate().skip(self.indexed) {
            self.index.entry(e.key.clone()).or_insert(i);
        }
        self.indexed = out.len();
        self.index.get(key).copied()
    }
}

/// A Python/JavaScript list index into `len` items; negative indices count from the end.
fn list_index(n: f64, len: usize) -> Option<usize> {
    let (i, len) = (n as i64, len as i64);
    let i = if i < 0 { len + i } else { i };
    (0..len).contains(&i).then_some(i as usize)
}

/// A resource output or invoke result one step further along its path (`vpc.id.x`, `azs.names[0]`).
fn extend_path(val: &Value, elem: pulint_model::PathElem, span: Span) -> Option<V> {
    let push = |path: &[pulint_model::PathElem]| {
        let mut path = path.to_vec();
        path.push(elem.clone());
        path
    };
    let kind = match &val.kind {
        ValueKind::Attr { resource, path } => ValueKind::Attr { resource: *resource, path: push(path) },
        ValueKind::InvokeResult { invoke, path, output } => ValueKind::InvokeResult { invoke: *invoke, path: push(path), output: *output },
        _ => return None,
    };
    Some(V::val(kind, span))
}
