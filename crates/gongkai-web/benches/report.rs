//! The annual report from the data (issue 19): one agency with `CASES` applications
//! (1,000,000) spread over 2023–2026, its 2025 report computed by the use case
//! (`App::compute_report`: table 三 from the facts kept beside each application, table 四,
//! the counts of table 二 and the written sections) against the bare `GROUP BY` that counts
//! table 三, on the same database: through the same connection pool and through the
//! database's own shell (`sqlite3` / `psql`, process start included). SQLite always;
//! PostgreSQL when `GONGKAI_BENCH_PG_URL` names an empty database.
//!
//! `cargo bench -p gongkai-web --bench report -- [CASES]` (`BENCH_RUNS`, 10).

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    reason = "a benchmark reports on stdout"
)]

use gongkai_app::App;
use gongkai_search::SearchIndex;
use gongkai_store::Store;
use std::time::{Duration, Instant};

const AGENCY: &str = "INSERT INTO agencies (id, parent_id, code, name, level, kind) \
    VALUES (1, NULL, '11410000000000001X', '测试县人民政府', '县级', 'government');";

const OUTCOMES: [&str; 7] = [
    "granted",
    "partial",
    "unable_not_held",
    "withheld_third_party",
    "rejected_repeated",
    "other_no_correction",
    "unable_needs_creation",
];
const TYPES: [&str; 6] = [
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other",
];

fn case_when(of: &str, values: &[&str]) -> String {
    let arms: String = values
        .iter()
        .enumerate()
        .map(|(k, v)| format!(" WHEN {k} THEN '{v}'"))
        .collect();
    format!("CASE {of} % {}{arms} END", values.len())
}

/// The applications: received over 2023–2026, nine in ten closed within 40 days, their facts
/// known (as after the first report computed them).
fn cases_sql(cases: u64, pg: bool) -> String {
    let (rows, day) = if pg {
        (
            format!("generate_series(1, {cases}) AS n(i)"),
            "to_char(DATE '2023-01-01' + (i % 1400)::int{}, 'YYYY-MM-DD')",
        )
    } else {
        (
            format!(
                "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {cases}) \
                 SELECT i FROM n) AS n"
            ),
            "date('2023-01-01', '+' || (i % 1400{}) || ' days')",
        )
    };
    let received = day.replace("{}", "");
    let closed = day.replace("{}", " + i % 40");
    let known = if pg { "TRUE" } else { "1" };
    format!(
        "INSERT INTO applications (agency_id, tracking_code, tracking_secret_hash, channel, \
           applicant_type, applicant_name, request, received_on, state, created_at, \
           fact_received, fact_closed, fact_outcome, facts_known) \
         SELECT 1, 'B' || i, 'x', 'in_person', {types}, '申请人', '申请公开的信息', {received}, \
           'closed', 0, {received}, CASE WHEN i % 10 = 0 THEN NULL ELSE {closed} END, \
           CASE WHEN i % 10 = 0 THEN NULL ELSE {outcomes} END, {known} FROM {rows}; ANALYZE;",
        types = case_when("i", &TYPES),
        outcomes = case_when("(i / 7)", &OUTCOMES),
    )
}

/// The bare query: table 三's groups for 2025, parameters written in.
fn bare_sql() -> String {
    gongkai_store::case_facts::FACT_COUNTS
        .replace("$1", "1")
        .replace("$2", "'2025-01-01'")
        .replace("$3", "'2025-12-31'")
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

async fn time_runs<F, Fut>(runs: usize, mut f: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    f().await;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        f().await;
        times.push(started.elapsed());
    }
    median(times)
}

fn shell_runs(runs: usize, program: &str, args: &[&str]) -> Option<Duration> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..=runs {
        let started = Instant::now();
        let out = std::process::Command::new(program)
            .args(args)
            .output()
            .ok()?;
        assert!(
            out.status.success(),
            "{program}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        times.push(started.elapsed());
    }
    times.remove(0);
    Some(median(times))
}

async fn run(label: &str, url: &str, shell: (&str, Vec<String>), cases: u64, runs: usize) {
    let store = Store::open(url).await.unwrap();
    let started = Instant::now();
    gongkai_store::testing::execute(&store, AGENCY).await;
    gongkai_store::testing::execute(&store, &cases_sql(cases, url.starts_with("postgres"))).await;
    println!("{label}：生成 {cases} 件申请 {:.1?}", started.elapsed());
    let app = App::new(store.clone(), SearchIndex::in_memory().unwrap());
    let report = || async {
        let r = app.compute_report(1, 2025).await.unwrap();
        assert!(r.applications.is_some());
    };
    let ours = time_runs(runs, report).await;
    let sql = bare_sql();
    let bare = time_runs(runs, || gongkai_store::testing::execute(&store, &sql)).await;
    let mut args: Vec<&str> = shell.1.iter().map(String::as_str).collect();
    args.push(&sql);
    let in_shell = shell_runs(runs, shell.0, &args);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {label} | {cases} | {:.1} ms | {:.1} ms | {} | {:.2}× |",
        ms(ours),
        ms(bare),
        in_shell.map_or("–".into(), |d| format!("{:.1} ms", ms(d))),
        ms(ours) / ms(bare)
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let cases = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<u64>().ok())
        .unwrap_or(1_000_000);
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    let dir = std::env::temp_dir().join(format!("gongkai-report-bench-{cases}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("gongkai.db");
    let url = format!("sqlite://{}?mode=rwc", file.display());
    println!(
        "| 数据库 | 申请件数 | 年报（用例，p50） | 裸 GROUP BY（同一连接池） | 裸 GROUP BY（数据库命令行） | 比例 |"
    );
    println!("|---|---|---|---|---|---|");
    let sqlite_shell = ("sqlite3", vec![file.display().to_string()]);
    run("SQLite", &url, sqlite_shell, cases, runs).await;
    if let Ok(pg) = std::env::var("GONGKAI_BENCH_PG_URL") {
        let psql = (
            "psql",
            vec![
                pg.clone(),
                "-q".into(),
                "-o".into(),
                "/dev/null".into(),
                "-c".into(),
            ],
        );
        run("PostgreSQL", &pg, psql, cases, runs).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}
