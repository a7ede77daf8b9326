//! Fuzz target: the parser entry point never panics, whatever the bytes (parse only, so that
//! the fuzzer explores thousands of inputs a second).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = gongkai_report::parse(data);
    let _ = parsed.diagnostics.len();
});
