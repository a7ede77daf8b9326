//! Portal benchmark against nginx (issue 19): the demo platform served by gongkai (real
//! server, render cache on) and the very same response bytes served as static files by
//! Debian's nginx, under the same load generator in the same run: requests per second and
//! latency percentiles for the home, an item, the catalogue, a search and `/api/items`.
//!
//! `cargo bench -p gongkai-web --bench portal` (needs `nginx` on the PATH; without it only
//! gongkai is measured). `BENCH_SECS` (default 5) per page, `BENCH_CONNECTIONS` (32).
//! `-- 1000000 500`: instead of the demo, a province's platform of 500 agencies and
//! 1,000,000 published items (the platform benchmark's data; the search index is rebuilt from
//! it first).
//! The load generator runs in this process on the same 2 cores as the server being measured,
//! for both servers alike; nginx runs 2 workers without an access log, gongkai 2 worker
//! threads of a runtime of its own (not the load generator's) without a log subscriber.

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

#[path = "support/platform_data.rs"]
mod platform_data;

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

/// Seeds the platform (SQL) and rebuilds the search index; returns a town's 专栏 path.
async fn seed_platform(app: &App, items: u64, agencies: u64) -> String {
    let started = Instant::now();
    let store = app.store();
    gongkai_store::testing::execute(store, &platform_data::agencies_sql(agencies)).await;
    gongkai_store::testing::execute(store, &platform_data::items_sql(items, agencies)).await;
    let indexed = app.reindex().await.unwrap();
    println!(
        "平台数据：{agencies} 个机关、{items} 条信息，检索索引 {indexed} 条，共用 {:.0?}",
        started.elapsed()
    );
    format!("/{}", platform_data::code(agencies - 1))
}

/// Runs the server on its own runtime with 2 worker threads, as nginx runs its own 2
/// workers: the load generator's runtime does not schedule the server's tasks.
fn serve_apart(
    app: App,
    config: gongkai_web::WebConfig,
    limits: gongkai_web::ServerLimits,
    listener: std::net::TcpListener,
) {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            gongkai_web::serve(app, config, limits, listener)
                .await
                .unwrap();
        });
    });
}

/// Resident memory in MB of the process `pid`, or of this one (server and load generator).
fn rss_mb(pid: Option<u32>) -> f64 {
    let path = pid.map_or("/proc/self/status".to_string(), |p| {
        format!("/proc/{p}/status")
    });
    let status = std::fs::read_to_string(path).unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

/// The server: `GONGKAI_BIN serve` on the bench's data directory when that variable names the
/// `gongkai` binary (its own RSS is then measured), else the library in this process.
async fn start(app: App, dir: &Path) -> (u16, Option<std::process::Child>) {
    let Ok(bin) = std::env::var("GONGKAI_BIN") else {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let (config, limits) = (
            gongkai_web::WebConfig::default(),
            gongkai_web::ServerLimits::default(),
        );
        serve_apart(app, config, limits, listener);
        return (port, None);
    };
    drop(app);
    let port = free_port();
    let mut child = std::process::Command::new(bin)
        .args(["serve", "--data-dir"])
        .arg(dir)
        .args(["--listen", &format!("127.0.0.1:{port}")])
        // No line per request, as nginx runs without an access log.
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let client: Http = Client::builder(hyper_util::rt::TokioExecutor::new()).build_http();
    for _ in 0..600 {
        let up = client
            .get(format!("http://127.0.0.1:{port}/healthz").parse().unwrap())
            .await;
        if up.is_ok_and(|r| r.status().is_success()) {
            return (port, Some(child));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    child.kill().ok();
    child.wait().ok();
    panic!("gongkai serve did not answer /healthz");
}

/// The first item of the platform-wide list.
async fn first_item(client: &Http, port: u16) -> i64 {
    let (_, listed) = fetch(client, &format!("http://127.0.0.1:{port}/api/items")).await;
    let listed: serde_json::Value = serde_json::from_slice(&listed).unwrap();
    listed["items"][0]["id"]
        .as_i64()
        .expect("an item in /api/items")
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
    // The layout of `gongkai serve --data-dir`, so that GONGKAI_BIN can serve it.
    let url = format!("sqlite:{}?mode=rwc", dir.join("gongkai.db").display());
    let app = App::new(
        Store::open(&url).await.unwrap(),
        SearchIndex::open(&dir.join("search-index")).unwrap(),
    );
    let mut args = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse::<u64>().ok());
    let platform = args
        .next()
        .map(|items| (items, args.next().unwrap_or(500).max(22)));
    let town = match platform {
        Some((items, agencies)) => seed_platform(&app, items, agencies).await,
        None => {
            app.seed_demo().await.unwrap();
            app.sync_index().await.unwrap();
            "/11410721MB1C75730P".to_string()
        }
    };
    let (port, mut child) = start(app, &dir).await;
    let client: Http = Client::builder(hyper_util::rt::TokioExecutor::new())
        .pool_max_idle_per_host(connections as usize)
        .build_http();
    // Agency `a` holds the items `i` with `1 + i % agencies == a`.
    let item = match platform {
        Some((items, agencies)) => (agencies - 2 + agencies * (items / agencies / 2)) as i64,
        None => first_item(&client, port).await,
    };
    let search = match platform {
        Some(_) => "%E5%85%AC%E7%A4%BA",
        None => "%E5%85%AC%E5%BC%80",
    };
    let pages = [
        ("首页 /", format!("{town}/")),
        ("信息 /xxgk/…", format!("{town}/xxgk/{item}")),
        ("目录 /fdzdgknr", format!("{town}/fdzdgknr")),
        ("检索 /search", format!("{town}/search?q={search}")),
        ("接口 /api/items", "/api/items".to_string()),
    ];
    for (i, (_, path)) in pages.iter().enumerate() {
        let (status, bytes) = fetch(&client, &format!("http://127.0.0.1:{port}{path}")).await;
        assert_eq!(status, 200, "{path}");
        std::fs::write(dir.join("www").join(format!("p{i}.html")), bytes).unwrap();
    }
    let nginx = nginx(&dir);
    let pid = child.as_ref().map(std::process::Child::id);
    let idle = rss_mb(pid);
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
    let whose = match pid {
        Some(_) => "gongkai serve 进程",
        None => "服务和负载程序同一进程",
    };
    println!(
        "RSS（{whose}）：负载前 {idle:.0} MB，负载后 {:.0} MB",
        rss_mb(pid)
    );
    if let Some(mut server) = child.take() {
        server.kill().ok();
        server.wait().ok();
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
