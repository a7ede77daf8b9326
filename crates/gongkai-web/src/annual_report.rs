//! The console's 年度报告 page: the report computed from the data, the checker's findings,
//! the figures from other systems, and publication (zero errors; a correction needs a note).

use crate::pages::{Nav, fmt_time};
use crate::respond::{download, page};
use crate::staff::Staff;
use crate::upload::FormWithFiles;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use gongkai_app::AppError;
use gongkai_app::annual::ReportInputs;
use gongkai_domain::check::Severity;
use gongkai_domain::disclosure::Permission;
use gongkai_domain::report::Format;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/console/report", get(show))
        .route("/console/report/inputs", post(save))
        .route("/console/report/publish", post(publish))
        .route("/console/report/import", post(import))
        .route("/console/report/draft.xlsx", get(draft_xlsx))
}

struct InputRow {
    label: &'static str,
    /// (field name, column label, value).
    cells: Vec<(String, &'static str, String)>,
}

#[derive(Template)]
#[template(path = "report_console.html")]
struct ReportPage {
    nav: Nav,
    year: i32,
    years: Vec<i32>,
    deadline: String,
    message: Option<String>,
    findings: Vec<(&'static str, String)>,
    can_edit: bool,
    can_publish: bool,
    rows: Vec<InputRow>,
    management: String,
    platform: String,
    problems: String,
    other: String,
    versions: Vec<String>,
    preview: String,
    /// Why it cannot be published today (条例第四十九条、第五十条; prompts left).
    blockers: Vec<String>,
}

#[derive(Deserialize)]
struct YearQuery {
    year: Option<i32>,
    msg: Option<String>,
    rows: Option<usize>,
}

fn may_see(staff: &Staff) -> Result<(), WebError> {
    if staff.actor.may(Permission::Register) || staff.actor.may(Permission::Approve) {
        Ok(())
    } else {
        Err(AppError::Forbidden.into())
    }
}

async fn show(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    may_see(&staff)?;
    let this_year = ctx.app.today().year();
    let year = q.year.unwrap_or(this_year - 1);
    let agency = staff.actor.agency_id;
    let (_, findings) = ctx.app.report_with_findings(agency, year).await?;
    let report = ctx.app.report_preview(agency, year).await?;
    let inputs = ctx.app.report_inputs(agency, year).await?;
    let deadline = ctx.app.report_deadline(agency, year).await?;
    let snapshots = ctx.app.report_versions(&staff.actor, year).await?;
    let mut versions = Vec::new();
    for s in &snapshots {
        let on = gongkai_app::date_of_ms(s.published_at);
        let timely = ctx.app.report_timeliness(agency, year, on).await?;
        let note = if s.note.is_empty() {
            String::new()
        } else {
            format!("，更正说明：{}", s.note)
        };
        let when = fmt_time(s.published_at);
        versions.push(format!("第{}版，{when}发布（{timely}）{note}", s.version));
    }
    let message = match q.msg.as_deref() {
        Some("saved") => Some("已保存。".to_string()),
        Some("published") => Some("已发布，可在政府信息公开年报栏目查看。".to_string()),
        Some("imported") => Some(format!(
            "已从文件导入表二{}行，请核对下方数据和检查结果。",
            q.rows.unwrap_or(0)
        )),
        _ => None,
    };
    page(&ReportPage {
        nav: Nav::of(&staff.actor, &staff.csrf),
        year,
        years: (2019..=this_year).rev().collect(),
        deadline,
        message,
        findings: findings
            .iter()
            .map(|f| {
                (
                    if f.severity == Severity::Error {
                        "error"
                    } else {
                        "warning"
                    },
                    f.message.clone(),
                )
            })
            .collect(),
        can_edit: staff.actor.may(Permission::Register),
        can_publish: staff.actor.may(Permission::Approve),
        rows: input_rows(&inputs),
        management: inputs.management.clone(),
        platform: inputs.platform.clone(),
        blockers: ctx.app.report_blockers(agency, year).await?,
        problems: inputs.problems.clone(),
        other: inputs.other.clone(),
        versions,
        preview: gongkai_report::render::html_fragment(&report),
    })
}

fn input_rows(inputs: &ReportInputs) -> Vec<InputRow> {
    Format::Current2021
        .proactive_rows()
        .iter()
        .map(|row| InputRow {
            label: row.label,
            cells: row
                .columns
                .iter()
                .enumerate()
                .map(|(c, col)| {
                    let value = inputs
                        .proactive
                        .get(row.key)
                        .and_then(|v| v.get(c))
                        .cloned()
                        .unwrap_or_default();
                    (format!("p.{}.{c}", row.key), col.label, value)
                })
                .collect(),
        })
        .collect()
}

async fn save(
    State(ctx): State<Ctx>,
    staff: Staff,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    let get = |k: &str| crate::params::field(&pairs, k);
    staff.check_csrf(&get("csrf"))?;
    let year: i32 = get("year")
        .parse()
        .map_err(|_| WebError::BadRequest("年度无效".into()))?;
    let mut inputs = ReportInputs {
        management: get("management"),
        platform: get("platform"),
        problems: get("problems"),
        other: get("other"),
        ..ReportInputs::default()
    };
    for row in Format::Current2021.proactive_rows() {
        let cells = (0..row.columns.len())
            .map(|c| get(&format!("p.{}.{c}", row.key)))
            .collect();
        inputs.proactive.insert(row.key.to_string(), cells);
    }
    ctx.app
        .save_report_inputs(&staff.actor, year, &inputs)
        .await?;
    Ok(Redirect::to(&format!("/console/report?year={year}&msg=saved")).into_response())
}

#[derive(Deserialize)]
struct PublishForm {
    csrf: String,
    year: i32,
    #[serde(default)]
    note: String,
}

async fn publish(
    State(ctx): State<Ctx>,
    staff: Staff,
    Form(f): Form<PublishForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Approve)?;
    staff.check_csrf(&f.csrf)?;
    ctx.app
        .publish_computed_report(&staff.actor, f.year, &f.note)
        .await?;
    Ok(Redirect::to(&format!("/console/report?year={}&msg=published", f.year)).into_response())
}

#[derive(Deserialize)]
struct ImportForm {
    csrf: String,
    year: i32,
}

async fn import(
    State(ctx): State<Ctx>,
    staff: Staff,
    FormWithFiles { form: f, files }: FormWithFiles<ImportForm>,
) -> Result<Response, WebError> {
    staff.require(Permission::Register)?;
    staff.check_csrf(&f.csrf)?;
    let file = files
        .into_iter()
        .next()
        .ok_or_else(|| WebError::BadRequest("请选择要导入的文件".into()))?;
    let done = ctx
        .app
        .import_report_figures(&staff.actor, f.year, file.bytes)
        .await?;
    let to = format!(
        "/console/report?year={}&msg=imported&rows={}",
        f.year, done.rows
    );
    Ok(Redirect::to(&to).into_response())
}

#[derive(Deserialize)]
struct DraftQuery {
    year: i32,
}

async fn draft_xlsx(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(q): Query<DraftQuery>,
) -> Result<Response, WebError> {
    let bytes = ctx.app.draft_xlsx(&staff.actor, q.year).await?;
    Ok(download(
        &format!("{}年度报告草稿.xlsx", q.year),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        bytes,
    ))
}
