//! REG: regions and providers.

pub mod missing_provider;
