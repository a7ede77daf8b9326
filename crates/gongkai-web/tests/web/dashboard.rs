//! Issue 16: the supervisor's dashboard page, its sorting and its exports.

use crate::support::{PUBLISHED, TestApp, application};
use axum::http::{StatusCode, header};
use gongkai_domain::clock::Channel;
use gongkai_domain::disclosure::Role;

#[tokio::test]
async fn issue16_the_supervisor_sorts_the_dashboard_and_exports_it() {
    let t = TestApp::new("dashboard-page").await;
    let county = t.app.agencies().await.unwrap()[0].id;
    t.staff(county, "xian-", "县政务公开办").await;
    t.department().await;
    t.item("七里营镇公告", "公告。", &PUBLISHED).await;
    let registrar = t.app.actor("registrar").await.unwrap();
    let received = gongkai_domain::clock::Date::parse("2025-04-01").unwrap();
    t.app
        .register_case(
            &registrar,
            &application("王五"),
            Channel::InPerson,
            received,
        )
        .await
        .unwrap();
    let s = t.login_as("xian-supervisor").await;
    let page = t
        .get("/console/overview?sort=overdue&order=desc", Some(&s))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let first = page.texts("#overview tbody tr")[0].clone();
    assert!(first.starts_with("新乡县七里营镇人民政府"), "{first}");
    assert!(!page.texts("#overview tbody tr.overdue").is_empty());
    let names = page.texts("#overview tbody th");
    assert_eq!(names.len(), 3, "{names:?}");
    let by_name = t
        .get("/console/overview?sort=agency&order=asc", Some(&s))
        .await;
    let mut sorted = by_name.texts("#overview tbody th");
    let shown = sorted.clone();
    sorted.sort();
    assert_eq!(shown, sorted);
    let csv = t.get(&page.link("#export-csv"), Some(&s)).await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert!(
        lines[0].starts_with("机关,本年主动公开,本月主动公开"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("新乡县七里营镇人民政府,1,1,"),
        "{}",
        lines[1]
    );
    let xlsx = t.get("/console/overview.xlsx", Some(&s)).await;
    assert!(xlsx.body.starts_with("PK"));
    let kind = xlsx
        .headers
        .get(header::CONTENT_TYPE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let svg = t.get("/console/overview/chart.svg", Some(&s)).await;
    assert_eq!(svg.status, StatusCode::OK);
    assert_eq!(svg.body.matches("class=\"bar\"").count(), 3 * 12);
    let img = scraper::Selector::parse("img#monthly-chart").unwrap();
    let src = page
        .html()
        .select(&img)
        .next()
        .and_then(|e| e.value().attr("src").map(String::from));
    assert_eq!(src.as_deref(), Some("/console/overview/chart.svg"));
    let overdue = t.get("/console/overview/overdue.svg", Some(&s)).await;
    assert_eq!(overdue.body.matches("class=\"bar\"").count(), 3 * 12);
    // Received 2025-04-01, due 04-29 (清明 off, 04-27 a 调休 working day): overdue at the
    // ends of April and May and today (2025-06-03); nothing before it arrived.
    let group = overdue.body.split("<g class=\"agency\">");
    let town = group.filter(|g| g.contains("七里营镇")).collect::<Vec<_>>();
    let bars: Vec<bool> = town[0]
        .split("<rect")
        .skip(1)
        .map(|b| b.contains(" 1 件"))
        .collect();
    let months = [false, false, false, true, true, true];
    assert_eq!(bars, [&months[..], &[false; 6]].concat());
    let finding = page.link("#overview tbody tr.overdue a.issue-finding");
    let form = t.get(&finding, Some(&s)).await;
    assert!(
        form.text("#issue-notice #subject")
            .contains("超过法定期限未答复"),
        "{}",
        form.text("#issue-notice #subject")
    );
    let chosen = form.texts("#agency option[selected]");
    assert_eq!(chosen, ["新乡县七里营镇人民政府"]);
    if let Ok(dir) = std::env::var("GONGKAI_TEST_EXPORTS") {
        let bytes = t.get_bytes("/console/overview.xlsx", Some(&s)).await;
        std::fs::create_dir_all(&dir).unwrap();
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join("overview.xlsx"), bytes).unwrap();
        std::fs::write(dir.join("monthly.svg"), svg.body.as_bytes()).unwrap();
        std::fs::write(dir.join("overdue.svg"), overdue.body.as_bytes()).unwrap();
    }
    let town = page.link("#overview tbody tr th a[href$='11410721MB1C75730P']");
    let detail = t.get(&town, Some(&s)).await;
    assert_eq!(detail.text("#agency-name"), "新乡县七里营镇人民政府");
    let case = detail.text("#cases tbody tr.overdue");
    assert!(
        case.contains("王*") && !detail.body.contains("11010519491231002X"),
        "{case}"
    );
    assert_eq!(detail.texts("#items tbody tr").len(), 1);
    let town_supervisor = t.login(Role::Supervisor).await;
    let county = format!("/console/overview/{}", gongkai_app::testing::COUNTY_CODE);
    let above = t.get(&county, Some(&town_supervisor)).await;
    assert_eq!(
        above.status,
        StatusCode::NOT_FOUND,
        "nothing above the supervisor"
    );
    let clerk = t.login(Role::Registrar).await;
    let refused = t.get("/console/overview.csv", Some(&clerk)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
