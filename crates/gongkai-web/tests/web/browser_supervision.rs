//! Issue 16 in Chromium: the county's supervisor sees a town's overdue case on the dashboard,
//! issues a 整改通知 from that finding (the form filled in), the town's registrar answers with
//! an evidence file, the supervisor accepts and reads the file; a citizen rates an answer
//! 不满意 and the follow-up appears for the town.

use crate::browser::{browser, choose, driver, fill, login, logout, serve, submit, text};
use crate::support::{TestApp, application};
use fantoccini::Locator;
use gongkai_domain::clock::{Channel, Date, Event, Outcome};

#[tokio::test]
async fn issue16_the_supervisor_issues_a_notice_the_town_answers_and_a_citizen_rates_in_chromium() {
    let Some((_driver, driver_port)) = driver().await else {
        return;
    };
    let t = TestApp::new("browser_supervision").await;
    let county = t.app.agencies().await.unwrap()[0].id;
    t.staff(county, "xian-", "县政务公开办").await;
    let registrar = t.app.actor("registrar").await.unwrap();
    let late = Date::parse("2025-04-01").unwrap();
    t.app
        .register_case(&registrar, &application("赵六"), Channel::InPerson, late)
        .await
        .unwrap();
    let r = t
        .app
        .apply_online(registrar.agency_id, &application("钱七"))
        .await
        .unwrap();
    let today = t.app.today();
    for e in [
        Event::Confirmed { on: today },
        Event::Answered {
            on: today,
            outcome: Outcome::Granted,
        },
    ] {
        t.app.record_event(&registrar, r.id, e, "").await.unwrap();
    }
    let (base, server) = serve(&t).await;
    let c = browser(driver_port).await;

    login(&c, &base, "xian-supervisor").await;
    c.goto(&format!("{base}/console/overview")).await.unwrap();
    let mut flagged = Vec::new();
    for row in c
        .find_all(Locator::Css("#overview tbody tr.overdue"))
        .await
        .unwrap()
    {
        flagged.push(row.text().await.unwrap());
    }
    let town = flagged
        .iter()
        .find(|r| r.starts_with("新乡县七里营镇人民政府"));
    let town = town.unwrap_or_else(|| panic!("{flagged:?}"));
    assert!(town.contains(" 1 "), "the overdue case counts: {town}");
    let finding = "#overview tbody tr.overdue a.issue-finding";
    let links = c.find_all(Locator::Css(finding)).await.unwrap();
    let mut from_town = None;
    for link in links {
        let href = link.attr("href").await.unwrap().unwrap_or_default();
        if href.contains("11410721MB1C75730P") && link.text().await.unwrap() == "超期申请" {
            from_town = Some(link);
        }
    }
    from_town
        .expect("the town's overdue finding")
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#issue-notice"))
        .await
        .unwrap();
    let basis = c.find(Locator::Css("#basis")).await.unwrap();
    let basis = basis.prop("value").await.unwrap().unwrap_or_default();
    assert!(
        basis.ends_with("第三十三条"),
        "filled in from the finding: {basis}"
    );
    submit(&c, "#issue-notice", "#message").await;
    logout(&c).await;

    login(&c, &base, "registrar").await;
    c.goto(&format!("{base}/console/zhenggai")).await.unwrap();
    fill(
        &c,
        "form.answer textarea",
        "已答复申请人，并对承办人进行提醒",
    )
    .await;
    let evidence = std::env::temp_dir().join(format!("整改佐证-{}.pdf", std::process::id()));
    std::fs::write(&evidence, b"%PDF-1.4\n% evidence\n").unwrap();
    fill(
        &c,
        "form.answer input[type=file]",
        &evidence.to_string_lossy(),
    )
    .await;
    submit(&c, "form.answer", "#message").await;
    std::fs::remove_file(&evidence).unwrap();
    logout(&c).await;

    login(&c, &base, "xian-supervisor").await;
    c.goto(&format!("{base}/console/zhenggai")).await.unwrap();
    choose(&c, "form.review button[value='accept']").await;
    c.wait()
        .for_element(Locator::Css("#message"))
        .await
        .unwrap();
    assert_eq!(text(&c, "#notices .state").await, "已验收");
    let file = text(&c, "#notices ul.evidence a").await;
    assert!(file.starts_with("佐证材料：整改佐证-"), "{file}");
    logout(&c).await;

    c.goto(&format!("{base}/ysqgk/chaxun")).await.unwrap();
    fill(&c, "#code", &r.code).await;
    fill(&c, "#password", &r.password).await;
    submit(&c, "#track", "#rate-answer").await;
    fill(&c, "#rate-password", &r.password).await;
    choose(&c, "#rate-answer input[value='2']").await;
    fill(&c, "#rate-comment", "答复太简单，没有说明如何获取").await;
    submit(&c, "#rate-answer", "#message").await;
    assert_eq!(text(&c, "#message").await, "感谢您的评价。");

    login(&c, &base, "registrar").await;
    c.goto(&format!("{base}/console/ratings")).await.unwrap();
    let follow_up = text(&c, "#follow-ups tbody tr").await;
    assert!(follow_up.contains("答复太简单"), "{follow_up}");

    c.close().await.unwrap();
    server.abort();
}
