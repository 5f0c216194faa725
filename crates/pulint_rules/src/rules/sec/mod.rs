//! SEC: security.

pub mod hardcoded_secret;
pub mod open_ingress;
