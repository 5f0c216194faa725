//! COST: cost: expensive defaults.

pub mod cloudfront_price_class;
pub mod nat_per_az;

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[&nat_per_az::NatPerAz, &cloudfront_price_class::CloudfrontPriceClass];
