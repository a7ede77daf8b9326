//! Letter templates edited by an agency, and the notification outbox: a message is written in
//! the transaction of what it announces and sent later, so nothing is lost when the mail
//! server is down or not configured.

use crate::decode::{self, At};
use crate::{Store, StoreError, Tx, now_millis, on_pool, on_tx};
use gongkai_domain::letters::DeliveryState;

/// A message waiting for (or done with) the mail server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    /// Id.
    pub id: i64,
    /// The agency sending.
    pub agency_id: i64,
    /// The application it concerns.
    pub application_id: Option<i64>,
    /// E-mail address.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// Queued, sent or failed (given up after the last attempt).
    pub state: DeliveryState,
    /// Attempts so far.
    pub attempts: i64,
    /// The mail server's last answer when it failed.
    pub last_error: String,
    /// When it was written (ms).
    pub created_at: i64,
    /// When it was sent (ms).
    pub sent_at: Option<i64>,
}

/// A message as the database holds it.
#[derive(sqlx::FromRow)]
struct RawMessage {
    id: i64,
    agency_id: i64,
    application_id: Option<i64>,
    recipient: String,
    subject: String,
    body: String,
    state: String,
    attempts: i64,
    last_error: String,
    created_at: i64,
    sent_at: Option<i64>,
}

impl RawMessage {
    fn decode(self) -> Result<OutboxRow, StoreError> {
        let at = At::new("outbox", self.id);
        Ok(OutboxRow {
            state: at.parse("state", &self.state, DeliveryState::parse)?,
            id: self.id,
            agency_id: self.agency_id,
            application_id: self.application_id,
            recipient: self.recipient,
            subject: self.subject,
            body: self.body,
            attempts: self.attempts,
            last_error: self.last_error,
            created_at: self.created_at,
            sent_at: self.sent_at,
        })
    }
}

/// A message to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage<'a> {
    /// The agency sending.
    pub agency_id: i64,
    /// The application it concerns.
    pub application_id: Option<i64>,
    /// E-mail address.
    pub recipient: &'a str,
    /// Subject.
    pub subject: &'a str,
    /// Plain-text body.
    pub body: &'a str,
}

macro_rules! columns {
    () => {
        "id, agency_id, application_id, recipient, subject, body, state, attempts, last_error, \
         created_at, sent_at"
    };
}

impl Tx {
    /// Saves an agency's wording of a letter.
    pub async fn save_letter_template(
        &mut self,
        agency_id: i64,
        kind: &str,
        body: &str,
        user_id: i64,
    ) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO letter_templates (agency_id, kind, body, updated_by, updated_at) \
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agency_id, kind) DO UPDATE SET \
            body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(agency_id)
            .bind(kind)
            .bind(body)
            .bind(user_id)
            .bind(now_millis())
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Goes back to the built-in wording.
    pub async fn reset_letter_template(
        &mut self,
        agency_id: i64,
        kind: &str,
    ) -> Result<(), StoreError> {
        const SQL: &str = "DELETE FROM letter_templates WHERE agency_id = $1 AND kind = $2";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(agency_id)
            .bind(kind)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Queues a message, due at `now` (ms, the application's clock).
    pub async fn queue_message(&mut self, m: &NewMessage<'_>, now: i64) -> Result<i64, StoreError> {
        const SQL: &str = "INSERT INTO outbox (agency_id, application_id, recipient, subject, body, \
            state, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, 'queued', $6, $6) \
            RETURNING id";
        Ok(on_tx!(self, |c| sqlx::query_scalar(SQL)
            .bind(m.agency_id)
            .bind(m.application_id)
            .bind(m.recipient)
            .bind(m.subject)
            .bind(m.body)
            .bind(now)
            .fetch_one(c)
            .await)?)
    }
}

impl Store {
    /// An agency's wording of a letter, if it has its own.
    pub async fn letter_template(
        &self,
        agency_id: i64,
        kind: &str,
    ) -> Result<Option<String>, StoreError> {
        const SQL: &str = "SELECT body FROM letter_templates WHERE agency_id = $1 AND kind = $2";
        Ok(on_pool!(self, |p| sqlx::query_scalar(SQL)
            .bind(agency_id)
            .bind(kind)
            .fetch_optional(p)
            .await)?)
    }

    /// Queued messages due at `now` (ms), oldest first.
    pub async fn due_messages(&self, now: i64, limit: i64) -> Result<Vec<OutboxRow>, StoreError> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            " FROM outbox WHERE state = 'queued' AND next_attempt_at <= $1 ORDER BY id LIMIT $2"
        );
        let rows: Vec<RawMessage> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(now)
            .bind(limit)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawMessage::decode)
    }

    /// An agency's messages, newest first.
    pub async fn agency_messages(
        &self,
        agency_id: i64,
        limit: i64,
    ) -> Result<Vec<OutboxRow>, StoreError> {
        const SQL: &str = concat!(
            "SELECT ",
            columns!(),
            " FROM outbox WHERE agency_id = $1 ORDER BY id DESC LIMIT $2"
        );
        let rows: Vec<RawMessage> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .bind(limit)
            .fetch_all(p)
            .await)?;
        decode::all(rows, RawMessage::decode)
    }

    /// Claims a due message for one sender until `until` (ms): false when another instance on
    /// the same database took it first, so no message goes out twice.
    pub async fn claim_message(&self, id: i64, now: i64, until: i64) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE outbox SET next_attempt_at = $3 \
                           WHERE id = $1 AND state = 'queued' AND next_attempt_at <= $2";
        let claimed = on_pool!(self, |p| sqlx::query(SQL)
            .bind(id)
            .bind(now)
            .bind(until)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(claimed == 1)
    }

    /// Marks a message sent.
    pub async fn message_sent(&self, id: i64) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE outbox SET state = 'sent', attempts = attempts + 1, \
                           last_error = '', sent_at = $2 WHERE id = $1";
        on_pool!(self, |p| sqlx::query(SQL)
            .bind(id)
            .bind(now_millis())
            .execute(p)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Records a failed attempt: retried at `retry_at` (ms), or given up when `None`.
    pub async fn message_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<(), StoreError> {
        const SQL: &str = "UPDATE outbox SET attempts = attempts + 1, last_error = $2, \
            state = CASE WHEN $3 THEN 'queued' ELSE 'failed' END, next_attempt_at = $4 WHERE id = $1";
        on_pool!(self, |p| sqlx::query(SQL)
            .bind(id)
            .bind(error)
            .bind(retry_at.is_some())
            .bind(retry_at.unwrap_or(0))
            .execute(p)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Puts a given-up message back in the queue, due at `now` (ms).
    pub async fn retry_message(
        &self,
        agency_id: i64,
        id: i64,
        now: i64,
    ) -> Result<bool, StoreError> {
        const SQL: &str = "UPDATE outbox SET state = 'queued', next_attempt_at = $3 \
                           WHERE id = $1 AND agency_id = $2 AND state = 'failed'";
        let done = on_pool!(self, |p| sqlx::query(SQL)
            .bind(id)
            .bind(agency_id)
            .bind(now)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(done == 1)
    }
}
