//! A Markdown document split into fenced blocks (names, line maps), each code block lowered and
//! each YAML block parsed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = pulint_fuzz::decode(data) {
        let _ = pulint_fuzz::load_markdown(&text);
    }
});
