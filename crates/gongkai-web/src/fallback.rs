//! The safety net under every handler (issue 13): an error response that no handler wrote —
//! axum's rejections of a query string, path, form, JSON or multipart body, the router's 404
//! and 405, the body limit — becomes a Chinese page (JSON under `/api/`) with a stable code,
//! so no English framework text ever reaches a visitor.

use crate::WebError;
use crate::error::ApiError;
use axum::extract::Request;
use axum::http::{StatusCode, header};
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
