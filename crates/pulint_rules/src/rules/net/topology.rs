//! The routing of a program's subnets, as far as the program states it: which route tables a
//! subnet uses and which default routes those tables hold. Built only when every routing resource
//! of the program is fully known; otherwise rules asking about routes stay silent.

use super::util::*;
use crate::query;
use pulint_model::{Program, ResourceId, Value, ValueKind};
use std::collections::HashMap;

/// A route table: one the program creates, or the main route table of a VPC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    Created(ResourceId),
    Main(ResourceId),
}

/// Where a default route (0.0.0.0/0) leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Igw,
    Nat,
    /// Another target: transit gateway, instance, network interface, peering, endpoint.
    Other,
    /// A target pulint cannot resolve.
    Unknown,
}

pub struct Topology {
    /// Route tables explicitly associated with each subnet.
    assoc: HashMap<ResourceId, Vec<Table>>,
    /// Default routes of each route table.
    defaults: HashMap<Table, Vec<Via>>,
}

impl Topology {
    /// The routing facts, when every route table, route and association of the program is known.
    pub fn build(p: &Program) -> Option<Topology> {
        let mut t = Topology { assoc: HashMap::new(), defaults: HashMap::new() };
        for (id, r) in query::created(p) {
            match r.token.as_str() {
                ROUTE_TABLE => {
                    if !definite(r) {
                        return None;
                    }
                    t.defaults.entry(Table::Created(id)).or_default();
                    if let Some(v) = r.arg("routes") {
                        let items = p.resolve(v).as_list()?;
                        for item in items {
                            let item = p.resolve(item);
                            item.as_object()?;
                            if let Some(via) = default_route(p, |k| item.get(k))? {
                                t.defaults.entry(Table::Created(id)).or_default().push(via);
                            }
                        }
                    }
                }
                ROUTE => {
                    if !definite(r) {
                        return None;
                    }
                    let table = table_of(p, r.arg("routeTableId")?)?;
                    if let Some(via) = default_route(p, |k| r.arg(k))? {
                        t.defaults.entry(table).or_default().push(via);
                    }
                }
                RT_ASSOC => {
                    if !definite(r) {
                        return None;
                    }
                    if r.arg("gatewayId").is_some() && r.arg("subnetId").is_none() {
                        continue;
                    }
                    let subnet = target(p, r.arg("subnetId")?)?;
                    let table = table_of(p, r.arg("routeTableId")?)?;
                    t.assoc.entry(subnet).or_default().push(table);
                }
                // Programs that replace a VPC's main table or manage its routes are left alone.
                MAIN_RT_ASSOC | "aws:ec2/defaultRouteTable:DefaultRouteTable" => return None,
                _ => {}
            }
        }
        Some(t)
    }

    /// The route tables a known subnet uses: its associations, else its VPC's main table.
    pub fn tables(&self, p: &Program, subnet: ResourceId) -> Option<Vec<Table>> {
        if let Some(ts) = self.assoc.get(&subnet) {
            return Some(ts.clone());
        }
        let vpc = target(p, p.resource(subnet).arg("vpcId")?)?;
        (p.resource(vpc).token == VPC).then(|| vec![Table::Main(vpc)])
    }

    /// The default routes of the tables a subnet uses; `None` when the subnet is not fully known.
    pub fn default_routes(&self, p: &Program, subnet: ResourceId) -> Option<Vec<Via>> {
        let r = p.resource(subnet);
        if r.token != SUBNET || !template(r) {
            return None;
        }
        let tables = self.tables(p, subnet)?;
        Some(tables.iter().flat_map(|t| self.defaults.get(t).cloned().unwrap_or_default()).collect())
    }

    /// The route table a finding about a subnet's routes should point at.
    pub fn first_created_table(&self, subnet: ResourceId) -> Option<ResourceId> {
        self.assoc.get(&subnet)?.iter().find_map(|t| match t {
            Table::Created(id) => Some(*id),
            Table::Main(_) => None,
        })
    }
}

/// The table a `routeTableId` value names.
fn table_of(p: &Program, v: &Value) -> Option<Table> {
    let v = p.resolve(v);
    match &v.kind {
        ValueKind::Attr { resource, path } => {
            let r = p.resource(*resource);
            match (r.token.as_str(), path.first()) {
                (ROUTE_TABLE, _) => Some(Table::Created(*resource)),
                (VPC, Some(pulint_model::PathElem::Attr(a))) if a == "mainRouteTableId" || a == "defaultRouteTableId" => {
                    Some(Table::Main(*resource))
                }
                _ => None,
            }
        }
        ValueKind::Resource(id) if p.resource(*id).token == ROUTE_TABLE => Some(Table::Created(*id)),
        _ => None,
    }
}

/// `Some(Some(via))` for a default IPv4 route, `Some(None)` for another route, `None` when the
/// destination is unknown.
fn default_route<'a>(p: &'a Program, get: impl Fn(&str) -> Option<&'a Value>) -> Option<Option<Via>> {
    let dest = get("destinationCidrBlock").or_else(|| get("cidrBlock"));
    match dest {
        Some(d) => {
            if p.str_of(d)? != "0.0.0.0/0" {
                return Some(None);
            }
        }
        // IPv6 or prefix-list routes.
        None => return Some(None),
    }
    let targets = [
        ("gatewayId", Via::Igw),
        ("natGatewayId", Via::Nat),
        ("transitGatewayId", Via::Other),
        ("networkInterfaceId", Via::Other),
        ("instanceId", Via::Other),
        ("vpcPeeringConnectionId", Via::Other),
        ("vpcEndpointId", Via::Other),
        ("egressOnlyGatewayId", Via::Other),
        ("localGatewayId", Via::Other),
        ("carrierGatewayId", Via::Other),
        ("coreNetworkArn", Via::Other),
    ];
    for (key, via) in targets {
        let Some(v) = get(key) else { continue };
        if matches!(v.kind, ValueKind::Null) {
            continue;
        }
        let Some(res) = target(p, v) else { return Some(Some(Via::Unknown)) };
        let tok = p.resource(res).token.as_str();
        let resolved = match (via, tok) {
            (Via::Igw, IGW) => Via::Igw,
            (Via::Igw, _) => Via::Other,
            (Via::Nat, NAT) => Via::Nat,
            (v, _) => v,
        };
        return Some(Some(resolved));
    }
    Some(Some(Via::Unknown))
}

/// Known subnets listed in a value (`[a.id, b.id]`); `None` when any item is not a created subnet.
pub fn subnet_list(p: &Program, v: &Value) -> Option<Vec<ResourceId>> {
    let items = p.resolve(v).as_list()?;
    if items.is_empty() {
        return None;
    }
    items
        .iter()
        .map(|i| target(p, i).filter(|id| p.resource(*id).token == SUBNET && template(p.resource(*id))))
        .collect()
}

/// A subnet whose routing the program states: created unconditionally with known arguments. One
/// created in a loop pulint could not unroll stands for every instance: the program associates
/// each of them the same way (an association made in that loop is itself of unknown number, and
/// then the topology is not built at all).
fn template(r: &pulint_model::Resource) -> bool {
    !r.conditional && !r.in_apply && query::args_complete(r)
}

/// A short name for messages: the distinct names, and the count when a loop made several.
pub fn subnet_names(p: &Program, ids: &[ResourceId]) -> String {
    let mut names: Vec<String> = Vec::new();
    for i in ids {
        let n = query::name_of(p.resource(*i));
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let shown = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    let more = if names.len() > 3 { format!(" and {} more", names.len() - 3) } else { String::new() };
    let count = if names.len() < ids.len() { format!(" ({} subnets)", ids.len()) } else { String::new() };
    format!("{shown}{more}{count}")
}
