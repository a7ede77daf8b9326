//! The public 政府信息公开专栏: home, 指南, 制度, 法定主动公开内容, item pages and their
//! attachments, the 年报 column, search, and the JSON API. No login, nothing unpublished.

use crate::chrome::{Chrome, agency_chrome};
use crate::pages::{ItemLine, article20_label};
use crate::params::{PageNo, VALIDITIES, Year, some_nonempty};
use crate::respond::{download, page, paragraphs, url_encode};
use crate::site::{AgencySite, Site};
use crate::{Ctx, WebError};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use gongkai_app::reports::{Download, PublishedReport, report_file};
use gongkai_app::settings::{AgencySettings, channel_label};
use gongkai_app::views::{Attachment, CatalogueQuery as ItemQuery, Item};
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/", get(home))
        .route("/zhinan", get(guide))
        .route("/zhidu", get(rules))
        .route("/fdzdgknr", get(catalogue))
        .route("/xxgk/{id}", get(item))
        .route("/xxgk/{id}/fujian/{sha}", get(attachment))
        .route("/nianbao", get(reports))
        .route("/nianbao/{year}", get(report))
        .route("/search", get(crate::search_page::search))
        .route("/large-text", get(large_text))
        .route("/high-contrast", get(high_contrast))
        .route("/static/style.css", get(style))
        .route("/healthz", get(|| async { "ok" }))
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    chrome: Chrome,
    /// 社会评议 this year: "12 次评价，满意率 91.7%".
    ratings: String,
    latest: Vec<ItemLine>,
    total: i64,
    reports: Vec<(i64, i32, String)>,
}

async fn home(
    State(ctx): State<Ctx>,
    site: Site,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let site = match site {
        Site::Agency(a) => a,
        Site::Platform { .. } => return crate::platform::home(&ctx, &site, &headers).await,
    };
    let chrome = agency_chrome(&site, &headers, "/");
    let agency = site.agency;
    let filter = ItemQuery {
        agency_id: Some(agency.id),
        limit: 10,
        ..ItemQuery::default()
    };
    let (rows, total) = ctx.app.catalogue(&filter).await?;
    let reports = report_links(&ctx.app.published_reports(agency.id).await?);
    page(&Home {
        ratings: ctx.app.rating_summary(agency.id).await?.label(),
        chrome,
        latest: rows.iter().map(ItemLine::of).collect(),
        total,
        reports,
    })
}

/// Published reports as links: (agency, year, title).
fn report_links(reports: &[PublishedReport]) -> Vec<(i64, i32, String)> {
    reports
        .iter()
        .map(|r| {
            let title = r.report.title.clone().unwrap_or_else(|| {
                format!(
                    "{}{}年政府信息公开工作年度报告",
                    r.agency_name, r.snapshot.year
                )
            });
            (r.snapshot.agency_id, r.snapshot.year, title)
        })
        .collect()
}

#[derive(Template)]
#[template(path = "guide.html")]
struct Guide {
    chrome: Chrome,
    agency: String,
    s: AgencySettings,
    channels: Vec<&'static str>,
}

async fn guide(
    State(ctx): State<Ctx>,
    site: AgencySite,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let chrome = agency_chrome(&site, &headers, "/zhinan");
    let agency = site.agency;
    let s = ctx.app.settings(agency.id).await?;
    let channels = s.channels.iter().map(|c| channel_label(c)).collect();
    page(&Guide {
        chrome,
        agency: agency.name,
        s,
        channels,
    })
}

#[derive(Template)]
#[template(path = "rules.html")]
struct Rules {
    chrome: Chrome,
    agency: String,
    paragraphs: Vec<String>,
}

async fn rules(
    State(ctx): State<Ctx>,
    site: AgencySite,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let chrome = agency_chrome(&site, &headers, "/zhidu");
    let agency = site.agency;
    let s = ctx.app.settings(agency.id).await?;
    page(&Rules {
        chrome,
        agency: agency.name,
        paragraphs: paragraphs(&s.rules),
    })
}

#[derive(Deserialize, Default)]
struct CatalogueQuery {
    year: Option<String>,
    domain: Option<String>,
    validity: Option<String>,
    article20: Option<String>,
    page: Option<String>,
}

#[derive(Template)]
#[template(path = "catalogue.html")]
struct Catalogue {
    chrome: Chrome,
    rows: Vec<ItemLine>,
    total: i64,
    page: u32,
    pages: u32,
    year: Option<String>,
    validity: Option<String>,
    article20: Option<i64>,
    domain: Option<String>,
    domains: Vec<String>,
    years: Vec<i32>,
    articles: Vec<(i64, &'static str)>,
    validities: [(&'static str, &'static str); 3],
    prev: Option<String>,
    next: Option<String>,
    first: String,
    last: String,
    /// The numbered pages around this one: (number, link).
    numbered: Vec<(u32, String)>,
}

const PAGE_SIZE: u32 = 20;

/// Up to nine page numbers centred on `page`.
fn pages_around(page: u32, pages: u32) -> Vec<u32> {
    let start = page.saturating_sub(4).max(1);
    let end = (start + 8).min(pages.max(1));
    let start = end.saturating_sub(8).max(1);
    (start..=end).collect()
}

async fn catalogue(
    State(ctx): State<Ctx>,
    site: AgencySite,
    headers: HeaderMap,
    Query(q): Query<CatalogueQuery>,
) -> Result<Response, WebError> {
    let chrome = agency_chrome(&site, &headers, "/fdzdgknr");
    let agency = site.agency;
    let page_no = PageNo::parse(q.page.as_deref())?;
    let today = ctx.app.today();
    let year = Year::optional(q.year.as_deref(), today)?;
    let article20 = some_nonempty(q.article20).and_then(|a| a.parse().ok());
    let year_text = year.map(|y| y.get().to_string());
    let validity_text = some_nonempty(q.validity);
    let domain = some_nonempty(q.domain);
    let filter = ItemQuery {
        agency_id: Some(agency.id),
        year: year.map(|y| y.get()),
        validity: validity_text
            .as_deref()
            .and_then(gongkai_domain::disclosure::Validity::parse),
        article20_item: article20,
        domain: domain.clone(),
        offset: i64::from(page_no.offset(PAGE_SIZE)),
        limit: i64::from(PAGE_SIZE),
    };
    let (rows, total) = ctx.app.catalogue(&filter).await?;
    let last = PageNo::last(u64::try_from(total).unwrap_or(0), PAGE_SIZE);
    let link = |p: u32| {
        let mut s = format!("{}/fdzdgknr?page={p}", site.base);
        for (k, v) in [
            ("year", &year_text),
            ("validity", &validity_text),
            ("domain", &domain),
        ] {
            if let Some(v) = v {
                s.push_str(&format!("&{k}={}", url_encode(v)));
            }
        }
        if let Some(a) = article20 {
            s.push_str(&format!("&article20={a}"));
        }
        s
    };
    if page_no.get() > last.get() {
        return Ok(Redirect::to(&link(last.get())).into_response());
    }
    let (page_no, pages) = (page_no.get(), last.get());
    page(&Catalogue {
        chrome,
        rows: rows.iter().map(ItemLine::of).collect(),
        total,
        page: page_no,
        pages,
        prev: (page_no > 1).then(|| link(page_no - 1)),
        next: (page_no < pages).then(|| link(page_no + 1)),
        first: link(1),
        last: link(pages),
        numbered: pages_around(page_no, pages)
            .into_iter()
            .map(|n| (n, link(n)))
            .collect(),
        year: year_text,
        validity: validity_text,
        article20,
        domains: ctx.app.public_domains(agency.id).await?,
        domain,
        years: ctx.app.public_years(agency.id).await?,
        articles: ctx
            .app
            .public_articles(agency.id)
            .await?
            .into_iter()
            .map(|n| (n, article20_label(n)))
            .collect(),
        validities: VALIDITIES,
    })
}

#[derive(Template)]
#[template(path = "item.html")]
struct ItemPage {
    chrome: Chrome,
    item: Item,
    index_no: String,
    written_on: String,
    published_on: String,
    validity: &'static str,
    abolished: bool,
    paragraphs: Vec<String>,
    attachments: Vec<Attachment>,
    /// 社会评议: the levels to choose from, and whether this browser has rated the item.
    levels: Vec<(i64, &'static str)>,
    rated: bool,
}

async fn item(
    State(ctx): State<Ctx>,
    site: AgencySite,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let chrome = agency_chrome(&site, &headers, "/fdzdgknr");
    let p = ctx.app.public_item_of(site.agency.id, id).await?;
    let line = ItemLine::of(&p.item);
    page(&ItemPage {
        chrome,
        index_no: line.index_no,
        written_on: crate::pages::day(p.item.fields.written_on),
        published_on: crate::pages::day(p.item.published_on),
        validity: line.validity,
        abolished: line.abolished,
        paragraphs: paragraphs(&p.item.fields.body),
        attachments: p.attachments,
        levels: crate::pages::rating_levels(),
        rated: crate::rating::rated(&headers, id),
        item: p.item,
    })
}

async fn attachment(
    State(ctx): State<Ctx>,
    site: AgencySite,
    Path((id, sha)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    let (name, blob) = ctx.app.public_attachment(site.agency.id, id, &sha).await?;
    Ok(download(&name, &blob.media_type, blob.content))
}

#[derive(Template)]
#[template(path = "reports.html")]
struct Reports {
    chrome: Chrome,
    reports: Vec<(i64, i32, String)>,
}

async fn reports(
    State(ctx): State<Ctx>,
    site: AgencySite,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let chrome = agency_chrome(&site, &headers, "/nianbao");
    let reports = report_links(&ctx.app.published_reports(site.agency.id).await?);
    page(&Reports { chrome, reports })
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    chrome: Chrome,
    heading: String,
    agency: String,
    year: i64,
    version: i64,
    sha256: String,
    note: String,
    body: String,
    downloads: Vec<(&'static str, &'static str)>,
}

async fn report(
    State(ctx): State<Ctx>,
    site: AgencySite,
    headers: HeaderMap,
    Path(year): Path<String>,
) -> Result<Response, WebError> {
    let agency = site.agency.id;
    let (year, ext) = year
        .split_once('.')
        .map_or((year.as_str(), None), |(y, e)| (y, Some(e)));
    let year: i64 = year.parse().map_err(|_| WebError::NotFound)?;
    let r = ctx.app.published_report(agency, year).await?;
    if let Some(ext) = ext {
        let format = Download::parse(ext).ok_or(WebError::NotFound)?;
        let bytes = tokio::task::spawn_blocking(move || report_file(&r, format).map(|b| (b, r)))
            .await
            .map_err(|_| WebError::BadRequest("生成文件失败".into()))??;
        let name = format!(
            "{}{}年政府信息公开工作年度报告.{ext}",
            bytes.1.agency_name, year
        );
        return Ok(download(&name, format.media_type(), bytes.0));
    }
    let chrome = agency_chrome(&site, &headers, "/nianbao");
    page(&ReportPage {
        chrome,
        heading: r
            .report
            .title
            .clone()
            .unwrap_or_else(|| "政府信息公开工作年度报告".into()),
        agency: r.agency_name.clone(),
        year,
        version: r.snapshot.version,
        sha256: r.snapshot.sha256.clone(),
        note: r.snapshot.note.clone(),
        body: gongkai_report::render::html_fragment(&r.report),
        downloads: [
            ("docx", "Word"),
            ("pdf", "PDF"),
            ("xlsx", "Excel"),
            ("json", "JSON"),
        ]
        .into_iter()
        .filter(|(ext, _)| *ext != "pdf" || !ctx.config.pdf_fonts_missing)
        .collect(),
    })
}

#[derive(Deserialize)]
struct Switch {
    on: Option<String>,
}

/// 大字版 (适老化): text and spacing at 1.5×.
async fn large_text(site: Site, headers: HeaderMap, Query(q): Query<Switch>) -> Response {
    switch(&site, &headers, "gk_large", q.on.as_deref() == Some("1"))
}

/// 高对比度: light text on black, links in yellow (GB/T 37668), with or without 大字版.
async fn high_contrast(site: Site, headers: HeaderMap, Query(q): Query<Switch>) -> Response {
    switch(&site, &headers, "gk_contrast", q.on.as_deref() == Some("1"))
}

/// Sets or clears a display preference and returns to the page the visitor came from.
fn switch(site: &Site, headers: &HeaderMap, name: &str, on: bool) -> Response {
    let cookie = if on {
        format!("{name}=1; Path=/; SameSite=Lax; Max-Age=31536000")
    } else {
        format!("{name}=0; Path=/; SameSite=Lax; Max-Age=0")
    };
    let home = match site {
        Site::Agency(a) => format!("{}/", a.base),
        Site::Platform { .. } => "/".into(),
    };
    let back = came_from(headers).unwrap_or(home);
    let mut res = Redirect::to(&back).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}

/// The page of this site the visitor came from (the `Referer` on this host), to return to
/// after switching the 大字版 or 高对比度: a path, never another site.
fn came_from(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let referer: axum::http::Uri = headers.get(header::REFERER)?.to_str().ok()?.parse().ok()?;
    let same_host = referer.authority().is_some_and(|a| a.as_str() == host);
    let path = referer.path_and_query()?.as_str();
    let switch = path.contains("/large-text") || path.contains("/high-contrast");
    let local = path.starts_with('/') && !path.starts_with("//") && !switch;
    (same_host && local).then(|| path.to_string())
}

async fn style() -> Response {
    let mut res = include_str!("../static/style.css").into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    res
}
