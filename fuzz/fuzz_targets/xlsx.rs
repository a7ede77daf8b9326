//! Fuzz target: XLSX (calamine behind the ZIP limits) never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if gongkai_report::limits::DEFAULT.check_zip(data).is_ok() {
        let _ = gongkai_report::xlsx::read(data);
    }
});
