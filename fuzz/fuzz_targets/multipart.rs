//! Fuzz target: the form reader (multipart with files, or url-encoded) refuses malformed
//! bodies with a message and never panics. The first byte picks the content type.
#![no_main]

use libfuzzer_sys::fuzz_target;

const TYPES: [&str; 4] = [
    "multipart/form-data; boundary=gongkai",
    "multipart/form-data; boundary=\"a b\"",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let kind = TYPES[usize::from(pick) % TYPES.len()];
    let _ = gongkai_web::fuzzing::read_form(kind, body.to_vec());
});
