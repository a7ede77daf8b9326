//! Figures per agency for the platform's directory, one grouped query for all agencies.

use crate::decode::{self, At};
use crate::{Store, StoreError, on_pool};
use gongkai_domain::clock::Date;

/// What an agency has published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationStats {
    /// The agency.
    pub agency_id: i64,
    /// Items whose public version was published in the year asked for.
    pub this_year: i64,
    /// The latest publication date of any public item.
    pub last_published: Option<Date>,
}

#[derive(sqlx::FromRow)]
struct RawStats {
    agency_id: i64,
    this_year: i64,
    last_published: Option<String>,
}

impl RawStats {
    fn decode(self) -> Result<PublicationStats, StoreError> {
        let at = At::new("agencies", self.agency_id);
        Ok(PublicationStats {
            last_published: at.opt_date("last_published", self.last_published.as_deref())?,
            agency_id: self.agency_id,
            this_year: self.this_year,
        })
    }
}

impl Store {
    /// Per agency with any public item: how many were published in `year`, and the last
    /// publication date.
    pub async fn publication_stats(&self, year: i32) -> Result<Vec<PublicationStats>, StoreError> {
        const SQL: &str = "SELECT i.agency_id, \
                 CAST(SUM(CASE WHEN substr(i.published_on, 1, 4) = $1 THEN 1 ELSE 0 END) AS BIGINT) \
                 AS this_year, MAX(i.published_on) AS last_published \
             FROM items i WHERE i.published_version IS NOT NULL \
             GROUP BY i.agency_id ORDER BY i.agency_id";
        let year = year.to_string();
        let rows: Vec<RawStats> =
            on_pool!(self, |p| sqlx::query_as(SQL).bind(&year).fetch_all(p).await)?;
        decode::all(rows, RawStats::decode)
    }
}
