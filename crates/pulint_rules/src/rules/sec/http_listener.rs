//! SEC012 http-without-tls: a load balancer that serves plain HTTP and no HTTPS.

use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, ResourceId, RuleMeta, Value};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.lb.Listener` (or `aws.alb.Listener`) with protocol `HTTP` that does not
    /// redirect to HTTPS, on a load balancer that has no `HTTPS` listener in the program.
    ///
    /// ## Why is this bad?
    /// Every request and response, including session cookies, tokens and form data, crosses the
    /// internet in clear text. Payment and health workloads fail PCI DSS / HIPAA audits on it.
    ///
    /// ## Example
    /// ```python
    /// aws.lb.Listener("http", load_balancer_arn=alb.arn, port=80, protocol="HTTP",
    ///     default_actions=[{"type": "forward", "target_group_arn": tg.arn}])
    /// ```
    /// ```typescript
    /// new aws.lb.Listener("http", { loadBalancerArn: alb.arn, port: 80, protocol: "HTTP",
    ///     defaultActions: [{ type: "forward", targetGroupArn: tg.arn }] });
    /// ```
    ///
    /// ## Use instead
    /// An `HTTPS` listener on 443 with an ACM certificate, and an HTTP listener whose default
    /// action is a `redirect` to HTTPS.
    pub HttpWithoutTls { code: "SEC012", name: "http-without-tls", family: Sec, severity: Warning, status: Stable,
        summary: "a load balancer serves HTTP without HTTPS" }
}

const LISTENERS: &[&str] = &["aws:lb/listener:Listener", "aws:alb/listener:Listener"];

fn redirects(p: &Program, actions: Option<&Value>) -> Option<bool> {
    let list = p.resolve(actions?).as_list()?;
    let mut any = false;
    for a in list {
        match a.get("type").and_then(|t| p.str_of(t)) {
            Some("redirect") => any = true,
            Some(_) => {}
            None => return None,
        }
    }
    Some(any)
}

impl Rule for HttpWithoutTls {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let listeners: Vec<_> = query::created(p).filter(|(_, r)| LISTENERS.contains(&r.token.as_str())).collect();
        let lb_of = |r: &pulint_model::Resource| -> Option<ResourceId> { r.arg("loadBalancerArn").and_then(|v| p.resolve(v).resource()) };
        for (_, l) in &listeners {
            let Some(proto) = l.arg("protocol").and_then(|v| p.str_of(v)) else { continue };
            if proto != "HTTP" || redirects(p, l.arg("defaultActions")) != Some(false) {
                continue;
            }
            let Some(lb) = lb_of(l) else { continue };
            let secure = listeners.iter().any(|(_, o)| {
                let proto = o.arg("protocol").map(|v| p.str_of(v));
                lb_of(o) == Some(lb) && !matches!(proto, Some(Some("HTTP")))
            });
            if secure {
                continue;
            }
            cx.report(
                cx.diagnostic(l.span, format!("listener {} serves plain HTTP and the load balancer has no HTTPS listener", query::name_of(l)))
                    .with_help("add an HTTPS listener with an ACM certificate and redirect HTTP to it"),
            );
        }
    }
}
