//! 用户管理 (系统管理员): accounts of the agency, their state, roles within 三员分立 and a
//! password reset to a one-time password shown once (issue 20).

use crate::pages::Nav;
use crate::respond::page;
use crate::staff::Staff;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use gongkai_app::auth::UserInput;
use gongkai_domain::disclosure::{AccountState, Permission, Role};
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/console/users", get(users).post(create_user))
        .route("/console/users/{username}", post(update_user))
        .route("/console/users/{username}/roles", post(set_roles))
}

/// An account on the page.
struct UserLine {
    username: String,
    name: String,
    roles: String,
    /// The role ids it holds (the boxes ticked).
    held: Vec<&'static str>,
    state: &'static str,
    enabled: bool,
    one_time: bool,
    /// An administrator's or auditor's account: its roles are the operator's to change.
    reserved: bool,
}

/// A one-time password just set, shown once.
struct OneTime {
    username: String,
    password: String,
}

#[derive(Template)]
#[template(path = "users.html")]
struct Users {
    nav: Nav,
    users: Vec<UserLine>,
    /// Roles a 系统管理员 may grant: (id, label).
    grantable: Vec<(&'static str, &'static str)>,
    message: Option<&'static str>,
    one_time: Option<OneTime>,
}

#[derive(Deserialize)]
struct Msg {
    msg: Option<String>,
}

fn grantable() -> Vec<(&'static str, &'static str)> {
    Role::ALL
        .iter()
        .filter(|r| gongkai_domain::disclosure::check_grant_by_admin(&[**r]).is_ok())
        .map(|r| (r.as_str(), r.label()))
        .collect()
}

async fn users_page(
    ctx: &Ctx,
    staff: &Staff,
    message: Option<&'static str>,
    one_time: Option<OneTime>,
) -> Result<Response, WebError> {
    staff.require(Permission::Administer)?;
    let all = ctx.app.users(&staff.actor).await?;
    let lines = all.into_iter().map(|(u, roles)| UserLine {
        roles: roles
            .iter()
            .map(|r| r.label())
            .collect::<Vec<_>>()
            .join("、"),
        held: roles.iter().map(|r| r.as_str()).collect(),
        reserved: gongkai_domain::disclosure::check_grant_by_admin(&roles).is_err(),
        enabled: u.state != AccountState::Disabled,
        state: u.state.label(),
        one_time: u.must_change_password,
        username: u.username,
        name: u.display_name,
    });
    page(&Users {
        nav: Nav::of(&staff.actor, &staff.csrf),
        users: lines.collect(),
        grantable: grantable(),
        message,
        one_time,
    })
}

async fn users(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(m): Query<Msg>,
) -> Result<Response, WebError> {
    let message = match m.msg.as_deref() {
        Some("created") => Some("用户已创建。"),
        Some("updated") => Some("用户已更新。"),
        Some("unlocked") => Some("已解除该账号的登录限制。"),
        Some("roles") => Some("角色已修改，该用户下次操作时生效。"),
        _ => None,
    };
    users_page(&ctx, &staff, message, None).await
}

#[derive(Deserialize)]
struct UserForm {
    csrf: String,
    username: String,
    display_name: String,
    password: String,
    role: String,
}

async fn create_user(
    State(ctx): State<Ctx>,
    staff: Staff,
    Form(f): Form<UserForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Administer)?;
    staff.check_csrf(&f.csrf)?;
    let role = Role::parse(&f.role).map_err(|e| WebError::BadRequest(e.to_string()))?;
    let input = UserInput {
        username: f.username,
        display_name: f.display_name,
        password: f.password,
        roles: vec![role],
        agency_id: None,
    };
    ctx.app.create_user(Some(&staff.actor), &input).await?;
    Ok(Redirect::to("/console/users?msg=created").into_response())
}

#[derive(Deserialize)]
struct UserOp {
    csrf: String,
    op: String,
}

async fn update_user(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(username): Path<String>,
    Form(f): Form<UserOp>,
) -> Result<Response, WebError> {
    staff.require(Permission::Administer)?;
    staff.check_csrf(&f.csrf)?;
    let active = match f.op.as_str() {
        "enable" => true,
        "disable" => false,
        "unlock" => {
            ctx.app.unlock_user(&staff.actor, &username).await?;
            return Ok(Redirect::to("/console/users?msg=unlocked").into_response());
        }
        "reset" => {
            let password = ctx.app.reset_password(&staff.actor, &username).await?;
            let shown = OneTime { username, password };
            return users_page(&ctx, &staff, None, Some(shown)).await;
        }
        _ => return Err(WebError::BadRequest("未知操作".into())),
    };
    ctx.app
        .update_user(&staff.actor, &username, Some(active), None)
        .await?;
    Ok(Redirect::to("/console/users?msg=updated").into_response())
}

/// The roles ticked (`role` repeated) replace the account's.
async fn set_roles(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(username): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    staff.require(Permission::Administer)?;
    let csrf = pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str());
    staff.check_csrf(csrf.unwrap_or_default())?;
    let roles: Vec<Role> = pairs
        .iter()
        .filter(|(k, _)| k == "role")
        .take(Role::ALL.len())
        .map(|(_, v)| Role::parse(v).map_err(|e| WebError::BadRequest(e.to_string())))
        .collect::<Result<_, _>>()?;
    ctx.app.set_roles(&staff.actor, &username, &roles).await?;
    Ok(Redirect::to("/console/users?msg=roles").into_response())
}
