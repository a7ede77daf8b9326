//! The public 政府信息公开专栏: home, 指南, 制度, 法定主动公开内容, item pages and their
//! attachments, the 年报 column, search, and the JSON API. No login, nothing unpublished.

use crate::pages::{ItemLine, article20_label};
use crate::params::{PageNo, Year};
use crate::staff::cookie;
use crate::{Ctx, WebError};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use gongkai_app::reports::{Download, PublishedReport, report_file};
use gongkai_app::settings::{AgencySettings, channel_label};
use gongkai_search::{Fragment, fragments};
use gongkai_store::agencies::Agency;
use gongkai_store::attachments::AttachmentRef;
use gongkai_store::items::{ItemRow, PublicFilter};
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
        .route("/nianbao/{agency}/{year}", get(report))
        .route("/search", get(search))
        .route("/large-text", get(large_text))
        .route("/static/style.css", get(style))
        .route("/healthz", get(|| async { "ok" }))
        .merge(crate::portal_api::routes())
        .merge(crate::cases::routes())
}

/// What every portal page shows around its content.
pub struct Chrome {
    /// The agency whose 专栏 this is.
    pub site: String,
    /// 适老化 large text.
    pub large: bool,
    /// The menu entry of this page.
    pub current: &'static str,
}

const MENU: [(&str, &str); 8] = [
    ("/", "首页"),
    ("/zhinan", "政府信息公开指南"),
    ("/zhidu", "政府信息公开制度"),
    ("/fdzdgknr", "法定主动公开内容"),
    ("/nianbao", "政府信息公开年报"),
    ("/ysqgk", "依申请公开"),
    ("/search", "搜索"),
    ("/login", "工作人员登录"),
];

impl Chrome {
    /// The menu: (href, label).
    pub fn menu(&self) -> &'static [(&'static str, &'static str)] {
        &MENU[..7]
    }
}

/// The agency whose 专栏 this site is ([`gongkai_app::App::portal_agency`]).
pub async fn portal_agency(ctx: &Ctx) -> Result<Agency, WebError> {
    Ok(ctx.app.portal_agency().await?)
}

pub async fn chrome(
    ctx: &Ctx,
    headers: &HeaderMap,
    current: &'static str,
) -> Result<(Chrome, Agency), WebError> {
    let agency = portal_agency(ctx).await?;
    let large = cookie(headers, "gk_large").is_some_and(|v| v == "1");
    Ok((
        Chrome {
            site: agency.name.clone(),
            large,
            current,
        },
        agency,
    ))
}

/// Renders a template as the response to a request that failed in a way the page explains
/// (a form shown again with its error).
pub fn page_with_status(
    status: axum::http::StatusCode,
    t: &impl Template,
) -> Result<Response, WebError> {
    let mut res = page(t)?;
    *res.status_mut() = status;
    Ok(res)
}

/// Renders a template into a response.
pub fn page(t: &impl Template) -> Result<Response, WebError> {
    let body = t
        .render()
        .map_err(|e| WebError::BadRequest(format!("页面生成失败：{e}")))?;
    Ok(Html(body).into_response())
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    chrome: Chrome,
    latest: Vec<ItemLine>,
    total: i64,
    reports: Vec<(i64, i64, String)>,
}

async fn home(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, WebError> {
    let (chrome, agency) = chrome(&ctx, &headers, "/").await?;
    let filter = PublicFilter {
        agency_id: Some(agency.id),
        limit: 10,
        ..PublicFilter::default()
    };
    let (rows, total) = ctx.app.catalogue(&filter).await?;
    let reports = report_links(&ctx.app.published_reports().await?);
    page(&Home {
        chrome,
        latest: rows.iter().map(ItemLine::of).collect(),
        total,
        reports,
    })
}

fn report_links(reports: &[PublishedReport]) -> Vec<(i64, i64, String)> {
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

async fn guide(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, WebError> {
    let (chrome, agency) = chrome(&ctx, &headers, "/zhinan").await?;
    let s = AgencySettings::from_json(&agency.settings);
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

async fn rules(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, WebError> {
    let (chrome, agency) = chrome(&ctx, &headers, "/zhidu").await?;
    let s = AgencySettings::from_json(&agency.settings);
    page(&Rules {
        chrome,
        agency: agency.name,
        paragraphs: paragraphs(&s.rules),
    })
}

/// Non-empty lines.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
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
}

const PAGE_SIZE: u32 = 20;
const VALIDITIES: [(&str, &str); 3] = [
    ("valid", "有效"),
    ("expired", "失效"),
    ("abolished", "废止"),
];

fn some_nonempty(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

async fn catalogue(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Query(q): Query<CatalogueQuery>,
) -> Result<Response, WebError> {
    let (chrome, agency) = chrome(&ctx, &headers, "/fdzdgknr").await?;
    let page_no = PageNo::parse(q.page.as_deref())?;
    let today = ctx.app.clock.today();
    let year = Year::optional(q.year.as_deref(), today)?;
    let article20 = some_nonempty(q.article20).and_then(|a| a.parse().ok());
    let filter = PublicFilter {
        agency_id: Some(agency.id),
        year: year.map(|y| y.get().to_string()),
        validity: some_nonempty(q.validity),
        article20_item: article20,
        domain: some_nonempty(q.domain),
        offset: i64::from(page_no.offset(PAGE_SIZE)),
        limit: i64::from(PAGE_SIZE),
    };
    let (rows, total) = ctx.app.catalogue(&filter).await?;
    let last = PageNo::last(u64::try_from(total).unwrap_or(0), PAGE_SIZE);
    let link = |p: u32| {
        let mut s = format!("/fdzdgknr?page={p}");
        for (k, v) in [
            ("year", &filter.year),
            ("validity", &filter.validity),
            ("domain", &filter.domain),
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
    let this_year = today.year();
    page(&Catalogue {
        chrome,
        rows: rows.iter().map(ItemLine::of).collect(),
        total,
        page: page_no,
        pages,
        prev: (page_no > 1).then(|| link(page_no - 1)),
        next: (page_no < pages).then(|| link(page_no + 1)),
        year: filter.year,
        validity: filter.validity,
        article20,
        domains: ctx.app.public_domains(agency.id).await?,
        domain: filter.domain,
        years: (2019..=this_year).rev().collect(),
        articles: (1..=15).map(|n| (n, article20_label(n))).collect(),
        validities: VALIDITIES,
    })
}

#[derive(Template)]
#[template(path = "item.html")]
struct ItemPage {
    chrome: Chrome,
    item: ItemRow,
    index_no: String,
    written_on: String,
    published_on: String,
    validity: &'static str,
    abolished: bool,
    paragraphs: Vec<String>,
    attachments: Vec<AttachmentRef>,
}

async fn item(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let (chrome, _) = chrome(&ctx, &headers, "/fdzdgknr").await?;
    let p = ctx.app.public_item(id).await?;
    let line = ItemLine::of(&p.item);
    page(&ItemPage {
        chrome,
        index_no: line.index_no,
        written_on: p.item.fields.written_on.clone().unwrap_or_default(),
        published_on: p.item.published_on.clone().unwrap_or_default(),
        validity: line.validity,
        abolished: line.abolished,
        paragraphs: paragraphs(&p.item.fields.body),
        attachments: p.attachments,
        item: p.item,
    })
}

async fn attachment(
    State(ctx): State<Ctx>,
    Path((id, sha)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    let (name, blob) = ctx.app.public_attachment(id, &sha).await?;
    Ok(download(&name, &blob.media_type, blob.content))
}

/// A file download: the stored media type, `attachment` disposition with the UTF-8 name, and
/// never a page: `nosniff` and a sandboxing CSP with nothing allowed, so a polyglot file (a
/// PDF that is also HTML) cannot run as this site even if a browser opened it (issue 13).
pub fn download(name: &str, media_type: &str, bytes: Vec<u8>) -> Response {
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"download\"; filename*=UTF-8''{encoded}");
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    res
}

#[derive(Template)]
#[template(path = "reports.html")]
struct Reports {
    chrome: Chrome,
    reports: Vec<(i64, i64, String)>,
}

async fn reports(State(ctx): State<Ctx>, headers: HeaderMap) -> Result<Response, WebError> {
    let (chrome, _) = chrome(&ctx, &headers, "/nianbao").await?;
    let reports = report_links(&ctx.app.published_reports().await?);
    page(&Reports { chrome, reports })
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    chrome: Chrome,
    heading: String,
    agency_id: i64,
    year: i64,
    version: i64,
    sha256: String,
    note: String,
    body: String,
    downloads: [(&'static str, &'static str); 4],
}

async fn report(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Path((agency, year)): Path<(i64, String)>,
) -> Result<Response, WebError> {
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
    let (chrome, _) = chrome(&ctx, &headers, "/nianbao").await?;
    page(&ReportPage {
        chrome,
        heading: r
            .report
            .title
            .clone()
            .unwrap_or_else(|| "政府信息公开工作年度报告".into()),
        agency_id: agency,
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
        ],
    })
}

#[derive(Deserialize, Default)]
struct SearchQuery {
    q: Option<String>,
    validity: Option<String>,
    year: Option<String>,
    topic: Option<String>,
    page: Option<String>,
}

/// A hit as shown.
pub struct HitView {
    id: i64,
    title: Vec<Fragment>,
    snippet: Vec<Fragment>,
    index_no: String,
    doc_no: String,
    date: String,
    abolished: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    chrome: Chrome,
    q: String,
    validity: Option<String>,
    validities: [(&'static str, &'static str); 3],
    year: Option<i64>,
    years: Vec<i64>,
    topic: Option<String>,
    topics: Vec<String>,
    hits: Vec<HitView>,
    total: usize,
    estimated: bool,
    prev: Option<String>,
    next: Option<String>,
}

const HITS_PER_PAGE: u32 = 10;

async fn search(
    State(ctx): State<Ctx>,
    headers: HeaderMap,
    Query(sq): Query<SearchQuery>,
) -> Result<Response, WebError> {
    let (chrome, agency) = chrome(&ctx, &headers, "/search").await?;
    let text =
        sq.q.unwrap_or_default()
            .chars()
            .take(100)
            .collect::<String>();
    let page_no = PageNo::parse(sq.page.as_deref())?;
    let today = ctx.app.clock.today();
    let validity = some_nonempty(sq.validity);
    let year = Year::optional(sq.year.as_deref(), today)?.map(|y| i64::from(y.get()));
    let query = gongkai_search::Query {
        text: text.clone(),
        agency_id: Some(agency.id),
        validity: validity.clone(),
        year,
        topic: some_nonempty(sq.topic.clone()),
        offset: page_no.offset(HITS_PER_PAGE) as usize,
        limit: HITS_PER_PAGE as usize,
        ..gongkai_search::Query::default()
    };
    let topic = query.topic.clone();
    let results = ctx.app.search(&query).await?;
    let hits = results.hits.iter().map(|h| HitView {
        id: h.doc.id,
        title: fragments(&h.doc.title, &text, 200),
        snippet: fragments(&h.doc.text, &text, 120),
        index_no: h.doc.index_no.clone(),
        doc_no: h.doc.doc_no.clone(),
        date: h.doc.published_on.clone(),
        abolished: h.doc.validity == "abolished",
    });
    let link = |p: u32| {
        let year = year.map(|y| y.to_string()).unwrap_or_default();
        let validity = validity.clone().unwrap_or_default();
        let topic = url_encode(&topic.clone().unwrap_or_default());
        format!(
            "/search?q={}&page={p}&validity={validity}&year={year}&topic={topic}",
            url_encode(&text)
        )
    };
    let last = PageNo::last(results.total as u64, HITS_PER_PAGE).get();
    if results.hits.is_empty() && page_no.get() > last {
        return Ok(Redirect::to(&link(last)).into_response());
    }
    let page_no = page_no.get();
    let this_year = i64::from(today.year());
    page(&SearchPage {
        chrome,
        hits: hits.collect(),
        total: results.total,
        estimated: results.estimated,
        prev: (page_no > 1).then(|| link(page_no - 1)),
        next: (page_no < last).then(|| link(page_no + 1)),
        q: text,
        validity,
        validities: VALIDITIES,
        year,
        years: (2019..=this_year).rev().collect(),
        topics: ctx.app.public_topics(agency.id).await?,
        topic,
    })
}

/// Percent-encodes a query value.
pub fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[derive(Deserialize)]
struct LargeText {
    on: Option<String>,
}

async fn large_text(Query(q): Query<LargeText>) -> Response {
    let on = q.on.as_deref() == Some("1");
    let cookie = if on {
        "gk_large=1; Path=/; SameSite=Lax; Max-Age=31536000"
    } else {
        "gk_large=0; Path=/; SameSite=Lax; Max-Age=0"
    };
    let mut res = Redirect::to("/").into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, HeaderValue::from_static(cookie));
    res
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
