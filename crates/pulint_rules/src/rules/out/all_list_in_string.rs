//! OUT013 all-list-in-string: the list an `Output.all(x).apply(...)` callback receives, formatted
//! whole into a string.

use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Observation, Program, RuleMeta, Span};

declare_rule! {
    /// ## What it does
    /// Flags an `Output.all(x).apply(...)` / `pulumi.all([x]).apply(...)` callback that formats its
    /// parameter into a string as a whole (`f"{arn}"`, `` `${arn}` ``) instead of its element.
    ///
    /// ## Why is this bad?
    /// `all` hands its callback a list even for one Output. Python renders `['arn:aws:s3:::b']`
    /// and JavaScript renders the elements joined by commas, so a policy `Resource` or a URL
    /// built this way is wrong at deploy time (for several Outputs, `arn,arn2`).
    ///
    /// ## Example
    /// ```python
    /// policy = pulumi.Output.all(bucket.arn).apply(lambda arn: json.dumps({"Resource": f"{arn}/*"}))
    /// ```
    /// ```typescript
    /// const policy = pulumi.all([bucket.arn]).apply(arn => JSON.stringify({ Resource: `${arn}/*` }));
    /// ```
    ///
    /// ## Use instead
    /// `bucket.arn.apply(lambda arn: ...)`, or unpack the list: `lambda args: f"{args[0]}"`,
    /// `([arn]) => ...`.
    pub AllListInString { code: "OUT013", name: "all-list-in-string", family: Out, severity: Error, status: Stable,
        summary: "the list an Output.all callback receives is formatted into a string whole" }
}

impl Rule for AllListInString {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // One finding per `all` call, where the fix goes; the places formatting the list are labels.
        let mut by_all: Vec<(Span, Vec<Span>)> = Vec::new();
        for o in &p.observations {
            let Observation::AllListInString { all, span } = o else { continue };
            match by_all.iter_mut().find(|(a, _)| a == all) {
                Some((_, spans)) if !spans.contains(span) => spans.push(*span),
                Some(_) => {}
                None => by_all.push((*all, vec![*span])),
            }
        }
        for (all, mut spans) in by_all {
            spans.sort();
            let mut d = cx.diagnostic(all, "`all` of one Output passes its callback a list, and the callback formats the whole list as a string");
            for s in spans {
                d = d.with_label(s, "the list formatted here");
            }
            cx.report(d.with_help("apply on the Output itself, or unpack the list (`args[0]`, `([arn]) => ...`)"));
        }
    }
}
