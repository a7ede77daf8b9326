//! Concurrent writes (issue 19): `BENCH_CLIENTS` clients (50) submit online applications for
//! `BENCH_SECS` seconds (60) through the application use case (checks, 查询密码 hashing,
//! one transaction with its audit row), on SQLite and, when `GONGKAI_BENCH_PG_URL` names an
//! empty database, on PostgreSQL. Throughput, p50/p99, and afterwards every acknowledged
//! application is looked up by its 查询码: the number lost must be zero.
//!
//! `cargo bench -p gongkai-web --bench writes`

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    reason = "a benchmark reports on stdout"
)]

use gongkai_app::App;
use gongkai_app::cases::ApplicationInput;
use gongkai_domain::clock::ApplicantType;
use gongkai_search::SearchIndex;
use gongkai_store::Store;
use std::time::{Duration, Instant};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn input(client: u64, n: u64) -> ApplicationInput {
    ApplicationInput {
        applicant_type: Some(ApplicantType::NaturalPerson),
        name: format!("申请人{client}"),
        id_no: "11010519491231002X".into(),
        contact: "13812345678".into(),
        request: format!("七里营村2025年道路硬化工程招标文件（第{client}-{n}件）"),
        ..ApplicationInput::default()
    }
}

/// (acknowledged codes, latencies in ms, errors).
async fn client(app: App, agency: i64, id: u64, until: Instant) -> (Vec<String>, Vec<f64>, u64) {
    let (mut codes, mut times, mut errors) = (Vec::new(), Vec::new(), 0);
    let mut n = 0;
    while Instant::now() < until {
        n += 1;
        let started = Instant::now();
        match app.apply_online(agency, &input(id, n)).await {
            Ok(r) => {
                times.push(started.elapsed().as_secs_f64() * 1000.0);
                codes.push(r.code);
            }
            Err(_) => errors += 1,
        }
    }
    (codes, times, errors)
}

async fn run(label: &str, url: &str, clients: u64, secs: u64) {
    let app = App::new(
        Store::open(url).await.unwrap(),
        SearchIndex::in_memory().unwrap(),
    );
    let (_, agency) = gongkai_app::testing::qiliying(&app, true).await.unwrap();
    let until = Instant::now() + Duration::from_secs(secs);
    let tasks: Vec<_> = (0..clients)
        .map(|id| tokio::spawn(client(app.clone(), agency, id, until)))
        .collect();
    let (mut codes, mut times, mut errors) = (Vec::new(), Vec::new(), 0);
    for t in tasks {
        let (c, ms, e) = t.await.unwrap();
        codes.extend(c);
        times.extend(ms);
        errors += e;
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len().saturating_sub(1))];
    let mut lost = 0;
    for code in &codes {
        if app
            .store()
            .case_by_tracking_code(code)
            .await
            .unwrap()
            .is_none()
        {
            lost += 1;
        }
    }
    println!(
        "| {label} | {clients} | {secs} s | {} | {:.1} | {:.0} / {:.0} ms | {errors} | {lost} |",
        codes.len(),
        codes.len() as f64 / secs as f64,
        at(0.5),
        at(0.99)
    );
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (clients, secs) = (env_or("BENCH_CLIENTS", 50), env_or("BENCH_SECS", 60));
    let dir = std::env::temp_dir().join(format!("gongkai-writes-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    println!(
        "| database | clients | time | acknowledged | per second | p50 / p99 | errors | lost |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    runtime.block_on(async {
        let sqlite = format!("sqlite:{}?mode=rwc", dir.join("writes.db").display());
        run("SQLite", &sqlite, clients, secs).await;
        if let Ok(pg) = std::env::var("GONGKAI_BENCH_PG_URL") {
            run("PostgreSQL", &pg, clients, secs).await;
        }
    });
    std::fs::remove_dir_all(&dir).ok();
}
