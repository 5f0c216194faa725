//! Helpers shared by the NET rules: region and availability-zone names, CIDR parsing, the subnets
//! and route tables of a program.

use crate::query;
use ipnet::Ipv4Net;
use pulint_model::{Program, Resource, ResourceId, Value, ValueKind};

/// The region of an availability-zone name (`us-east-1a` -> `us-east-1`).
pub fn az_region(s: &str) -> Option<&str> {
    let (region, letter) = s.split_at_checked(s.len().checked_sub(1)?)?;
    (letter.bytes().all(|b| b.is_ascii_lowercase()) && query::is_region(region)).then_some(region)
}

/// A CIDR written as text, with whether it has host bits set (`10.0.0.16/20`).
pub fn cidr(s: &str) -> Option<(Ipv4Net, bool)> {
    let net: Ipv4Net = s.trim().parse().ok()?;
    Some((net.trunc(), net.trunc().addr() != net.addr()))
}

/// The known CIDR of a resource argument.
pub fn cidr_arg<'a>(p: &'a Program, r: &'a Resource, key: &str) -> Option<(Ipv4Net, &'a Value)> {
    let v = r.arg(key)?;
    let s = p.str_of(v)?;
    cidr(s).map(|(n, _)| (n, v))
}

/// The resource a value refers to directly (`vpc.id`, `vpc`), when it is created by the program.
pub fn target(p: &Program, v: &Value) -> Option<ResourceId> {
    let v = p.resolve(v);
    let id = match &v.kind {
        ValueKind::Resource(r) | ValueKind::Attr { resource: r, .. } => *r,
        _ => return None,
    };
    (p.resource(id).kind == pulint_model::ResourceKind::Custom).then_some(id)
}

/// True when a resource's own facts are fully known: created once, unconditionally, with no
/// argument spread.
pub fn definite(r: &Resource) -> bool {
    r.multiplicity == pulint_model::Multiplicity::One && !r.conditional && !r.in_apply && query::args_complete(r)
}

pub const VPC: &str = "aws:ec2/vpc:Vpc";
pub const SUBNET: &str = "aws:ec2/subnet:Subnet";
pub const ROUTE_TABLE: &str = "aws:ec2/routeTable:RouteTable";
pub const ROUTE: &str = "aws:ec2/route:Route";
pub const RT_ASSOC: &str = "aws:ec2/routeTableAssociation:RouteTableAssociation";
pub const MAIN_RT_ASSOC: &str = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";
pub const IGW: &str = "aws:ec2/internetGateway:InternetGateway";
pub const NAT: &str = "aws:ec2/natGateway:NatGateway";
pub const PEERING: &str = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection";
pub const PEERING_ACCEPTER: &str = "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter";
pub const VPC_ENDPOINT: &str = "aws:ec2/vpcEndpoint:VpcEndpoint";
