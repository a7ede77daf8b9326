//! A form that may carry files: `multipart/form-data` (with files) or a plain url-encoded form
//! (without), read into the same fields.

use crate::WebError;
use crate::respond::url_encode;
use axum::Form;
use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header::CONTENT_TYPE;
use gongkai_app::cases::Upload;
use serde::de::DeserializeOwned;

/// The form's fields and its non-empty files.
pub struct FormWithFiles<T> {
    /// The fields.
    pub form: T,
    /// The files, in the order sent.
    pub files: Vec<Upload>,
}

fn is_multipart(req: &Request) -> bool {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

/// A form that cannot be read: the framework's (English) reason goes to the log only.
pub(crate) fn bad(e: impl std::fmt::Display) -> WebError {
    tracing::debug!("form refused: {e}");
    WebError::BadRequest("表单读取失败：内容不完整或格式不正确，请返回重新提交".into())
}

/// A multipart error; too large a body says so in words a citizen understands.
fn bad_part(e: axum::extract::multipart::MultipartError) -> WebError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        WebError::BadRequest(format!(
            "上传的文件过大：附件合计不超过 {} MB，请返回删减后重新提交",
            gongkai_app::files::MAX_BYTES / 1024 / 1024
        ))
    } else {
        bad(e)
    }
}

async fn fields<T: DeserializeOwned>(pairs: &[(String, String)]) -> Result<T, WebError> {
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", url_encode(k), url_encode(v)))
        .collect();
    let req = Request::builder()
        .method("POST")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.join("&")))
        .map_err(bad)?;
    let Form(form) = Form::<T>::from_request(req, &()).await.map_err(bad)?;
    Ok(form)
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for FormWithFiles<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, WebError> {
        if !is_multipart(&req) {
            let Form(form) = Form::<T>::from_request(req, state).await.map_err(bad)?;
            return Ok(FormWithFiles {
                form,
                files: Vec::new(),
            });
        }
        let mut multipart = Multipart::from_request(req, state).await.map_err(bad)?;
        let (mut pairs, mut files) = (Vec::new(), Vec::new());
        while let Some(field) = multipart.next_field().await.map_err(bad_part)? {
            let name = field.name().unwrap_or_default().to_string();
            match field.file_name().map(str::to_string) {
                Some(file_name) => {
                    let bytes = field.bytes().await.map_err(bad_part)?;
                    // A file input left empty still sends an empty part.
                    if !bytes.is_empty() {
                        files.push(Upload {
                            file_name,
                            bytes: bytes.to_vec(),
                        });
                    }
                }
                None => pairs.push((name, field.text().await.map_err(bad)?)),
            }
        }
        Ok(FormWithFiles {
            form: fields(&pairs).await?,
            files,
        })
    }
}

/// Entry points for the fuzz targets (`fuzz/`): the form reader over arbitrary bytes.
#[doc(hidden)]
pub mod fuzzing {
    use super::FormWithFiles;
    use axum::body::Body;
    use axum::extract::{FromRequest, Request};
    use std::collections::HashMap;

    /// Reads `body` sent as `content_type` the way every form handler does; returns the
    /// number of fields and files read, or the Chinese message of the refusal.
    pub fn read_form(content_type: &str, body: Vec<u8>) -> Result<(usize, usize), String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|e| e.to_string())?;
        runtime.block_on(async {
            let req = Request::post("/")
                .header(axum::http::header::CONTENT_TYPE, content_type)
                .body(Body::from(body))
                .map_err(|e| e.to_string())?;
            match FormWithFiles::<HashMap<String, String>>::from_request(req, &()).await {
                Ok(f) => Ok((f.form.len(), f.files.len())),
                Err(e) => Err(e.parts().2),
            }
        })
    }
}
