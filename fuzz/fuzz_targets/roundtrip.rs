//! Fuzz target: whatever the parser reads must check, render and read back without panicking
//! (slow: every input is rendered twice; `parse` explores the parser alone).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = gongkai_report::parse(data);
    let findings = parsed.findings(None);
    let _ = findings.len();
    for target in [
        gongkai_report::render::Target::Json,
        gongkai_report::render::Target::Text,
    ] {
        let rendered = gongkai_report::render::render(&parsed.report, &parsed.diagnostics, target);
        let _ = gongkai_report::parse_str(&rendered);
    }
});
