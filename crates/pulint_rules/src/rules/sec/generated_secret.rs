//! SEC017 secret-generated-each-run: a password or token computed by the program itself, so it
//! is a different value on every run.

use super::hardcoded_secret::secret_key;
use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Diagnostic, Key, Label, Program, RANDOM_REASON, RuleMeta, Span, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags a credential argument (`password`, `masterPassword`, `authToken`, a `*_PASSWORD`
    /// environment entry, ...) whose value the program draws from a random source while it runs:
    /// Python's `random` and `secrets` modules, `uuid`, `Math.random()`, Node's `crypto`.
    ///
    /// ## Why is this bad?
    /// A Pulumi program runs on every `preview` and `up`. A password drawn while it runs is a new
    /// value each time, so every deployment changes the database's master password or the cache's
    /// auth token, breaking the clients that use the old one (and `random` is not a
    /// cryptographic generator). The value is also a plain string, not a secret, so it is stored
    /// in the state in clear text unless wrapped.
    ///
    /// ## Example
    /// ```python
    /// password = "".join(random.choices(string.ascii_letters + string.digits, k=24))
    /// aws.rds.Instance("db", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
    ///     username="app", password=password)
    /// ```
    /// ```typescript
    /// const password = Math.random().toString(36).slice(2);
    /// new aws.rds.Instance("db", { engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20,
    ///     username: "app", password });
    /// ```
    ///
    /// ## Use instead
    /// A `random.RandomPassword` resource (`pulumi_random` / `@pulumi/random`), which is generated
    /// once and kept in the state as a secret; or let the service manage it
    /// (`manage_master_user_password=True` / `manageMasterUserPassword: true`).
    pub SecretGeneratedEachRun { code: "SEC017", name: "secret-generated-each-run", family: Sec, severity: Error, status: Stable,
        summary: "a password or token is drawn at random each time the program runs" }
}

impl Rule for SecretGeneratedEachRun {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // One finding per random source, however many arguments carry its value; the later uses
        // become labels, so a reader sees every resource that changes.
        let mut found = Vec::new();
        for (_, r) in query::created(p) {
            for prop in &r.args {
                visit(p, cx, &mut found, &prop.value, secret_key(&prop.key.canonical), Place { key: &prop.key, site: r.span, in_plain_json: false }, 0);
            }
        }
        for (_, d) in found {
            cx.report(d);
        }
    }
}

/// Where a credential value is being read: its key, the resource, and whether it sits inside a
/// `JSON.stringify` / `json.dumps` document (which replaces an Output by fixed placeholder text,
/// OUT002, so a random value behind `interpolate` or `apply` there never reaches the secret).
#[derive(Clone, Copy)]
struct Place<'a> {
    key: &'a Key,
    site: Span,
    in_plain_json: bool,
}

/// Reports the random source of a credential value; nested objects (environment variables,
/// secret documents) are searched by their own keys.
fn visit(p: &Program, cx: &Ctx, found: &mut Vec<(Span, Diagnostic)>, v: &Value, secret: bool, at: Place, depth: u32) {
    if depth > 16 {
        return;
    }
    let v = p.resolve(v);
    let output = v.is_output() || matches!(&v.kind, ValueKind::Interp { kind, .. } if kind.is_output_aware());
    if at.in_plain_json && output {
        return;
    }
    match &v.kind {
        ValueKind::Object(props) => {
            for prop in props {
                let inner = Place { key: &prop.key, ..at };
                visit(p, cx, found, &prop.value, secret || secret_key(&prop.key.canonical), inner, depth + 1);
            }
        }
        ValueKind::Json { output_aware, value } => {
            let inner = Place { in_plain_json: at.in_plain_json || !output_aware, ..at };
            visit(p, cx, found, value, secret, inner, depth + 1);
        }
        _ if secret => {
            let Some((RANDOM_REASON, source)) = v.volatile() else { return };
            if let Some((_, d)) = found.iter_mut().find(|(s, _)| *s == source) {
                if !d.labels.iter().any(|l| l.span == at.key.span) {
                    d.labels.push(Label { span: at.key.span, message: "also used here".into() });
                }
                return;
            }
            let (here, elsewhere) = query::literal_and_use(source, at.site);
            let mut d = cx.diagnostic(here, format!("`{}` is drawn at random while the program runs, so every `pulumi up` changes it", at.key.written));
            if elsewhere.is_some() {
                d = d.with_label(at.key.span, "used here");
            }
            found.push((source, d.with_help("generate it once with a `RandomPassword` resource, or let the service manage the password")));
        }
        _ => {}
    }
}
