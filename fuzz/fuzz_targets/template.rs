//! Fuzz target: a letter template is accepted or refused, never a panic; an accepted one
//! composes a letter with every placeholder filled.
#![no_main]

use gongkai_domain::letters::{LetterKind, Template};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let kinds = LetterKind::ALL;
    let kind = kinds[usize::from(pick) % kinds.len()];
    let text = String::from_utf8_lossy(body);
    if let Ok(template) = Template::parse(kind, &text) {
        // Values without braces: whatever is left with braces came from the template text.
        let paragraphs = template.render(|f| format!("〈{f:?}〉"));
        for p in &paragraphs {
            for field in kind.fields() {
                assert!(!p.contains(&format!("{{{{{}}}}}", field.name())), "{p}");
            }
        }
    }
});
