//! 下级机关年度报告核查与汇总 (issue 16, part 2): the supervisor chooses a year and sees every
//! subordinate agency's published report checked with its previous year's, the agencies that
//! have not published by the deadline, and the regional roll-up in every format.

use crate::dashboard::notice_link;
use crate::pages::Nav;
use crate::params::Year;
use crate::respond::{download, page};
use crate::staff::Staff;
use crate::{Ctx, WebError};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use gongkai_app::dashboard_findings::Finding as NoticeDraft;
use gongkai_app::reports::{Download, report_bytes};
use gongkai_app::subtree_reports::{ReportLine, SubtreeReports};
use gongkai_domain::disclosure::Permission;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/console/ducha/nianbao", get(reports))
        .route("/console/ducha/nianbao/huizong", get(rollup))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Params {
    year: Option<String>,
    format: String,
}

/// A line as shown.
struct Line {
    name: String,
    due: String,
    status: String,
    late: bool,
    version: String,
    errors: usize,
    warnings: usize,
    previous: bool,
    link: Option<String>,
    /// (severity, message, rule code).
    findings: Vec<(&'static str, String, &'static str)>,
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "subtree_reports.html")]
struct Page {
    nav: Nav,
    year: i32,
    years: Vec<i32>,
    lines: Vec<Line>,
    missing: Vec<String>,
    included: Vec<String>,
    refused: Vec<(String, String)>,
    summed: bool,
    formats: Vec<(&'static str, &'static str)>,
}

async fn chosen(ctx: &Ctx, staff: &Staff, p: &Params) -> Result<SubtreeReports, WebError> {
    staff.require(Permission::Supervise)?;
    let today = ctx.app.today();
    let year = Year::optional(p.year.as_deref(), today)?.map_or(today.year() - 1, Year::get);
    Ok(ctx.app.subtree_reports(&staff.actor, year).await?)
}

fn line(l: &ReportLine, r: &SubtreeReports) -> Line {
    let late = l.late(r.today);
    let notice = (late || l.errors() > 0).then(|| {
        let subject = match l.published_on {
            None => format!("{}年度政府信息公开工作年度报告逾期未发布", r.year),
            Some(_) if late => format!("{}年度政府信息公开工作年度报告逾期发布", r.year),
            Some(_) => format!(
                "{}年度政府信息公开工作年度报告有{}处错误，请更正",
                r.year,
                l.errors()
            ),
        };
        let draft = NoticeDraft {
            label: "",
            subject,
            basis: "《中华人民共和国政府信息公开条例》第四十九条、第五十条".into(),
        };
        notice_link(&l.agency.code, &draft)
    });
    Line {
        name: l.agency.name.clone(),
        due: l.due.map(|d| d.to_string()).unwrap_or_default(),
        status: l.status(r.today),
        late,
        version: l.version.map(|v| format!("第{v}版")).unwrap_or_default(),
        errors: l.errors(),
        warnings: l.warnings(),
        previous: l.with_previous,
        link: l
            .version
            .map(|_| format!("/{}/nianbao/{}", l.agency.code, r.year)),
        findings: l
            .findings
            .iter()
            .map(|f| (f.severity.label(), f.message.clone(), f.rule.code()))
            .collect(),
        notice,
    }
}

async fn reports(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(p): Query<Params>,
) -> Result<Response, WebError> {
    let r = chosen(&ctx, &staff, &p).await?;
    let this = ctx.app.today().year();
    page(&Page {
        nav: Nav::of(&staff.actor, &staff.csrf),
        year: r.year,
        years: (2019..this).rev().collect(),
        lines: r.lines.iter().map(|l| line(l, &r)).collect(),
        missing: r.missing().iter().map(|l| l.agency.name.clone()).collect(),
        included: r.rollup.included.clone(),
        refused: r.rollup.refused.clone(),
        summed: r.rollup.report.is_some(),
        formats: Download::ALL.iter().map(|(f, e)| (*e, f.label())).collect(),
    })
}

/// The roll-up as a file in the chosen format.
async fn rollup(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(p): Query<Params>,
) -> Result<Response, WebError> {
    let format = Download::parse(&p.format).ok_or(WebError::NotFound)?;
    let r = chosen(&ctx, &staff, &p).await?;
    let report = r.rollup.report.ok_or(WebError::NotFound)?;
    let ext = Download::ALL
        .iter()
        .find(|(f, _)| *f == format)
        .map_or("", |(_, e)| *e);
    let bytes = tokio::task::spawn_blocking(move || report_bytes(&report, format))
        .await
        .map_err(|e| WebError::BadRequest(format!("生成文件失败：{e}")))??;
    let name = format!(
        "{}年度政府信息公开工作年度报告汇总-{}.{ext}",
        r.year, staff.actor.agency_name
    );
    Ok(download(&name, format.media_type(), bytes))
}
