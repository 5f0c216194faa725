//! Rules by failure family (see the taxonomy): one file per rule.

pub mod out;
pub mod pul;
pub mod reg;
pub mod sec;
