//! A Python file parsed (ruff) and lowered to pulint's IR, behind the nesting guard.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pulint_model::FileKind;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = pulint_fuzz::decode(data) {
        let _ = pulint_fuzz::lower(&text, FileKind::Python);
    }
});
