//! 社会评议 (issue 16): the rating forms of item pages (anonymous, one per browser per item by
//! a cookie, rate-limited per address) and of the tracking page (查询码 and 查询密码), and the
//! console's list of 差评 to follow up.

use crate::pages::Nav;
use crate::respond::page;
use crate::site::AgencySite;
use crate::staff::{Staff, cookie};
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use gongkai_app::ratings::FollowUp;
use gongkai_domain::disclosure::Permission;
use gongkai_domain::rating::Level;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/xxgk/{id}/pingjia", post(rate_item))
        .route("/ysqgk/pingjia", post(rate_answer))
        .route("/console/ratings", get(follow_ups))
        .route("/console/ratings/{id}", post(respond))
}

fn cookie_name(id: i64) -> String {
    format!("gk_rated_{id}")
}

/// Whether this browser has rated item `id`.
pub(crate) fn rated(headers: &HeaderMap, id: i64) -> bool {
    cookie(headers, &cookie_name(id)).is_some()
}

#[derive(Deserialize)]
struct RateForm {
    #[serde(default)]
    level: String,
    #[serde(default)]
    comment: String,
}

fn level(text: &str) -> Result<Level, WebError> {
    Level::parse(text).ok_or_else(|| WebError::BadRequest("请选择满意程度".into()))
}

async fn rate_item(
    State(ctx): State<Ctx>,
    site: AgencySite,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<RateForm>,
) -> Result<Response, WebError> {
    let back = format!("{}/xxgk/{id}", site.base);
    if rated(&headers, id) {
        return Ok(Redirect::to(&back).into_response());
    }
    ctx.app
        .rate_item(site.agency.id, id, level(&f.level)?, &f.comment)
        .await?;
    let mut res = Redirect::to(&format!("{back}?msg=rated#rating")).into_response();
    let set = format!(
        "{}=1; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        cookie_name(id)
    );
    if let Ok(v) = HeaderValue::from_str(&set) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    Ok(res)
}

#[derive(Deserialize)]
struct AnswerForm {
    code: String,
    password: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    comment: String,
}

async fn rate_answer(
    State(ctx): State<Ctx>,
    site: crate::site::Site,
    headers: HeaderMap,
    Form(f): Form<AnswerForm>,
) -> Result<Response, WebError> {
    ctx.app
        .rate_answer(&f.code, &f.password, level(&f.level)?, &f.comment)
        .await?;
    let thanks = Some("感谢您的评价。");
    crate::apply::tracked_page(&ctx, &site, &headers, &f.code, &f.password, thanks).await
}

#[derive(Template)]
#[template(path = "ratings.html")]
struct FollowUps {
    nav: Nav,
    lines: Vec<FollowUp>,
    may_respond: bool,
}

async fn follow_ups(State(ctx): State<Ctx>, staff: Staff) -> Result<Response, WebError> {
    let lines = ctx.app.follow_ups(&staff.actor).await?;
    page(&FollowUps {
        nav: Nav::of(&staff.actor, &staff.csrf),
        may_respond: staff.actor.may(Permission::Register),
        lines,
    })
}

#[derive(Deserialize)]
struct RespondForm {
    csrf: String,
    #[serde(default)]
    response: String,
}

async fn respond(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<RespondForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    staff.check_csrf(&f.csrf)?;
    ctx.app
        .respond_follow_up(&staff.actor, id, &f.response)
        .await?;
    Ok(Redirect::to("/console/ratings?msg=responded").into_response())
}
