//! Issue 20: a password reset and a role change, on both backends.

use crate::support::{each_backend, town};
use gongkai_store::user_admin::NewPassword;
use gongkai_store::users::NewUser;

#[tokio::test]
async fn a_one_time_password_is_marked_until_the_user_sets_their_own_and_roles_are_replaced() {
    for db in each_backend("accounts").await {
        let agency = town(&db.store).await;
        let mut tx = db.store.begin().await.expect("begin");
        let user = NewUser {
            agency_id: agency,
            username: "keshi",
            display_name: "张华",
            password_hash: "old",
            roles: &["drafter"],
        };
        let id = tx.insert_user(&user, "system").await.expect("user");
        let reset = NewPassword {
            username: "keshi",
            hash: "one-time",
            one_time: true,
            actor: "admin",
        };
        tx.set_password(&reset).await.expect("reset");
        tx.set_roles((id, "keshi"), &["drafter", "registrar"], "admin")
            .await
            .expect("roles");
        tx.commit().await.expect("commit");
        let stored = db.store.user(id).await.expect("read").expect("user");
        assert!(stored.must_change_password, "{:?}", db.backend());
        assert_eq!(stored.password_hash, "one-time");
        let roles = db.store.roles_of(id).await.expect("roles");
        assert_eq!(roles, ["drafter", "registrar"]);
        let mut tx = db.store.begin().await.expect("begin");
        let own = NewPassword {
            hash: "own",
            one_time: false,
            actor: "keshi",
            ..reset
        };
        tx.set_password(&own).await.expect("change");
        tx.commit().await.expect("commit");
        let stored = db.store.user(id).await.expect("read").expect("user");
        assert!(!stored.must_change_password);
    }
}
