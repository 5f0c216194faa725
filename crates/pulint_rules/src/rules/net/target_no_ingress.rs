//! NET013 load-balanced-service-no-ingress: an ECS service behind a load balancer whose security
//! groups admit nothing.

use crate::query::{args_complete, created_of, name_of};
use crate::rules::sec::ingress::{SgRule, sg_rules};
use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Program, ResourceId, RuleMeta, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an ECS service registered with a load balancer target group (`loadBalancers`) whose
    /// task security groups, all created by the program, have no ingress rule at all: no inline
    /// `ingress` block and no `SecurityGroupRule` / `SecurityGroupIngressRule` attached to them.
    ///
    /// ## Why is this bad?
    /// With no ingress rule the load balancer's health checks and requests never reach the tasks.
    /// The targets stay unhealthy, the service is replaced in a loop, and `pulumi up` waits for a
    /// steady state that never comes; the application answers 502/503.
    ///
    /// ## Example
    /// ```python
    /// tasks_sg = aws.ec2.SecurityGroup("tasks", vpc_id=vpc.id,
    ///     egress=[{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}])
    /// aws.ecs.Service("api", cluster=cluster.arn, task_definition=task.arn, desired_count=2, launch_type="FARGATE",
    ///     network_configuration={"subnets": private_ids, "security_groups": [tasks_sg.id]},
    ///     load_balancers=[{"target_group_arn": tg.arn, "container_name": "api", "container_port": 8080}])
    /// ```
    /// ```typescript
    /// const tasksSg = new aws.ec2.SecurityGroup("tasks", { vpcId: vpc.id,
    ///     egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
    /// new aws.ecs.Service("api", { cluster: cluster.arn, taskDefinition: task.arn, desiredCount: 2, launchType: "FARGATE",
    ///     networkConfiguration: { subnets: privateIds, securityGroups: [tasksSg.id] },
    ///     loadBalancers: [{ targetGroupArn: tg.arn, containerName: "api", containerPort: 8080 }] });
    /// ```
    ///
    /// ## Use instead
    /// Allow the container port from the load balancer's security group:
    /// `ingress=[{"protocol": "tcp", "from_port": 8080, "to_port": 8080, "security_groups": [alb_sg.id]}]`.
    pub LoadBalancedServiceNoIngress { code: "NET013", name: "load-balanced-service-no-ingress", family: Net, severity: Error, status: Stable,
        summary: "an ECS service behind a load balancer has security groups that admit no traffic" }
}

impl Rule for LoadBalancedServiceNoIngress {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let Some(open) = Ingress::of(&sg_rules(p)) else { return };
        for (_, svc) in created_of(p, "aws:ecs/service:Service") {
            let lbs = svc.arg("loadBalancers").map(|v| p.resolve(v));
            if lbs.and_then(|v| v.as_list()).is_none_or(|l| l.is_empty()) {
                continue;
            }
            let groups = svc.arg("networkConfiguration").map(|v| p.resolve(v)).and_then(|n| n.get("securityGroups"));
            if let Some(closed) = groups.and_then(|g| open.all_closed(p, g)) {
                cx.report(
                    cx.diagnostic(svc.span, format!("service {} is behind a load balancer, but its security groups allow no ingress, so no request or health check reaches its tasks", name_of(svc)))
                        .with_label(p.resource(closed).span, "no ingress rule for this group")
                        .with_help("allow the container port from the load balancer's security group"),
                );
            }
        }
    }
}

/// Which security groups admit some traffic: those an ingress rule (inline or separate) belongs to.
pub(crate) struct Ingress {
    open: Vec<ResourceId>,
}

impl Ingress {
    /// None when some ingress rule's group cannot be told (it may be attached to any group).
    pub(crate) fn of(rules: &[SgRule]) -> Option<Ingress> {
        let open = rules.iter().filter(|r| r.ingress).map(|r| r.group).collect::<Option<Vec<_>>>()?;
        Some(Ingress { open })
    }

    /// The first group of a list when every group in it is a program security group that admits
    /// nothing; None otherwise (or when any group is not known).
    pub(crate) fn all_closed(&self, p: &Program, groups: &pulint_model::Value) -> Option<ResourceId> {
        let items = p.resolve(groups).as_list()?;
        let mut ids = Vec::new();
        for g in items {
            let id = p.resolve(g).resource()?;
            let sg = p.resource(id);
            if sg.token != "aws:ec2/securityGroup:SecurityGroup" || !args_complete(sg) || self.open.contains(&id) {
                return None;
            }
            // Inline rules pulint cannot read may admit anything.
            let unread = sg.arg("ingress").map(|v| p.resolve(v)).is_some_and(|v| match &v.kind {
                ValueKind::Null => false,
                ValueKind::List(items) => items.iter().any(|i| p.resolve(i).as_object().is_none()),
                _ => true,
            });
            if unread {
                return None;
            }
            ids.push(id);
        }
        ids.first().copied()
    }
}
