//! VAL005's fix for the deprecated inline arguments of an S3 bucket: the argument becomes the
//! separate resource pulumi-aws v7 names for it, inserted after the bucket's statement.
//!
//! Unsafe: the program gains a resource (a new URN), the bucket's inputs change, and the next
//! `pulumi up` creates the new resource next to a bucket that still holds the setting, which the
//! provider may first remove from the bucket and then apply again; a logical name the fix makes up
//! may also clash with a resource of another program in the same stack.

use crate::edit::{Src, Tree};
use crate::query;
use pulint_model::{Edit, Fix, Multiplicity, Program, Prop, Resource, ResourceId, Span, Value};

/// The resource that replaces an inline argument.
struct Separate {
    class: &'static str,
    token: &'static str,
    /// The v6 name of the same resource, which v7 still accepts.
    old_token: &'static str,
    /// Appended to the bucket's logical name.
    suffix: &'static str,
}

const VERSIONING: Separate = Separate {
    class: "BucketVersioning",
    token: "aws:s3/bucketVersioning:BucketVersioning",
    old_token: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    suffix: "versioning",
};
const ENCRYPTION: Separate = Separate {
    class: "BucketServerSideEncryptionConfiguration",
    token: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    old_token: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    suffix: "encryption",
};
const POLICY: Separate = Separate { class: "BucketPolicy", token: "aws:s3/bucketPolicy:BucketPolicy", old_token: "aws:s3/bucketPolicy:BucketPolicy", suffix: "policy" };
const CORS: Separate = Separate {
    class: "BucketCorsConfiguration",
    token: "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
    old_token: "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
    suffix: "cors",
};
const LOGGING: Separate = Separate { class: "BucketLogging", token: "aws:s3/bucketLogging:BucketLogging", old_token: "aws:s3/bucketLoggingV2:BucketLoggingV2", suffix: "logging" };
const WEBSITE: Separate = Separate {
    class: "BucketWebsiteConfiguration",
    token: "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
    old_token: "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2",
    suffix: "website",
};
const ACCELERATE: Separate = Separate {
    class: "BucketAccelerateConfiguration",
    token: "aws:s3/bucketAccelerateConfiguration:BucketAccelerateConfiguration",
    old_token: "aws:s3/bucketAccelerateConfigurationV2:BucketAccelerateConfigurationV2",
    suffix: "accelerate",
};
const REQUEST_PAYMENT: Separate = Separate {
    class: "BucketRequestPaymentConfiguration",
    token: "aws:s3/bucketRequestPaymentConfiguration:BucketRequestPaymentConfiguration",
    old_token: "aws:s3/bucketRequestPaymentConfigurationV2:BucketRequestPaymentConfigurationV2",
    suffix: "request-payment",
};

/// Resource options the new resource may share with the bucket: where it is deployed, under
/// which parent, after what, and whether it is protected. Others (`import`, `aliases`,
/// `ignore_changes`, ...) name the bucket itself.
const COPYABLE_OPTIONS: &[&str] = &["provider", "providers", "parent", "dependsOn", "protect"];

/// The fix that moves the inline argument `arg` of the bucket `id` into its own resource: only
/// for a bucket built once, at statement level, bound to a name and given a literal logical name,
/// with options that can be copied, an argument whose value is written in place in a shape that
/// translates exactly, and no resource of that kind already configuring the bucket.
pub fn fix(p: &Program, id: ResourceId, arg: &Prop) -> Option<Fix> {
    let r = p.resource(id);
    let v2 = match r.token.as_str() {
        "aws:s3/bucket:Bucket" => false,
        "aws:s3/bucketV2:BucketV2" => true,
        _ => return None,
    };
    if r.multiplicity != Multiplicity::One || r.in_apply || p.resources.iter().filter(|o| o.span == r.span).count() > 1 {
        return None;
    }
    let src = Src::of(p, r.span)?;
    if !query::contains(r.span, arg.key.span) || query::elided(p, r.span) || !query::args_complete(r) {
        return None;
    }
    if src.call_spreads(r.span)? {
        return None;
    }
    let statement = src.bound_statement(r)?;
    let (target, fields) = translate(&src, v2, arg)?;
    let name = new_name(&src, r, target.suffix)?;
    let logical = format!("{}-{}", r.logical_name()?, target.suffix);
    let configured = query::created(p).any(|(_, o)| (o.token == target.token || o.token == target.old_token) && (query::refers_to(o, id) || o.logical_name() == Some(logical.as_str())));
    if configured {
        return None;
    }
    let class = class_text(&src, r, v2, target.class)?;
    let options = options_text(&src, r)?;
    let (cut_start, cut_end) = remove_arg(&src, r, arg)?;
    let binding = r.binding.as_deref()?;
    let mut all = vec![("bucket".to_string(), Tree::Text(format!("{binding}.id")))];
    all.extend(fields);
    let statement_text = if src.python {
        let mut parts = vec![name];
        parts.extend(all.iter().map(|(k, v)| format!("{}={}", super::args::spelled(k, true), v.render(true))));
        parts.extend(options.map(|o| format!("opts={o}")));
        format!("{class}({})", parts.join(", "))
    } else {
        let options = options.map(|o| format!(", {o}")).unwrap_or_default();
        format!("new {class}({name}, {}{options});", Tree::Object(all).render(false))
    };
    let file = r.span.file;
    Some(Fix {
        message: format!("move `{}` into a separate `aws.s3.{}` resource", arg.key.written, target.class),
        edits: vec![
            Edit { span: Span::new(file, cut_start as u32, cut_end as u32), replacement: String::new() },
            Edit { span: Span::new(file, statement.end as u32, statement.end as u32), replacement: format!("\n{}{statement_text}", statement.indent) },
        ],
        safe: false,
    })
}

/// The new resource and its arguments (schema names) for an inline argument, when its value is
/// written in place in a shape that translates exactly.
fn translate(src: &Src, v2: bool, arg: &Prop) -> Option<(&'static Separate, Vec<(String, Tree)>)> {
    src.written(arg)?;
    let text = |v: &Value| src.get(v.span.start as usize, v.span.end as usize).map(|t| Tree::Text(t.to_string()));
    // `BucketV2` takes a list of one block where `Bucket` takes the block.
    let block = |v: &Value| -> Option<Vec<(String, Value)>> {
        let v = if v2 {
            match src.list_items(v)? {
                [one] => one,
                _ => return None,
            }
        } else {
            v
        };
        Some(src.object_props(v)?.iter().map(|q| (q.key.canonical.clone(), q.value.clone())).collect())
    };
    let field = |k: &str, t: Tree| (k.to_string(), t);
    match (arg.key.canonical.as_str(), v2) {
        ("versioning", false) | ("versionings", true) => {
            let mut enabled = false;
            for (k, v) in block(&arg.value)? {
                let literal = src.get(v.span.start as usize, v.span.end as usize)?;
                let truth = if src.python { ["True", "False"] } else { ["true", "false"] };
                match k.as_str() {
                    "enabled" if literal == truth[0] => enabled = true,
                    "mfaDelete" if literal == truth[1] => {}
                    _ => return None,
                }
            }
            // Versioning that was never enabled has no exact counterpart ("Suspended" or "Disabled").
            enabled.then(|| (&VERSIONING, vec![field("versioningConfiguration", Tree::Object(vec![field("status", Tree::Text("\"Enabled\"".into()))]))]))
        }
        ("serverSideEncryptionConfiguration", false) => {
            let [rule] = src.object_props(&arg.value)? else { return None };
            (rule.key.canonical == "rule").then_some(())?;
            // The bucket's rule block and the new resource's rules are the same type.
            Some((&ENCRYPTION, vec![field("rules", Tree::List(vec![text(&rule.value)?]))]))
        }
        ("serverSideEncryptionConfigurations", true) => {
            let [configuration] = src.list_items(&arg.value)? else { return None };
            let [rules] = src.object_props(configuration)? else { return None };
            (rules.key.canonical == "rules").then_some(())?;
            let mut out = Vec::new();
            for rule in src.list_items(&rules.value)? {
                let mut fields = Vec::new();
                for q in src.object_props(rule)? {
                    match q.key.canonical.as_str() {
                        "applyServerSideEncryptionByDefaults" => match src.list_items(&q.value)? {
                            [default] => fields.push(field("applyServerSideEncryptionByDefault", text(default)?)),
                            _ => return None,
                        },
                        "bucketKeyEnabled" => fields.push(field("bucketKeyEnabled", text(&q.value)?)),
                        _ => return None,
                    }
                }
                out.push(Tree::Object(fields));
            }
            Some((&ENCRYPTION, vec![field("rules", Tree::List(out))]))
        }
        ("policy", _) => Some((&POLICY, vec![field("policy", text(&arg.value)?)])),
        ("corsRules", _) => {
            // Literal blocks only: a Python `BucketCorsRuleArgs` is another type's class.
            let rules = src.list_items(&arg.value)?;
            rules.iter().all(|v| src.object_props(v).is_some() && src.get(v.span.start as usize, v.span.end as usize).is_some_and(|t| t.starts_with('{'))).then_some(())?;
            Some((&CORS, vec![field("corsRules", text(&arg.value)?)]))
        }
        ("logging", false) | ("loggings", true) => {
            let props = block(&arg.value)?;
            let get = |k: &str| props.iter().find(|(n, _)| n == k).map(|(_, v)| v);
            // `targetPrefix` is optional inline but required on the new resource.
            let (bucket, prefix) = (get("targetBucket")?, get("targetPrefix")?);
            (props.len() == 2).then_some(())?;
            Some((&LOGGING, vec![field("targetBucket", text(bucket)?), field("targetPrefix", text(prefix)?)]))
        }
        ("website", false) | ("websites", true) => {
            let mut fields = Vec::new();
            for (k, v) in block(&arg.value)? {
                match k.as_str() {
                    "indexDocument" => fields.push(field("indexDocument", Tree::Object(vec![field("suffix", text(&v)?)]))),
                    "errorDocument" => fields.push(field("errorDocument", Tree::Object(vec![field("key", text(&v)?)]))),
                    // Redirects and routing rules are strings inline and blocks on the new resource.
                    _ => return None,
                }
            }
            (!fields.is_empty()).then_some((&WEBSITE, fields))
        }
        ("accelerationStatus", _) => Some((&ACCELERATE, vec![field("status", text(&arg.value)?)])),
        ("requestPayer", _) => Some((&REQUEST_PAYMENT, vec![field("payer", text(&arg.value)?)])),
        // `acl` and `grants` (ACLs are disabled on new buckets, so a separate `BucketAcl` may
        // fail where the inline argument did not), lifecycle and replication rules (other
        // shapes), object lock (no replacement named): no fix.
        _ => None,
    }
}

/// The bucket's literal logical name with `-suffix`, in the same quotes.
fn new_name(src: &Src, r: &Resource, suffix: &str) -> Option<String> {
    r.name.as_str()?;
    let span = r.name.span;
    if !query::contains(r.span, span) {
        return None;
    }
    let text = src.get(span.start as usize, span.end as usize)?;
    let q = text.chars().next()?;
    let plain = matches!(q, '"' | '\'' | '`') && text.len() >= 2 && text.ends_with(q) && !text.contains('\\') && !text.contains("${");
    plain.then(|| format!("{}-{suffix}{q}", &text[..text.len() - 1]))
}

/// The new class, spelled the way the bucket's class is (`aws.s3.Bucket` -> `aws.s3.BucketPolicy`).
fn class_text(src: &Src, r: &Resource, v2: bool, class: &str) -> Option<String> {
    let callee = src.get(r.callee_span.start as usize, r.callee_span.end as usize)?;
    let module = callee.strip_suffix(if v2 { "BucketV2" } else { "Bucket" })?.strip_suffix('.')?;
    module.split('.').all(crate::edit::is_identifier).then(|| format!("{module}.{class}"))
}

/// The bucket's options as written, when the new resource can share them: `Some(None)` when it
/// has none, `None` when they cannot be copied.
fn options_text<'a>(src: &Src<'a>, r: &Resource) -> Option<Option<&'a str>> {
    let Some(span) = r.options.span else { return Some(None) };
    if !query::contains(r.span, span) || r.options.props.iter().any(|q| !COPYABLE_OPTIONS.contains(&q.key.canonical.as_str())) {
        return None;
    }
    let (start, end) = (span.start as usize, span.end as usize);
    let text = src.get(start, end)?;
    let open = if src.python {
        // Passed as `opts=`, not positionally.
        let word = src.text[..start].trim_end().strip_suffix('=')?.trim_end().strip_suffix("opts")?;
        if word.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            return None;
        }
        let callee = text.strip_suffix(')').and_then(|t| t.split_once('('))?.0;
        if callee != "pulumi.ResourceOptions" && callee != "ResourceOptions" {
            return None;
        }
        start + callee.len()
    } else if text.starts_with('{') {
        start
    } else {
        return None;
    };
    let close = src.matching(open).filter(|&c| c == end - 1)?;
    let items = src.items(open, close)?;
    (items.ranges.len() == r.options.props.len() && !src.spreads(open, close)?).then_some(Some(text))
}

/// The range that removes `arg` from the bucket's construction.
fn remove_arg(src: &Src, r: &Resource, arg: &Prop) -> Option<(usize, usize)> {
    let (open, close) = src.call_parens(r.span)?;
    let key = arg.key.span.start as usize;
    let at = |ranges: &[(usize, usize)]| ranges.iter().position(|&(s, _)| s == key || s + 1 == key);
    if src.python {
        let k = at(&src.items(open, close)?.ranges)?;
        return src.remove_item(open, close, k);
    }
    let items = src.items(open, close)?;
    let &(s, e) = items.ranges.iter().find(|&&(s, e)| s < key && key < e)?;
    if src.get(s, s + 1)? != "{" || src.matching(s)? != e - 1 {
        return None;
    }
    let k = at(&src.items(s, e - 1)?.ranges)?;
    src.remove_item(s, e - 1, k)
}
