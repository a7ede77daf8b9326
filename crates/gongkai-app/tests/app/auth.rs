//! Login, lockout, idle sessions, user administration (issue 6).

use crate::support::{PASSWORD, START_MS, each_backend};
use gongkai_app::AppError;
use gongkai_app::auth::UserInput;
use gongkai_domain::disclosure::Role;

const MINUTE: i64 = 60_000;

#[tokio::test]
async fn five_failed_logins_lock_the_account_for_fifteen_minutes() {
    for f in each_backend("lockout").await {
        for _ in 0..4 {
            assert!(matches!(
                f.app.login("keshi", "wrong").await,
                Err(AppError::BadCredentials)
            ));
        }
        assert!(matches!(
            f.app.login("keshi", "wrong").await,
            Err(AppError::Locked { minutes: 15 })
        ));
        // Even the right password is refused while locked.
        assert!(matches!(
            f.app.login("keshi", PASSWORD).await,
            Err(AppError::Locked { .. })
        ));
        f.app.clock.set(START_MS + 14 * MINUTE);
        assert!(matches!(
            f.app.login("keshi", PASSWORD).await,
            Err(AppError::Locked { minutes: 1 })
        ));
        f.app.clock.set(START_MS + 16 * MINUTE);
        let session = f.app.login("keshi", PASSWORD).await.unwrap();
        assert_eq!(session.actor.roles, vec![Role::Drafter]);
        let actions: Vec<String> = f
            .app
            .store
            .audit_rows(0, 100)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect();
        assert_eq!(
            actions.iter().filter(|a| *a == "user.login_failed").count(),
            4
        );
        assert_eq!(actions.iter().filter(|a| *a == "user.locked").count(), 1);
        assert_eq!(actions.last().map(String::as_str), Some("user.login"));
    }
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes() {
    for f in each_backend("idle").await {
        let s = f.app.login("dzb", PASSWORD).await.unwrap();
        f.app.clock.set(START_MS + 29 * MINUTE);
        let (actor, csrf) = f.app.session(&s.token).await.unwrap();
        assert_eq!((actor.username.as_str(), csrf), ("dzb", s.csrf.clone()));
        // Used at minute 29: alive until minute 59.
        f.app.clock.set(START_MS + 58 * MINUTE);
        assert!(f.app.session(&s.token).await.is_ok());
        f.app.clock.set(START_MS + 89 * MINUTE);
        assert!(matches!(
            f.app.session(&s.token).await,
            Err(AppError::NotLoggedIn)
        ));
        assert!(matches!(
            f.app.session("forged").await,
            Err(AppError::NotLoggedIn)
        ));
    }
}

#[tokio::test]
async fn only_the_admin_manages_users_and_a_disabled_user_cannot_log_in() {
    for f in each_backend("users").await {
        let input = UserInput {
            username: "newclerk".into(),
            display_name: "新科员".into(),
            password: "short".into(),
            roles: vec![Role::Drafter],
            agency_id: None,
        };
        assert!(matches!(
            f.app.create_user(Some(&f.approver), &input).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            f.app.create_user(Some(&f.admin), &input).await,
            Err(AppError::Invalid(_))
        ));
        let input = UserInput {
            password: "abcdef123456".into(),
            ..input
        };
        f.app.create_user(Some(&f.admin), &input).await.unwrap();
        let s = f.app.login("newclerk", "abcdef123456").await.unwrap();
        f.app
            .update_user(&f.admin, "newclerk", Some(false), None)
            .await
            .unwrap();
        assert!(matches!(
            f.app.login("newclerk", "abcdef123456").await,
            Err(AppError::Disabled)
        ));
        assert!(matches!(
            f.app.session(&s.token).await,
            Err(AppError::NotLoggedIn)
        ));
        assert!(f.app.users(&f.admin).await.unwrap().len() == 5);
        assert!(matches!(
            f.app.users(&f.drafter).await,
            Err(AppError::Forbidden)
        ));
    }
}
