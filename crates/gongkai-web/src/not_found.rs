//! The 404 of a public page (issue 20): the 专栏's (or platform's) own frame, menu and search,
//! in place of a bare error page, whatever handler (or the router) found nothing.

use crate::chrome::{Chrome, chrome};
use crate::site::Site;
use askama::Template;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFound {
    chrome: Chrome,
}

/// Our own 404 page (an error page we wrote, HTML): the kind to dress in the site's frame.
fn is_bare_not_found(res: &Response) -> bool {
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    res.status() == StatusCode::NOT_FOUND && html && res.headers().contains_key("x-gongkai-error")
}

/// The middleware, inside the site's resolution: a bare 404 of a public page becomes the
/// site's own. Only pages rendered here (not the render cache's hits) pay for it.
pub async fn layer(req: Request, next: Next) -> Response {
    let site = req.extensions().get::<Site>().cloned();
    let mut cookies = HeaderMap::new();
    if let Some(c) = req.headers().get(header::COOKIE) {
        cookies.insert(header::COOKIE, c.clone());
    }
    let res = next.run(req).await;
    dress(res, site.as_ref(), &cookies)
}

/// `res` itself, or the site's 404 page when `res` is a bare 404 of a public page.
fn dress(res: Response, site: Option<&Site>, headers: &HeaderMap) -> Response {
    let Some(site) = site.filter(|_| is_bare_not_found(&res)) else {
        return res;
    };
    let page = NotFound {
        chrome: chrome(site, headers, ""),
    };
    let Ok(body) = page.render() else {
        return res;
    };
    let mut out = (StatusCode::NOT_FOUND, Html(body)).into_response();
    let h = out.headers_mut();
    h.insert("x-gongkai-error", HeaderValue::from_static("not-found"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    out
}
