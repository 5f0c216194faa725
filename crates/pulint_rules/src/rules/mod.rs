//! Rules by failure family (see the taxonomy): one directory per family, one file per rule, and
//! each family's `mod.rs` lists its rules in `RULES`.

pub mod cost;
pub mod dep;
pub mod net;
pub mod ops;
pub mod out;
pub mod pul;
pub mod reg;
pub mod sec;
pub mod val;
