//! NET: networking: VPC ranges, subnets, peering, routes, availability zones.

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[];
