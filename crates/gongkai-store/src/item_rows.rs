//! Item rows as the database holds them, and their decoding into [`ItemRow`] and [`ItemFact`]
//! (issue 14: a state, validity or date the store does not know is `Corrupt`, not `Draft`).

use crate::StoreError;
use crate::decode::At;
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::ItemFields;
use gongkai_domain::disclosure::{ItemState, Validity};

/// An item with one of its versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    /// Id.
    pub id: i64,
    /// Agency.
    pub agency_id: i64,
    /// Agency name.
    pub agency_name: String,
    /// 索引号, once registered.
    pub index_no: Option<String>,
    /// Workflow state.
    pub state: ItemState,
    /// The working version.
    pub current_version: i64,
    /// The version the public sees, if any.
    pub published_version: Option<i64>,
    /// Who created it.
    pub created_by: i64,
    /// This row's version.
    pub version: i64,
    /// What the drafter edits.
    pub fields: ItemFields,
    /// 发布日期.
    pub published_on: Option<Date>,
    /// 有效性.
    pub validity: Validity,
    /// Date of the validity change.
    pub validity_on: Option<Date>,
    /// Last change (ms).
    pub updated_at: i64,
}

/// What the supervisor's overview needs of an item: whose, its state, and the dates of its
/// current version (no text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFact {
    /// The agency.
    pub agency_id: i64,
    /// Workflow state.
    pub state: ItemState,
    /// 成文日期.
    pub written_on: Option<Date>,
    /// 发布日期.
    pub published_on: Option<Date>,
}

/// The columns of `select_item!`, as text.
#[derive(sqlx::FromRow)]
pub(crate) struct RawItem {
    id: i64,
    agency_id: i64,
    agency_name: String,
    index_no: Option<String>,
    state: String,
    current_version: i64,
    published_version: Option<i64>,
    created_by: i64,
    version: i64,
    title: String,
    summary: String,
    body: String,
    publisher: String,
    topic: String,
    doc_no: String,
    written_on: Option<String>,
    keywords: String,
    article20_item: Option<i64>,
    article21_item: Option<String>,
    domain: Option<String>,
    published_on: Option<String>,
    validity: String,
    validity_on: Option<String>,
    updated_at: i64,
}

impl RawItem {
    /// The typed row.
    pub(crate) fn decode(self) -> Result<ItemRow, StoreError> {
        let at = At::new("items", self.id);
        let fields = ItemFields {
            written_on: at.opt_date("written_on", self.written_on.as_deref())?,
            title: self.title,
            summary: self.summary,
            body: self.body,
            publisher: self.publisher,
            topic: self.topic,
            doc_no: self.doc_no,
            keywords: self.keywords,
            article20_item: self.article20_item,
            article21_item: self.article21_item,
            domain: self.domain,
        };
        Ok(ItemRow {
            state: at.parse("state", &self.state, ItemState::parse)?,
            validity: at.parse("validity", &self.validity, Validity::parse)?,
            published_on: at.opt_date("published_on", self.published_on.as_deref())?,
            validity_on: at.opt_date("validity_on", self.validity_on.as_deref())?,
            id: self.id,
            agency_id: self.agency_id,
            agency_name: self.agency_name,
            index_no: self.index_no,
            current_version: self.current_version,
            published_version: self.published_version,
            created_by: self.created_by,
            version: self.version,
            fields,
            updated_at: self.updated_at,
        })
    }
}

/// An item's facts for the overview, as text.
#[derive(sqlx::FromRow)]
pub(crate) struct RawFact {
    id: i64,
    agency_id: i64,
    state: String,
    written_on: Option<String>,
    published_on: Option<String>,
}

impl RawFact {
    /// The typed facts.
    pub(crate) fn decode(self) -> Result<ItemFact, StoreError> {
        let at = At::new("items", self.id);
        Ok(ItemFact {
            agency_id: self.agency_id,
            state: at.parse("state", &self.state, ItemState::parse)?,
            written_on: at.opt_date("written_on", self.written_on.as_deref())?,
            published_on: at.opt_date("published_on", self.published_on.as_deref())?,
        })
    }
}
