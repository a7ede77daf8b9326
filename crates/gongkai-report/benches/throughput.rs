//! Check throughput: parse + check over a mix of the real fixtures, on one core.
//! Run with `cargo bench -p gongkai-report`; the number goes into README's performance section.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn fixtures() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test_data/reports");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("test_data/reports exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.to_string_lossy().contains(".expected."))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "html")))
        .filter(|p| {
            std::env::var("BENCH_ONLY").map_or(true, |only| p.to_string_lossy().contains(&only))
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read(p).expect("fixture readable"))
        .collect()
}

/// Microseconds per parse+check of one input, over `rounds` rounds.
fn micros_each(input: &[u8], rounds: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..rounds {
        black_box(gongkai_report::parse(black_box(input)).findings(None));
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(rounds)
}

#[expect(clippy::print_stdout, reason = "a bench binary reports its result")]
fn main() {
    let inputs = fixtures();
    if std::env::var_os("BENCH_EACH").is_some() {
        for (i, input) in inputs.iter().enumerate() {
            println!(
                "fixture {i}: {:.0} µs ({} bytes)",
                micros_each(input, 300),
                input.len()
            );
        }
    }
    let budget = Duration::from_secs(
        std::env::var("BENCH_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(5),
    );
    let start = Instant::now();
    let mut reports = 0u64;
    let mut findings = 0usize;
    let rounds: Option<u64> = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok());
    while rounds.map_or(start.elapsed() < budget, |r| {
        reports < r * inputs.len() as u64
    }) {
        for input in &inputs {
            let parsed = gongkai_report::parse(black_box(input));
            findings += parsed.findings(None).len();
            reports += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let bytes: usize = inputs.iter().map(Vec::len).sum();
    println!(
        "parse+check: {reports} reports in {secs:.2} s = {:.0} reports/s on one core ({} fixtures, {:.1} KB average, {findings} findings)",
        reports as f64 / secs,
        inputs.len(),
        bytes as f64 / inputs.len() as f64 / 1024.0
    );
}
