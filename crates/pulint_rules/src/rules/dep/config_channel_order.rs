//! DEP003 config-channel-order: AWS Config's delivery channel and recorder status created
//! without waiting for the configuration recorder / delivery channel.

use super::waits_for;
use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Program, ResourceId, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.cfg.DeliveryChannel` that does not wait for the program's
    /// `aws.cfg.Recorder`, and an `aws.cfg.RecorderStatus` that does not wait for the delivery
    /// channel (through `dependsOn` or an argument that refers to it). When the order is reversed
    /// (the recorder waits for the channel), the finding points at that `dependsOn` entry.
    ///
    /// ## Why is this bad?
    /// AWS Config needs a configuration recorder before it accepts a delivery channel
    /// (`NoAvailableConfigurationRecorderException`), and a delivery channel before a recorder can
    /// be started (`NoAvailableDeliveryChannelException`). Created in parallel, or in the reverse
    /// order, `pulumi up` fails.
    ///
    /// ## Example
    /// ```python
    /// recorder = aws.cfg.Recorder("rec", role_arn=role.arn)
    /// channel = aws.cfg.DeliveryChannel("chan", s3_bucket_name=bucket.bucket)
    /// ```
    /// ```typescript
    /// const recorder = new aws.cfg.Recorder("rec", { roleArn: role.arn });
    /// const channel = new aws.cfg.DeliveryChannel("chan", { s3BucketName: bucket.bucket });
    /// ```
    ///
    /// ## Use instead
    /// `depends_on=[recorder]` on the delivery channel, and `depends_on=[channel]` on the
    /// `aws.cfg.RecorderStatus` that starts the recorder.
    pub ConfigChannelOrder { code: "DEP003", name: "config-channel-order", family: Dep, severity: Error, status: Stable,
        summary: "an AWS Config delivery channel or recorder status is created out of order" }
}

const RECORDER: &str = "aws:cfg/recorder:Recorder";
const CHANNEL: &str = "aws:cfg/deliveryChannel:DeliveryChannel";
const STATUS: &str = "aws:cfg/recorderStatus:RecorderStatus";

impl Rule for ConfigChannelOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (child, parent, why) in [
            (
                CHANNEL,
                RECORDER,
                "AWS Config accepts a delivery channel only once a recorder exists",
            ),
            (
                STATUS,
                CHANNEL,
                "a recorder starts only once a delivery channel exists",
            ),
        ] {
            let parents: Vec<(ResourceId, Option<ResourceId>)> = query::created_as(p, parent)
                .map(|(id, r)| (id, r.created_by))
                .collect();
            for (cid, c) in query::created_as(p, child) {
                // One recorder (channel) per account and region: the program's, or the one built
                // by the same component instance.
                let mine: Vec<ResourceId> = match parents.as_slice() {
                    [(only, _)] => vec![*only],
                    many => many
                        .iter()
                        .filter(|(_, by)| by.is_some() && *by == c.created_by)
                        .map(|(id, _)| *id)
                        .collect(),
                };
                let [pid] = mine.as_slice() else { continue };
                if waits_for(p, cid, *pid) != Some(false) {
                    continue;
                }
                let pr = p.resource(*pid);
                let (cn, pn) = (query::name_of(c), query::name_of(pr));
                if waits_for(p, *pid, cid) == Some(true) {
                    // Reversed: the line to change is the `dependsOn` entry that asks for it.
                    let direct = pr.options.depends_on().into_iter().any(|d| p.resolve(d).resource() == Some(cid));
                    let at = match pr.options.props.iter().find(|o| o.key.canonical == "dependsOn") {
                        Some(o) if direct => query::anchor(o.value.span, pr.span),
                        _ => pr.span,
                    };
                    cx.report(
                        cx.diagnostic(
                            at,
                            format!("{pn} waits for {cn}, the reverse of the order AWS Config needs: {why}"),
                        )
                        .with_label(c.span, "created first")
                        .with_help(format!("make {cn} depend on {pn} instead")),
                    );
                    continue;
                }
                cx.report(
                    cx.diagnostic(c.span, format!("{cn} does not wait for {pn}: {why}"))
                        .with_label(pr.span, "created in parallel")
                        .with_help(format!("add {pn} to `dependsOn`")),
                );
            }
        }
    }
}
