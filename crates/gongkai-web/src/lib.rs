//! The web: the public 政府信息公开专栏, the staff console and a small JSON API, served by axum
//! with server-rendered HTML that works without JavaScript. The only crate that knows HTTP.
//!
//! Every console route names the permission it needs ([`staff::Staff::require`]); every form
//! carries the session's CSRF token; cookies are HttpOnly and SameSite=Strict.

mod accountability;
mod admin;
mod agency_admin;
mod annual_report;
mod appeals;
mod apply;
mod calendar_admin;
mod case_answers;
mod cases;
mod chart;
mod chrome;
mod console;
mod dashboard;
mod error;
mod fallback;
mod flag_view;
mod form_limit;
mod item_form;
mod letters;
mod limit;
mod not_found;
mod pages;
mod params;
mod password;
mod platform;
mod portal;
mod portal_api;
mod rating;
mod rectification;
mod render_cache;
mod respond;
mod search_page;
mod server;
mod shenpibiao;
mod site;
mod staff;
mod subtree_reports;
mod transfer;
mod upload;
mod users_admin;

pub use error::WebError;
pub use render_cache::CacheConfig;
pub use server::ServerLimits;
#[doc(hidden)]
pub use upload::fuzzing;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use gongkai_app::App;

/// Web settings.
#[derive(Clone, Debug, Default)]
pub struct WebConfig {
    /// Mark the session cookie `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Take the client's address from `X-Forwarded-For` (set behind a reverse proxy that
    /// appends it; otherwise a client could choose its own address).
    pub trust_proxy: bool,
    /// The cache of rendered public pages.
    pub cache: CacheConfig,
    /// No CJK font is installed: PDFs cannot be made, the console says what to install and
    /// offers DOCX (`serve` checks at start).
    pub pdf_fonts_missing: bool,
}

/// What every handler gets.
#[derive(Clone)]
pub struct Ctx {
    /// The use cases.
    pub app: App,
    /// Settings.
    pub config: WebConfig,
    /// Rate limits of the public forms.
    limits: std::sync::Arc<limit::Limits>,
    /// Rendered public pages.
    cache: std::sync::Arc<render_cache::RenderCache>,
}

/// Upload limit for a request (an attachment plus the form).
pub(crate) const BODY_LIMIT: usize = gongkai_app::files::MAX_BYTES + 1024 * 1024;

/// The whole site. Which 专栏 a public request is for is decided before routing
/// ([`site::resolve`]), so one set of handlers serves `/…` and every `/{code}/…`.
pub fn router(app: App, config: WebConfig) -> Router {
    let ctx = Ctx {
        cache: std::sync::Arc::new(render_cache::RenderCache::new(config.cache)),
        app,
        config,
        limits: std::sync::Arc::default(),
    };
    let pages = routes(ctx.clone());
    let resolved = tower::Layer::layer(
        &middleware::from_fn_with_state(ctx.clone(), site::resolve),
        pages,
    );
    Router::new()
        .fallback_service(resolved)
        .layer(middleware::from_fn_with_state(ctx, render_cache::layer))
        .layer(middleware::from_fn(log_request))
        .layer(middleware::from_fn(security_headers))
}

fn routes(ctx: Ctx) -> Router {
    Router::new()
        .merge(portal::routes())
        .merge(portal_api::routes())
        .merge(cases::routes())
        .merge(case_answers::routes())
        .merge(calendar_admin::routes())
        .merge(password::routes())
        .merge(users_admin::routes())
        .merge(console::routes())
        .merge(annual_report::routes())
        .merge(appeals::routes())
        .merge(apply::routes())
        .merge(letters::routes())
        .merge(transfer::routes())
        .merge(agency_admin::routes())
        .merge(dashboard::routes())
        .merge(subtree_reports::routes())
        .merge(rating::routes())
        .merge(rectification::routes())
        .merge(accountability::routes())
        .layer(middleware::from_fn(form_limit::layer))
        .layer(middleware::from_fn(staff::same_origin_posts))
        .layer(middleware::from_fn_with_state(
            ctx.clone(),
            limit::limit_posts,
        ))
        .layer(middleware::from_fn(fallback::chinese_rejections))
        .layer(middleware::from_fn(not_found::layer))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(ctx)
}

/// One log line per request: method, path (never the query, which may hold what a citizen
/// typed), status and latency; a 5xx at `warn` (its cause is logged where it happened).
async fn log_request(req: axum::extract::Request, next: middleware::Next) -> Response {
    let started = std::time::Instant::now();
    // The URI is shared, not copied: a cached page is answered in microseconds.
    let (method, uri) = (req.method().clone(), req.uri().clone());
    let path = uri.path();
    let res = next.run(req).await;
    let (status, ms) = (res.status().as_u16(), started.elapsed().as_millis());
    if res.status().is_server_error() {
        tracing::warn!(%method, path, status, ms, "request");
    } else {
        tracing::info!(%method, path, status, ms, "request");
    }
    res
}

/// Pages anyone may cache: they show only what is published. Every other response (the
/// console, login, applications, receipts, tracking, letters and files of a case) is
/// `no-store`, so no shared computer or proxy keeps applicant data or secrets.
const PUBLIC_PREFIXES: [&str; 9] = [
    "/zhinan",
    "/zhidu",
    "/fdzdgknr",
    "/xxgk/",
    "/nianbao",
    "/search",
    "/api/",
    "/static/",
    "/healthz",
];

pub(crate) fn cacheable(path: &str) -> bool {
    let path = site::split_code(path).map_or(path, |(_, rest)| rest);
    path == "/" || PUBLIC_PREFIXES.iter().any(|p| path.starts_with(p))
}

async fn security_headers(req: axum::extract::Request, next: middleware::Next) -> Response {
    let private = !cacheable(req.uri().path());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if private {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let set = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
        ),
    ];
    for (name, value) in set {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    }
    res
}

/// Serves until Ctrl-C or SIGTERM, within `limits`.
pub async fn serve(
    app: App,
    config: WebConfig,
    limits: ServerLimits,
    listener: tokio::net::TcpListener,
) -> std::io::Result<()> {
    let router = router(app, config).layer(middleware::from_fn_with_state(
        limits.request_timeout,
        request_deadline,
    ));
    server::run(router, listener, limits, shutdown()).await
}

/// A request, body included, that takes longer than its deadline ends with 408.
async fn request_deadline(
    axum::extract::State(deadline): axum::extract::State<std::time::Duration>,
    req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    match tokio::time::timeout(deadline, next.run(req)).await {
        Ok(res) => res,
        Err(_) => WebError::Rejected(axum::http::StatusCode::REQUEST_TIMEOUT).into_response(),
    }
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => return ctrl_c.await.unwrap_or(()),
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
