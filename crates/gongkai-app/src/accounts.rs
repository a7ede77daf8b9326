//! Issue 20: the 系统管理员 resets a password to a one-time password (shown once, to be changed
//! at the next login) and changes an account's roles within 三员分立; every user changes their
//! own password.

use crate::auth::{
    Actor, MAX_PASSWORD_CHARS, check_password_policy, hash_password, random_token, verify_password,
};
use crate::{App, AppError};
use gongkai_domain::disclosure::{Role, check_grant_by_admin};
use gongkai_store::user_admin::NewPassword;

/// Characters of a one-time password: no 0/O, 1/l/I, which are read wrong off a screen.
const OTP_LETTERS: &[u8] = b"abcdefghjkmnpqrstuvwxyz";
const OTP_DIGITS: &[u8] = b"23456789";

/// A one-time password: 12 characters, letters and digits alternating in pairs, so that it
/// meets the password policy.
fn one_time_password() -> Result<String, AppError> {
    let token = random_token()?;
    let bytes: Vec<u8> = (0..12)
        .filter_map(|i| u8::from_str_radix(token.get(2 * i..2 * i + 2)?, 16).ok())
        .collect();
    let pick = |i: usize, b: u8| {
        let set = if (i / 2).is_multiple_of(2) {
            OTP_LETTERS
        } else {
            OTP_DIGITS
        };
        char::from(set[usize::from(b) % set.len()])
    };
    Ok(bytes
        .into_iter()
        .enumerate()
        .map(|(i, b)| pick(i, b))
        .collect())
}

impl App {
    /// Resets the password of an account of the administrator's agency to a one-time password,
    /// returned to be shown once; the user must choose a new one at the next login. The login
    /// waits are lifted. Not for the administrator's own account (they change it themselves).
    pub async fn reset_password(&self, by: &Actor, username: &str) -> Result<String, AppError> {
        let user = self.managed_user(by, username).await?;
        if user.id == by.user_id {
            return Err(AppError::NotNow(
                "不能重置自己的密码，请用“修改密码”".into(),
            ));
        }
        let password = one_time_password()?;
        let hash = hash_password(&password).await?;
        let mut tx = self.begin_as(by).await?;
        let change = NewPassword {
            username: &user.username,
            hash: &hash,
            one_time: true,
            actor: &by.username,
        };
        tx.set_password(&change).await?;
        tx.commit().await?;
        Ok(password)
    }

    /// The user's own new password, after the current one (ends a one-time password).
    pub async fn change_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
    ) -> Result<(), AppError> {
        let user = self.store.user(actor.user_id).await?;
        let user = user.ok_or(AppError::NotLoggedIn)?;
        if !verify_password(current, &user.password_hash).await? {
            return Err(AppError::Invalid("当前密码不正确".into()));
        }
        check_password_policy(new)?;
        if new.chars().count() > MAX_PASSWORD_CHARS {
            return Err(AppError::Invalid(format!(
                "密码不超过 {MAX_PASSWORD_CHARS} 位"
            )));
        }
        if new == current {
            return Err(AppError::Invalid("新密码不能与当前密码相同".into()));
        }
        let hash = hash_password(new).await?;
        let mut tx = self.begin_as(actor).await?;
        let change = NewPassword {
            username: &user.username,
            hash: &hash,
            one_time: false,
            actor: &actor.username,
        };
        tx.set_password(&change).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the roles of an account of the administrator's agency, within 三员分立: the
    /// administrator grants the working roles only, never 系统管理员 or 安全审计员, does not
    /// change an administrator's or auditor's account, and not their own.
    pub async fn set_roles(
        &self,
        by: &Actor,
        username: &str,
        roles: &[Role],
    ) -> Result<(), AppError> {
        let user = self.managed_user(by, username).await?;
        if user.id == by.user_id {
            return Err(AppError::NotNow("不能修改自己的角色".into()));
        }
        if roles.is_empty() {
            return Err(AppError::Missing("请至少选择一个角色".into()));
        }
        check_grant_by_admin(roles)?;
        let held: Vec<Role> = self
            .store
            .roles_of(user.id)
            .await?
            .iter()
            .filter_map(|r| Role::parse(r).ok())
            .collect();
        check_grant_by_admin(&held)?;
        let ids: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        let mut tx = self.begin_as(by).await?;
        tx.set_roles((user.id, &user.username), &ids, &by.username)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_time_passwords_meet_the_policy_and_avoid_look_alikes() {
        for _ in 0..50 {
            let p = one_time_password().unwrap_or_default();
            assert_eq!(p.chars().count(), 12);
            assert!(check_password_policy(&p).is_ok(), "{p}");
            assert!(!p.contains(['0', '1', 'l', 'o', 'i']), "{p}");
        }
    }
}
