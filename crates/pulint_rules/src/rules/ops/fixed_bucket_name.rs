//! OPS009 fixed-bucket-name: an S3 bucket name that is the same in every stack and account.

use super::common::{is_env_read, text_of};
use crate::query::{BUCKETS, anchor, created, literal_and_use, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{ConfigAccessor, Program, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an S3 bucket whose `bucket` name is a fixed text: a literal, or built only from
    /// constants of the program (or config values no stack sets, through their literal
    /// defaults), with no stack name, account ID, region or random part in it.
    ///
    /// ## Why is this bad?
    /// Bucket names are global across all AWS accounts. A fixed name can be deployed exactly
    /// once: a second stack, another account or a redeploy after a failed delete fails with
    /// `BucketAlreadyExists`, and a name someone else took fails at the first deployment.
    ///
    /// ## Example
    /// ```python
    /// aws.s3.Bucket("logs", bucket="company-app-logs")
    /// ```
    /// ```typescript
    /// new aws.s3.Bucket("logs", { bucket: "company-app-logs" });
    /// ```
    ///
    /// ## Use instead
    /// Leave `bucket` out and let Pulumi add a random suffix, or build the name from the stack
    /// and the account ID (`f"app-logs-{stack}-{account_id}"`).
    pub FixedBucketName { code: "OPS009", name: "fixed-bucket-name", family: Ops, severity: Warning, status: Stable,
        summary: "an S3 bucket name is fixed text, the same in every stack and account" }
}


impl Rule for FixedBucketName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created(p) {
            if !BUCKETS.contains(&r.token.as_str()) || r.multiplicity != pulint_model::Multiplicity::One {
                continue;
            }
            let Some(v) = r.arg("bucket") else { continue };
            let Some(text) = fixed_text(p, v) else { continue };
            // A name written with an environment expression (`f"logs-{self.env_suffix}"`) that
            // pulint evaluated from a parameter default still varies per stack.
            let written = text_of(p, v.span).to_ascii_lowercase();
            if text.is_empty() || ["suffix", "env", "stage", "stack"].iter().any(|w| written.contains(w)) {
                continue;
            }
            // A name written as one literal elsewhere (a constant in a config module) is fixed
            // where it is written; the bucket is the use.
            let (at, used) = match v.kind {
                ValueKind::String(_) => literal_and_use(v.span, r.span),
                _ => (anchor(v.span, r.span), None),
            };
            let mut d = cx.diagnostic(at, format!("bucket {} has the fixed global name `{text}`: a second stack or account cannot create it", name_of(r)));
            if let Some(site) = used {
                d = d.with_label(site, "the bucket is created with it here");
            }
            cx.report(d.with_help("leave `bucket` out for a generated name, or add the stack and account ID to it"));
        }
    }
}

/// The text of a value made only of literals (strings, numbers and interpolations of them).
/// A config read that no stack sets counts as its literal default, unless it is the kind of
/// value that tells stacks apart.
fn fixed_text(p: &Program, v: &Value) -> Option<String> {
    match &v.kind {
        ValueKind::String(s) => Some(s.clone()),
        ValueKind::Number(n) if n.fract() == 0.0 => Some(format!("{n}")),
        ValueKind::Interp { parts, .. } => parts.iter().map(|x| fixed_text(p, x)).collect(),
        ValueKind::Config(id) => {
            let c = p.config_read(*id);
            if c.stack_value.is_some() || is_env_read(&c.key, c.accessor) || c.accessor != ConfigAccessor::Get {
                return None;
            }
            fixed_text(p, c.default.as_ref()?)
        }
        _ => None,
    }
}
