//! NET010 db-subnet-group-one-az: a database subnet group whose subnets cover a single zone.

use super::util::{definite, target, SUBNET};
use crate::{declare_rule, query, Ctx, Rule};
use pulint_model::{Program, RuleMeta, Value, ValueKind};

declare_rule! {
    /// ## What it does
    /// Flags an `aws.rds.SubnetGroup` (also DocumentDB and Neptune subnet groups) whose subnets
    /// all sit in one availability zone: a single subnet, or subnets whose `availabilityZone` is
    /// the same name or the same entry of the same zone lookup.
    ///
    /// ## Why is this bad?
    /// RDS requires a DB subnet group to cover at least two availability zones and rejects the
    /// group (`DBSubnetGroupDoesNotCoverEnoughAZs`), so the deployment fails before the database
    /// is created. Even where accepted, a Multi-AZ standby has nowhere to go.
    ///
    /// ## Example
    /// ```python
    /// aws.rds.SubnetGroup("db", subnet_ids=[private_a.id])
    /// ```
    /// ```typescript
    /// new aws.rds.SubnetGroup("db", { subnetIds: [privateA.id] });
    /// ```
    ///
    /// ## Use instead
    /// List subnets in at least two zones.
    pub SubnetGroupOneAz { code: "NET010", name: "db-subnet-group-one-az", family: Net, severity: Error, status: Stable,
        summary: "a DB subnet group covers a single availability zone" }
}

const GROUPS: &[&str] = &["aws:rds/subnetGroup:SubnetGroup", "aws:docdb/subnetGroup:SubnetGroup", "aws:neptune/subnetGroup:SubnetGroup"];

impl Rule for SubnetGroupOneAz {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, p: &Program, cx: &mut Ctx) {
        for (_, r) in query::created(p).filter(|(_, r)| GROUPS.contains(&r.token.as_str())) {
            if !query::args_complete(r) || r.multiplicity != pulint_model::Multiplicity::One {
                continue;
            }
            let Some(v) = r.arg("subnetIds") else { continue };
            let Some(items) = p.resolve(v).as_list() else { continue };
            let subnets: Option<Vec<_>> = items.iter().map(|i| target(p, i).filter(|s| p.resource(*s).token == SUBNET && definite(p.resource(*s)))).collect();
            let Some(subnets) = subnets else { continue };
            if subnets.is_empty() {
                continue;
            }
            let zones: Option<Vec<String>> = subnets.iter().map(|s| p.resource(*s).arg("availabilityZone").and_then(|z| zone_key(p, z))).collect();
            let msg = if subnets.len() == 1 {
                format!("subnet group {} has a single subnet and covers one availability zone", query::name_of(r))
            } else {
                match zones {
                    Some(z) if z.iter().all(|x| *x == z[0]) => {
                        format!("all {} subnets of subnet group {} are in the same availability zone", subnets.len(), query::name_of(r))
                    }
                    _ => continue,
                }
            };
            cx.report(
                cx.diagnostic(query::anchor(v.span, r.span), msg)
                    .with_help("list subnets in at least two availability zones"),
            );
        }
    }
}

/// A comparable description of a zone value: the name, or the lookup entry it reads.
fn zone_key(p: &Program, v: &Value) -> Option<String> {
    let v = p.resolve(v);
    match &v.kind {
        ValueKind::String(s) => Some(s.clone()),
        ValueKind::InvokeResult { invoke, path, .. } if path.iter().any(|e| matches!(e, pulint_model::PathElem::Index(_))) => {
            Some(format!("{}:{path:?}", invoke.0))
        }
        ValueKind::Apply { result, .. } => zone_key(p, result),
        _ => None,
    }
}
