//! A file parsed (oxc) and lowered to pulint's IR as TypeScript (with the TSX retry) and as
//! JavaScript, behind the nesting guard.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pulint_model::FileKind;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = pulint_fuzz::decode(data) {
        let _ = pulint_fuzz::lower(&text, FileKind::TypeScript);
        let _ = pulint_fuzz::lower(&text, FileKind::JavaScript);
    }
});
