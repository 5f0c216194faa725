//! TypeScript and JavaScript source to the shared syntax of [`crate::ir`], with oxc's parser.
//!
//! oxc recovers from many syntax errors and the partial program is still lowered; when it gives up
//! (`panicked`) the module is empty and only the errors remain. Types are erased: `x as T`, `x!`
//! and friends lower to `x`, and type-only declarations vanish.

use crate::Parsed;
use crate::ir::*;
use oxc_allocator::Allocator;
use oxc_ast::ast as js;
use oxc_parser::{ParseOptions, Parser};
use oxc_span::{GetSpan, SourceType};
use pulint_model::{FileId, FileKind, Span};
use std::rc::Rc;

/// Deeper nesting than this is not lowered (it is left Unknown), keeping recursion bounded.
const MAX_DEPTH: u32 = 200;

/// Lowers one TypeScript or JavaScript file.
pub fn lower(file: FileId, text: &str, kind: FileKind) -> Parsed {
    if kind == FileKind::JavaScript {
        return lower_as(file, text, SourceType::mjs().with_jsx(true));
    }
    let ts = SourceType::ts().with_module(true);
    let parsed = lower_as(file, text, ts);
    // `.ts` and `.tsx` are not told apart here: a file that reads better with JSX is TSX.
    if parsed.errors.is_empty() || !crate::guard::tsx_retry_allowed(text) {
        return parsed;
    }
    let tsx = lower_as(file, text, ts.with_jsx(true));
    if tsx.errors.len() < parsed.errors.len() { tsx } else { parsed }
}

fn lower_as(file: FileId, text: &str, source_type: SourceType) -> Parsed {
    let alloc = Allocator::default();
    // Snippets from documents often `return` at the top level; accept it rather than fail.
    let options = ParseOptions { allow_return_outside_function: true, ..ParseOptions::default() };
    let ret = Parser::new(&alloc, text, source_type).with_options(options).parse();
    let errors = ret
        .diagnostics
        .errors()
        .map(|e| {
            let message = e.message.lines().next().unwrap_or("syntax error").to_string();
            let label = e.labels.iter().find(|l| l.primary()).or_else(|| e.labels.first());
            let span = match label {
                Some(l) => Span::new(file, l.offset(), l.offset().saturating_add(l.len())),
                None => Span::new(file, 0, 0),
            };
            (message, span)
        })
        .collect();
    let suppressions = ret
        .program
        .comments
        .iter()
        .filter_map(|c| {
            let (start, end) = (c.span.start as usize, c.span.end as usize);
            let raw = text.get(start..end)?;
            let content = raw.strip_prefix("//").or_else(|| raw.strip_prefix("/*")).unwrap_or(raw);
            let content = content.strip_suffix("*/").unwrap_or(content);
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let own_line = text[line_start..start].trim().is_empty();
            crate::suppress::parse_comment(content, Span::new(file, c.span.start, c.span.end), own_line)
        })
        .collect();
    let body = if ret.panicked {
        Vec::new()
    } else {
        Lowerer { file, depth: 0, breakable: Vec::new() }.stmts(&ret.program.body)
    };
    Parsed { module: Module { body, suppressions }, errors }
}

/// What an unlabelled `break` leaves: the IR only has loops, so a `break` that ends a `switch`
/// case must not be lowered (it would end the enclosing loop instead).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Breakable {
    Loop,
    Switch,
}

struct Lowerer {
    file: FileId,
    depth: u32,
    breakable: Vec<Breakable>,
}

impl Lowerer {
    fn sp(&self, node: &impl GetSpan) -> Span {
        let s = node.span();
        Span::new(self.file, s.start, s.end)
    }

    // ---------------------------------------------------------------------------------------
    // Statements

    fn stmts(&mut self, body: &[js::Statement<'_>]) -> Vec<Stmt> {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            self.stmt(s, &mut out);
        }
        out
    }

    fn stmt(&mut self, s: &js::Statement<'_>, out: &mut Vec<Stmt>) {
        if self.depth > MAX_DEPTH {
            return;
        }
        self.depth += 1;
        self.stmt_inner(s, out);
        self.depth -= 1;
    }

    /// A branch or loop body: a block's statements, or the single statement.
    fn body(&mut self, s: &js::Statement<'_>) -> Vec<Stmt> {
        match s {
            js::Statement::BlockStatement(b) => self.stmts(&b.body),
            _ => {
                let mut out = Vec::new();
                self.stmt(s, &mut out);
                out
            }
        }
    }

    fn loop_body(&mut self, s: &js::Statement<'_>) -> Vec<Stmt> {
        self.breakable.push(Breakable::Loop);
        let body = self.body(s);
        self.breakable.pop();
        body
    }

    fn stmt_inner(&mut self, s: &js::Statement<'_>, out: &mut Vec<Stmt>) {
        use js::Statement as S;
        let sp = self.sp(s);
        match s {
            S::BlockStatement(b) => out.push(Stmt::Block(self.stmts(&b.body))),
            S::BreakStatement(b) => {
                if b.label.is_some() || self.breakable.last() != Some(&Breakable::Switch) {
                    out.push(Stmt::Break);
                }
            }
            S::ContinueStatement(_) => out.push(Stmt::Continue),
            S::DebuggerStatement(_) | S::EmptyStatement(_) => {}
            // The body runs at least once; a plain loop is close enough for evaluation.
            S::DoWhileStatement(d) => {
                let body = self.loop_body(&d.body);
                out.push(Stmt::While { test: self.expr(&d.test), body, span: sp });
            }
            S::ExpressionStatement(e) => self.expr_stmt(&e.expression, out),
            S::ForInStatement(f) => {
                let target = self.for_left(&f.left);
                let object = self.expr(&f.right);
                let keys = Expr::Attr { object: Box::new(Expr::Name("Object".into(), sp)), attr: "keys".into(), span: sp };
                let arg = Arg { name: None, span: object.span(), value: object, spread: Spread::None };
                let iter = Expr::Call { func: Box::new(keys), args: vec![arg], is_new: false, span: sp };
                let body = self.loop_body(&f.body);
                out.push(Stmt::For { target, iter, body, span: sp });
            }
            S::ForOfStatement(f) => {
                let target = self.for_left(&f.left);
                let iter = self.expr(&f.right);
                let body = self.loop_body(&f.body);
                out.push(Stmt::For { target, iter, body, span: sp });
            }
            S::ForStatement(f) => self.for_classic(f, sp, out),
            S::IfStatement(i) => {
                let test = self.expr(&i.test);
                let body = self.body(&i.consequent);
                let orelse = i.alternate.as_ref().map(|a| self.body(a)).unwrap_or_default();
                out.push(Stmt::If { test, body, orelse, span: sp });
            }
            S::LabeledStatement(l) => self.stmt(&l.body, out),
            S::ReturnStatement(r) => {
                let value = r.argument.as_ref().map(|a| self.expr(a));
                out.push(Stmt::Return { value, span: sp });
            }
            S::SwitchStatement(sw) => self.switch(sw, sp, out),
            S::ThrowStatement(_) => out.push(Stmt::Raise { span: sp }),
            S::TryStatement(t) => self.try_stmt(t, sp, out),
            S::WhileStatement(w) => {
                let test = self.expr(&w.test);
                let body = self.loop_body(&w.body);
                out.push(Stmt::While { test, body, span: sp });
            }
            S::WithStatement(w) => out.push(Stmt::Block(self.body(&w.body))),
            _ => {
                if let Some(d) = s.as_declaration() {
                    self.declaration(d, out);
                } else if let Some(m) = s.as_module_declaration() {
                    self.module_declaration(m, sp, out);
                }
            }
        }
    }

    fn declaration(&mut self, d: &js::Declaration<'_>, out: &mut Vec<Stmt>) {
        use js::Declaration as D;
        match d {
            D::VariableDeclaration(v) => self.var_decl(v, out),
            D::FunctionDeclaration(f) => {
                let name = f.id.as_ref().map_or_else(|| "default".to_string(), |id| id.name.to_string());
                if let Some(func) = self.function(f, name) {
                    out.push(Stmt::Function(Rc::new(func)));
                }
            }
            D::ClassDeclaration(c) => {
                if !c.declare {
                    let name = c.id.as_ref().map_or_else(|| "default".to_string(), |id| id.name.to_string());
                    out.push(Stmt::Class(Rc::new(self.class(c, name))));
                }
            }
            D::TSEnumDeclaration(e) => self.enum_decl(e, out),
            D::TSImportEqualsDeclaration(i) => self.import_equals(i, out),
            D::TSTypeAliasDeclaration(_)
            | D::TSInterfaceDeclaration(_)
            | D::TSExternalModuleDeclaration(_)
            | D::TSNamespaceDeclaration(_)
            | D::TSGlobalDeclaration(_) => {}
        }
    }

    fn module_declaration(&mut self, m: &js::ModuleDeclaration<'_>, sp: Span, out: &mut Vec<Stmt>) {
        use js::ModuleDeclaration as M;
        match m {
            M::ImportDeclaration(i) => self.import(i, sp, out),
            // Re-exports are not bindings of this module.
            M::ExportAllDeclaration(_) | M::ExportFromDeclaration(_) | M::TSNamespaceExportDeclaration(_) => {}
            M::ExportDeclaration(e) => {
                let d = &e.declaration;
                if d.declare() {
                    return;
                }
                self.declaration(d, out);
                if let js::Declaration::VariableDeclaration(v) = d {
                    for decl in &v.declarations {
                        for id in decl.id.get_binding_identifiers() {
                            let isp = self.sp(id);
                            let name = id.name.to_string();
                            out.push(Stmt::Export { value: Expr::Name(name.clone(), isp), name, span: sp });
                        }
                    }
                }
            }
            M::ExportNamedDeclaration(n) => {
                if n.export_kind.is_type() {
                    return;
                }
                for s in n.specifiers.iter().filter(|s| !s.export_kind.is_type()) {
                    let value = Expr::Name(s.local.name().to_string(), self.sp(&s.local));
                    out.push(Stmt::Export { name: s.exported.name().to_string(), value, span: sp });
                }
            }
            M::ExportDefaultDeclaration(d) => self.export_default(&d.declaration, sp, out),
            M::TSExportAssignment(a) => {
                let value = self.expr(&a.expression);
                out.push(Stmt::Export { name: "default".into(), value, span: sp });
            }
        }
    }

    fn export_default(&mut self, d: &js::ExportDefaultDeclarationKind<'_>, sp: Span, out: &mut Vec<Stmt>) {
        use js::ExportDefaultDeclarationKind as K;
        let value = match d {
            K::FunctionDeclaration(f) => {
                let Some(func) = self.function(f, f.id.as_ref().map_or_else(|| "default".into(), |id| id.name.to_string()))
                else {
                    return;
                };
                match &f.id {
                    Some(id) => {
                        let value = Expr::Name(func.name.clone(), self.sp(id));
                        out.push(Stmt::Function(Rc::new(func)));
                        value
                    }
                    None => Expr::Lambda(Rc::new(func)),
                }
            }
            K::ClassDeclaration(c) => match &c.id {
                Some(id) => {
                    let value = Expr::Name(id.name.to_string(), self.sp(id));
                    out.push(Stmt::Class(Rc::new(self.class(c, id.name.to_string()))));
                    value
                }
                None => Expr::Unknown("class expression", self.sp(&**c)),
            },
            K::TSInterfaceDeclaration(_) => return,
            _ => match d.as_expression() {
                Some(e) => self.expr(e),
                None => return,
            },
        };
        out.push(Stmt::Export { name: "default".into(), value, span: sp });
    }

    fn import(&mut self, i: &js::ImportDeclaration<'_>, sp: Span, out: &mut Vec<Stmt>) {
        if i.import_kind.is_type() {
            return;
        }
        let module = i.source.value.to_string();
        let Some(specifiers) = &i.specifiers else {
            out.push(Stmt::Import(Import { module, kind: ImportKind::Names(Vec::new()), span: sp }));
            return;
        };
        let mut names = Vec::new();
        for s in specifiers {
            match s {
                js::ImportDeclarationSpecifier::ImportSpecifier(s) => {
                    if !s.import_kind.is_type() {
                        names.push((s.imported.name().to_string(), s.local.name.to_string()));
                    }
                }
                js::ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                    names.push(("default".to_string(), s.local.name.to_string()));
                }
                js::ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                    let kind = ImportKind::Module { alias: Some(s.local.name.to_string()) };
                    out.push(Stmt::Import(Import { module: module.clone(), kind, span: sp }));
                }
            }
        }
        // `import { type A } from "x"` imports nothing at run time; `import {} from "x"` still loads.
        if !names.is_empty() || specifiers.is_empty() {
            out.push(Stmt::Import(Import { module, kind: ImportKind::Names(names), span: sp }));
        }
    }

    /// `import x = require("y")` binds the module; `import x = A.B` aliases a name.
    fn import_equals(&mut self, i: &js::TSImportEqualsDeclaration<'_>, out: &mut Vec<Stmt>) {
        if i.import_kind.is_type() {
            return;
        }
        let sp = self.sp(i);
        let alias = i.id.name.to_string();
        match &i.module_reference {
            js::TSModuleReference::ExternalModuleReference(r) => {
                let kind = ImportKind::Module { alias: Some(alias) };
                out.push(Stmt::Import(Import { module: r.expression.value.to_string(), kind, span: sp }));
            }
            js::TSModuleReference::IdentifierReference(r) => {
                let value = Expr::Name(r.name.to_string(), self.sp(&**r));
                out.push(Stmt::Assign { target: Target::Name(alias, self.sp(&i.id)), value, span: sp });
            }
            js::TSModuleReference::QualifiedName(q) => {
                let value = self.qualified_name(q);
                out.push(Stmt::Assign { target: Target::Name(alias, self.sp(&i.id)), value, span: sp });
            }
        }
    }

    fn qualified_name(&mut self, q: &js::TSQualifiedName<'_>) -> Expr {
        let sp = self.sp(q);
        if self.depth > MAX_DEPTH {
            return Expr::Unknown("nesting too deep", sp);
        }
        self.depth += 1;
        let object = match &q.left {
            js::TSTypeName::IdentifierReference(r) => Expr::Name(r.name.to_string(), self.sp(&**r)),
            js::TSTypeName::QualifiedName(inner) => self.qualified_name(inner),
            js::TSTypeName::ThisExpression(t) => Expr::This(self.sp(&**t)),
        };
        self.depth -= 1;
        Expr::Attr { object: Box::new(object), attr: q.right.name.to_string(), span: sp }
    }

    /// `enum E { A = "a", B }` binds `E` to a dictionary of member values (numbering continues
    /// from the last numeric member, as TypeScript does).
    fn enum_decl(&mut self, e: &js::TSEnumDeclaration<'_>, out: &mut Vec<Stmt>) {
        if e.declare {
            return;
        }
        let sp = self.sp(e);
        let mut next = Some(0.0);
        let mut entries = Vec::new();
        for m in &e.body.members {
            let msp = self.sp(m);
            let key = match &m.id {
                js::TSEnumMemberName::Identifier(id) => id.name.to_string(),
                js::TSEnumMemberName::String(s) | js::TSEnumMemberName::ComputedString(s) => s.value.to_string(),
                js::TSEnumMemberName::ComputedTemplateString(t) => match t.single_quasi() {
                    Some(q) => q.to_string(),
                    None => continue,
                },
            };
            let value = match &m.initializer {
                Some(init) => {
                    let value = self.expr(init);
                    next = match value {
                        Expr::Num(n, _) => Some(n + 1.0),
                        _ => None,
                    };
                    value
                }
                None => match next {
                    Some(n) => {
                        next = Some(n + 1.0);
                        Expr::Num(n, msp)
                    }
                    None => Expr::Unknown("enum member", msp),
                },
            };
            entries.push(DictEntry::Pair { key: Expr::Str(key, msp), value });
        }
        let target = Target::Name(e.id.name.to_string(), self.sp(&e.id));
        out.push(Stmt::Assign { target, value: Expr::Dict(entries, sp), span: sp });
    }

    fn var_decl(&mut self, v: &js::VariableDeclaration<'_>, out: &mut Vec<Stmt>) {
        if v.declare {
            return;
        }
        for d in &v.declarations {
            let sp = self.sp(d);
            match &d.init {
                None => {
                    for id in d.id.get_binding_identifiers() {
                        out.push(Stmt::Declare { name: id.name.to_string(), span: sp });
                    }
                }
                Some(init) => {
                    if let Some(import) = self.require_import(&d.id, init, sp) {
                        out.push(import);
                    } else {
                        let value = self.expr(init);
                        self.bind(&d.id, value, sp, out);
                    }
                }
            }
        }
    }

    /// `const aws = require("@pulumi/aws")` and `const { Vpc } = require("...")` are imports.
    fn require_import(&mut self, id: &js::BindingPattern<'_>, init: &js::Expression<'_>, sp: Span) -> Option<Stmt> {
        let js::Expression::CallExpression(call) = init.get_inner_expression() else { return None };
        let js::Expression::Identifier(callee) = call.callee.get_inner_expression() else { return None };
        if callee.name.as_str() != "require" || call.arguments.len() != 1 {
            return None;
        }
        let Some(js::Expression::StringLiteral(module)) = call.arguments[0].as_expression() else { return None };
        let module = module.value.to_string();
        let kind = match id {
            js::BindingPattern::BindingIdentifier(b) => ImportKind::Module { alias: Some(b.name.to_string()) },
            js::BindingPattern::ObjectPattern(o) => ImportKind::Names(
                o.properties
                    .iter()
                    .filter_map(|p| {
                        let local = match &p.value {
                            js::BindingPattern::BindingIdentifier(b) => b,
                            js::BindingPattern::AssignmentPattern(a) => match &a.left {
                                js::BindingPattern::BindingIdentifier(b) => b,
                                _ => return None,
                            },
                            _ => return None,
                        };
                        Some((p.key.static_name()?.into_owned(), local.name.to_string()))
                    })
                    .collect(),
            ),
            _ => return None,
        };
        Some(Stmt::Import(Import { module, kind, span: sp }))
    }

    /// Binds a declaration pattern to a value. An object rest element (`const { a, ...rest } = o`)
    /// gets the whole object: a superset of the real rest, which is what analysis needs.
    fn bind(&mut self, pattern: &js::BindingPattern<'_>, value: Expr, sp: Span, out: &mut Vec<Stmt>) {
        let rest = match pattern {
            js::BindingPattern::ObjectPattern(o) => o.rest.as_ref(),
            _ => None,
        };
        let Some(rest) = rest else {
            let target = self.pattern(pattern);
            out.push(Stmt::Assign { target, value, span: sp });
            return;
        };
        // Evaluate the value once: bind it to a temporary unless it is a plain name already.
        let source = match value {
            Expr::Name(n, nsp) => Expr::Name(n, nsp),
            value => {
                let tmp = format!("$destructure{}", sp.start);
                out.push(Stmt::Assign { target: Target::Name(tmp.clone(), sp), value, span: sp });
                Expr::Name(tmp, sp)
            }
        };
        let Expr::Name(source_name, source_span) = source else { return };
        let target = self.pattern(pattern);
        out.push(Stmt::Assign { target, value: Expr::Name(source_name.clone(), source_span), span: sp });
        let rest_target = self.pattern(&rest.argument);
        out.push(Stmt::Assign { target: rest_target, value: Expr::Name(source_name, source_span), span: sp });
    }

    /// A binding pattern as an assignment target; defaults are dropped.
    fn pattern(&mut self, p: &js::BindingPattern<'_>) -> Target {
        let sp = self.sp(p);
        if self.depth > MAX_DEPTH {
            return Target::Ignore(sp);
        }
        self.depth += 1;
        let target = match p {
            js::BindingPattern::BindingIdentifier(id) => Target::Name(id.name.to_string(), sp),
            js::BindingPattern::AssignmentPattern(a) => self.pattern(&a.left),
            js::BindingPattern::ObjectPattern(o) => {
                let mut props = Vec::new();
                for prop in &o.properties {
                    let key = static_key(&prop.key).unwrap_or_else(|| "[computed]".to_string());
                    props.push((key, self.pattern(&prop.value)));
                }
                Target::Object(props, sp)
            }
            js::BindingPattern::ArrayPattern(a) => {
                let mut items = Vec::new();
                for el in &a.elements {
                    items.push(match el {
                        Some(el) => self.pattern(el),
                        None => Target::Ignore(sp),
                    });
                }
                if let Some(rest) = &a.rest {
                    items.push(self.pattern(&rest.argument));
                }
                Target::Tuple(items, sp)
            }
        };
        self.depth -= 1;
        target
    }

    fn for_left(&mut self, left: &js::ForStatementLeft<'_>) -> Target {
        match left {
            js::ForStatementLeft::VariableDeclaration(v) => match v.declarations.first() {
                Some(d) => self.pattern(&d.id),
                None => Target::Ignore(self.sp(&**v)),
            },
            _ => match left.as_assignment_target() {
                Some(t) => self.assign_target(t),
                None => Target::Ignore(self.sp(left)),
            },
        }
    }

    /// `for (let i = a; i < b; i++)` becomes `for i in range(i, b)` after `i = a`; any other
    /// `for (init; test; update)` becomes `init; while (test) { body; update }`.
    fn for_classic(&mut self, f: &js::ForStatement<'_>, sp: Span, out: &mut Vec<Stmt>) {
        match &f.init {
            Some(js::ForStatementInit::VariableDeclaration(v)) => self.var_decl(v, out),
            Some(init) => {
                if let Some(e) = init.as_expression() {
                    self.expr_stmt(e, out);
                }
            }
            None => {}
        }
        if let Some((var, var_span, end, inclusive)) = range_shape(f) {
            let var_span = Span::new(self.file, var_span.start, var_span.end);
            let mut end = self.expr(end);
            if inclusive {
                let esp = end.span();
                end = Expr::Binary { op: BinOp::Add, left: Box::new(end), right: Box::new(Expr::Num(1.0, esp)), span: esp };
            }
            let args = vec![
                Arg { name: None, value: Expr::Name(var.to_string(), var_span), spread: Spread::None, span: var_span },
                Arg { name: None, span: end.span(), value: end, spread: Spread::None },
            ];
            let iter = Expr::Call { func: Box::new(Expr::Name("range".into(), sp)), args, is_new: false, span: sp };
            let body = self.loop_body(&f.body);
            out.push(Stmt::For { target: Target::Name(var.to_string(), var_span), iter, body, span: sp });
            return;
        }
        let test = match &f.test {
            Some(t) => self.expr(t),
            None => Expr::Bool(true, sp),
        };
        let mut body = self.loop_body(&f.body);
        if let Some(update) = &f.update {
            self.expr_stmt(update, &mut body);
        }
        out.push(Stmt::While { test, body, span: sp });
    }

    /// `switch` becomes an `if`/`else if` chain over `===` comparisons with a temporary holding
    /// the discriminant. Empty cases share the next body; `default` is the final `else`.
    /// Fall-through from a non-empty case is not modelled.
    fn switch(&mut self, sw: &js::SwitchStatement<'_>, sp: Span, out: &mut Vec<Stmt>) {
        let tmp = format!("$switch{}", sp.start);
        let discriminant = self.expr(&sw.discriminant);
        out.push(Stmt::Assign { target: Target::Name(tmp.clone(), sp), value: discriminant, span: sp });
        self.breakable.push(Breakable::Switch);
        let mut groups: Vec<(Vec<Expr>, Vec<Stmt>, Span)> = Vec::new();
        let mut default_body = Vec::new();
        let mut tests = Vec::new();
        let mut is_default = false;
        for case in &sw.cases {
            match &case.test {
                Some(t) => tests.push(self.expr(t)),
                None => is_default = true,
            }
            if case.consequent.is_empty() {
                continue;
            }
            let body = self.stmts(&case.consequent);
            if is_default {
                default_body = body;
            } else {
                groups.push((std::mem::take(&mut tests), body, self.sp(case)));
            }
            tests.clear();
            is_default = false;
        }
        self.breakable.pop();
        let mut chain = default_body;
        for (tests, body, csp) in groups.into_iter().rev() {
            let test = tests
                .into_iter()
                .map(|t| {
                    let tsp = t.span();
                    Expr::Compare { op: CmpOp::Eq, left: Box::new(Expr::Name(tmp.clone(), sp)), right: Box::new(t), span: tsp }
                })
                .reduce(|acc, c| Expr::Bool2 { op: BoolOp::Or, left: Box::new(acc), right: Box::new(c), span: csp });
            let Some(test) = test else { continue };
            chain = vec![Stmt::If { test, body, orelse: chain, span: csp }];
        }
        out.extend(chain);
    }

    /// `try` runs in order; a `catch` body may or may not run; `finally` always runs.
    fn try_stmt(&mut self, t: &js::TryStatement<'_>, sp: Span, out: &mut Vec<Stmt>) {
        out.push(Stmt::Block(self.stmts(&t.block.body)));
        if let Some(h) = &t.handler {
            let mut body = Vec::new();
            if let Some(p) = &h.param {
                let psp = self.sp(p);
                let target = self.pattern(&p.pattern);
                body.push(Stmt::Assign { target, value: Expr::Unknown("caught exception", psp), span: psp });
            }
            body.extend(self.stmts(&h.body.body));
            out.push(Stmt::If { test: Expr::Unknown("exception handler", sp), body, orelse: Vec::new(), span: sp });
        }
        if let Some(f) = &t.finalizer {
            out.push(Stmt::Block(self.stmts(&f.body)));
        }
    }

    /// An expression used as a statement: assignments and `i++` become [`Stmt::Assign`].
    fn expr_stmt(&mut self, e: &js::Expression<'_>, out: &mut Vec<Stmt>) {
        let sp = self.sp(e);
        if self.depth > MAX_DEPTH {
            return;
        }
        self.depth += 1;
        match e.without_parentheses() {
            js::Expression::AssignmentExpression(a) => self.assign_stmt(a, out),
            js::Expression::UpdateExpression(u) => {
                let target = self.simple_target(&u.argument);
                let current = self.simple_target_expr(&u.argument);
                let op = match u.operator {
                    js::UpdateOperator::Increment => BinOp::Add,
                    js::UpdateOperator::Decrement => BinOp::Sub,
                };
                let value = Expr::Binary { op, left: Box::new(current), right: Box::new(Expr::Num(1.0, sp)), span: sp };
                out.push(Stmt::Assign { target, value, span: sp });
            }
            js::Expression::SequenceExpression(s) => {
                for x in &s.expressions {
                    self.expr_stmt(x, out);
                }
            }
            // `void new aws.x.Y(...)` (written to satisfy no-new lints) still creates the resource.
            js::Expression::UnaryExpression(u) if u.operator == js::UnaryOperator::Void => self.expr_stmt(&u.argument, out),
            _ => out.push(Stmt::Expr(self.expr(e))),
        }
        self.depth -= 1;
    }

    fn assign_stmt(&mut self, a: &js::AssignmentExpression<'_>, out: &mut Vec<Stmt>) {
        let sp = self.sp(a);
        // `a = b = c`: assign `b` first, then read it back for `a` (so `c` is evaluated once).
        let right = match a.right.without_parentheses() {
            js::Expression::AssignmentExpression(inner) if self.depth <= MAX_DEPTH => {
                self.depth += 1;
                self.assign_stmt(inner, out);
                self.depth -= 1;
                self.assign_target_expr(&inner.left)
            }
            _ => self.expr(&a.right),
        };
        let value = match compound_op(a.operator) {
            None => right,
            Some(op) => {
                let left = Box::new(self.assign_target_expr(&a.left));
                let right = Box::new(right);
                match op {
                    Compound::Bin(op) => Expr::Binary { op, left, right, span: sp },
                    Compound::Bool(op) => Expr::Bool2 { op, left, right, span: sp },
                }
            }
        };
        let target = self.assign_target(&a.left);
        out.push(Stmt::Assign { target, value, span: sp });
    }

    fn assign_target(&mut self, t: &js::AssignmentTarget<'_>) -> Target {
        let sp = self.sp(t);
        if let Some(s) = t.as_simple_assignment_target() {
            return self.simple_target(s);
        }
        if self.depth > MAX_DEPTH {
            return Target::Ignore(sp);
        }
        self.depth += 1;
        let target = match t {
            js::AssignmentTarget::ArrayAssignmentTarget(a) => {
                let mut items = Vec::new();
                for el in &a.elements {
                    items.push(match el {
                        Some(el) => self.maybe_default_target(el),
                        None => Target::Ignore(sp),
                    });
                }
                if let Some(rest) = &a.rest {
                    items.push(self.assign_target(&rest.target));
                }
                Target::Tuple(items, sp)
            }
            js::AssignmentTarget::ObjectAssignmentTarget(o) => {
                let mut props = Vec::new();
                for p in &o.properties {
                    match p {
                        js::AssignmentTargetProperty::AssignmentTargetPropertyIdentifier(p) => {
                            let name = p.binding.name.to_string();
                            props.push((name.clone(), Target::Name(name, self.sp(&p.binding))));
                        }
                        js::AssignmentTargetProperty::AssignmentTargetPropertyProperty(p) => {
                            let key = static_key(&p.name).unwrap_or_else(|| "[computed]".to_string());
                            props.push((key, self.maybe_default_target(&p.binding)));
                        }
                    }
                }
                Target::Object(props, sp)
            }
            _ => Target::Ignore(sp),
        };
        self.depth -= 1;
        target
    }

    fn maybe_default_target(&mut self, t: &js::AssignmentTargetMaybeDefault<'_>) -> Target {
        match t {
            js::AssignmentTargetMaybeDefault::AssignmentTargetWithDefault(d) => self.assign_target(&d.binding),
            _ => match t.as_assignment_target() {
                Some(t) => self.assign_target(t),
                None => Target::Ignore(self.sp(t)),
            },
        }
    }

    fn simple_target(&mut self, t: &js::SimpleAssignmentTarget<'_>) -> Target {
        use js::SimpleAssignmentTarget as T;
        match t {
            T::AssignmentTargetIdentifier(id) => Target::Name(id.name.to_string(), self.sp(&**id)),
            T::TSAsExpression(e) => self.expr_target(&e.expression),
            T::TSSatisfiesExpression(e) => self.expr_target(&e.expression),
            T::TSNonNullExpression(e) => self.expr_target(&e.expression),
            T::TSTypeAssertion(e) => self.expr_target(&e.expression),
            _ => match t.as_member_expression() {
                Some(m) => self.member_target(m),
                None => Target::Ignore(self.sp(t)),
            },
        }
    }

    /// The target inside a type wrapper: `(x as any).y = 1`.
    fn expr_target(&mut self, e: &js::Expression<'_>) -> Target {
        match e.get_inner_expression() {
            js::Expression::Identifier(id) => Target::Name(id.name.to_string(), self.sp(&**id)),
            inner => match inner.as_member_expression() {
                Some(m) => self.member_target(m),
                None => Target::Ignore(self.sp(e)),
            },
        }
    }

    fn member_target(&mut self, m: &js::MemberExpression<'_>) -> Target {
        let sp = self.sp(m);
        match self.member(m, sp) {
            Expr::Attr { object, attr, span } => Target::Attr { object: *object, attr, span },
            Expr::Subscript { object, index, span } => Target::Subscript { object: *object, index: *index, span },
            _ => Target::Ignore(sp),
        }
    }

    /// Reads the current value of an assignment target (for `x += 1` and chained assignments).
    fn assign_target_expr(&mut self, t: &js::AssignmentTarget<'_>) -> Expr {
        match t.as_simple_assignment_target() {
            Some(s) => self.simple_target_expr(s),
            None => Expr::Unknown("destructuring assignment", self.sp(t)),
        }
    }

    fn simple_target_expr(&mut self, t: &js::SimpleAssignmentTarget<'_>) -> Expr {
        use js::SimpleAssignmentTarget as T;
        match t {
            T::AssignmentTargetIdentifier(id) => self.identifier(id),
            T::TSAsExpression(e) => self.expr(&e.expression),
            T::TSSatisfiesExpression(e) => self.expr(&e.expression),
            T::TSNonNullExpression(e) => self.expr(&e.expression),
            T::TSTypeAssertion(e) => self.expr(&e.expression),
            _ => match t.as_member_expression() {
                Some(m) => {
                    let sp = self.sp(m);
                    self.member(m, sp)
                }
                None => Expr::Unknown("assignment target", self.sp(t)),
            },
        }
    }

    // ---------------------------------------------------------------------------------------
    // Functions and classes

    fn function(&mut self, f: &js::Function<'_>, name: String) -> Option<Function> {
        // Overload signatures and `declare function` have no body and no run-time meaning.
        let body = f.body.as_ref()?;
        let params = self.params(&f.params);
        let saved = std::mem::take(&mut self.breakable);
        let body = self.stmts(&body.statements);
        self.breakable = saved;
        Some(Function { name, params, body, span: self.sp(f), is_static: false, is_property: false })
    }

    fn arrow(&mut self, a: &js::ArrowFunctionExpression<'_>, sp: Span) -> Function {
        let params = self.params(&a.params);
        let saved = std::mem::take(&mut self.breakable);
        let body = match (a.get_expression(), a.get_function_body()) {
            (Some(e), _) => vec![Stmt::Return { value: Some(self.expr(e)), span: self.sp(e) }],
            (None, Some(b)) => self.stmts(&b.statements),
            (None, None) => Vec::new(),
        };
        self.breakable = saved;
        Function { name: "<lambda>".into(), params, body, span: sp, is_static: false, is_property: false }
    }

    fn params(&mut self, p: &js::FormalParameters<'_>) -> Vec<Param> {
        let mut out = Vec::with_capacity(p.items.len() + 1);
        for item in &p.items {
            let sp = self.sp(item);
            out.push(self.param(&item.pattern, item.initializer.as_deref(), false, sp));
        }
        if let Some(rest) = &p.rest {
            let sp = self.sp(&**rest);
            out.push(self.param(&rest.rest.argument, None, true, sp));
        }
        out
    }

    fn param(&mut self, pattern: &js::BindingPattern<'_>, default: Option<&js::Expression<'_>>, rest: bool, sp: Span) -> Param {
        let (pattern, default) = match pattern {
            js::BindingPattern::AssignmentPattern(a) => (&a.left, default.or(Some(&a.right))),
            _ => (pattern, default),
        };
        let default = default.map(|d| self.expr(d));
        // A named parameter is placed at its name, without the type annotation, as in Python.
        let (name, destructure, sp) = match pattern {
            js::BindingPattern::BindingIdentifier(id) => (id.name.to_string(), None, self.sp(&**id)),
            _ => ("<destructured>".to_string(), Some(self.pattern(pattern)), sp),
        };
        Param { name, default, rest, kwrest: false, destructure, span: sp }
    }

    fn class(&mut self, c: &js::Class<'_>, name: String) -> Class {
        let bases = c.heritage_expression().map(|e| self.expr(e)).into_iter().collect();
        let mut methods = Vec::new();
        let mut fields = Vec::new();
        for el in &c.body.body {
            match el {
                js::ClassElement::MethodDefinition(m) => {
                    let name = match m.kind {
                        js::MethodDefinitionKind::Constructor => "constructor".to_string(),
                        // A setter next to its getter would shadow it; writes are not modelled.
                        js::MethodDefinitionKind::Set => continue,
                        _ => match class_key(&m.key) {
                            Some(n) => n,
                            None => continue,
                        },
                    };
                    let Some(mut f) = self.function(&m.value, name) else { continue };
                    f.is_static = m.r#static;
                    f.is_property = m.kind == js::MethodDefinitionKind::Get;
                    if m.kind == js::MethodDefinitionKind::Constructor {
                        self.parameter_properties(&m.value.params, &mut f.body);
                    }
                    methods.push(Rc::new(f));
                }
                js::ClassElement::PropertyDefinition(p) => {
                    if let (Some(v), Some(key)) = (&p.value, class_key(&p.key)) {
                        fields.push((key, self.expr(v)));
                    }
                }
                js::ClassElement::AccessorProperty(p) => {
                    if let (Some(v), Some(key)) = (&p.value, class_key(&p.key)) {
                        fields.push((key, self.expr(v)));
                    }
                }
                js::ClassElement::StaticBlock(_) | js::ClassElement::TSIndexSignature(_) => {}
            }
        }
        Class { name, bases, methods, fields, span: self.sp(c) }
    }

    /// `constructor(private readonly x: T)` also runs `this.x = x`, right after `super(...)`.
    fn parameter_properties(&mut self, params: &js::FormalParameters<'_>, body: &mut Vec<Stmt>) {
        let mut assigns = Vec::new();
        for item in params.items.iter().filter(|p| p.has_modifier()) {
            let pattern = match &item.pattern {
                js::BindingPattern::AssignmentPattern(a) => &a.left,
                p => p,
            };
            if let js::BindingPattern::BindingIdentifier(id) = pattern {
                let sp = self.sp(item);
                let name = id.name.to_string();
                let target = Target::Attr { object: Expr::This(sp), attr: name.clone(), span: sp };
                assigns.push(Stmt::Assign { target, value: Expr::Name(name, sp), span: sp });
            }
        }
        if assigns.is_empty() {
            return;
        }
        let is_super_call = |s: &Stmt| matches!(s, Stmt::Expr(Expr::Call { func, .. }) if matches!(**func, Expr::Super(_)));
        let at = body.iter().position(is_super_call).map_or(0, |i| i + 1);
        body.splice(at..at, assigns);
    }

    // ---------------------------------------------------------------------------------------
    // Expressions

    fn boxed(&mut self, e: &js::Expression<'_>) -> Box<Expr> {
        Box::new(self.expr(e))
    }

    fn expr(&mut self, e: &js::Expression<'_>) -> Expr {
        let sp = self.sp(e);
        if self.depth > MAX_DEPTH {
            return Expr::Unknown("nesting too deep", sp);
        }
        self.depth += 1;
        let out = self.expr_inner(e, sp);
        self.depth -= 1;
        out
    }

    fn identifier(&mut self, id: &js::IdentifierReference<'_>) -> Expr {
        let sp = self.sp(id);
        match id.name.as_str() {
            "undefined" => Expr::Null(sp),
            name => Expr::Name(name.to_string(), sp),
        }
    }

    fn expr_inner(&mut self, e: &js::Expression<'_>, sp: Span) -> Expr {
        use js::Expression as E;
        match e {
            E::BooleanLiteral(b) => Expr::Bool(b.value, sp),
            E::NullLiteral(_) => Expr::Null(sp),
            E::NumericLiteral(n) => Expr::Num(n.value, sp),
            E::BigIntLiteral(_) => Expr::Unknown("bigint literal", sp),
            E::RegExpLiteral(_) => Expr::Unknown("regular expression", sp),
            E::StringLiteral(s) => Expr::Str(s.value.to_string(), sp),
            E::TemplateLiteral(t) => self.template(t, None, sp),
            E::TaggedTemplateExpression(t) => {
                let tag = self.boxed(&t.tag);
                self.template(&t.quasi, Some(tag), sp)
            }
            E::Identifier(id) => self.identifier(id),
            E::Super(_) => Expr::Super(sp),
            E::ThisExpression(_) => Expr::This(sp),
            E::ArrayExpression(a) => {
                let mut items = Vec::with_capacity(a.elements.len());
                for el in &a.elements {
                    items.push(match el {
                        js::ArrayExpressionElement::SpreadElement(s) => Expr::Starred(self.boxed(&s.argument), self.sp(&**s)),
                        js::ArrayExpressionElement::Elision(h) => Expr::Null(self.sp(&**h)),
                        _ => match el.as_expression() {
                            Some(x) => self.expr(x),
                            None => Expr::Unknown("array element", sp),
                        },
                    });
                }
                Expr::List(items, sp)
            }
            E::ObjectExpression(o) => {
                let mut entries = Vec::with_capacity(o.properties.len());
                for p in &o.properties {
                    match p {
                        js::ObjectPropertyKind::ObjectProperty(p) => {
                            let value = match p.kind {
                                js::PropertyKind::Init => self.expr(&p.value),
                                js::PropertyKind::Get => Expr::Unknown("getter", self.sp(&p.value)),
                                js::PropertyKind::Set => continue,
                            };
                            let key = self.object_key(&p.key, p.computed);
                            entries.push(DictEntry::Pair { key, value });
                        }
                        js::ObjectPropertyKind::SpreadProperty(s) => entries.push(DictEntry::Spread(self.expr(&s.argument))),
                    }
                }
                Expr::Dict(entries, sp)
            }
            E::ArrowFunctionExpression(a) => Expr::Lambda(Rc::new(self.arrow(a, sp))),
            E::FunctionExpression(f) => {
                let name = f.id.as_ref().map_or_else(|| "<lambda>".to_string(), |id| id.name.to_string());
                match self.function(f, name) {
                    Some(func) => Expr::Lambda(Rc::new(func)),
                    None => Expr::Unknown("function without body", sp),
                }
            }
            // The value of an assignment is its right-hand side; the binding itself is rare here.
            E::AssignmentExpression(a) => self.expr(&a.right),
            E::AwaitExpression(a) => self.expr(&a.argument),
            E::BinaryExpression(b) => self.binary(b, sp),
            E::CallExpression(c) => self.call(&c.callee, &c.arguments, false, sp),
            E::NewExpression(n) => self.call(&n.callee, &n.arguments, true, sp),
            E::ChainExpression(c) => match &c.expression {
                js::ChainElement::CallExpression(call) => self.call(&call.callee, &call.arguments, false, sp),
                js::ChainElement::TSNonNullExpression(t) => self.expr(&t.expression),
                el => match el.as_member_expression() {
                    Some(m) => self.member(m, sp),
                    None => Expr::Unknown("optional chain", sp),
                },
            },
            E::ClassExpression(_) => Expr::Unknown("class expression", sp),
            E::ConditionalExpression(c) => Expr::IfExp {
                test: self.boxed(&c.test),
                body: self.boxed(&c.consequent),
                orelse: self.boxed(&c.alternate),
                span: sp,
            },
            E::ImportExpression(_) => Expr::Unknown("dynamic import", sp),
            E::LogicalExpression(l) => {
                let op = match l.operator {
                    js::LogicalOperator::And => BoolOp::And,
                    js::LogicalOperator::Or => BoolOp::Or,
                    js::LogicalOperator::Coalesce => BoolOp::Coalesce,
                };
                Expr::Bool2 { op, left: self.boxed(&l.left), right: self.boxed(&l.right), span: sp }
            }
            E::ParenthesizedExpression(p) => self.expr(&p.expression),
            E::SequenceExpression(s) => match s.expressions.last() {
                Some(last) => self.expr(last),
                None => Expr::Unknown("empty sequence", sp),
            },
            E::UnaryExpression(u) => match u.operator {
                js::UnaryOperator::LogicalNot => Expr::Not(self.boxed(&u.argument), sp),
                js::UnaryOperator::UnaryNegation => Expr::Neg(self.boxed(&u.argument), sp),
                js::UnaryOperator::UnaryPlus => self.expr(&u.argument),
                js::UnaryOperator::Void => Expr::Null(sp),
                js::UnaryOperator::Typeof => Expr::TypeOf(self.boxed(&u.argument), sp),
                js::UnaryOperator::Delete => Expr::Unknown("delete", sp),
                js::UnaryOperator::BitwiseNot => Expr::Unknown("bitwise not", sp),
            },
            // `i++` reads the old value, `++i` the new one.
            E::UpdateExpression(u) => {
                let current = self.simple_target_expr(&u.argument);
                if !u.prefix {
                    return current;
                }
                let op = match u.operator {
                    js::UpdateOperator::Increment => BinOp::Add,
                    js::UpdateOperator::Decrement => BinOp::Sub,
                };
                Expr::Binary { op, left: Box::new(current), right: Box::new(Expr::Num(1.0, sp)), span: sp }
            }
            E::YieldExpression(_) => Expr::Unknown("yield", sp),
            E::PrivateInExpression(_) => Expr::Unknown("private name check", sp),
            E::ImportMeta(_) => Expr::Unknown("import.meta", sp),
            E::NewTarget(_) => Expr::Unknown("new.target", sp),
            E::JSXElement(_) | E::JSXFragment(_) => Expr::Unknown("JSX", sp),
            E::TSAsExpression(t) => self.expr(&t.expression),
            E::TSSatisfiesExpression(t) => self.expr(&t.expression),
            E::TSTypeAssertion(t) => self.expr(&t.expression),
            E::TSNonNullExpression(t) => self.expr(&t.expression),
            E::TSInstantiationExpression(t) => self.expr(&t.expression),
            E::V8IntrinsicExpression(_) => Expr::Unknown("V8 intrinsic", sp),
            E::ComputedMemberExpression(_) | E::StaticMemberExpression(_) | E::PrivateFieldExpression(_) => {
                match e.as_member_expression() {
                    Some(m) => self.member(m, sp),
                    None => Expr::Unknown("member expression", sp),
                }
            }
        }
    }

    fn member(&mut self, m: &js::MemberExpression<'_>, sp: Span) -> Expr {
        match m {
            js::MemberExpression::ComputedMemberExpression(c) => {
                Expr::Subscript { object: self.boxed(&c.object), index: self.boxed(&c.expression), span: sp }
            }
            js::MemberExpression::StaticMemberExpression(s) => {
                Expr::Attr { object: self.boxed(&s.object), attr: s.property.name.to_string(), span: sp }
            }
            js::MemberExpression::PrivateFieldExpression(p) => {
                Expr::Attr { object: self.boxed(&p.object), attr: format!("#{}", p.field.name), span: sp }
            }
        }
    }

    fn call(&mut self, callee: &js::Expression<'_>, arguments: &[js::Argument<'_>], is_new: bool, sp: Span) -> Expr {
        let func = self.boxed(callee);
        let mut args = Vec::with_capacity(arguments.len());
        for a in arguments {
            let asp = self.sp(a);
            match a {
                js::Argument::SpreadElement(s) => {
                    args.push(Arg { name: None, value: self.expr(&s.argument), spread: Spread::Positional, span: asp });
                }
                _ => {
                    let value = match a.as_expression() {
                        Some(x) => self.expr(x),
                        None => Expr::Unknown("argument", asp),
                    };
                    args.push(Arg { name: None, value, spread: Spread::None, span: asp });
                }
            }
        }
        Expr::Call { func, args, is_new, span: sp }
    }

    fn binary(&mut self, b: &js::BinaryExpression<'_>, sp: Span) -> Expr {
        use js::BinaryOperator as B;
        let cmp = |op| Some(Err(op));
        let kind: Option<Result<BinOp, CmpOp>> = match b.operator {
            B::Addition => Some(Ok(BinOp::Add)),
            B::Subtraction => Some(Ok(BinOp::Sub)),
            B::Multiplication => Some(Ok(BinOp::Mul)),
            B::Division => Some(Ok(BinOp::Div)),
            B::Remainder => Some(Ok(BinOp::Mod)),
            B::Exponential => Some(Ok(BinOp::Pow)),
            B::ShiftLeft | B::ShiftRight | B::ShiftRightZeroFill | B::BitwiseOR | B::BitwiseXOR | B::BitwiseAnd => {
                Some(Ok(BinOp::Other))
            }
            B::Equality | B::StrictEquality => cmp(CmpOp::Eq),
            B::Inequality | B::StrictInequality => cmp(CmpOp::NotEq),
            B::LessThan => cmp(CmpOp::Lt),
            B::LessEqualThan => cmp(CmpOp::LtE),
            B::GreaterThan => cmp(CmpOp::Gt),
            B::GreaterEqualThan => cmp(CmpOp::GtE),
            B::In => cmp(CmpOp::In),
            B::Instanceof => None,
        };
        let Some(kind) = kind else { return Expr::Unknown("instanceof", sp) };
        let left = self.boxed(&b.left);
        let right = self.boxed(&b.right);
        match kind {
            Ok(op) => Expr::Binary { op, left, right, span: sp },
            Err(op) => Expr::Compare { op, left, right, span: sp },
        }
    }

    fn template(&mut self, t: &js::TemplateLiteral<'_>, tag: Option<Box<Expr>>, sp: Span) -> Expr {
        let mut parts = Vec::with_capacity(t.quasis.len() + t.expressions.len());
        for (i, q) in t.quasis.iter().enumerate() {
            let lit = q.value.cooked.as_ref().unwrap_or(&q.value.raw);
            if !lit.is_empty() {
                parts.push(StrPart::Lit(lit.to_string()));
            }
            if let Some(e) = t.expressions.get(i) {
                parts.push(StrPart::Expr(self.expr(e)));
            }
        }
        Expr::Template { parts, tag, python: false, span: sp }
    }

    /// An object literal key: names and literals become strings, computed keys stay expressions.
    fn object_key(&mut self, key: &js::PropertyKey<'_>, computed: bool) -> Expr {
        let sp = self.sp(key);
        if !computed && let Some(name) = key.static_name() {
            return Expr::Str(name.into_owned(), sp);
        }
        match key {
            js::PropertyKey::PrivateIdentifier(p) => Expr::Str(format!("#{}", p.name), sp),
            _ => match key.as_expression() {
                Some(e) => self.expr(e),
                None => Expr::Unknown("property key", sp),
            },
        }
    }
}

/// A class member's name: `#x` for private names, `None` for computed keys.
fn class_key(key: &js::PropertyKey<'_>) -> Option<String> {
    match key {
        js::PropertyKey::PrivateIdentifier(p) => Some(format!("#{}", p.name)),
        _ => static_key(key),
    }
}

fn static_key(key: &js::PropertyKey<'_>) -> Option<String> {
    key.static_name().map(|n| n.into_owned())
}

enum Compound {
    Bin(BinOp),
    Bool(BoolOp),
}

/// The operation of a compound assignment (`+=`, `??=`, ...), `None` for plain `=`.
fn compound_op(op: js::AssignmentOperator) -> Option<Compound> {
    use js::AssignmentOperator as A;
    Some(match op {
        A::Assign => return None,
        A::Addition => Compound::Bin(BinOp::Add),
        A::Subtraction => Compound::Bin(BinOp::Sub),
        A::Multiplication => Compound::Bin(BinOp::Mul),
        A::Division => Compound::Bin(BinOp::Div),
        A::Remainder => Compound::Bin(BinOp::Mod),
        A::Exponential => Compound::Bin(BinOp::Pow),
        A::LogicalOr => Compound::Bool(BoolOp::Or),
        A::LogicalAnd => Compound::Bool(BoolOp::And),
        A::LogicalNullish => Compound::Bool(BoolOp::Coalesce),
        A::ShiftLeft | A::ShiftRight | A::ShiftRightZeroFill | A::BitwiseOR | A::BitwiseXOR | A::BitwiseAnd => {
            Compound::Bin(BinOp::Other)
        }
    })
}

/// Recognises `for (let i = <start>; i < <end>; i++)` (also `<=`, `++i`, `i += 1`, `i = i + 1`):
/// the loop variable, its span, the end expression and whether the end is inclusive.
fn range_shape<'s, 'a>(f: &'s js::ForStatement<'a>) -> Option<(&'a str, oxc_span::Span, &'s js::Expression<'a>, bool)> {
    let Some(js::ForStatementInit::VariableDeclaration(v)) = &f.init else { return None };
    let [decl] = v.declarations.as_slice() else { return None };
    let js::BindingPattern::BindingIdentifier(id) = &decl.id else { return None };
    decl.init.as_ref()?;
    let var = id.name.as_str();
    let js::Expression::BinaryExpression(test) = f.test.as_ref()?.without_parentheses() else { return None };
    let inclusive = match test.operator {
        js::BinaryOperator::LessThan => false,
        js::BinaryOperator::LessEqualThan => true,
        _ => return None,
    };
    if !test.left.is_specific_id(var) {
        return None;
    }
    let is_var = |t: &js::SimpleAssignmentTarget<'_>| t.get_identifier_name() == Some(var);
    let is_one = |e: &js::Expression<'_>| e.is_number_value(1.0);
    let steps_by_one = match f.update.as_ref()?.without_parentheses() {
        js::Expression::UpdateExpression(u) => u.operator == js::UpdateOperator::Increment && is_var(&u.argument),
        js::Expression::AssignmentExpression(a) => {
            a.left.get_identifier_name() == Some(var)
                && match a.operator {
                    js::AssignmentOperator::Addition => is_one(&a.right),
                    js::AssignmentOperator::Assign => matches!(
                        a.right.without_parentheses(),
                        js::Expression::BinaryExpression(b)
                            if b.operator == js::BinaryOperator::Addition && b.left.is_specific_id(var) && is_one(&b.right)
                    ),
                    _ => false,
                }
        }
        _ => false,
    };
    if !steps_by_one {
        return None;
    }
    Some((var, id.span, &test.right, inclusive))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulint_model::SuppressionScope;
    use std::ops::Deref;

    fn ts(src: &str) -> Parsed {
        lower(FileId(0), src, FileKind::TypeScript)
    }

    fn body(src: &str) -> Vec<Stmt> {
        let parsed = ts(src);
        assert!(parsed.errors.is_empty(), "unexpected errors: {:?}", parsed.errors);
        parsed.module.body
    }

    fn debug(src: &str) -> String {
        format!("{:?}", body(src))
    }

    /// `Debug` output without spans, for readable assertions.
    fn compact(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(at) = rest.find("Span { file") {
            let head = &rest[..at];
            out.push_str(head.strip_suffix(", ").or_else(|| head.strip_suffix("span: ")).unwrap_or(head));
            let Some(end) = rest[at..].find('}') else { break };
            rest = &rest[at + end + 1..];
        }
        out.push_str(rest);
        out.replace(",  }", " }").replace(", , ", ", ").replace("(, ", "(").replace(", )", ")")
    }

    #[test]
    fn imports() {
        let b = body(
            "import * as aws from \"@pulumi/aws\";\nimport { TapStack, Foo as Bar } from \"../lib/tap-stack\";\n\
             import def from \"d\";\nimport \"side\";\nimport type { T } from \"t\";\nimport x = require(\"y\");\n\
             const pulumi = require(\"@pulumi/pulumi\");",
        );
        let imports: Vec<(&str, String)> = b
            .iter()
            .map(|s| match s {
                Stmt::Import(i) => (i.module.as_str(), format!("{:?}", i.kind)),
                other => panic!("not an import: {other:?}"),
            })
            .collect();
        assert_eq!(
            imports,
            [
                ("@pulumi/aws", r#"Module { alias: Some("aws") }"#.to_string()),
                ("../lib/tap-stack", r#"Names([("TapStack", "TapStack"), ("Foo", "Bar")])"#.to_string()),
                ("d", r#"Names([("default", "def")])"#.to_string()),
                ("side", "Names([])".to_string()),
                ("y", r#"Module { alias: Some("x") }"#.to_string()),
                ("@pulumi/pulumi", r#"Module { alias: Some("pulumi") }"#.to_string()),
            ]
        );
    }

    #[test]
    fn new_resource_call() {
        let b = body("const vpc = new aws.ec2.Vpc(\"v\", {cidrBlock: \"10.0.0.0/16\"}, {provider: p});");
        let [Stmt::Assign { target: Target::Name(name, _), value: Expr::Call { func, args, is_new, .. }, .. }] = b.as_slice() else {
            panic!("{b:?}")
        };
        assert_eq!(name, "vpc");
        assert!(is_new);
        assert_eq!(func.dotted().as_deref(), Some("aws.ec2.Vpc"));
        assert_eq!(args.len(), 3);
        assert!(matches!(&args[0].value, Expr::Str(s, _) if s == "v"));
        let Expr::Dict(entries, _) = &args[1].value else { panic!("{:?}", args[1].value) };
        assert!(matches!(&entries[..], [DictEntry::Pair { key: Expr::Str(k, _), value: Expr::Str(v, _) }] if k == "cidrBlock" && v == "10.0.0.0/16"));
        assert_eq!(compact(&format!("{:?}", args[2].value)), r#"Dict([Pair { key: Str("provider"), value: Name("p") }])"#);
    }

    #[test]
    fn component_resource_class() {
        let src = r#"
export class TapStack extends pulumi.ComponentResource {
  public readonly bucket: aws.s3.Bucket;
  private count = 1;
  constructor(name: string, private readonly args: TapStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tap:stack:TapStack", name, args, opts);
    this.bucket = new aws.s3.Bucket(`${name}-bucket`, {}, { parent: this });
  }
  get arn() { return this.bucket.arn; }
  static create() { return 1; }
}"#;
        let b = body(src);
        let [Stmt::Class(c)] = b.as_slice() else { panic!("{b:?}") };
        assert_eq!(c.name, "TapStack");
        assert_eq!(c.bases.len(), 1);
        assert_eq!(c.bases[0].dotted().as_deref(), Some("pulumi.ComponentResource"));
        assert_eq!(c.fields.len(), 1);
        assert_eq!(c.fields[0].0, "count");
        let names: Vec<_> = c.methods.iter().map(|m| (m.name.as_str(), m.is_static, m.is_property)).collect();
        assert_eq!(names, [("constructor", false, false), ("arn", false, true), ("create", true, false)]);
        let ctor = c.methods[0].deref();
        let params: Vec<_> = ctor.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(params, ["name", "args", "opts"]);
        // `super(...)` first, then the parameter property, then the body.
        assert!(matches!(&ctor.body[0], Stmt::Expr(Expr::Call { func, args, .. }) if matches!(**func, Expr::Super(_)) && args.len() == 4));
        assert!(matches!(&ctor.body[1], Stmt::Assign { target: Target::Attr { object: Expr::This(_), attr, .. }, value: Expr::Name(n, _), .. } if attr == "args" && n == "args"));
        assert!(matches!(&ctor.body[2], Stmt::Assign { target: Target::Attr { attr, .. }, value: Expr::Call { is_new: true, .. }, .. } if attr == "bucket"));
    }

    #[test]
    fn templates() {
        let d = compact(&debug("const a = `${name}-bucket`;\nconst url = pulumi.interpolate`https://${b.domain}/x`;"));
        assert!(d.contains(r#"Template { parts: [Expr(Name("name")), Lit("-bucket")], tag: None, python: false }"#), "{d}");
        assert!(
            d.contains(r#"Template { parts: [Lit("https://"), Expr(Attr { object: Name("b"), attr: "domain" }), Lit("/x")], tag: Some(Attr { object: Name("pulumi"), attr: "interpolate" }), python: false }"#),
            "{d}"
        );
    }

    #[test]
    fn for_of_and_classic_for() {
        let d = compact(&debug("for (const az of azs) { f(az); }\nfor (let i = 0; i < n; i++) { g(i); }"));
        assert!(d.starts_with(r#"[For { target: Name("az"), iter: Name("azs"), body: [Expr(Call { func: Name("f")"#), "{d}");
        assert!(d.contains(r#"Assign { target: Name("i"), value: Num(0.0) }, For { target: Name("i"), iter: Call { func: Name("range"), args: [Arg { name: None, value: Name("i"), spread: None }, Arg { name: None, value: Name("n"), spread: None }]"#), "{d}");
    }

    #[test]
    fn arrow_with_expression_body() {
        let b = body("const f = (a, ...rest) => a + 1;");
        let [Stmt::Assign { value: Expr::Lambda(f), .. }] = b.as_slice() else { panic!("{b:?}") };
        assert_eq!(f.params.len(), 2);
        assert!(f.params[1].rest);
        assert!(matches!(&f.body[..], [Stmt::Return { value: Some(Expr::Binary { op: BinOp::Add, .. }), .. }]));
    }

    #[test]
    fn destructuring() {
        let d = compact(&debug("const { a, b: c } = o;\nconst [x, , y] = l;\nfunction f({ p, q = 1 }) {}"));
        assert!(d.contains(r#"Assign { target: Object([("a", Name("a")), ("b", Name("c"))]), value: Name("o") }"#), "{d}");
        assert!(d.contains(r#"Assign { target: Tuple([Name("x"), Ignore(), Name("y")]), value: Name("l") }"#), "{d}");
        assert!(d.contains(r#"Param { name: "<destructured>", default: None, rest: false, kwrest: false, destructure: Some(Object([("p", Name("p")), ("q", Name("q"))])) }"#), "{d}");
    }

    #[test]
    fn exports() {
        let d = compact(&debug("export const x = 1;\nexport { a, b as c };\nexport default f;\nexport function g() {}"));
        assert!(d.contains(r#"Assign { target: Name("x"), value: Num(1.0) }, Export { name: "x", value: Name("x") }"#), "{d}");
        assert!(d.contains(r#"Export { name: "a", value: Name("a") }, Export { name: "c", value: Name("b") }"#), "{d}");
        assert!(d.contains(r#"Export { name: "default", value: Name("f") }, Function(Function { name: "g""#), "{d}");
    }

    #[test]
    fn switch_break_does_not_leave_the_loop() {
        let d = compact(&debug("for (const x of xs) { switch (x) { case 1: f(); break; default: g(); } }"));
        assert!(!d.contains("Break"), "{d}");
        assert!(d.contains(r#"If { test: Compare { op: Eq, left: Name("$switch"#), "{d}");
    }

    #[test]
    fn syntax_error_is_reported() {
        let parsed = ts("const x = ;\nconst y = new aws.s3.Bucket(\"b\");\nclass {");
        assert!(!parsed.errors.is_empty());
        assert!(parsed.errors.iter().all(|(m, _)| !m.is_empty() && !m.contains('\n')));
        assert!(parsed.errors[0].1.end > 0, "{:?}", parsed.errors);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for src in ["", "   \n", "}}}", "/* unterminated", "`${", "<div>", "\u{feff}x", "a ? : b", "for (;;) {}"] {
            let _ = lower(FileId(0), src, FileKind::TypeScript);
            let _ = lower(FileId(0), src, FileKind::JavaScript);
        }
        assert!(ts("").module.body.is_empty());
        assert!(ts("").errors.is_empty());
    }

    #[test]
    fn deep_nesting_is_cut_off() {
        let src = format!("x = {}1{};", "[".repeat(300), "]".repeat(300));
        let d = debug(&src);
        assert!(d.contains("nesting too deep"));
    }

    #[test]
    fn tsx_and_javascript() {
        let parsed = ts("const e = <div>{x}</div>;");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let js = lower(FileId(0), "const aws = require(\"@pulumi/aws\");\nexports.x = 1;", FileKind::JavaScript);
        assert!(js.errors.is_empty());
        assert_eq!(js.module.body.len(), 2);
    }

    #[test]
    fn suppression_comments() {
        let parsed = ts("// pulint: ignore[SEC001] reason\nconst a = 1; // pulint: ignore\n/* pulint: ignore-file[OPS] */");
        let s = &parsed.module.suppressions;
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].codes, ["SEC001"]);
        assert_eq!(s[0].reason.as_deref(), Some("reason"));
        assert_eq!(s[0].scope, SuppressionScope::NextLine);
        assert_eq!((s[0].span.start, s[0].span.end), (0, 32));
        assert_eq!(s[1].scope, SuppressionScope::Line);
        assert_eq!(s[2].scope, SuppressionScope::File);
        assert_eq!(s[2].reason, None);
    }

    /// `TS_DUMP='source' cargo test -p pulint_frontend typescript::tests::dump -- --nocapture`
    /// prints the lowering of a snippet.
    #[test]
    fn dump() {
        let src = std::env::var("TS_DUMP").unwrap_or_default();
        if !src.is_empty() {
            let parsed = ts(&src);
            for s in &parsed.module.body {
                println!("{}", compact(&format!("{s:?}")));
            }
            println!("{:?}\n{:?}", parsed.module.suppressions, parsed.errors);
        }
    }
}
