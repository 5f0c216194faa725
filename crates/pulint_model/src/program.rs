//! The whole program: resources, providers, invokes, exports, config reads, components.
//!
//! Tables addressed by newtype ids, filled by the frontend's evaluator and then read-only.

use crate::source::{FileId, SourceMap, Span};
use crate::value::{Prop, Value, ValueKind};

macro_rules! id {
    ($($name:ident),*) => {$(
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize { self.0 as usize }
        }
    )*};
}
id!(ResourceId, InvokeId, ConfigReadId, ComponentId);

/// The token of the AWS provider resource.
pub const AWS_PROVIDER: &str = "pulumi:providers:aws";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceKind {
    /// A cloud resource (`aws.ec2.Vpc`).
    Custom,
    /// An explicit provider (`aws.Provider`).
    Provider,
    /// An instance of one of the program's ComponentResource classes.
    Component,
    /// An existing resource read with `Resource.get(...)`: not created by the program.
    Read,
}

/// How many resources one construction site stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Multiplicity {
    One,
    /// Created in a loop or comprehension pulint could not unroll.
    Many,
}

/// Which provider a resource or invoke really uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProviderUse {
    /// No provider option anywhere up the parent chain: the default provider.
    Default,
    /// `provider=` / `providers=` on the resource itself.
    Explicit(ResourceId),
    /// Inherited from a parent component's `provider`/`providers` option.
    Inherited { provider: ResourceId, via: ResourceId },
    /// A provider option whose value pulint cannot resolve.
    Unknown,
}

impl ProviderUse {
    pub fn provider(self) -> Option<ResourceId> {
        match self {
            ProviderUse::Explicit(p) | ProviderUse::Inherited { provider: p, .. } => Some(p),
            _ => None,
        }
    }
}

/// Resource options (`ResourceOptions(...)`, the third argument in TypeScript), canonical names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResourceOptions {
    pub props: Vec<Prop>,
    pub span: Option<Span>,
}

impl ResourceOptions {
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.props.iter().find(|p| p.key.canonical == name).map(|p| &p.value)
    }

    /// The `dependsOn` entries, flattened (`depends_on=[a, b]` or `depends_on=a`).
    pub fn depends_on(&self) -> Vec<&Value> {
        match self.get("dependsOn") {
            Some(Value { kind: ValueKind::List(items), .. }) => items.iter().collect(),
            Some(v) => vec![v],
            None => vec![],
        }
    }
}

#[derive(Clone, Debug)]
pub struct Resource {
    pub token: String,
    pub kind: ResourceKind,
    /// The logical name argument.
    pub name: Value,
    /// Arguments under their canonical names.
    pub args: Vec<Prop>,
    pub options: ResourceOptions,
    /// The variable or field the user assigned it to (`vpc`, `self.vpc`).
    pub binding: Option<String>,
    /// The whole construction expression.
    pub span: Span,
    /// The constructor expression (`aws.ec2.Vpc`).
    pub callee_span: Span,
    pub multiplicity: Multiplicity,
    /// Created only on one arm of a condition pulint could not decide.
    pub conditional: bool,
    /// Created inside an `apply` callback.
    pub in_apply: bool,
    /// For components: their class. For resources created while a component's constructor ran:
    /// that component instance.
    pub component: Option<ComponentId>,
    pub created_by: Option<ResourceId>,
    /// The file whose top-level code was running when the resource was created (for code nobody
    /// calls: the function's own file). Two versions of an entry file a document shows run
    /// separately; their resources have different roots.
    pub root: FileId,
    /// Resolved by linking.
    pub provider: ProviderUse,
    /// The region the resource lands in, when known (its own `region` argument, else its provider's).
    pub region: Option<String>,
    /// The `parent` option, resolved to a resource.
    pub parent: Option<ResourceId>,
}

impl Resource {
    pub fn arg(&self, canonical: &str) -> Option<&Value> {
        self.args.iter().find(|p| p.key.canonical == canonical).map(|p| &p.value)
    }

    pub fn prop(&self, canonical: &str) -> Option<&Prop> {
        self.args.iter().find(|p| p.key.canonical == canonical)
    }

    /// The logical name when it is fully known.
    pub fn logical_name(&self) -> Option<&str> {
        self.name.as_str()
    }
}

#[derive(Clone, Debug)]
pub struct Invoke {
    /// `aws:ec2/getVpc:getVpc`.
    pub token: String,
    pub args: Vec<Prop>,
    pub options: ResourceOptions,
    pub span: Span,
    /// The `...Output` form (`get_vpc_output`, `getVpcOutput`).
    pub output_form: bool,
    pub multiplicity: Multiplicity,
    pub in_apply: bool,
    pub provider: ProviderUse,
    pub region: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportScope {
    /// Top level of the program's entry module.
    Entry,
    /// Inside a function or method of the entry module.
    EntryFunction,
    /// Anywhere in another module of the program (library code).
    Library,
    /// An output a component registers (`register_outputs({...})`): named by its key. Not a
    /// stack output.
    Component,
}

#[derive(Clone, Debug)]
pub struct Export {
    pub name: String,
    pub value: Value,
    pub span: Span,
    pub scope: ExportScope,
    /// The component instance whose constructor or method wrote this export, if any.
    pub created_by: Option<ResourceId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfigAccessor {
    Get,
    Require,
    GetSecret,
    RequireSecret,
    GetBool,
    RequireBool,
    GetInt,
    RequireInt,
    GetFloat,
    RequireFloat,
    GetObject,
    RequireObject,
    /// Python `aws.config.region` and friends: a provider setting read as a variable.
    Provider,
    /// `os.environ`, `os.getenv`, `process.env`: the environment of the deployment.
    EnvVar,
    /// `pulumi.get_stack()` / `pulumi.getStack()`.
    StackName,
    /// `pulumi.get_project()` when the project name is not known.
    ProjectName,
}

impl ConfigAccessor {
    pub fn is_secret(self) -> bool {
        matches!(self, ConfigAccessor::GetSecret | ConfigAccessor::RequireSecret)
    }

    pub fn is_required(self) -> bool {
        matches!(
            self,
            ConfigAccessor::Require
                | ConfigAccessor::RequireSecret
                | ConfigAccessor::RequireBool
                | ConfigAccessor::RequireInt
                | ConfigAccessor::RequireFloat
                | ConfigAccessor::RequireObject
        )
    }
}

#[derive(Clone, Debug)]
pub struct ConfigRead {
    /// The key as read (`vpcCidr`), without namespace.
    pub key: String,
    /// `aws` for `pulumi.Config("aws")`; `None` for the project's own namespace.
    pub namespace: Option<String>,
    pub accessor: ConfigAccessor,
    /// `config.get("x") or "d"`, `config.get("x") ?? "d"`, `config.get("x", "d")`.
    pub default: Option<Value>,
    /// The value the stack configuration (Pulumi.<stack>.yaml) gives.
    pub stack_value: Option<Value>,
    pub span: Span,
}

impl ConfigRead {
    /// What the read yields when the program runs with the known stack configuration.
    pub fn effective(&self) -> Option<&Value> {
        self.stack_value.as_ref().or(self.default.as_ref())
    }

    pub fn qualified_key(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{ns}:{}", self.key),
            None => self.key.clone(),
        }
    }
}

/// A ComponentResource class of the program.
#[derive(Clone, Debug)]
pub struct Component {
    pub class_name: String,
    /// The type string given to the ComponentResource constructor (`tap:stack:TapStack`).
    pub token: Option<String>,
    pub span: Span,
    /// `register_outputs` / `registerOutputs` is called in the class.
    pub registers_outputs: bool,
}

/// An import of one of the program's own modules (or of something that looks like one).
#[derive(Clone, Debug)]
pub struct Import {
    pub module: String,
    pub span: Span,
    /// The program file it resolved to.
    pub resolved: Option<FileId>,
}

/// Something the evaluator saw happen that is not a resource: facts for the Output rules.
#[derive(Clone, Debug)]
pub enum Observation {
    /// An Output turned into text by a plain string construct.
    OutputInString { kind: crate::InterpKind, output: Value, span: Span },
    /// An Output passed to `json.dumps` / `JSON.stringify`.
    OutputInJson { output: Value, span: Span },
    /// An Output used where a plain bool or number is needed (`if`, `len`, arithmetic).
    OutputAsPlain { output: Value, span: Span, context: &'static str },
    /// `self.x` / `this.x` read while the program runs, before the assignment that comes later.
    AttributeBeforeAssignment { attribute: String, read: Span, assigned: Span },
    /// The single parameter of an `Output.all(x).apply(...)` callback, a one-element list, formatted
    /// whole into a string (`f"{v}"`, `` `${v}` ``). `all` is the `Output.all(...)` call.
    AllListInString { all: Span, span: Span },
    /// A dict or object literal entry written explicitly and then replaced by a later spread of a
    /// value known to hold the same key (`{"Environment": "dev", **base_tags}`).
    KeyOverriddenBySpread { key: String, written: Span, spread: Span },
}

/// A name used from a provider SDK (see [`Program::sdk_names`]).
#[derive(Clone, Debug)]
pub struct SdkName {
    /// Canonical path: package short name, module, name (`aws.logs`, `aws.s3.BucketVersioningArgs`).
    pub path: String,
    pub span: Span,
    /// Imported (`import`/`from ... import`), or called as a nested argument class.
    pub imported: bool,
}

/// Something the frontend could not read or understand.
#[derive(Clone, Debug)]
pub struct Note {
    pub kind: NoteKind,
    pub message: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// A program file that does not parse.
    SyntaxError,
    /// A fragment (unnamed Markdown block) that does not parse: informational only.
    FragmentSyntaxError,
    /// A file that is not text, not UTF-8, or could not be read.
    Unreadable,
    /// A file over the size budget, or an evaluation that ran out of budget.
    Budget,
}

/// An inline suppression comment (`# pulint: ignore[SEC001]`).
#[derive(Clone, Debug)]
pub struct Suppression {
    /// Codes, family prefixes or rule names; empty means every rule.
    pub codes: Vec<String>,
    pub reason: Option<String>,
    pub scope: SuppressionScope,
    /// The comment.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuppressionScope {
    /// A trailing comment: its own line.
    Line,
    /// A comment alone on its line: that line and the next statement's first line.
    NextLine,
    /// `pulint: ignore-file[...]`: the whole file.
    File,
}

/// What the stack configuration says (Pulumi.yaml and Pulumi.<stack>.yaml).
#[derive(Clone, Debug, Default)]
pub struct Stack {
    pub project: Option<String>,
    /// The stack whose configuration was used.
    pub name: Option<String>,
    /// `aws:region` of the stack, the default provider's region.
    pub default_region: Option<String>,
    /// Configuration values by fully qualified key (`project:key`, `aws:region`).
    pub config: Vec<(String, Value)>,
    /// Pulumi.yaml `main`: the program's entry file or directory.
    pub main: Option<String>,
    /// Keys of the Pulumi.yaml `config:` section declared with a `default:` (the key as written,
    /// and the span of the default value).
    pub project_defaults: Vec<(String, Span)>,
}

/// A lowered, linked program. Immutable once built; rules receive `&Program`.
#[derive(Debug, Default)]
pub struct Program {
    pub sources: SourceMap,
    pub stack: Stack,
    pub resources: Vec<Resource>,
    pub invokes: Vec<Invoke>,
    pub exports: Vec<Export>,
    pub config_reads: Vec<ConfigRead>,
    pub components: Vec<Component>,
    pub imports: Vec<Import>,
    /// Names taken from an SDK that are not resources or invokes: imported modules and classes
    /// (`from pulumi_aws import logs`), nested argument classes (`aws.s3.XArgs(...)`) and
    /// members of the core SDK (`pulumi.get_stack`), by canonical path (`aws.logs`), so rules can
    /// check that they exist.
    pub sdk_names: Vec<SdkName>,
    pub observations: Vec<Observation>,
    /// Every unknown value in a resource's or invoke's arguments and options, with its reason.
    pub unknowns: Vec<(Span, String)>,
    pub notes: Vec<Note>,
    pub suppressions: Vec<Suppression>,
    /// The program's code files (the latest version of each path).
    pub entry_files: Vec<FileId>,
    /// Earlier versions of a file that a document shows more than once.
    pub superseded_files: Vec<FileId>,
    /// The entry module (whose top-level exports are stack outputs), when pulint can tell which
    /// file it is.
    pub entry_module: Option<FileId>,
}

impl Program {
    pub fn resource(&self, id: ResourceId) -> &Resource {
        &self.resources[id.index()]
    }

    pub fn invoke(&self, id: InvokeId) -> &Invoke {
        &self.invokes[id.index()]
    }

    pub fn config_read(&self, id: ConfigReadId) -> &ConfigRead {
        &self.config_reads[id.index()]
    }

    /// Resources with `token`, with their ids.
    pub fn resources_of<'a>(&'a self, token: &'a str) -> impl Iterator<Item = (ResourceId, &'a Resource)> + 'a {
        self.resources
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.token == token)
            .map(|(i, r)| (ResourceId(i as u32), r))
    }

    pub fn providers(&self) -> impl Iterator<Item = (ResourceId, &Resource)> {
        self.resources
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == ResourceKind::Provider)
            .map(|(i, r)| (ResourceId(i as u32), r))
    }

    /// Looks through config reads to the value they yield, when known.
    pub fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        let mut v = value;
        for _ in 0..8 {
            match &v.kind {
                ValueKind::Config(id) => match self.config_read(*id).effective() {
                    Some(e) => v = e,
                    None => return v,
                },
                ValueKind::Secret(inner) => v = inner,
                _ => return v,
            }
        }
        v
    }

    /// A resolved string value, when known.
    pub fn str_of<'a>(&'a self, value: &'a Value) -> Option<&'a str> {
        self.resolve(value).as_str()
    }
}
