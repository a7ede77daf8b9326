//! 督查 (issue 16): the supervisor's dashboard of their agency's subtree, sortable by any
//! column, and its export as CSV and XLSX. Read-only.

use crate::pages::Nav;
use crate::respond::{download, page, url_encode};
use crate::staff::Staff;
use crate::{Ctx, WebError};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use gongkai_app::dashboard::{COLUMNS, Dashboard, DashboardRow};
use gongkai_domain::disclosure::Permission;
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/console/overview", get(overview))
        .route("/console/overview.csv", get(csv))
        .route("/console/overview.xlsx", get(xlsx))
        .route("/console/overview/chart.svg", get(chart))
        .route("/console/overview/overdue.svg", get(overdue_chart))
        .route("/console/overview/{code}", get(drilldown))
}

#[derive(Deserialize, Default)]
struct Sort {
    sort: Option<String>,
    order: Option<String>,
}

/// A header: its label, its sort link, and whether the table is sorted by it.
struct Header {
    label: &'static str,
    href: String,
    current: Option<&'static str>,
}

/// A row as shown: its agency's 专栏, its cells, the flags that colour it, and a link per
/// finding that opens the 整改通知 form filled in.
struct Line {
    column: String,
    cells: Vec<String>,
    overdue: bool,
    report_late: bool,
    findings: Vec<(&'static str, String)>,
}

/// The 整改通知 form, filled in for one finding of one agency.
pub(crate) fn notice_link(code: &str, f: &gongkai_app::dashboard_findings::Finding) -> String {
    format!(
        "/console/zhenggai?agency={}&subject={}&basis={}#issue-notice",
        url_encode(code),
        url_encode(&f.subject),
        url_encode(&f.basis)
    )
}

#[derive(Template)]
#[template(path = "overview.html")]
struct Overview {
    nav: Nav,
    today: String,
    report_year: i32,
    headers: Vec<Header>,
    lines: Vec<Line>,
    export: String,
}

/// Sorts by `key` (a [`COLUMNS`] key; the agency's name by default), largest first unless
/// `order=asc`; the supervisor's own agency stays first when nothing is chosen.
fn sorted(d: &mut Dashboard, s: &Sort) -> (&'static str, bool) {
    let key = COLUMNS
        .iter()
        .map(|(k, _)| *k)
        .find(|k| s.sort.as_deref() == Some(*k))
        .unwrap_or("");
    let asc = s.order.as_deref() == Some("asc");
    let by = |a: &DashboardRow, b: &DashboardRow| match key {
        "agency" => a.agency.name.cmp(&b.agency.name),
        _ => a.sort_value(key).total_cmp(&b.sort_value(key)),
    };
    if !key.is_empty() {
        d.rows.sort_by(|a, b| if asc { by(a, b) } else { by(b, a) });
    }
    (key, asc)
}

fn headers(key: &str, asc: bool) -> Vec<Header> {
    COLUMNS
        .iter()
        .map(|(k, label)| {
            let order = if *k == key && !asc { "asc" } else { "desc" };
            Header {
                label,
                href: format!("/console/overview?sort={k}&order={order}"),
                current: (*k == key).then_some(if asc { "ascending" } else { "descending" }),
            }
        })
        .collect()
}

async fn overview(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(s): Query<Sort>,
) -> Result<Response, WebError> {
    staff.require(Permission::Supervise)?;
    let mut d = ctx.app.dashboard(&staff.actor).await?;
    let (key, asc) = sorted(&mut d, &s);
    let lines = d.rows.iter().map(|r| Line {
        column: format!("/console/overview/{}", r.agency.code),
        cells: r.cells(),
        overdue: r.overdue > 0,
        report_late: r.report.as_ref().is_some_and(|x| x.late()),
        findings: r
            .findings(d.report_year)
            .iter()
            .map(|f| (f.label, notice_link(&r.agency.code, f)))
            .collect(),
    });
    page(&Overview {
        nav: Nav::of(&staff.actor, &staff.csrf),
        today: d.today.to_string(),
        report_year: d.report_year,
        headers: headers(key, asc),
        lines: lines.collect(),
        export: match key {
            "" => String::new(),
            k => format!("?sort={k}&order={}", if asc { "asc" } else { "desc" }),
        },
    })
}

async fn table(ctx: &Ctx, staff: &Staff, s: &Sort) -> Result<(Dashboard, String), WebError> {
    staff.require(Permission::Supervise)?;
    let mut d = ctx.app.dashboard(&staff.actor).await?;
    sorted(&mut d, s);
    let name = format!("督查概览-{}-{}", staff.actor.agency_name, d.today);
    Ok((d, name))
}

async fn csv(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(s): Query<Sort>,
) -> Result<Response, WebError> {
    let (d, name) = table(&ctx, &staff, &s).await?;
    let body = gongkai_report::csv::table(&d.table());
    let media = "text/csv; charset=utf-8";
    Ok(download(&format!("{name}.csv"), media, body.into_bytes()))
}

async fn xlsx(
    State(ctx): State<Ctx>,
    staff: Staff,
    Query(s): Query<Sort>,
) -> Result<Response, WebError> {
    let (d, name) = table(&ctx, &staff, &s).await?;
    let rows = d.table();
    let bytes = gongkai_report::xlsx::tables(&[("督查概览", &rows[..])])
        .map_err(|e| WebError::BadRequest(format!("生成 XLSX 失败：{e}")))?;
    let media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    Ok(download(&format!("{name}.xlsx"), media, bytes))
}

/// Publications per month per agency this year, as an SVG image.
async fn chart(State(ctx): State<Ctx>, staff: Staff) -> Result<Response, WebError> {
    svg(
        &ctx,
        &staff,
        "年各机关每月主动公开信息数",
        "条",
        |r| r.per_month,
    )
    .await
}

/// Applications overdue at each month's end per agency this year, as an SVG image.
async fn overdue_chart(State(ctx): State<Ctx>, staff: Staff) -> Result<Response, WebError> {
    let title = "年各机关每月末超期未答复的申请数";
    svg(&ctx, &staff, title, "件", |r| r.overdue_per_month).await
}

async fn svg(
    ctx: &Ctx,
    staff: &Staff,
    title: &str,
    unit: &str,
    series: impl Fn(&DashboardRow) -> [usize; 12],
) -> Result<Response, WebError> {
    staff.require(Permission::Supervise)?;
    let d = ctx.app.dashboard(&staff.actor).await?;
    let rows: Vec<(String, [usize; 12])> = d
        .rows
        .iter()
        .map(|r| (r.agency.name.clone(), series(r)))
        .collect();
    let title = format!("{}{title}", d.today.year());
    let svg = crate::chart::monthly(&title, unit, &rows);
    let mut res = svg.into_response();
    res.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("image/svg+xml; charset=utf-8"),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "drilldown.html")]
struct Drilldown {
    nav: Nav,
    d: gongkai_app::drilldown::AgencyDetail,
}

/// One agency of the subtree, read-only (督查 drill-down).
async fn drilldown(
    State(ctx): State<Ctx>,
    staff: Staff,
    axum::extract::Path(code): axum::extract::Path<String>,
) -> Result<Response, WebError> {
    let d = ctx.app.agency_detail(&staff.actor, &code).await?;
    page(&Drilldown {
        nav: Nav::of(&staff.actor, &staff.csrf),
        d,
    })
}
