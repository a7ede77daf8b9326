//! Portal benchmark against nginx (issue 19): the demo platform served by gongkai (real
//! server, render cache on) and the very same response bytes served as static files by
//! Debian's nginx, under the same load generator in the same run: requests per second and
//! latency percentiles for the home, an item, the catalogue, a search and `/api/items`.
//!
//! `cargo bench -p gongkai-web --bench portal` (needs `nginx` on the PATH; without it only
//! gongkai is measured). `BENCH_SECS` (default 5) per page, `BENCH_CONNECTIONS` (32).
//! The load generator runs in this process on the same 2 cores as the server being measured,
//! for both servers alike; nginx runs 2 workers without an access log, gongkai without a log
//! subscriber.

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    reason = "a benchmark reports on stdout"
)]

use axum::body::Body;
use gongkai_app::App;
use gongkai_search::SearchIndex;
use gongkai_store::Store;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use std::path::Path;
use std::time::{Duration, Instant};

type Http = Client<HttpConnector, Body>;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One page fetched once: its bytes.
async fn fetch(client: &Http, url: &str) -> (u16, Vec<u8>) {
    let res = client.get(url.parse().unwrap()).await.unwrap();
    let status = res.status().as_u16();
    let body = axum::body::to_bytes(Body::new(res.into_body()), usize::MAX)
        .await
        .unwrap();
    (status, body.to_vec())
}

/// Requests per second and p50/p99 (ms) of `url` under `connections` concurrent clients.
async fn load(client: &Http, url: &str, connections: u64, secs: u64) -> (f64, f64, f64) {
    let until = Instant::now() + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (client, url) = (client.clone(), url.to_string());
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::new();
            while Instant::now() < until {
                let started = Instant::now();
                let res = client.get(url.parse().unwrap()).await.unwrap();
                let _ = axum::body::to_bytes(Body::new(res.into_body()), usize::MAX)
                    .await
                    .unwrap();
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            times
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all.sort_by(f64::total_cmp);
    let at = |q: f64| all[((all.len() as f64 * q) as usize).min(all.len() - 1)];
    (all.len() as f64 / secs as f64, at(0.5), at(0.99))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts nginx serving `root` on a free port; `None` without nginx.
fn nginx(root: &Path) -> Option<(std::process::Child, u16)> {
    let port = free_port();
    let conf = root.join("nginx.conf");
    std::fs::write(
        &conf,
        format!(
            "daemon off; worker_processes 2; pid {pid}; error_log {err};\n\
             events {{ worker_connections 1024; }}\n\
             http {{ access_log off; default_type text/html; client_body_temp_path {tmp}; \
             proxy_temp_path {tmp}; fastcgi_temp_path {tmp}; uwsgi_temp_path {tmp}; scgi_temp_path {tmp};\n\
             server {{ listen 127.0.0.1:{port}; root {root}; }} }}\n",
            pid = root.join("nginx.pid").display(),
            err = root.join("error.log").display(),
            tmp = root.display(),
            root = root.join("www").display(),
        ),
    )
    .unwrap();
    let child = std::process::Command::new("nginx")
        .arg("-c")
        .arg(&conf)
        .arg("-p")
        .arg(root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    for _ in 0..50 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some((child, port));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run());
}

async fn run() {
    let (secs, connections) = (env_or("BENCH_SECS", 5), env_or("BENCH_CONNECTIONS", 32));
    let dir = std::env::temp_dir().join(format!("gongkai-portal-bench-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("www")).unwrap();
    let url = format!("sqlite:{}?mode=rwc", dir.join("bench.db").display());
    let app = App::new(
        Store::open(&url).await.unwrap(),
        SearchIndex::in_memory().unwrap(),
    );
    app.seed_demo().await.unwrap();
    app.sync_index().await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let config = gongkai_web::WebConfig::default();
    let limits = gongkai_web::ServerLimits::default();
    tokio::spawn(gongkai_web::serve(app.clone(), config, limits, listener));
    let client: Http = Client::builder(hyper_util::rt::TokioExecutor::new())
        .pool_max_idle_per_host(connections as usize)
        .build_http();
    let town = "/11410721MB1C75730P";
    let (_, listed) = fetch(&client, &format!("http://127.0.0.1:{port}/api/items")).await;
    let listed: serde_json::Value = serde_json::from_slice(&listed).unwrap();
    let item = listed["items"][0]["id"]
        .as_i64()
        .expect("an item in /api/items");
    let pages = [
        ("首页 /", format!("{town}/")),
        ("信息 /xxgk/…", format!("{town}/xxgk/{item}")),
        ("目录 /fdzdgknr", format!("{town}/fdzdgknr")),
        (
            "检索 /search?q=公开",
            format!("{town}/search?q=%E5%85%AC%E5%BC%80"),
        ),
        ("接口 /api/items", "/api/items".to_string()),
    ];
    for (i, (_, path)) in pages.iter().enumerate() {
        let (status, bytes) = fetch(&client, &format!("http://127.0.0.1:{port}{path}")).await;
        assert_eq!(status, 200, "{path}");
        std::fs::write(dir.join("www").join(format!("p{i}.html")), bytes).unwrap();
    }
    let nginx = nginx(&dir);
    println!("{secs} s per page, {connections} connections, one process generating the load");
    println!("| page | nginx req/s | gongkai req/s | ratio | gongkai p50 / p99 ms |");
    println!("|---|---|---|---|---|");
    for (i, (label, path)) in pages.iter().enumerate() {
        let ours = load(
            &client,
            &format!("http://127.0.0.1:{port}{path}"),
            connections,
            secs,
        )
        .await;
        let theirs = match &nginx {
            Some((_, p)) => Some(
                load(
                    &client,
                    &format!("http://127.0.0.1:{p}/p{i}.html"),
                    connections,
                    secs,
                )
                .await,
            ),
            None => None,
        };
        let (reference, ratio) = match theirs {
            Some(t) => (
                format!("{:.0}", t.0),
                format!("{:.0} %", ours.0 / t.0 * 100.0),
            ),
            None => ("–".into(), "–".into()),
        };
        println!(
            "| {label} | {reference} | {:.0} | {ratio} | {:.2} / {:.2} |",
            ours.0, ours.1, ours.2
        );
    }
    if let Some((mut child, _)) = nginx {
        // `stop` ends the workers too (killing the master alone would leave them running).
        let conf = dir.join("nginx.conf");
        let stop = std::process::Command::new("nginx")
            .args(["-s", "stop", "-c"])
            .arg(&conf)
            .arg("-p")
            .arg(&dir)
            .status();
        if !stop.is_ok_and(|s| s.success()) {
            child.kill().ok();
        }
        child.wait().ok();
    }
    std::fs::remove_dir_all(&dir).ok();
}
