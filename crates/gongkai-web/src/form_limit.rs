//! A URL-encoded form is read whole before any handler sees it, with its own ceiling far
//! below the upload limit: parsing a form into pairs costs many times its size in memory, so a
//! 20 MB body of `a=&a=&…` would cost hundreds of megabytes (found reviewing issue 20's
//! repeated-field forms). The longest field a form carries (正文, 200,000 characters,
//! percent-encoded) fits with room to spare.

use crate::WebError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The largest URL-encoded form accepted.
pub(crate) const FORM_LIMIT: usize = 4 * 1024 * 1024;

fn is_form(req: &Request) -> bool {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

pub async fn layer(req: Request, next: Next) -> Response {
    if !is_form(&req) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, FORM_LIMIT).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => WebError::FormTooLarge.into_response(),
    }
}
