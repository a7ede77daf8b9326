//! Rendered public pages kept in memory (issue 19): anonymous GETs of the portal and the
//! public API are answered from here while nothing was written since they were rendered, with
//! an `ETag` (a matching `If-None-Match` gets 304). A write through this instance (a POST
//! after which the audit log's head moved) empties it at once; a write by another instance on the same database (or
//! the CLI) is noticed by the audit log's head, read at most every `check_ms`. Memory is
//! bounded: least recently used pages go first once `bytes` is exceeded.

use crate::Ctx;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::RwLock;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

/// How the cache is sized and how often it looks for other instances' writes.
#[derive(Clone, Copy, Debug)]
pub struct CacheConfig {
    /// Total bytes of cached pages (0: no cache).
    pub bytes: usize,
    /// At most this often (ms) the database's write mark is read (0: on every request).
    pub check_ms: u64,
}

impl Default for CacheConfig {
    fn default() -> CacheConfig {
        CacheConfig {
            bytes: 64 * 1024 * 1024,
            check_ms: 250,
        }
    }
}

/// The largest page kept (a bigger one is served, not cached).
const MAX_ENTRY: usize = 1024 * 1024;

/// What public pages are sent with: any cache may store them but must ask again each time
/// (the `ETag` makes that a 304), and the 大字版 cookie changes them.
const PUBLIC: &str = "public, max-age=0, must-revalidate";

struct Entry {
    epoch: u64,
    /// Last use (for eviction); updated under the read lock.
    tick: AtomicU64,
    /// The response's own headers (type, disposition of a download).
    headers: HeaderMap,
    etag: HeaderValue,
    body: Bytes,
}

#[derive(Default)]
struct Inner {
    map: HashMap<String, Entry>,
    bytes: usize,
}

/// The cache of one instance.
pub struct RenderCache {
    config: CacheConfig,
    /// Hits take the read lock only: a page served from here costs a hash lookup.
    inner: RwLock<Inner>,
    tick: AtomicU64,
    /// Bumped by every write seen; entries of an older epoch are stale.
    epoch: AtomicU64,
    /// The database's write mark last seen, and when it was read (ms since start).
    mark: AtomicI64,
    checked: AtomicU64,
    started: std::time::Instant,
}

impl RenderCache {
    /// An empty cache.
    pub fn new(config: CacheConfig) -> RenderCache {
        RenderCache {
            config,
            inner: RwLock::default(),
            tick: AtomicU64::new(0),
            epoch: AtomicU64::new(0),
            mark: AtomicI64::new(-1),
            checked: AtomicU64::new(0),
            started: std::time::Instant::now(),
        }
    }

    /// Everything cached so far is stale.
    pub fn bump(&self) {
        self.epoch.fetch_add(1, Ordering::SeqCst);
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Inner> {
        self.inner
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Inner> {
        self.inner
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn get(&self, key: &str, epoch: u64) -> Option<(HeaderMap, HeaderValue, Bytes)> {
        let inner = self.read();
        let entry = inner.map.get(key).filter(|e| e.epoch == epoch)?;
        let tick = self.tick.fetch_add(1, Ordering::Relaxed);
        entry.tick.store(tick, Ordering::Relaxed);
        Some((
            entry.headers.clone(),
            entry.etag.clone(),
            entry.body.clone(),
        ))
    }

    fn put(&self, key: String, entry: Entry) {
        let size = key.len() + entry.body.len();
        if size > MAX_ENTRY || size > self.config.bytes {
            return;
        }
        entry
            .tick
            .store(self.tick.fetch_add(1, Ordering::Relaxed), Ordering::Relaxed);
        let mut inner = self.write();
        if let Some(old) = inner.map.insert(key.clone(), entry) {
            inner.bytes -= key.len() + old.body.len();
        }
        inner.bytes += size;
        if inner.bytes > self.config.bytes {
            evict(&mut inner, self.config.bytes);
        }
    }

    /// Reads the database's write mark when `check_ms` has passed (or `now`); a change
    /// empties the cache.
    async fn notice_writes(&self, ctx: &Ctx, force: bool) {
        let now = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let last = self.checked.load(Ordering::Relaxed);
        let due = self.config.check_ms == 0 || now.saturating_sub(last) >= self.config.check_ms;
        if !(force || due) {
            return;
        }
        self.checked.store(now, Ordering::Relaxed);
        match ctx.app.write_mark().await {
            Ok(mark) if self.mark.swap(mark, Ordering::SeqCst) != mark => self.bump(),
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(code = e.code(), "reading the write mark failed: {e}");
                self.bump();
            }
        }
    }
}

/// Drops the least recently used pages until the rest fit in `bytes` (and a quarter of it
/// is free, so that a full cache does not sort on every insert).
fn evict(inner: &mut Inner, bytes: usize) {
    let mut by_use: Vec<(u64, String)> = inner
        .map
        .iter()
        .map(|(k, e)| (e.tick.load(Ordering::Relaxed), k.clone()))
        .collect();
    by_use.sort_unstable();
    let target = bytes - bytes / 4;
    for (_, key) in by_use {
        if inner.bytes <= target {
            break;
        }
        if let Some(gone) = inner.map.remove(&key) {
            inner.bytes -= key.len() + gone.body.len();
        }
    }
}

/// Paths whose pages are cached: the public ones, not static files (served from memory
/// already) and not the health check.
fn cached_path(path: &str) -> bool {
    let rest = crate::site::split_code(path).map_or(path, |(_, rest)| rest);
    crate::cacheable(path) && !rest.starts_with("/static/") && rest != "/healthz"
}

fn key(req: &Request) -> String {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let on = |name| crate::staff::cookie(req.headers(), name).is_some_and(|v| v == "1");
    let (large, contrast) = (on("gk_large"), on("gk_contrast"));
    let uri = req.uri().path_and_query().map_or("", |p| p.as_str());
    format!("{host}|{}{}|{uri}", u8::from(large), u8::from(contrast))
}

fn etag_of(body: &[u8]) -> HeaderValue {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut h);
    HeaderValue::from_str(&format!("\"{:016x}-{}\"", h.finish(), body.len()))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

fn matches(if_none_match: Option<&HeaderValue>, etag: &HeaderValue) -> bool {
    if_none_match
        .and_then(|v| v.to_str().ok())
        .into_iter()
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || t.trim().as_bytes() == etag.as_bytes())
}

/// The headers a cached page is sent with: its own (type, disposition), the `ETag` and the
/// caching rules, built once when it is stored.
fn sent_headers(mut own: HeaderMap, etag: &HeaderValue) -> HeaderMap {
    for name in [header::CACHE_CONTROL, header::CONTENT_LENGTH, header::ETAG] {
        own.remove(name);
    }
    own.insert(header::ETAG, etag.clone());
    own.insert(header::CACHE_CONTROL, HeaderValue::from_static(PUBLIC));
    own.insert(header::VARY, HeaderValue::from_static("Cookie"));
    own
}

fn respond(
    request: Option<&HeaderValue>,
    (headers, etag, body): (HeaderMap, HeaderValue, Bytes),
    head: bool,
) -> Response {
    let not_modified = matches(request, &etag);
    let mut res = if not_modified {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        let h = res.headers_mut();
        h.insert(header::ETAG, etag);
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(PUBLIC));
        h.insert(header::VARY, HeaderValue::from_static("Cookie"));
        return res;
    } else if head {
        Response::new(Body::empty())
    } else {
        Response::new(Body::from(body))
    };
    *res.headers_mut() = headers;
    res
}

/// The middleware.
pub async fn layer(State(ctx): State<Ctx>, req: Request, next: Next) -> Response {
    let cache = ctx.cache.clone();
    let reads = matches!(*req.method(), Method::GET | Method::HEAD);
    if !reads {
        // A form that wrote (the audit log grew) empties the cache before its answer leaves,
        // so the next page shows the change; a refused or read-only POST (a tracking query)
        // keeps it.
        let res = next.run(req).await;
        cache.notice_writes(&ctx, true).await;
        return res;
    }
    if cache.config.bytes == 0 || !cached_path(req.uri().path()) {
        return next.run(req).await;
    }
    cache.notice_writes(&ctx, false).await;
    let (key, epoch) = (key(&req), cache.epoch.load(Ordering::SeqCst));
    let head = req.method() == Method::HEAD;
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(found) = cache.get(&key, epoch) {
        return respond(if_none_match.as_ref(), found, head);
    }
    let res = next.run(req).await;
    let small = axum::body::HttpBody::size_hint(res.body())
        .upper()
        .is_some_and(|n| n <= MAX_ENTRY as u64);
    let storable =
        res.status() == StatusCode::OK && !res.headers().contains_key(header::SET_COOKIE) && small;
    if !storable || head {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_ENTRY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let etag = etag_of(&body);
    let kept = sent_headers(parts.headers, &etag);
    let entry = Entry {
        epoch,
        tick: AtomicU64::new(0),
        headers: kept.clone(),
        etag: etag.clone(),
        body: body.clone(),
    };
    cache.put(key, entry);
    respond(if_none_match.as_ref(), (kept, etag, body), false)
}
