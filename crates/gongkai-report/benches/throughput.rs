//! Check throughput: parse + check over a mix of the real fixtures, on one core.
//! Run with `cargo bench -p gongkai-report`; the number goes into README's performance section.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// The real published reports of ../shared/fixtures/reports, as copied into test_data/.
const SHARED_FIXTURES: [&str; 8] = [
    "baicheng-nongyenongcun-2024-notables.txt",
    "changchun-xinqu-2025-partial.txt",
    "huaian-shi-2024.txt",
    "pingtan-2025.txt",
    "qiliying-zhen-2025.txt",
    "shanghai-bgt-2019.html",
    "shanghai-bgt-2019.txt",
    "xiongxian-xiang-2019-empty.txt",
];

fn fixtures() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test_data/reports");
    SHARED_FIXTURES
        .iter()
        .filter(|name| std::env::var("BENCH_ONLY").map_or(true, |only| name.contains(&only)))
        .map(|name| std::fs::read(dir.join(name)).expect("fixture readable"))
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
