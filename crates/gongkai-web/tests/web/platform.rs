//! Issue 15: one platform for the whole county. The platform home and its directory, each
//! agency's own 专栏 under `/{code}/`, the platform search with its agency filter, the old
//! URLs' redirects, 查询码 unique across agencies, and transfers between agencies.

use crate::support::{
    DEPARTMENT_CODE, OTHER_TOWN_CODE, PUBLISHED, TOWN, TestApp, application, enc,
};
use axum::http::StatusCode;
use gongkai_app::settings::AgencySettings;
use gongkai_app::testing::COUNTY_CODE;
use gongkai_domain::disclosure::Role;

/// The county, 七里营镇 and its accounts, 朗公庙镇 and 县民政局 with accounts for every role.
async fn platform(test: &str) -> TestApp {
    let t = TestApp::new(test).await;
    let other = t.second_town().await;
    t.staff(other, "lgm-", "朗公庙镇").await;
    t.department().await;
    t
}

#[tokio::test]
async fn issue15_the_platform_home_lists_every_agency_grouped_with_its_figures() {
    let t = platform("platform-home").await;
    t.item("七里营镇2025年低保公示", "低保名单。", &PUBLISHED)
        .await;
    t.item("七里营镇道路维修公告", "道路维修。", &PUBLISHED)
        .await;
    let home = t.get("/", None).await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(home.text("header h1"), "新乡县 政府信息公开平台");
    let names = home.texts("#directory tbody tr > :first-child");
    assert_eq!(
        names,
        [
            "新乡县人民政府",
            "政府部门",
            "新乡县民政局",
            "乡镇（街道）",
            "新乡县七里营镇人民政府",
            "新乡县朗公庙镇人民政府"
        ]
    );
    let town = home.text("#directory tr.depth-1:nth-child(5)");
    assert!(
        town.contains("2 条") && town.contains("2025-06-03"),
        "{town}"
    );
    let links = home.links("#directory td a");
    assert_eq!(links[0], format!("/{COUNTY_CODE}/"));
    assert!(links.contains(&format!("{TOWN}/")));
    assert!(links.contains(&format!("/{DEPARTMENT_CODE}/")));
    for link in links {
        assert_eq!(t.get(&link, None).await.status, StatusCode::OK, "{link}");
    }
    assert_eq!(home.link("#track-link"), "/ysqgk/chaxun");
}

#[tokio::test]
async fn issue15_each_agency_has_its_own_guide_rules_catalogue_and_reports() {
    let t = platform("own-columns").await;
    let admin = t.app.actor("mz-admin").await.unwrap();
    let s = AgencySettings {
        office: "县民政局办公室".into(),
        phone: "0373-5550000".into(),
        rules: "县民政局政府信息公开保密审查制度。".into(),
        ..AgencySettings::default()
    };
    t.app.save_settings(&admin, &s).await.unwrap();
    t.item("七里营镇低保公示", "名单。", &PUBLISHED).await;
    let guide = t.get(&format!("/{DEPARTMENT_CODE}/zhinan"), None).await;
    assert_eq!(guide.text("main h2"), "新乡县民政局政府信息公开指南");
    assert!(guide.text("#contacts").contains("0373-5550000"));
    assert_eq!(
        guide.text("#platform"),
        "新乡县政府信息公开平台 › 新乡县民政局"
    );
    let rules = t.get(&format!("/{DEPARTMENT_CODE}/zhidu"), None).await;
    assert!(rules.body.contains("县民政局政府信息公开保密审查制度"));
    let town_guide = t.get(&format!("{TOWN}/zhinan"), None).await;
    assert!(!town_guide.text("#contacts").contains("0373-5550000"));
    let menu = guide.links("nav.main a");
    assert!(
        menu.iter()
            .all(|l| l.starts_with(&format!("/{DEPARTMENT_CODE}/"))),
        "{menu:?}"
    );
    let own = t.get(&format!("/{DEPARTMENT_CODE}/fdzdgknr"), None).await;
    assert!(
        own.texts("tbody tr").is_empty(),
        "the department published nothing"
    );
    let town = t.get(&format!("{TOWN}/fdzdgknr"), None).await;
    let item = town.link("tbody tr a");
    assert!(item.starts_with(&format!("{TOWN}/xxgk/")), "{item}");
    let id = item.rsplit('/').next().unwrap();
    let elsewhere = t.get(&format!("/{DEPARTMENT_CODE}/xxgk/{id}"), None).await;
    assert_eq!(
        elsewhere.status,
        StatusCode::NOT_FOUND,
        "the town's item in the department's 专栏"
    );
    let registrar = t.app.actor("registrar").await.unwrap();
    let text = include_bytes!("../../../../test_data/reports/qiliying-zhen-2025.txt");
    t.app
        .publish_report_file(
            registrar.agency_id,
            2025,
            text,
            registrar.user_id,
            "registrar",
        )
        .await
        .unwrap();
    let town_reports = t.get(&format!("{TOWN}/nianbao"), None).await;
    assert_eq!(
        town_reports.links("#reports a"),
        [format!("{TOWN}/nianbao/2025")]
    );
    let county = t.get(&format!("/{COUNTY_CODE}/nianbao"), None).await;
    assert!(county.texts("#reports li").is_empty());
    let missing = t.get(&format!("/{COUNTY_CODE}/nianbao/2025"), None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        t.get("/NOSUCHAGENCY1/zhinan", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        t.get(&format!("{TOWN}/console"), None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn issue15_the_platform_search_covers_every_agency_and_filters_by_one() {
    let t = platform("platform-search").await;
    t.item("七里营镇低保资金公示", "低保资金发放。", &PUBLISHED)
        .await;
    t.item_of(
        "mz-",
        "新乡县民政局",
        "全县低保资金分配公示",
        "低保资金。",
        &PUBLISHED,
    )
    .await;
    t.item_of("mz-", "新乡县民政局", "民政局低保草稿", "低保。", &[])
        .await;
    let q = enc("低保");
    let all = t.get(&format!("/search?q={q}"), None).await;
    assert_eq!(all.text("#total"), "2");
    let agencies = all.texts("#hits .agency");
    assert!(
        agencies.contains(&"新乡县民政局".to_string()),
        "{agencies:?}"
    );
    assert!(agencies.contains(&"新乡县七里营镇人民政府".to_string()));
    assert!(
        all.links("#hits a")
            .iter()
            .any(|l| l.starts_with(&format!("/{DEPARTMENT_CODE}/xxgk/")))
    );
    let one = t
        .get(&format!("/search?q={q}&agency={DEPARTMENT_CODE}"), None)
        .await;
    assert_eq!(one.text("#total"), "1");
    assert_eq!(one.texts("#hits .agency"), ["新乡县民政局"]);
    let own = t.get(&format!("{TOWN}/search?q={q}"), None).await;
    assert_eq!(own.texts("#hits .agency"), ["新乡县七里营镇人民政府"]);
    assert_eq!(own.link("#everywhere"), format!("/search?q={q}"));
    assert!(!all.body.contains("民政局低保草稿"));
    let bad = t
        .get(&format!("/search?q={q}&agency=NOSUCH123"), None)
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn issue15_the_old_single_agency_urls_redirect_permanently() {
    let t = platform("old-urls").await;
    let id = t.item("七里营镇公告", "公告。", &PUBLISHED).await;
    let dept = t
        .item_of("mz-", "新乡县民政局", "民政局公告", "公告。", &PUBLISHED)
        .await;
    for (old, new) in [
        ("/zhinan".to_string(), format!("{TOWN}/zhinan")),
        (
            "/fdzdgknr?page=2&year=2025".into(),
            format!("{TOWN}/fdzdgknr?page=2&year=2025"),
        ),
        ("/nianbao".into(), format!("{TOWN}/nianbao")),
        ("/ysqgk".into(), format!("{TOWN}/ysqgk")),
        (format!("/xxgk/{id}"), format!("{TOWN}/xxgk/{id}")),
        (
            format!("/xxgk/{dept}"),
            format!("/{DEPARTMENT_CODE}/xxgk/{dept}"),
        ),
        ("/nianbao/2/2025".into(), format!("{TOWN}/nianbao/2025")),
        (
            format!("/{DEPARTMENT_CODE}"),
            format!("/{DEPARTMENT_CODE}/"),
        ),
    ] {
        let page = t.get(&old, None).await;
        assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY, "{old}");
        assert_eq!(page.location(), new, "{old}");
    }
    let form = t.post("/ysqgk", None, &[("name", "x")]).await;
    assert_eq!(form.status, StatusCode::PERMANENT_REDIRECT);
    for stays in ["/", "/search", "/ysqgk/chaxun"] {
        assert_eq!(t.get(stays, None).await.status, StatusCode::OK, "{stays}");
    }
}

/// A platform with one agency keeps its 专栏 at `/`.
#[tokio::test]
async fn issue15_a_single_agency_keeps_its_column_at_the_root() {
    let t = TestApp::single("single-agency").await;
    let home = t.get("/", None).await;
    assert_eq!(
        home.text("header h1"),
        "新乡县七里营镇人民政府 政府信息公开专栏"
    );
    assert!(home.links("nav.main a").contains(&"/zhinan".to_string()));
    assert_eq!(t.get("/zhinan", None).await.status, StatusCode::OK);
    assert!(home.texts("#platform").is_empty());
}

#[tokio::test]
async fn issue15_tracking_codes_are_unique_and_work_from_the_platform_home() {
    let t = platform("codes").await;
    let town = t.app.actor("registrar").await.unwrap().agency_id;
    let dept = t.app.actor("mz-registrar").await.unwrap().agency_id;
    let mut codes = std::collections::HashSet::new();
    let mut receipts = Vec::new();
    for i in 0..20 {
        let agency = if i % 2 == 0 { town } else { dept };
        let r = t
            .app
            .apply_online(agency, &application("王五"))
            .await
            .unwrap();
        assert!(codes.insert(r.code.clone()), "{} twice", r.code);
        receipts.push(r);
    }
    let r = &receipts[1];
    let page = t
        .post(
            "/ysqgk/chaxun",
            None,
            &[("code", &r.code), ("password", &r.password)],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.text("#case-agency"), "新乡县民政局");
    let from_town = t
        .post(
            &format!("{TOWN}/ysqgk/chaxun"),
            None,
            &[("code", &r.code), ("password", &r.password)],
        )
        .await;
    assert_eq!(from_town.text("#case-agency"), "新乡县民政局");
}

#[tokio::test]
async fn issue15_an_application_transferred_restarts_at_the_receiving_agency_and_counts_once() {
    let t = platform("transfer").await;
    let form = [
        ("applicant_type", "natural_person"),
        ("name", "赵六"),
        ("id_no", "11010519491231002X"),
        ("contact", "13900000000"),
        ("request", "2025年全县低保资金分配表"),
        ("csrf", ""),
    ];
    let receipt = t.post(&format!("{TOWN}/ysqgk"), None, &form).await;
    let (code, password) = (receipt.text("#code"), receipt.text("#password"));
    let case = t.app.track(&code, &password).await.unwrap().case.id;
    let registrar = t.app.actor("registrar").await.unwrap();
    let confirm = gongkai_domain::clock::Event::Confirmed { on: t.app.today() };
    t.app
        .record_event(&registrar, case, confirm, "")
        .await
        .unwrap();
    t.app.clock().set(crate::support::START_MS + 2 * 86_400_000);
    let town = t.login(Role::Registrar).await;
    let page = t.get(&format!("/console/cases/{case}"), Some(&town)).await;
    assert!(
        page.texts("#to option").iter().any(|o| o == "新乡县民政局"),
        "{}",
        page.body
    );
    let sent = t
        .post(
            &format!("/console/cases/{case}/transfer"),
            Some(&town),
            &[
                ("csrf", &town.csrf),
                ("to", DEPARTMENT_CODE),
                ("note", "该信息由县民政局掌握。"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let gone = t.get(&format!("/console/cases/{case}"), Some(&town)).await;
    assert_eq!(
        gone.status,
        StatusCode::NOT_FOUND,
        "the town no longer has it"
    );
    let dept = t.login_as("mz-registrar").await;
    let there = t.get(&format!("/console/cases/{case}"), Some(&dept)).await;
    assert_eq!(there.status, StatusCode::OK);
    let view = t
        .app
        .case_view(&t.app.actor("mz-registrar").await.unwrap(), case)
        .await
        .unwrap();
    let moved = gongkai_domain::clock::Date::parse("2025-06-05").unwrap();
    assert_eq!(view.status.clock_start, Some(moved));
    assert_eq!(
        view.status.due,
        Some(t.app.calendar().add_working_days(moved, 20).date)
    );
    let tracked = t
        .post(
            "/ysqgk/chaxun",
            None,
            &[("code", &code), ("password", &password)],
        )
        .await;
    assert_eq!(tracked.text("#case-agency"), "新乡县民政局");
    assert!(
        tracked
            .text("#transfers")
            .contains("该信息由县民政局掌握。")
    );
    let new_row = |agency: i64| {
        let app = t.app.clone();
        async move {
            let r = app.compute_report(agency, 2025).await.unwrap();
            let grid = r.applications.expect("table 三");
            let row = gongkai_domain::report::Format::Current2021
                .application_rows()
                .iter()
                .position(|r| r.kind == gongkai_domain::layout::AppRowKind::New)
                .unwrap();
            grid.value(row, 6).and_then(|n| n.to_int()).unwrap_or(-1)
        }
    };
    assert_eq!(
        new_row(registrar.agency_id).await,
        0,
        "the town counts it nowhere"
    );
    assert_eq!(
        new_row(view.case.agency_id).await,
        1,
        "the department counts it once"
    );
    let again = t
        .post(
            &format!("/console/cases/{case}/transfer"),
            Some(&town),
            &[("csrf", &town.csrf), ("to", COUNTY_CODE), ("note", "")],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::NOT_FOUND,
        "only the holder may transfer it"
    );
    let other = t.login_as("lgm-registrar").await;
    let peek = t.get(&format!("/console/cases/{case}"), Some(&other)).await;
    assert_eq!(peek.status, StatusCode::NOT_FOUND);
    let _ = OTHER_TOWN_CODE;
}

#[tokio::test]
async fn issue15_the_platform_administrator_adds_an_agency_with_its_first_administrator() {
    let t = platform("agency-admin").await;
    let county = t.app.agencies().await.unwrap()[0].id;
    t.staff(county, "xian-", "县政府").await;
    let town_admin = t.login(Role::Admin).await;
    assert_eq!(
        t.get("/console/agencies", Some(&town_admin)).await.status,
        StatusCode::FORBIDDEN
    );
    let home = t.get("/console", Some(&town_admin)).await;
    assert!(
        !home
            .links("nav.main a")
            .contains(&"/console/agencies".to_string())
    );
    let admin = t.login_as("xian-admin").await;
    let page = t.get("/console/agencies", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("#agencies tbody tr").len(), 4);
    let form = |code: &'static str, password: &'static str| {
        [
            ("csrf", admin.csrf.as_str()),
            ("code", code),
            ("name", "新乡县财政局"),
            ("level", "县级"),
            ("kind", "department"),
            ("parent", COUNTY_CODE),
            ("admin_username", "cz-admin"),
            ("admin_name", "财政局管理员"),
            ("admin_password", password),
        ]
    };
    let bad = t
        .post(
            "/console/agencies",
            Some(&admin),
            &form("czj", "Abcdef12345"),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text("#form-error").contains("机关代码"));
    assert_eq!(
        bad.html()
            .select(&scraper::Selector::parse("#name").unwrap())
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("新乡县财政局")
    );
    let weak = t
        .post(
            "/console/agencies",
            Some(&admin),
            &form("11410721005570040K", "short"),
        )
        .await;
    assert_eq!(weak.status, StatusCode::BAD_REQUEST);
    assert!(
        t.app
            .directory()
            .await
            .unwrap()
            .by_code("11410721005570040K")
            .is_none(),
        "no agency without its admin"
    );
    let ok = t
        .post(
            "/console/agencies",
            Some(&admin),
            &form("11410721005570040K", crate::support::PASSWORD),
        )
        .await;
    assert_eq!(ok.location(), "/console/agencies?msg=created");
    let new_admin = t.login_as("cz-admin").await;
    let console = t.get("/console/users", Some(&new_admin)).await;
    assert_eq!(console.text("#nav-agency"), "新乡县财政局");
    assert_eq!(console.link("#nav-column"), "/11410721005570040K/");
    assert_eq!(console.texts("#users tbody tr").len(), 1);
    assert_eq!(
        t.get("/console/agencies", Some(&new_admin)).await.status,
        StatusCode::FORBIDDEN
    );
    let column = t.get("/11410721005570040K/", None).await;
    assert_eq!(column.status, StatusCode::OK);
    let dup = t
        .post(
            "/console/agencies",
            Some(&admin),
            &form("11410721005570040K", crate::support::PASSWORD),
        )
        .await;
    assert_eq!(dup.status, StatusCode::BAD_REQUEST);
}

/// A supervisor reads its own subtree in 督查概览: the county's sees every agency, a town's
/// only its town.
#[tokio::test]
async fn issue15_a_supervisor_sees_its_subtree_and_nothing_beside_or_above_it() {
    let t = platform("supervisors").await;
    let county = t.app.agencies().await.unwrap()[0].id;
    t.staff(county, "xian-", "县政务公开办").await;
    let county_view = t.login_as("xian-supervisor").await;
    let all = t.get("/console/overview", Some(&county_view)).await;
    let text = all.body.clone();
    for name in [
        "新乡县民政局",
        "新乡县七里营镇人民政府",
        "新乡县朗公庙镇人民政府",
    ] {
        assert!(text.contains(name), "{name}");
    }
    let town_view = t.login_as("lgm-supervisor").await;
    let one = t.get("/console/overview", Some(&town_view)).await;
    assert!(one.body.contains("新乡县朗公庙镇人民政府"));
    for name in ["新乡县民政局", "新乡县七里营镇人民政府"] {
        assert!(!one.body.contains(name), "{name} beside the town");
    }
}
