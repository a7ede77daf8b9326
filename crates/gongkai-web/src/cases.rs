//! 依申请公开 in the console: the work list, registration and ledger events. Applicant data
//! appear only on the console pages of the agency's registrar and approver, masked in lists.

use crate::apply::{ApplyForm, outcome_label, types};
use crate::pages::Nav;
use crate::respond::{download, page, page_with_status, paragraphs};
use crate::staff::Staff;
use crate::upload::FormWithFiles;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use gongkai_app::AppError;
use gongkai_app::cases::{CaseView, mask_id, mask_name, state_label};
use gongkai_app::letters::SentLetter;
use gongkai_app::views::Attachment;
use gongkai_domain::clock::{Channel, Consulted, Date, Event, EventKind, Outcome, allowed_next};
use gongkai_domain::disclosure::Permission;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/console/cases", get(list).post(register))
        .route("/console/cases/new", get(new_case))
        .route("/console/cases/{id}", get(case))
        .route("/console/cases/{id}/files/{sha}", get(case_file))
        .route("/console/cases/{id}/events", post(record))
}

fn may_handle(staff: &Staff) -> Result<(), WebError> {
    if staff.actor.may(Permission::Register) || staff.actor.may(Permission::Approve) {
        Ok(())
    } else {
        Err(AppError::Forbidden.into())
    }
}

struct CaseLine {
    id: i64,
    code: String,
    name: String,
    id_no: String,
    channel: &'static str,
    state: &'static str,
    due: String,
    left: String,
    overdue: bool,
    /// The due date was computed without the year's holiday schedule.
    warning: bool,
}

#[derive(Template)]
#[template(path = "cases.html")]
struct CasesPage {
    nav: Nav,
    cases: Vec<CaseLine>,
    message: Option<&'static str>,
}

async fn list(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(q): Query<CaseQuery>,
) -> Result<Response, WebError> {
    may_handle(&staff)?;
    let views = ctx.app.work_list(&staff.actor).await?;
    let cases = views.iter().map(|v| CaseLine {
        id: v.case.id,
        code: v.case.tracking_code.clone(),
        name: mask_name(&v.case.applicant_name),
        id_no: mask_id(&v.case.applicant_id_no),
        channel: v.case.channel.label(),
        state: state_label(v.status.state),
        due: v.status.due.map(|d| d.to_string()).unwrap_or_default(),
        left: if v.status.due.is_some() {
            v.status.left.to_string()
        } else {
            String::new()
        },
        overdue: v.status.overdue,
        warning: v
            .status
            .warnings
            .iter()
            .any(|w| w.contains("节假日安排尚未载入")),
    });
    page(&CasesPage {
        nav: Nav::of(&staff.actor, &staff.csrf),
        cases: cases.collect(),
        message: (q.msg.as_deref() == Some("transferred"))
            .then_some("已转送接收机关办理，申请人可在查询页面看到办理机关和转送说明。"),
    })
}

#[derive(Template)]
#[template(path = "case_new.html")]
struct NewCasePage {
    nav: Nav,
    channels: Vec<(&'static str, &'static str)>,
    types: Vec<(&'static str, &'static str)>,
    error: Option<String>,
    /// What was typed, shown again with the error.
    f: ApplyForm,
    id_kinds: Vec<(&'static str, &'static str)>,
    problems: crate::apply::Problems,
}

fn new_case_page(staff: &Staff, f: ApplyForm, error: Option<&AppError>) -> NewCasePage {
    let channels = Channel::ALL
        .iter()
        .filter(|c| **c != Channel::Online)
        .map(|c| (c.as_str(), c.label()))
        .collect();
    NewCasePage {
        nav: Nav::of(&staff.actor, &staff.csrf),
        channels,
        types: types(),
        error: error.map(ToString::to_string),
        problems: error.map(crate::apply::Problems::of).unwrap_or_default(),
        id_kinds: crate::apply::id_kinds(),
        f,
    }
}

async fn new_case(staff: Staff) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    page(&new_case_page(&staff, ApplyForm::default(), None))
}

async fn register(
    State(ctx): State<Ctx>,
    staff: Staff,
    FormWithFiles { form: f, files }: FormWithFiles<ApplyForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    staff.check_csrf(&f.csrf)?;
    let channel =
        Channel::parse(&f.channel).ok_or_else(|| WebError::BadRequest("请选择申请方式".into()))?;
    let on = Date::parse(&f.received_on).map_err(|e| WebError::BadRequest(e.to_string()))?;
    let receipt = match ctx
        .app
        .register_case(&staff.actor, &f.input(files), channel, on)
        .await
    {
        Ok(r) => r,
        Err(e) if e.is_input() => {
            let again = new_case_page(&staff, f, Some(&e));
            return page_with_status(axum::http::StatusCode::BAD_REQUEST, &again);
        }
        Err(e) => return Err(e.into()),
    };
    // The receipt is this response itself (no-store, like every console page): the 查询密码
    // never appears in a URL, a log or the browser's history (issue 13).
    page(&CaseReceiptPage {
        nav: Nav::of(&staff.actor, &staff.csrf),
        id: receipt.id,
        channel: receipt.channel.label(),
        on: receipt.on,
        rule: receipt.channel.describe(),
        due: receipt.due,
        code: receipt.code,
        password: receipt.password,
    })
}

#[derive(Template)]
#[template(path = "case_receipt.html")]
struct CaseReceiptPage {
    nav: Nav,
    id: i64,
    code: String,
    password: String,
    channel: &'static str,
    on: Date,
    rule: &'static str,
    due: Option<Date>,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    nav: Nav,
    c: gongkai_app::views::Case,
    applicant_type: &'static str,
    channel: &'static str,
    state: &'static str,
    due: String,
    left: i64,
    request: Vec<String>,
    explanation: Vec<String>,
    /// Things the clerk must look at (a due date computed without the year's holidays).
    warnings: Vec<String>,
    /// Closed: the outcome and the day; no more events.
    closed: Option<(String, String)>,
    message: Option<String>,
    kinds: Vec<(&'static str, &'static str)>,
    /// 答复 is among the steps allowed now (its fields are shown).
    has_answer: bool,
    /// 延期 is among them.
    has_extension: bool,
    outcomes: Vec<(&'static str, String)>,
    letters: Vec<SentLetter>,
    /// No CJK font: what to install (the letters are offered as DOCX only).
    pdf_hint: Option<String>,
    suggestions: Vec<(i64, String, String)>,
    files: Vec<Attachment>,
    /// Where it can be transferred (other agencies of the platform), while still open.
    targets: Vec<(String, String)>,
    /// The history: (number, what happened, what was written, by whom).
    history: Vec<(usize, String, String, String)>,
    /// The request as corrected by the applicant, if it was (条例第三十条).
    corrected: Option<String>,
    /// Files released with the answer.
    released: Vec<gongkai_app::answers::Released>,
    /// Events the approver may void: (number, what happened).
    voidable: Vec<(usize, String)>,
    /// The actor may record 更正 (the approver).
    may_void: bool,
    /// The actor may change the released files (the registrar, while open).
    may_release: bool,
}

#[derive(Deserialize)]
struct CaseQuery {
    msg: Option<String>,
}

/// The form's choice of event: the kinds the ledger allows next (transfers have their own
/// form), with 征求意见 split by whom it asks (the form's value names both).
fn event_choices(allowed: &[EventKind]) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    for kind in allowed.iter().copied() {
        match kind {
            EventKind::Received | EventKind::Transferred => {}
            EventKind::ConsultationSent => {
                out.push((THIRD_PARTY, "征求第三方意见"));
                out.push((OTHER_AGENCY, "征求其他机关意见"));
            }
            k => out.push((k.key(), k.label())),
        }
    }
    out
}

/// The form values of 征求意见.
const THIRD_PARTY: &str = "consultation_third_party";
const OTHER_AGENCY: &str = "consultation_other_agency";

async fn case(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<CaseQuery>,
) -> Result<Response, WebError> {
    let v = ctx.app.case_view_named(&staff.actor, id).await?;
    let message = match q.msg.as_deref() {
        Some("recorded") => Some("已记录。".to_string()),
        Some("released") => Some("文件已添加，答复时将列入答复书的获取方式。".to_string()),
        Some("voided") => Some("已更正：误记事项已撤销，答复期限已重新计算。".to_string()),
        _ => None,
    };
    let history = v
        .events
        .iter()
        .zip(&v.notes)
        .enumerate()
        .map(|(i, (e, n))| {
            (
                i + 1,
                crate::apply::describe(e),
                n.text.clone(),
                n.by.clone(),
            )
        })
        .collect();
    let voidable = gongkai_domain::clock::voidable(&v.events)
        .into_iter()
        .map(|i| (i + 1, crate::apply::describe(&v.events[i])))
        .collect();
    let current = v.current_request();
    let allowed = allowed_next(&v.events, v.status.state);
    let open = !matches!(v.status.state, gongkai_domain::clock::State::Closed(_));
    page(&CasePage {
        nav: Nav::of(&staff.actor, &staff.csrf),
        applicant_type: v.case.applicant_type.label(),
        channel: v.case.channel.label(),
        state: state_label(v.status.state),
        due: v
            .status
            .due
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into()),
        left: v.status.left,
        request: paragraphs(&v.case.request),
        corrected: (current != v.case.request).then_some(current),
        history,
        released: ctx.app.released_files(&staff.actor, id).await?,
        voidable,
        may_void: staff.actor.may(Permission::Approve),
        may_release: open && staff.actor.may(Permission::Register),
        explanation: v.status.explanation.clone(),
        warnings: v.status.warnings.clone(),
        closed: match v.status.state {
            gongkai_domain::clock::State::Closed(o) => Some((
                outcome_label(o),
                v.events
                    .last()
                    .map(|e| e.on().to_string())
                    .unwrap_or_default(),
            )),
            _ => None,
        },
        message,
        has_answer: allowed.contains(&EventKind::Answered),
        has_extension: allowed.contains(&EventKind::ExtensionApproved),
        kinds: event_choices(&allowed),
        outcomes: Outcome::ALL
            .iter()
            .map(|o| (o.row_key(), outcome_label(*o)))
            .collect(),
        letters: ctx.app.letters_of(id).await?,
        pdf_hint: ctx.config.pdf_fonts_missing.then(|| {
            format!(
                "本机没有中文字体，文书暂时不能生成 PDF，可下载 Word（DOCX）版本。{}，然后重启 gongkai。",
                gongkai_report::pdf::FONT_HINT
            )
        }),
        suggestions: suggestions(&ctx, &v).await?,
        files: ctx.app.files_of(&v).await?,
        targets: match v.status.state {
            gongkai_domain::clock::State::Closed(_) => Vec::new(),
            _ => crate::transfer::targets(&ctx, v.case.agency_id).await?,
        },
        c: v.case,
    })
}

/// The event form's fields (read from the pairs: `published` may repeat).
struct EventForm {
    csrf: String,
    kind: String,
    on: String,
    outcome: String,
    days: String,
    note: String,
    delivery: String,
}

fn event_of(f: &EventForm) -> Result<Event, WebError> {
    let on = Date::parse(&f.on).map_err(|e| WebError::BadRequest(e.to_string()))?;
    let with = match f.kind.as_str() {
        THIRD_PARTY => Some(Consulted::ThirdParty),
        OTHER_AGENCY => Some(Consulted::OtherAgency),
        _ => None,
    };
    if let Some(with) = with {
        return Ok(Event::ConsultationSent { on, with });
    }
    let kind = EventKind::parse(&f.kind).filter(|k| *k != EventKind::Received);
    let kind = kind.ok_or_else(|| WebError::BadRequest("未知的办理事项".into()))?;
    Ok(match kind {
        EventKind::Confirmed => Event::Confirmed { on },
        EventKind::CorrectionRequested => Event::CorrectionRequested { on },
        EventKind::CorrectionReceived => Event::CorrectionReceived { on },
        EventKind::CorrectionLapsed => Event::CorrectionLapsed { on },
        EventKind::ConsultationAnswered => Event::ConsultationAnswered { on },
        EventKind::ExtensionApproved => {
            let days = f
                .days
                .trim()
                .parse()
                .map_err(|_| WebError::BadRequest("延长工作日数应为 1–20 的整数".into()))?;
            Event::ExtensionApproved { on, days }
        }
        EventKind::FeeNoticeIssued => Event::FeeNoticeIssued { on },
        EventKind::FeePaid => Event::FeePaid { on },
        EventKind::FeeExpired => Event::FeeExpired { on },
        EventKind::Answered => {
            let outcome = Outcome::from_key(&f.outcome).ok_or_else(|| {
                WebError::BadRequest("答复须选择一个结果（对应年度报告表三的一行）".into())
            })?;
            Event::Answered { on, outcome }
        }
        EventKind::Withdrawn => Event::Withdrawn { on },
        EventKind::Received
        | EventKind::ConsultationSent
        | EventKind::Transferred
        | EventKind::Voided => {
            return Err(WebError::BadRequest("未知的办理事项".into()));
        }
    })
}

async fn record(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    may_handle(&staff)?;
    let get = |k: &str| crate::params::field(&pairs, k);
    let f = EventForm {
        csrf: get("csrf"),
        kind: get("kind"),
        on: get("on"),
        outcome: get("outcome"),
        days: get("days"),
        note: get("note"),
        delivery: get("delivery"),
    };
    staff.check_csrf(&f.csrf)?;
    let published: Vec<i64> = pairs
        .iter()
        .filter(|(n, _)| n == "published")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    match event_of(&f)? {
        Event::Answered { on, outcome } => {
            let text = gongkai_domain::clock::AnswerText {
                reason: f.note.clone(),
                delivery: f.delivery.clone(),
            };
            ctx.app
                .record_answer_citing(&staff.actor, id, (on, outcome), &text, &published)
                .await?
        }
        event => {
            ctx.app
                .record_event(&staff.actor, id, event, &f.note)
                .await?
        }
    };
    Ok(Redirect::to(&format!("/console/cases/{id}?msg=recorded")).into_response())
}

/// Published items that may already answer the request (条例第三十六条第（一）项: tell the
/// applicant where it is published).
async fn suggestions(ctx: &Ctx, v: &CaseView) -> Result<Vec<(i64, String, String)>, WebError> {
    let first_line = v.case.request.lines().next().unwrap_or_default();
    let q = gongkai_search::Query {
        text: first_line.chars().take(100).collect(),
        agency_id: Some(v.case.agency_id),
        limit: 5,
        related: true,
        ..Default::default()
    };
    let hits = ctx.app.search(&q).await?;
    Ok(hits
        .hits
        .iter()
        .map(|h| (h.doc.id, h.doc.title.clone(), h.doc.index_no.clone()))
        .collect())
}

/// A letter as DOCX or PDF.
async fn case_file(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path((id, sha)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    let (file, blob) = ctx.app.case_file(&staff.actor, id, &sha).await?;
    Ok(download(&file.file_name, &blob.media_type, blob.content))
}
