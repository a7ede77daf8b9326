//! 社会评议: ratings of items and of answered applications, their follow-ups, and counts per
//! agency.

use crate::audit::AuditEntry;
use crate::decode::{self, At};
use crate::{Store, StoreError, Tx, on_pool, on_tx};
use gongkai_domain::clock::Date;
use gongkai_domain::rating::Level;

/// What is rated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A published item (by id).
    Item,
    /// An answered application (by 查询码).
    Application,
}

impl Target {
    fn key(self) -> &'static str {
        match self {
            Target::Item => "item",
            Target::Application => "application",
        }
    }

    fn parse(key: &str) -> Option<Target> {
        match key {
            "item" => Some(Target::Item),
            "application" => Some(Target::Application),
            _ => None,
        }
    }
}

/// A rating to store.
pub struct NewRating<'a> {
    /// The agency rated.
    pub agency_id: i64,
    /// What.
    pub target: Target,
    /// Its id (an item's number, an application's 查询码).
    pub target_id: &'a str,
    /// The level.
    pub level: Level,
    /// The rater's words (never public).
    pub comment: &'a str,
    /// When a 差评 with a comment must be followed up.
    pub due_on: Option<Date>,
    /// When (ms).
    pub at: i64,
}

/// A rating as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// Id.
    pub id: i64,
    /// The agency rated.
    pub agency_id: i64,
    /// What.
    pub target: Target,
    /// Its id.
    pub target_id: String,
    /// The level.
    pub level: Level,
    /// The rater's words.
    pub comment: String,
    /// When (ms).
    pub at: i64,
    /// Follow-up due (差评 with a comment).
    pub due_on: Option<Date>,
    /// The agency's follow-up.
    pub response: String,
    /// When it answered.
    pub responded_on: Option<Date>,
}

#[derive(sqlx::FromRow)]
struct RawRating {
    id: i64,
    agency_id: i64,
    target_kind: String,
    target_id: String,
    score: i64,
    comment: String,
    at: i64,
    due_on: Option<String>,
    response: String,
    responded_on: Option<String>,
}

impl RawRating {
    fn decode(self) -> Result<Rating, StoreError> {
        let at = At::new("ratings", self.id);
        Ok(Rating {
            target: at.parse("target_kind", &self.target_kind, Target::parse)?,
            level: at.parse("score", &self.score.to_string(), Level::parse)?,
            due_on: at.opt_date("due_on", self.due_on.as_deref())?,
            responded_on: at.opt_date("responded_on", self.responded_on.as_deref())?,
            id: self.id,
            agency_id: self.agency_id,
            target_id: self.target_id,
            comment: self.comment,
            at: self.at,
            response: self.response,
        })
    }
}

/// `SELECT` of a [`Rating`], then the rest.
macro_rules! select_rating {
    ($rest:literal) => {
        concat!(
            "SELECT id, agency_id, target_kind, target_id, score, comment, at, due_on, \
             response, responded_on FROM ratings ",
            $rest
        )
    };
}

/// Ratings of one agency: how many, and how many in the top three levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct RatingCount {
    /// The agency.
    pub agency_id: i64,
    /// Ratings.
    pub total: i64,
    /// 非常满意, 满意 or 基本满意.
    pub satisfied: i64,
}

impl Tx {
    /// Stores a rating (the public is the actor of its audit row).
    pub async fn insert_rating(&mut self, r: &NewRating<'_>) -> Result<i64, StoreError> {
        let entry = AuditEntry {
            actor: "public",
            action: "rating.create",
            entity: r.target.key(),
            entity_id: r.target_id,
            detail: r.level.label(),
        };
        self.audit(&entry).await?;
        const SQL: &str = "INSERT INTO ratings (agency_id, target_kind, target_id, score, comment, \
                           at, due_on) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
        Ok(on_tx!(self, |c| sqlx::query_scalar(SQL)
            .bind(r.agency_id)
            .bind(r.target.key())
            .bind(r.target_id)
            .bind(r.level.score())
            .bind(r.comment)
            .bind(r.at)
            .bind(r.due_on.map(|d| d.to_string()))
            .fetch_one(c)
            .await)?)
    }

    /// Changes a rating's level and comment (an applicant within the days allowed).
    pub async fn change_rating(&mut self, id: i64, r: &NewRating<'_>) -> Result<(), StoreError> {
        let entry = AuditEntry {
            actor: "public",
            action: "rating.change",
            entity: r.target.key(),
            entity_id: r.target_id,
            detail: r.level.label(),
        };
        self.audit(&entry).await?;
        const SQL: &str = "UPDATE ratings SET score = $1, comment = $2, due_on = $3 WHERE id = $4";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(r.level.score())
            .bind(r.comment)
            .bind(r.due_on.map(|d| d.to_string()))
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Records the agency's follow-up of a 差评.
    pub async fn respond_rating(
        &mut self,
        id: i64,
        response: &str,
        on: Date,
        actor: &str,
    ) -> Result<(), StoreError> {
        let key = id.to_string();
        let entry = AuditEntry {
            actor,
            action: "rating.follow_up",
            entity: "rating",
            entity_id: &key,
            detail: response,
        };
        self.audit(&entry).await?;
        const SQL: &str = "UPDATE ratings SET response = $1, responded_on = $2 WHERE id = $3";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(response)
            .bind(on.to_string())
            .bind(id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

impl Store {
    /// The rating of an application (at most one).
    pub async fn rating_of(
        &self,
        target: Target,
        target_id: &str,
    ) -> Result<Option<Rating>, StoreError> {
        const SQL: &str =
            select_rating!("WHERE target_kind = $1 AND target_id = $2 ORDER BY id LIMIT 1");
        let row: Option<RawRating> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(target.key())
            .bind(target_id)
            .fetch_optional(p)
            .await)?;
        row.map(RawRating::decode).transpose()
    }

    /// An agency's 差评 that call for a follow-up (due date set), oldest first.
    pub async fn follow_ups(&self, agency_id: i64) -> Result<Vec<Rating>, StoreError> {
        const SQL: &str = select_rating!("WHERE agency_id = $1 AND due_on IS NOT NULL ORDER BY id");
        let rows: Vec<RawRating> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawRating::decode)
    }

    /// Ratings per agency from `from` to before `to` (ms), every agency in one query.
    pub async fn rating_counts(&self, from: i64, to: i64) -> Result<Vec<RatingCount>, StoreError> {
        const SQL: &str = "SELECT agency_id, CAST(COUNT(*) AS BIGINT) AS total, \
            CAST(SUM(CASE WHEN score >= 3 THEN 1 ELSE 0 END) AS BIGINT) AS satisfied \
            FROM ratings WHERE at >= $1 AND at < $2 GROUP BY agency_id ORDER BY agency_id";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(from)
            .bind(to)
            .fetch_all(p)
            .await)?)
    }
}
