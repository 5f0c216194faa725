//! REG: regions and providers.

pub mod cloudfront_scope_region;
pub mod cross_region_reference;
pub mod duplicate_urn;
pub mod hardcoded_region;
pub mod missing_provider;
pub mod provider_not_passed;
pub mod region_config_unused;
pub mod region_loop_default_provider;
pub mod unused_provider;

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[
    &missing_provider::MissingProvider,
    &hardcoded_region::HardcodedRegion,
    &unused_provider::UnusedProvider,
    &duplicate_urn::DuplicateUrn,
    &region_config_unused::RegionConfigIgnored,
    &cross_region_reference::CrossRegionReference,
    &cloudfront_scope_region::CloudfrontScopeRegion,
    &region_loop_default_provider::RegionLoopDefaultProvider,
    &provider_not_passed::ProviderNotPassed,
];
