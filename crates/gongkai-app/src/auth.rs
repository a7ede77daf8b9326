//! Login (argon2id), lockout after repeated failures, idle sessions, and user administration.
//! Every login, failure, lock and account change leaves an audit row.

use crate::{App, AppError};
use gongkai_domain::disclosure::{AccountState, Permission, Role};
use gongkai_store::attachments::sha256_hex;
use gongkai_store::audit::AuditEntry;
use gongkai_store::users::{NewUser, SessionRow, User};

/// Failed logins in a row (of one account name from one address) before each further attempt
/// from that address must wait.
pub const MAX_FAILURES: i64 = 5;
/// The longest wait: the first is one minute, each further failure doubles it up to this.
pub const LOCK_MS: i64 = 15 * 60 * 1000;

/// The wait after the `failures`-th failure in a row (ms): none before [`MAX_FAILURES`], then
/// 1, 2, 4, 8 and at most 15 minutes (issue 13: a delay per address instead of a lock that
/// refused the owner's right password everywhere).
pub fn throttle_delay(failures: i64) -> i64 {
    if failures < MAX_FAILURES {
        return 0;
    }
    let doublings = u32::try_from(failures - MAX_FAILURES)
        .unwrap_or(u32::MAX)
        .min(4);
    (60_000_i64 << doublings).min(LOCK_MS)
}
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
    /// That agency's name (the console's header names it, issue 15).
    pub agency_name: String,
    /// That agency's code (the path of its 专栏).
    pub agency_code: String,
    /// The user's agency is the platform's own (it has no agency above it): its 系统管理员
    /// administers the platform (adds agencies, issue 15).
    pub platform: bool,
    /// Roles.
    pub roles: Vec<Role>,
    /// The client's address, as the web saw it (empty for the CLI); recorded in audit rows.
    pub client: String,
    /// The password is a one-time password an administrator set: until the user chooses a new
    /// one, the console offers nothing else (issue 20).
    pub must_change_password: bool,
}

impl Actor {
    /// The same actor acting from `client`.
    pub fn from_client(mut self, client: &str) -> Actor {
        self.client = client.chars().take(64).collect();
        self
    }

    /// The platform administrator: a 系统管理员 of the platform's own agency.
    pub fn is_platform_admin(&self) -> bool {
        self.platform && self.may(Permission::Administer)
    }

    /// What this actor's audit rows carry.
    pub fn scope(&self) -> gongkai_store::audit::AuditScope {
        gongkai_store::audit::AuditScope {
            agency_id: Some(self.agency_id),
            client: self.client.clone(),
        }
    }

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
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Internal(format!("系统随机数不可用：{e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Passwords longer than this are refused before hashing (argon2 reads all of it).
pub const MAX_PASSWORD_CHARS: usize = 128;

/// The argon2id PHC string of a password (about 30 ms of CPU on the bounded hashing pool).
pub async fn hash_password(password: &str) -> Result<String, AppError> {
    let password: String = password.chars().take(MAX_PASSWORD_CHARS).collect();
    crate::hashing::run(move || {
        crate::hashing::argon::hash(password.as_bytes())
            .map_err(|e| AppError::Internal(format!("密码无法加密：{e}")))
    })
    .await?
}

/// Whether `password` matches `hash` (on the bounded hashing pool).
pub async fn verify_password(password: &str, hash: &str) -> Result<bool, AppError> {
    let password: String = password.chars().take(MAX_PASSWORD_CHARS).collect();
    let hash = hash.to_string();
    crate::hashing::run(move || crate::hashing::argon::verify(password.as_bytes(), &hash)).await
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
    /// Logs a user in from `client` (the address the web saw). Five failures in a row of one
    /// account name from one address make each further attempt from that address wait (1, 2,
    /// 4, 8, at most 15 minutes); other addresses, and the right password after the wait, are
    /// never refused. An unknown name takes the same path and gets the same answers, so the
    /// answers do not tell which names exist.
    pub async fn login(
        &self,
        username: &str,
        password: &str,
        client: &str,
    ) -> Result<Session, AppError> {
        let now = self.clock.now_ms();
        let name: String = username.trim().chars().take(64).collect();
        let client: String = client.chars().take(64).collect();
        let throttle = self.store.login_throttle(&name, &client).await?;
        if let Some(t) = throttle.as_ref().filter(|t| t.until_ms > now) {
            return Err(AppError::Locked {
                minutes: (t.until_ms - now + 59_999) / 60_000,
            });
        }
        let user = self.store.user_by_username(&name).await?;
        let hash = user
            .as_ref()
            .map_or(DUMMY_HASH, |u| u.password_hash.as_str());
        let matches = verify_password(password, hash).await? && user.is_some();
        let agency = user.as_ref().map(|u| u.agency_id);
        let Some(user) = user.filter(|_| matches) else {
            let failures = throttle.map_or(0, |t| t.failures) + 1;
            return Err(self
                .login_failed(&name, &client, agency, failures, now)
                .await?);
        };
        if user.state == AccountState::Disabled {
            return Err(AppError::Disabled);
        }
        let mut tx = self.begin_scoped(Some(user.agency_id), &client).await?;
        tx.clear_login_failures(&user.username, Some(&client))
            .await?;
        tx.record_login(&user, 0, None, "user.login").await?;
        tx.commit().await?;
        let session = self.start_session(&user, now).await?;
        Ok(Session {
            actor: session.actor.from_client(&client),
            ..session
        })
    }

    async fn login_failed(
        &self,
        name: &str,
        client: &str,
        agency: Option<i64>,
        failures: i64,
        now: i64,
    ) -> Result<AppError, AppError> {
        let delay = throttle_delay(failures);
        let t = gongkai_store::users::Throttle {
            failures,
            until_ms: now + delay,
        };
        let mut tx = self.begin_scoped(agency, client).await?;
        tx.record_login_failure(name, client, &t, now).await?;
        tx.commit().await?;
        Ok(if delay > 0 {
            AppError::Locked {
                minutes: (delay + 59_999) / 60_000,
            }
        } else {
            AppError::BadCredentials
        })
    }

    /// Lifts the waits on an account of the administrator's agency after failed logins.
    pub async fn unlock_user(&self, by: &Actor, username: &str) -> Result<(), AppError> {
        let user = self.managed_user(by, username).await?;
        let mut tx = self.begin_as(by).await?;
        tx.clear_login_failures(&user.username, None).await?;
        let entry = AuditEntry {
            actor: &by.username,
            action: "user.unlock",
            entity: "user",
            entity_id: &user.username,
            detail: "",
        };
        tx.audit(&entry).await?;
        tx.commit().await?;
        Ok(())
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
        let dir = self.directory().await?;
        let agency = match dir.by_id(user.agency_id) {
            Some(a) => Some(a.clone()),
            None => self.store.agency(user.agency_id).await?.map(Into::into),
        };
        let agency = agency.as_ref();
        Ok(Actor {
            user_id: user.id,
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            agency_id: user.agency_id,
            agency_name: agency.map(|a| a.name.clone()).unwrap_or_default(),
            agency_code: agency.map(|a| a.code.clone()).unwrap_or_default(),
            platform: agency.is_some_and(|a| a.parent_id.is_none()),
            roles: roles.iter().filter_map(|r| Role::parse(r).ok()).collect(),
            client: String::new(),
            must_change_password: user.must_change_password,
        })
    }

    /// The actor of an active account (CLI and demo: no session).
    pub async fn actor(&self, username: &str) -> Result<Actor, AppError> {
        match self.store.user_by_username(username).await? {
            Some(u) if u.state == AccountState::Active => self.actor_of(&u).await,
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
            Some(u) if u.state == AccountState::Active => Ok((self.actor_of(&u).await?, row.csrf)),
            _ => Err(AppError::NotLoggedIn),
        }
    }

    /// Ends a session.
    pub async fn logout(&self, token: &str, actor: &Actor) -> Result<(), AppError> {
        self.store
            .delete_session(&sha256_hex(token.as_bytes()))
            .await?;
        let mut tx = self.begin_as(actor).await?;
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

    /// Creates an account. The 系统管理员 creates accounts of their own agency only, never an
    /// administrator or auditor account, and never against 三员分立; the platform operator
    /// (CLI, demo, bootstrap: `by` is `None`) is bound by 三员分立 only.
    pub async fn create_user(&self, by: Option<&Actor>, u: &UserInput) -> Result<i64, AppError> {
        if let Some(a) = by {
            a.require(Permission::Administer)?;
            gongkai_domain::disclosure::check_grant_by_admin(&u.roles)?;
            if u.agency_id.is_some_and(|id| id != a.agency_id) {
                return Err(AppError::Forbidden);
            }
        }
        let agency_id = u
            .agency_id
            .or(by.map(|a| a.agency_id))
            .ok_or(AppError::NotFound("机关"))?;
        let account = self.prepare_user(u).await?;
        let client = by.map_or("", |a| a.client.as_str());
        let mut tx = self.begin_scoped(Some(agency_id), client).await?;
        let by = by.map_or("system", |a| a.username.as_str());
        let id = account.insert(&mut tx, agency_id, by).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Checks a new account (三员分立, user name, password policy, name, a free user name) and
    /// hashes its password, before any transaction.
    pub(crate) async fn prepare_user(&self, u: &UserInput) -> Result<PreparedUser, AppError> {
        gongkai_domain::disclosure::check_separation(&u.roles)?;
        check_username(&u.username)?;
        check_password_policy(&u.password)?;
        if u.password.chars().count() > MAX_PASSWORD_CHARS {
            return Err(AppError::Invalid(format!(
                "密码不超过 {MAX_PASSWORD_CHARS} 位"
            )));
        }
        let display_name = gongkai_domain::fields::DISPLAY_NAME.clean(&u.display_name)?;
        if display_name.is_empty() || u.roles.is_empty() {
            return Err(AppError::Missing("请填写姓名并至少选择一个角色".into()));
        }
        if self.store.user_by_username(&u.username).await?.is_some() {
            return Err(AppError::Duplicate(format!(
                "用户名「{}」已存在",
                u.username
            )));
        }
        Ok(PreparedUser {
            username: u.username.trim().to_string(),
            display_name,
            password_hash: hash_password(&u.password).await?,
            roles: u.roles.iter().map(|r| r.as_str()).collect(),
        })
    }

    /// Enables or disables an account, or sets a new password (系统管理员 only).
    pub async fn update_user(
        &self,
        by: &Actor,
        username: &str,
        active: Option<bool>,
        password: Option<&str>,
    ) -> Result<(), AppError> {
        let user = self.managed_user(by, username).await?;
        if user.id == by.user_id && active == Some(false) {
            return Err(AppError::NotNow("不能停用自己的账号".into()));
        }
        let hash = match password {
            Some(p) => {
                check_password_policy(p)?;
                Some(hash_password(p).await?)
            }
            None => None,
        };
        let state = active.map(|a| if a { "active" } else { "disabled" });
        let mut tx = self.begin_as(by).await?;
        tx.update_user(username, state, hash.as_deref(), &by.username)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// An account the administrator `by` manages: one of their own agency (`NotFound` for
    /// any other, so that other agencies' account names are not revealed).
    pub(crate) async fn managed_user(&self, by: &Actor, username: &str) -> Result<User, AppError> {
        by.require(Permission::Administer)?;
        match self.store.user_by_username(username).await? {
            Some(u) if u.agency_id == by.agency_id => Ok(u),
            _ => Err(AppError::NotFound("该用户")),
        }
    }

    /// The accounts of the administrator's agency with their roles (系统管理员 only).
    pub async fn users(
        &self,
        by: &Actor,
    ) -> Result<Vec<(crate::views::Account, Vec<Role>)>, AppError> {
        by.require(Permission::Administer)?;
        let mut out = Vec::new();
        let all = self.store.users().await?;
        for user in all.into_iter().filter(|u| u.agency_id == by.agency_id) {
            let roles = self.store.roles_of(user.id).await?;
            let roles = roles.iter().filter_map(|r| Role::parse(r).ok()).collect();
            out.push((user.into(), roles));
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

/// An account checked and hashed, ready to be written ([`App::prepare_user`]).
pub(crate) struct PreparedUser {
    username: String,
    display_name: String,
    password_hash: String,
    roles: Vec<&'static str>,
}

impl PreparedUser {
    /// Writes the account into `agency_id` within `tx`.
    pub(crate) async fn insert(
        &self,
        tx: &mut gongkai_store::Tx,
        agency_id: i64,
        by: &str,
    ) -> Result<i64, AppError> {
        let new = NewUser {
            agency_id,
            username: &self.username,
            display_name: &self.display_name,
            password_hash: &self.password_hash,
            roles: &self.roles,
        };
        Ok(tx.insert_user(&new, by).await?)
    }
}
