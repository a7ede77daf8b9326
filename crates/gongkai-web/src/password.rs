//! 修改密码 (issue 20): every user changes their own password here; after a 系统管理员 reset
//! it to a one-time password, this is the only console page open until they do.

use crate::pages::Nav;
use crate::respond::{page, page_with_status};
use crate::staff::Staff;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use gongkai_app::AppError;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new().route("/console/password", get(form).post(change))
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    nav: Nav,
    /// The account still has its one-time password.
    one_time: bool,
    error: Option<String>,
}

async fn form(staff: Staff) -> Result<Response, WebError> {
    page(&PasswordPage {
        one_time: staff.actor.must_change_password,
        nav: Nav::of(&staff.actor, &staff.csrf),
        error: None,
    })
}

#[derive(Deserialize)]
struct ChangeForm {
    csrf: String,
    current: String,
    new: String,
    repeat: String,
}

async fn change(
    State(ctx): State<Ctx>,
    staff: Staff,
    Form(f): Form<ChangeForm>,
) -> Result<Response, WebError> {
    staff.check_csrf(&f.csrf)?;
    let done = if f.new == f.repeat {
        ctx.app
            .change_password(&staff.actor, &f.current, &f.new)
            .await
    } else {
        Err(AppError::Invalid("两次输入的新密码不一致".into()))
    };
    match done {
        Ok(()) => Ok(Redirect::to("/console?msg=password").into_response()),
        Err(e @ (AppError::Invalid(_) | AppError::TooLong(_))) => page_with_status(
            StatusCode::BAD_REQUEST,
            &PasswordPage {
                one_time: staff.actor.must_change_password,
                nav: Nav::of(&staff.actor, &staff.csrf),
                error: Some(e.to_string()),
            },
        ),
        Err(e) => Err(e.into()),
    }
}
