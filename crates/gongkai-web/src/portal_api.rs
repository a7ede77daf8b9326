//! The public JSON API: the catalogue and search, for other government systems and scripts.

use crate::error::ApiError;
use crate::{Ctx, WebError};
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use gongkai_app::views::Agency;
use gongkai_search::{MAX_LIMIT, MAX_OFFSET};
use serde::Deserialize;

pub fn routes() -> Router<Ctx> {
    Router::new()
        .route("/api/items", get(items))
        .route("/api/search", get(search))
}

#[derive(Deserialize)]
struct Page {
    /// The agency's code (机关代码); without it, the agency of the single-agency URLs.
    agency: Option<String>,
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

/// The agency asked for by code, else the one the single-agency URLs showed.
async fn agency_of(ctx: &Ctx, code: Option<&str>) -> Result<Agency, ApiError> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => {
            let dir = ctx.app.directory().await.map_err(WebError::from)?;
            dir.by_code(code)
                .cloned()
                .ok_or_else(|| ApiError(WebError::Param(format!("没有代码为 {code} 的机关"))))
        }
        None => Ok(ctx.app.portal_agency().await.map_err(WebError::from)?),
    }
}

async fn items(State(ctx): State<Ctx>, Query(p): Query<Page>) -> Result<Response, ApiError> {
    let agency = agency_of(&ctx, p.agency.as_deref()).await?;
    let offset = bounded(p.offset.as_deref(), "offset", 0, MAX_ITEMS_OFFSET)? as i64;
    let limit = bounded(p.limit.as_deref(), "limit", 50, 500)?.max(1) as i64;
    Ok(Json(ctx.app.api_items(agency.id, offset, limit).await?).into_response())
}

async fn search(State(ctx): State<Ctx>, Query(p): Query<Page>) -> Result<Response, ApiError> {
    let agency = agency_of(&ctx, p.agency.as_deref()).await?;
    let offset = bounded(p.offset.as_deref(), "offset", 0, MAX_OFFSET as u64)? as usize;
    let limit = bounded(p.limit.as_deref(), "limit", 10, MAX_LIMIT as u64)?.max(1) as usize;
    let text = p.q.unwrap_or_default().chars().take(100).collect();
    let found = ctx.app.api_search(agency.id, text, offset, limit).await?;
    Ok(Json(found).into_response())
}
