//! Fuzz target: the tolerant HTML tokenizer never panics, and what it gives is parsed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = gongkai_report::html::to_text(&text);
    let _ = gongkai_report::parse_str(&lines);
});
