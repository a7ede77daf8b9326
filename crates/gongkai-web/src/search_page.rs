//! 搜索: an agency's 专栏 searches its own items; the platform's search covers every agency,
//! with an agency filter (issue 15).

use crate::chrome::{Chrome, chrome};
use crate::params::{PageNo, VALIDITIES, Year, some_nonempty};
use crate::respond::{page, url_encode};
use crate::site::Site;
use crate::{Ctx, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_app::directory::Directory;
use gongkai_search::{Fragment, Hit, excerpt, fragments};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub(crate) struct SearchQuery {
    q: Option<String>,
    validity: Option<String>,
    year: Option<String>,
    topic: Option<String>,
    agency: Option<String>,
    page: Option<String>,
}

/// A hit as shown.
pub struct HitView {
    href: String,
    agency: String,
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
    /// The platform's agencies to filter by (platform search only): (code, name).
    agencies: Vec<(String, String)>,
    agency: Option<String>,
    hits: Vec<HitView>,
    total: usize,
    estimated: bool,
    prev: Option<String>,
    next: Option<String>,
    /// The same words searched over the whole platform (from an agency's 专栏).
    everywhere: Option<String>,
}

const HITS_PER_PAGE: u32 = 10;

/// The agency searched: the 专栏's own, or on the platform the one chosen (or all).
fn scope(site: &Site, dir: &Directory, chosen: Option<&str>) -> Result<Option<i64>, WebError> {
    match (site, chosen) {
        (Site::Agency(a), _) => Ok(Some(a.agency.id)),
        (Site::Platform { .. }, None) => Ok(None),
        (Site::Platform { .. }, Some(code)) => dir
            .by_code(code)
            .map(|a| Some(a.id))
            .ok_or_else(|| WebError::Param("没有这个机关".into())),
    }
}

fn hit_view(h: &Hit, dir: &Directory, text: &str) -> HitView {
    HitView {
        href: dir.item_path(h.doc.agency_id, h.doc.id),
        agency: h.doc.agency_name.clone(),
        title: fragments(&h.doc.title, text, 200),
        snippet: excerpt(&h.doc.title, &h.doc.text, text, 120),
        index_no: h.doc.index_no.clone(),
        doc_no: h.doc.doc_no.clone(),
        date: h.doc.published_on.clone(),
        abolished: h.doc.validity == "abolished",
    }
}

pub(crate) async fn search(
    State(ctx): State<Ctx>,
    site: Site,
    headers: HeaderMap,
    Query(sq): Query<SearchQuery>,
) -> Result<Response, WebError> {
    let chrome = chrome(&site, &headers, "/search");
    let dir = ctx.app.directory().await?;
    let text: String = sq.q.unwrap_or_default().chars().take(100).collect();
    let page_no = PageNo::parse(sq.page.as_deref())?;
    let today = ctx.app.today();
    let validity = some_nonempty(sq.validity);
    let year = Year::optional(sq.year.as_deref(), today)?.map(|y| i64::from(y.get()));
    let agency = some_nonempty(sq.agency);
    let agency_id = scope(&site, &dir, agency.as_deref())?;
    let query = gongkai_search::Query {
        text: text.clone(),
        agency_id,
        validity: validity.clone(),
        year,
        topic: some_nonempty(sq.topic.clone()),
        offset: page_no.offset(HITS_PER_PAGE) as usize,
        limit: HITS_PER_PAGE as usize,
        ..gongkai_search::Query::default()
    };
    let topic = query.topic.clone();
    let results = ctx.app.search(&query).await?;
    let link = |p: u32| {
        let mut s = format!(
            "{}?q={}&page={p}&validity={}&year={}&topic={}",
            chrome.href("/search"),
            url_encode(&text),
            validity.clone().unwrap_or_default(),
            year.map(|y| y.to_string()).unwrap_or_default(),
            url_encode(&topic.clone().unwrap_or_default())
        );
        if let Some(a) = &agency {
            s.push_str(&format!("&agency={}", url_encode(a)));
        }
        s
    };
    let last = PageNo::last(results.total as u64, HITS_PER_PAGE).get();
    if results.hits.is_empty() && page_no.get() > last {
        return Ok(Redirect::to(&link(last)).into_response());
    }
    let page_no = page_no.get();
    let platform = matches!(site, Site::Platform { .. });
    let everywhere = match &site {
        Site::Agency(a) if a.platform.is_some() => Some(format!("/search?q={}", url_encode(&text))),
        _ => None,
    };
    let topics = match agency_id {
        Some(id) => ctx.app.public_topics(id).await?,
        None => Vec::new(),
    };
    page(&SearchPage {
        hits: results
            .hits
            .iter()
            .map(|h| hit_view(h, &dir, &text))
            .collect(),
        total: results.total,
        estimated: results.estimated,
        prev: (page_no > 1).then(|| link(page_no - 1)),
        next: (page_no < last).then(|| link(page_no + 1)),
        chrome,
        q: text,
        validity,
        validities: VALIDITIES,
        year,
        years: (2019..=i64::from(today.year())).rev().collect(),
        topics,
        topic,
        agencies: match platform {
            true => dir
                .all()
                .iter()
                .map(|a| (a.code.clone(), a.name.clone()))
                .collect(),
            false => Vec::new(),
        },
        agency,
        everywhere,
    })
}
