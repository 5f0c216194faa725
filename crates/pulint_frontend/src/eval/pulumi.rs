//! What pulint knows about the Pulumi SDKs: which calls construct resources, invokes, options,
//! config reads, Outputs and assets, in Python and TypeScript spellings alike.

use super::value::*;
use super::{ArgV, Evaluator};
use pulint_model::token::{aws_function_token, snake_to_camel};
use pulint_model::value::{AssetKind, InterpKind};
use pulint_model::*;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

/// Pulumi provider packages whose classes are resources: Python module, npm package, short name.
const PACKAGES: &[(&str, &str, &str)] = &[
    ("pulumi_aws", "@pulumi/aws", "aws"),
    ("pulumi_awsx", "@pulumi/awsx", "awsx"),
    ("pulumi_random", "@pulumi/random", "random"),
    ("pulumi_tls", "@pulumi/tls", "tls"),
    ("pulumi_command", "@pulumi/command", "command"),
    ("pulumi_archive", "@pulumi/archive", "archive"),
    ("pulumi_aws_native", "@pulumi/aws-native", "aws-native"),
    ("pulumi_kubernetes", "@pulumi/kubernetes", "kubernetes"),
    ("pulumi_eks", "@pulumi/eks", "eks"),
];

/// The canonical path of an external module (`pulumi_aws.ec2` -> `aws.ec2`), or `None` when the
/// import may be one of the program's own modules.
pub fn external_module(spec: &str) -> Option<String> {
    if spec.starts_with('.') {
        return None;
    }
    for (py, npm, short) in PACKAGES {
        if spec == *py || spec == *npm {
            return Some(short.to_string());
        }
        if let Some(rest) = spec.strip_prefix(py).and_then(|r| r.strip_prefix('.')) {
            return Some(format!("{short}.{rest}"));
        }
        if let Some(rest) = spec.strip_prefix(npm).and_then(|r| r.strip_prefix('/')) {
            return Some(format!("{short}.{}", rest.replace('/', ".")));
        }
    }
    match spec {
        "pulumi" | "@pulumi/pulumi" => return Some("pulumi".into()),
        "json" | "os" | "typing" | "datetime" | "time" | "random" | "secrets" | "string" | "uuid" | "hashlib" | "base64" | "ipaddress"
        | "dataclasses" | "enum" | "re" | "sys" | "pathlib" | "fs" | "path" | "crypto" => return Some(spec.into()),
        _ => {}
    }
    if let Some(rest) = spec.strip_prefix("pulumi.") {
        return Some(format!("pulumi.{rest}"));
    }
    if let Some(rest) = spec.strip_prefix("@pulumi/pulumi/") {
        return Some(format!("pulumi.{}", rest.replace('/', ".")));
    }
    if spec.starts_with('@') || spec.starts_with("node:") {
        return Some(format!("ext:{spec}"));
    }
    None
}

/// Whether a canonical external path is inside a provider SDK package (`aws`, `aws.s3`).
pub(crate) fn is_sdk_path(path: &str) -> bool {
    is_package(path.split('.').next().unwrap_or(path))
}

fn is_package(short: &str) -> bool {
    PACKAGES.iter().any(|(_, _, s)| *s == short)
}

/// What a call on an external path constructs.
#[derive(Clone)]
enum SdkCall {
    Resource { token: String, kind: ResourceKind },
    Read { token: String },
    Args,
    Invoke { token: String, output: bool },
}

thread_local! {
    /// Provider SDK paths classified on this thread (emptied when it reaches [`MAX_SDK_CALLS`]).
    /// The same paths recur in every program (`aws.ec2.SecurityGroup`), and classifying one (its
    /// segments, module and token) costs far more than looking it up.
    static SDK_CALLS: RefCell<FxHashMap<String, Option<SdkCall>>> = RefCell::new(FxHashMap::default());
}

const MAX_SDK_CALLS: usize = 4096;

/// Classifies `aws.ec2.Vpc`, `aws.ec2.VpcArgs`, `aws.ec2.get_vpc_output`, `aws.Provider`.
fn sdk_call(path: &str) -> Option<SdkCall> {
    let pkg = path.split('.').next().unwrap_or(path);
    if !is_package(pkg) || !path.contains('.') {
        return None;
    }
    SDK_CALLS.with(|calls| {
        let mut calls = calls.borrow_mut();
        if let Some(call) = calls.get(path) {
            return call.clone();
        }
        let call = classify(path);
        if calls.len() >= MAX_SDK_CALLS {
            calls.clear();
        }
        calls.insert(path.to_string(), call.clone());
        call
    })
}

/// [`sdk_call`] of a path in a provider package, worked out.
fn classify(path: &str) -> Option<SdkCall> {
    let mut segs: Vec<&str> = path.split('.').collect();
    let pkg = *segs.first()?;
    let is_read = segs.last() == Some(&"get") && segs.len() >= 3 && segs[segs.len() - 2].starts_with(char::is_uppercase);
    if is_read {
        segs.pop();
    }
    let name = *segs.last()?;
    let module = if segs.len() >= 3 { segs[1..segs.len() - 1].join("/") } else { "index".to_string() };
    let module = module.trim_end_matches('_').to_string();
    if name.starts_with(char::is_uppercase) {
        if name.ends_with("Args") || name.ends_with("ArgsDict") {
            return Some(SdkCall::Args);
        }
        if name == "Provider" && segs.len() == 2 {
            return Some(SdkCall::Resource { token: format!("pulumi:providers:{pkg}"), kind: ResourceKind::Provider });
        }
        let token = if pkg == "aws" {
            pulint_model::token::aws_resource_token(&module, name)
        } else if pkg == "kubernetes" {
            // Kubernetes tokens name the API group and version only: `kubernetes:core/v1:Secret`.
            format!("kubernetes:{module}:{name}")
        } else {
            let mut c = name.chars();
            let lower: String = c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default();
            format!("{pkg}:{module}/{lower}:{name}")
        };
        return Some(if is_read { SdkCall::Read { token } } else { SdkCall::Resource { token, kind: ResourceKind::Custom } });
    }
    if is_read {
        return None;
    }
    // Invokes: `get_vpc`, `get_vpc_output`, `getVpc`, `getVpcOutput`.
    let (base, output) = match name.strip_suffix("_output").or_else(|| name.strip_suffix("Output")) {
        Some(b) => (b, true),
        None => (name, false),
    };
    if base.starts_with("get") {
        let camel = snake_to_camel(base);
        let token = if pkg == "aws" { aws_function_token(&module, &camel) } else { format!("{pkg}:{module}/{camel}:{camel}") };
        return Some(SdkCall::Invoke { token, output });
    }
    None
}

impl Evaluator<'_> {
    /// Attribute of an external path; a few paths are values rather than namespaces.
    pub(crate) fn ext_attr(&mut self, path: &str, attr: &str, span: Span) -> V {
        let full = [path, ".", attr].concat();
        if path == "pulumi" {
            self.program.sdk_names.push(pulint_model::SdkName { path: full.clone(), span, imported: false });
        }
        match full.as_str() {
            // `aws.config.region`: the default provider's configured region.
            "aws.config.region" => return self.config_read(Some("aws".into()), "region".into(), ConfigAccessor::Provider, None, span),
            "process.env" => return V::Ext("os.environ".into()),
            _ => {}
        }
        if path == "os.environ" {
            return self.env_read(attr, None, span);
        }
        V::Ext(full)
    }

    pub(crate) fn env_read(&mut self, key: &str, default: Option<Value>, span: Span) -> V {
        self.config_read(None, key.to_string(), ConfigAccessor::EnvVar, default, span)
    }

    /// Records a read of stack configuration (or of the environment) and yields its value.
    pub(crate) fn config_read(&mut self, namespace: Option<String>, key: String, accessor: ConfigAccessor, default: Option<Value>, span: Span) -> V {
        let stack_value = match accessor {
            ConfigAccessor::EnvVar | ConfigAccessor::StackName | ConfigAccessor::ProjectName => None,
            _ => self.stack_value(namespace.as_deref(), &key),
        };
        let id = ConfigReadId(self.program.config_reads.len() as u32);
        self.program.config_reads.push(ConfigRead { key, namespace, accessor, default, stack_value, span });
        V::val(ValueKind::Config(id), span)
    }

    fn stack_value(&self, namespace: Option<&str>, key: &str) -> Option<Value> {
        let stack = &self.program.stack;
        let wanted = match namespace.or(stack.project.as_deref()) {
            Some(ns) => format!("{ns}:{key}"),
            None => {
                // No project name known: a key that matches after any namespace.
                return stack.config.iter().find(|(k, _)| k.rsplit_once(':').map(|(_, b)| b) == Some(key)).map(|(_, v)| v.clone());
            }
        };
        stack.config.iter().find(|(k, _)| *k == wanted).map(|(_, v)| v.clone())
    }

    /// Calls to external functions and classes.
    pub(crate) fn call_ext(&mut self, path: &str, args: Vec<ArgV>, span: Span, callee_span: Span) -> V {
        if let Some(call) = sdk_call(path) {
            return match call {
                SdkCall::Resource { token, kind } => self.construct(token, kind, args, span, callee_span),
                SdkCall::Read { token } => self.construct(token, ResourceKind::Read, args, span, callee_span),
                SdkCall::Args => {
                    self.program.sdk_names.push(pulint_model::SdkName { path: path.to_string(), span: callee_span, imported: false });
                    self.args_object(args, span)
                }
                SdkCall::Invoke { token, output } => self.invoke(token, output, args, span),
            };
        }
        let first = |args: &[ArgV]| args.iter().find(|a| a.name.is_none()).map(|a| a.value.clone());
        let first_value =
            |args: &[ArgV]| args.iter().find(|a| a.name.is_none()).map(|a| to_value(&a.value, span)).unwrap_or_else(|| Value::unknown("missing argument", span));
        match path {
            "pulumi.ResourceOptions" | "pulumi.InvokeOptions" | "pulumi.ComponentResourceOptions" | "pulumi.CustomResourceOptions"
            | "pulumi.InvokeOutputOptions" | "pulumi.resource.ResourceOptions" => {
                let entries = args
                    .into_iter()
                    .filter_map(|a| Some(DictEntryV { key: a.name?, key_span: a.span, value: a.value }))
                    .collect();
                V::dict(entries, DictKind::Options, self.python(), span)
            }
            "pulumi.ResourceOptions.merge" | "pulumi.mergeOptions" | "pulumi.InvokeOptions.merge" => {
                let mut entries: Vec<DictEntryV> = Vec::new();
                let mut python = self.python();
                for a in &args {
                    if let V::Dict(d, _) = &a.value {
                        python = d.borrow().python;
                        for e in d.borrow().entries.iter() {
                            match entries.iter_mut().find(|x| x.key == e.key) {
                                Some(x) => x.value = e.value.clone(),
                                None => entries.push(e.clone()),
                            }
                        }
                    }
                }
                V::dict(entries, DictKind::Options, python, span)
            }
            "pulumi.Config" => {
                let ns = first(&args).and_then(|v| v.as_str().map(str::to_string));
                V::Config(ns)
            }
            "pulumi.export" => {
                let name = first(&args).and_then(|v| v.as_str().map(str::to_string)).unwrap_or_else(|| "?".into());
                let value = args.iter().filter(|a| a.name.is_none()).nth(1).map(|a| to_value(&a.value, a.span)).unwrap_or_else(|| Value::unknown("missing value", span));
                // Another file named like an entry module is likely the entry of another
                // program shown in the same document, not library code. Without a known entry
                // module a top-level file may be it; a file in a directory (`lib/tap_stack.py`)
                // cannot be, since Pulumi starts a program at its project's entry file.
                let input = &self.modules[self.frame().module].input;
                let entry_known = self.modules.iter().any(|m| m.input.entry);
                let entry = input.entry || input.fragment || crate::project::named_like_entry(&input.path) || (!entry_known && !input.path.contains('/'));
                let scope = match (entry, self.in_function()) {
                    (true, false) => ExportScope::Entry,
                    (true, true) => ExportScope::EntryFunction,
                    (false, _) => ExportScope::Library,
                };
                let created_by = self.current_component();
                self.program.exports.push(Export { name, value, span, scope, created_by });
                V::val(ValueKind::Null, span)
            }
            "pulumi.Output.concat" | "pulumi.concat" => {
                let parts = args.iter().map(|a| to_value(&a.value, a.span)).collect();
                self.interp(InterpKind::OutputConcat, parts, span)
            }
            "pulumi.Output.format" => {
                let parts = args.iter().map(|a| to_value(&a.value, a.span)).collect();
                self.interp(InterpKind::OutputFormat, parts, span)
            }
            "pulumi.Output.all" | "pulumi.all" => {
                let items: Vec<Value> = match args.as_slice() {
                    [one] if one.name.is_none() => match &one.value {
                        V::List(items, _) => items.borrow().iter().map(|v| to_value(v, one.span)).collect(),
                        V::Dict(..) => vec![to_value(&one.value, one.span)],
                        v => vec![to_value(v, one.span)],
                    },
                    _ => args.iter().map(|a| to_value(&a.value, a.span)).collect(),
                };
                V::val(ValueKind::All(items), span)
            }
            "pulumi.Output.from_input" | "pulumi.output" | "pulumi.Output.of" => match first(&args) {
                // `pulumi.output(aws.getX(...))`: the invoke's promise becomes an Output.
                Some(V::Val(Value { kind: ValueKind::InvokeResult { invoke, path, .. }, span: s })) => {
                    V::val(ValueKind::InvokeResult { invoke, path, output: true }, s)
                }
                v => v.unwrap_or_else(|| V::val(ValueKind::Null, span)),
            },
            "pulumi.Output.secret" | "pulumi.secret" => {
                let inner = first_value(&args);
                V::val(ValueKind::Secret(Box::new(inner)), span)
            }
            "pulumi.Output.unsecret" | "pulumi.unsecret" => first(&args).unwrap_or_else(|| V::unknown("missing argument", span)),
            "pulumi.Output.json_dumps" | "pulumi.jsonStringify" => {
                let inner = first_value(&args);
                V::val(ValueKind::Json { output_aware: true, value: Box::new(inner) }, span)
            }
            "json.dumps" | "JSON.stringify" => {
                let inner = first_value(&args);
                let mut outputs = Vec::new();
                collect_outputs(self, &inner, &mut outputs);
                for o in outputs {
                    self.observe(Observation::OutputInJson { output: o, span });
                }
                V::val(ValueKind::Json { output_aware: false, value: Box::new(inner) }, span)
            }
            "pulumi.get_stack" | "pulumi.getStack" => self.config_read(None, "stack".into(), ConfigAccessor::StackName, None, span),
            "pulumi.get_project" | "pulumi.getProject" => {
                let project = self.program.stack.project.clone();
                match project {
                    Some(p) => V::str(p, span),
                    None => self.config_read(None, "project".into(), ConfigAccessor::ProjectName, None, span),
                }
            }
            "os.getenv" | "os.environ.get" => {
                let key = first(&args).and_then(|v| v.as_str().map(str::to_string)).unwrap_or_else(|| "?".into());
                let default = args.iter().filter(|a| a.name.is_none()).nth(1).map(|a| to_value(&a.value, a.span));
                self.env_read(&key, default, span)
            }
            _ => {
                if let Some(kind) = asset_kind(path) {
                    let arg = first_value(&args);
                    return V::val(ValueKind::Asset { kind, arg: Box::new(arg) }, span);
                }
                if let Some(v) = self.call_builtin(path, &args, span) {
                    return v;
                }
                self.run_callbacks(&args, span);
                V::derived(["result of `", path.trim_start_matches("ext:").trim_start_matches("builtins."), "`"].concat(), args.iter().map(|a| &a.value), span)
            }
        }
    }

    /// `aws.ec2.VpcArgs(cidr_block=...)`: an object whose keys are schema properties.
    fn args_object(&mut self, args: Vec<ArgV>, span: Span) -> V {
        let entries = args
            .into_iter()
            .filter_map(|a| Some(DictEntryV { key: a.name?, key_span: a.span, value: a.value }))
            .collect();
        V::dict(entries, DictKind::Args, self.python(), span)
    }

    /// Splits SDK call arguments into (name, args, options), for Python and TypeScript forms.
    fn split_call_args(&mut self, args: Vec<ArgV>, invoke: bool) -> (Option<ArgV>, Vec<ArgV>, Option<V>) {
        let mut name = None;
        let mut props: Vec<ArgV> = Vec::with_capacity(args.len());
        let mut opts = None;
        let mut positional = 0;
        for a in args {
            match a.name.as_deref() {
                Some("opts") => opts = Some(a.value),
                Some("resource_name") if !invoke => name = Some(a),
                Some("args") | Some("props") => props.push(ArgV { name: None, value: a.value, span: a.span }),
                Some(_) => props.push(a),
                None => {
                    let slot = if invoke { positional + 1 } else { positional };
                    positional += 1;
                    match slot {
                        0 => name = Some(a),
                        1 => match &a.value {
                            V::Dict(d, _) if d.borrow().kind == DictKind::Options => opts = Some(a.value),
                            _ => props.push(a),
                        },
                        _ => opts = Some(a.value),
                    }
                }
            }
        }
        (name, props, opts)
    }

    /// Argument objects and keyword arguments, flattened into schema-named properties.
    fn schema_props(&mut self, props: Vec<ArgV>) -> Vec<Prop> {
        let python = self.python();
        let mut out: Vec<Prop> = Vec::with_capacity(props.len());
        for a in props {
            match a.name {
                Some(written) => {
                    let canonical = if python { snake_to_camel(&written) } else { written.clone() };
                    let value = into_arg_value(&canonical, a.value, a.span);
                    out.retain(|p| p.key.canonical != canonical);
                    out.push(Prop { key: Key { canonical, written, span: a.span }, value });
                }
                None => match into_schema_value(a.value, a.span).kind {
                    ValueKind::Object(inner) => {
                        for p in inner {
                            out.retain(|q| q.key.canonical != p.key.canonical);
                            out.push(p);
                        }
                    }
                    ValueKind::Null => {}
                    _ => {
                        let key = Key { canonical: "*".into(), written: "*".into(), span: a.span };
                        out.push(Prop { key, value: Value::unknown("arguments pulint cannot see", a.span) });
                    }
                },
            }
        }
        out
    }

    fn options(&mut self, opts: Option<V>, span: Span) -> ResourceOptions {
        let Some(v) = opts else { return ResourceOptions::default() };
        let value = into_schema_value(v, span);
        match value.kind {
            ValueKind::Object(props) => ResourceOptions { props, span: Some(value.span) },
            ValueKind::Null => ResourceOptions::default(),
            _ => ResourceOptions {
                props: vec![Prop {
                    key: Key { canonical: "*".into(), written: "opts".into(), span: value.span },
                    value: Value::unknown("resource options pulint cannot see", value.span),
                }],
                span: Some(value.span),
            },
        }
    }

    pub(crate) fn construct(&mut self, token: String, kind: ResourceKind, args: Vec<ArgV>, span: Span, callee_span: Span) -> V {
        let (name, props, opts) = self.split_call_args(args, false);
        let name = match name {
            Some(a) => into_value(a.value, a.span),
            None => Value::unknown("no logical name", span),
        };
        let args = self.schema_props(props);
        let options = self.options(opts, span);
        let resource = Resource {
            token,
            kind,
            name,
            args,
            options,
            binding: None,
            span,
            callee_span,
            multiplicity: if self.many > 0 { Multiplicity::Many } else { Multiplicity::One },
            conditional: self.conditional > 0,
            in_apply: self.in_apply > 0,
            root: self.root_file(),
            component: None,
            created_by: self.current_component(),
            provider: ProviderUse::Default,
            region: None,
            parent: None,
        };
        let id = ResourceId(self.program.resources.len() as u32);
        for p in resource.args.iter().chain(resource.options.props.iter()) {
            self.note_unknowns(&p.value);
        }
        self.program.resources.push(resource);
        V::val(ValueKind::Resource(id), span)
    }

    fn invoke(&mut self, token: String, output: bool, args: Vec<ArgV>, span: Span) -> V {
        let (_, props, opts) = self.split_call_args(args, true);
        let args = self.schema_props(props);
        let options = self.options(opts, span);
        let id = InvokeId(self.program.invokes.len() as u32);
        for p in args.iter().chain(options.props.iter()) {
            self.note_unknowns(&p.value);
        }
        self.program.invokes.push(Invoke {
            token,
            args,
            options,
            span,
            output_form: output,
            multiplicity: if self.many > 0 { Multiplicity::Many } else { Multiplicity::One },
            in_apply: self.in_apply > 0,
            provider: ProviderUse::Default,
            region: None,
        });
        V::val(ValueKind::InvokeResult { invoke: id, path: Vec::new(), output }, span)
    }

    /// `super().__init__("tap:stack:TapStack", name, None, opts)` in a ComponentResource class.
    pub(crate) fn register_component(&mut self, class: &Rc<ClassObj>, self_v: &V, args: Vec<ArgV>, span: Span) {
        let V::Instance(inst) = self_v else { return };
        if inst.resource.borrow().is_some() {
            return;
        }
        let mut positional = args.iter().filter(|a| a.name.is_none());
        let type_arg = args.iter().find(|a| matches!(a.name.as_deref(), Some("t") | Some("type_"))).or_else(|| positional.next());
        let name_arg = args.iter().find(|a| a.name.as_deref() == Some("name")).or_else(|| positional.next());
        let _props = positional.next();
        let opts_arg = args.iter().find(|a| a.name.as_deref() == Some("opts")).or_else(|| positional.next());
        let token = type_arg.and_then(|a| a.value.as_str().map(str::to_string));
        let name = name_arg.map(|a| to_value(&a.value, a.span)).unwrap_or_else(|| Value::unknown("no logical name", span));
        let options = self.options(opts_arg.map(|a| a.value.clone()), span);
        // The instance's own class decides the component table entry (a subclass may call up).
        let component = self.components.get(&Rc::as_ptr(&inst.class.def)).or_else(|| self.components.get(&Rc::as_ptr(&class.def))).copied();
        if let (Some(c), Some(t)) = (component, &token) {
            self.program.components[c.index()].token.get_or_insert_with(|| t.clone());
        }
        let resource = Resource {
            token: token.unwrap_or_else(|| format!("component:{}", inst.class.def.name)),
            kind: ResourceKind::Component,
            name,
            args: Vec::new(),
            options,
            binding: None,
            span: inst.site,
            callee_span: inst.site,
            multiplicity: if self.many > 0 { Multiplicity::Many } else { Multiplicity::One },
            conditional: self.conditional > 0,
            in_apply: self.in_apply > 0,
            root: self.root_file(),
            component,
            created_by: self.frames.iter().rev().skip(1).find_map(|f| match &f.self_v {
                Some(V::Instance(i)) if !Rc::ptr_eq(i, inst) => *i.resource.borrow(),
                _ => None,
            }),
            provider: ProviderUse::Default,
            region: None,
            parent: None,
        };
        let id = ResourceId(self.program.resources.len() as u32);
        self.program.resources.push(resource);
        *inst.resource.borrow_mut() = Some(id);
    }

    /// `obj.method(args)`: Pulumi objects, Outputs, strings, lists and dicts, user instances.
    pub(crate) fn call_method(&mut self, recv: &V, name: &str, args: Vec<ArgV>, span: Span, callee_span: Span) -> V {
        match recv {
            V::Config(ns) => return self.config_method(ns.clone(), name, &args, span),
            V::Instance(inst) => {
                if name == "register_outputs" || name == "registerOutputs" {
                    if let Some(c) = self.components.get(&Rc::as_ptr(&inst.class.def)).copied() {
                        self.program.components[c.index()].registers_outputs = true;
                    }
                    // The registered outputs are the component's outputs: kept as exports.
                    if let Some(a) = args.iter().find(|a| a.name.is_none())
                        && let ValueKind::Object(props) = to_value(&a.value, a.span).kind {
                            for p in props {
                                let export = Export { name: p.key.written, value: p.value, span: p.key.span, scope: ExportScope::Component, created_by: None };
                                self.program.exports.push(export);
                            }
                        }
                    return V::val(ValueKind::Null, span);
                }
                let m = self.get_attr(recv, name, callee_span);
                return self.call_value(&m, args, span, callee_span);
            }
            V::Ext(path) => {
                let full = [path.as_str(), ".", name].concat();
                if path == "pulumi" {
                    self.program.sdk_names.push(pulint_model::SdkName { path: full.clone(), span: callee_span, imported: false });
                }
                return self.call_ext(&full, args, span, callee_span);
            }
            V::Module(_) | V::Class(_) => {
                let f = self.get_attr(recv, name, callee_span);
                return self.call_value(&f, args, span, callee_span);
            }
            // `Output.from_input([...]).apply(...)`: a plain list or dict lifted into an Output.
            V::List(..) | V::Dict(..) if name == "apply" => return self.apply(vec![to_value(recv, span)], args, span),
            _ => {}
        }
        if let V::Val(val) = recv {
            // `Output.all(x)` / `pulumi.all([x])` still hands its callback a list; a record form
            // (`pulumi.all({ a: x })`) hands over the object.
            if let ValueKind::All(items) = &val.kind
                && let [one] = items.as_slice()
                && !matches!(one.kind, ValueKind::Object(_))
                && name == "apply"
            {
                return self.apply_all_of_one(items.clone(), val.span, args, span);
            }
            match name {
                "apply" => return self.apply(vec![val.clone()], args, span),
                "then" if matches!(val.kind, ValueKind::InvokeResult { .. }) => {
                    let plain = plain_view(val);
                    return self.call_callback(&args, vec![V::Val(plain)], span);
                }
                _ => {}
            }
            if let ValueKind::All(items) = &val.kind
                && name == "apply" {
                    return self.apply(items.clone(), args, span);
                }
        }
        if let Some(v) = self.builtin_method(recv, name, &args, span) {
            return v;
        }
        self.run_callbacks(&args, span);
        V::derived(["result of `.", name, "()`"].concat(), std::iter::once(recv).chain(args.iter().map(|a| &a.value)), span)
    }

    fn config_method(&mut self, ns: Option<String>, name: &str, args: &[ArgV], span: Span) -> V {
        use ConfigAccessor as A;
        let accessor = match name {
            "get" => A::Get,
            "require" => A::Require,
            "get_secret" | "getSecret" => A::GetSecret,
            "require_secret" | "requireSecret" => A::RequireSecret,
            "get_bool" | "getBoolean" => A::GetBool,
            "require_bool" | "requireBoolean" => A::RequireBool,
            "get_int" | "getNumber" => A::GetInt,
            "require_int" | "requireNumber" => A::RequireInt,
            "get_float" => A::GetFloat,
            "require_float" => A::RequireFloat,
            "get_object" | "getObject" => A::GetObject,
            "require_object" | "requireObject" => A::RequireObject,
            "get_secret_object" | "getSecretObject" => A::GetSecret,
            "require_secret_object" | "requireSecretObject" => A::RequireSecret,
            _ => return V::unknown(format!("result of `config.{name}()`"), span),
        };
        let key = args.iter().find(|a| a.name.is_none() || a.name.as_deref() == Some("key")).and_then(|a| a.value.as_str().map(str::to_string));
        let Some(key) = key else { return V::unknown("config read with a computed key", span) };
        let default = args
            .iter()
            .filter(|a| a.name.is_none())
            .nth(1)
            .or_else(|| args.iter().find(|a| a.name.as_deref() == Some("default")))
            .map(|a| to_value(&a.value, a.span));
        self.config_read(ns, key, accessor, default, span)
    }

    /// `x.apply(fn)` / `Output.all(...).apply(fn)`: the callback runs once with plain views of its
    /// inputs; resources it creates are marked in-apply.
    fn apply(&mut self, inputs: Vec<Value>, args: Vec<ArgV>, span: Span) -> V {
        let params: Vec<V> = if inputs.len() == 1 {
            vec![V::Val(plain_view(&inputs[0]))]
        } else {
            vec![V::list(inputs.iter().map(|i| V::Val(plain_view(i))).collect(), span)]
        };
        self.in_apply += 1;
        let result = self.call_callback(&args, params, span);
        self.in_apply -= 1;
        let result = into_value(result, span);
        V::val(ValueKind::Apply { inputs, result: Box::new(result) }, span)
    }

    /// `Output.all(x).apply(fn)`: `fn` receives the one-element list `[x]`.
    fn apply_all_of_one(&mut self, inputs: Vec<Value>, all: Span, args: Vec<ArgV>, span: Span) -> V {
        let list = V::list(inputs.iter().map(|i| V::Val(plain_view(i))).collect(), span);
        if let V::List(items, _) = &list {
            self.all_lists.push((items.clone(), all));
        }
        self.in_apply += 1;
        let result = self.call_callback(&args, vec![list], span);
        self.in_apply -= 1;
        let result = into_value(result, span);
        V::val(ValueKind::Apply { inputs, result: Box::new(result) }, span)
    }

    /// Calls the first function argument with `params`.
    pub(crate) fn call_callback(&mut self, args: &[ArgV], params: Vec<V>, span: Span) -> V {
        let Some(f) = args.iter().find(|a| matches!(a.value, V::Func(_) | V::Bound(..))) else {
            return V::unknown("callback pulint cannot see", span);
        };
        let f = f.value.clone();
        let argv = params.into_iter().map(|value| ArgV { name: None, value, span }).collect();
        self.call_value(&f, argv, span, span)
    }
}

/// What an apply callback receives for an input: its plain value, unknown for resource outputs.
fn plain_view(v: &Value) -> Value {
    match &v.kind {
        ValueKind::InvokeResult { invoke, path, .. } => Value::new(ValueKind::InvokeResult { invoke: *invoke, path: path.clone(), output: false }, v.span),
        ValueKind::Attr { .. } | ValueKind::Apply { .. } | ValueKind::Interp { .. } | ValueKind::All(_) | ValueKind::Secret(_) | ValueKind::Config(_) => {
            Value::unknown("value of an Output inside apply", v.span)
        }
        _ => v.clone(),
    }
}

/// Outputs nested in a value that plain JSON serialisation would stringify.
fn collect_outputs(ev: &Evaluator<'_>, v: &Value, out: &mut Vec<Value>) {
    if ev.is_output(v) {
        out.push(v.clone());
        return;
    }
    match &v.kind {
        ValueKind::List(items) => items.iter().for_each(|i| collect_outputs(ev, i, out)),
        ValueKind::Object(props) => props.iter().for_each(|p| collect_outputs(ev, &p.value, out)),
        _ => {}
    }
}

fn asset_kind(path: &str) -> Option<AssetKind> {
    let name = path.rsplit('.').next()?;
    if !path.starts_with("pulumi.") {
        return None;
    }
    Some(match name {
        "FileAsset" => AssetKind::FileAsset,
        "StringAsset" => AssetKind::StringAsset,
        "RemoteAsset" => AssetKind::RemoteAsset,
        "FileArchive" => AssetKind::FileArchive,
        "AssetArchive" => AssetKind::AssetArchive,
        "RemoteArchive" => AssetKind::RemoteArchive,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_sdk_paths() {
        assert!(matches!(sdk_call("aws.ec2.Vpc"), Some(SdkCall::Resource { token, .. }) if token == "aws:ec2/vpc:Vpc"));
        assert!(matches!(sdk_call("aws.lambda_.Function"), Some(SdkCall::Resource { token, .. }) if token == "aws:lambda/function:Function"));
        assert!(matches!(sdk_call("aws.Provider"), Some(SdkCall::Resource { kind: ResourceKind::Provider, .. })));
        assert!(matches!(sdk_call("aws.ec2.VpcArgs"), Some(SdkCall::Args)));
        assert!(matches!(sdk_call("aws.get_availability_zones"), Some(SdkCall::Invoke { token, output: false }) if token == "aws:index/getAvailabilityZones:getAvailabilityZones"));
        assert!(matches!(sdk_call("aws.ec2.getVpcOutput"), Some(SdkCall::Invoke { token, output: true }) if token == "aws:ec2/getVpc:getVpc"));
        assert!(matches!(sdk_call("aws.ec2.Vpc.get"), Some(SdkCall::Read { .. })));
        assert!(matches!(sdk_call("random.RandomPassword"), Some(SdkCall::Resource { token, .. }) if token == "random:index/randomPassword:RandomPassword"));
        assert!(matches!(sdk_call("kubernetes.core.v1.Secret"), Some(SdkCall::Resource { token, .. }) if token == "kubernetes:core/v1:Secret"));
        assert_eq!(external_module("pulumi_kubernetes.apps.v1").as_deref(), Some("kubernetes.apps.v1"));
        assert_eq!(external_module("pulumi_aws.ec2").as_deref(), Some("aws.ec2"));
        assert_eq!(external_module("@pulumi/aws").as_deref(), Some("aws"));
        assert_eq!(external_module("lib.tap_stack"), None);
    }
}
