//! Keeps the search index in step with the store: every change to an item is in the store's
//! change sequence; the index applies them in order and records how far it got in its own
//! commit. Each instance runs this against its local index, so two instances on one
//! PostgreSQL both find what either published.

use crate::{App, AppError};
use gongkai_search::{Doc, SearchError};
use gongkai_store::items::ItemRow;
use std::time::Duration;

const BATCH: i64 = 500;

/// The index's view of a public item.
pub fn doc_of(row: &ItemRow) -> Doc {
    Doc {
        id: row.id,
        agency_id: row.agency_id,
        agency_name: row.agency_name.clone(),
        index_no: row.index_no.clone().unwrap_or_default(),
        doc_no: row.fields.doc_no.clone(),
        title: row.fields.title.clone(),
        text: if row.fields.body.contains(&row.fields.summary) {
            row.fields.body.clone()
        } else {
            format!("{}\n{}", row.fields.summary, row.fields.body)
        },
        topic: row.fields.topic.clone(),
        published_on: row.published_on.map(|d| d.to_string()).unwrap_or_default(),
        validity: row.validity.as_str().to_string(),
    }
}

impl App {
    /// Applies every change the index has not seen; returns how many items were updated.
    pub async fn sync_index(&self) -> Result<usize, AppError> {
        let _guard = self.index_lock.lock().await;
        let mut mark = self.search.watermark()?;
        let mut updated = 0;
        loop {
            let changes = self.store.changes_after(mark, BATCH).await?;
            let Some(last) = changes.last().map(|c| c.seq) else {
                return Ok(updated);
            };
            let mut ids: Vec<i64> = changes
                .iter()
                .filter(|c| c.entity == "item")
                .filter_map(|c| c.entity_id.parse().ok())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            let (mut put, mut delete) = (Vec::new(), Vec::new());
            for id in ids {
                match self.store.public_item(id).await? {
                    Some(row) => put.push(doc_of(&row)),
                    None => delete.push(id),
                }
            }
            updated += put.len() + delete.len();
            self.write_index(put, delete, last).await?;
            mark = last;
        }
    }

    async fn write_index(
        &self,
        put: Vec<Doc>,
        delete: Vec<i64>,
        mark: i64,
    ) -> Result<(), AppError> {
        let search = self.search.clone();
        tokio::task::spawn_blocking(move || search.apply(&put, &delete, mark))
            .await
            .map_err(|_| SearchError::Poisoned)??;
        Ok(())
    }

    /// Rebuilds the index from the store: empties it, adds every public item, and sets the
    /// watermark to the change sequence's end as read before loading.
    pub async fn reindex(&self) -> Result<usize, AppError> {
        let _guard = self.index_lock.lock().await;
        let mark = self.store.last_change().await?;
        self.search.clear()?;
        let (mut after, mut count) = (0, 0);
        loop {
            let rows = self.store.public_items_after(after, 1000).await?;
            let Some(last) = rows.last() else {
                break;
            };
            after = last.id;
            let docs: Vec<Doc> = rows.iter().map(doc_of).collect();
            self.search.add_uncommitted(&docs)?;
            count += docs.len();
        }
        self.write_index(Vec::new(), Vec::new(), mark).await?;
        Ok(count)
    }

    /// A number that changes whenever anything is written, by this or another instance.
    pub async fn write_mark(&self) -> Result<i64, AppError> {
        Ok(self.store.write_mark().await?)
    }

    /// Follows the change sequence every `every` until the task is dropped or aborted, and
    /// deletes sessions that have ended.
    pub fn follow_changes(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let app = self.clone();
        tokio::spawn(async move {
            loop {
                // A failed round (database restarting, disk full) is retried on the next tick;
                // the watermark only moves on success, so nothing is skipped.
                if let Err(e) = app.sync_index().await {
                    tracing::warn!(code = e.code(), "search index update failed, retrying: {e}");
                }
                let now = app.clock.now_ms();
                if let Err(e) = app
                    .store
                    .delete_idle_sessions(now - crate::auth::IDLE_MS)
                    .await
                {
                    tracing::warn!("removing idle sessions failed: {e}");
                }
                // Failed logins are forgotten a day after the last one.
                if let Err(e) = app.store.delete_stale_throttles(now - 86_400_000).await {
                    tracing::warn!("removing old login failures failed: {e}");
                }
                tokio::time::sleep(every).await;
            }
        })
    }
}
