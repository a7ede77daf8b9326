//! The public JSON API: the catalogue and search, for other government systems and scripts.

use crate::Ctx;
use crate::error::ApiError;
use crate::portal::portal_agency;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
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
    offset: Option<i64>,
    limit: Option<i64>,
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
        offset: p.offset.unwrap_or(0).max(0),
        limit: p.limit.unwrap_or(50).clamp(1, 500),
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
        offset: usize::try_from(p.offset.unwrap_or(0)).unwrap_or(0),
        limit: usize::try_from(p.limit.unwrap_or(10).clamp(1, 100)).unwrap_or(10),
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
