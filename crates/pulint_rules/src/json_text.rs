//! JSON documents written as text (policies, dashboards, secret strings) read into model values,
//! so rules look inside them the same way as inside `json.dumps({...})`.

use pulint_model::{Key, Prop, Span, Value, ValueKind};

/// A JSON object text as a model value (None for anything else); every part carries the span of the string it came from.
pub fn parse(text: &str, span: Span) -> Option<Value> {
    let t = text.trim_start();
    if !t.starts_with('{') {
        return None;
    }
    let mut parser = Json { s: t.as_bytes(), i: 0, span };
    let v = parser.value(0)?;
    Some(v)
}

struct Json<'a> {
    s: &'a [u8],
    i: usize,
    span: Span,
}

impl Json<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: u32) -> Option<Value> {
        if depth > 64 {
            return None;
        }
        self.ws();
        let kind = match *self.s.get(self.i)? {
            b'{' => {
                self.i += 1;
                let mut props = Vec::new();
                loop {
                    self.ws();
                    if self.s.get(self.i) == Some(&b'}') {
                        self.i += 1;
                        break;
                    }
                    let key = self.string()?;
                    self.ws();
                    if self.s.get(self.i) != Some(&b':') {
                        return None;
                    }
                    self.i += 1;
                    let value = self.value(depth + 1)?;
                    props.push(Prop { key: Key { canonical: key.clone(), written: key, span: self.span }, value });
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            break;
                        }
                        _ => return None,
                    }
                }
                ValueKind::Object(props)
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.ws();
                    if self.s.get(self.i) == Some(&b']') {
                        self.i += 1;
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            break;
                        }
                        _ => return None,
                    }
                }
                ValueKind::List(items)
            }
            b'"' => ValueKind::String(self.string()?),
            b't' if self.s[self.i..].starts_with(b"true") => {
                self.i += 4;
                ValueKind::Bool(true)
            }
            b'f' if self.s[self.i..].starts_with(b"false") => {
                self.i += 5;
                ValueKind::Bool(false)
            }
            b'n' if self.s[self.i..].starts_with(b"null") => {
                self.i += 4;
                ValueKind::Null
            }
            _ => {
                let start = self.i;
                while self.i < self.s.len() && matches!(self.s[self.i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    self.i += 1;
                }
                let n: f64 = std::str::from_utf8(&self.s[start..self.i]).ok()?.parse().ok()?;
                ValueKind::Number(n)
            }
        };
        Some(Value::new(kind, self.span))
    }

    fn string(&mut self) -> Option<String> {
        if self.s.get(self.i) != Some(&b'"') {
            return None;
        }
        self.i += 1;
        let mut out = Vec::new();
        while let Some(&c) = self.s.get(self.i) {
            self.i += 1;
            match c {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    out.push(match e {
                        b'n' => b'\n',
                        b't' => b'\t',
                        other => other,
                    });
                }
                _ => out.push(c),
            }
        }
        None
    }
}
