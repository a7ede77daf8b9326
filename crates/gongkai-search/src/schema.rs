//! Fields and analyzers.

use crate::Doc;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{LowerCaser, NgramTokenizer, TextAnalyzer};
use tantivy::{Index, TantivyDocument};

/// The analyzer of words (jieba, lower-cased ASCII).
pub const WORDS: &str = "gongkai_words";
/// The analyzer of overlapping character pairs.
pub const BIGRAMS: &str = "gongkai_bigrams";

/// The index's fields.
#[derive(Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub agency_id: Field,
    pub agency_name: Field,
    pub index_no: Field,
    pub index_no_shown: Field,
    pub doc_no: Field,
    pub doc_no_shown: Field,
    pub title: Field,
    pub text: Field,
    pub bigrams: Field,
    pub topic: Field,
    pub year: Field,
    pub published_on: Field,
    pub validity: Field,
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let words = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(WORDS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let grams = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(BIGRAMS)
            .set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        id: b.add_i64_field("id", INDEXED | STORED | FAST),
        agency_id: b.add_i64_field("agency_id", INDEXED | STORED),
        agency_name: b.add_text_field("agency_name", STORED),
        // "_keys": every separator-bounded part (a new layout: older indexes are rebuilt).
        index_no: b.add_text_field("index_no_keys", STRING),
        index_no_shown: b.add_text_field("index_no_shown", STORED),
        doc_no: b.add_text_field("doc_no_keys", STRING),
        doc_no_shown: b.add_text_field("doc_no_shown", STORED),
        title: b.add_text_field("title", words.clone()),
        text: b.add_text_field("text", words),
        bigrams: b.add_text_field("bigrams", grams),
        topic: b.add_text_field("topic", STRING | STORED),
        year: b.add_i64_field("year", INDEXED),
        published_on: b.add_text_field("published_on", STORED),
        validity: b.add_text_field("validity", STRING | STORED),
    };
    (b.build(), fields)
}

pub fn register_tokenizers(index: &Index) {
    let words = TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::with_ordinal_position_mode(
        true,
    ))
    .filter(LowerCaser)
    .build();
    index.tokenizers().register(WORDS, words);
    let grams = NgramTokenizer::new(2, 2, false)
        .map(|t| TextAnalyzer::builder(t).filter(LowerCaser).build());
    if let Ok(grams) = grams {
        index.tokenizers().register(BIGRAMS, grams);
    }
}

/// Lower-cased exact key of 索引号 and 文号 (what a user types may differ in case and spaces).
pub fn exact_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The keys a 索引号 or 文号 is found by: the whole code, and every part of it that starts or
/// ends at one of its separators (issue 20: "2025-00037" or "00037" finds
/// "11410721MB1C75730P/2025-00037"; "〔2025〕12号" finds "七政〔2025〕12号").
pub fn code_keys(code: &str) -> Vec<String> {
    const SEPARATORS: [char; 10] = ['/', '-', '〔', '〕', '[', ']', '（', '）', '(', ')'];
    let whole = exact_key(code);
    let mut keys = vec![whole.clone()];
    for (at, c) in whole.char_indices().filter(|(_, c)| SEPARATORS.contains(c)) {
        let after = &whole[at + c.len_utf8()..];
        let (before, from_here) = (&whole[..at], &whole[at..]);
        for key in [after, before, from_here] {
            if key.chars().count() >= 2 && !keys.iter().any(|k| k == key) {
                keys.push(key.to_string());
            }
        }
    }
    keys
}

impl Fields {
    pub fn document(&self, d: &Doc) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_i64(self.id, d.id);
        doc.add_i64(self.agency_id, d.agency_id);
        doc.add_text(self.agency_name, &d.agency_name);
        for key in code_keys(&d.index_no) {
            doc.add_text(self.index_no, key);
        }
        for key in code_keys(&d.doc_no) {
            doc.add_text(self.doc_no, key);
        }
        doc.add_text(self.index_no_shown, &d.index_no);
        doc.add_text(self.doc_no_shown, &d.doc_no);
        doc.add_text(self.title, &d.title);
        doc.add_text(self.text, &d.text);
        doc.add_text(
            self.bigrams,
            format!("{}\n{}\n{}", d.title, d.text, d.doc_no),
        );
        doc.add_text(self.topic, &d.topic);
        doc.add_i64(self.year, year_of(&d.published_on));
        doc.add_text(self.published_on, &d.published_on);
        doc.add_text(self.validity, &d.validity);
        doc
    }
}

/// The year of a `YYYY-MM-DD` date (0 if unreadable).
pub fn year_of(date: &str) -> i64 {
    date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
}
