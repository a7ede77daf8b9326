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
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Mutex;
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
    tick: u64,
    /// The response's own headers (type, disposition of a download).
    headers: HeaderMap,
    etag: HeaderValue,
    body: Bytes,
}

#[derive(Default)]
struct Inner {
    map: HashMap<String, Entry>,
    /// Last use → key, oldest first.
    order: BTreeMap<u64, String>,
    tick: u64,
    bytes: usize,
}

/// The cache of one instance.
pub struct RenderCache {
    config: CacheConfig,
    inner: Mutex<Inner>,
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
            inner: Mutex::default(),
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

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        match self.inner.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    fn get(&self, key: &str, epoch: u64) -> Option<(HeaderMap, HeaderValue, Bytes)> {
        let mut inner = self.lock();
        inner.tick += 1;
        let tick = inner.tick;
        let entry = inner.map.get_mut(key).filter(|e| e.epoch == epoch)?;
        let old = std::mem::replace(&mut entry.tick, tick);
        let found = (
            entry.headers.clone(),
            entry.etag.clone(),
            entry.body.clone(),
        );
        inner.order.remove(&old);
        inner.order.insert(tick, key.to_string());
        Some(found)
    }

    fn put(&self, key: String, mut entry: Entry) {
        let size = key.len() + entry.body.len();
        if size > MAX_ENTRY || size > self.config.bytes {
            return;
        }
        let mut inner = self.lock();
        inner.tick += 1;
        entry.tick = inner.tick;
        inner.order.insert(entry.tick, key.clone());
        if let Some(old) = inner.map.insert(key.clone(), entry) {
            inner.order.remove(&old.tick);
            inner.bytes -= key.len() + old.body.len();
        }
        inner.bytes += size;
        while inner.bytes > self.config.bytes {
            let Some((_, oldest)) = inner.order.pop_first() else {
                break;
            };
            if let Some(gone) = inner.map.remove(&oldest) {
                inner.bytes -= oldest.len() + gone.body.len();
            }
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
    let large = crate::staff::cookie(req.headers(), "gk_large").is_some_and(|v| v == "1");
    let uri = req.uri().path_and_query().map_or("", |p| p.as_str());
    format!("{host}|{}|{uri}", u8::from(large))
}

fn etag_of(body: &[u8]) -> HeaderValue {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut h);
    HeaderValue::from_str(&format!("\"{:016x}-{}\"", h.finish(), body.len()))
        .unwrap_or_else(|_| HeaderValue::from_static("\"0\""))
}

fn matches(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || t.trim().as_bytes() == etag.as_bytes())
}

fn respond(
    request: &HeaderMap,
    (headers, etag, body): (HeaderMap, HeaderValue, Bytes),
    head: bool,
) -> Response {
    let not_modified = matches(request, &etag);
    let mut res = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else if head {
        Response::new(Body::empty())
    } else {
        Response::new(Body::from(body))
    };
    let h = res.headers_mut();
    if !not_modified {
        h.extend(headers);
    }
    h.insert(header::ETAG, etag);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(PUBLIC));
    h.insert(header::VARY, HeaderValue::from_static("Cookie"));
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
    let headers = req.headers().clone();
    if let Some(found) = cache.get(&key, epoch) {
        return respond(&headers, found, head);
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
    let mut kept = parts.headers;
    for name in [header::CACHE_CONTROL, header::CONTENT_LENGTH, header::ETAG] {
        kept.remove(name);
    }
    let entry = Entry {
        epoch,
        tick: 0,
        headers: kept.clone(),
        etag: etag.clone(),
        body: body.clone(),
    };
    cache.put(key, entry);
    respond(&headers, (kept, etag, body), false)
}
