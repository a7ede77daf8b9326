//! Responses every module builds: a rendered page, a page with a status, a file download, and
//! the small text helpers pages share.

use crate::WebError;
use askama::Template;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

/// Renders a template as the response to a request that failed in a way the page explains
/// (a form shown again with its error).
pub fn page_with_status(
    status: axum::http::StatusCode,
    t: &impl Template,
) -> Result<Response, WebError> {
    let mut res = page(t)?;
    *res.status_mut() = status;
    Ok(res)
}

/// Renders a template into a response.
pub fn page(t: &impl Template) -> Result<Response, WebError> {
    let body = t
        .render()
        .map_err(|e| WebError::BadRequest(format!("页面生成失败：{e}")))?;
    Ok(Html(body).into_response())
}

/// Non-empty lines.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// A file download: the stored media type, `attachment` disposition with the UTF-8 name, and
/// never a page: `nosniff` and a sandboxing CSP with nothing allowed, so a polyglot file (a
/// PDF that is also HTML) cannot run as this site even if a browser opened it (issue 13).
pub fn download(name: &str, media_type: &str, bytes: Vec<u8>) -> Response {
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"download\"; filename*=UTF-8''{encoded}");
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    res
}

/// Percent-encodes a query value.
pub fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
