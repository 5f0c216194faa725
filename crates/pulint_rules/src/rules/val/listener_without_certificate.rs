//! VAL012 listener-without-certificate: an HTTPS or TLS load balancer listener with no
//! certificate.

use super::args::{python, spelled, written_out};
use crate::query::{absent, created, name_of};
use crate::{declare_rule, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.lb.Listener` (or `aws.alb.Listener`) whose `protocol` is `HTTPS` or `TLS`
    /// and whose `certificateArn` (`certificate_arn`) is absent or `None` / `undefined`.
    ///
    /// ## Why is this bad?
    /// An HTTPS or TLS listener terminates TLS with its default certificate, and Elastic Load
    /// Balancing `CreateListener` requires exactly one. Without it the listener is not created,
    /// `pulumi up` fails, and nothing serves port 443. A placeholder `None` "to add later" fails
    /// the same way.
    ///
    /// ## Example
    /// ```python
    /// aws.lb.Listener("https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
    ///     default_actions=[{"type": "forward", "target_group_arn": tg.arn}])
    /// ```
    /// ```typescript
    /// new aws.lb.Listener("https", { loadBalancerArn: alb.arn, port: 443, protocol: "HTTPS",
    ///     defaultActions: [{ type: "forward", targetGroupArn: tg.arn }] });
    /// ```
    ///
    /// ## Use instead
    /// Pass an ACM certificate: `certificate_arn=cert.arn` / `certificateArn: cert.arn` (a
    /// validated `aws.acm.Certificate`, or an existing certificate's ARN from configuration), or
    /// listen on `HTTP` until one exists.
    pub ListenerWithoutCertificate { code: "VAL012", name: "listener-without-certificate", family: Val, severity: Error, status: Stable,
        summary: "an HTTPS or TLS listener without a certificate" }
}

const LISTENERS: &[&str] = &["aws:lb/listener:Listener", "aws:alb/listener:Listener"];

/// ELBv2 CreateListener (Certificates): HTTPS and TLS listeners need exactly one default
/// certificate.
const SECURE: &[&str] = &["HTTPS", "TLS"];

impl Rule for ListenerWithoutCertificate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in created(p).filter(|(_, r)| LISTENERS.contains(&r.token.as_str())) {
            let Some(protocol) = r.arg("protocol").and_then(|v| p.str_of(v)) else { continue };
            let protocol = protocol.to_ascii_uppercase();
            if !SECURE.contains(&protocol.as_str()) || !absent(r, "certificateArn") || !written_out(p, r) {
                continue;
            }
            let name = spelled("certificateArn", python(p, r.span));
            // An explicit `None` is the line to fix; a missing argument, the construction.
            let at = r.prop("certificateArn").map_or(r.span, |c| c.key.span);
            cx.report(
                cx.diagnostic(at, format!("listener {} speaks {protocol} but has no certificate (`{name}`)", name_of(r)))
                    .with_help(format!("pass an ACM certificate ARN as `{name}`, or listen on HTTP until one exists")),
            );
        }
    }
}
