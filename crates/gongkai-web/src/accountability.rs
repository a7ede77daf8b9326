//! 责任追究 (issue 16) in the console: the supervisor records, the agency reads its own.

use crate::pages::Nav;
use crate::respond::{page, page_with_status};
use crate::staff::Staff;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use gongkai_app::accountability::{AccountabilityInput, AccountabilityView};
use gongkai_domain::disclosure::Permission;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new().route("/console/zeren", get(list).post(record))
}

#[derive(Template)]
#[template(path = "accountability.html")]
struct Records {
    nav: Nav,
    lines: Vec<AccountabilityView>,
    supervisor: bool,
    agencies: Vec<(String, String)>,
    message: Option<&'static str>,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
struct Msg {
    msg: Option<String>,
}

async fn records_page(
    ctx: &Ctx,
    staff: &Staff,
    message: Option<&'static str>,
    error: Option<String>,
) -> Result<Records, WebError> {
    let lines = ctx.app.accountability_records(&staff.actor).await?;
    let supervisor = staff.actor.may(Permission::Supervise);
    let dir = ctx.app.directory().await?;
    let own = staff.actor.agency_id;
    let agencies = dir
        .all()
        .iter()
        .filter(|a| supervisor && dir.in_subtree(own, a.id))
        .map(|a| (a.code.clone(), a.name.clone()));
    Ok(Records {
        nav: Nav::of(&staff.actor, &staff.csrf),
        agencies: agencies.collect(),
        lines,
        supervisor,
        message,
        error,
    })
}

async fn list(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(m): Query<Msg>,
) -> Result<Response, WebError> {
    let message = (m.msg.as_deref() == Some("recorded")).then_some("已记录。");
    page(&records_page(&ctx, &staff, message, None).await?)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RecordForm {
    csrf: String,
    agency: String,
    on: String,
    person_role: String,
    basis: String,
    outcome: String,
}

async fn record(
    State(ctx): State<Ctx>,
    staff: Staff,
    Form(f): Form<RecordForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Supervise)?;
    staff.check_csrf(&f.csrf)?;
    let input = AccountabilityInput {
        agency_code: f.agency,
        on: f.on,
        person_role: f.person_role,
        basis: f.basis,
        outcome: f.outcome,
    };
    match ctx.app.record_accountability(&staff.actor, &input).await {
        Ok(_) => Ok(Redirect::to("/console/zeren?msg=recorded").into_response()),
        Err(e) if e.is_input() => {
            let p = records_page(&ctx, &staff, None, Some(e.to_string())).await?;
            page_with_status(StatusCode::BAD_REQUEST, &p)
        }
        Err(e) => Err(e.into()),
    }
}
