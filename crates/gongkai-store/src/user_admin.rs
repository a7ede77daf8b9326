//! What a 系统管理员 changes on an account besides its state (issue 20): a password reset to a
//! one-time password, the user's own new password, and the account's roles.

use crate::audit::AuditEntry;
use crate::{StoreError, Tx, on_tx};

/// A password change: who sets it and whether it is a one-time password.
pub struct NewPassword<'a> {
    /// The account's login name.
    pub username: &'a str,
    /// argon2id PHC string.
    pub hash: &'a str,
    /// A one-time password the administrator set: the user must change it at the next login.
    pub one_time: bool,
    /// Who: the administrator (reset) or the user (change).
    pub actor: &'a str,
}

impl Tx {
    /// Replaces the password and lifts the login waits; a reset also ends the account's
    /// sessions. Audited as
    /// `user.reset_password` (one-time) or `user.change_password`.
    pub async fn set_password(&mut self, p: &NewPassword<'_>) -> Result<(), StoreError> {
        let action = if p.one_time {
            "user.reset_password"
        } else {
            "user.change_password"
        };
        let entry = AuditEntry {
            actor: p.actor,
            action,
            entity: "user",
            entity_id: p.username,
            detail: "",
        };
        self.audit(&entry).await?;
        const SQL: &str = "UPDATE users SET password_hash = $1, must_change_password = $2, \
            failed_logins = 0, locked_until = NULL WHERE username = $3";
        let n = on_tx!(self, |c| sqlx::query(SQL)
            .bind(p.hash)
            .bind(i64::from(p.one_time))
            .bind(p.username)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        found(n, p.username)?;
        if p.one_time {
            // A reset is often made because the password leaked: whoever is logged in with the
            // old one is logged out.
            const END: &str =
                "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = $1)";
            on_tx!(self, |c| sqlx::query(END)
                .bind(p.username)
                .execute(c)
                .await
                .map(|_| ()))?;
        }
        Ok(())
    }

    /// Replaces the account's roles (audited as `user.roles` with the new role ids).
    pub async fn set_roles(
        &mut self,
        (user_id, username): (i64, &str),
        roles: &[&str],
        actor: &str,
    ) -> Result<(), StoreError> {
        let detail = roles.join(",");
        let entry = AuditEntry {
            actor,
            action: "user.roles",
            entity: "user",
            entity_id: username,
            detail: &detail,
        };
        self.audit(&entry).await?;
        const CLEAR: &str = "DELETE FROM user_roles WHERE user_id = $1";
        on_tx!(self, |c| sqlx::query(CLEAR)
            .bind(user_id)
            .execute(c)
            .await
            .map(|_| ()))?;
        for role in roles {
            const ADD: &str = "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)";
            on_tx!(self, |c| sqlx::query(ADD)
                .bind(user_id)
                .bind(*role)
                .execute(c)
                .await
                .map(|_| ()))?;
        }
        Ok(())
    }
}

fn found(rows: u64, username: &str) -> Result<(), StoreError> {
    match rows {
        0 => Err(StoreError::NotFound {
            what: "用户",
            key: username.to_string(),
        }),
        _ => Ok(()),
    }
}
