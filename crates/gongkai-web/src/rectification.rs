//! 整改通知 (issue 16) in the console: the supervisor issues (from a dashboard finding, the
//! form filled in) and reviews, the agency's registrar answers with evidence files; the year's
//! notices export as the 督查台账 (XLSX).

use crate::pages::Nav;
use crate::respond::{download, page, page_with_status};
use crate::staff::Staff;
use crate::upload::FormWithFiles;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use gongkai_app::rectifications::{NoticeInput, NoticeView, ledger};
use gongkai_domain::disclosure::Permission;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/console/zhenggai", get(list).post(issue))
        .route("/console/zhenggai.xlsx", get(export))
        .route("/console/zhenggai/{id}/answer", post(answer))
        .route("/console/zhenggai/{id}/review", post(review))
        .route("/console/zhenggai/{id}/files/{sha}", get(file))
}

#[derive(Template)]
#[template(path = "rectifications.html")]
struct Notices {
    nav: Nav,
    lines: Vec<NoticeView>,
    supervisor: bool,
    registrar: bool,
    /// The agencies a notice can go to: (code, name).
    agencies: Vec<(String, String)>,
    message: Option<&'static str>,
    error: Option<String>,
    year: i32,
    /// The issue form as filled in: from a finding of the dashboard, or as sent.
    draft: Draft,
}

/// The issue form's values.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct Draft {
    agency: String,
    subject: String,
    basis: String,
    days: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Msg {
    msg: Option<String>,
    #[serde(flatten)]
    draft: Draft,
}

async fn notices_page(
    ctx: &Ctx,
    staff: &Staff,
    message: Option<&'static str>,
    (error, draft): (Option<String>, Draft),
) -> Result<Notices, WebError> {
    let lines = ctx.app.notices(&staff.actor).await?;
    let supervisor = staff.actor.may(Permission::Supervise);
    let dir = ctx.app.directory().await?;
    let own = staff.actor.agency_id;
    let agencies = dir
        .all()
        .iter()
        .filter(|a| supervisor && a.id != own && dir.in_subtree(own, a.id))
        .map(|a| (a.code.clone(), a.name.clone()));
    Ok(Notices {
        nav: Nav::of(&staff.actor, &staff.csrf),
        registrar: staff.actor.may(Permission::Register),
        agencies: agencies.collect(),
        year: ctx.app.today().year(),
        lines,
        supervisor,
        message,
        error,
        draft: Draft {
            days: match draft.days.trim() {
                "" => "10".into(),
                d => d.into(),
            },
            ..draft
        },
    })
}

async fn list(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(m): Query<Msg>,
) -> Result<Response, WebError> {
    let message = match m.msg.as_deref() {
        Some("issued") => Some("整改通知已下发。"),
        Some("answered") => Some("整改情况已报送，待督查机关验收。"),
        Some("reviewed") => Some("已处理。"),
        _ => None,
    };
    page(&notices_page(&ctx, &staff, message, (None, m.draft)).await?)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct IssueForm {
    csrf: String,
    #[serde(flatten)]
    draft: Draft,
}

async fn issue(
    State(ctx): State<Ctx>,
    staff: Staff,
    f: FormWithFiles<IssueForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Supervise)?;
    staff.check_csrf(&f.form.csrf)?;
    let d = f.form.draft;
    let input = NoticeInput {
        agency_code: d.agency.clone(),
        subject: d.subject.clone(),
        basis: d.basis.clone(),
        days: d.days.clone(),
        files: f.files,
    };
    match ctx.app.issue_notice(&staff.actor, &input).await {
        Ok(_) => Ok(Redirect::to("/console/zhenggai?msg=issued").into_response()),
        Err(e) if e.is_input() => {
            let p = notices_page(&ctx, &staff, None, (Some(e.to_string()), d)).await?;
            page_with_status(StatusCode::BAD_REQUEST, &p)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AnswerForm {
    csrf: String,
    answer: String,
}

async fn answer(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    f: FormWithFiles<AnswerForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    staff.check_csrf(&f.form.csrf)?;
    let answer = &f.form.answer;
    match ctx
        .app
        .answer_notice(&staff.actor, id, answer, &f.files)
        .await
    {
        Ok(()) => Ok(Redirect::to("/console/zhenggai?msg=answered").into_response()),
        Err(e) if e.is_input() => {
            let err = (Some(e.to_string()), Draft::default());
            let p = notices_page(&ctx, &staff, None, err).await?;
            page_with_status(StatusCode::BAD_REQUEST, &p)
        }
        Err(e) => Err(e.into()),
    }
}

/// A file of a notice: the supervisor's attachment or the agency's evidence.
async fn file(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path((id, sha)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    let (file, blob) = ctx.app.notice_file(&staff.actor, id, &sha).await?;
    Ok(download(&file.file_name, &blob.media_type, blob.content))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ReviewForm {
    csrf: String,
    decision: String,
    reason: String,
}

async fn review(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<ReviewForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Supervise)?;
    staff.check_csrf(&f.csrf)?;
    let accept = f.decision == "accept";
    ctx.app
        .review_notice(&staff.actor, id, accept, &f.reason)
        .await?;
    Ok(Redirect::to("/console/zhenggai?msg=reviewed").into_response())
}

#[derive(Deserialize, Default)]
struct YearQuery {
    year: Option<String>,
}

async fn export(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    staff.require(Permission::Supervise)?;
    let today = ctx.app.today();
    let year =
        crate::params::Year::optional(q.year.as_deref(), today)?.map_or(today.year(), |y| y.get());
    let rows = ledger(&ctx.app.notices(&staff.actor).await?, year);
    let bytes = gongkai_report::xlsx::tables(&[("督查台账", &rows[..])])
        .map_err(|e| WebError::BadRequest(format!("生成 XLSX 失败：{e}")))?;
    let media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let name = format!("{year}年督查台账-{}.xlsx", staff.actor.agency_name);
    Ok(download(&name, media, bytes))
}
