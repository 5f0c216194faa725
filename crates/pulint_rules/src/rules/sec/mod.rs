//! SEC: security.

pub mod hardcoded_secret;
pub mod open_ingress;

use crate::Rule;

pub static RULES: &[&dyn Rule] = &[&open_ingress::OpenIngress, &hardcoded_secret::HardcodedSecret];
