//! Who is asking: the session cookie, the CSRF token of the session's forms, and the same-origin
//! rule for every state-changing request.

use crate::{Ctx, WebError};
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use gongkai_app::AppError;
use gongkai_app::auth::Actor;
use gongkai_domain::disclosure::Permission;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "gk_session";

/// A logged-in staff member.
pub struct Staff {
    /// Who, with roles.
    pub actor: Actor,
    /// The session's CSRF token (put in every form).
    pub csrf: String,
    /// The session cookie value (for logout).
    pub token: String,
}

impl FromRequestParts<Ctx> for Staff {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, ctx: &Ctx) -> Result<Staff, WebError> {
        let token = cookie(&parts.headers, SESSION_COOKIE).ok_or(AppError::NotLoggedIn)?;
        let (actor, csrf) = ctx.app.session(&token).await?;
        let actor = actor.from_client(&crate::limit::ClientAddr::of(&parts.extensions));
        // A one-time password opens only the page that replaces it (and logging out).
        let exempt = ["/console/password", "/logout"].contains(&parts.uri.path());
        if actor.must_change_password && !exempt {
            return Err(WebError::MustChangePassword);
        }
        Ok(Staff { actor, csrf, token })
    }
}

impl Staff {
    /// `403` unless a role grants `p`.
    pub fn require(&self, p: Permission) -> Result<(), WebError> {
        Ok(self.actor.require(p)?)
    }

    /// `403` unless `token` is this session's CSRF token.
    pub fn check_csrf(&self, token: &str) -> Result<(), WebError> {
        if constant_time_eq(token.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(WebError::Csrf)
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A cookie's value from the `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// `Set-Cookie` for a new session (no `Max-Age`: it ends with the browser; the server ends it
/// after 30 idle minutes).
pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}");
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("gk_session=; Path=/"))
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static("gk_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// Refuses state-changing requests from other sites: a browser sends `Origin` (or
/// `Sec-Fetch-Site`) with every POST, and it must name this host.
pub async fn same_origin_posts(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD) || same_origin(req.headers()) {
        next.run(req).await
    } else {
        WebError::Csrf.into_response()
    }
}

fn same_origin(h: &HeaderMap) -> bool {
    let text = |name| h.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    if text("sec-fetch-site").is_some_and(|s| s == "cross-site") {
        return false;
    }
    match (text("origin"), text("host")) {
        (Some("null"), _) => false,
        (Some(origin), Some(host)) => origin.split_once("://").is_some_and(|(_, h)| h == host),
        (Some(_), None) => false,
        (None, _) => true,
    }
}
