//! Issue 14: the audit log page and 督查概览 do not grow with the data: the audit page reads
//! one page of rows (and verifies the chain in one streamed query), the overview reads the
//! subtree's agencies and its items' facts in two queries, whatever the number of agencies.

use crate::support::{PASSWORD, each_backend};
use gongkai_app::auth::UserInput;
use gongkai_app::views::AuditVerdict;
use gongkai_domain::disclosure::Role;
use gongkai_store::agencies::{AgencyKind, NewAgency};
use gongkai_store::audit::AuditEntry;

#[tokio::test]
async fn issue14_audit_page_and_overview_with_10000_rows_and_50_agencies() {
    for f in each_backend("scale").await {
        let root = f.admin.agency_id;
        let mut tx = f.app.store().begin().await.unwrap();
        for n in 0..50 {
            let code = format!("1141072100000{n:04}X");
            let name = format!("测试部门{n}");
            let a = NewAgency {
                parent_id: Some(root),
                code: &code,
                name: &name,
                level: "乡级",
                kind: AgencyKind::Department,
            };
            tx.insert_agency(&a, "test").await.unwrap();
        }
        tx.commit().await.unwrap();
        let scope = gongkai_store::audit::AuditScope {
            agency_id: Some(root),
            client: "10.0.0.1".into(),
        };
        let mut tx = f.app.store().begin().await.unwrap().scoped(scope);
        for n in 0..10_000 {
            let id = n.to_string();
            let e = AuditEntry {
                actor: "keshi",
                action: "item.edit",
                entity: "item",
                entity_id: &id,
                detail: "",
            };
            tx.audit(&e).await.unwrap();
        }
        tx.commit().await.unwrap();
        for (name, role) in [("shenji", Role::Auditor), ("ducha", Role::Supervisor)] {
            let u = UserInput {
                username: name.into(),
                display_name: name.into(),
                password: PASSWORD.into(),
                roles: vec![role],
                agency_id: Some(root),
            };
            f.app.create_user(None, &u).await.unwrap();
        }
        let auditor = f.app.actor("shenji").await.unwrap();
        let page = f.app.audit_page(&auditor, None).await.unwrap();
        assert_eq!(
            page.lines.len(),
            gongkai_app::audit_log::AUDIT_PAGE as usize
        );
        assert!(
            matches!(page.verdict, AuditVerdict::Intact { rows } if rows > 10_000),
            "{:?}",
            page.verdict
        );
        let older = f.app.audit_page(&auditor, page.older).await.unwrap();
        assert!(older.lines[0].seq < page.lines.last().unwrap().seq);
        assert_eq!(page.lines[0].client, "");
        let supervisor = f.app.actor("ducha").await.unwrap();
        let rows = f.app.overview(&supervisor).await.unwrap();
        assert_eq!(rows.len(), 51);
        assert_eq!(rows[0].agency, "新乡县七里营镇人民政府");
    }
}
