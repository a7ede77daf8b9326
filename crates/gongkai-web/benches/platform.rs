//! Platform benchmark (issue 15): a province-sized platform, 500 agencies (a root, 20
//! counties, their departments and towns) and 1,000,000 published items, served in-process
//! through the real router on an SQLite file. p50/p99 of the platform home, an agency's
//! 专栏 home, its catalogue (first and a deep page) and item pages.
//!
//! `cargo bench -p gongkai-web --bench platform -- [ITEMS] [AGENCIES]` (defaults 1,000,000 and
//! 500; seeding takes about a minute, `BENCH_REQUESTS` sets the requests per page, 300).

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    reason = "a benchmark reports on stdout"
)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use gongkai_app::App;
use gongkai_search::SearchIndex;
use gongkai_store::Store;
use std::time::{Duration, Instant};
use tower::ServiceExt;

#[path = "support/platform_data.rs"]
mod platform_data;
use platform_data::{agencies_sql, code, items_sql};

async fn seeded(items: u64, agencies: u64) -> App {
    let dir = std::env::temp_dir().join(format!("gongkai-platform-bench-{items}-{agencies}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/gongkai.db?mode=rwc", dir.display());
    let store = Store::open(&url).await.unwrap();
    let started = Instant::now();
    gongkai_store::testing::execute(&store, &agencies_sql(agencies)).await;
    gongkai_store::testing::execute(&store, &items_sql(items, agencies)).await;
    println!(
        "生成 {agencies} 个机关、{items} 条已公开信息：{:.0?}",
        started.elapsed()
    );
    App::new(store, SearchIndex::in_memory().unwrap())
}

/// A small deterministic generator (the same pages every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (self.0 >> 33) % n
    }
}

async fn measure(router: &axum::Router, paths: &[String]) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(paths.len());
    for path in paths {
        let req = Request::get(path)
            .header("host", "bench")
            .body(Body::empty());
        let started = Instant::now();
        let res = router.clone().oneshot(req.unwrap()).await.unwrap();
        let status = res.status();
        axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        times.push(started.elapsed());
        assert_eq!(status, StatusCode::OK, "{path}");
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.99))
}

/// 10,000 open applications of agency 22, received over the last 30 days (in person).
fn open_cases_sql(cases: u64) -> String {
    format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {cases}) \
         INSERT INTO applications (id, agency_id, tracking_code, tracking_secret_hash, channel, \
           applicant_type, applicant_name, request, received_on, state, created_at) \
         SELECT i, 22, 'W' || i, 'x', 'in_person', 'natural_person', '申请人' || i, \
           '申请公开的信息', date('2026-11-05', '+' || (i % 30) || ' days'), 'in_progress', 0 \
         FROM n; \
         INSERT INTO application_events (application_id, seq, kind, on_date, payload, at) \
         SELECT id, 1, 'received', received_on, '{{\"channel\":\"in_person\"}}', 0 \
         FROM applications WHERE agency_id = 22; ANALYZE;"
    )
}

/// p50 / p99 of a use case run `runs` times (after one warm-up run).
async fn time_use_case<F, Fut>(runs: usize, mut f: F) -> (Duration, Duration)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    f().await;
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        std::hint::black_box(f().await);
        times.push(started.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.99))
}

/// The registrar's work list with 10,000 open applications and the supervisor's dashboard
/// over every agency of the platform, through the use cases.
async fn console_work(app: &App, runs: usize) {
    use gongkai_domain::disclosure::Role;
    let cases = 10_000;
    gongkai_store::testing::execute(app.store(), &open_cases_sql(cases)).await;
    let accounts = [("bench-registrar", Role::Registrar)];
    gongkai_app::testing::users(app, 22, &accounts, |n, _| n.into())
        .await
        .unwrap();
    let accounts = [("bench-supervisor", Role::Supervisor)];
    gongkai_app::testing::users(app, 1, &accounts, |n, _| n.into())
        .await
        .unwrap();
    let registrar = app.actor("bench-registrar").await.unwrap();
    let supervisor = app.actor("bench-supervisor").await.unwrap();
    let (p50, p99) = time_use_case(runs, || async {
        app.work_list(&registrar).await.unwrap().len()
    })
    .await;
    println!(
        "依申请公开工作列表（{cases} 件办理中）：p50 {:.1} ms，p99 {:.1} ms",
        ms(p50),
        ms(p99)
    );
    let (p50, p99) = time_use_case(runs, || async {
        app.dashboard(&supervisor).await.unwrap().rows.len()
    })
    .await;
    println!(
        "监督看板（全平台机关）：p50 {:.1} ms，p99 {:.1} ms",
        ms(p50),
        ms(p99)
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let mut args = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse::<u64>().ok());
    let items = args.next().unwrap_or(1_000_000);
    let agencies = args.next().unwrap_or(500).max(22);
    let requests: usize = std::env::var("BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let app = seeded(items, agencies).await;
    console_work(&app, requests.min(50)).await;
    let router = gongkai_web::router(app, gongkai_web::WebConfig::default());
    let mut rng = Lcg(7);
    let per_agency = items / agencies;
    let mut pages: Vec<(&str, Vec<String>)> = Vec::new();
    let mut make = |name, f: &mut dyn FnMut(&mut Lcg) -> String| {
        let paths = (0..requests).map(|_| f(&mut rng)).collect();
        pages.push((name, paths));
    };
    make("平台首页 /", &mut |_| "/".into());
    make("机关专栏首页 /{code}/", &mut |r| {
        format!("/{}/", code(1 + r.below(agencies)))
    });
    make("法定主动公开内容 第1页", &mut |r| {
        format!("/{}/fdzdgknr", code(1 + r.below(agencies)))
    });
    let deep = (per_agency / 20).max(1);
    make("法定主动公开内容 末页附近", &mut |r| {
        let page = 1 + deep.saturating_sub(1 + r.below(3));
        format!("/{}/fdzdgknr?page={page}", code(1 + r.below(agencies)))
    });
    make("信息页 /{code}/xxgk/{id}", &mut |r| {
        let id = 1 + r.below(items);
        format!("/{}/xxgk/{id}", code(1 + id % agencies))
    });
    println!("每页 {requests} 次请求（进程内，经完整路由，单连接依次发出）：");
    println!("{:<28} {:>10} {:>10}", "页面", "p50", "p99");
    for (name, paths) in &pages {
        measure(&router, &paths[..paths.len().min(20)]).await;
        let (p50, p99) = measure(&router, paths).await;
        println!("{name:<28} {:>8.2}ms {:>8.2}ms", ms(p50), ms(p99));
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
