//! The full-text index of what the public may see: tantivy with jieba word segmentation for
//! ranking, CJK bigrams so that a part of a word still matches (「信息公开」 finds
//! 「政府信息公开」), and exact 索引号 / 文号 terms that rank first.
//!
//! The index is derived data: it holds nothing the store does not, can be deleted at any time
//! and rebuilt (`gongkai search reindex`), and records in its own commit the position of the
//! store's change sequence it has applied (see [`SearchIndex::watermark`]).

mod query;
mod schema;
mod snippet;

pub use query::{Hit, Query, Results};
pub use snippet::{Fragment, excerpt, fragments};

use schema::Fields;
use std::path::Path;
use std::sync::Mutex;
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// A published item as the index sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// Item id.
    pub id: i64,
    /// Agency id.
    pub agency_id: i64,
    /// Agency name.
    pub agency_name: String,
    /// 索引号.
    pub index_no: String,
    /// 文号.
    pub doc_no: String,
    /// 标题.
    pub title: String,
    /// 内容概述 and 正文.
    pub text: String,
    /// 主题分类.
    pub topic: String,
    /// 发布日期 `YYYY-MM-DD`.
    pub published_on: String,
    /// `valid`, `expired`, `abolished`.
    pub validity: String,
}

/// What went wrong with the index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// tantivy failed.
    #[error("全文索引错误：{0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index directory could not be opened.
    #[error("无法打开全文索引目录：{0}")]
    Directory(String),
    /// Another process holds the index directory's writer lock.
    #[error(
        "全文索引目录正被另一个 gongkai 进程使用：同一台机器上的每个实例须有自己的数据目录（--data-dir），或先停止正在运行的实例"
    )]
    InUse,
    /// The writer lock was poisoned by a panic in another thread.
    #[error("全文索引写入器不可用")]
    Poisoned,
    /// The page asked for lies beyond [`MAX_OFFSET`]: nobody reads that far, and collecting
    /// so many hits would allocate without bound.
    #[error("只能查看前{max}条结果，请缩小检索范围", max = MAX_OFFSET)]
    TooDeep,
}

/// The deepest hit a search may skip to (offset).
pub const MAX_OFFSET: usize = 10_000;
/// The most hits one search returns.
pub const MAX_LIMIT: usize = 100;

/// An open index: one writer (behind a lock) and a reader reloaded after each commit.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
}

const WRITER_HEAP: usize = 64 * 1024 * 1024;

impl SearchIndex {
    /// Opens the index in `dir`, creating it; an index of an older layout is discarded (it
    /// is derived data) and comes back empty with watermark 0.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        std::fs::create_dir_all(dir).map_err(|e| SearchError::Directory(e.to_string()))?;
        let (schema, fields) = schema::build();
        let open = |d: &Path| {
            let mmap = MmapDirectory::open(d).map_err(|e| SearchError::Directory(e.to_string()))?;
            Ok::<_, SearchError>(Index::open_or_create(mmap, schema.clone())?)
        };
        let index = match open(dir) {
            Ok(index) => index,
            Err(_) => {
                std::fs::remove_dir_all(dir).map_err(|e| SearchError::Directory(e.to_string()))?;
                std::fs::create_dir_all(dir).map_err(|e| SearchError::Directory(e.to_string()))?;
                open(dir)?
            }
        };
        SearchIndex::from_index(index, fields)
    }

    /// An index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema::build();
        SearchIndex::from_index(Index::create_in_ram(schema), fields)
    }

    fn from_index(index: Index, fields: Fields) -> Result<SearchIndex, SearchError> {
        schema::register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let writer = index.writer(WRITER_HEAP).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            ) => SearchError::InUse,
            other => SearchError::Index(other),
        })?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
        })
    }

    /// The position of the store's change sequence applied by the last commit (0 if none).
    pub fn watermark(&self) -> Result<i64, SearchError> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .and_then(|p| p.parse().ok())
            .unwrap_or_default())
    }

    /// Adds or replaces `put`, removes `delete` (item ids), and commits with `watermark`;
    /// searches see the result when this returns.
    pub fn apply(&self, put: &[Doc], delete: &[i64], watermark: i64) -> Result<(), SearchError> {
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        for id in delete.iter().chain(put.iter().map(|d| &d.id)) {
            writer.delete_term(Term::from_field_i64(self.fields.id, *id));
        }
        for doc in put {
            writer.add_document(self.fields.document(doc))?;
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&watermark.to_string());
        commit.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Empties the index (before a rebuild); the watermark goes back to 0.
    pub fn clear(&self) -> Result<(), SearchError> {
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.delete_all_documents()?;
        let mut commit = writer.prepare_commit()?;
        commit.set_payload("0");
        commit.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Adds or replaces documents without committing (bulk loading); call
    /// [`SearchIndex::apply`] after.
    pub fn add_uncommitted(&self, docs: &[Doc]) -> Result<(), SearchError> {
        let writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        for doc in docs {
            writer.delete_term(Term::from_field_i64(self.fields.id, doc.id));
            writer.add_document(self.fields.document(doc))?;
        }
        Ok(())
    }

    /// The number of documents.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs a query.
    pub fn search(&self, q: &Query) -> Result<Results, SearchError> {
        query::run(&self.reader.searcher(), &self.fields, q)
    }

    /// The ids of every item the query matches (benchmarks measure recall with it).
    pub fn matching_ids(&self, q: &Query) -> Result<Vec<i64>, SearchError> {
        query::matching_ids(&self.reader.searcher(), &self.fields, q)
    }

    /// Reads a stored document back (for hits).
    fn stored(
        searcher: &tantivy::Searcher,
        addr: tantivy::DocAddress,
    ) -> Result<TantivyDocument, SearchError> {
        Ok(searcher.doc(addr)?)
    }
}
