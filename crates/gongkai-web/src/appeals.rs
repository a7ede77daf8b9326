//! The console's 行政复议 / 行政诉讼 records.

use crate::pages::Nav;
use crate::respond::page;
use crate::staff::Staff;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use gongkai_domain::disclosure::Permission;
use gongkai_domain::report::compute::{AppealKind, AppealResult};
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/console/appeals", get(list).post(record))
        .route("/console/appeals/{id}", post(decide))
}

struct Line {
    id: i64,
    kind: &'static str,
    case_no: String,
    filed_on: String,
    result: &'static str,
    decided_on: String,
}

#[derive(Template)]
#[template(path = "appeals.html")]
struct AppealsPage {
    nav: Nav,
    rows: Vec<Line>,
    can_edit: bool,
    kinds: Vec<(&'static str, &'static str)>,
    results: Vec<(&'static str, &'static str)>,
    message: Option<&'static str>,
}

#[derive(Deserialize)]
struct Msg {
    msg: Option<String>,
}

async fn list(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(m): Query<Msg>,
) -> Result<Response, WebError> {
    let rows = ctx.app.appeals(&staff.actor).await?;
    let rows = rows.into_iter().map(|a| Line {
        id: a.id,
        kind: a.kind.label(),
        case_no: a.case_no,
        filed_on: a.filed_on.to_string(),
        result: a.result.label(),
        decided_on: crate::pages::day(a.decided_on),
    });
    page(&AppealsPage {
        nav: Nav::of(&staff.actor, &staff.csrf),
        rows: rows.collect(),
        can_edit: staff.actor.may(Permission::Register),
        kinds: AppealKind::ALL.map(|k| (k.key(), k.label())).to_vec(),
        results: AppealResult::ALL.map(|r| (r.key(), r.label())).to_vec(),
        message: m.msg.is_some().then_some("已保存。"),
    })
}

#[derive(Deserialize)]
struct RecordForm {
    csrf: String,
    kind: String,
    #[serde(default)]
    case_no: String,
    filed_on: String,
    #[serde(default)]
    application: String,
}

async fn record(
    State(ctx): State<Ctx>,
    staff: Staff,
    Form(f): Form<RecordForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    staff.check_csrf(&f.csrf)?;
    ctx.app
        .record_appeal(
            &staff.actor,
            &f.kind,
            &f.case_no,
            &f.filed_on,
            &f.application,
        )
        .await?;
    Ok(Redirect::to("/console/appeals?msg=saved").into_response())
}

#[derive(Deserialize)]
struct DecideForm {
    csrf: String,
    result: String,
    on: String,
}

async fn decide(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<DecideForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    staff.check_csrf(&f.csrf)?;
    ctx.app
        .decide_appeal(&staff.actor, id, &f.result, &f.on)
        .await?;
    Ok(Redirect::to("/console/appeals?msg=saved").into_response())
}
