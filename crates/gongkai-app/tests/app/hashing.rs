//! Issue 13: password hashing through a bounded pool. 200 concurrent logins, applications or
//! tracking requests each hash once with argon2id (19 MiB of memory a hash); the process
//! stays small. Measured in a child process (this test binary again) by its own `VmHWM`.

use gongkai_app::AppError;
use gongkai_app::auth::hash_password;
use std::process::Command;

const CHILD: &str = "GONGKAI_HASH_CHILD";
const CONCURRENT: usize = 200;
/// Peak memory the hashing process may reach: [`gongkai_app::hashing::THREADS`] hashes at
/// 19 MiB each, the runtime and the test harness.
const MAX_PEAK_KB: u64 = 150 * 1024;

#[allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    reason = "the child process reports to its parent test on stdout; a panic fails that test"
)]
fn child() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (mut ok, mut busy) = (0, 0);
    rt.block_on(async {
        let tasks: Vec<_> = (0..CONCURRENT)
            .map(|i| tokio::spawn(async move { hash_password(&format!("password-{i}")).await }))
            .collect();
        for t in tasks {
            match t.await.expect("task") {
                Ok(_) => ok += 1,
                Err(AppError::Busy { .. }) => busy += 1,
                Err(e) => panic!("{e}"),
            }
        }
    });
    let status = std::fs::read_to_string("/proc/self/status").expect("status");
    let hwm = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .map(|v| v.trim().trim_end_matches(" kB").trim().to_string())
        .unwrap_or_default();
    println!("\nRESULT hwm_kb={hwm} ok={ok} busy={busy}");
}

#[test]
fn issue13_two_hundred_concurrent_hashes_keep_memory_flat() {
    if std::env::var(CHILD).is_ok() {
        return child();
    }
    let out = Command::new(std::env::current_exe().expect("exe"))
        .args([
            "--exact",
            "hashing::issue13_two_hundred_concurrent_hashes_keep_memory_flat",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .output()
        .expect("child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.split_once("RESULT ").map(|(_, r)| r.to_string()))
        .unwrap_or_else(|| panic!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    println!("{line}");
    let field = |k: &str| -> u64 {
        line.split_whitespace()
            .find_map(|f| f.strip_prefix(k))
            .and_then(|v| v.parse().ok())
            .expect(k)
    };
    assert!(field("hwm_kb=") < MAX_PEAK_KB, "{line}");
    assert_eq!(field("ok=") + field("busy="), CONCURRENT as u64);
    // 200 fit in the queue: every one waits its turn, none is turned away.
    const { assert!(CONCURRENT <= gongkai_app::hashing::QUEUE) };
    assert_eq!(field("ok="), CONCURRENT as u64, "{line}");
}
