//! The public JSON API's responses (`/api/items`, `/api/search`) as typed structs: a public
//! contract for other government systems and scripts. The field names below are the
//! contract; a store column renamed or a search field added cannot change them (issue 14).

use crate::directory::Directory;
use crate::views::{CatalogueQuery, Item};
use crate::{App, AppError};
use gongkai_search::{Hit, Query};
use serde::Serialize;

/// A published item in `/api/items`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiItem {
    /// The item's id (its page is `url`).
    pub id: i64,
    /// 索引号.
    pub index_no: Option<String>,
    /// 标题.
    pub title: String,
    /// 内容概述.
    pub summary: String,
    /// 文号 (empty when none).
    pub doc_no: String,
    /// 成文日期, `YYYY-MM-DD`.
    pub written_on: Option<String>,
    /// 发布日期, `YYYY-MM-DD`.
    pub published_on: Option<String>,
    /// 有效性: `valid`, `expired` or `abolished`.
    pub validity: String,
    /// 条例第二十条's item (1–15), when classified.
    pub article20_item: Option<i64>,
    /// 主题分类.
    pub topic: String,
    /// The item's page on this site.
    pub url: String,
}

/// A page of `/api/items`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiItems {
    /// Items in all pages.
    pub total: i64,
    /// This page, newest first.
    pub items: Vec<ApiItem>,
}

/// A hit in `/api/search`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiHit {
    /// The item's id.
    pub id: i64,
    /// 索引号.
    pub index_no: String,
    /// 文号.
    pub doc_no: String,
    /// 标题.
    pub title: String,
    /// 发布日期, `YYYY-MM-DD`.
    pub published_on: String,
    /// 有效性.
    pub validity: String,
    /// Relevance (higher first).
    pub score: f32,
    /// The item's page on this site.
    pub url: String,
}

/// A page of `/api/search`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiSearch {
    /// Matches in all pages.
    pub total: usize,
    /// `total` is an upper-bound estimate.
    pub estimated: bool,
    /// This page, best first.
    pub hits: Vec<ApiHit>,
}

impl ApiItem {
    fn of(r: &Item, dir: &Directory) -> ApiItem {
        ApiItem {
            id: r.id,
            index_no: r.index_no.clone(),
            title: r.fields.title.clone(),
            summary: r.fields.summary.clone(),
            doc_no: r.fields.doc_no.clone(),
            written_on: r.fields.written_on.map(|d| d.to_string()),
            published_on: r.published_on.map(|d| d.to_string()),
            validity: r.validity.as_str().to_string(),
            article20_item: r.fields.article20_item,
            topic: r.fields.topic.clone(),
            url: dir.item_path(r.agency_id, r.id),
        }
    }
}

impl ApiHit {
    fn of(h: &Hit, dir: &Directory) -> ApiHit {
        ApiHit {
            id: h.doc.id,
            index_no: h.doc.index_no.clone(),
            doc_no: h.doc.doc_no.clone(),
            title: h.doc.title.clone(),
            published_on: h.doc.published_on.clone(),
            validity: h.doc.validity.clone(),
            score: h.score,
            url: dir.item_path(h.doc.agency_id, h.doc.id),
        }
    }
}

impl App {
    /// A page of an agency's published items for the API.
    pub async fn api_items(
        &self,
        agency_id: i64,
        offset: i64,
        limit: i64,
    ) -> Result<ApiItems, AppError> {
        let filter = CatalogueQuery {
            agency_id: Some(agency_id),
            offset,
            limit,
            ..CatalogueQuery::default()
        };
        let (rows, total) = self.catalogue(&filter).await?;
        let dir = self.directory().await?;
        Ok(ApiItems {
            total,
            items: rows.iter().map(|r| ApiItem::of(r, &dir)).collect(),
        })
    }

    /// A page of search hits in an agency's published items for the API.
    pub async fn api_search(
        &self,
        agency_id: i64,
        text: String,
        offset: usize,
        limit: usize,
    ) -> Result<ApiSearch, AppError> {
        let q = Query {
            text,
            agency_id: Some(agency_id),
            offset,
            limit,
            ..Query::default()
        };
        let r = self.search(&q).await?;
        let dir = self.directory().await?;
        Ok(ApiSearch {
            total: r.total,
            estimated: r.estimated,
            hits: r.hits.iter().map(|h| ApiHit::of(h, &dir)).collect(),
        })
    }
}
