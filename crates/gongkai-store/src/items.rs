//! 主动公开 items: versions, state, review record (一事一审), accepted 保密审查 flags.
//! State rules live in the domain; the store keeps what happened, with optimistic checks so
//! that two reviewers acting at once cannot both move the same item.

use crate::decode;
pub use crate::item_rows::{ItemFact, ItemRow};
use crate::item_rows::{RawFact, RawItem};
use crate::{Store, StoreError, Tx, now_millis, on_pool, on_tx};

pub use gongkai_domain::disclosure::ItemFields;

/// A step of the review record.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReviewRow {
    /// Version reviewed.
    pub version: i64,
    /// Step code (`submit`, `register`, `approve`, `return`, …).
    pub step: String,
    /// Decision text.
    pub decision: String,
    /// Comment or reason.
    pub comment: String,
    /// Who (display name).
    pub user_name: String,
    /// When (ms).
    pub at: i64,
}

/// A 保密审查 flag accepted by a reviewer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FlagAcceptance {
    /// The flag's key.
    pub flag: String,
    /// Why it may stay.
    pub reason: String,
    /// Who (display name).
    pub user_name: String,
    /// When (ms).
    pub at: i64,
}

/// Filters of the public catalogue.
#[derive(Debug, Clone, Default)]
pub struct PublicFilter {
    /// Agency.
    pub agency_id: Option<i64>,
    /// Year of publication.
    pub year: Option<String>,
    /// `valid`, `expired`, `abolished`.
    pub validity: Option<String>,
    /// 第二十条 item.
    pub article20_item: Option<i64>,
    /// 标准目录 domain.
    pub domain: Option<String>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

/// `SELECT` of an [`ItemRow`], joined to the version named by `$version` (a column of items),
/// followed by the rest.
macro_rules! select_item {
    ($version:literal, $($rest:expr),+) => {
        concat!(
            "SELECT i.id, i.agency_id, a.name AS agency_name, i.index_no, i.state, \
             i.current_version, i.published_version, i.created_by, v.version, v.title, v.summary, \
             v.body, v.publisher, v.topic, v.doc_no, v.written_on, v.published_on, v.validity, \
             v.validity_on, v.keywords, v.article20_item, v.article21_item, v.domain, i.updated_at \
             FROM items i JOIN agencies a ON a.id = i.agency_id \
             JOIN item_versions v ON v.item_id = i.id AND v.version = ",
            $version,
            " ",
            $($rest),+
        )
    };
}

/// The public catalogue's condition (shared by the page and its count).
/// `$agency` is `"i.agency_id = $1"` for one agency (so that the index on the agency is used:
/// `$1 IS NULL OR …` made SQLite scan every item of the platform) or `"$1 IS NULL"` for all.
macro_rules! public_where {
    ($agency:literal) => {
        concat!(
            "WHERE i.published_version IS NOT NULL AND ",
            $agency,
            public_where!(@rest)
        )
    };
    (@rest) => {
        " AND ($2 IS NULL OR substr(i.published_on, 1, 4) = $2) \
         AND ($3 IS NULL OR v.validity = $3) AND ($4 IS NULL OR v.article20_item = $4) \
         AND ($5 IS NULL OR v.domain = $5)"
    };
}

/// One agency's catalogue page (the public list at 1,000,000 items): ids from the
/// `items_catalogue` index, then only those rows joined. `$1` agency, `$2` year, `$3`/`$4`.
pub(crate) const AGENCY_PAGE: &str = select_item!(
    "i.published_version",
    "WHERE i.id IN (SELECT p.id FROM items p WHERE p.published_version IS NOT NULL \
     AND p.agency_id = $1 AND ($2 IS NULL OR substr(p.published_on, 1, 4) = $2) \
     ORDER BY p.published_on DESC, p.id DESC LIMIT $3 OFFSET $4) \
     ORDER BY i.published_on DESC, i.id DESC"
);

/// The number of one agency's public items (of a year). `$1` agency, `$2` year.
pub(crate) const AGENCY_COUNT: &str = "SELECT COUNT(*) FROM items i \
    WHERE i.published_version IS NOT NULL AND i.agency_id = $1 \
    AND ($2 IS NULL OR substr(i.published_on, 1, 4) = $2)";

/// The dashboard's item facts of a subtree: `$1` root, `$2` the year's first day. The unary
/// `+` keeps SQLite off the agency indexes, which made it read every item of every agency to
/// keep one year's (1.45 s at 1,000,000 items); `items_recent` reads the year's alone.
pub(crate) const SUBTREE_ITEM_FACTS: &str = "WITH RECURSIVE scope(id) AS ( \
                SELECT id FROM agencies WHERE id = $1 \
                UNION ALL SELECT a.id FROM agencies a JOIN scope s ON a.parent_id = s.id) \
            SELECT i.id, i.agency_id, i.state, v.written_on, v.published_on \
            FROM items i JOIN item_versions v ON v.item_id = i.id \
                AND v.version = COALESCE(i.published_version, i.current_version) \
            WHERE +i.agency_id IN (SELECT id FROM scope) AND i.published_on >= $2 \
            UNION ALL \
            SELECT i.id, i.agency_id, i.state, v.written_on, v.published_on \
            FROM items i JOIN item_versions v ON v.item_id = i.id \
                AND v.version = COALESCE(i.published_version, i.current_version) \
            WHERE i.agency_id IN (SELECT id FROM scope) \
                AND i.state IN ('pending_registration', 'pending_approval') \
                AND (i.published_on IS NULL OR i.published_on < $2)";

/// Public items after an id, by id (the index rebuild). `$1` after, `$2` limit.
pub(crate) const PUBLIC_AFTER: &str = select_item!(
    "i.published_version",
    "WHERE i.published_version IS NOT NULL AND i.id > $1 ORDER BY i.id LIMIT $2"
);

/// An agency's items in the console, most recently changed first. `$1` agency, `$2` state.
pub(crate) const CONSOLE_ITEMS: &str = select_item!(
    "i.current_version",
    "WHERE i.agency_id = $1 AND ($2 IS NULL OR i.state = $2) ORDER BY i.updated_at DESC, i.id DESC"
);

impl Tx {
    /// Creates a draft (version 1).
    pub async fn insert_item(
        &mut self,
        agency_id: i64,
        user_id: i64,
        f: &ItemFields,
    ) -> Result<i64, StoreError> {
        let at = now_millis();
        const SQL: &str = "INSERT INTO items (agency_id, state, current_version, created_by, \
                           created_at, updated_at) VALUES ($1, 'draft', 1, $2, $3, $3) RETURNING id";
        let id: i64 = on_tx!(self, |c| sqlx::query_scalar(SQL)
            .bind(agency_id)
            .bind(user_id)
            .bind(at)
            .fetch_one(c)
            .await)?;
        const VERSION: &str = "INSERT INTO item_versions (item_id, version, title, publisher, \
                               created_by, created_at) VALUES ($1, 1, '', '', $2, $3)";
        on_tx!(self, |c| sqlx::query(VERSION)
            .bind(id)
            .bind(user_id)
            .bind(at)
            .execute(c)
            .await
            .map(|_| ()))?;
        self.update_fields(id, 1, f).await?;
        Ok(id)
    }

    /// Replaces the metadata of a version (drafts only: the caller checks the state).
    pub async fn update_fields(
        &mut self,
        item_id: i64,
        version: i64,
        f: &ItemFields,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE item_versions SET title = $1, summary = $2, body = $3, \
            publisher = $4, topic = $5, doc_no = $6, written_on = $7, keywords = $8, \
            article20_item = $9, article21_item = $10, domain = $11 \
            WHERE item_id = $12 AND version = $13";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(&f.title)
            .bind(&f.summary)
            .bind(&f.body)
            .bind(&f.publisher)
            .bind(&f.topic)
            .bind(&f.doc_no)
            .bind(f.written_on.map(|d| d.to_string()))
            .bind(&f.keywords)
            .bind(f.article20_item)
            .bind(&f.article21_item)
            .bind(&f.domain)
            .bind(item_id)
            .bind(version)
            .execute(c)
            .await
            .map(|_| ()))?;
        self.touch_item(item_id).await
    }

    async fn touch_item(&mut self, item_id: i64) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE items SET updated_at = $1 WHERE id = $2";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(now_millis())
            .bind(item_id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Moves an item from `from` to `to`; fails if someone else moved it first.
    pub async fn set_item_state(
        &mut self,
        item_id: i64,
        from: &str,
        to: &str,
    ) -> Result<(), StoreError> {
        const SQL: &str =
            "UPDATE items SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4";
        let n = on_tx!(self, |c| sqlx::query(SQL)
            .bind(to)
            .bind(now_millis())
            .bind(item_id)
            .bind(from)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if n != 1 {
            return Err(StoreError::Conflict(
                "该信息已被他人处理，请刷新后重试".into(),
            ));
        }
        Ok(())
    }

    /// Gives the item its 索引号 (once: it never changes).
    pub async fn set_index_no(&mut self, item_id: i64, index_no: &str) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE items SET index_no = $1 WHERE id = $2 AND index_no IS NULL";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(index_no)
            .bind(item_id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Puts a version online from `published_on`; `None` takes the item off the portal.
    pub async fn set_published(
        &mut self,
        item_id: i64,
        version: Option<i64>,
        published_on: &str,
    ) -> Result<(), StoreError> {
        const SQL: &str =
            "UPDATE items SET published_version = $1, published_on = $3 WHERE id = $2";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(version)
            .bind(item_id)
            .bind(version.map(|_| published_on))
            .execute(c)
            .await
            .map(|_| ()))?;
        const DATE: &str =
            "UPDATE item_versions SET published_on = $1 WHERE item_id = $2 AND version = $3";
        if let Some(v) = version {
            on_tx!(self, |c| sqlx::query(DATE)
                .bind(published_on)
                .bind(item_id)
                .bind(v)
                .execute(c)
                .await
                .map(|_| ()))?;
        }
        Ok(())
    }

    /// Sets the 有效性 of a version (废止 or 失效 from a date).
    pub async fn set_validity(
        &mut self,
        item_id: i64,
        version: i64,
        validity: &str,
        on: &str,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE item_versions SET validity = $1, validity_on = $2 \
                           WHERE item_id = $3 AND version = $4";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(validity)
            .bind(on)
            .bind(item_id)
            .bind(version)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// 修订: copies the current version (with its attachments) into a new working version.
    pub async fn new_version(&mut self, item_id: i64, user_id: i64) -> Result<i64, StoreError> {
        const CURRENT: &str = "SELECT current_version FROM items WHERE id = $1";
        let old: i64 = on_tx!(self, |c| sqlx::query_scalar(CURRENT)
            .bind(item_id)
            .fetch_one(c)
            .await)?;
        let new = old + 1;
        const COPY: &str = "INSERT INTO item_versions (item_id, version, title, summary, body, \
            publisher, topic, doc_no, written_on, keywords, article20_item, article21_item, domain, \
            created_by, created_at) SELECT item_id, $1, title, summary, body, publisher, topic, \
            doc_no, written_on, keywords, article20_item, article21_item, domain, $2, $3 \
            FROM item_versions WHERE item_id = $4 AND version = $5";
        const FILES: &str = "INSERT INTO item_attachments (item_id, version, sha256, file_name) \
            SELECT item_id, $1, sha256, file_name FROM item_attachments WHERE item_id = $2 AND version = $3";
        const BUMP: &str = "UPDATE items SET current_version = $1 WHERE id = $2";
        on_tx!(self, |c| sqlx::query(COPY)
            .bind(new)
            .bind(user_id)
            .bind(now_millis())
            .bind(item_id)
            .bind(old)
            .execute(c)
            .await
            .map(|_| ()))?;
        on_tx!(self, |c| sqlx::query(FILES)
            .bind(new)
            .bind(item_id)
            .bind(old)
            .execute(c)
            .await
            .map(|_| ()))?;
        on_tx!(self, |c| sqlx::query(BUMP)
            .bind(new)
            .bind(item_id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(new)
    }

    /// Adds a step to the item's review record.
    pub async fn add_review(
        &mut self,
        item_id: i64,
        version: i64,
        step: &str,
        decision: &str,
        comment: &str,
        user_id: i64,
    ) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO item_reviews (item_id, version, step, decision, comment, \
                           user_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(item_id)
            .bind(version)
            .bind(step)
            .bind(decision)
            .bind(comment)
            .bind(user_id)
            .bind(now_millis())
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Records a reviewer's acceptance of a flag (once per flag and version).
    pub async fn accept_flag(
        &mut self,
        item_id: i64,
        version: i64,
        flag: &str,
        reason: &str,
        user_id: i64,
    ) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO item_flag_acceptances (item_id, version, flag, reason, \
            user_id, at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (item_id, version, flag) \
            DO UPDATE SET reason = excluded.reason, user_id = excluded.user_id, at = excluded.at";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(item_id)
            .bind(version)
            .bind(flag)
            .bind(reason)
            .bind(user_id)
            .bind(now_millis())
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

impl Store {
    /// An item with its working version.
    pub async fn item(&self, id: i64) -> Result<Option<ItemRow>, StoreError> {
        const SQL: &str = select_item!("i.current_version", "WHERE i.id = $1");
        let row: Option<RawItem> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(id)
            .fetch_optional(p)
            .await)?;
        row.map(RawItem::decode).transpose()
    }

    /// An item with the version the public sees; `None` if it is not public.
    pub async fn public_item(&self, id: i64) -> Result<Option<ItemRow>, StoreError> {
        const SQL: &str = select_item!("i.published_version", "WHERE i.id = $1");
        let row: Option<RawItem> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(id)
            .fetch_optional(p)
            .await)?;
        row.map(RawItem::decode).transpose()
    }

    /// Up to `limit` public items with ids above `after`, by id: the search index's rebuild
    /// walks the whole platform this way (keyset, no count; an OFFSET walk re-read every row
    /// it skipped and counted all million on every page).
    pub async fn public_items_after(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<ItemRow>, StoreError> {
        const SQL: &str = PUBLIC_AFTER;
        let rows: Vec<RawItem> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(after)
            .bind(limit)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawItem::decode)
    }

    /// An agency's items in the console (working versions), optionally in one state,
    /// most recently changed first.
    pub async fn agency_items(
        &self,
        agency_id: i64,
        state: Option<&str>,
    ) -> Result<Vec<ItemRow>, StoreError> {
        let rows: Vec<RawItem> = on_pool!(self, |p| sqlx::query_as(CONSOLE_ITEMS)
            .bind(agency_id)
            .bind(state)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawItem::decode)
    }

    /// The number of public items of an agency (or all) in a year (or all years), from the
    /// items alone.
    async fn public_count(&self, f: &PublicFilter) -> Result<i64, StoreError> {
        const ONE: &str = AGENCY_COUNT;
        const ALL: &str = "SELECT COUNT(*) FROM items i WHERE i.published_version IS NOT NULL \
            AND $1 IS NULL AND ($2 IS NULL OR substr(i.published_on, 1, 4) = $2)";
        let sql = if f.agency_id.is_some() { ONE } else { ALL };
        Ok(on_pool!(self, |p| sqlx::query_scalar(sql)
            .bind(f.agency_id)
            .bind(&f.year)
            .fetch_one(p)
            .await)?)
    }

    /// A page of one agency's catalogue filtered at most by year: the page's ids are found
    /// in the `items_catalogue` index alone, and only those rows are joined to their versions
    /// (a deep page no longer joins every row it skips).
    async fn agency_page(&self, f: &PublicFilter) -> Result<(Vec<ItemRow>, i64), StoreError> {
        let rows: Vec<RawItem> = on_pool!(self, |p| sqlx::query_as(AGENCY_PAGE)
            .bind(f.agency_id)
            .bind(&f.year)
            .bind(f.limit)
            .bind(f.offset)
            .fetch_all(p)
            .await)?;
        let total = self.public_count(f).await?;
        Ok((decode::all(rows, RawItem::decode)?, total))
    }

    /// A page of the public catalogue (newest first) and the number of rows in all pages.
    pub async fn public_items(&self, f: &PublicFilter) -> Result<(Vec<ItemRow>, i64), StoreError> {
        let by_version = f.validity.is_some() || f.article20_item.is_some() || f.domain.is_some();
        if f.agency_id.is_some() && !by_version {
            return self.agency_page(f).await;
        }
        macro_rules! page {
            ($agency:literal) => {
                select_item!(
                    "i.published_version",
                    public_where!($agency),
                    " ORDER BY i.published_on DESC, i.id DESC LIMIT $6 OFFSET $7"
                )
            };
        }
        macro_rules! count {
            ($agency:literal) => {
                concat!(
                    "SELECT COUNT(*) FROM items i JOIN item_versions v ON v.item_id = i.id \
                     AND v.version = i.published_version ",
                    public_where!($agency)
                )
            };
        }
        let (page, count) = match f.agency_id {
            Some(_) => (page!("i.agency_id = $1"), count!("i.agency_id = $1")),
            None => (page!("$1 IS NULL"), count!("$1 IS NULL")),
        };
        let rows: Vec<RawItem> = on_pool!(self, |p| sqlx::query_as(page)
            .bind(f.agency_id)
            .bind(&f.year)
            .bind(&f.validity)
            .bind(f.article20_item)
            .bind(&f.domain)
            .bind(f.limit)
            .bind(f.offset)
            .fetch_all(p)
            .await)?;
        let total = match (&f.validity, f.article20_item, &f.domain) {
            (None, None, None) => self.public_count(f).await?,
            _ => on_pool!(self, |p| sqlx::query_scalar(count)
                .bind(f.agency_id)
                .bind(&f.year)
                .bind(&f.validity)
                .bind(f.article20_item)
                .bind(&f.domain)
                .fetch_one(p)
                .await)?,
        };
        Ok((decode::all(rows, RawItem::decode)?, total))
    }

    /// The item's review record, oldest first.
    pub async fn reviews(&self, item_id: i64) -> Result<Vec<ReviewRow>, StoreError> {
        const SQL: &str = "SELECT r.version, r.step, r.decision, r.comment, \
            u.display_name AS user_name, r.at FROM item_reviews r JOIN users u ON u.id = r.user_id \
            WHERE r.item_id = $1 ORDER BY r.at, r.id";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(item_id)
            .fetch_all(p)
            .await)?)
    }

    /// The 主题分类 of published items, in order.
    pub async fn public_topics(&self, agency_id: i64) -> Result<Vec<String>, StoreError> {
        const SQL: &str = "SELECT DISTINCT v.topic FROM items i JOIN item_versions v \
            ON v.item_id = i.id AND v.version = i.published_version \
            WHERE i.agency_id = $1 AND v.topic <> '' ORDER BY v.topic";
        Ok(on_pool!(self, |p| sqlx::query_scalar(SQL)
            .bind(agency_id)
            .fetch_all(p)
            .await)?)
    }

    /// The years with published items, newest first (through `items_catalogue`).
    pub async fn public_years(&self, agency_id: i64) -> Result<Vec<String>, StoreError> {
        const SQL: &str = "SELECT DISTINCT substr(published_on, 1, 4) FROM items \
            WHERE agency_id = $1 AND published_version IS NOT NULL AND published_on IS NOT NULL \
            ORDER BY 1 DESC";
        Ok(on_pool!(self, |p| sqlx::query_scalar(SQL)
            .bind(agency_id)
            .fetch_all(p)
            .await)?)
    }

    /// The 第二十条 items of published items, in order (as text, like the other facets).
    pub async fn public_articles(&self, agency_id: i64) -> Result<Vec<String>, StoreError> {
        const SQL: &str = "SELECT DISTINCT CAST(v.article20_item AS TEXT) FROM items i \
            JOIN item_versions v ON v.item_id = i.id AND v.version = i.published_version \
            WHERE i.agency_id = $1 AND v.article20_item IS NOT NULL ORDER BY 1";
        let mut items: Vec<String> = on_pool!(self, |p| sqlx::query_scalar(SQL)
            .bind(agency_id)
            .fetch_all(p)
            .await)?;
        items.sort_by_key(|n| n.parse::<i64>().unwrap_or(0));
        Ok(items)
    }

    /// The 标准目录 domains of published items, in order.
    pub async fn public_domains(&self, agency_id: i64) -> Result<Vec<String>, StoreError> {
        const SQL: &str = "SELECT DISTINCT v.domain FROM items i JOIN item_versions v \
            ON v.item_id = i.id AND v.version = i.published_version \
            WHERE i.agency_id = $1 AND v.domain IS NOT NULL ORDER BY v.domain";
        Ok(on_pool!(self, |p| sqlx::query_scalar(SQL)
            .bind(agency_id)
            .fetch_all(p)
            .await)?)
    }

    /// The text of every version of an item that 保密审查 scans (title, summary, body, 文号,
    /// keywords), oldest first.
    pub async fn version_texts(&self, item_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
        const SQL: &str = "SELECT version, COALESCE(title, '') || ' ' || COALESCE(summary, '') \
            || ' ' || COALESCE(body, '') || ' ' || COALESCE(doc_no, '') || ' ' \
            || COALESCE(keywords, '') FROM item_versions WHERE item_id = $1 ORDER BY version";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(item_id)
            .fetch_all(p)
            .await)?)
    }

    /// Flags accepted for any version of an item: (version, acceptance).
    pub async fn all_flag_acceptances(
        &self,
        item_id: i64,
    ) -> Result<Vec<(i64, FlagAcceptance)>, StoreError> {
        const SQL: &str = "SELECT f.version, f.flag, f.reason, u.display_name AS user_name, f.at \
            FROM item_flag_acceptances f JOIN users u ON u.id = f.user_id \
            WHERE f.item_id = $1 ORDER BY f.version, f.at";
        let rows: Vec<(i64, String, String, String, i64)> =
            on_pool!(self, |p| sqlx::query_as(SQL)
                .bind(item_id)
                .fetch_all(p)
                .await)?;
        Ok(rows
            .into_iter()
            .map(|(v, flag, reason, user_name, at)| {
                (
                    v,
                    FlagAcceptance {
                        flag,
                        reason,
                        user_name,
                        at,
                    },
                )
            })
            .collect())
    }

    /// Flags accepted for a version.
    pub async fn flag_acceptances(
        &self,
        item_id: i64,
        version: i64,
    ) -> Result<Vec<FlagAcceptance>, StoreError> {
        const SQL: &str = "SELECT f.flag, f.reason, u.display_name AS user_name, f.at \
            FROM item_flag_acceptances f JOIN users u ON u.id = f.user_id \
            WHERE f.item_id = $1 AND f.version = $2 ORDER BY f.at";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(item_id)
            .bind(version)
            .fetch_all(p)
            .await)?)
    }
}

impl Store {
    /// The agencies of `root`'s subtree (itself first, then by id), in one query.
    pub async fn subtree_agencies(
        &self,
        root: i64,
    ) -> Result<Vec<crate::agencies::Agency>, StoreError> {
        const SQL: &str = "WITH RECURSIVE scope(id) AS ( \
                SELECT id FROM agencies WHERE id = $1 \
                UNION ALL SELECT a.id FROM agencies a JOIN scope s ON a.parent_id = s.id) \
            SELECT id, parent_id, code, name, level, kind, settings FROM agencies \
            WHERE id IN (SELECT id FROM scope) ORDER BY (id = $1) DESC, id";
        let rows: Vec<crate::agencies::RawAgency> =
            on_pool!(self, |p| sqlx::query_as(SQL).bind(root).fetch_all(p).await)?;
        decode::all(rows, crate::agencies::RawAgency::decode)
    }

    /// The facts the dashboard counts of `root`'s subtree, in one query (issue 14: the
    /// overview ran one query per agency): items published since `since` (`YYYY-MM-DD`, the
    /// year's first day) and items waiting for review, not the years before (issue 19: a
    /// province's million items were read on every dashboard).
    pub async fn subtree_item_facts(
        &self,
        root: i64,
        since: &str,
    ) -> Result<Vec<ItemFact>, StoreError> {
        const SQL: &str = SUBTREE_ITEM_FACTS;
        let rows: Vec<RawFact> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(root)
            .bind(since)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawFact::decode)
    }
}
