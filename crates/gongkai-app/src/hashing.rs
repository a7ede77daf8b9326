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
pub const QUEUE: usize = 256;
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
    let pool = pool().ok_or_else(|| AppError::Internal("密码校验线程无法启动".into()))?;
    match pool.try_send(job) {
        Ok(()) => {}
        Err(TrySendError::Full(_)) => return Err(AppError::Busy { secs: RETRY_SECS }),
        Err(TrySendError::Disconnected(_)) => {
            return Err(AppError::Internal("密码校验线程已停止".into()));
        }
    }
    result
        .await
        .map_err(|_| AppError::Internal("密码校验中断".into()))
}

/// argon2id with its memory reused: each hashing thread keeps one block of memory and hashes
/// into it (the crate's own API allocates 19 MiB per hash, aligned, which the allocator did
/// not reuse: 20 hashes left 360 MB behind).
pub(crate) mod argon {
    use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
    use argon2::{ARGON2ID_IDENT, Algorithm, Argon2, Block, Params, Version};
    use std::cell::RefCell;

    thread_local! {
        static BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
    }

    /// Runs argon2 with this thread's memory, grown to `params`.
    fn with_memory(
        argon: &Argon2<'_>,
        params: &Params,
        password: &[u8],
        salt: &[u8],
        out: &mut [u8],
    ) -> Result<(), String> {
        BLOCKS.with(|cell| {
            let mut blocks = cell.borrow_mut();
            blocks.resize(params.block_count(), Block::new());
            argon
                .hash_password_into_with_memory(password, salt, out, blocks.as_mut_slice())
                .map_err(|e| e.to_string())
        })
    }

    /// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) of `password` with a fresh salt.
    pub fn hash(password: &[u8]) -> Result<String, String> {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
        let params = Params::default();
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
        let mut out = [0u8; 32];
        with_memory(&argon, &params, password, &salt, &mut out)?;
        let phc = PasswordHash {
            algorithm: ARGON2ID_IDENT,
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params).map_err(|e| e.to_string())?,
            salt: Some(Salt::new(&salt).map_err(|e| e.to_string())?),
            hash: Some(Output::new(&out).map_err(|e| e.to_string())?),
        };
        Ok(phc.to_string())
    }

    /// Whether `password` matches the PHC string `stored` (compared in constant time).
    pub fn verify(password: &[u8], stored: &str) -> bool {
        let Ok(phc) = PasswordHash::new(stored) else {
            return false;
        };
        let (Some(salt), Some(expected)) = (phc.salt, phc.hash) else {
            return false;
        };
        let Ok(params) = Params::try_from(&phc) else {
            return false;
        };
        let Ok(algorithm) = Algorithm::try_from(phc.algorithm.as_str()) else {
            return false;
        };
        let version = phc
            .version
            .and_then(|v| Version::try_from(v).ok())
            .unwrap_or_default();
        let argon = Argon2::new(algorithm, version, params.clone());
        let mut out = vec![0u8; expected.len()];
        if with_memory(&argon, &params, password, salt.as_ref(), &mut out).is_err() {
            return false;
        }
        Output::new(&out).is_ok_and(|o| o == expected)
    }
}

#[cfg(test)]
mod tests {
    use super::argon;
    use argon2::{Argon2, PasswordHasher};

    #[test]
    fn hashes_of_the_crate_and_ours_verify_each_other() {
        let theirs = Argon2::default()
            .hash_password(b"correct horse 42")
            .map(|h| h.to_string())
            .expect("hash");
        assert!(argon::verify(b"correct horse 42", &theirs));
        assert!(!argon::verify(b"wrong", &theirs));
        let ours = argon::hash(b"abcdef123456").expect("hash");
        assert!(
            ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{ours}"
        );
        assert!(argon::verify(b"abcdef123456", &ours));
    }

    /// The stand-in hash for unknown user names must take the full computation, or the time
    /// of the answer would tell which names exist.
    #[test]
    fn the_dummy_hash_parses_so_unknown_users_take_as_long() {
        use argon2::password_hash::phc::PasswordHash;
        let phc = PasswordHash::new(crate::auth::DUMMY_HASH).expect("parses");
        assert!(argon2::Params::try_from(&phc).is_ok());
        assert!(phc.salt.is_some() && phc.hash.is_some());
    }
}
