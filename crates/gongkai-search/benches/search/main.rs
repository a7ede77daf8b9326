//! Search benchmark (issue 6): a generated corpus of realistic items, searched by gongkai's
//! tantivy index, SQLite FTS5 (trigram tokenizer) and Xapian (CJK n-grams, Debian
//! `python3-xapian`) with the same fixed queries; p50/p99 latency of "first page of 10 + exact
//! total", and recall of each engine against an exact substring scan.
//!
//! `cargo bench -p gongkai-search --bench search -- [ITEMS]` (default 1,000,000; ~30 min).

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    reason = "a benchmark reports on stdout"
)]

mod corpus;

use corpus::{contains_all, doc, queries};
use gongkai_search::{Doc, Query, SearchIndex};
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

const REPS: usize = 30;

fn main() {
    let n: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("gongkai-bench-{n}"));
    std::fs::create_dir_all(&dir).unwrap();
    let queries = queries(n);
    println!("语料：{n} 条；查询 {} 个，每个 {REPS} 次", queries.len());
    let truth = truth(n, &queries);
    // BENCH_ENGINES=tantivy,fts5,xapian (default all) picks the engines to run.
    let engines = std::env::var("BENCH_ENGINES").unwrap_or_else(|_| "tantivy,fts5,xapian".into());
    let mut rows = Vec::new();
    if engines.contains("tantivy") {
        rows.push(tantivy(n, &dir, &queries, &truth));
    }
    if engines.contains("fts5") {
        rows.push(fts5(n, &dir, &queries, &truth));
    }
    if engines.contains("xapian") {
        rows.push(xapian(n, &dir, &queries, &truth));
    }
    println!(
        "\n| 引擎 | 建索引 | p50 | p99 | 召回率（全部查询） | 召回率最低的查询 |\n|---|---|---|---|---|---|"
    );
    for r in &rows {
        println!("{r}");
    }
}

/// The exact answer of each query: ids of the documents that contain every term.
fn truth(n: u64, queries: &[String]) -> Vec<HashSet<i64>> {
    let start = Instant::now();
    let mut sets = vec![HashSet::new(); queries.len()];
    for i in 0..n {
        let d = doc(i);
        for (q, set) in queries.iter().zip(sets.iter_mut()) {
            if contains_all(&d, q) {
                set.insert(d.id);
            }
        }
    }
    println!("精确子串扫描：{:.1} s", start.elapsed().as_secs_f64());
    for (q, s) in queries.iter().zip(&sets) {
        println!("  {q}: {} 条", s.len());
    }
    sets
}

/// Latencies (ms) of each query, `REPS` rounds, and the recall of each query.
struct Measured {
    engine: &'static str,
    build_s: f64,
    latencies: Vec<f64>,
    recalls: Vec<(String, f64)>,
}

impl std::fmt::Display for Measured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut l = self.latencies.clone();
        l.sort_by(f64::total_cmp);
        let at = |p: f64| l[((l.len() as f64 - 1.0) * p).round() as usize];
        let overall = self.recalls.iter().map(|r| r.1).sum::<f64>() / self.recalls.len() as f64;
        let worst = self
            .recalls
            .iter()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .unwrap();
        write!(
            f,
            "| {} | {:.0} s | {:.2} ms | {:.2} ms | {:.1}% | {}（{:.1}%） |",
            self.engine,
            self.build_s,
            at(0.5),
            at(0.99),
            overall * 100.0,
            worst.0,
            worst.1 * 100.0
        )
    }
}

fn recall(found: &HashSet<i64>, truth: &HashSet<i64>) -> f64 {
    if truth.is_empty() {
        return if found.is_empty() { 1.0 } else { 0.0 };
    }
    found.intersection(truth).count() as f64 / truth.len() as f64
}

fn tantivy(n: u64, dir: &Path, queries: &[String], truth: &[HashSet<i64>]) -> Measured {
    let path = dir.join("tantivy");
    // BENCH_REUSE=1 keeps an index of the right size from an earlier run.
    let reuse = std::env::var("BENCH_REUSE").is_ok()
        && SearchIndex::open(&path).is_ok_and(|i| i.len() == n);
    if !reuse {
        let _ = std::fs::remove_dir_all(&path);
    }
    let index = SearchIndex::open(&path).unwrap();
    let start = Instant::now();
    let mut batch: Vec<Doc> = Vec::with_capacity(10_000);
    for i in (0..n).filter(|_| !reuse) {
        batch.push(doc(i));
        if batch.len() == 10_000 {
            index.add_uncommitted(&batch).unwrap();
            batch.clear();
        }
    }
    index.add_uncommitted(&batch).unwrap();
    index.apply(&[], &[], 0).unwrap();
    let build_s = start.elapsed().as_secs_f64();
    println!("tantivy：建索引 {build_s:.0} s");
    let q = |text: &str| Query {
        text: text.into(),
        limit: 10,
        ..Query::default()
    };
    let mut latencies = Vec::new();
    let mut per_query = vec![Vec::new(); queries.len()];
    for _ in 0..REPS {
        for (i, text) in queries.iter().enumerate() {
            let t = Instant::now();
            let r = index.search(&q(text)).unwrap();
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            latencies.push(ms);
            per_query[i].push(ms);
            std::hint::black_box(r);
        }
    }
    for (text, mut l) in queries.iter().zip(per_query) {
        l.sort_by(f64::total_cmp);
        println!(
            "  tantivy {text}: 中位数 {:.2} ms，最慢 {:.2} ms",
            l[l.len() / 2],
            l[l.len() - 1]
        );
    }
    let recalls = queries
        .iter()
        .zip(truth)
        .map(|(text, t)| {
            let found: HashSet<i64> = index.matching_ids(&q(text)).unwrap().into_iter().collect();
            (text.clone(), recall(&found, t))
        })
        .collect();
    Measured {
        engine: "gongkai（tantivy + jieba + 二元组）",
        build_s,
        latencies,
        recalls,
    }
}

fn fts5(n: u64, dir: &Path, queries: &[String], truth: &[HashSet<i64>]) -> Measured {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use sqlx::Connection;
        let file = dir.join("fts5.db");
        // BENCH_REUSE=1 keeps the database of an earlier run.
        let reuse = std::env::var("BENCH_REUSE").is_ok() && file.exists();
        if !reuse {
            let _ = std::fs::remove_file(&file);
        }
        let url = format!("sqlite:{}?mode=rwc", file.display());
        let mut c = sqlx::SqliteConnection::connect(&url).await.unwrap();
        if !reuse {
            sqlx::query(
                "CREATE VIRTUAL TABLE docs USING fts5(title, body, codes, tokenize='trigram')",
            )
            .execute(&mut c)
            .await
            .unwrap();
        }
        let start = Instant::now();
        let mut tx = c.begin().await.unwrap();
        for i in (0..n).filter(|_| !reuse) {
            let d = doc(i);
            sqlx::query("INSERT INTO docs (rowid, title, body, codes) VALUES ($1, $2, $3, $4)")
                .bind(d.id)
                .bind(&d.title)
                .bind(&d.text)
                .bind(format!("{} {}", d.index_no, d.doc_no))
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        let build_s = start.elapsed().as_secs_f64();
        println!("SQLite FTS5：建索引 {build_s:.0} s");
        let expr = |q: &str| {
            q.split_whitespace()
                .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        let mut latencies = Vec::new();
        for _ in 0..REPS {
            for text in queries {
                let t = Instant::now();
                let top: Vec<i64> = sqlx::query_scalar(
                    "SELECT rowid FROM docs WHERE docs MATCH $1 ORDER BY rank LIMIT 10",
                )
                .bind(expr(text))
                .fetch_all(&mut c)
                .await
                .unwrap_or_default();
                let total: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM docs WHERE docs MATCH $1")
                        .bind(expr(text))
                        .fetch_one(&mut c)
                        .await
                        .unwrap_or(0);
                latencies.push(t.elapsed().as_secs_f64() * 1000.0);
                std::hint::black_box((top, total));
            }
        }
        let mut recalls = Vec::new();
        for (text, t) in queries.iter().zip(truth) {
            let ids: Vec<i64> = sqlx::query_scalar("SELECT rowid FROM docs WHERE docs MATCH $1")
                .bind(expr(text))
                .fetch_all(&mut c)
                .await
                .unwrap_or_default();
            recalls.push((text.clone(), recall(&ids.into_iter().collect(), t)));
        }
        Measured {
            engine: "SQLite FTS5（trigram）",
            build_s,
            latencies,
            recalls,
        }
    })
}

fn xapian(n: u64, dir: &Path, queries: &[String], truth: &[HashSet<i64>]) -> Measured {
    let corpus = dir.join("corpus.tsv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&corpus).unwrap());
    for i in 0..n {
        let d = doc(i);
        let clean = |s: &str| s.replace(['\t', '\n'], " ");
        writeln!(
            out,
            "{}\t{}\t{}\t{} {}",
            d.id,
            clean(&d.title),
            clean(&d.text),
            d.index_no,
            d.doc_no
        )
        .unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/bench_xapian.py");
    let query_json = serde_json::to_string(queries).unwrap();
    // Debian's python3-xapian is installed for the system interpreter, not for pyenv and such.
    let python = if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    let output = std::process::Command::new(python)
        .args([
            script,
            corpus.to_str().unwrap(),
            dir.join("xapian").to_str().unwrap(),
            &query_json,
            &REPS.to_string(),
        ])
        .output()
        .expect("python3 with python3-xapian (apt install python3-xapian)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let build_s = v["build_s"].as_f64().unwrap();
    println!("Xapian：建索引 {build_s:.0} s");
    let latencies = v["latencies_ms"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x.as_f64())
        .collect();
    let recalls = queries
        .iter()
        .zip(truth)
        .zip(v["ids"].as_array().unwrap())
        .map(|((text, t), ids)| {
            let found: HashSet<i64> = ids
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|x| x.as_i64())
                .collect();
            (text.clone(), recall(&found, t))
        })
        .collect();
    Measured {
        engine: "Xapian（CJK n-gram）",
        build_s,
        latencies,
        recalls,
    }
}
