//! The staff console: login, the work lists, and the item workflow. Every handler names the
//! permission it needs; every form is checked against the session's CSRF token.

use crate::flag_view::{FlagLine, Marked, flag_lines, marked_paragraphs};
use crate::pages::{ItemLine, Nav, fmt_time};
use crate::respond::{download, page, page_with_status, paragraphs};
use crate::staff::{Staff, clear_cookie, session_cookie};
use crate::{Ctx, WebError};
use askama::Template;
use axum::Form;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use gongkai_app::AppError;
use gongkai_app::items::ItemView;
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::{Action, ItemState, Permission, WorkflowError};
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/console", get(home))
        .route("/console/items/{id}", get(item))
        .route("/console/items/{id}/attachments", post(upload))
        .route("/console/items/{id}/action", post(act))
        .route("/console/items/{id}/flags", post(accept_flag))
        .route(
            "/console/items/{id}/shenpibiao",
            get(crate::shenpibiao::html),
        )
        .route(
            "/console/items/{id}/shenpibiao.docx",
            get(crate::shenpibiao::docx),
        )
        .route("/console/items/{id}/fujian/{sha}", get(attachment))
        .merge(crate::admin::routes())
        .merge(crate::item_form::routes())
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    error: Option<String>,
    username: String,
}

async fn login_page() -> Result<Response, WebError> {
    page(&LoginPage {
        error: None,
        username: String::new(),
    })
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
}

async fn login(
    State(ctx): State<Ctx>,
    ext: axum::http::Extensions,
    Form(f): Form<LoginForm>,
) -> Result<Response, WebError> {
    let client = crate::limit::ClientAddr::of(&ext);
    match ctx.app.login(&f.username, &f.password, &client).await {
        Ok(session) => {
            let mut res = Redirect::to("/console").into_response();
            let cookie = session_cookie(&session.token, ctx.config.secure_cookies);
            res.headers_mut().insert(header::SET_COOKIE, cookie);
            Ok(res)
        }
        Err(e @ (AppError::BadCredentials | AppError::Locked { .. } | AppError::Disabled)) => {
            page_with_status(
                axum::http::StatusCode::UNAUTHORIZED,
                &LoginPage {
                    error: Some(e.to_string()),
                    username: f.username.chars().take(64).collect(),
                },
            )
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn logout(
    State(ctx): State<Ctx>,
    staff: Staff,
    Form(f): Form<CsrfForm>,
) -> Result<Response, WebError> {
    staff.check_csrf(&f.csrf)?;
    ctx.app.logout(&staff.token, &staff.actor).await?;
    let mut res = Redirect::to("/login").into_response();
    res.headers_mut().insert(header::SET_COOKIE, clear_cookie());
    Ok(res)
}

type Section = (&'static str, &'static str, Vec<ItemLine>);

#[derive(Template)]
#[template(path = "console_home.html")]
struct Home {
    nav: Nav,
    sections: Vec<Section>,
    late: usize,
    /// 依申请公开, for those who handle it.
    cases: Option<CasesDue>,
    /// The 系统管理员's work: accounts, the calendar, the PDF font.
    admin: Option<AdminDue>,
    message: Option<&'static str>,
}

/// The start page of a 系统管理员 (issue 20).
struct AdminDue {
    users: usize,
    disabled: usize,
    /// Accounts still on a one-time password.
    one_time: usize,
    /// The 节假日安排 years loaded.
    years: String,
    /// Next year's schedule is not loaded yet.
    missing: Option<i32>,
    /// No CJK font: what to install.
    pdf_hint: Option<String>,
}

async fn admin_due(ctx: &Ctx, staff: &Staff) -> Result<Option<AdminDue>, WebError> {
    if !staff.actor.may(Permission::Administer) {
        return Ok(None);
    }
    let users = ctx.app.users(&staff.actor).await?;
    let disabled = users
        .iter()
        .filter(|(u, _)| u.state == gongkai_domain::disclosure::AccountState::Disabled)
        .count();
    let one_time = users.iter().filter(|(u, _)| u.must_change_password).count();
    let years = ctx.app.calendar_years().await?;
    let next = ctx.app.today().year() + 1;
    let listed: Vec<String> = years.iter().map(|y| y.year.to_string()).collect();
    Ok(Some(AdminDue {
        users: users.len(),
        disabled,
        one_time,
        years: listed.join("、"),
        missing: (!years.iter().any(|y| y.year == next)).then_some(next),
        pdf_hint: ctx.config.pdf_fonts_missing.then(|| {
            format!(
                "本机没有中文字体，文书和年度报告暂时不能生成 PDF（可下载 DOCX）。{}，然后重启 gongkai。",
                gongkai_report::pdf::FONT_HINT
            )
        }),
    }))
}

/// The start page's 依申请公开: how many are open, overdue and due soon, the most urgent.
struct CasesDue {
    open: usize,
    overdue: usize,
    soon: usize,
    urgent: Vec<CaseDue>,
    /// For the approver: applications due within 5 working days that may still be extended
    /// (条例第三十三条: one extension, decided before the deadline).
    extension: Vec<CaseDue>,
}

/// An open application on the start page.
struct CaseDue {
    id: i64,
    code: String,
    state: &'static str,
    due: String,
    left: i64,
    overdue: bool,
}

/// Working days left at which a case counts as due soon.
const DUE_SOON: i64 = 5;

/// The open applications, most urgent first, when the actor handles them.
async fn cases_due(ctx: &Ctx, staff: &Staff) -> Result<Option<CasesDue>, WebError> {
    let a = &staff.actor;
    if !(a.may(Permission::Register) || a.may(Permission::Approve)) {
        return Ok(None);
    }
    let open: Vec<_> = ctx
        .app
        .work_list(a)
        .await?
        .into_iter()
        .filter(|v| !matches!(v.status.state, gongkai_domain::clock::State::Closed(_)))
        .collect();
    let overdue = open.iter().filter(|v| v.status.overdue).count();
    let soon = |v: &&gongkai_app::cases::CaseView| {
        v.status.due.is_some() && !v.status.overdue && v.status.left <= DUE_SOON
    };
    let due_soon = open.iter().filter(soon).count();
    let line = |v: &gongkai_app::cases::CaseView| CaseDue {
        id: v.case.id,
        code: v.case.tracking_code.clone(),
        state: gongkai_app::cases::state_label(v.status.state),
        due: v.status.due.map(|d| d.to_string()).unwrap_or_default(),
        left: v.status.left,
        overdue: v.status.overdue,
    };
    let extendable = |v: &&gongkai_app::cases::CaseView| {
        use gongkai_domain::clock::{EventKind, allowed_next};
        soon(v) && allowed_next(&v.events, v.status.state).contains(&EventKind::ExtensionApproved)
    };
    let extension = match a.may(Permission::Approve) {
        true => open.iter().filter(extendable).map(line).collect(),
        false => Vec::new(),
    };
    Ok(Some(CasesDue {
        open: open.len(),
        overdue,
        soon: due_soon,
        urgent: open.iter().take(10).map(line).collect(),
        extension,
    }))
}

#[derive(Deserialize)]
struct HomeMsg {
    msg: Option<String>,
}

async fn home(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(m): Query<HomeMsg>,
) -> Result<Response, WebError> {
    let nav = Nav::of(&staff.actor, &staff.csrf);
    let cases = cases_due(&ctx, &staff).await?;
    let admin = admin_due(&ctx, &staff).await?;
    let message = (m.msg.as_deref() == Some("password")).then_some("密码已修改。");
    if !staff.actor.may(Permission::ReadItems) {
        return page(&Home {
            nav,
            sections: Vec::new(),
            late: 0,
            cases,
            admin,
            message,
        });
    }
    let rows = ctx.app.console_items(&staff.actor, None).await?;
    let lines = |states: &[ItemState]| -> Vec<ItemLine> {
        rows.iter()
            .filter(|r| states.contains(&r.state))
            .map(ItemLine::of)
            .collect()
    };
    let a = &staff.actor;
    let mut sections: Vec<Section> = Vec::new();
    if a.may(Permission::Draft) {
        sections.push(("drafts", "草稿和退回修改", lines(&[ItemState::Draft])));
    }
    if a.may(Permission::Register) || a.may(Permission::Draft) {
        sections.push((
            "pending-registration",
            "待登记审核",
            lines(&[ItemState::PendingRegistration]),
        ));
    }
    sections.push((
        "pending-approval",
        "待领导审批",
        lines(&[ItemState::PendingApproval]),
    ));
    let mut published = lines(&[
        ItemState::Published,
        ItemState::Abolished,
        ItemState::Withdrawn,
    ]);
    published.truncate(20);
    sections.push(("published", "最近发布", published));
    let late = rows
        .iter()
        .filter(|r| ctx.app.published_late_this_year(r))
        .count();
    page(&Home {
        nav,
        sections,
        late,
        cases,
        admin,
        message,
    })
}

/// A button of the 办理 section.
struct ActionButton {
    code: &'static str,
    label: &'static str,
    needs_reason: bool,
    needs_date: bool,
    /// Why it cannot be taken yet (open 保密审查 flags).
    blocked: Option<String>,
}

#[derive(Template)]
#[template(path = "item_console.html")]
struct ItemPage {
    nav: Nav,
    item: gongkai_app::views::Item,
    state: &'static str,
    index_no: String,
    written_on: String,
    published_on: String,
    validity: &'static str,
    due: Option<String>,
    late: bool,
    published: bool,
    message: Option<&'static str>,
    flags: Vec<FlagLine>,
    can_accept: bool,
    can_edit: bool,
    /// The body, open flags marked.
    paragraphs: Vec<Marked>,
    attachments: Vec<gongkai_app::views::Attachment>,
    actions: Vec<ActionButton>,
    reviews: Vec<(String, i64, String, String, String)>,
}

#[derive(Deserialize)]
struct Msg {
    msg: Option<String>,
}

fn message(code: Option<&str>) -> Option<&'static str> {
    Some(match code? {
        "created" => "草稿已创建。",
        "saved" => "草稿已保存。",
        "uploaded" => "附件已上传。",
        "flag" => "已确认保留该提示。",
        "submit" => "已提交党政办登记审核。",
        "register" => "已登记审核通过，送领导审批。",
        "approve" => "已审批，信息已公开。",
        "return" => "已退回修改。",
        "withdraw" => "已撤回。",
        "abolish" => "已废止，公开页面标注“已废止”。",
        "revise" => "已建立新版本草稿，原版本继续公开至新版本发布。",
        _ => return None,
    })
}

/// The actions the actor could take now (a reason or date is asked for in the form).
fn available_actions(view: &ItemView, staff: &Staff) -> Vec<ActionButton> {
    let on = Date::from_ymd(2000, 1, 1);
    let candidates = [
        Some(Action::Submit),
        Some(Action::Register),
        Some(Action::Approve),
        Some(Action::Return { reason: "x".into() }),
        Some(Action::Withdraw { reason: "x".into() }),
        on.map(|on| Action::Abolish { on }),
        Some(Action::Revise),
    ];
    // Only the steps the state and the roles allow are shown; one that open 保密审查 flags
    // stop is shown disabled, with the reason beside it.
    candidates
        .into_iter()
        .flatten()
        .filter_map(|a| {
            let blocked = match view.state.apply(&a, &staff.actor.roles, view.open_flags()) {
                Ok(_) => None,
                Err(e @ WorkflowError::OpenFlags(_)) => Some(e.to_string()),
                Err(_) => return None,
            };
            Some(ActionButton {
                code: a.code(),
                label: a.label(),
                needs_reason: matches!(a, Action::Return { .. } | Action::Withdraw { .. }),
                needs_date: matches!(a, Action::Abolish { .. }),
                blocked,
            })
        })
        .collect()
}

async fn item(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(m): Query<Msg>,
) -> Result<Response, WebError> {
    let view = ctx.app.item_view(&staff.actor, id).await?;
    let a = &staff.actor;
    let actions = available_actions(&view, &staff);
    let reviewing = matches!(
        view.state,
        ItemState::PendingRegistration | ItemState::PendingApproval
    );
    let flags = flag_lines(&view.flags, &view.item.fields);
    let reviews = view.reviews.iter().map(|r| {
        (
            fmt_time(r.at),
            r.version,
            r.decision.clone(),
            r.user_name.clone(),
            r.comment.clone(),
        )
    });
    let item = &view.item;
    page(&ItemPage {
        nav: Nav::of(a, &staff.csrf),
        state: view.state.label(),
        index_no: item
            .index_no
            .clone()
            .unwrap_or_else(|| "（登记审核时生成）".into()),
        written_on: crate::pages::day(item.fields.written_on),
        published_on: crate::pages::day(item.published_on),
        validity: item.validity.label(),
        due: view.timeliness.map(|t| t.due.to_string()),
        late: view.timeliness.is_some_and(|t| t.late)
            && item
                .published_version
                .is_none_or(|v| v == item.current_version),
        published: item.published_version.is_some(),
        message: message(m.msg.as_deref()),
        flags,
        can_accept: reviewing && (a.may(Permission::Register) || a.may(Permission::Approve)),
        can_edit: view.state == ItemState::Draft && a.may(Permission::Draft),
        paragraphs: marked_paragraphs(paragraphs(&item.fields.body), &view.flags),
        attachments: view.attachments.clone(),
        actions,
        reviews: reviews.collect(),
        item: view.item.clone(),
    })
}

#[derive(Deserialize)]
struct ActionForm {
    csrf: String,
    action: String,
    reason: Option<String>,
    on: Option<String>,
}

fn parse_action(f: &ActionForm) -> Result<Action, WebError> {
    let reason = f.reason.clone().unwrap_or_default();
    Ok(match f.action.as_str() {
        "submit" => Action::Submit,
        "register" => Action::Register,
        "approve" => Action::Approve,
        "return" => Action::Return { reason },
        "withdraw" => Action::Withdraw { reason },
        "revise" => Action::Revise,
        "abolish" => {
            let on = Date::parse(f.on.as_deref().unwrap_or_default())
                .map_err(|e| WebError::BadRequest(e.to_string()))?;
            Action::Abolish { on }
        }
        _ => return Err(WebError::BadRequest("未知的办理步骤".into())),
    })
}

async fn act(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<ActionForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::ReadItems)?;
    staff.check_csrf(&f.csrf)?;
    let action = parse_action(&f)?;
    ctx.app.act(&staff.actor, id, &action).await?;
    Ok(Redirect::to(&format!("/console/items/{id}?msg={}", action.code())).into_response())
}

#[derive(Deserialize)]
struct FlagForm {
    csrf: String,
    flag: String,
    reason: String,
}

async fn accept_flag(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(f): Form<FlagForm>,
) -> Result<Response, WebError> {
    if !(staff.actor.may(Permission::Register) || staff.actor.may(Permission::Approve)) {
        return Err(AppError::Forbidden.into());
    }
    staff.check_csrf(&f.csrf)?;
    ctx.app
        .accept_flag(&staff.actor, id, &f.flag, &f.reason)
        .await?;
    Ok(Redirect::to(&format!("/console/items/{id}?msg=flag")).into_response())
}

async fn upload(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path(id): Path<i64>,
    mut form: Multipart,
) -> Result<Response, WebError> {
    staff.require(Permission::Draft)?;
    let bad = crate::upload::bad;
    let (mut csrf_ok, mut file) = (false, None);
    while let Some(field) = form.next_field().await.map_err(bad)? {
        match field.name() {
            Some("csrf") => csrf_ok = staff.check_csrf(&field.text().await.map_err(bad)?).is_ok(),
            Some("file") => {
                let name = field.file_name().unwrap_or("附件").to_string();
                file = Some((name, field.bytes().await.map_err(bad)?));
            }
            _ => {}
        }
    }
    if !csrf_ok {
        return Err(WebError::Csrf);
    }
    let (name, bytes) = file.ok_or_else(|| WebError::BadRequest("请选择要上传的文件".into()))?;
    ctx.app.attach(&staff.actor, id, &name, &bytes).await?;
    Ok(Redirect::to(&format!("/console/items/{id}?msg=uploaded")).into_response())
}

async fn attachment(
    State(ctx): State<Ctx>,
    staff: Staff,
    Path((id, sha)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    let (name, blob) = ctx.app.item_attachment(&staff.actor, id, &sha).await?;
    Ok(download(&name, &blob.media_type, blob.content))
}
