//! Crash safety (issue 5): a child process registering applications is killed with SIGKILL at
//! random moments, many times; after each kill every registration it had acknowledged is
//! there and the audit chain verifies.
//!
//! The child is this test binary run again on [`child_registers_applications_until_killed`]
//! with `GONGKAI_CRASH_CHILD_URL` set; without it that function does nothing.

use crate::support::{sqlite, town};
use crate::transactions::register;
use gongkai_store::Store;
use gongkai_store::audit::Verdict;
use gongkai_store::testing::pg_url;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

const CHILD_URL: &str = "GONGKAI_CRASH_CHILD_URL";

/// The child: registers applications one after another and acknowledges each after commit.
#[tokio::test]
async fn child_registers_applications_until_killed() {
    let Ok(url) = std::env::var(CHILD_URL) else {
        return;
    };
    let round = std::env::var("GONGKAI_CRASH_ROUND").expect("round");
    let store = Store::open(&url).await.expect("open");
    let agency = store.agencies().await.expect("agencies")[0].id;
    let mut out = std::io::stdout().lock();
    for k in 0.. {
        let code = format!("R{round}-{k}");
        register(&store, agency, &code).await.expect("register");
        writeln!(out, "acked {code}")
            .and_then(|()| out.flush())
            .expect("stdout");
    }
}

/// A random delay from 20 to 300 ms: the kill lands at a different point of a write each
/// round (issue 13: `Instant::now().elapsed()` is about 0, so every round was alike). The
/// standard library's hasher is seeded randomly per process.
fn jitter(round: u32) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(round);
    Duration::from_millis(20 + h.finish() % 280)
}

/// Starts the child against `url`; its acknowledgements arrive on the receiver.
fn start_child(url: &str, round: &str) -> (std::process::Child, std::sync::mpsc::Receiver<String>) {
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "crash::child_registers_applications_until_killed",
            "--exact",
            "--nocapture",
        ])
        .env(CHILD_URL, url)
        .env("GONGKAI_CRASH_ROUND", round)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn child");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(code) = line.strip_prefix("acked ") {
                let _ = tx.send(code.to_string());
            }
        }
    });
    (child, rx)
}

/// Runs the child against `url`, kills it after a while, and returns what it acknowledged.
fn run_and_kill(url: &str, round: u32) -> Vec<String> {
    let (mut child, acked) = start_child(url, &round.to_string());
    // Let it get going (the first acknowledgement), then kill it at a random moment.
    std::thread::sleep(Duration::from_millis(150) + jitter(round));
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    acked.iter().collect()
}

/// After a crash: every acknowledged registration is in the store and the audit chain verifies.
async fn assert_all_there(url: &str, round: u32, acked: &[String]) {
    let store = Store::open(url).await.expect("reopen after the crash");
    let present: BTreeSet<String> = store
        .applications()
        .await
        .expect("applications")
        .into_iter()
        .map(|a| a.tracking_code)
        .collect();
    let lost: Vec<&String> = acked.iter().filter(|c| !present.contains(*c)).collect();
    assert!(
        lost.is_empty(),
        "round {round}: acknowledged but lost: {lost:?}"
    );
    let verdict = store.verify_audit().await.expect("verify");
    assert!(
        matches!(verdict, Verdict::Intact { .. }),
        "round {round}: {verdict:?}"
    );
    store.close().await;
}

async fn crash_many_times(url: &str, rounds: u32) {
    let store = Store::open(url).await.expect("open");
    town(&store).await;
    store.close().await;
    let mut acked_total = 0;
    for round in 0..rounds {
        let acked = run_and_kill(url, round);
        assert_all_there(url, round, &acked).await;
        acked_total += acked.len();
    }
    assert!(
        acked_total >= rounds as usize,
        "the child hardly wrote anything: {acked_total}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn sqlite_acknowledged_writes_survive_sigkill() {
    if std::env::var(CHILD_URL).is_ok() {
        return;
    }
    let db = sqlite("crash").await;
    db.store.close().await;
    crash_many_times(&db.url, 20).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn postgres_acknowledged_writes_survive_sigkill() {
    if std::env::var(CHILD_URL).is_ok() {
        return;
    }
    let Some(url) = pg_url("crash").await else {
        return;
    };
    crash_many_times(&url, 12).await;
}

/// Runs a shell command given by the test script (stopping or starting the crash cluster).
fn shell(command: &str) {
    let status = Command::new("sh")
        .args(["-c", command])
        .stdout(Stdio::null())
        .status()
        .expect("sh");
    assert!(status.success(), "{command}: {status}");
}

/// Issue 13: the PostgreSQL **server** stops in the middle of writes (`pg_ctl stop -m
/// immediate`: no shutdown checkpoint, as a power cut would leave it), then starts again
/// (crash recovery from the WAL). Every registration the client had acknowledged is there and
/// the audit chain verifies. Runs on a cluster of its own that `scripts/test` starts, since
/// stopping the shared one would fail the other tests.
#[tokio::test(flavor = "multi_thread")]
async fn postgres_acknowledged_writes_survive_a_server_crash() {
    if std::env::var(CHILD_URL).is_ok() {
        return;
    }
    let env = |k: &str| std::env::var(k).ok();
    let (Some(url), Some(stop), Some(start)) = (
        env("GONGKAI_TEST_PG_CRASH_URL"),
        env("GONGKAI_TEST_PG_CRASH_STOP"),
        env("GONGKAI_TEST_PG_CRASH_START"),
    ) else {
        assert!(
            env("GONGKAI_TEST_PG_REQUIRED").is_none(),
            "scripts/test starts a crash cluster: GONGKAI_TEST_PG_CRASH_* are missing"
        );
        return;
    };
    // A run that failed halfway may have left the cluster stopped: start it (a running one
    // refuses, which is fine).
    let _ = Command::new("sh")
        .args(["-c", &start])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let store = Store::open(&url).await.expect("open");
    if store.agencies().await.expect("agencies").is_empty() {
        town(&store).await;
    }
    store.close().await;
    for round in 0..4 {
        let round_id = format!("S{}-{round}", std::process::id());
        let (mut child, rx) = start_child(&url, &round_id);
        // Wait for the first acknowledgement (a busy machine starts the child slowly), then
        // stop the server at a random moment of the writes that follow.
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the child started writing");
        std::thread::sleep(jitter(round));
        shell(&stop);
        let _ = child.kill();
        child.wait().expect("reap");
        let acked: Vec<String> = std::iter::once(first).chain(rx.iter()).collect();
        shell(&start);
        assert_all_there(&url, round, &acked).await;
    }
}
