//! The safety net under every handler (issue 13): an error response that no handler wrote —
//! axum's rejections of a query string, path, form, JSON or multipart body, the router's 404
//! and 405, the body limit — becomes a Chinese page (JSON under `/api/`) with a stable code,
//! so no English framework text ever reaches a visitor.

use crate::WebError;
use crate::error::ApiError;
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The middleware.
pub async fn chinese_rejections(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !written_by_framework(&res) {
        return res;
    }
    let err = WebError::Rejected(res.status());
    if api {
        ApiError(err).into_response()
    } else {
        err.into_response()
    }
}

/// An error status whose body is not one of our pages: ours are HTML or JSON and carry the
/// `X-Gongkai-Error` code, axum's are plain text or empty.
fn written_by_framework(res: &Response) -> bool {
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return false;
    }
    if res.headers().contains_key("x-gongkai-error") {
        return false;
    }
    let kind = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    !(kind.starts_with("text/html") || kind.starts_with("application/json"))
}
