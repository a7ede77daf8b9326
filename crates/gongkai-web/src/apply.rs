//! 依申请公开 for the public: the application form (with files), the receipt with 查询码 and
//! 查询密码, the tracking page (progress and letters, never identity) and the online 补正.

use crate::chrome::{Chrome, agency_chrome, chrome};
use crate::respond::{page, page_with_status};
use crate::site::{AgencySite, Site};
use crate::upload::FormWithFiles;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use gongkai_app::AppError;
use gongkai_app::cases::Upload;
use gongkai_app::cases::{ApplicationInput, CaseView, state_label};
use gongkai_app::letters::SentLetter;
use gongkai_domain::clock::{ApplicantType, Consulted, Event, Outcome, State as CaseState};
use gongkai_domain::report::Format;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/ysqgk", get(form).post(apply))
        .route("/ysqgk/chaxun", get(track_page).post(track))
        .route("/ysqgk/buzheng", post(correct))
        .route("/ysqgk/xiazai", post(download_released))
        .route("/ysqgk/wenshu", post(download_letter))
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub(crate) struct ApplyForm {
    pub(crate) csrf: String,
    pub(crate) applicant_type: String,
    pub(crate) name: String,
    pub(crate) id_kind: String,
    pub(crate) id_no: String,
    pub(crate) legal_rep: String,
    pub(crate) liaison: String,
    pub(crate) contact: String,
    pub(crate) address: String,
    pub(crate) request: String,
    pub(crate) provision: String,
    pub(crate) channel: String,
    pub(crate) received_on: String,
}

impl ApplyForm {
    pub(crate) fn input(&self, files: Vec<Upload>) -> ApplicationInput {
        ApplicationInput {
            applicant_type: ApplicantType::parse(&self.applicant_type),
            name: self.name.clone(),
            id_kind: gongkai_domain::applicant::IdKind::parse(&self.id_kind),
            id_no: self.id_no.clone(),
            legal_rep: self.legal_rep.clone(),
            liaison: self.liaison.clone(),
            contact: self.contact.clone(),
            address: self.address.clone(),
            request: self.request.clone(),
            provision: self.provision.clone(),
            files,
        }
    }
}

/// The kinds of identity document, for the form's choice.
pub(crate) fn id_kinds() -> Vec<(&'static str, &'static str)> {
    gongkai_domain::applicant::IdKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect()
}

/// The problems of a refused application, by field (条例第二十九条), for the form.
#[derive(Default)]
pub(crate) struct Problems {
    pub(crate) list: Vec<gongkai_domain::applicant::FieldError>,
}

impl Problems {
    /// The problems an error carries (none for other errors).
    pub(crate) fn of(e: &AppError) -> Problems {
        match e {
            AppError::Fields(list) => Problems { list: list.clone() },
            _ => Problems::default(),
        }
    }

    /// Whether `field` has a problem.
    pub(crate) fn has(&self, field: &str) -> bool {
        self.list.iter().any(|p| p.field == field)
    }

    /// The message of `field`'s problem.
    pub(crate) fn message(&self, field: &str) -> &str {
        self.list
            .iter()
            .find(|p| p.field == field)
            .map_or("", |p| p.message.as_str())
    }

    /// The first field with a problem (it gets the focus).
    pub(crate) fn first(&self) -> &str {
        self.list.first().map_or("", |p| p.field)
    }
}

pub(crate) fn types() -> Vec<(&'static str, &'static str)> {
    ApplicantType::ALL
        .iter()
        .map(|t| (t.as_str(), t.label()))
        .collect()
}

#[derive(Template)]
#[template(path = "apply.html")]
struct ApplyPage {
    chrome: Chrome,
    f: ApplyForm,
    types: Vec<(&'static str, &'static str)>,
    id_kinds: Vec<(&'static str, &'static str)>,
    error: Option<String>,
    problems: Problems,
}

async fn form(site: AgencySite, headers: HeaderMap) -> Result<Response, WebError> {
    let chrome = agency_chrome(&site, &headers, "/ysqgk");
    page(&ApplyPage {
        chrome,
        f: ApplyForm::default(),
        types: types(),
        id_kinds: id_kinds(),
        error: None,
        problems: Problems::default(),
    })
}

#[derive(Template)]
#[template(path = "receipt.html")]
struct ReceiptPage {
    chrome: Chrome,
    code: String,
    password: String,
    channel: &'static str,
    on: gongkai_domain::clock::Date,
    rule: &'static str,
    due: Option<gongkai_domain::clock::Date>,
}

async fn apply(
    State(ctx): State<Ctx>,
    site: AgencySite,
    headers: HeaderMap,
    FormWithFiles { form: f, files }: FormWithFiles<ApplyForm>,
) -> Result<Response, WebError> {
    let chrome = agency_chrome(&site, &headers, "/ysqgk");
    match ctx.app.apply_online(site.agency.id, &f.input(files)).await {
        Ok(r) => page(&ReceiptPage {
            chrome,
            channel: r.channel.label(),
            on: r.on,
            rule: r.channel.describe(),
            due: r.due,
            code: r.code,
            password: r.password,
        }),
        Err(e) if e.is_input() => page_with_status(
            StatusCode::BAD_REQUEST,
            &ApplyPage {
                chrome,
                f,
                types: types(),
                id_kinds: id_kinds(),
                problems: Problems::of(&e),
                error: Some(e.to_string()),
            },
        ),
        Err(e) => Err(e.into()),
    }
}

/// What the applicant sees: no personal data, only the case's progress.
struct Tracked {
    /// The agency handling it (the receiving one after a transfer).
    agency: String,
    state: &'static str,
    received: String,
    due: String,
    events: Vec<String>,
    awaiting_correction: bool,
    letters: Vec<SentLetter>,
    /// Closed: the applicant may rate the answer.
    closed: bool,
    /// Their rating so far.
    rating: Option<&'static str>,
    /// 转送说明: (day, from, to, note).
    transfers: Vec<gongkai_app::transfer::TransferNote>,
    /// The answer: (outcome, reason, delivery) (条例第三十六条、第三十七条).
    answer: Option<(String, String, String)>,
    /// The files released with the answer.
    released: Vec<gongkai_app::answers::Released>,
}

#[derive(Template)]
#[template(path = "track.html")]
struct TrackPage {
    chrome: Chrome,
    code: String,
    error: Option<String>,
    status: Option<Tracked>,
    /// A notice above the status (after a rating or a correction).
    message: Option<&'static str>,
    /// 社会评议 levels: (score, label).
    levels: Vec<(i64, &'static str)>,
    /// No CJK font: letters are offered as DOCX only.
    pdf_missing: bool,
}

async fn track_page(
    State(ctx): State<Ctx>,
    site: Site,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let chrome = chrome(&site, &headers, "/ysqgk/chaxun");
    page(&TrackPage {
        chrome,
        code: String::new(),
        error: None,
        status: None,
        message: None,
        levels: crate::pages::rating_levels(),
        pdf_missing: ctx.config.pdf_fonts_missing,
    })
}

#[derive(Deserialize)]
struct TrackForm {
    code: String,
    password: String,
}

async fn track(
    State(ctx): State<Ctx>,
    site: Site,
    headers: HeaderMap,
    Form(f): Form<TrackForm>,
) -> Result<Response, WebError> {
    tracked_page(&ctx, &site, &headers, &f.code, &f.password, None).await
}

/// The tracking page of the application with this 查询码 and 查询密码 (404 with the form
/// again when they do not match), with an optional notice above it.
pub(crate) async fn tracked_page(
    ctx: &Ctx,
    site: &Site,
    headers: &HeaderMap,
    code: &str,
    password: &str,
    message: Option<&'static str>,
) -> Result<Response, WebError> {
    let chrome = chrome(site, headers, "/ysqgk/chaxun");
    let (status, error) = match ctx.app.track(code, password).await {
        Ok(v) => (Some(tracked(ctx, &v).await?), None),
        Err(e @ AppError::NotFound(_)) => (None, Some(e.to_string())),
        Err(e) => return Err(e.into()),
    };
    let found = status.is_some();
    let p = TrackPage {
        chrome,
        code: code.to_string(),
        error,
        status,
        message,
        levels: crate::pages::rating_levels(),
        pdf_missing: ctx.config.pdf_fonts_missing,
    };
    match found {
        true => page(&p),
        false => page_with_status(StatusCode::NOT_FOUND, &p),
    }
}

async fn tracked(ctx: &Ctx, v: &CaseView) -> Result<Tracked, WebError> {
    let letters = ctx.app.letters_of(v.case.id).await?;
    let dir = ctx.app.directory().await?;
    let agency = dir.by_id(v.case.agency_id).map(|a| a.name.clone());
    Ok(Tracked {
        closed: matches!(v.status.state, CaseState::Closed(_)),
        rating: ctx
            .app
            .answer_rating(&v.case.tracking_code)
            .await?
            .map(|l| l.label()),
        transfers: ctx.app.transfer_notes(v.case.id).await?,
        answer: match (v.status.state, &v.answer) {
            (CaseState::Closed(o), Some(a)) => {
                Some((outcome_label(o), a.reason.clone(), a.delivery.clone()))
            }
            _ => None,
        },
        released: ctx.app.tracked_files(v).await?,
        agency: agency.unwrap_or_default(),
        awaiting_correction: v.status.state == CaseState::AwaitingCorrection,
        letters,
        state: state_label(v.status.state),
        received: v
            .status
            .clock_start
            .map(|d| d.to_string())
            .unwrap_or_else(|| {
                "待工作人员确认（网上提交的申请，以确认收到之日为收到申请之日，条例第三十一条）"
                    .into()
            }),
        due: v
            .status
            .due
            .map(|d| d.to_string())
            .unwrap_or_else(|| "—".into()),
        events: v.events.iter().map(describe).collect(),
    })
}

#[derive(Deserialize)]
struct DownloadForm {
    code: String,
    password: String,
    sha: String,
}

/// A released file, for the applicant with the 查询码 and 查询密码 (recorded).
async fn download_released(
    State(ctx): State<Ctx>,
    site: Site,
    headers: HeaderMap,
    ext: axum::http::Extensions,
    Form(f): Form<DownloadForm>,
) -> Result<Response, WebError> {
    let client = crate::limit::ClientAddr::of(&ext);
    match ctx
        .app
        .download_released((&f.code, &f.password), &f.sha, &client)
        .await
    {
        Ok((file, blob)) => Ok(crate::respond::download(
            &file.file_name,
            &blob.media_type,
            blob.content,
        )),
        Err(AppError::NotFound(_)) => {
            tracked_page(&ctx, &site, &headers, &f.code, &f.password, None).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct LetterForm {
    code: String,
    password: String,
    /// The letter and the format: "12.pdf", "12.docx".
    pick: String,
}

/// A letter of the application (答复书, 补正通知…) as PDF or DOCX, for the applicant with the
/// 查询码 and 查询密码 (issue 20).
async fn download_letter(
    State(ctx): State<Ctx>,
    site: Site,
    headers: HeaderMap,
    Form(f): Form<LetterForm>,
) -> Result<Response, WebError> {
    let view = match ctx.app.track(&f.code, &f.password).await {
        Ok(v) => v,
        Err(AppError::NotFound(_)) => {
            return tracked_page(&ctx, &site, &headers, &f.code, &f.password, None).await;
        }
        Err(e) => return Err(e.into()),
    };
    let (id, format) = f.pick.split_once('.').ok_or(WebError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    let letters = ctx.app.letters_of(view.case.id).await?;
    let letter = letters.iter().find(|l| l.id == id);
    let letter = letter.ok_or(WebError::NotFound)?;
    crate::letters::letter_download(letter, &view.case.tracking_code, format).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CorrectForm {
    code: String,
    password: String,
    text: String,
    contact: String,
}

async fn correct(
    State(ctx): State<Ctx>,
    site: Site,
    headers: HeaderMap,
    FormWithFiles { form: f, files }: FormWithFiles<CorrectForm>,
) -> Result<Response, WebError> {
    let input = gongkai_app::cases::CorrectionInput {
        text: f.text.clone(),
        contact: f.contact.clone(),
        files,
    };
    ctx.app
        .applicant_correction((&f.code, &f.password), &input)
        .await?;
    let done = Some("补正内容已提交，答复期限自今日起重新计算。");
    tracked_page(&ctx, &site, &headers, &f.code, &f.password, done).await
}

/// An event in the applicant's words.
pub fn describe(e: &Event) -> String {
    match *e {
        Event::Received { on, channel } => format!("{on} 收到申请（{}）", channel.label()),
        Event::Confirmed { on } => format!("{on} 确认收到申请"),
        Event::CorrectionRequested { on } => format!("{on} 告知补正"),
        Event::CorrectionReceived { on } => format!("{on} 收到补正后的申请，重新计算答复期限"),
        Event::CorrectionLapsed { on } => format!("{on} 申请人逾期未补正"),
        Event::ConsultationSent { on, with } => format!(
            "{on} 征求{}意见（所需时间不计入答复期限）",
            if with == Consulted::ThirdParty {
                "第三方"
            } else {
                "其他机关"
            }
        ),
        Event::ConsultationAnswered { on } => format!("{on} 收到意见"),
        Event::ExtensionApproved { on, days } => {
            format!("{on} 经负责人同意延长答复期限{days}个工作日")
        }
        Event::FeeNoticeIssued { on } => format!("{on} 发出收费通知"),
        Event::FeePaid { on } => format!("{on} 已缴纳信息处理费"),
        Event::FeeExpired { on } => format!("{on} 逾期未缴纳信息处理费"),
        Event::Answered { on, outcome } => format!("{on} 已答复：{}", outcome_label(outcome)),
        Event::Withdrawn { on } => format!("{on} 申请人撤回申请"),
        Event::Transferred { on } => format!(
            "{on} 申请所需信息由本平台其他机关掌握，已转送该机关办理（见“办理机关”），接收机关收到之日为收到申请之日，自该日起重新计算答复期限"
        ),
        Event::Voided { on, target } => {
            format!("{on} 更正：第{}项记录有误，已撤销，不再计算", target + 1)
        }
    }
}

/// The label of an outcome's row of table 三, without the form's counting note
/// (“区分处理的，只计这一情形，不计其他情形” is for the report, not for the applicant).
pub fn outcome_label(o: Outcome) -> String {
    let row = &Format::Current2021.application_rows()[o.row()];
    let label = row.label.split("（区分处理的").next().unwrap_or(row.label);
    match row.group {
        Some(g) => format!("{g} {label}"),
        None => label.to_string(),
    }
}
