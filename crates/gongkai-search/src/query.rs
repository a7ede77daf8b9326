//! Queries: every whitespace-separated term must occur (as a run of character pairs, so a
//! part of a word matches); jieba words rank title above text; an exact 索引号 or 文号
//! outranks everything; filters narrow the set.

use crate::schema::{BIGRAMS, Fields, WORDS, exact_key};
use crate::{Doc, SearchError, SearchIndex};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query as TQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

/// A search.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// What the user typed.
    pub text: String,
    /// Only this agency.
    pub agency_id: Option<i64>,
    /// Only this 主题分类.
    pub topic: Option<String>,
    /// Only items published in this year.
    pub year: Option<i64>,
    /// Only this 有效性 (`valid`, `expired`, `abolished`).
    pub validity: Option<String>,
    /// Hits to skip.
    pub offset: usize,
    /// Hits to return (at least 1).
    pub limit: usize,
    /// Related items rather than matches: any of the words may occur, best-scoring first
    /// (used to suggest published items that may answer an application).
    pub related: bool,
}

/// One hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The item as indexed.
    pub doc: Doc,
    /// BM25-based score.
    pub score: f32,
}

/// A page of hits and the total number of matches.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The hits, best first.
    pub hits: Vec<Hit>,
    /// Matches in all pages.
    pub total: usize,
    /// `total` is an estimate (an upper bound): the query matches so many items that
    /// counting them exactly would cost more than the page itself.
    pub estimated: bool,
}

type Clause = (Occur, Box<dyn TQuery>);

/// A page of scored hits.
type Page = Vec<(f32, tantivy::DocAddress)>;

/// The tantivy query for a search; `None` when nothing was typed.
pub fn build(searcher: &Searcher, f: &Fields, q: &Query) -> Option<BooleanQuery> {
    let terms: Vec<&str> = q.text.split_whitespace().collect();
    if terms.is_empty() {
        return None;
    }
    let mut clauses = filters(f, q);
    let text: Box<dyn TQuery> = if q.related {
        Box::new(related(searcher, f, &q.text))
    } else {
        Box::new(matching(searcher, f, &terms))
    };
    clauses.push((Occur::Must, text));
    Some(BooleanQuery::new(clauses))
}

/// Runs a search: a page of hits and the total.
pub fn run(searcher: &Searcher, f: &Fields, q: &Query) -> Result<Results, SearchError> {
    if q.offset > crate::MAX_OFFSET {
        return Err(SearchError::TooDeep);
    }
    let Some(query) = build(searcher, f, q) else {
        return Ok(Results {
            hits: Vec::new(),
            total: 0,
            estimated: false,
        });
    };
    let (top, total, estimated) = match title_first(searcher, f, q)? {
        Some((top, bound)) => (top, bound, true),
        None => {
            let (top, total) = searcher.search(&query, &(page_of(q), Count))?;
            (top, total, false)
        }
    };
    let hits = top
        .into_iter()
        .map(|(score, addr)| {
            let doc: TantivyDocument = SearchIndex::stored(searcher, addr)?;
            Ok(Hit {
                doc: f.read(&doc),
                score,
            })
        })
        .collect::<Result<_, SearchError>>()?;
    Ok(Results {
        hits,
        total,
        estimated,
    })
}

/// The collector of the requested page, best first.
fn page_of(
    q: &Query,
) -> impl tantivy::collector::Collector<Fruit = Vec<(f32, tantivy::DocAddress)>> {
    TopDocs::with_limit(q.limit.clamp(1, crate::MAX_LIMIT))
        .and_offset(q.offset.min(crate::MAX_OFFSET))
        .order_by_score()
}

/// Above this many possible matches a first page is taken from the items whose title holds
/// the words, and the total is estimated.
const LARGE: u64 = 20_000;

/// For a query that may match very many items (a common word such as 「公开」): the best hits
/// among the items whose title holds all of its words — they outrank the others, since title
/// words carry the score — with the total estimated by the rarest character pair. `None` when
/// the query is small enough to run exactly, or the titles give less than a full page.
fn title_first(
    searcher: &Searcher,
    f: &Fields,
    q: &Query,
) -> Result<Option<(Page, usize)>, SearchError> {
    if q.related || q.offset.saturating_add(q.limit) > 100 {
        return Ok(None);
    }
    let Some(bound) = upper_bound(searcher, f, &q.text)? else {
        return Ok(None);
    };
    if bound <= LARGE {
        return Ok(None);
    }
    // Each term's covering pairs must occur, and every word of the text in the title (scored,
    // title words carry the ranking): a small set whose items rank first anyway.
    // A pair inside a required title word is implied by it and is not asked for again.
    let words = tokens(searcher, f.title, WORDS, &q.text);
    let mut clauses = filters(f, q);
    for term in q.text.split_whitespace() {
        for gram in covering(tokens(searcher, f.bigrams, BIGRAMS, term)) {
            if words.iter().any(|w| w.contains(gram.as_str())) {
                continue;
            }
            let pair =
                ConstScoreQuery::new(term_query(Term::from_field_text(f.bigrams, &gram)), 0.1);
            clauses.push((Occur::Must, Box::new(pair)));
        }
    }
    for word in words {
        let title = BoostQuery::new(term_query(Term::from_field_text(f.title, &word)), 3.0);
        clauses.push((Occur::Must, Box::new(title)));
    }
    let narrowed = BooleanQuery::new(clauses);
    let hits = searcher.search(&narrowed, &page_of(q))?;
    if hits.len() < q.limit.clamp(1, crate::MAX_LIMIT) {
        return Ok(None);
    }
    Ok(Some((hits, usize::try_from(bound).unwrap_or(usize::MAX))))
}

/// An upper bound of the matches: for each term the document frequency of its rarest
/// covering pair, the smallest over the terms. `None` for one-character terms or codes.
fn upper_bound(searcher: &Searcher, f: &Fields, text: &str) -> Result<Option<u64>, SearchError> {
    if text.chars().any(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let mut bound: Option<u64> = None;
    for term in text.split_whitespace() {
        let grams = covering(tokens(searcher, f.bigrams, BIGRAMS, term));
        if grams.is_empty() {
            return Ok(None);
        }
        let mut rarest = u64::MAX;
        for g in grams {
            rarest = rarest.min(searcher.doc_freq(&Term::from_field_text(f.bigrams, &g))?);
        }
        bound = Some(bound.map_or(rarest, |b| b.min(rarest)));
    }
    Ok(bound)
}

/// The ids of every match (unordered), read from the fast field.
pub fn matching_ids(searcher: &Searcher, f: &Fields, q: &Query) -> Result<Vec<i64>, SearchError> {
    let Some(query) = build(searcher, f, q) else {
        return Ok(Vec::new());
    };
    let docs = searcher.search(&query, &DocSetCollector)?;
    let mut ids = Vec::with_capacity(docs.len());
    let mut columns = Vec::new();
    for reader in searcher.segment_readers() {
        columns.push(reader.fast_fields().i64("id")?);
    }
    for addr in docs {
        ids.extend(columns[addr.segment_ord as usize].first(addr.doc_id));
    }
    Ok(ids)
}

fn filters(f: &Fields, q: &Query) -> Vec<Clause> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut must = |term: Term| clauses.push((Occur::Must, term_query(term)));
    if let Some(a) = q.agency_id {
        must(Term::from_field_i64(f.agency_id, a));
    }
    if let Some(t) = &q.topic {
        must(Term::from_field_text(f.topic, t));
    }
    if let Some(y) = q.year {
        must(Term::from_field_i64(f.year, y));
    }
    if let Some(v) = &q.validity {
        must(Term::from_field_text(f.validity, v));
    }
    clauses
}

/// Any jieba word of the text (two characters or more), in the title three times as much.
fn related(searcher: &Searcher, f: &Fields, text: &str) -> BooleanQuery {
    let mut clauses: Vec<Clause> = Vec::new();
    for word in tokens(searcher, f.title, WORDS, text)
        .into_iter()
        .filter(|w| w.chars().count() >= 2)
    {
        let title = BoostQuery::new(term_query(Term::from_field_text(f.title, &word)), 3.0);
        clauses.push((Occur::Should, Box::new(title)));
        clauses.push((
            Occur::Should,
            term_query(Term::from_field_text(f.text, &word)),
        ));
    }
    BooleanQuery::new(clauses)
}

/// The whole query exactly equal to a 索引号 or 文号 (they always contain a digit), or every
/// term present.
fn matching(searcher: &Searcher, f: &Fields, terms: &[&str]) -> BooleanQuery {
    let words: Vec<Clause> = terms
        .iter()
        .map(|t| {
            (
                Occur::Must,
                Box::new(term_match(searcher, f, t)) as Box<dyn TQuery>,
            )
        })
        .collect();
    let whole = exact_key(&terms.join(""));
    if !whole.chars().any(|c| c.is_ascii_digit()) {
        return BooleanQuery::new(words);
    }
    let exact = |field: Field| -> Clause {
        let q = ConstScoreQuery::new(term_query(Term::from_field_text(field, &whole)), 1000.0);
        (Occur::Should, Box::new(q))
    };
    BooleanQuery::new(vec![
        exact(f.index_no),
        exact(f.doc_no),
        (Occur::Should, Box::new(BooleanQuery::new(words))),
    ])
}

/// The character pairs that must occur: every other pair and the last, which together cover
/// every character of the term (the pairs in between add nothing but cost an intersection).
fn covering(grams: Vec<String>) -> Vec<String> {
    let last = grams.len().saturating_sub(1);
    grams
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == 0 || *i == last)
        .map(|(_, g)| g)
        .collect()
}

/// One term: all its character pairs must occur (a one-character term: any pair with it);
/// its jieba words in the title add to the score. (Scoring the body's words too ranked
/// slightly better but cost half the time of a common word's search at 1,000,000 items.)
fn term_match(searcher: &Searcher, f: &Fields, term: &str) -> BooleanQuery {
    let grams = tokens(searcher, f.bigrams, BIGRAMS, term);
    let mut clauses: Vec<Clause> = Vec::new();
    if grams.is_empty() {
        clauses.push((Occur::Must, one_character(f, term)));
    } else {
        for gram in covering(grams) {
            let q = ConstScoreQuery::new(term_query(Term::from_field_text(f.bigrams, &gram)), 0.1);
            clauses.push((Occur::Must, Box::new(q)));
        }
    }
    for word in tokens(searcher, f.title, WORDS, term) {
        let title = BoostQuery::new(term_query(Term::from_field_text(f.title, &word)), 3.0);
        clauses.push((Occur::Should, Box::new(title)));
    }
    BooleanQuery::new(clauses)
}

/// A one-character term: any character pair that starts or ends with it.
fn one_character(f: &Fields, term: &str) -> Box<dyn TQuery> {
    let c = regex_escape(&term.to_lowercase());
    match RegexQuery::from_pattern(&format!("({c}.)|(.{c})"), f.bigrams) {
        Ok(q) => Box::new(ConstScoreQuery::new(Box::new(q), 0.1)),
        Err(_) => term_query(Term::from_field_text(f.text, term)),
    }
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

fn term_query(term: Term) -> Box<dyn TQuery> {
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

/// The distinct tokens of `text` under the named analyzer.
fn tokens(searcher: &Searcher, _field: Field, analyzer: &str, text: &str) -> Vec<String> {
    let Some(mut analyzer) = searcher.index().tokenizers().get(analyzer) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        if !out.contains(&token.text) {
            out.push(token.text.clone());
        }
    }
    out
}

impl Fields {
    fn read(&self, d: &TantivyDocument) -> Doc {
        let text = |field| {
            d.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let int = |field| {
            d.get_first(field)
                .and_then(|v| v.as_i64())
                .unwrap_or_default()
        };
        Doc {
            id: int(self.id),
            agency_id: int(self.agency_id),
            agency_name: text(self.agency_name),
            index_no: text(self.index_no_shown),
            doc_no: text(self.doc_no_shown),
            title: text(self.title),
            text: text(self.text),
            topic: text(self.topic),
            published_on: text(self.published_on),
            validity: text(self.validity),
        }
    }
}
