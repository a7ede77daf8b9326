//! Errors as pages: a Chinese message for people, the stable code in the page and in the
//! `X-Gongkai-Error` header for machines.

use crate::pages::ErrorPage;
use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongkai_app::AppError;
use gongkai_domain::disclosure::WorkflowError;

/// A failed request.
#[derive(Debug)]
pub enum WebError {
    /// From a use case.
    App(AppError),
    /// A page that does not exist.
    NotFound,
    /// A form without the session's CSRF token, or a cross-site POST.
    Csrf,
    /// A malformed request.
    BadRequest(String),
    /// Too many requests from one address: try again after this many seconds.
    RateLimited(u64),
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> WebError {
        WebError::App(e)
    }
}

impl From<gongkai_store::StoreError> for WebError {
    fn from(e: gongkai_store::StoreError) -> WebError {
        WebError::App(e.into())
    }
}

impl WebError {
    /// Status, stable code and Chinese message.
    pub(crate) fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            WebError::App(e) => {
                let status = match e {
                    AppError::BadCredentials | AppError::Locked { .. } | AppError::Disabled => {
                        StatusCode::UNAUTHORIZED
                    }
                    AppError::NotLoggedIn => StatusCode::UNAUTHORIZED,
                    AppError::Forbidden => StatusCode::FORBIDDEN,
                    AppError::NotFound(_) => StatusCode::NOT_FOUND,
                    AppError::Workflow(WorkflowError::NotAllowed { .. }) => StatusCode::FORBIDDEN,
                    AppError::Invalid(_) | AppError::Workflow(_) | AppError::Template(_) => {
                        StatusCode::BAD_REQUEST
                    }
                    AppError::Store(_) | AppError::Search(_) => StatusCode::INTERNAL_SERVER_ERROR,
                };
                (status, e.code(), e.to_string())
            }
            WebError::NotFound => (StatusCode::NOT_FOUND, "not-found", "页面不存在".into()),
            WebError::Csrf => (
                StatusCode::FORBIDDEN,
                "csrf",
                "表单已过期或来源不明，请返回上一页刷新后重新提交".into(),
            ),
            WebError::BadRequest(m) => (StatusCode::BAD_REQUEST, "bad-request", m.clone()),
            WebError::RateLimited(secs) => (
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                format!("操作过于频繁，请 {secs} 秒后再试"),
            ),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if matches!(self, WebError::App(AppError::NotLoggedIn)) {
            return Redirect::to("/login").into_response();
        }
        let (status, code, message) = self.parts();
        let page = ErrorPage {
            status: status.as_u16(),
            code,
            message: &message,
        };
        let body = page.render().unwrap_or_else(|_| message.clone());
        let mut res = (status, Html(body)).into_response();
        if let Ok(v) = HeaderValue::from_str(code) {
            res.headers_mut().insert("x-gongkai-error", v);
        }
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let WebError::RateLimited(secs) = self {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}

/// An error of the JSON API: the same status, code and message, as JSON.
#[derive(Debug)]
pub struct ApiError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(e: E) -> ApiError {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message) = self.0.parts();
        let body = serde_json::json!({ "error": { "code": code, "message": message } });
        (status, axum::Json(body)).into_response()
    }
}
