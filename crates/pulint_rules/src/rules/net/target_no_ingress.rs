//! NET013 load-balanced-service-no-ingress: an ECS service behind a load balancer whose security
//! groups admit nothing.

use crate::query::{args_complete, created, created_of, name_of};
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

const RULE_TYPES: &[&str] = &["aws:ec2/securityGroupRule:SecurityGroupRule", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"];

impl Rule for LoadBalancedServiceNoIngress {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        // Security groups some separate ingress-capable rule is attached to; a rule whose group
        // pulint cannot tell may be attached to any.
        let mut ruled: Vec<ResourceId> = Vec::new();
        for (_, r) in created(p).filter(|(_, r)| RULE_TYPES.contains(&r.token.as_str())) {
            let is_egress = r.arg("type").and_then(|v| p.str_of(v)) == Some("egress");
            if is_egress {
                continue;
            }
            match r.arg("securityGroupId").and_then(|v| p.resolve(v).resource()) {
                Some(sg) => ruled.push(sg),
                None => return,
            }
        }
        for (_, svc) in created_of(p, "aws:ecs/service:Service") {
            let lbs = svc.arg("loadBalancers").map(|v| p.resolve(v));
            if lbs.and_then(|v| v.as_list()).is_none_or(|l| l.is_empty()) {
                continue;
            }
            let Some(groups) = svc.arg("networkConfiguration").map(|v| p.resolve(v)).and_then(|n| n.get("securityGroups")).map(|v| p.resolve(v)).and_then(|v| v.as_list()) else {
                continue;
            };
            let mut ids = Vec::new();
            for g in groups {
                match p.resolve(g).resource() {
                    Some(id) if p.resource(id).token == "aws:ec2/securityGroup:SecurityGroup" => ids.push(id),
                    _ => {
                        ids.clear();
                        break;
                    }
                }
            }
            let closed = !ids.is_empty()
                && ids.iter().all(|&id| {
                    let sg = p.resource(id);
                    let inline = match sg.arg("ingress").map(|v| &p.resolve(v).kind) {
                        None | Some(ValueKind::Null) => false,
                        Some(ValueKind::List(items)) => !items.is_empty(),
                        _ => true,
                    };
                    args_complete(sg) && !inline && !ruled.contains(&id)
                });
            if closed {
                cx.report(
                    cx.diagnostic(svc.span, format!("service {} is behind a load balancer, but its security groups allow no ingress, so no request or health check reaches its tasks", name_of(svc)))
                        .with_label(p.resource(ids[0]).span, "no ingress rule for this group")
                        .with_help("allow the container port from the load balancer's security group"),
                );
            }
        }
    }
}
