//! Fuzz target: DOCX (a ZIP of WordprocessingML) is read within the input limits, as
//! `parse` reads it, and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if gongkai_report::limits::DEFAULT.check_zip(data).is_ok() {
        let _ = gongkai_report::docx::read(data);
    }
});
