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
    /// A number or value in the URL outside what the page accepts (issue 13).
    Param(String),
    /// The server is at capacity for this kind of work: try again after this many seconds.
    Busy(u64),
    /// A request the framework refused before any handler ran (a malformed query, path or
    /// body; an unknown URL; a wrong method).
    Rejected(StatusCode),
    /// The user logged in with a one-time password and must choose their own first.
    MustChangePassword,
    /// A URL-encoded form longer than [`crate::form_limit::FORM_LIMIT`].
    FormTooLarge,
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> WebError {
        WebError::App(e)
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
                    AppError::Forbidden | AppError::Grant(_) => StatusCode::FORBIDDEN,
                    AppError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
                    AppError::NotFound(_) => StatusCode::NOT_FOUND,
                    AppError::Workflow(WorkflowError::NotAllowed { .. }) => StatusCode::FORBIDDEN,
                    AppError::Workflow(WorkflowError::WrongState { .. }) => {
                        let (status, code, _) = conflict();
                        return (
                            status,
                            code,
                            format!("{e}：该信息可能已被他人处理，请刷新后重试"),
                        );
                    }
                    AppError::Conflict => return conflict(),
                    AppError::Internal(_) => return internal(e.code(), e),
                    AppError::Invalid(_)
                    | AppError::Missing(_)
                    | AppError::Fields(_)
                    | AppError::NotNow(_)
                    | AppError::Duplicate(_)
                    | AppError::File(_)
                    | AppError::Ledger(_)
                    | AppError::TooLong(_)
                    | AppError::Workflow(_)
                    | AppError::Template(_) => StatusCode::BAD_REQUEST,
                    AppError::Search(gongkai_search::SearchError::TooDeep) => {
                        StatusCode::BAD_REQUEST
                    }
                    AppError::Store(s) if s.is_conflict() => return conflict(),
                    AppError::Store(_) | AppError::Search(_) => {
                        return internal(e.code(), e);
                    }
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
            WebError::Param(m) => (StatusCode::BAD_REQUEST, "invalid-parameter", m.clone()),
            WebError::Rejected(status) => {
                let (code, message) = rejection_parts(*status);
                (*status, code, message)
            }
            WebError::Busy(secs) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "busy",
                format!("访问人数较多，请 {secs} 秒后再试"),
            ),
            WebError::FormTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "form-too-large",
                format!(
                    "提交的表单超过 {} MB，请缩短正文等文字后重试",
                    crate::form_limit::FORM_LIMIT / (1024 * 1024)
                ),
            ),
            WebError::MustChangePassword => (
                StatusCode::FORBIDDEN,
                "password-change-required",
                "您正在使用管理员重置的一次性密码，请先修改密码".into(),
            ),
        }
    }

    /// Seconds for a `Retry-After` header.
    fn retry_after(&self) -> Option<u64> {
        match self {
            WebError::RateLimited(s) | WebError::Busy(s) => Some(*s),
            WebError::App(AppError::Busy { secs }) => Some(*secs),
            _ => None,
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if matches!(self, WebError::App(AppError::NotLoggedIn)) {
            return Redirect::to("/login").into_response();
        }
        if matches!(self, WebError::MustChangePassword) {
            return Redirect::to("/console/password").into_response();
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
        if let Some(secs) = self.retry_after() {
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
        let mut res = (status, axum::Json(body)).into_response();
        if let Ok(v) = HeaderValue::from_str(code) {
            res.headers_mut().insert("x-gongkai-error", v);
        }
        if let Some(secs) = self.0.retry_after() {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}

/// Someone else acted first (two people on the same item at once): 409, nothing changed.
fn conflict() -> (StatusCode, &'static str, String) {
    (
        StatusCode::CONFLICT,
        "conflict",
        "该信息已被他人处理，请刷新后重试".into(),
    )
}

/// A failure of the server itself: the cause goes to the log under an incident number, the
/// visitor sees only a generic message with that number (never a database text).
fn internal(
    code: &'static str,
    cause: &dyn std::fmt::Display,
) -> (StatusCode, &'static str, String) {
    let incident = incident_id();
    tracing::error!(incident = %incident, code, "request failed: {cause}");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        code,
        format!(
            "系统暂时无法完成该操作，请稍后再试。如多次出现，请将事件编号 {incident} 告知系统管理员。"
        ),
    )
}

/// A short random id that ties a visitor's report to the log line.
pub(crate) fn incident_id() -> String {
    let mut bytes = [0u8; 5];
    if getrandom::fill(&mut bytes).is_err() {
        return "未知".into();
    }
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// Stable code and Chinese message for a status the framework chose.
pub(crate) fn rejection_parts(status: StatusCode) -> (&'static str, String) {
    let (code, message) = match status.as_u16() {
        404 => ("not-found", "页面不存在，请检查网址".to_string()),
        405 => ("method-not-allowed", "不支持这种访问方式".to_string()),
        408 => (
            "timeout",
            "请求发送时间过长，连接已断开，请重新提交".to_string(),
        ),
        411 | 413 => (
            "too-large",
            format!(
                "提交的内容超过了大小上限（{} MB），请减少附件后重试",
                crate::BODY_LIMIT / (1024 * 1024)
            ),
        ),
        415 => (
            "bad-content-type",
            "提交的内容格式不正确，请通过页面上的表单提交".to_string(),
        ),
        _ if status.is_server_error() => {
            ("internal", "系统暂时无法完成该操作，请稍后再试".to_string())
        }
        _ => (
            "bad-request",
            "请求的格式或参数有误，请返回上一页检查后重新提交".to_string(),
        ),
    };
    (code, message)
}
