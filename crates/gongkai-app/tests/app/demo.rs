//! `serve --demo` (issues 6 and 7): a living portal, and the seed report's tables from the data.

use crate::support::app_on;
use gongkai_domain::check::{Severity, check};
use gongkai_store::testing;

#[tokio::test]
async fn the_demo_town_generates_the_seed_reports_tables() {
    let app = app_on(&testing::sqlite_url("demo")).await;
    app.clock().set(1_767_578_400_000); // 2026-01-05
    let users = app.seed_demo().await.unwrap();
    assert_eq!(users.len(), 6);
    let town = app
        .store()
        .agencies()
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.name == "新乡县七里营镇人民政府")
        .unwrap();
    let computed = app.compute_report(town.id, 2025).await.unwrap();
    let seed = gongkai_report::parse(include_bytes!(
        "../../../../test_data/reports/qiliying-zhen-2025.txt"
    ))
    .report;
    for (ours, theirs) in [
        (&computed.applications, &seed.applications),
        (&computed.appeals, &seed.appeals),
        (&computed.proactive, &seed.proactive),
    ] {
        let (ours, theirs) = (ours.as_ref().unwrap(), theirs.as_ref().unwrap());
        for (row, col, cell) in theirs.iter() {
            if let Some(v) = cell.value() {
                assert_eq!(ours.value(row, col), Some(v), "row {row} col {col}");
            }
        }
    }
    let overview = &computed.sections[0].text;
    assert!(overview.contains("累计主动公开政府信息52条"), "{overview}");
    assert!(overview.contains("未收到政府信息公开申请"), "{overview}");
    let errors: Vec<_> = check(&computed, None)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}
