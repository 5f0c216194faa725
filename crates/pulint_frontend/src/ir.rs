//! A small language-neutral syntax that both Python and TypeScript lower into.
//!
//! It keeps what evaluation needs (bindings, calls, attribute access, literals, string building,
//! control flow, functions and classes) and drops the rest. One evaluator (`eval`) then turns a
//! module of this syntax into model facts, so every flow rule behaves the same in both languages.
//! Unsupported syntax becomes [`Expr::Unknown`] with a reason, never an error.

use pulint_model::Span;
use std::rc::Rc;

#[derive(Debug)]
pub struct Module {
    pub body: Vec<Stmt>,
    /// `# pulint: ignore[...]` comments found in the file.
    pub suppressions: Vec<pulint_model::Suppression>,
}

#[derive(Clone, Debug)]
pub enum Stmt {
    /// `import pulumi_aws as aws`, `from pulumi_aws import ec2`, `import * as aws from "@pulumi/aws"`,
    /// `import { TapStack } from "../lib/tap-stack"`.
    Import(Import),
    /// `a = b`, `self.x = y`, `const { a, b } = c`, `a += b` (as `a = a + b`).
    Assign { target: Target, value: Expr, span: Span },
    /// A bare declaration with no value (`let x;`, `x: int`).
    Declare { name: String, span: Span },
    Expr(Expr),
    If { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt>, span: Span },
    For { target: Target, iter: Expr, body: Vec<Stmt>, span: Span },
    While { test: Expr, body: Vec<Stmt>, span: Span },
    Function(Rc<Function>),
    Class(Rc<Class>),
    Return { value: Option<Expr>, span: Span },
    /// TypeScript `export const x = ...` / `export { x }` / `export default x`: a stack output when
    /// written in the entry module.
    Export { name: String, value: Expr, span: Span },
    /// `try`/`with` bodies and blocks: statements run in order.
    Block(Vec<Stmt>),
    Break,
    Continue,
    /// `raise`, `throw`: the rest of the block does not run.
    Raise { span: Span },
}

#[derive(Clone, Debug)]
pub struct Import {
    /// The module as written: `pulumi_aws`, `pulumi_aws.ec2`, `@pulumi/aws`, `../lib/tap-stack`,
    /// `.vpc` (Python relative imports keep their leading dots).
    pub module: String,
    pub kind: ImportKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ImportKind {
    /// Binds the module object: `import x as y` / `import * as y from "x"` (binds `y`), or
    /// Python `import a.b` (binds `a`, `alias: None`).
    Module { alias: Option<String> },
    /// `from x import a as b` / `import { a as b } from "x"` / `import b from "x"` (`name: "default"`).
    Names(Vec<(String, String)>),
    /// `from x import *`.
    Star,
}

#[derive(Clone, Debug)]
pub enum Target {
    Name(String, Span),
    /// `self.x = ...`, `this.x = ...`, `obj.a.b = ...`.
    Attr { object: Expr, attr: String, span: Span },
    /// `d[k] = v`.
    Subscript { object: Expr, index: Expr, span: Span },
    /// `a, b = ...`, `const [a, b] = ...`.
    Tuple(Vec<Target>, Span),
    /// `const { a, b: c } = obj`: (property, target).
    Object(Vec<(String, Target)>, Span),
    /// Something not bindable in our model.
    Ignore(Span),
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub default: Option<Expr>,
    /// `*args` / `...rest`.
    pub rest: bool,
    /// `**kwargs`.
    pub kwrest: bool,
    /// TypeScript destructured parameter `({ a, b }) => ...`: its properties.
    pub destructure: Option<Target>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Function {
    pub name: String,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    /// Arrow functions with an expression body lower to `body: [Return(expr)]`.
    pub span: Span,
    /// Decorated with `@staticmethod`, or `static` in TypeScript.
    pub is_static: bool,
    /// A getter (`@property`, TS `get x()`): reading the attribute calls it.
    pub is_property: bool,
}

#[derive(Clone, Debug)]
pub struct Class {
    pub name: String,
    pub bases: Vec<Expr>,
    pub methods: Vec<Rc<Function>>,
    /// Class-level assignments (`x = 1` in a Python class body, TS field initialisers run at
    /// construction).
    pub fields: Vec<(String, Expr)>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Arg {
    /// Keyword name (`cidr_block=`), or `None` for a positional argument.
    pub name: Option<String>,
    pub value: Expr,
    /// `*args` / `...xs` (positional spread) or `**kwargs` (keyword spread when `name` is `None`).
    pub spread: Spread,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spread {
    None,
    Positional,
    Keyword,
}

#[derive(Clone, Debug)]
pub enum DictEntry {
    /// `key: value`; `key` is an expression (string literal usually).
    Pair { key: Expr, value: Expr },
    /// `**d` / `...obj`.
    Spread(Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    In,
    NotIn,
    Is,
    IsNot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
    /// TypeScript `??`.
    Coalesce,
}

/// One part of an f-string or template literal.
#[derive(Clone, Debug)]
pub enum StrPart {
    Lit(String),
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub struct Comprehension {
    pub target: Target,
    pub iter: Expr,
    pub conditions: Vec<Expr>,
}

#[derive(Clone, Debug)]
pub enum Expr {
    Name(String, Span),
    Attr { object: Box<Expr>, attr: String, span: Span },
    Subscript { object: Box<Expr>, index: Box<Expr>, span: Span },
    /// A call; `new X(...)` in TypeScript is a call with `is_new`.
    Call { func: Box<Expr>, args: Vec<Arg>, is_new: bool, span: Span },
    Str(String, Span),
    Num(f64, Span),
    Bool(bool, Span),
    /// `None`, `null`, `undefined`.
    Null(Span),
    /// f-string / template literal; `tag` is the tag expression of a tagged template.
    Template { parts: Vec<StrPart>, tag: Option<Box<Expr>>, python: bool, span: Span },
    List(Vec<Expr>, Span),
    Dict(Vec<DictEntry>, Span),
    /// `*xs` / `...xs` inside a list literal.
    Starred(Box<Expr>, Span),
    Binary { op: BinOp, left: Box<Expr>, right: Box<Expr>, span: Span },
    Bool2 { op: BoolOp, left: Box<Expr>, right: Box<Expr>, span: Span },
    Compare { op: CmpOp, left: Box<Expr>, right: Box<Expr>, span: Span },
    Not(Box<Expr>, Span),
    Neg(Box<Expr>, Span),
    IfExp { test: Box<Expr>, body: Box<Expr>, orelse: Box<Expr>, span: Span },
    Lambda(Rc<Function>),
    ListComp { elt: Box<Expr>, generators: Vec<Comprehension>, span: Span },
    DictComp { key: Box<Expr>, value: Box<Expr>, generators: Vec<Comprehension>, span: Span },
    /// JavaScript `typeof x`: programs test it to tell Outputs from plain values.
    TypeOf(Box<Expr>, Span),
    /// `this` in TypeScript (Python's `self` is an ordinary parameter name).
    This(Span),
    /// `super()` / `super`.
    Super(Span),
    /// Something outside the model, with why.
    Unknown(&'static str, Span),
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Name(_, s)
            | Expr::Attr { span: s, .. }
            | Expr::Subscript { span: s, .. }
            | Expr::Call { span: s, .. }
            | Expr::Str(_, s)
            | Expr::Num(_, s)
            | Expr::Bool(_, s)
            | Expr::Null(s)
            | Expr::Template { span: s, .. }
            | Expr::List(_, s)
            | Expr::Dict(_, s)
            | Expr::Starred(_, s)
            | Expr::Binary { span: s, .. }
            | Expr::Bool2 { span: s, .. }
            | Expr::Compare { span: s, .. }
            | Expr::Not(_, s)
            | Expr::Neg(_, s)
            | Expr::TypeOf(_, s)
            | Expr::IfExp { span: s, .. }
            | Expr::ListComp { span: s, .. }
            | Expr::DictComp { span: s, .. }
            | Expr::This(s)
            | Expr::Super(s)
            | Expr::Unknown(_, s) => *s,
            Expr::Lambda(f) => f.span,
        }
    }

    /// The dotted path of a name/attribute chain (`aws.ec2.Vpc`), if it is one.
    pub fn dotted(&self) -> Option<String> {
        match self {
            Expr::Name(n, _) => Some(n.clone()),
            Expr::This(_) => Some("this".into()),
            Expr::Attr { object, attr, .. } => Some(format!("{}.{attr}", object.dotted()?)),
            _ => None,
        }
    }
}
