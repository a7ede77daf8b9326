//! Login (argon2id), lockout after repeated failures, idle sessions, and user administration.
//! Every login, failure, lock and account change leaves an audit row.

use crate::{App, AppError};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use gongkai_domain::disclosure::{Permission, Role};
use gongkai_store::attachments::sha256_hex;
use gongkai_store::audit::AuditEntry;
use gongkai_store::users::{NewUser, SessionRow, User};

/// Failed logins in a row that lock the account.
pub const MAX_FAILURES: i64 = 5;
/// How long a lock lasts.
pub const LOCK_MS: i64 = 15 * 60 * 1000;
/// A session unused this long has ended.
pub const IDLE_MS: i64 = 30 * 60 * 1000;

/// Who is acting: a logged-in user with their roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// User id.
    pub user_id: i64,
    /// Login name.
    pub username: String,
    /// Name shown in records.
    pub display_name: String,
    /// The user's agency.
    pub agency_id: i64,
    /// Roles.
    pub roles: Vec<Role>,
}

impl Actor {
    /// Whether any role grants `p`.
    pub fn may(&self, p: Permission) -> bool {
        p.granted_to(&self.roles)
    }

    /// `Forbidden` unless a role grants `p`.
    pub fn require(&self, p: Permission) -> Result<(), AppError> {
        if self.may(p) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// A started session: the cookie value (shown once, stored only as a hash) and its CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    /// The cookie value.
    pub token: String,
    /// The token every form of the session carries.
    pub csrf: String,
    /// Who.
    pub actor: Actor,
}

/// An account to create through the console or CLI.
#[derive(Debug, Clone)]
pub struct UserInput {
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Initial password.
    pub password: String,
    /// Roles.
    pub roles: Vec<Role>,
    /// Agency (`None`: the admin's own).
    pub agency_id: Option<i64>,
}

/// 32 random bytes in hex.
pub fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Invalid(format!("系统随机数不可用：{e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The argon2id PHC string of a password (about 30 ms of CPU, off the async threads).
pub async fn hash_password(password: &str) -> Result<String, AppError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Invalid(format!("密码无法加密：{e}")))
    })
    .await
    .map_err(|e| AppError::Invalid(format!("密码加密中断：{e}")))?
}

async fn verify_password(password: &str, hash: &str) -> bool {
    let (password, hash) = (password.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await
    .unwrap_or(false)
}

/// Checks a new password: at least 10 characters, with letters and digits.
pub fn check_password_policy(password: &str) -> Result<(), AppError> {
    let long = password.chars().count() >= 10;
    let letters = password.chars().any(|c| c.is_alphabetic());
    let digits = password.chars().any(|c| c.is_ascii_digit());
    if long && letters && digits {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "密码至少 10 位，须同时包含字母和数字".into(),
        ))
    }
}

/// A hash to verify against when the user does not exist, so that both cases take as long.
pub(crate) const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$ZGVsaWJlcmF0ZWx5IG5vdCBhIHJlYWwgaGFzaCBhdCBhbGw";

impl App {
    /// Logs a user in: checks lock and password, counts failures (the 5th in a row locks the
    /// account for 15 minutes), and starts a session.
    pub async fn login(&self, username: &str, password: &str) -> Result<Session, AppError> {
        let now = self.clock.now_ms();
        let Some(user) = self.store.user_by_username(username.trim()).await? else {
            verify_password(password, DUMMY_HASH).await;
            return Err(AppError::BadCredentials);
        };
        if user.state == "disabled" {
            return Err(AppError::Disabled);
        }
        if let Some(until) = user.locked_until.filter(|u| *u > now) {
            return Err(AppError::Locked {
                minutes: (until - now + 59_999) / 60_000,
            });
        }
        if !verify_password(password, &user.password_hash).await {
            return Err(self.login_failed(&user, now).await?);
        }
        let mut tx = self.store.begin().await?;
        tx.record_login(&user, 0, None, "user.login").await?;
        tx.commit().await?;
        self.start_session(&user, now).await
    }

    async fn login_failed(&self, user: &User, now: i64) -> Result<AppError, AppError> {
        let earlier = if user.locked_until.is_some() {
            0
        } else {
            user.failed_logins
        };
        let failed = earlier + 1;
        let mut tx = self.store.begin().await?;
        let error = if failed >= MAX_FAILURES {
            tx.record_login(user, failed, Some(now + LOCK_MS), "user.locked")
                .await?;
            AppError::Locked {
                minutes: LOCK_MS / 60_000,
            }
        } else {
            tx.record_login(user, failed, None, "user.login_failed")
                .await?;
            AppError::BadCredentials
        };
        tx.commit().await?;
        Ok(error)
    }

    async fn start_session(&self, user: &User, now: i64) -> Result<Session, AppError> {
        let token = random_token()?;
        let csrf = random_token()?;
        let row = SessionRow {
            id_hash: sha256_hex(token.as_bytes()),
            user_id: user.id,
            csrf: csrf.clone(),
            last_seen: now,
        };
        self.store.create_session(&row).await?;
        let actor = self.actor_of(user).await?;
        Ok(Session { token, csrf, actor })
    }

    async fn actor_of(&self, user: &User) -> Result<Actor, AppError> {
        let roles = self.store.roles_of(user.id).await?;
        Ok(Actor {
            user_id: user.id,
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            agency_id: user.agency_id,
            roles: roles.iter().filter_map(|r| Role::parse(r).ok()).collect(),
        })
    }

    /// The actor of an active account (CLI and demo: no session).
    pub async fn actor(&self, username: &str) -> Result<Actor, AppError> {
        match self.store.user_by_username(username).await? {
            Some(u) if u.state == "active" => self.actor_of(&u).await,
            _ => Err(AppError::NotFound("该用户")),
        }
    }

    /// The user and CSRF token of a live session; the idle clock restarts.
    pub async fn session(&self, token: &str) -> Result<(Actor, String), AppError> {
        let now = self.clock.now_ms();
        let hash = sha256_hex(token.as_bytes());
        let row = self.store.live_session(&hash, now - IDLE_MS, now).await?;
        let row = row.ok_or(AppError::NotLoggedIn)?;
        let user = self.store.user(row.user_id).await?;
        match user {
            Some(u) if u.state == "active" => Ok((self.actor_of(&u).await?, row.csrf)),
            _ => Err(AppError::NotLoggedIn),
        }
    }

    /// Ends a session.
    pub async fn logout(&self, token: &str, actor: &Actor) -> Result<(), AppError> {
        self.store
            .delete_session(&sha256_hex(token.as_bytes()))
            .await?;
        let mut tx = self.store.begin().await?;
        let entry = AuditEntry {
            actor: &actor.username,
            action: "user.logout",
            entity: "user",
            entity_id: &actor.username,
            detail: "",
        };
        tx.audit(&entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Creates an account (系统管理员 only; the bootstrap and demo pass `None`).
    pub async fn create_user(&self, by: Option<&Actor>, u: &UserInput) -> Result<i64, AppError> {
        if let Some(a) = by {
            a.require(Permission::Administer)?;
        }
        let agency_id = u
            .agency_id
            .or(by.map(|a| a.agency_id))
            .ok_or(AppError::NotFound("机关"))?;
        check_username(&u.username)?;
        check_password_policy(&u.password)?;
        if u.display_name.trim().is_empty() || u.roles.is_empty() {
            return Err(AppError::Invalid("请填写姓名并至少选择一个角色".into()));
        }
        if self.store.user_by_username(&u.username).await?.is_some() {
            return Err(AppError::Invalid(format!("用户名「{}」已存在", u.username)));
        }
        let hash = hash_password(&u.password).await?;
        let roles: Vec<&str> = u.roles.iter().map(|r| r.as_str()).collect();
        let new = NewUser {
            agency_id,
            username: u.username.trim(),
            display_name: u.display_name.trim(),
            password_hash: &hash,
            roles: &roles,
        };
        let mut tx = self.store.begin().await?;
        let id = tx
            .insert_user(&new, by.map_or("system", |a| a.username.as_str()))
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Enables or disables an account, or sets a new password (系统管理员 only).
    pub async fn update_user(
        &self,
        by: &Actor,
        username: &str,
        active: Option<bool>,
        password: Option<&str>,
    ) -> Result<(), AppError> {
        by.require(Permission::Administer)?;
        if username == by.username && active == Some(false) {
            return Err(AppError::Invalid("不能停用自己的账号".into()));
        }
        let hash = match password {
            Some(p) => {
                check_password_policy(p)?;
                Some(hash_password(p).await?)
            }
            None => None,
        };
        let state = active.map(|a| if a { "active" } else { "disabled" });
        let mut tx = self.store.begin().await?;
        tx.update_user(username, state, hash.as_deref(), &by.username)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every account with its roles (系统管理员 only).
    pub async fn users(&self, by: &Actor) -> Result<Vec<(User, Vec<Role>)>, AppError> {
        by.require(Permission::Administer)?;
        let mut out = Vec::new();
        for user in self.store.users().await? {
            let roles = self.store.roles_of(user.id).await?;
            let roles = roles.iter().filter_map(|r| Role::parse(r).ok()).collect();
            out.push((user, roles));
        }
        Ok(out)
    }
}

fn check_username(name: &str) -> Result<(), AppError> {
    let ok = (3..=32).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(AppError::Invalid(
            "用户名须为 3–32 位字母、数字或 . _ -".into(),
        ))
    }
}
