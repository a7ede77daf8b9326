//! The console's side of issue 17: files released with the answer (条例第三十六条第（二）项),
//! and 更正 of a mistaken ledger event by the approver (who, when, why stay in the history).

use crate::staff::Staff;
use crate::upload::FormWithFiles;
use crate::{Ctx, WebError};
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use gongkai_domain::disclosure::Permission;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/console/cases/{id}/released", post(release))
        .route("/console/cases/{id}/released/{sha}/remove", post(unrelease))
        .route("/console/cases/{id}/void", post(void))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CsrfForm {
    csrf: String,
}

fn back(id: i64, msg: &str) -> Response {
    Redirect::to(&format!("/console/cases/{id}?msg={msg}")).into_response()
}

async fn release(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    FormWithFiles { form, files }: FormWithFiles<CsrfForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    staff.check_csrf(&form.csrf)?;
    if files.is_empty() {
        return Err(WebError::BadRequest("请选择要提供给申请人的文件".into()));
    }
    ctx.app.release_files(&staff.actor, id, &files).await?;
    Ok(back(id, "released"))
}

async fn unrelease(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path((id, sha)): Path<(i64, String)>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    staff.check_csrf(&form.csrf)?;
    ctx.app.unrelease_file(&staff.actor, id, &sha).await?;
    Ok(back(id, "recorded"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct VoidForm {
    csrf: String,
    target: String,
    reason: String,
}

async fn void(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<VoidForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Approve)?;
    staff.check_csrf(&f.csrf)?;
    let target = f
        .target
        .trim()
        .parse()
        .map_err(|_| WebError::BadRequest("请选择要撤销的事项".into()))?;
    ctx.app
        .void_event(&staff.actor, id, target, &f.reason)
        .await?;
    Ok(back(id, "voided"))
}
