//! Issue 19: the public catalogue and the console's lists read through an index on both
//! databases; a plan that scans the whole `items` or `applications` table (a million rows on a
//! province's platform) fails here.

use crate::support::each_backend;
use gongkai_store::testing::{plan, planned_queries};

/// Whether a plan step reads a whole table: SQLite's `SCAN t` without an index, PostgreSQL's
/// `Seq Scan on t` (priced out, so chosen only when no index can serve).
fn full_scan(step: &str) -> bool {
    let sqlite = step.starts_with("SCAN ") && !step.contains("USING");
    let pg = step.contains("Seq Scan on items") || step.contains("Seq Scan on applications");
    let big = ["items", " i", " p", "applications"]
        .iter()
        .any(|t| step.contains(t));
    (sqlite && big) || pg
}

#[tokio::test]
async fn issue19_list_queries_use_an_index_on_both_databases() {
    for db in each_backend("plans").await {
        for (name, sql, args) in planned_queries() {
            let steps = plan(&db.store, sql, &args).await;
            let scans: Vec<&String> = steps.iter().filter(|s| full_scan(s)).collect();
            assert!(scans.is_empty(), "{name} ({}): {steps:#?}", db.url);
        }
    }
}

#[test]
fn a_full_scan_is_recognised_in_either_plan_language() {
    assert!(full_scan("SCAN i"));
    assert!(full_scan("SCAN applications"));
    assert!(!full_scan(
        "SEARCH i USING INDEX items_catalogue (agency_id=?)"
    ));
    assert!(!full_scan("SCAN a USING INTEGER PRIMARY KEY"));
    assert!(full_scan(
        "  ->  Seq Scan on items i  (cost=10000000000.00..10000000001.01 rows=1 width=8)"
    ));
    assert!(!full_scan(
        "Index Scan using items_catalogue on items p  (cost=0.15..8.17 rows=1 width=8)"
    ));
}
