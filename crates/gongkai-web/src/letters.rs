//! The 党政办's letter templates (文书模板), a case's letters as DOCX and PDF, and the
//! notification outbox (通知发件箱).

use crate::pages::{Nav, fmt_time};
use crate::respond::{download, page, page_with_status};
use crate::staff::Staff;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use gongkai_app::AppError;
use gongkai_app::letters::SentLetter;
use gongkai_domain::disclosure::Permission;
use gongkai_domain::letters::DeliveryState;
use gongkai_domain::letters::{Field, LetterKind};
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/console/letters", get(templates))
        .route("/console/letters/{kind}", post(save_template))
        .route("/console/outbox", get(outbox))
        .route("/console/outbox/{id}", post(resend))
        .route(
            "/console/cases/{id}/letters/{letter}/{format}",
            get(letter_file),
        )
}

struct Editor {
    kind: &'static str,
    title: &'static str,
    text: String,
    fields: String,
    required: String,
    error: Option<String>,
    /// The letter in the saved wording with example values.
    preview: Vec<String>,
}

#[derive(Template)]
#[template(path = "letters.html")]
struct TemplatesPage {
    nav: Nav,
    editors: Vec<Editor>,
    message: Option<&'static str>,
}

#[derive(Deserialize)]
struct Msg {
    msg: Option<String>,
}

fn braced(fields: &[Field]) -> String {
    let names: Vec<String> = fields
        .iter()
        .map(|f| format!("{{{{{}}}}}", f.name()))
        .collect();
    names.join(" ")
}

async fn editors(ctx: &Ctx, staff: &Staff) -> Result<Vec<Editor>, WebError> {
    let mut out = Vec::new();
    for kind in LetterKind::ALL {
        let template = ctx.app.letter_template(staff.actor.agency_id, kind).await?;
        out.push(Editor {
            kind: kind.as_str(),
            title: kind.title(),
            text: template.text().to_string(),
            fields: braced(&kind.fields()),
            required: braced(kind.required()),
            error: None,
            preview: ctx
                .app
                .letter_preview(staff.actor.agency_id, kind)
                .await?
                .paragraphs,
        });
    }
    Ok(out)
}

async fn templates(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(m): Query<Msg>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    let message = match m.msg.as_deref() {
        Some("saved") => Some("模板已保存，此后发出的文书使用新模板。"),
        Some("reset") => Some("已恢复为系统默认模板。"),
        _ => None,
    };
    page(&TemplatesPage {
        nav: Nav::of(&staff.actor, &staff.csrf),
        editors: editors(&ctx, &staff).await?,
        message,
    })
}

#[derive(Deserialize)]
struct TemplateForm {
    csrf: String,
    text: String,
}

async fn save_template(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(kind): Path<String>,
    Form(f): Form<TemplateForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    staff.check_csrf(&f.csrf)?;
    let kind = LetterKind::parse(&kind).ok_or(WebError::NotFound)?;
    match ctx
        .app
        .save_letter_template(&staff.actor, kind, &f.text)
        .await
    {
        Ok(()) if f.text.trim().is_empty() => {
            Ok(Redirect::to("/console/letters?msg=reset").into_response())
        }
        Ok(()) => Ok(Redirect::to("/console/letters?msg=saved").into_response()),
        Err(e @ AppError::Template(_)) => {
            // Shown again with the clerk's text kept and the reason beside it.
            let mut editors = editors(&ctx, &staff).await?;
            if let Some(ed) = editors.iter_mut().find(|ed| ed.kind == kind.as_str()) {
                ed.text = f.text;
                ed.error = Some(e.to_string());
            }
            let page = TemplatesPage {
                nav: Nav::of(&staff.actor, &staff.csrf),
                editors,
                message: None,
            };
            page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(e) => Err(e.into()),
    }
}

struct Line {
    id: i64,
    created: String,
    recipient: String,
    subject: String,
    state: &'static str,
    attempts: i64,
    last_error: String,
    resendable: bool,
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    nav: Nav,
    configured: bool,
    rows: Vec<Line>,
    message: Option<&'static str>,
}

async fn outbox(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(m): Query<Msg>,
) -> Result<Response, WebError> {
    let rows = ctx.app.outbox(&staff.actor).await?;
    let rows = rows.into_iter().map(|r| Line {
        id: r.id,
        created: fmt_time(r.created_at),
        recipient: r.recipient,
        subject: r.subject,
        state: r.state.label(),
        attempts: r.attempts,
        last_error: r.last_error,
        resendable: r.state == DeliveryState::Failed,
    });
    page(&OutboxPage {
        nav: Nav::of(&staff.actor, &staff.csrf),
        configured: ctx.app.mail_configured(),
        rows: rows.collect(),
        message: m.msg.is_some().then_some("已重新放入发送队列。"),
    })
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn resend(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    staff.check_csrf(&f.csrf)?;
    ctx.app.resend_message(&staff.actor, id).await?;
    Ok(Redirect::to("/console/outbox?msg=queued").into_response())
}

async fn letter_file(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path((id, letter, format)): Path<(i64, i64, String)>,
) -> Result<Response, WebError> {
    let v = ctx.app.case_view(&staff.actor, id).await?;
    let letters = ctx.app.letters_of(v.case.id).await?;
    let l = letters
        .into_iter()
        .find(|l| l.id == letter)
        .ok_or(WebError::NotFound)?;
    letter_download(&l, &v.case.tracking_code, &format).await
}

/// A letter as a DOCX or PDF download, named after its title and the 查询码. Without a CJK
/// font the PDF fails with what to install and the DOCX to take meanwhile.
pub(crate) async fn letter_download(
    l: &SentLetter,
    code: &str,
    format: &str,
) -> Result<Response, WebError> {
    use gongkai_report::docx::write_parts;
    let parts = l.parts();
    let fail = |e: String| WebError::BadRequest(format!("生成文件失败：{e}"));
    let (bytes, media) = match format {
        "docx" => (
            write_parts(&parts).map_err(fail)?,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "pdf" => {
            let bytes = tokio::task::spawn_blocking(move || {
                let fonts = gongkai_report::pdf::Fonts::discover(None).map_err(|_| {
                    format!(
                        "本机没有中文字体，不能生成 PDF（{}）；请先下载 Word（DOCX）版本",
                        gongkai_report::pdf::FONT_HINT
                    )
                })?;
                gongkai_report::pdf::write_parts(&parts, &fonts)
            })
            .await
            .map_err(|e| fail(e.to_string()))?
            .map_err(fail)?;
            (bytes, "application/pdf")
        }
        _ => return Err(WebError::NotFound),
    };
    Ok(download(
        &format!("{}-{code}.{format}", l.title),
        media,
        bytes,
    ))
}
