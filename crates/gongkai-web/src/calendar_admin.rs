//! 节假日安排 in the console (issue 17): the years the statutory clock knows, and the next
//! year's schedule uploaded by the platform's administrator.

use crate::pages::Nav;
use crate::respond::page;
use crate::staff::Staff;
use crate::upload::FormWithFiles;
use crate::{Ctx, WebError};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use gongkai_app::calendars::CalendarYear;
use gongkai_domain::disclosure::Permission;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new().route("/console/calendar", get(show).post(upload))
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    nav: Nav,
    years: Vec<CalendarYear>,
    /// The next year, when its schedule is not loaded yet.
    missing: Option<i32>,
    message: Option<String>,
}

#[derive(Deserialize)]
struct Msg {
    added: Option<i32>,
}

async fn show(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(m): Query<Msg>,
) -> Result<Response, WebError> {
    staff.require(Permission::Administer)?;
    let years = ctx.app.calendar_years().await?;
    let next = ctx.app.today().year() + 1;
    page(&CalendarPage {
        nav: Nav::of(&staff.actor, &staff.csrf),
        missing: (!years.iter().any(|y| y.year == next)).then_some(next),
        years,
        message: m
            .added
            .map(|y| format!("已载入{y}年节假日安排，答复期限按新安排计算。")),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct UploadForm {
    csrf: String,
}

async fn upload(
    State(ctx): State<Ctx>,
    staff: Staff,
    FormWithFiles { form, files }: FormWithFiles<UploadForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Administer)?;
    staff.check_csrf(&form.csrf)?;
    let file = files
        .into_iter()
        .next()
        .ok_or_else(|| WebError::BadRequest("请选择节假日安排文件".into()))?;
    let year = ctx.app.add_calendar_year(&staff.actor, &file.bytes).await?;
    Ok(Redirect::to(&format!("/console/calendar?added={year}")).into_response())
}
