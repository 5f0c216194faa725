//! Differential: the Markdown line scanner against pulldown-cmark on the same document. Where the
//! scanner reads a document (it leaves what it does not model to pulldown), its blocks (names,
//! text, line maps, unterminated flags) must be exactly pulldown's.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(text) = pulint_fuzz::decode(data) {
        let (scanned, pulldown) = pulint_frontend::markdown::blocks_by_both(&text);
        if let Some(scanned) = scanned {
            assert_eq!(scanned, pulldown, "the line scanner disagrees with pulldown");
        }
    }
});
