//! Python built-ins, JavaScript globals, and the methods of strings, lists and dicts that Pulumi
//! programs use to build names, tags and lists of resources.

use super::value::*;
use super::{ArgV, Evaluator, MAX_UNROLL};
use pulint_model::value::InterpKind;
use pulint_model::{RANDOM_REASON, Span, TIME_REASON, Value, ValueKind};

const PY_BUILTINS: &[&str] = &[
    "range", "len", "enumerate", "zip", "str", "int", "float", "bool", "list", "dict", "tuple", "set", "sorted",
    "reversed", "min", "max", "sum", "any", "all", "isinstance", "print", "getattr", "hasattr", "abs", "round",
    "map", "filter", "open", "type", "repr", "id", "hash", "iter", "next", "super", "Exception", "ValueError",
];
const JS_GLOBALS: &[&str] = &[
    "Object", "Array", "JSON", "Math", "String", "Number", "Boolean", "console", "process", "Promise", "parseInt",
    "parseFloat", "Date", "Error", "Buffer", "Set", "Map", "require",
];

/// A name the language provides without an import.
pub fn global(name: &str, python: bool) -> Option<V> {
    match name {
        "undefined" if !python => return Some(V::val(ValueKind::Null, Span::new(pulint_model::FileId(0), 0, 0))),
        "True" | "False" | "None" => return None,
        _ => {}
    }
    // TypeScript `for (let i = a; i < b; i++)` is lowered to a loop over `range(a, b)`.
    if name == "range" || (python && PY_BUILTINS.contains(&name)) {
        return Some(V::Ext(["builtins.", name].concat()));
    }
    if !python && JS_GLOBALS.contains(&name) {
        return Some(V::Ext(name.to_string()));
    }
    None
}

fn num(v: &V) -> Option<f64> {
    v.as_value().and_then(|x| x.as_number())
}

fn positional(args: &[ArgV]) -> Vec<&V> {
    args.iter().filter(|a| a.name.is_none()).map(|a| &a.value).collect()
}

impl Evaluator<'_> {
    /// Calls of built-in functions; `None` when the path is not one pulint models.
    pub(crate) fn call_builtin(&mut self, path: &str, args: &[ArgV], span: Span) -> Option<V> {
        let pos = positional(args);
        let name = path.strip_prefix("builtins.").unwrap_or(path);
        Some(match name {
            "range" => {
                let ns: Option<Vec<f64>> = pos.iter().map(|v| num(v)).collect();
                let (start, end, step) = match ns?.as_slice() {
                    [e] => (0.0, *e, 1.0),
                    [s, e] => (*s, *e, 1.0),
                    [s, e, st] if *st != 0.0 => (*s, *e, *st),
                    _ => return Some(V::unknown("range pulint cannot know", span)),
                };
                let count = ((end - start) / step).ceil();
                if !(0.0..=1000.0).contains(&count) {
                    return Some(V::unknown("range too long to unroll", span));
                }
                let items = (0..count as i64).map(|i| V::val(ValueKind::Number(start + step * i as f64), span)).collect();
                V::list(items, span)
            }
            "len" => {
                let v = pos.first()?;
                if let Some(val) = v.as_value()
                    && self.is_output(val) {
                        self.observe(pulint_model::Observation::OutputAsPlain { output: val.clone(), span, context: "len" });
                    }
                match self.iterate(v) {
                    Some(items) => V::val(ValueKind::Number(items.len() as f64), span),
                    None => match v.as_str() {
                        Some(s) => V::val(ValueKind::Number(s.chars().count() as f64), span),
                        None => V::unknown("length pulint cannot know", span),
                    },
                }
            }
            "enumerate" => {
                let items = self.iterate(pos.first()?);
                let start = args.iter().find(|a| a.name.as_deref() == Some("start")).and_then(|a| num(&a.value)).or_else(|| pos.get(1).and_then(|v| num(v))).unwrap_or(0.0);
                match items {
                    Some(items) => V::list(
                        items.into_iter().enumerate().map(|(i, v)| V::list(vec![V::val(ValueKind::Number(start + i as f64), span), v], span)).collect(),
                        span,
                    ),
                    None => V::unknown("enumeration of values pulint cannot know", span),
                }
            }
            "zip" => {
                let lists: Option<Vec<Vec<V>>> = pos.iter().map(|v| self.iterate(v)).collect();
                match lists {
                    Some(lists) if !lists.is_empty() => {
                        let n = lists.iter().map(Vec::len).min().unwrap_or(0);
                        V::list((0..n).map(|i| V::list(lists.iter().map(|l| l[i].clone()).collect(), span)).collect(), span)
                    }
                    _ => V::unknown("zip of values pulint cannot know", span),
                }
            }
            "list" | "tuple" | "set" | "sorted" | "reversed" | "Array.from" => {
                let Some(v) = pos.first() else { return Some(V::list(Vec::new(), span)) };
                match self.iterate(v) {
                    Some(mut items) => {
                        if name == "reversed" {
                            items.reverse();
                        }
                        if name == "sorted" {
                            let keys: Option<Vec<String>> = items.iter().map(|i| i.as_str().map(str::to_string)).collect();
                            if let Some(keys) = keys {
                                let mut pairs: Vec<(String, V)> = keys.into_iter().zip(items).collect();
                                pairs.sort_by(|a, b| a.0.cmp(&b.0));
                                items = pairs.into_iter().map(|p| p.1).collect();
                            }
                        }
                        V::list(items, span)
                    }
                    None => V::unknown(format!("`{name}` of values pulint cannot know"), span),
                }
            }
            "dict" | "Object.assign" | "Object.fromEntries" => {
                let python = self.python();
                let mut entries: Vec<DictEntryV> = Vec::new();
                for a in args {
                    match (&a.name, &a.value) {
                        (Some(n), v) => entries.push(DictEntryV { key: n.clone(), key_span: a.span, value: v.clone() }),
                        (None, V::Dict(d, _)) => {
                            for e in d.borrow().entries.iter() {
                                entries.retain(|x| x.key != e.key);
                                entries.push(e.clone());
                            }
                        }
                        (None, v) => {
                            if let Some(pairs) = self.iterate(v) {
                                for p in pairs {
                                    if let Some(kv) = self.iterate(&p)
                                        && let (Some(k), Some(val)) = (kv.first().and_then(|k| k.as_str()), kv.get(1)) {
                                            entries.push(DictEntryV { key: k.to_string(), key_span: a.span, value: val.clone() });
                                        }
                                }
                            }
                        }
                    }
                }
                V::dict(entries, DictKind::Plain, python, span)
            }
            "str" | "String" | "repr" => {
                let v = pos.first()?;
                let val = to_value(v, span);
                match &val.kind {
                    ValueKind::String(_) => V::Val(val),
                    _ => self.interp(InterpKind::ToString, vec![val], span),
                }
            }
            "int" | "float" | "Number" | "parseInt" | "parseFloat" => {
                let v = pos.first()?;
                match v.as_value().map(|x| self.program.resolve(x).kind.clone()) {
                    Some(ValueKind::Number(n)) => V::val(ValueKind::Number(if name == "int" || name == "parseInt" { n.trunc() } else { n }), span),
                    Some(ValueKind::String(s)) => match s.trim().parse::<f64>() {
                        Ok(n) => V::val(ValueKind::Number(n), span),
                        Err(_) => V::unknown("number pulint cannot parse", span),
                    },
                    _ => V::derived("number pulint cannot know".into(), pos.iter().copied(), span),
                }
            }
            "min" | "max" | "Math.min" | "Math.max" => {
                let items = if pos.len() == 1 { self.iterate(pos[0]).unwrap_or_default() } else { pos.iter().map(|v| (*v).clone()).collect() };
                let ns: Option<Vec<f64>> = items.iter().map(|v| self.scalar(v).and_then(|x| x.as_number())).collect();
                match ns {
                    Some(ns) if !ns.is_empty() => {
                        let n = if name.ends_with("min") { ns.iter().cloned().fold(f64::INFINITY, f64::min) } else { ns.iter().cloned().fold(f64::NEG_INFINITY, f64::max) };
                        V::val(ValueKind::Number(n), span)
                    }
                    _ => V::unknown("minimum or maximum pulint cannot know", span),
                }
            }
            "Math.floor" | "Math.ceil" | "abs" | "round" => {
                let n = pos.first().and_then(|v| num(v));
                match n {
                    Some(n) => V::val(
                        ValueKind::Number(match name {
                            "Math.floor" => n.floor(),
                            "Math.ceil" => n.ceil(),
                            "abs" => n.abs(),
                            _ => n.round(),
                        }),
                        span,
                    ),
                    None => V::derived("number pulint cannot know".into(), pos.iter().copied(), span),
                }
            }
            "print" | "console.log" | "console.warn" | "console.error" | "console.info" => V::val(ValueKind::Null, span),
            "getattr" => {
                let obj = pos.first()?;
                let attr = pos.get(1).and_then(|v| v.as_str())?.to_string();
                // `getattr(obj, "x", default)` asks whether the attribute exists: not a use.
                let reads = self.unset_reads.len();
                let v = self.get_attr(obj, &attr, span);
                if pos.len() > 2 {
                    self.unset_reads.truncate(reads);
                }
                match (v.is_unknown(), pos.get(2)) {
                    (true, Some(d)) => (*d).clone(),
                    _ => v,
                }
            }
            "map" => {
                let f = (*pos.first()?).clone();
                let items = pos.get(1).and_then(|v| self.iterate(v));
                self.map_list(&f, items, span)
            }
            "Object.keys" | "Object.values" | "Object.entries" => {
                let v = pos.first()?;
                let entries: Option<Vec<(String, V)>> = match v {
                    V::Dict(d, _) => Some(d.borrow().entries.iter().map(|e| (e.key.clone(), e.value.clone())).collect()),
                    V::Val(val) => match &self.program.resolve(val).kind {
                        ValueKind::Object(props) => Some(props.iter().map(|p| (p.key.written.clone(), V::Val(p.value.clone()))).collect()),
                        _ => None,
                    },
                    _ => None,
                };
                match entries {
                    Some(entries) => V::list(
                        entries
                            .into_iter()
                            .map(|(k, v)| match name {
                                "Object.keys" => V::str(k, span),
                                "Object.values" => v,
                                _ => V::list(vec![V::str(k, span), v], span),
                            })
                            .collect(),
                        span,
                    ),
                    None => V::unknown(format!("`{name}` of an object pulint cannot know"), span),
                }
            }
            "Promise.all" => pos.first().map(|v| (*v).clone()).unwrap_or_else(|| V::unknown("promise", span)),
            "Date.now" | "Date" | "datetime.datetime.now" | "datetime.datetime.utcnow" | "datetime.now" | "datetime.utcnow"
            | "datetime.date.today" | "time.time" | "time.strftime" => V::unknown(TIME_REASON, span),
            "Math.random" | "random.randint" | "random.choice" | "random.choices" | "random.sample" | "random.random"
            | "random.randrange" | "random.getrandbits" | "random.uniform" | "uuid.uuid4" | "uuid.uuid1"
            | "secrets.token_hex" | "secrets.token_urlsafe" | "secrets.token_bytes" | "secrets.choice"
            | "secrets.randbelow" | "crypto.randomUUID" | "crypto.randomBytes" | "crypto.randomInt" => V::unknown(RANDOM_REASON, span),
            _ => return None,
        })
    }

    /// Calls `f` for each item (TypeScript `.map`, `.forEach`; Python `map`); unknown lists run the
    /// callback once, its resources marked "many".
    fn map_list(&mut self, f: &V, items: Option<Vec<V>>, span: Span) -> V {
        match items {
            Some(items) if items.len() <= MAX_UNROLL => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    let args = vec![
                        ArgV { name: None, value: item, span },
                        ArgV { name: None, value: V::val(ValueKind::Number(i as f64), span), span },
                    ];
                    out.push(self.call_value(f, args, span, span));
                }
                V::list(out, span)
            }
            _ => {
                let args = vec![
                    ArgV { name: None, value: V::unknown("item of a list pulint cannot enumerate", span), span },
                    ArgV { name: None, value: V::unknown("index of a list pulint cannot enumerate", span), span },
                ];
                self.many += 1;
                let _ = self.call_value(f, args, span, span);
                self.many -= 1;
                V::unknown("list built from values pulint cannot enumerate", span)
            }
        }
    }

    /// Methods of strings, lists and dicts; `None` when not modelled.
    pub(crate) fn builtin_method(&mut self, recv: &V, name: &str, args: &[ArgV], span: Span) -> Option<V> {
        // A known list held as a value (a literal passed through, a config read with a stack
        // value): its methods work as on a list the program built, on a copy.
        if let V::Val(val) = recv
            && let ValueKind::List(items) = &self.program.resolve(val).kind {
                let list = V::list(items.iter().cloned().map(V::Val).collect(), val.span);
                return self.builtin_method(&list, name, args, span);
            }
        let pos = positional(args);
        if let V::List(list, _) = recv {
            return Some(match name {
                "append" | "push" => {
                    list.borrow_mut().extend(pos.iter().map(|v| (*v).clone()));
                    V::val(ValueKind::Null, span)
                }
                "extend" => {
                    if let Some(items) = pos.first().and_then(|v| self.iterate(v)) {
                        list.borrow_mut().extend(items);
                    }
                    V::val(ValueKind::Null, span)
                }
                "insert" => {
                    if let (Some(i), Some(v)) = (pos.first().and_then(|v| num(v)), pos.get(1)) {
                        let mut l = list.borrow_mut();
                        let i = (i.max(0.0) as usize).min(l.len());
                        l.insert(i, (*v).clone());
                    }
                    V::val(ValueKind::Null, span)
                }
                "copy" | "slice" if pos.is_empty() => V::list(list.borrow().clone(), span),
                "slice" => {
                    let items = list.borrow().clone();
                    let len = items.len() as i64;
                    let norm = |n: f64| -> usize {
                        let n = n as i64;
                        (if n < 0 { len + n } else { n }).clamp(0, len) as usize
                    };
                    let start = pos.first().and_then(|v| num(v)).map(norm).unwrap_or(0);
                    let end = pos.get(1).and_then(|v| num(v)).map(norm).unwrap_or(len as usize);
                    V::list(items.get(start..end.max(start)).map(<[V]>::to_vec).unwrap_or_default(), span)
                }
                "map" | "forEach" | "flatMap" => {
                    let f = (*pos.first()?).clone();
                    let items = Some(list.borrow().clone());
                    let out = self.map_list(&f, items, span);
                    if name == "forEach" { V::val(ValueKind::Null, span) } else { out }
                }
                "filter" => {
                    let f = (*pos.first()?).clone();
                    let items = list.borrow().clone();
                    let mut kept = Vec::new();
                    for item in items {
                        let r = self.call_value(&f, vec![ArgV { name: None, value: item.clone(), span }], span, span);
                        match self.truth(&r, span) {
                            Some(true) => kept.push(item),
                            Some(false) => {}
                            None => return Some(V::unknown("filter with a condition pulint cannot know", span)),
                        }
                    }
                    V::list(kept, span)
                }
                "concat" => {
                    let mut items = list.borrow().clone();
                    for v in pos {
                        match self.iterate(v) {
                            Some(more) => items.extend(more),
                            None => items.push(v.clone()),
                        }
                    }
                    V::list(items, span)
                }
                "join" => {
                    let sep = pos.first().and_then(|v| v.as_str()).unwrap_or(",").to_string();
                    let items = list.borrow().clone();
                    self.join(&sep, items, span)
                }
                "includes" | "index" | "indexOf" | "find" | "some" | "every" | "reduce" | "pop" | "count" => {
                    self.run_callbacks(args, span);
                    V::unknown(format!("result of `.{name}()`"), span)
                }
                _ => return None,
            });
        }
        if let V::Dict(d, _) = recv {
            return Some(match name {
                "get" => {
                    let key = pos.first().and_then(|v| v.as_str())?.to_string();
                    let found = d.borrow().get(&key).cloned();
                    found.or_else(|| pos.get(1).map(|v| (*v).clone())).unwrap_or_else(|| V::val(ValueKind::Null, span))
                }
                "items" => V::list(d.borrow().entries.iter().map(|e| V::list(vec![V::str(e.key.clone(), e.key_span), e.value.clone()], span)).collect(), span),
                "keys" => V::list(d.borrow().entries.iter().map(|e| V::str(e.key.clone(), e.key_span)).collect(), span),
                "values" => V::list(d.borrow().entries.iter().map(|e| e.value.clone()).collect(), span),
                "update" => {
                    let mut add: Vec<DictEntryV> = Vec::new();
                    for a in args {
                        match (&a.name, &a.value) {
                            (Some(n), v) => add.push(DictEntryV { key: n.clone(), key_span: a.span, value: v.clone() }),
                            (None, V::Dict(o, _)) => add.extend(o.borrow().entries.iter().cloned()),
                            _ => {}
                        }
                    }
                    let mut dm = d.borrow_mut();
                    for e in add {
                        dm.set(e.key, e.key_span, e.value);
                    }
                    V::val(ValueKind::Null, span)
                }
                "setdefault" => {
                    let key = pos.first().and_then(|v| v.as_str())?.to_string();
                    let existing = d.borrow().get(&key).cloned();
                    match existing {
                        Some(v) => v,
                        None => {
                            let v = pos.get(1).map(|v| (*v).clone()).unwrap_or_else(|| V::val(ValueKind::Null, span));
                            d.borrow_mut().set(key, span, v.clone());
                            v
                        }
                    }
                }
                "copy" => {
                    let dd = d.borrow();
                    V::dict(dd.entries.clone(), dd.kind.clone(), dd.python, span)
                }
                "pop" => {
                    let key = pos.first().and_then(|v| v.as_str())?.to_string();
                    let found = d.borrow().get(&key).cloned();
                    d.borrow_mut().entries.retain(|e| e.key != key);
                    found.or_else(|| pos.get(1).map(|v| (*v).clone())).unwrap_or_else(|| V::val(ValueKind::Null, span))
                }
                _ => return None,
            });
        }
        let val = recv.as_value()?.clone();
        if matches!(name, "slice" | "substring") {
            return self.cut(&val, name, &pos, span);
        }
        // Strings: known ones are computed; others keep only what is certain.
        let s = self.program.str_of(&val).map(str::to_string);
        match (name, s) {
            ("format", Some(fmt)) => Some(self.format(&fmt, args, span)),
            ("join", Some(sep)) => {
                let items = self.iterate(pos.first()?)?;
                Some(self.join(&sep, items, span))
            }
            ("lower" | "toLowerCase", Some(s)) => Some(V::str(s.to_lowercase(), span)),
            ("upper" | "toUpperCase", Some(s)) => Some(V::str(s.to_uppercase(), span)),
            ("strip" | "trim", Some(s)) => Some(V::str(s.trim(), span)),
            ("title", Some(s)) => Some(V::str(title_case(&s), span)),
            ("capitalize", Some(s)) => {
                let mut c = s.chars();
                Some(V::str(c.next().map(|f| f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect::<String>()).unwrap_or_default(), span))
            }
            ("replace" | "replaceAll", Some(s)) => {
                let (a, b) = (pos.first().and_then(|v| v.as_str())?, pos.get(1).and_then(|v| v.as_str())?);
                Some(V::str(if a.is_empty() { s } else { s.replace(a, b) }, span))
            }
            ("split" | "rsplit", Some(s)) => {
                let sep = pos.first().and_then(|v| v.as_str()).map(str::to_string);
                // Python's `maxsplit` (positional or named); JavaScript's `limit` keeps the first parts.
                let count = pos.get(1).copied().or_else(|| args.iter().find(|a| a.name.as_deref() == Some("maxsplit")).map(|a| &a.value));
                let count = match count.map(|v| v.as_value().and_then(Value::as_number)) {
                    None => None,
                    Some(Some(n)) if n >= 0.0 => Some(n as usize),
                    Some(Some(_)) => None,
                    Some(None) => return None,
                };
                let parts: Vec<String> = match (sep, count, self.python()) {
                    (Some(sep), _, _) if sep.is_empty() => return None,
                    (Some(sep), None, _) => s.split(sep.as_str()).map(str::to_string).collect(),
                    (Some(sep), Some(n), false) => s.split(sep.as_str()).take(n).map(str::to_string).collect(),
                    (Some(sep), Some(n), true) if name == "rsplit" => {
                        let mut parts: Vec<String> = s.rsplitn(n + 1, sep.as_str()).map(str::to_string).collect();
                        parts.reverse();
                        parts
                    }
                    (Some(sep), Some(n), true) => s.splitn(n + 1, sep.as_str()).map(str::to_string).collect(),
                    (None, None, _) => s.split_whitespace().map(str::to_string).collect(),
                    (None, Some(_), _) => return None,
                };
                Some(V::list(parts.into_iter().map(|p| V::str(p, span)).collect(), span))
            }
            ("startswith" | "startsWith", Some(s)) => Some(V::val(ValueKind::Bool(s.starts_with(pos.first().and_then(|v| v.as_str())?)), span)),
            ("endswith" | "endsWith", Some(s)) => Some(V::val(ValueKind::Bool(s.ends_with(pos.first().and_then(|v| v.as_str())?)), span)),
            ("includes", Some(s)) => Some(V::val(ValueKind::Bool(s.contains(pos.first().and_then(|v| v.as_str())?)), span)),
            ("toString", _) => {
                let v = self.interp(InterpKind::ToString, vec![val], span);
                Some(v)
            }
            _ => None,
        }
    }

    /// `s.slice(a, b)` / `s.substring(a, b)` / Python `s[a:b]`: computed when the cut lies within
    /// the literal text the string starts with (`f"canary-{suffix}"[:6]` is `"canary"`).
    fn cut(&mut self, val: &Value, name: &str, pos: &[&V], span: Span) -> Option<V> {
        let resolved = self.program.resolve(val);
        let (text, whole) = match &resolved.kind {
            ValueKind::String(s) => (s.clone(), true),
            ValueKind::Interp { parts, .. } => (parts.first()?.as_str()?.to_string(), false),
            _ => return None,
        };
        let chars: Vec<char> = text.chars().collect();
        let arg = |i: usize| pos.get(i).and_then(|v| num(v));
        let (start, end) = (arg(0).unwrap_or(0.0), arg(1));
        // Negative positions count from the end, which only a fully known string has.
        if !whole && (start < 0.0 || end.is_none_or(|e| e < 0.0)) {
            return None;
        }
        let len = chars.len() as f64;
        // `substring` clamps negative positions to 0; `slice` counts them from the end.
        let clamp = name == "substring";
        let norm = move |n: f64| match (n < 0.0, clamp) {
            (false, _) => n,
            (true, true) => 0.0,
            (true, false) => (len + n).max(0.0),
        };
        let mut start = norm(start);
        let mut end = end.map(norm).unwrap_or(len);
        if name == "substring" && start > end {
            std::mem::swap(&mut start, &mut end);
        }
        if !whole && end > len {
            return None;
        }
        let (a, b) = (start.min(len) as usize, end.min(len) as usize);
        Some(V::str(chars.get(a..b.max(a)).map(|c| c.iter().collect::<String>()).unwrap_or_default(), span))
    }

    fn join(&mut self, sep: &str, items: Vec<V>, span: Span) -> V {
        let mut parts = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                parts.push(Value::new(ValueKind::String(sep.to_string()), span));
            }
            parts.push(to_value(item, span));
        }
        self.interp(InterpKind::Join, parts, span)
    }

    /// `"{}-{name}".format(a, name=b)`.
    fn format(&mut self, fmt: &str, args: &[ArgV], span: Span) -> V {
        let pos = positional(args);
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut next = 0;
        let mut chars = fmt.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    lit.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    lit.push('}');
                }
                '{' => {
                    let mut field = String::new();
                    for d in chars.by_ref() {
                        if d == '}' {
                            break;
                        }
                        field.push(d);
                    }
                    let field = field.split([':', '!']).next().unwrap_or("").to_string();
                    let v = if field.is_empty() {
                        next += 1;
                        pos.get(next - 1).map(|v| (*v).clone())
                    } else if let Ok(i) = field.parse::<usize>() {
                        pos.get(i).map(|v| (*v).clone())
                    } else {
                        args.iter().find(|a| a.name.as_deref() == Some(field.as_str())).map(|a| a.value.clone())
                    };
                    parts.push(Value::new(ValueKind::String(std::mem::take(&mut lit)), span));
                    parts.push(v.map(|v| into_value(v, span)).unwrap_or_else(|| Value::unknown("missing format argument", span)));
                }
                c => lit.push(c),
            }
        }
        parts.push(Value::new(ValueKind::String(lit), span));
        self.interp(InterpKind::Format, parts, span)
    }
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = true;
        }
    }
    out
}
