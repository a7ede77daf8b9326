//! Issue 14: the app layer owns its API. A value the store cannot decode is an error that names
//! the row, logged for the operator, never read as a default.

use crate::support::TestApp;
use axum::http::StatusCode;
use gongkai_domain::disclosure::{Action, Role};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Everything the log subscriber writes, for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Issue 14: an item whose stored state is not a state gongkai knows makes its page fail with a
/// `Corrupt` error naming table, row and column in the log, not show a 草稿.
#[tokio::test]
async fn issue14_undecodable_state_is_a_logged_corrupt_error_naming_the_row() {
    for url in gongkai_store::testing::each_backend_url("corrupt").await {
        let t = TestApp::on(&url).await;
        let id = t.item("状态损坏测试", "正文", &[Action::Submit]).await;
        let s = t.login(Role::Registrar).await;
        // The schema's CHECK would refuse it: damage the row the way a manual repair that
        // dropped the constraint would.
        let update = format!("UPDATE items SET state = 'bogus' WHERE id = {id};");
        let sql = if url.starts_with("sqlite:") {
            format!(
                "PRAGMA ignore_check_constraints = ON; {update} PRAGMA ignore_check_constraints = OFF;"
            )
        } else {
            format!("ALTER TABLE items DROP CONSTRAINT items_state_check; {update}")
        };
        gongkai_store::testing::execute(t.app.store(), &sql).await;
        let log = Captured::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let page = {
            let _guard = tracing::subscriber::set_default(subscriber);
            t.get(&format!("/console/items/{id}"), Some(&s)).await
        };
        assert_eq!(
            page.status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "{}",
            page.body
        );
        assert!(page.body.contains("事件编号"), "{}", page.body);
        assert!(
            !page.body.contains("草稿"),
            "no silent default: {}",
            page.body
        );
        assert!(!page.body.contains("bogus"), "no database text for people");
        let logged = log.text();
        assert!(logged.contains("store-corrupt"), "{logged}");
        assert!(
            logged.contains(&format!("表 items 第 {id} 行的 state 字段值「bogus」")),
            "{logged}"
        );
    }
}
