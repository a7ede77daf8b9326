//! The audit log: append-only, each row holding the hash of the row before it. A row is
//! appended by [`Tx::audit`] inside the transaction of the change it records, so the two
//! commit together; [`Store::verify_audit`] recomputes the chain and names the first row that
//! was edited, deleted or inserted behind the log's back.

use crate::{Store, StoreError, Tx, now_millis, on_pool, on_tx};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What is recorded: who did what to which entity.
pub struct AuditEntry<'a> {
    /// The user (username) or `system`.
    pub actor: &'a str,
    /// A stable action code, e.g. `application.register`, `user.login`.
    pub action: &'a str,
    /// The kind of entity, e.g. `application`.
    pub entity: &'a str,
    /// Its id.
    pub entity_id: &'a str,
    /// Details (JSON or text).
    pub detail: &'a str,
}

/// Where a change came from: the agency it belongs to and the client's address (issue 13).
/// Every row of a transaction carries its transaction's scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditScope {
    /// The agency whose log the row belongs to (`None`: the platform itself).
    pub agency_id: Option<i64>,
    /// The client's address as the web saw it (empty for the CLI).
    pub client: String,
}

/// The hash layout of rows written since the log carries agency and client.
const HASH_V2: i64 = 2;

/// A row of the log as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditRow {
    /// Position in the chain, from 1, without gaps.
    pub seq: i64,
    /// When (ms since the epoch).
    pub at: i64,
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// Entity kind.
    pub entity: String,
    /// Entity id.
    pub entity_id: String,
    /// Details.
    pub detail: String,
    /// The previous row's hash.
    pub prev_hash: String,
    /// This row's hash.
    pub hash: String,
    /// The agency (see [`AuditScope`]).
    pub agency_id: Option<i64>,
    /// The client's address.
    pub client: String,
    /// Hash layout: 1 for rows written before agency and client were recorded (their hash
    /// does not cover them), 2 since.
    pub hash_v: i64,
}

impl AuditRow {
    /// The hash the row must carry: SHA-256 over the previous hash and every field, each
    /// length-prefixed so that no two different rows hash alike.
    pub fn expected_hash(&self) -> String {
        let (seq, at) = (self.seq.to_string(), self.at.to_string());
        let agency = self.agency_id.map(|a| a.to_string()).unwrap_or_default();
        let mut fields = vec![
            self.prev_hash.as_str(),
            &seq,
            &at,
            &self.actor,
            &self.action,
            &self.entity,
            &self.entity_id,
            &self.detail,
        ];
        if self.hash_v >= HASH_V2 {
            fields.extend(["v2", agency.as_str(), self.client.as_str()]);
        }
        let mut hasher = Sha256::new();
        for field in fields {
            hasher.update((field.len() as u64).to_be_bytes());
            hasher.update(field.as_bytes());
        }
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The outcome of [`Store::verify_audit`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every row is where it should be, with the hash it should have.
    Intact {
        /// Rows checked.
        rows: i64,
    },
    /// The first row that breaks the chain.
    Broken {
        /// Its position.
        seq: i64,
        /// Why, in Chinese.
        why: String,
    },
}

impl Tx {
    /// Appends a row to the audit log in this transaction; returns its position.
    pub async fn audit(&mut self, entry: &AuditEntry<'_>) -> Result<i64, StoreError> {
        // The first write of the row locks the chain's head until commit: one writer at a time.
        const HEAD: &str = "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash";
        let (seq, prev_hash): (i64, String) =
            on_tx!(self, |c| sqlx::query_as(HEAD).fetch_one(c).await)?;
        let row = AuditRow {
            seq,
            at: now_millis(),
            actor: entry.actor.into(),
            action: entry.action.into(),
            entity: entry.entity.into(),
            entity_id: entry.entity_id.into(),
            detail: entry.detail.into(),
            prev_hash,
            hash: String::new(),
            agency_id: self.scope.agency_id,
            client: self.scope.client.clone(),
            hash_v: HASH_V2,
        };
        let hash = row.expected_hash();
        const INSERT: &str = "INSERT INTO audit_log \
            (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash, agency_id, client, hash_v) \
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
        on_tx!(self, |c| sqlx::query(INSERT)
            .bind(row.seq)
            .bind(row.at)
            .bind(&row.actor)
            .bind(&row.action)
            .bind(&row.entity)
            .bind(&row.entity_id)
            .bind(&row.detail)
            .bind(&row.prev_hash)
            .bind(&hash)
            .bind(row.agency_id)
            .bind(&row.client)
            .bind(row.hash_v)
            .execute(c)
            .await
            .map(|_| ()))?;
        const SET_HEAD: &str = "UPDATE audit_head SET hash = $1 WHERE id = 1";
        on_tx!(self, |c| sqlx::query(SET_HEAD)
            .bind(&hash)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(seq)
    }
}

impl Store {
    /// The audit log's length: every write of every instance appends to it in its own
    /// transaction, so a change of this number means something was written (the render cache
    /// reads it).
    pub async fn write_mark(&self) -> Result<i64, StoreError> {
        const SQL: &str = "SELECT seq FROM audit_head WHERE id = 1";
        Ok(on_pool!(self, |p| sqlx::query_scalar(SQL)
            .fetch_one(p)
            .await)?)
    }

    /// Rows `after` < seq, at most `limit`, in order.
    pub async fn audit_rows(&self, after: i64, limit: i64) -> Result<Vec<AuditRow>, StoreError> {
        const SQL: &str = "SELECT seq, at, actor, action, entity, entity_id, detail, prev_hash, hash, \
                           agency_id, client, hash_v \
                           FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(after)
            .bind(limit)
            .fetch_all(p)
            .await)?)
    }

    /// The newest rows of one agency's log (with its subordinates' when `subtree`), before
    /// position `before`, at most `limit`. Rows of the platform itself (no agency) belong to
    /// the root agencies' logs.
    pub async fn agency_audit_rows(
        &self,
        agency_id: i64,
        subtree: bool,
        before: i64,
        limit: i64,
    ) -> Result<Vec<AuditRow>, StoreError> {
        const SQL: &str = "WITH RECURSIVE scope(id) AS ( \
                SELECT id FROM agencies WHERE id = $1 \
                UNION ALL SELECT a.id FROM agencies a JOIN scope s ON a.parent_id = s.id WHERE $2 \
            ) \
            SELECT seq, at, actor, action, entity, entity_id, detail, prev_hash, hash, \
                   agency_id, client, hash_v \
            FROM audit_log \
            WHERE seq < $3 AND (agency_id IN (SELECT id FROM scope) \
                OR (agency_id IS NULL AND EXISTS \
                    (SELECT 1 FROM agencies WHERE id = $1 AND parent_id IS NULL))) \
            ORDER BY seq DESC LIMIT $4";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(agency_id)
            .bind(subtree)
            .bind(before)
            .bind(limit)
            .fetch_all(p)
            .await)?)
    }

    /// Walks the whole chain: positions without gaps, each row's `prev_hash` the hash of the
    /// row before, each hash recomputed, and the last row the one the head points at.
    pub async fn verify_audit(&self) -> Result<Verdict, StoreError> {
        // One query, streamed: the whole log is read once whatever its length, never held.
        const SQL: &str = "SELECT seq, at, actor, action, entity, entity_id, detail, prev_hash, hash, \
                           agency_id, client, hash_v FROM audit_log ORDER BY seq";
        let (mut expected_seq, mut prev) = (1, GENESIS.to_string());
        let walked: Result<Option<(i64, String)>, StoreError> = on_pool!(self, |p| {
            use futures_util::TryStreamExt;
            let mut rows = sqlx::query_as::<_, AuditRow>(SQL).fetch(p);
            let mut found = None;
            while let Some(row) = rows.try_next().await? {
                if let Some(b) = broken(&row, expected_seq, &prev) {
                    found = Some(b);
                    break;
                }
                (expected_seq, prev) = (row.seq + 1, row.hash);
            }
            Ok(found)
        });
        if let Some((seq, why)) = walked? {
            return Ok(Verdict::Broken { seq, why });
        }
        const HEAD: &str = "SELECT seq, hash FROM audit_head WHERE id = 1";
        let (head_seq, head_hash): (i64, String) =
            on_pool!(self, |p| sqlx::query_as(HEAD).fetch_one(p).await)?;
        let rows = expected_seq - 1;
        if head_seq != rows {
            return Ok(Verdict::Broken {
                seq: rows + 1,
                why: format!(
                    "第{}条记录缺失（被删除）：日志止于第{rows}条，但应有{head_seq}条",
                    rows + 1
                ),
            });
        }
        if head_hash != prev {
            return Ok(Verdict::Broken {
                seq: rows,
                why: format!("第{rows}条记录被修改：其哈希与日志末端所存的不符"),
            });
        }
        Ok(Verdict::Intact {
            rows: expected_seq - 1,
        })
    }
}

/// Where and why `row` does not continue a chain that expects position `seq` after hash
/// `prev`. A row whose hash does not match its content was edited; a row that matches itself
/// but not the hash before it follows a row that was edited and re-hashed.
fn broken(row: &AuditRow, seq: i64, prev: &str) -> Option<(i64, String)> {
    if row.seq != seq {
        return Some((seq, format!("第{seq}条记录缺失（被删除）")));
    }
    if row.hash != row.expected_hash() {
        return Some((seq, format!("第{seq}条记录的内容与其哈希不符（被修改）")));
    }
    (row.prev_hash != prev).then(|| {
        let edited = seq - 1;
        (
            edited,
            format!("第{edited}条记录被修改：其哈希与第{seq}条记录所存的前序哈希不符"),
        )
    })
}
