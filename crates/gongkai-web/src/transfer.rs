//! 转送: the registrar sends an application addressed to the wrong agency on to the agency of
//! the platform that holds the information (issue 15).

use crate::staff::Staff;
use crate::{Ctx, WebError};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use gongkai_domain::disclosure::Permission;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new().route("/console/cases/{id}/transfer", post(transfer))
}

#[derive(Deserialize)]
struct TransferForm {
    csrf: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    note: String,
}

async fn transfer(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<TransferForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    staff.check_csrf(&f.csrf)?;
    ctx.app
        .transfer_case(&staff.actor, id, &f.to, &f.note)
        .await?;
    Ok(Redirect::to("/console/cases?msg=transferred").into_response())
}

/// The agencies a case of `own` can be transferred to: (code, name).
pub(crate) async fn targets(ctx: &Ctx, own: i64) -> Result<Vec<(String, String)>, WebError> {
    let dir = ctx.app.directory().await?;
    Ok(dir
        .all()
        .iter()
        .filter(|a| a.id != own)
        .map(|a| (a.code.clone(), a.name.clone()))
        .collect())
}
