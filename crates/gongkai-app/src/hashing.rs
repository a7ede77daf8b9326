//! Password hashing on a fixed pool of threads (issue 13). Each argon2id hash needs its own
//! block of memory (m = 19 MiB); hashed on the runtime's blocking pool, 50 concurrent logins,
//! applications or tracking requests grew the process to 7 GB and kept it there. Here at most
//! [`THREADS`] hashes run at once, at most [`QUEUE`] wait, and a request beyond that is told
//! to come back ([`AppError::Busy`]) instead of growing the memory.

use crate::AppError;
use std::sync::OnceLock;
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};

/// Hashes computed at once (the memory bound is `THREADS` × 19 MiB).
pub const THREADS: usize = 2;
/// Hashes waiting for a thread; one more is refused with [`AppError::Busy`].
pub const QUEUE: usize = 64;
/// Seconds a refused request is asked to wait (`Retry-After`).
pub const RETRY_SECS: u64 = 5;

type Job = Box<dyn FnOnce() + Send>;

fn pool() -> Option<&'static SyncSender<Job>> {
    static POOL: OnceLock<Option<SyncSender<Job>>> = OnceLock::new();
    POOL.get_or_init(start).as_ref()
}

fn start() -> Option<SyncSender<Job>> {
    let (tx, rx) = sync_channel::<Job>(QUEUE);
    let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
    for n in 0..THREADS {
        let rx = rx.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("gongkai-hash-{n}"))
            .spawn(move || {
                loop {
                    let job = match rx.lock() {
                        Ok(r) => r.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                }
            });
        spawned.ok()?;
    }
    Some(tx)
}

/// Runs `work` on the hashing pool and waits for its result.
pub async fn run<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let (done, result) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = done.send(work());
    });
    let pool = pool().ok_or_else(|| AppError::Invalid("密码校验线程无法启动".into()))?;
    match pool.try_send(job) {
        Ok(()) => {}
        Err(TrySendError::Full(_)) => return Err(AppError::Busy { secs: RETRY_SECS }),
        Err(TrySendError::Disconnected(_)) => {
            return Err(AppError::Invalid("密码校验线程已停止".into()));
        }
    }
    result
        .await
        .map_err(|_| AppError::Invalid("密码校验中断".into()))
}
