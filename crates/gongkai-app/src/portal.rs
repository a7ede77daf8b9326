//! What the public sees: the catalogue, item pages, attachments of published versions, and
//! search. Nothing here needs a login, and nothing returns an unpublished version.

use crate::facets::Facet;
use crate::views::{self, Agency, Attachment, CatalogueQuery, FileBytes, Item};
use crate::{App, AppError};
use gongkai_search::{Query, Results};
use std::sync::Arc;

/// A public item page: the published version and its attachments.
#[derive(Debug, Clone)]
pub struct PublicItem {
    /// The published version.
    pub item: Item,
    /// Its attachments.
    pub attachments: Vec<Attachment>,
}

impl App {
    /// A page of the catalogue.
    pub async fn catalogue(&self, q: &CatalogueQuery) -> Result<(Vec<Item>, i64), AppError> {
        let (rows, total) = self.store.public_items(&q.filter()).await?;
        Ok((views::all(rows), total))
    }

    /// A published item, or `NotFound` (also for drafts and withdrawn items).
    pub async fn public_item(&self, id: i64) -> Result<PublicItem, AppError> {
        let item = self
            .store
            .public_item(id)
            .await?
            .ok_or(AppError::NotFound("该信息"))?;
        let version = item.version;
        Ok(PublicItem {
            attachments: views::all(self.store.attachments_of(id, version).await?),
            item: item.into(),
        })
    }

    /// A published item of `agency_id`'s 专栏 (`NotFound` for another agency's: each 专栏
    /// shows only its own agency's items).
    pub async fn public_item_of(&self, agency_id: i64, id: i64) -> Result<PublicItem, AppError> {
        let page = self.public_item(id).await?;
        match page.item.agency_id == agency_id {
            true => Ok(page),
            false => Err(AppError::NotFound("该信息")),
        }
    }

    /// An attachment of a published version of `agency_id`'s item (the file name and bytes).
    pub async fn public_attachment(
        &self,
        agency_id: i64,
        id: i64,
        sha: &str,
    ) -> Result<(String, FileBytes), AppError> {
        let page = self.public_item_of(agency_id, id).await?;
        self.attachment_among(&page.attachments, sha).await
    }

    /// The file `sha` if it is one of `attachments` (else `NotFound`): its name and bytes.
    pub(crate) async fn attachment_among(
        &self,
        attachments: &[Attachment],
        sha: &str,
    ) -> Result<(String, FileBytes), AppError> {
        let file = attachments.iter().find(|a| a.sha256 == sha);
        let file = file.ok_or(AppError::NotFound("该附件"))?;
        let blob = self.store.blob(sha).await?;
        let blob = blob.ok_or(AppError::NotFound("该附件"))?;
        Ok((file.file_name.clone(), blob.into()))
    }

    /// Searches published items, first applying changes other instances may have made.
    pub async fn search(&self, q: &Query) -> Result<Results, AppError> {
        self.sync_index().await?;
        let search = self.search.clone();
        let q = q.clone();
        let results = tokio::task::spawn_blocking(move || search.search(&q))
            .await
            .map_err(|_| gongkai_search::SearchError::Poisoned)??;
        Ok(results)
    }

    /// The agency the single-agency URLs showed ([`crate::directory::Directory::legacy`]).
    pub async fn portal_agency(&self) -> Result<Agency, AppError> {
        let dir = self.directory().await?;
        dir.legacy().cloned().ok_or(AppError::NotFound(
            "本平台的机关（请先用 gongkai agency add 添加）",
        ))
    }

    /// The 标准目录 domains of an agency's published items (the catalogue's filter; up to a
    /// minute old).
    pub async fn public_domains(&self, agency_id: i64) -> Result<Vec<String>, AppError> {
        self.facet(agency_id, Facet::Domains).await
    }

    /// The 主题分类 of an agency's published items (the search page's filter; up to a minute
    /// old).
    pub async fn public_topics(&self, agency_id: i64) -> Result<Vec<String>, AppError> {
        self.facet(agency_id, Facet::Topics).await
    }

    /// The years in which the agency published, newest first (the catalogue's filter offers
    /// only these; up to a minute old).
    pub async fn public_years(&self, agency_id: i64) -> Result<Vec<i32>, AppError> {
        let years = self.facet(agency_id, Facet::Years).await?;
        Ok(years.iter().filter_map(|y| y.parse().ok()).collect())
    }

    /// The 第二十条 items the agency's published items are filed under (up to a minute old).
    pub async fn public_articles(&self, agency_id: i64) -> Result<Vec<i64>, AppError> {
        let items = self.facet(agency_id, Facet::Articles).await?;
        Ok(items.iter().filter_map(|n| n.parse().ok()).collect())
    }

    async fn facet(&self, agency_id: i64, facet: Facet) -> Result<Vec<String>, AppError> {
        if let Some(list) = self.facets.get(agency_id, facet) {
            return Ok(list.as_ref().clone());
        }
        let list = match facet {
            Facet::Domains => self.store.public_domains(agency_id).await?,
            Facet::Topics => self.store.public_topics(agency_id).await?,
            Facet::Years => self.store.public_years(agency_id).await?,
            Facet::Articles => self.store.public_articles(agency_id).await?,
        };
        self.facets.keep(agency_id, facet, Arc::new(list.clone()));
        Ok(list)
    }

    /// The agency's name as its staff's drafts are published by (发布机构).
    pub async fn own_agency_name(&self, actor: &crate::auth::Actor) -> Result<String, AppError> {
        Ok(self
            .store
            .agency(actor.agency_id)
            .await?
            .map(|a| a.name)
            .unwrap_or_default())
    }

    /// Every agency (the portal's agency choice, 指南 per agency).
    pub async fn agencies(&self) -> Result<Vec<Agency>, AppError> {
        Ok(views::all(self.store.agencies().await?))
    }
}
