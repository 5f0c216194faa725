//! The whole check of one in-memory program: build (decode, lower, evaluate, link), every rule
//! including preview, every output format, the dump and the fix planner. The first byte chooses
//! the language or a multi-file project (see `pulint_fuzz::inputs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (inputs, stack) = pulint_fuzz::inputs(data);
    let _ = pulint_fuzz::check(inputs, stack);
});
