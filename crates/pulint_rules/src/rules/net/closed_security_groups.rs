//! NET015 unreachable-behind-security-groups: a database or load balancer whose security groups
//! admit no traffic at all.

use super::target_no_ingress::Ingress;
use crate::rules::sec::ingress::{SgRule, sg_rules};
use crate::query::{args_complete, created, name_of};
use crate::{Ctx, Rule, declare_rule};
use pulint_model::{Program, Resource, ResourceId, RuleMeta};

declare_rule! {
    /// ## What it does
    /// Flags an RDS instance or cluster, or an application load balancer, whose security groups
    /// are all created by the program and none of which has an ingress rule: no inline `ingress`
    /// block and no `SecurityGroupRule` / `SecurityGroupIngressRule` attached. For a database, also
    /// when every ingress rule of its groups is known and none admits the database's port (its
    /// `port`, else the engine's default: 5432, 3306, 1433, 1521); for a load balancer, when none
    /// admits any of its listeners' ports.
    ///
    /// ## Why is this bad?
    /// Security groups deny by default. With no ingress rule nothing can connect: the
    /// application cannot reach its database, and the load balancer's listeners receive no
    /// request. `pulumi up` succeeds and the system does not work.
    ///
    /// ## Example
    /// ```python
    /// db_sg = aws.ec2.SecurityGroup("db", vpc_id=vpc.id)
    /// aws.rds.Instance("db", engine="postgres", instance_class="db.t3.micro", allocated_storage=20,
    ///     username="app", manage_master_user_password=True, vpc_security_group_ids=[db_sg.id])
    /// ```
    /// ```typescript
    /// const dbSg = new aws.ec2.SecurityGroup("db", { vpcId: vpc.id });
    /// new aws.rds.Instance("db", { engine: "postgres", instanceClass: "db.t3.micro", allocatedStorage: 20,
    ///     username: "app", manageMasterUserPassword: true, vpcSecurityGroupIds: [dbSg.id] });
    /// ```
    ///
    /// ## Use instead
    /// Allow the database port from the application tier's security group, or the listener ports
    /// on the load balancer's group.
    pub UnreachableBehindSecurityGroups { code: "NET015", name: "unreachable-behind-security-groups", family: Net, severity: Error, status: Stable,
        summary: "a database or load balancer has security groups that admit no traffic" }
}

/// Resource types and the argument holding their security groups.
const GUARDED: &[(&str, &str, &str)] = &[
    ("aws:rds/instance:Instance", "vpcSecurityGroupIds", "database"),
    ("aws:rds/cluster:Cluster", "vpcSecurityGroupIds", "database cluster"),
    ("aws:lb/loadBalancer:LoadBalancer", "securityGroups", "load balancer"),
    ("aws:alb/loadBalancer:LoadBalancer", "securityGroups", "load balancer"),
];

impl Rule for UnreachableBehindSecurityGroups {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        let rules = sg_rules(p);
        let Some(open) = Ingress::of(&rules) else { return };
        for (id, r) in created(p) {
            let Some(&(_, arg, what)) = GUARDED.iter().find(|(t, _, _)| *t == r.token) else { continue };
            // A network load balancer without security groups is not guarded by them.
            let Some(groups) = r.arg(arg) else { continue };
            if let Some(closed) = open.all_closed(p, groups) {
                cx.report(
                    cx.diagnostic(r.span, format!("{what} {} is behind security groups that admit no traffic, so nothing can connect to it", name_of(r)))
                        .with_label(p.resource(closed).span, "no ingress rule for this group")
                        .with_help("allow the needed port from the calling tier's security group"),
                );
            } else if let Some(port) = database_port(p, r) {
                closed_ports(p, cx, r, groups, &[port], &rules);
            } else if let Some(ports) = listener_ports(p, id) {
                closed_ports(p, cx, r, groups, &ports, &rules);
            }
        }
    }
}

/// The port a database listens on: its `port`, else its engine's default.
fn database_port(p: &Program, r: &Resource) -> Option<f64> {
    if !r.token.starts_with("aws:rds/") {
        return None;
    }
    if let Some(port) = r.arg("port") {
        return p.resolve(port).as_number();
    }
    let engine = p.str_of(r.arg("engine")?)?;
    // Default ports of the engines (Amazon RDS User Guide, "DB instance class" connection docs).
    match engine {
        e if e.contains("postgres") => Some(5432.0),
        e if e.contains("mysql") || e.contains("mariadb") || e == "aurora" => Some(3306.0),
        e if e.starts_with("sqlserver") => Some(1433.0),
        e if e.starts_with("oracle") => Some(1521.0),
        _ => None,
    }
}

/// The ports of a load balancer's listeners, when it has listeners and all their ports are known.
fn listener_ports(p: &Program, lb: ResourceId) -> Option<Vec<f64>> {
    let listeners: Vec<&Resource> = created(p)
        .map(|(_, l)| l)
        .filter(|l| matches!(l.token.as_str(), "aws:lb/listener:Listener" | "aws:alb/listener:Listener") && l.arg("loadBalancerArn").and_then(|v| p.resolve(v).resource()) == Some(lb))
        .collect();
    if listeners.is_empty() {
        return None;
    }
    listeners.iter().map(|l| l.arg("port").and_then(|v| p.resolve(v).as_number())).collect()
}

/// Reports a database or load balancer whose groups all have known ingress rules, none of which
/// admits any of the ports it serves.
fn closed_ports(p: &Program, cx: &mut Ctx, db: &Resource, groups: &pulint_model::Value, ports: &[f64], rules: &[SgRule]) {
    let Some(items) = p.resolve(groups).as_list() else { return };
    let mut ids = Vec::new();
    for g in items {
        let Some(id) = p.resolve(g).resource() else { return };
        if p.resource(id).token != "aws:ec2/securityGroup:SecurityGroup" || !args_complete(p.resource(id)) {
            return;
        }
        ids.push(id);
    }
    let ingress: Vec<&SgRule> = rules.iter().filter(|x| x.ingress).collect();
    // A rule pulint cannot place may belong to these groups.
    if ingress.iter().any(|x| x.group.is_none()) {
        return;
    }
    let mine: Vec<&&SgRule> = ingress.iter().filter(|x| x.group.is_some_and(|g| ids.contains(&g))).collect();
    if mine.is_empty() || mine.iter().any(|x| x.ports.is_none()) {
        return;
    }
    let admits = mine.iter().any(|x| x.all_protocols() || x.ports.is_some_and(|(lo, hi)| ports.iter().any(|&port| lo <= port && port <= hi)));
    if !admits {
        let first = mine[0];
        let served = ports.iter().map(|n| format!("{n}")).collect::<Vec<_>>().join(", ");
        let which = if ports.len() == 1 { "its port" } else { "any of its ports" };
        cx.report(
            cx.diagnostic(db.span, format!("no ingress rule of the security groups of {} admits {which} {served}, so clients cannot connect", name_of(db)))
                .with_label(first.span, "ingress on other ports only")
                .with_help("allow the served port from the clients' network or security group"),
        );
    }
}
