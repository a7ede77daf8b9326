//! 机关管理 (platform administrator only, issue 15): the platform's agencies and a form that
//! adds one with its first 系统管理员.

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
use gongkai_app::AppError;
use gongkai_app::agencies::AgencyInput;
use gongkai_app::auth::UserInput;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new().route("/console/agencies", get(list).post(add))
}

/// A line of the list: (code, name, kind, level, parent's name).
type Line = (String, String, &'static str, String, String);

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct AgencyForm {
    csrf: String,
    code: String,
    name: String,
    level: String,
    kind: String,
    parent: String,
    admin_username: String,
    admin_name: String,
    admin_password: String,
}

#[derive(Template)]
#[template(path = "agencies.html")]
struct AgenciesPage {
    nav: Nav,
    agencies: Vec<Line>,
    /// (code, name) of every agency, for the parent choice.
    parents: Vec<(String, String)>,
    f: AgencyForm,
    message: Option<&'static str>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct Msg {
    msg: Option<String>,
}

fn platform_admin(staff: &Staff) -> Result<(), WebError> {
    match staff.actor.is_platform_admin() {
        true => Ok(()),
        false => Err(AppError::Forbidden.into()),
    }
}

async fn list_page(
    ctx: &Ctx,
    staff: &Staff,
    f: AgencyForm,
    message: Option<&'static str>,
    error: Option<String>,
) -> Result<AgenciesPage, WebError> {
    let dir = ctx.app.directory().await?;
    let parent_name = |id: Option<i64>| {
        id.and_then(|p| dir.by_id(p))
            .map(|p| p.name.clone())
            .unwrap_or_else(|| "—".into())
    };
    let agencies = dir.all().iter().map(|a| {
        let kind = match a.kind {
            gongkai_domain::report::deadline::AgencyKind::Government => "人民政府",
            gongkai_domain::report::deadline::AgencyKind::Department => "部门",
        };
        let parent = parent_name(a.parent_id);
        (
            a.code.clone(),
            a.name.clone(),
            kind,
            a.level.clone(),
            parent,
        )
    });
    let parents = dir.all().iter().map(|a| (a.code.clone(), a.name.clone()));
    Ok(AgenciesPage {
        nav: Nav::of(&staff.actor, &staff.csrf),
        agencies: agencies.collect(),
        parents: parents.collect(),
        f,
        message,
        error,
    })
}

async fn list(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(m): Query<Msg>,
) -> Result<Response, WebError> {
    platform_admin(&staff)?;
    let message = (m.msg.as_deref() == Some("created")).then_some("机关及其系统管理员账号已创建。");
    let f = AgencyForm {
        level: "乡级".into(),
        kind: "government".into(),
        ..AgencyForm::default()
    };
    page(&list_page(&ctx, &staff, f, message, None).await?)
}

async fn add(
    State(ctx): State<Ctx>,
    staff: Staff,
    Form(f): Form<AgencyForm>,
) -> Result<Response, WebError> {
    platform_admin(&staff)?;
    staff.check_csrf(&f.csrf)?;
    let input = AgencyInput {
        code: f.code.clone(),
        name: f.name.clone(),
        level: f.level.clone(),
        kind: f.kind.clone(),
        parent_code: f.parent.clone(),
    };
    let admin = UserInput {
        username: f.admin_username.clone(),
        display_name: f.admin_name.clone(),
        password: f.admin_password.clone(),
        roles: Vec::new(),
        agency_id: None,
    };
    match ctx
        .app
        .add_agency(Some(&staff.actor), &input, Some(&admin))
        .await
    {
        Ok(_) => Ok(Redirect::to("/console/agencies?msg=created").into_response()),
        Err(e) if e.is_input() => {
            let f = AgencyForm {
                admin_password: String::new(),
                ..f
            };
            let page = list_page(&ctx, &staff, f, None, Some(e.to_string())).await?;
            page_with_status(StatusCode::BAD_REQUEST, &page)
        }
        Err(e) => Err(e.into()),
    }
}
