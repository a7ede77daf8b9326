//! The public JSON API: the catalogue and search, for other government systems and scripts.

use crate::error::ApiError;
use crate::portal::portal_agency;
use crate::{Ctx, WebError};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use gongkai_search::{MAX_LIMIT, MAX_OFFSET};
use gongkai_store::items::{ItemRow, PublicFilter};
use serde::Deserialize;
use serde_json::{Value, json};

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/api/items", get(items))
        .route("/api/search", get(search))
}

#[derive(Deserialize)]
struct Page {
    q: Option<String>,
    offset: Option<String>,
    limit: Option<String>,
}

/// The deepest `offset` of `/api/items` (the store skips rows without collecting them).
const MAX_ITEMS_OFFSET: u64 = 1_000_000;

/// A number of the query string within `0..=max`; missing or blank is `default`.
fn bounded(raw: Option<&str>, name: &str, default: u64, max: u64) -> Result<u64, ApiError> {
    let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(default);
    };
    match raw.parse::<u64>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(ApiError(WebError::Param(format!(
            "参数 {name} 应为0至{max}之间的整数"
        )))),
    }
}

fn item_json(r: &ItemRow) -> Value {
    json!({
        "id": r.id, "index_no": r.index_no, "title": r.fields.title, "summary": r.fields.summary,
        "doc_no": r.fields.doc_no, "written_on": r.fields.written_on, "published_on": r.published_on,
        "validity": r.validity, "article20_item": r.fields.article20_item, "topic": r.fields.topic,
        "url": format!("/xxgk/{}", r.id),
    })
}

async fn items(State(ctx): State<Ctx>, Query(p): Query<Page>) -> Result<Response, ApiError> {
    let agency = portal_agency(&ctx).await?;
    let filter = PublicFilter {
        agency_id: Some(agency.id),
        offset: bounded(p.offset.as_deref(), "offset", 0, MAX_ITEMS_OFFSET)? as i64,
        limit: bounded(p.limit.as_deref(), "limit", 50, 500)?.max(1) as i64,
        ..PublicFilter::default()
    };
    let (rows, total) = ctx.app.catalogue(&filter).await?;
    Ok(
        Json(json!({ "total": total, "items": rows.iter().map(item_json).collect::<Vec<_>>() }))
            .into_response(),
    )
}

async fn search(State(ctx): State<Ctx>, Query(p): Query<Page>) -> Result<Response, ApiError> {
    let agency = portal_agency(&ctx).await?;
    let q = gongkai_search::Query {
        text: p.q.unwrap_or_default(),
        agency_id: Some(agency.id),
        offset: bounded(p.offset.as_deref(), "offset", 0, MAX_OFFSET as u64)? as usize,
        limit: bounded(p.limit.as_deref(), "limit", 10, MAX_LIMIT as u64)?.max(1) as usize,
        ..gongkai_search::Query::default()
    };
    let r = ctx.app.search(&q).await?;
    let hits: Vec<Value> = r.hits.iter().map(|h| json!({
        "id": h.doc.id, "index_no": h.doc.index_no, "doc_no": h.doc.doc_no, "title": h.doc.title,
        "published_on": h.doc.published_on, "validity": h.doc.validity, "score": h.score,
        "url": format!("/xxgk/{}", h.doc.id),
    })).collect();
    Ok(Json(json!({ "total": r.total, "estimated": r.estimated, "hits": hits })).into_response())
}
