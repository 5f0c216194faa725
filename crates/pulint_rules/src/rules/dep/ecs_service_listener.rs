//! DEP001 ecs-service-listener: an ECS service registered with a target group before any
//! listener attaches that target group to its load balancer.

use super::waits_for;
use crate::{Ctx, Rule, declare_rule, query};
use pulint_model::{Program, ResourceId, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.ecs.Service` whose `loadBalancers` name a target group that the program
    /// attaches to a load balancer through a listener (or listener rule), when the service does
    /// not wait for that listener (no `dependsOn`, and no argument that refers to it).
    ///
    /// ## Why is this bad?
    /// Pulumi creates the service and the listener in parallel. ECS rejects a service whose target
    /// group is not yet associated with a load balancer ("The target group ... does not have an
    /// associated load balancer"), so the first `pulumi up` fails or succeeds only by chance.
    ///
    /// ## Example
    /// ```python
    /// tg = aws.lb.TargetGroup("tg", port=80, protocol="HTTP", target_type="ip", vpc_id=vpc.id)
    /// listener = aws.lb.Listener("http", load_balancer_arn=alb.arn, port=80,
    ///     default_actions=[{"type": "forward", "target_group_arn": tg.arn}])
    /// aws.ecs.Service("svc", cluster=cluster.arn, task_definition=task.arn, desired_count=1,
    ///     load_balancers=[{"target_group_arn": tg.arn, "container_name": "app", "container_port": 80}])
    /// ```
    /// ```typescript
    /// const tg = new aws.lb.TargetGroup("tg", { port: 80, protocol: "HTTP", targetType: "ip", vpcId: vpc.id });
    /// const listener = new aws.lb.Listener("http", { loadBalancerArn: alb.arn, port: 80,
    ///     defaultActions: [{ type: "forward", targetGroupArn: tg.arn }] });
    /// new aws.ecs.Service("svc", { cluster: cluster.arn, taskDefinition: task.arn, desiredCount: 1,
    ///     loadBalancers: [{ targetGroupArn: tg.arn, containerName: "app", containerPort: 80 }] });
    /// ```
    ///
    /// ## Use instead
    /// `opts=pulumi.ResourceOptions(depends_on=[listener])` / `{ dependsOn: [listener] }` on the
    /// service.
    pub EcsServiceListener { code: "DEP001", name: "ecs-service-listener", family: Dep, severity: Error, status: Stable,
        summary: "an ECS service does not wait for the listener that attaches its target group" }
}

const LISTENERS: &[&str] = &[
    "aws:lb/listener:Listener",
    "aws:alb/listener:Listener",
    "aws:lb/listenerRule:ListenerRule",
    "aws:alb/listenerRule:ListenerRule",
];
const TARGET_GROUPS: &[&str] = &[
    "aws:lb/targetGroup:TargetGroup",
    "aws:alb/targetGroup:TargetGroup",
];

impl Rule for EcsServiceListener {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (sid, svc) in query::created_of(p, "aws:ecs/service:Service") {
            let Some(lbs) = svc
                .arg("loadBalancers")
                .map(|v| p.resolve(v))
                .and_then(|v| v.as_list())
            else {
                continue;
            };
            for lb in lbs {
                let Some(tg_value) = p.resolve(lb).get("targetGroupArn") else {
                    continue;
                };
                let Some(tg) = p.resolve(tg_value).resource() else {
                    continue;
                };
                if !TARGET_GROUPS.contains(&p.resource(tg).token.as_str()) {
                    continue;
                }
                let listeners: Vec<ResourceId> = query::created(p)
                    .filter(|(_, r)| {
                        LISTENERS.contains(&r.token.as_str()) && query::refers_to(r, tg)
                    })
                    .map(|(id, _)| id)
                    .collect();
                let Some(first) = listeners.first() else {
                    continue;
                };
                let waits: Vec<Option<bool>> =
                    listeners.iter().map(|l| waits_for(p, sid, *l)).collect();
                if waits.iter().any(|w| *w != Some(false)) {
                    continue;
                }
                let l = p.resource(*first);
                cx.report(
                    cx.diagnostic(svc.span, format!("{} uses target group {} but does not wait for {}, which attaches it to the load balancer", query::name_of(svc), query::name_of(p.resource(tg)), query::name_of(l)))
                        .with_label(query::anchor(tg_value.span, svc.span), "target group used here")
                        .with_label(l.span, "the listener that attaches the target group")
                        .with_help("add the listener to the service's `dependsOn`"),
                );
            }
        }
    }
}
