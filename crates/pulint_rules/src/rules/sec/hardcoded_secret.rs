//! SEC002 hardcoded-secret: a password, token or key written as a literal in the program.

use crate::query::WordSet;
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta, Span, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a literal string passed to a secret argument (`password`, `masterPassword`,
    /// `authToken`, `secretString`, ...), and a literal default of a config read for a secret key
    /// (`config.get("dbPassword") or "Admin123!"`). A literal on one of the paths pulint cannot
    /// decide between (`password or "Admin123!"`, a function returning a lookup on one path and a
    /// literal on the other) is flagged too.
    ///
    /// ## Why is this bad?
    /// The secret ends up in source control, in the Pulumi state in plain text, and in every copy
    /// of the repository. It deploys fine and leaks forever.
    ///
    /// ## Example
    /// ```python
    /// aws.rds.Instance("db", instance_class="db.t3.micro", password="Admin123!")
    /// ```
    /// ```typescript
    /// new aws.rds.Instance("db", { instanceClass: "db.t3.micro", password: "Admin123!" });
    /// ```
    ///
    /// ## Use instead
    /// Read it with `config.require_secret("dbPassword")` / `config.requireSecret("dbPassword")`,
    /// generate it with `random.RandomPassword`, or let RDS manage it (`manage_master_user_password`).
    pub HardcodedSecret { code: "SEC002", name: "hardcoded-secret", family: Sec, severity: Error, status: Stable,
        summary: "a password, token or key is written in the program" }
}

/// Keys that name a credential: arguments (`masterPassword`), map keys (`DB_PASSWORD`), JSON keys.
pub(crate) fn secret_key(key: &str) -> bool {
    // Most keys lack some letter of every credential word: one pass over the letters rules them
    // out before folding and searching.
    let letters = key.bytes().filter(u8::is_ascii_alphabetic).fold(0u32, |m, b| m | 1 << ((b | 0x20) - b'a'));
    if !CREDENTIAL_LETTERS.iter().any(|&w| letters & w == w) {
        return false;
    }
    // This runs for every key of every value: the key folded without allocating, the credential
    // words looked for before the exceptions, which few keys reach.
    pulint_schema::with_folded(key, |b| !matches!(b, b'-' | b'_'), secret_words)
}

/// Words of a folded key that name a credential.
const CREDENTIALS: &[&str] = &["password", "passwd", "secret", "token", "apikey", "privatekey", "accesskey", "credential"];
static CREDENTIAL_WORDS: WordSet = WordSet::new(CREDENTIALS);

/// The letters of each credential word, as bits (`a` is bit 0): a folded key holds a word only
/// if the key has all of its letters.
static CREDENTIAL_LETTERS: [u32; CREDENTIALS.len()] = {
    let mut masks = [0u32; CREDENTIALS.len()];
    let mut i = 0;
    while i < CREDENTIALS.len() {
        let w = CREDENTIALS[i].as_bytes();
        let mut j = 0;
        while j < w.len() {
            masks[i] |= 1 << (w[j] - b'a');
            j += 1;
        }
        i += 1;
    }
    masks
};

/// Words of a folded key that make it a setting about the credential (`passwordLength`, `secretArn`).
static SETTING_WORDS: WordSet = WordSet::new(&["arn", "name", "length", "manager", "enable", "use", "rotation", "path", "type", "policy", "version", "count", "expir", "ttl", "url", "validity", "id", "kms", "ref", "parameter", "endpoint", "header", "source", "location", "required", "reset", "lifetime", "http", "strategy", "mode"]);

/// Whether a folded key holds a credential word and none of the words that make it a setting
/// about the credential. The word sets' tables are built at compile time: this runs for every key.
fn secret_words(k: &[u8]) -> bool {
    CREDENTIAL_WORDS.in_text(k) && !SETTING_WORDS.in_text(k)
}

/// Literals that are switches or references rather than secrets.
fn not_a_secret(s: &str) -> bool {
    let lower = s.trim().to_ascii_lowercase();
    lower.len() < 4
        || lower.starts_with("arn:")
        || lower.starts_with("{{")
        || lower.starts_with("${")
        || lower.starts_with("alias/")
        || lower.contains("resolve:secretsmanager")
        || matches!(lower.as_str(), "true" | "false" | "none" | "null" | "not_set" | "unset" | "undefined" | "disabled" | "enabled")
}

/// `scheme://user:password@host`: credentials inside a connection string.
fn url_with_password(s: &str) -> bool {
    let Some(at) = crate::query::find_text(s, "://") else { return false };
    let rest = &s[at + 3..];
    let Some((userinfo, _)) = rest.split_once('@') else { return false };
    !userinfo.contains('/') && userinfo.split_once(':').is_some_and(|(u, pw)| !u.is_empty() && !pw.is_empty() && !pw.starts_with('$') && !pw.starts_with('{'))
}

impl Rule for HardcodedSecret {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created(p) {
            let named_secret = r.arg("name").and_then(|v| p.str_of(v)).is_some_and(secret_key);
            for prop in &r.args {
                let direct = secret_key(&prop.key.canonical) || (named_secret && matches!(prop.key.canonical.as_str(), "value" | "secretString" | "insecureValue"));
                let site = Site { resource: r.span, key: prop.key.span };
                visit(p, cx, &prop.value, direct, &prop.key.written, site, 0);
            }
        }
        for c in &p.config_reads {
            let Some(default) = &c.default else { continue };
            let ValueKind::String(s) = &p.resolve(default).kind else { continue };
            if !secret_key(&c.key) || not_a_secret(s) {
                continue;
            }
            cx.report(
                cx.diagnostic(default.span, format!("config `{}` falls back to a literal secret", c.key))
                    .with_help("require the value from secret config instead of defaulting to a literal"),
            );
        }
    }
}

/// Reports literal secrets in a value: the whole value when its key names a secret, and nested
/// object keys, JSON documents and connection strings inside it.
fn visit(p: &Program, cx: &mut Ctx, v: &Value, secret: bool, key: &str, use_site: Site, depth: u32) {
    if depth > 16 {
        return;
    }
    let v = p.resolve(v);
    match &v.kind {
        ValueKind::String(s) => {
            if secret && !not_a_secret(s) {
                report(cx, v.span, use_site, format!("`{key}` is a literal secret in the program"));
            } else if url_with_password(s) {
                report(cx, v.span, use_site, "a connection string with a literal password".to_string());
            } else if let Some(doc) = crate::json_text::parse(s, v.span) {
                visit(p, cx, &doc, false, key, use_site, depth + 1);
            }
        }
        ValueKind::Object(props) => {
            for prop in props {
                visit(p, cx, &prop.value, secret_key(&prop.key.canonical), &prop.key.written, use_site, depth + 1);
            }
        }
        ValueKind::List(items) => items.iter().for_each(|i| visit(p, cx, i, secret, key, use_site, depth + 1)),
        ValueKind::Json { value, .. } => visit(p, cx, value, secret, key, use_site, depth + 1),
        ValueKind::Apply { result, .. } => visit(p, cx, result, secret, key, use_site, depth + 1),
        // A literal secret on one of the paths pulint could not decide between is still written
        // in the program.
        ValueKind::Unknown { alternatives, .. } => alternatives.iter().for_each(|a| visit(p, cx, a, secret, key, use_site, depth + 1)),
        _ => {}
    }
}

/// Where a literal is used: the resource, and the argument key that holds it.
#[derive(Clone, Copy)]
struct Site {
    resource: Span,
    key: Span,
}

/// Points at the literal (where it must be removed); a literal written outside the resource
/// gets a label at its use.
fn report(cx: &mut Ctx, literal: Span, site: Site, message: String) {
    let mut d = cx.diagnostic(literal, message).with_help("read it from secret config (`require_secret` / `requireSecret`) or generate it");
    if query::anchor(literal, site.resource) != literal {
        d = d.with_label(site.key, "used here");
    }
    cx.report(d);
}
