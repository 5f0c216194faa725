//! Python source to the shared syntax of [`crate::ir`], with ruff's parser.
//!
//! ruff recovers from syntax errors, so a broken file still yields the statements it could read.

use crate::ir::*;
use crate::Parsed;
use pulint_model::{FileId, Span};
use ruff_python_ast as ast;
use ruff_python_ast::token::TokenKind;
use ruff_python_parser::{ParseOptions, parse_unchecked};
use ruff_text_size::{Ranged, TextRange};
use std::rc::Rc;

/// Deeper nesting than this is not lowered (it is left Unknown), keeping recursion bounded.
const MAX_DEPTH: u32 = 200;

/// At most this many column-0 docstrings are re-indented in one file.
const MAX_DOCSTRING_FIXES: usize = 16;

fn parse(text: &str) -> ruff_python_parser::Parsed<ast::Mod> {
    let options = ParseOptions::from(ast::PySourceType::Python)
        .with_target_version(ast::PythonVersion::PY314);
    parse_unchecked(text, options)
}

pub fn lower(file: FileId, text: &str) -> Parsed {
    let original = parse(text);
    let recovered = if original.errors().is_empty() { None } else { reindent_docstrings(text) };
    let (parsed, text, shifts) = match &recovered {
        Some((parsed, edited, shifts)) => (parsed, edited.as_str(), shifts.clone()),
        None => (&original, text, Vec::new()),
    };
    let map = Shifts(Rc::from(shifts));
    // The file's own errors are reported even when the re-indented text parses: Python rejects it.
    let errors = original
        .errors()
        .iter()
        .map(|e| (e.error.to_string(), span(file, e.location)))
        .collect();
    let mut suppressions = Vec::new();
    for token in parsed.tokens().iter() {
        if token.kind() == TokenKind::Comment {
            let r = token.range();
            let comment = text.get(r.start().to_usize()..r.end().to_usize()).unwrap_or("");
            let line_start = text[..r.start().to_usize()].rfind('\n').map_or(0, |i| i + 1);
            let own_line = text[line_start..r.start().to_usize()].trim().is_empty();
            if let Some(s) = crate::suppress::parse_comment(comment, map.span(file, r), own_line) {
                suppressions.push(s);
            }
        }
    }
    let mut lowerer = Lowerer { file, depth: 0, map };
    let body = match parsed.syntax() {
        ast::Mod::Module(m) => lowerer.stmts(&m.body),
        ast::Mod::Expression(_) => Vec::new(),
    };
    Parsed { module: Module { body, suppressions }, errors }
}

fn span(file: FileId, r: TextRange) -> Span {
    Span::new(file, r.start().to_u32(), r.end().to_u32())
}

/// Spaces inserted into the source before parsing, as `(offset in the original text, count)`
/// sorted by offset; maps offsets in the edited text back to the original.
#[derive(Clone, Default)]
struct Shifts(Rc<[(u32, u32)]>);

impl Shifts {
    fn offset(&self, edited: u32) -> u32 {
        let mut inserted = 0;
        for &(at, n) in self.0.iter() {
            let start = at + inserted;
            if edited < start {
                break;
            }
            if edited < start + n {
                return at;
            }
            inserted += n;
        }
        edited - inserted
    }

    fn span(&self, file: FileId, r: TextRange) -> Span {
        Span::new(file, self.offset(r.start().to_u32()), self.offset(r.end().to_u32()))
    }
}

/// A clean parse of edited text, the edited text, and the (offset, inserted width) shifts.
type Reindented = (ruff_python_parser::Parsed<ast::Mod>, String, Vec<(u32, u32)>);

/// Recovers a file whose class or function docstrings start at column 0 (`class X:` followed by
/// a line `"""Doc` at column 0), which Python rejects as an IndentationError and which ruff
/// recovers by moving the body out of the class. While the first syntax error sits on such a
/// line, its opening line is indented like the body's next line after the string (continuation
/// lines of the string do not count). The edit only adds spaces before the string, so its value
/// is unchanged. The result is used only when it parses without any error; the returned shifts
/// map offsets back to the original text.
fn reindent_docstrings(text: &str) -> Option<Reindented> {
    let mut edited = text.to_string();
    let mut shifts: Vec<(u32, u32)> = Vec::new();
    let mut parsed = parse(&edited);
    for _ in 0..MAX_DOCSTRING_FIXES {
        let first = parsed.errors().iter().map(|e| e.location.start().to_usize()).min()?;
        let (at, width) = column0_docstring(&edited, &parsed, first)?;
        let original_at = Shifts(Rc::from(shifts.clone())).offset(at as u32);
        let pos = shifts.partition_point(|&(o, _)| o < original_at);
        shifts.insert(pos, (original_at, width as u32));
        edited.insert_str(at, &" ".repeat(width));
        parsed = parse(&edited);
        if parsed.errors().is_empty() {
            return Some((parsed, edited, shifts));
        }
    }
    None
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// When the error at `error` lies on a line that starts at column 0 with a string literal and
/// directly follows a `class ...:` / `def ...:` header, the offset of that line and the width to
/// indent it by.
fn column0_docstring(text: &str, parsed: &ruff_python_parser::Parsed<ast::Mod>, error: usize) -> Option<(usize, usize)> {
    let at = line_start(text, error.min(text.len()));
    let tokens: Vec<_> = parsed.tokens().iter().collect();
    let i = tokens.iter().position(|t| t.start().to_usize() == at)?;
    let string = tokens[i];
    if !matches!(string.kind(), TokenKind::String | TokenKind::FStringStart | TokenKind::TStringStart) {
        return None;
    }
    // The line before is a header ending in `:` (comments and blank lines aside).
    let mut j = i;
    loop {
        j = j.checked_sub(1)?;
        match tokens[j].kind() {
            TokenKind::Newline | TokenKind::NonLogicalNewline | TokenKind::Comment => {}
            TokenKind::Colon => break,
            _ => return None,
        }
    }
    // The logical line of that colon starts with `class`, `def` or `async def`.
    // Walking back, a line break outside brackets ends it (blank and comment lines give
    // non-logical newlines).
    let mut k = j;
    let mut depth = 0i32;
    while k > 0 {
        match tokens[k - 1].kind() {
            TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent => break,
            TokenKind::NonLogicalNewline if depth == 0 => break,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth -= 1,
            _ => {}
        }
        k -= 1;
    }
    let header = tokens[k];
    let is_header = match header.kind() {
        TokenKind::Class | TokenKind::Def => true,
        TokenKind::Async => tokens.get(k + 1).is_some_and(|t| t.kind() == TokenKind::Def),
        _ => false,
    };
    if !is_header {
        return None;
    }
    let header_line = line_start(text, header.start().to_usize());
    let header_indent = indent_of(&text[header_line..]);
    // The string's end: a plain string is one token, an f-string ends at its matching end token.
    let end = match string.kind() {
        TokenKind::String => string.end().to_usize(),
        _ => {
            let (open, close) = if string.kind() == TokenKind::FStringStart {
                (TokenKind::FStringStart, TokenKind::FStringEnd)
            } else {
                (TokenKind::TStringStart, TokenKind::TStringEnd)
            };
            let mut depth = 0;
            let mut end = None;
            for t in &tokens[i..] {
                if t.kind() == open {
                    depth += 1;
                } else if t.kind() == close {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(t.end().to_usize());
                        break;
                    }
                }
            }
            end?
        }
    };
    // The first non-blank, non-comment line after the string's line gives the body's indentation.
    let after = text[end..].find('\n').map(|n| end + n + 1)?;
    let body = text[after..]
        .split('\n')
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let width = indent_of(body);
    if width <= header_indent || body[..width].contains('\t') {
        return None;
    }
    Some((at, width))
}

struct Lowerer {
    file: FileId,
    depth: u32,
    map: Shifts,
}

impl Lowerer {
    fn sp(&self, node: &impl Ranged) -> Span {
        self.map.span(self.file, node.range())
    }

    fn stmts(&mut self, body: &[ast::Stmt]) -> Vec<Stmt> {
        let mut out = Vec::with_capacity(body.len());
        for s in body {
            self.stmt(s, &mut out);
        }
        out
    }

    fn stmt(&mut self, s: &ast::Stmt, out: &mut Vec<Stmt>) {
        if self.depth > MAX_DEPTH {
            return;
        }
        self.depth += 1;
        self.stmt_inner(s, out);
        self.depth -= 1;
    }

    fn stmt_inner(&mut self, s: &ast::Stmt, out: &mut Vec<Stmt>) {
        let sp = self.sp(s);
        match s {
            ast::Stmt::FunctionDef(f) => out.push(Stmt::Function(Rc::new(self.function(f)))),
            ast::Stmt::ClassDef(c) => out.push(Stmt::Class(Rc::new(self.class(c)))),
            ast::Stmt::Return(r) => out.push(Stmt::Return { value: r.value.as_deref().map(|v| self.expr(v)), span: sp }),
            ast::Stmt::Assign(a) => {
                let value = self.expr(&a.value);
                if a.targets.len() == 1 {
                    out.push(Stmt::Assign { target: self.target(&a.targets[0]), value, span: sp });
                } else {
                    // `a = b = value`: bind the value once, then copy it to every target.
                    let tmp = format!("$chain{}", sp.start);
                    out.push(Stmt::Assign { target: Target::Name(tmp.clone(), sp), value, span: sp });
                    for t in &a.targets {
                        out.push(Stmt::Assign { target: self.target(t), value: Expr::Name(tmp.clone(), sp), span: sp });
                    }
                }
            }
            ast::Stmt::AugAssign(a) => {
                let left = self.expr(&a.target);
                let right = self.expr(&a.value);
                let value = Expr::Binary { op: binop(a.op), left: Box::new(left), right: Box::new(right), span: sp };
                out.push(Stmt::Assign { target: self.target(&a.target), value, span: sp });
            }
            ast::Stmt::AnnAssign(a) => match &a.value {
                Some(v) => {
                    let value = self.expr(v);
                    out.push(Stmt::Assign { target: self.target(&a.target), value, span: sp });
                }
                None => {
                    if let ast::Expr::Name(n) = &*a.target {
                        out.push(Stmt::Declare { name: n.id.to_string(), span: sp });
                    }
                }
            },
            ast::Stmt::For(f) => {
                let target = self.target(&f.target);
                let iter = self.expr(&f.iter);
                let body = self.stmts(&f.body);
                out.push(Stmt::For { target, iter, body, span: sp });
                if !f.orelse.is_empty() {
                    out.push(Stmt::Block(self.stmts(&f.orelse)));
                }
            }
            ast::Stmt::While(w) => {
                let test = self.expr(&w.test);
                let body = self.stmts(&w.body);
                out.push(Stmt::While { test, body, span: sp });
                if !w.orelse.is_empty() {
                    out.push(Stmt::Block(self.stmts(&w.orelse)));
                }
            }
            ast::Stmt::If(i) => {
                let test = self.expr(&i.test);
                let body = self.stmts(&i.body);
                let orelse = self.elif_chain(&i.elif_else_clauses);
                out.push(Stmt::If { test, body, orelse, span: sp });
            }
            ast::Stmt::With(w) => {
                let mut block = Vec::new();
                for item in &w.items {
                    let value = self.expr(&item.context_expr);
                    match &item.optional_vars {
                        Some(v) => block.push(Stmt::Assign { target: self.target(v), value, span: sp }),
                        None => block.push(Stmt::Expr(value)),
                    }
                }
                block.extend(self.stmts(&w.body));
                out.push(Stmt::Block(block));
            }
            ast::Stmt::Match(m) => {
                // Each case may run: lower them as conditions the evaluator cannot decide.
                let subject = self.expr(&m.subject);
                out.push(Stmt::Expr(subject));
                for case in &m.cases {
                    let body = self.stmts(&case.body);
                    out.push(Stmt::If { test: Expr::Unknown("match case", sp), body, orelse: Vec::new(), span: sp });
                }
            }
            ast::Stmt::Raise(_) => out.push(Stmt::Raise { span: sp }),
            ast::Stmt::Try(t) => {
                out.push(Stmt::Block(self.stmts(&t.body)));
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    let body = self.stmts(&h.body);
                    out.push(Stmt::If { test: Expr::Unknown("exception handler", sp), body, orelse: Vec::new(), span: sp });
                }
                if !t.orelse.is_empty() {
                    out.push(Stmt::Block(self.stmts(&t.orelse)));
                }
                if !t.finalbody.is_empty() {
                    out.push(Stmt::Block(self.stmts(&t.finalbody)));
                }
            }
            ast::Stmt::Import(i) => {
                for alias in &i.names {
                    let kind = ImportKind::Module { alias: alias.asname.as_ref().map(|a| a.to_string()) };
                    out.push(Stmt::Import(Import { module: alias.name.to_string(), kind, span: sp }));
                }
            }
            ast::Stmt::ImportFrom(i) => {
                let module = format!("{}{}", ".".repeat(i.level as usize), i.module.as_ref().map(|m| m.as_str()).unwrap_or(""));
                let kind = if i.names.iter().any(|a| a.name.as_str() == "*") {
                    ImportKind::Star
                } else {
                    ImportKind::Names(
                        i.names
                            .iter()
                            .map(|a| (a.name.to_string(), a.asname.as_ref().unwrap_or(&a.name).to_string()))
                            .collect(),
                    )
                };
                out.push(Stmt::Import(Import { module, kind, span: sp }));
            }
            ast::Stmt::Expr(e) => out.push(Stmt::Expr(self.expr(&e.value))),
            ast::Stmt::Break(_) => out.push(Stmt::Break),
            ast::Stmt::Continue(_) => out.push(Stmt::Continue),
            ast::Stmt::Assert(_)
            | ast::Stmt::Pass(_)
            | ast::Stmt::Delete(_)
            | ast::Stmt::TypeAlias(_)
            | ast::Stmt::Global(_)
            | ast::Stmt::Nonlocal(_)
            | ast::Stmt::IpyEscapeCommand(_) => {}
        }
    }

    fn elif_chain(&mut self, clauses: &[ast::ElifElseClause]) -> Vec<Stmt> {
        let Some((first, rest)) = clauses.split_first() else { return Vec::new() };
        let body = self.stmts(&first.body);
        match &first.test {
            None => body,
            Some(test) => {
                let sp = self.sp(first);
                let test = self.expr(test);
                let orelse = self.elif_chain(rest);
                vec![Stmt::If { test, body, orelse, span: sp }]
            }
        }
    }

    fn function(&mut self, f: &ast::StmtFunctionDef) -> Function {
        let mut is_static = false;
        let mut is_property = false;
        for d in &f.decorator_list {
            match &d.expression {
                ast::Expr::Name(n) if n.id.as_str() == "staticmethod" => is_static = true,
                ast::Expr::Name(n) if n.id.as_str() == "property" || n.id.as_str() == "cached_property" => is_property = true,
                ast::Expr::Attribute(a) if a.attr.as_str() == "cached_property" => is_property = true,
                _ => {}
            }
        }
        Function {
            name: f.name.to_string(),
            params: self.params(&f.parameters),
            body: self.stmts(&f.body),
            span: self.sp(f),
            is_static,
            is_property,
        }
    }

    fn params(&mut self, p: &ast::Parameters) -> Vec<Param> {
        let mut out = Vec::new();
        for pd in p.posonlyargs.iter().chain(p.args.iter()) {
            out.push(self.param(pd));
        }
        if let Some(v) = &p.vararg {
            out.push(Param { name: v.name.to_string(), default: None, rest: true, kwrest: false, destructure: None, span: self.sp(&**v) });
        }
        for pd in &p.kwonlyargs {
            out.push(self.param(pd));
        }
        if let Some(k) = &p.kwarg {
            out.push(Param { name: k.name.to_string(), default: None, rest: false, kwrest: true, destructure: None, span: self.sp(&**k) });
        }
        out
    }

    fn param(&mut self, pd: &ast::ParameterWithDefault) -> Param {
        Param {
            name: pd.parameter.name.to_string(),
            default: pd.default.as_deref().map(|d| self.expr(d)),
            rest: false,
            kwrest: false,
            destructure: None,
            span: self.sp(pd),
        }
    }

    fn class(&mut self, c: &ast::StmtClassDef) -> Class {
        let bases = c.arguments.as_ref().map(|a| a.args.iter().map(|b| self.expr(b)).collect()).unwrap_or_default();
        let mut methods = Vec::new();
        let mut fields = Vec::new();
        for s in &c.body {
            match s {
                ast::Stmt::FunctionDef(f) => methods.push(Rc::new(self.function(f))),
                ast::Stmt::Assign(a) => {
                    if let [ast::Expr::Name(n)] = a.targets.as_slice() {
                        fields.push((n.id.to_string(), self.expr(&a.value)));
                    }
                }
                ast::Stmt::AnnAssign(a) => {
                    if let (ast::Expr::Name(n), Some(v)) = (&*a.target, &a.value) {
                        fields.push((n.id.to_string(), self.expr(v)));
                    }
                }
                _ => {}
            }
        }
        Class { name: c.name.to_string(), bases, methods, fields, span: self.sp(c) }
    }

    fn target(&mut self, e: &ast::Expr) -> Target {
        let sp = self.sp(e);
        match e {
            ast::Expr::Name(n) => Target::Name(n.id.to_string(), sp),
            ast::Expr::Attribute(a) => Target::Attr { object: self.expr(&a.value), attr: a.attr.to_string(), span: sp },
            ast::Expr::Subscript(s) => Target::Subscript { object: self.expr(&s.value), index: self.expr(&s.slice), span: sp },
            ast::Expr::Tuple(t) => Target::Tuple(t.elts.iter().map(|x| self.target(x)).collect(), sp),
            ast::Expr::List(l) => Target::Tuple(l.elts.iter().map(|x| self.target(x)).collect(), sp),
            ast::Expr::Starred(s) => self.target(&s.value),
            _ => Target::Ignore(sp),
        }
    }

    fn boxed(&mut self, e: &ast::Expr) -> Box<Expr> {
        Box::new(self.expr(e))
    }

    fn expr(&mut self, e: &ast::Expr) -> Expr {
        let sp = self.sp(e);
        if self.depth > MAX_DEPTH {
            return Expr::Unknown("nesting too deep", sp);
        }
        self.depth += 1;
        let out = self.expr_inner(e, sp);
        self.depth -= 1;
        out
    }

    fn expr_inner(&mut self, e: &ast::Expr, sp: Span) -> Expr {
        match e {
            ast::Expr::BoolOp(b) => {
                let op = match b.op {
                    ast::BoolOp::And => BoolOp::And,
                    ast::BoolOp::Or => BoolOp::Or,
                };
                let mut values = b.values.iter();
                let Some(first) = values.next() else { return Expr::Unknown("empty boolean operation", sp) };
                let mut acc = self.expr(first);
                for v in values {
                    let right = self.boxed(v);
                    acc = Expr::Bool2 { op, left: Box::new(acc), right, span: sp };
                }
                acc
            }
            // `(x := value)`: the evaluator sees the value; the binding is rare in Pulumi code.
            ast::Expr::Named(n) => self.expr(&n.value),
            ast::Expr::BinOp(b) => Expr::Binary { op: binop(b.op), left: self.boxed(&b.left), right: self.boxed(&b.right), span: sp },
            ast::Expr::UnaryOp(u) => match u.op {
                ast::UnaryOp::Not => Expr::Not(self.boxed(&u.operand), sp),
                ast::UnaryOp::USub => Expr::Neg(self.boxed(&u.operand), sp),
                ast::UnaryOp::UAdd => self.expr(&u.operand),
                ast::UnaryOp::Invert => Expr::Unknown("bitwise inversion", sp),
            },
            ast::Expr::Lambda(l) => {
                let params = l.parameters.as_deref().map(|p| self.params(p)).unwrap_or_default();
                let body = vec![Stmt::Return { value: Some(self.expr(&l.body)), span: sp }];
                Expr::Lambda(Rc::new(Function { name: "<lambda>".into(), params, body, span: sp, is_static: false, is_property: false }))
            }
            ast::Expr::If(i) => Expr::IfExp { test: self.boxed(&i.test), body: self.boxed(&i.body), orelse: self.boxed(&i.orelse), span: sp },
            ast::Expr::Dict(d) => {
                let entries = d
                    .items
                    .iter()
                    .map(|item| match &item.key {
                        Some(k) => DictEntry::Pair { key: self.expr(k), value: self.expr(&item.value) },
                        None => DictEntry::Spread(self.expr(&item.value)),
                    })
                    .collect();
                Expr::Dict(entries, sp)
            }
            ast::Expr::Set(s) => Expr::List(s.elts.iter().map(|x| self.expr(x)).collect(), sp),
            ast::Expr::List(l) => Expr::List(l.elts.iter().map(|x| self.expr(x)).collect(), sp),
            ast::Expr::Tuple(t) => Expr::List(t.elts.iter().map(|x| self.expr(x)).collect(), sp),
            ast::Expr::ListComp(c) => Expr::ListComp { elt: self.boxed(&c.elt), generators: self.generators(&c.generators), span: sp },
            ast::Expr::SetComp(c) => Expr::ListComp { elt: self.boxed(&c.elt), generators: self.generators(&c.generators), span: sp },
            ast::Expr::Generator(c) => Expr::ListComp { elt: self.boxed(&c.elt), generators: self.generators(&c.generators), span: sp },
            ast::Expr::DictComp(c) => match &c.key {
                Some(k) => Expr::DictComp {
                    key: self.boxed(k),
                    value: self.boxed(&c.value),
                    generators: self.generators(&c.generators),
                    span: sp,
                },
                None => Expr::Unknown("dict comprehension with unpacking", sp),
            },
            ast::Expr::Await(a) => self.expr(&a.value),
            ast::Expr::Yield(_) | ast::Expr::YieldFrom(_) => Expr::Unknown("yield", sp),
            ast::Expr::Compare(c) => {
                // `a < b < c` becomes `a < b and b < c`.
                let mut left = self.expr(&c.left);
                let mut acc: Option<Expr> = None;
                for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                    // Lowered once: lowering it again for the next link made nested comparisons
                    // (`a in [b in [c in ...]]`) cost 2^depth.
                    let right_ir = self.expr(right);
                    let next_left = right_ir.clone();
                    let cmp = Expr::Compare { op: cmpop(*op), left: Box::new(left), right: Box::new(right_ir), span: sp };
                    acc = Some(match acc {
                        None => cmp,
                        Some(prev) => Expr::Bool2 { op: BoolOp::And, left: Box::new(prev), right: Box::new(cmp), span: sp },
                    });
                    left = next_left;
                }
                acc.unwrap_or(Expr::Unknown("empty comparison", sp))
            }
            ast::Expr::Call(c) => {
                let mut args = Vec::new();
                for a in c.arguments.args.iter() {
                    match a {
                        ast::Expr::Starred(s) => args.push(Arg { name: None, value: self.expr(&s.value), spread: Spread::Positional, span: self.sp(a) }),
                        _ => args.push(Arg { name: None, value: self.expr(a), spread: Spread::None, span: self.sp(a) }),
                    }
                }
                for k in c.arguments.keywords.iter() {
                    let value = self.expr(&k.value);
                    let ksp = self.sp(k);
                    match &k.arg {
                        Some(name) => args.push(Arg { name: Some(name.to_string()), value, spread: Spread::None, span: ksp }),
                        None => args.push(Arg { name: None, value, spread: Spread::Keyword, span: ksp }),
                    }
                }
                Expr::Call { func: self.boxed(&c.func), args, is_new: false, span: sp }
            }
            ast::Expr::FString(f) => {
                let mut parts = Vec::new();
                for part in f.value.iter() {
                    match part {
                        ast::FStringPart::Literal(l) => parts.push(StrPart::Lit(l.value.to_string())),
                        ast::FStringPart::FString(fs) => {
                            for el in fs.elements.iter() {
                                match el {
                                    ast::InterpolatedStringElement::Literal(l) => parts.push(StrPart::Lit(l.value.to_string())),
                                    ast::InterpolatedStringElement::Interpolation(i) => parts.push(StrPart::Expr(self.expr(&i.expression))),
                                }
                            }
                        }
                    }
                }
                Expr::Template { parts, tag: None, python: true, span: sp }
            }
            ast::Expr::TString(_) => Expr::Unknown("template string", sp),
            ast::Expr::StringLiteral(s) => Expr::Str(s.value.to_str().to_string(), sp),
            ast::Expr::BytesLiteral(_) => Expr::Unknown("bytes literal", sp),
            ast::Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => match i.as_i64() {
                    Some(v) => Expr::Num(v as f64, sp),
                    None => Expr::Unknown("integer too large", sp),
                },
                ast::Number::Float(f) => Expr::Num(*f, sp),
                ast::Number::Complex { .. } => Expr::Unknown("complex number", sp),
            },
            ast::Expr::BooleanLiteral(b) => Expr::Bool(b.value, sp),
            ast::Expr::NoneLiteral(_) => Expr::Null(sp),
            ast::Expr::EllipsisLiteral(_) => Expr::Unknown("ellipsis", sp),
            ast::Expr::Attribute(a) => Expr::Attr { object: self.boxed(&a.value), attr: a.attr.to_string(), span: sp },
            ast::Expr::Subscript(s) => match &*s.slice {
                // `x[a:b]` means what JavaScript's `x.slice(a, b)` means, for strings and lists.
                ast::Expr::Slice(sl) if sl.step.is_none() => {
                    let lower = sl.lower.as_deref().map(|e| self.expr(e)).unwrap_or(Expr::Num(0.0, sp));
                    let mut args = vec![Arg { name: None, value: lower, spread: Spread::None, span: sp }];
                    if let Some(upper) = sl.upper.as_deref() {
                        args.push(Arg { name: None, value: self.expr(upper), spread: Spread::None, span: sp });
                    }
                    let func = Expr::Attr { object: self.boxed(&s.value), attr: "slice".into(), span: sp };
                    Expr::Call { func: Box::new(func), args, is_new: false, span: sp }
                }
                ast::Expr::Slice(_) => Expr::Unknown("slice", sp),
                slice => Expr::Subscript { object: self.boxed(&s.value), index: self.boxed(slice), span: sp },
            },
            ast::Expr::Starred(s) => Expr::Starred(self.boxed(&s.value), sp),
            ast::Expr::Name(n) => match n.id.as_str() {
                "super" => Expr::Super(sp),
                id => Expr::Name(id.to_string(), sp),
            },
            ast::Expr::Slice(_) => Expr::Unknown("slice", sp),
            ast::Expr::IpyEscapeCommand(_) => Expr::Unknown("IPython escape", sp),
        }
    }

    fn generators(&mut self, gens: &[ast::Comprehension]) -> Vec<Comprehension> {
        gens.iter()
            .map(|g| Comprehension {
                target: self.target(&g.target),
                iter: self.expr(&g.iter),
                conditions: g.ifs.iter().map(|c| self.expr(c)).collect(),
            })
            .collect()
    }
}

fn binop(op: ast::Operator) -> BinOp {
    match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Sub,
        ast::Operator::Mult => BinOp::Mul,
        ast::Operator::Div => BinOp::Div,
        ast::Operator::FloorDiv => BinOp::FloorDiv,
        ast::Operator::Mod => BinOp::Mod,
        ast::Operator::Pow => BinOp::Pow,
        _ => BinOp::Other,
    }
}

fn cmpop(op: ast::CmpOp) -> CmpOp {
    match op {
        ast::CmpOp::Eq => CmpOp::Eq,
        ast::CmpOp::NotEq => CmpOp::NotEq,
        ast::CmpOp::Lt => CmpOp::Lt,
        ast::CmpOp::LtE => CmpOp::LtE,
        ast::CmpOp::Gt => CmpOp::Gt,
        ast::CmpOp::GtE => CmpOp::GtE,
        ast::CmpOp::In => CmpOp::In,
        ast::CmpOp::NotIn => CmpOp::NotIn,
        ast::CmpOp::Is => CmpOp::Is,
        ast::CmpOp::IsNot => CmpOp::IsNot,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_map_edited_offsets_back() {
        let map = Shifts(Rc::from(vec![(10, 4), (20, 2)]));
        assert_eq!(map.offset(9), 9);
        assert_eq!(map.offset(10), 10);
        assert_eq!(map.offset(13), 10);
        assert_eq!(map.offset(14), 10);
        assert_eq!(map.offset(24), 20);
        assert_eq!(map.offset(26), 20);
        assert_eq!(map.offset(30), 24);
    }

    #[test]
    fn column0_docstring_recovery_needs_an_error_free_result() {
        let fixed = reindent_docstrings("class A:\n\"\"\"Doc\n  more\n\"\"\"\n\n    def f(self):\n        return 1\n");
        let (_, text, shifts) = fixed.expect("recovered");
        assert!(text.starts_with("class A:\n    \"\"\"Doc\n  more\n\"\"\"\n"));
        assert_eq!(shifts, vec![(9, 4)]);
        // The body itself is at column 0: nothing to indent to.
        assert!(reindent_docstrings("def f():\n\"\"\"Doc\"\"\"\nreturn 1\n").is_none());
        // Another error remains after the docstring is fixed.
        assert!(reindent_docstrings("class A:\n\"\"\"Doc\"\"\"\n    def f(self:\n        pass\n").is_none());
        // Not after a header.
        assert!(reindent_docstrings("x = (\n\"\"\"Doc\"\"\"\n").is_none());
    }
}
