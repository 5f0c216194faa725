//! NET009 internet-facing-lb-in-private-subnets: an internet-facing load balancer whose subnets
//! have no route to an internet gateway.

use super::topology::{subnet_list, subnet_names, Topology, Via};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.lb.LoadBalancer` (or `aws.alb.LoadBalancer`) that is internet-facing
    /// (`internal` false or absent) while none of its `subnets` has a `0.0.0.0/0` route to an
    /// internet gateway. It runs only when the subnets and every route table, route and
    /// association of the program are known.
    ///
    /// ## Why is this bad?
    /// An internet-facing load balancer gets public addresses in the subnets it is given; without
    /// an internet gateway route in those subnets, clients on the internet cannot reach it (and
    /// AWS rejects it outright when the VPC has no internet gateway). Internet-facing load
    /// balancers belong in the public subnets, their targets in the private ones.
    ///
    /// ## Example
    /// ```python
    /// aws.lb.LoadBalancer("web", load_balancer_type="application", subnets=[private_a.id, private_b.id])
    /// ```
    /// ```typescript
    /// new aws.lb.LoadBalancer("web", { loadBalancerType: "application", subnets: [privateA.id, privateB.id] });
    /// ```
    ///
    /// ## Use instead
    /// Pass the public subnets, or set `internal: true` for a load balancer meant only for
    /// traffic from inside the VPC.
    pub LbPrivateSubnets { code: "NET009", name: "internet-facing-lb-in-private-subnets", family: Net, severity: Error, status: Stable,
        summary: "an internet-facing load balancer sits in subnets with no internet route" }
}

const LBS: &[&str] = &["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

impl Rule for LbPrivateSubnets {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let Some(topo) = Topology::build(p) else { return };
        for (_, r) in query::created(p).filter(|(_, r)| LBS.contains(&r.token.as_str())) {
            if !query::args_complete(r) {
                continue;
            }
            let internal = match r.arg("internal") {
                None => Some(false),
                Some(v) => query::bool_of(p, v),
            };
            if internal != Some(false) {
                continue;
            }
            if r.arg("loadBalancerType").and_then(|v| p.str_of(v)) == Some("gateway") {
                continue;
            }
            let Some(v) = r.arg("subnets") else { continue };
            let Some(subnets) = subnet_list(p, v) else { continue };
            let mut routes = Vec::new();
            let mut known = true;
            for s in &subnets {
                match topo.default_routes(p, *s) {
                    Some(v) => routes.extend(v),
                    None => known = false,
                }
            }
            if !known || routes.iter().any(|v| matches!(v, Via::Igw | Via::Unknown | Via::Other)) {
                continue;
            }
            cx.report(
                cx.diagnostic(query::anchor(v.span, r.span), format!("internet-facing load balancer {} is placed in subnets with no internet gateway route ({})", query::name_of(r), subnet_names(p, &subnets)))
                    .with_help("place it in the public subnets, or set `internal` for a load balancer that serves only the VPC"),
            );
        }
    }
}
