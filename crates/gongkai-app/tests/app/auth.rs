//! Login, lockout, idle sessions, user administration (issue 6).

use crate::support::{PASSWORD, START_MS, each_backend};
use gongkai_app::AppError;
use gongkai_app::auth::UserInput;
use gongkai_domain::disclosure::Role;

const MINUTE: i64 = 60_000;

const OFFICE: &str = "10.1.2.3";
const ATTACKER: &str = "203.0.113.9";

#[tokio::test]
async fn issue13_failed_logins_slow_that_address_only_and_never_lock_out_the_owner() {
    for f in each_backend("lockout").await {
        for _ in 0..4 {
            assert!(matches!(
                f.app.login("keshi", "wrong", ATTACKER).await,
                Err(AppError::BadCredentials)
            ));
        }
        assert!(matches!(
            f.app.login("keshi", "wrong", ATTACKER).await,
            Err(AppError::Locked { minutes: 1 })
        ));
        // From the attacker's address even the right password waits ...
        assert!(matches!(
            f.app.login("keshi", PASSWORD, ATTACKER).await,
            Err(AppError::Locked { minutes: 1 })
        ));
        // ... but the owner at the office logs in.
        let session = f.app.login("keshi", PASSWORD, OFFICE).await.unwrap();
        assert_eq!(session.actor.roles, vec![Role::Drafter]);
        // Each further failure after a wait doubles it, up to 15 minutes.
        let mut now = START_MS;
        for minutes in [2, 4, 8, 15, 15] {
            now += 16 * MINUTE;
            f.app.clock().set(now);
            assert!(
                matches!(
                    f.app.login("keshi", "wrong", ATTACKER).await,
                    Err(AppError::Locked { minutes: m }) if m == minutes
                ),
                "expected a wait of {minutes} minutes"
            );
        }
        // After the wait the right password works and the count starts again.
        f.app.clock().set(now + 16 * MINUTE);
        f.app.login("keshi", PASSWORD, ATTACKER).await.unwrap();
        assert!(matches!(
            f.app.login("keshi", "wrong", ATTACKER).await,
            Err(AppError::BadCredentials)
        ));
        let rows = f.app.store().audit_rows(0, 100).await.unwrap();
        let throttled: Vec<_> = rows
            .iter()
            .filter(|r| r.action == "user.throttled")
            .collect();
        assert_eq!(throttled.len(), 6);
        assert!(
            throttled
                .iter()
                .all(|r| r.client == ATTACKER && r.agency_id == Some(f.drafter.agency_id))
        );
        let office = rows.iter().find(|r| r.action == "user.login").unwrap();
        assert_eq!(office.client, OFFICE);
    }
}

#[tokio::test]
async fn issue13_an_unknown_user_name_gets_the_same_answers_as_a_known_one() {
    for f in each_backend("enumeration").await {
        for name in ["keshi", "nobody-here"] {
            let answers: Vec<String> = futures_answers(&f, name).await;
            assert_eq!(
                answers,
                ["用户名或密码错误"; 4]
                    .into_iter()
                    .chain(["连续登录失败次数过多，请于 1 分钟后再试（其他地点的登录不受影响）"; 2])
                    .map(String::from)
                    .collect::<Vec<_>>(),
                "{name}"
            );
        }
    }
}

async fn futures_answers(f: &crate::support::Fixture, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for _ in 0..6 {
        out.push(
            f.app
                .login(name, "wrong", ATTACKER)
                .await
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default(),
        );
    }
    out
}

#[tokio::test]
async fn issue13_the_admin_lifts_the_wait_of_an_account_of_their_agency() {
    for f in each_backend("unlock").await {
        for _ in 0..5 {
            let _ = f.app.login("keshi", "wrong", OFFICE).await;
        }
        assert!(matches!(
            f.app.login("keshi", PASSWORD, OFFICE).await,
            Err(AppError::Locked { .. })
        ));
        assert!(matches!(
            f.app.unlock_user(&f.drafter, "keshi").await,
            Err(AppError::Forbidden)
        ));
        f.app.unlock_user(&f.admin, "keshi").await.unwrap();
        f.app.login("keshi", PASSWORD, OFFICE).await.unwrap();
    }
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes() {
    for f in each_backend("idle").await {
        let s = f.app.login("dzb", PASSWORD, OFFICE).await.unwrap();
        f.app.clock().set(START_MS + 29 * MINUTE);
        let (actor, csrf) = f.app.session(&s.token).await.unwrap();
        assert_eq!((actor.username.as_str(), csrf), ("dzb", s.csrf.clone()));
        // Used at minute 29: alive until minute 59.
        f.app.clock().set(START_MS + 58 * MINUTE);
        assert!(f.app.session(&s.token).await.is_ok());
        f.app.clock().set(START_MS + 89 * MINUTE);
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
        let s = f
            .app
            .login("newclerk", "abcdef123456", OFFICE)
            .await
            .unwrap();
        f.app
            .update_user(&f.admin, "newclerk", Some(false), None)
            .await
            .unwrap();
        assert!(matches!(
            f.app.login("newclerk", "abcdef123456", OFFICE).await,
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

#[tokio::test]
async fn issue13_an_admin_manages_only_their_agency_and_cannot_break_the_separation_of_duties() {
    for f in each_backend("admin-scope").await {
        let other = crate::support::second_town(&f).await;
        let other_admin = f.app.actor("other-admin").await.unwrap();
        // Another town's admin sees none of our accounts and can touch none of them.
        let seen: Vec<String> = f
            .app
            .users(&other_admin)
            .await
            .unwrap()
            .into_iter()
            .map(|(u, _)| u.username)
            .collect();
        assert_eq!(seen, vec!["other-admin".to_string()]);
        for result in [
            f.app
                .update_user(&other_admin, "lingdao", Some(false), None)
                .await,
            f.app
                .update_user(&other_admin, "lingdao", None, Some("newpassword123"))
                .await,
            f.app.unlock_user(&other_admin, "lingdao").await,
        ] {
            assert!(matches!(result, Err(AppError::NotFound(_))), "{result:?}");
        }
        f.app.login("lingdao", PASSWORD, OFFICE).await.unwrap();
        let into_ours = UserInput {
            username: "planted".into(),
            display_name: "外来账号".into(),
            password: "abcdef123456".into(),
            roles: vec![Role::Drafter],
            agency_id: Some(f.admin.agency_id),
        };
        assert!(matches!(
            f.app.create_user(Some(&other_admin), &into_ours).await,
            Err(AppError::Forbidden)
        ));
        // 三员分立: no admin or auditor account from the console, no two of the three roles.
        for roles in [
            vec![Role::Auditor],
            vec![Role::Admin],
            vec![Role::Approver, Role::Auditor],
        ] {
            let input = UserInput {
                roles: roles.clone(),
                agency_id: None,
                username: "second".into(),
                ..into_ours.clone()
            };
            let err = f.app.create_user(Some(&f.admin), &input).await.unwrap_err();
            assert!(matches!(err, AppError::Grant(_)), "{roles:?}: {err:?}");
        }
        let both = UserInput {
            roles: vec![Role::Admin, Role::Approver],
            agency_id: Some(other),
            username: "both".into(),
            ..into_ours.clone()
        };
        assert!(matches!(
            f.app.create_user(None, &both).await,
            Err(AppError::Grant(_))
        ));
    }
}
