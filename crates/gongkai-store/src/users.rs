//! Staff accounts, their roles, and login sessions.

use crate::audit::AuditEntry;
use crate::decode::{self, At};
use crate::{Store, StoreError, Tx, on_pool, on_tx};
use gongkai_domain::disclosure::AccountState;

/// An account to create.
pub struct NewUser<'a> {
    /// The agency the user works for.
    pub agency_id: i64,
    /// Login name.
    pub username: &'a str,
    /// Name shown in the 审批表.
    pub display_name: &'a str,
    /// argon2id PHC string.
    pub password_hash: &'a str,
    /// Role ids (`drafter`, …).
    pub roles: &'a [&'a str],
}

/// An account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Id.
    pub id: i64,
    /// Agency.
    pub agency_id: i64,
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Whether the account may log in.
    pub state: AccountState,
    /// Failed logins since the last success.
    pub failed_logins: i64,
    /// Locked until (ms since the epoch).
    pub locked_until: Option<i64>,
    /// The password is a one-time password an administrator set: a new one must be chosen.
    pub must_change_password: bool,
}

/// An account as the database holds it.
#[derive(sqlx::FromRow)]
struct RawUser {
    id: i64,
    agency_id: i64,
    username: String,
    display_name: String,
    password_hash: String,
    state: String,
    failed_logins: i64,
    locked_until: Option<i64>,
    must_change_password: i64,
}

impl RawUser {
    fn decode(self) -> Result<User, StoreError> {
        let at = At::new("users", self.id);
        Ok(User {
            state: at.parse("state", &self.state, AccountState::parse)?,
            id: self.id,
            agency_id: self.agency_id,
            username: self.username,
            display_name: self.display_name,
            password_hash: self.password_hash,
            failed_logins: self.failed_logins,
            locked_until: self.locked_until,
            must_change_password: self.must_change_password != 0,
        })
    }
}

/// A login session as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    /// SHA-256 of the cookie value.
    pub id_hash: String,
    /// Whose.
    pub user_id: i64,
    /// The CSRF token of the session's forms.
    pub csrf: String,
    /// Last request (ms).
    pub last_seen: i64,
}

/// `SELECT` of every [`User`] column, followed by the rest of the statement.
macro_rules! select_user {
    ($rest:literal) => {
        concat!(
            "SELECT id, agency_id, username, display_name, password_hash, state, failed_logins, \
             locked_until, must_change_password FROM users ",
            $rest
        )
    };
}

impl Tx {
    /// Creates an account with its roles.
    pub async fn insert_user(&mut self, u: &NewUser<'_>, actor: &str) -> Result<i64, StoreError> {
        let roles = u.roles.join(",");
        let entry = AuditEntry {
            actor,
            action: "user.create",
            entity: "user",
            entity_id: u.username,
            detail: &roles,
        };
        self.audit(&entry).await?;
        const SQL: &str = "INSERT INTO users (agency_id, username, display_name, password_hash, \
                           created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
        let id: i64 = on_tx!(self, |c| sqlx::query_scalar(SQL)
            .bind(u.agency_id)
            .bind(u.username)
            .bind(u.display_name)
            .bind(u.password_hash)
            .bind(crate::now_millis())
            .fetch_one(c)
            .await)?;
        for role in u.roles {
            const ROLE: &str = "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)";
            on_tx!(self, |c| sqlx::query(ROLE)
                .bind(id)
                .bind(*role)
                .execute(c)
                .await
                .map(|_| ()))?;
        }
        Ok(id)
    }

    /// Records a login attempt's effect on the account: the failure count, the lock, and the
    /// audit row (`user.login`, `user.login_failed`, `user.locked`).
    pub async fn record_login(
        &mut self,
        user: &User,
        failed_logins: i64,
        locked_until: Option<i64>,
        action: &str,
    ) -> Result<(), StoreError> {
        let detail = match failed_logins {
            0 => String::new(),
            n => format!("此前连续登录失败{n}次"),
        };
        let entry = AuditEntry {
            actor: &user.username,
            action,
            entity: "user",
            entity_id: &user.username,
            detail: &detail,
        };
        self.audit(&entry).await?;
        const SQL: &str = "UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(failed_logins)
            .bind(locked_until)
            .bind(user.id)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Sets an account `active` or `disabled`, or replaces its password hash.
    pub async fn update_user(
        &mut self,
        username: &str,
        state: Option<&str>,
        password_hash: Option<&str>,
        actor: &str,
    ) -> Result<(), StoreError> {
        let detail = state.unwrap_or("password");
        let entry = AuditEntry {
            actor,
            action: "user.update",
            entity: "user",
            entity_id: username,
            detail,
        };
        self.audit(&entry).await?;
        const SQL: &str = "UPDATE users SET state = COALESCE($1, state), \
            password_hash = COALESCE($2, password_hash), failed_logins = 0, locked_until = NULL \
            WHERE username = $3";
        let n = on_tx!(self, |c| sqlx::query(SQL)
            .bind(state)
            .bind(password_hash)
            .bind(username)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "用户",
                key: username.to_string(),
            });
        }
        Ok(())
    }
}

impl Store {
    /// The account with this login name.
    pub async fn user_by_username(&self, username: &str) -> Result<Option<User>, StoreError> {
        const SQL: &str = select_user!("WHERE username = $1");
        let row: Option<RawUser> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(username)
            .fetch_optional(p)
            .await)?;
        row.map(RawUser::decode).transpose()
    }

    /// The account with this id.
    pub async fn user(&self, id: i64) -> Result<Option<User>, StoreError> {
        const SQL: &str = select_user!("WHERE id = $1");
        let row: Option<RawUser> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(id)
            .fetch_optional(p)
            .await)?;
        row.map(RawUser::decode).transpose()
    }

    /// Every account, by login name.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        const SQL: &str = select_user!("ORDER BY username");
        let rows: Vec<RawUser> = on_pool!(self, |p| sqlx::query_as(SQL).fetch_all(p).await)?;
        decode::all(rows, RawUser::decode)
    }

    /// The role ids of an account.
    pub async fn roles_of(&self, user_id: i64) -> Result<Vec<String>, StoreError> {
        const SQL: &str = "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role";
        Ok(on_pool!(self, |p| sqlx::query_scalar(SQL)
            .bind(user_id)
            .fetch_all(p)
            .await)?)
    }

    /// Starts a session.
    pub async fn create_session(&self, s: &SessionRow) -> Result<(), StoreError> {
        const SQL: &str = "INSERT INTO sessions (id_hash, user_id, csrf, created_at, last_seen) \
                           VALUES ($1, $2, $3, $4, $4)";
        on_pool!(self, |p| sqlx::query(SQL)
            .bind(&s.id_hash)
            .bind(s.user_id)
            .bind(&s.csrf)
            .bind(s.last_seen)
            .execute(p)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// The session with this hash, if it was seen after `idle_since`; an older one is deleted.
    /// A session seen within the window is touched (its idle clock restarts at `now`).
    pub async fn live_session(
        &self,
        id_hash: &str,
        idle_since: i64,
        now: i64,
    ) -> Result<Option<SessionRow>, StoreError> {
        const SQL: &str =
            "SELECT id_hash, user_id, csrf, last_seen FROM sessions WHERE id_hash = $1";
        let row: Option<SessionRow> = on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(id_hash)
            .fetch_optional(p)
            .await)?;
        match row {
            Some(s) if s.last_seen >= idle_since => {
                const TOUCH: &str = "UPDATE sessions SET last_seen = $1 WHERE id_hash = $2";
                on_pool!(self, |p| sqlx::query(TOUCH)
                    .bind(now)
                    .bind(id_hash)
                    .execute(p)
                    .await
                    .map(|_| ()))?;
                Ok(Some(s))
            }
            Some(_) => self.delete_session(id_hash).await.map(|()| None),
            None => Ok(None),
        }
    }

    /// Deletes every session last used before `before` (ms); returns how many.
    pub async fn delete_idle_sessions(&self, before: i64) -> Result<u64, StoreError> {
        const SQL: &str = "DELETE FROM sessions WHERE last_seen < $1";
        Ok(on_pool!(self, |p| sqlx::query(SQL)
            .bind(before)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?)
    }

    /// Ends a session.
    pub async fn delete_session(&self, id_hash: &str) -> Result<(), StoreError> {
        const SQL: &str = "DELETE FROM sessions WHERE id_hash = $1";
        on_pool!(self, |p| sqlx::query(SQL)
            .bind(id_hash)
            .execute(p)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

/// Failed logins of one account name from one client address (issue 13).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Throttle {
    /// Failures in a row.
    pub failures: i64,
    /// No attempt from this address is checked before this time (ms).
    pub until_ms: i64,
}

impl Store {
    /// The failures of `username` from `client`, if any.
    pub async fn login_throttle(
        &self,
        username: &str,
        client: &str,
    ) -> Result<Option<Throttle>, StoreError> {
        const SQL: &str =
            "SELECT failures, until_ms FROM login_throttle WHERE username = $1 AND client = $2";
        Ok(on_pool!(self, |p| sqlx::query_as(SQL)
            .bind(username)
            .bind(client)
            .fetch_optional(p)
            .await)?)
    }

    /// Forgets failures last seen before `before` (ms); returns how many.
    pub async fn delete_stale_throttles(&self, before: i64) -> Result<u64, StoreError> {
        const SQL: &str = "DELETE FROM login_throttle WHERE last_ms < $1";
        Ok(on_pool!(self, |p| sqlx::query(SQL)
            .bind(before)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?)
    }
}

impl Tx {
    /// Records a failed login of `username` (existing or not) from `client`, with its audit
    /// row (`user.login_failed`, or `user.throttled` once a delay starts).
    pub async fn record_login_failure(
        &mut self,
        username: &str,
        client: &str,
        t: &Throttle,
        now: i64,
    ) -> Result<(), StoreError> {
        let detail = format!("连续登录失败{}次（来自 {client}）", t.failures);
        let action = if t.until_ms > now {
            "user.throttled"
        } else {
            "user.login_failed"
        };
        let entry = AuditEntry {
            actor: username,
            action,
            entity: "user",
            entity_id: username,
            detail: &detail,
        };
        self.audit(&entry).await?;
        const SQL: &str = "INSERT INTO login_throttle (username, client, failures, until_ms, last_ms) \
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username, client) DO UPDATE \
            SET failures = excluded.failures, until_ms = excluded.until_ms, last_ms = excluded.last_ms";
        on_tx!(self, |c| sqlx::query(SQL)
            .bind(username)
            .bind(client)
            .bind(t.failures)
            .bind(t.until_ms)
            .bind(now)
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Forgets the failures of `username` (from `client`, or from everywhere when `None`:
    /// the administrator's unlock).
    pub async fn clear_login_failures(
        &mut self,
        username: &str,
        client: Option<&str>,
    ) -> Result<(), StoreError> {
        const ONE: &str = "DELETE FROM login_throttle WHERE username = $1 AND client = $2";
        const ALL: &str = "DELETE FROM login_throttle WHERE username = $1 AND $2 = $2";
        let sql = if client.is_some() { ONE } else { ALL };
        on_tx!(self, |c| sqlx::query(sql)
            .bind(username)
            .bind(client.unwrap_or(""))
            .execute(c)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}
