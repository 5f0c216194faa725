//! NET: networking: VPC ranges, subnets, peering, routes, availability zones.

pub mod az_region_mismatch;
pub mod cidr_host_bits;
pub mod closed_security_groups;
pub mod hardcoded_az;
pub mod igw_not_attached;
pub mod lambda_no_egress;
pub mod lb_private_subnets;
pub mod nat_in_private_subnet;
pub mod peering_no_routes;
pub mod peering_not_accepted;
pub mod peering_overlap;
pub mod public_subnet_no_igw;
pub mod subnet_cidr;
pub mod subnet_group_one_az;
pub mod target_no_ingress;
pub mod topology;
pub mod util;

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[
    &hardcoded_az::HardcodedAz,
    &public_subnet_no_igw::PublicSubnetNoIgw,
    &lambda_no_egress::LambdaNoEgress,
    &cidr_host_bits::CidrHostBits,
    &subnet_cidr::SubnetCidrConflict,
    &peering_overlap::PeeringOverlap,
    &peering_not_accepted::PeeringNotAccepted,
    &peering_no_routes::PeeringNoRoutes,
    &lb_private_subnets::LbPrivateSubnets,
    &subnet_group_one_az::SubnetGroupOneAz,
    &nat_in_private_subnet::NatInPrivateSubnet,
    &az_region_mismatch::AzRegionMismatch,
    &target_no_ingress::LoadBalancedServiceNoIngress,
    &igw_not_attached::InternetGatewayNotAttached,
    &closed_security_groups::UnreachableBehindSecurityGroups,
];
