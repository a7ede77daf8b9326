//! Issue 6 acceptance, end to end in headless Chromium (Debian `chromium` + `chromium-driver`,
//! driven over WebDriver): a drafter submits, the registrar and the approver act, the item is
//! published and found through public search. The server is the real router on a real socket.
//!
//! Needs `chromedriver` on PATH; scripts/test installs it and sets `GONGKAI_TEST_E2E_REQUIRED=1`
//! so that a missing browser fails instead of skipping.

use crate::support::{PASSWORD, TestApp};
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub(crate) struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts chromedriver, or `None` (skip) when it is not installed and not required.
pub(crate) async fn driver() -> Option<(Driver, u16)> {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let child = match child {
        Ok(c) => c,
        Err(e) => {
            assert!(
                std::env::var("GONGKAI_TEST_E2E_REQUIRED").is_err(),
                "chromedriver is required: {e}"
            );
            return None;
        }
    };
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Some((Driver(child), port));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start");
}

pub(crate) async fn browser(port: u16) -> Client {
    browser_saving_to(port, None).await
}

/// Chromium's options: headless, quiet, Chinese, a window `width` wide.
pub(crate) fn chrome_options(width: u32) -> serde_json::Value {
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        &format!("--window-size={width},1000"),
        "--lang=zh-CN",
    ];
    serde_json::json!({ "args": args })
}

/// A Chromium session with `options` (`goog:chromeOptions`).
pub(crate) async fn connect(port: u16, options: serde_json::Value) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session")
}

/// A Chromium session; downloads go to `downloads` without asking.
pub(crate) async fn browser_saving_to(port: u16, downloads: Option<&std::path::Path>) -> Client {
    let mut options = chrome_options(1280);
    if let Some(dir) = downloads {
        options["prefs"] = serde_json::json!({
            "download.default_directory": dir,
            "download.prompt_for_download": false,
        });
    }
    connect(port, options).await
}

pub(crate) async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

pub(crate) async fn login(c: &Client, base: &str, user: &str) {
    login_with(c, base, user, PASSWORD).await;
}

/// Logs in through the form with the account's own password.
pub(crate) async fn login_with(c: &Client, base: &str, user: &str, password: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    for (css, text) in [("#username", user), ("#password", password)] {
        let field = c.find(Locator::Css(css)).await.unwrap();
        field.send_keys(text).await.unwrap();
    }
    c.find(Locator::Css("#login button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("form[action='/logout']"))
        .await
        .unwrap_or_else(|e| panic!("{user} logs in: {e}"));
}

pub(crate) async fn logout(c: &Client) {
    c.find(Locator::Css("form[action='/logout'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Css("#login")).await.unwrap();
}

async fn press(c: &Client, item_url: &str, action: &str) {
    c.goto(item_url).await.unwrap();
    let button = format!("#actions button[value='{action}']");
    c.find(Locator::Css(&button))
        .await
        .unwrap_or_else(|e| panic!("{button}: {e}"))
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css("#message"))
        .await
        .unwrap();
}

/// The router on a real socket: its base URL and the server task.
pub(crate) async fn serve(t: &TestApp) -> (String, tokio::task::JoinHandle<std::io::Result<()>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = gongkai_web::router(t.app.clone(), crate::support::config());
    (
        base,
        tokio::spawn(async move { axum::serve(listener, router).await }),
    )
}

pub(crate) async fn fill(c: &Client, css: &str, text: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .send_keys(text)
        .await
        .unwrap();
}

pub(crate) async fn choose(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
}

async fn set_date(c: &Client, id: &str, date: &str) {
    c.execute(
        &format!("document.getElementById('{id}').value = '{date}';"),
        vec![],
    )
    .await
    .unwrap();
}

pub(crate) async fn submit(c: &Client, form: &str, then: &str) {
    choose(c, &format!("{form} button[type=submit]")).await;
    c.wait()
        .for_element(Locator::Css(then))
        .await
        .unwrap_or_else(|e| panic!("{then}: {e}"));
}

async fn track(c: &Client, base: &str, code: &str, password: &str) {
    c.goto(&format!("{base}/ysqgk/chaxun")).await.unwrap();
    fill(c, "#code", code).await;
    fill(c, "#password", password).await;
    submit(c, "#track", "#status").await;
}

/// Waits up to 10 s for the browser to finish saving `name` in `dir`; its bytes.
async fn downloaded(dir: &std::path::Path, name: &str) -> Vec<u8> {
    for _ in 0..100 {
        if let Ok(bytes) = std::fs::read(dir.join(name)) {
            return bytes;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{name} was not downloaded into {}", dir.display());
}

async fn record(c: &Client, case_url: &str, kind: &str, note: &str, outcome: Option<&str>) {
    c.goto(case_url).await.unwrap();
    if let Some(o) = outcome {
        choose(c, &format!("#outcome option[value={o}]")).await;
    }
    set_date(c, "on", "2025-06-03").await;
    fill(c, "#note", note).await;
    choose(c, &format!("#actions button[value={kind}]")).await;
    c.wait()
        .for_element(Locator::Css("#message"))
        .await
        .unwrap_or_else(|e| panic!("{kind}: {e}"));
}

/// Issue 7 acceptance: a citizen applies, staff ask for 补正, the citizen corrects, staff
/// answer, and the citizen reads the 答复书 on the tracking page. Issue 17: staff see the
/// corrected request, answer 部分公开 with the withheld part, its reason and a released file;
/// the citizen reads the reasons and downloads the file with the 查询密码.
#[tokio::test]
async fn a_citizen_applies_corrects_and_reads_the_answer_in_chromium() {
    let Some((_driver, driver_port)) = driver().await else {
        return;
    };
    let t = TestApp::new("browser_apply").await;
    let other = t.second_town().await;
    t.staff(other, "lgm-", "朗公庙镇").await;
    let (base, server) = serve(&t).await;
    let saved = std::env::temp_dir().join(format!("gongkai-e2e-dl-{}", std::process::id()));
    std::fs::create_dir_all(&saved).unwrap();
    let c = browser_saving_to(driver_port, Some(&saved)).await;

    // Issue 15: from the platform home to 七里营镇's 专栏 and its application form.
    c.goto(&format!("{base}/")).await.unwrap();
    assert_eq!(text(&c, "header h1").await, "新乡县 政府信息公开平台");
    c.find(Locator::LinkText("新乡县七里营镇人民政府"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Css("#latest")).await.unwrap();
    c.find(Locator::LinkText("依申请公开"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait().for_element(Locator::Css("#apply")).await.unwrap();
    let form_url = c.current_url().await.unwrap().to_string();
    assert!(
        form_url.ends_with("/11410721MB1C75730P/ysqgk"),
        "{form_url}"
    );
    choose(&c, "#applicant_type option[value=natural_person]").await;
    fill(&c, "#name", "王小明").await;
    fill(&c, "#id_no", "123").await;
    fill(&c, "#contact", "abc").await;
    fill(&c, "#request", "道路工程").await;
    submit(&c, "#apply", "#field-errors").await;
    let problems = c.find_all(Locator::Css("#field-errors li")).await.unwrap();
    assert_eq!(
        problems.len(),
        3,
        "ID, contact and request at once (条例第二十九条)"
    );
    let focused = c.active_element().await.unwrap().attr("id").await.unwrap();
    assert_eq!(
        focused.as_deref(),
        Some("id_no"),
        "the first problem has the focus"
    );
    c.find(Locator::Css("#id_no"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    fill(&c, "#id_no", "11010519491231002X").await;
    c.find(Locator::Css("#contact"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    fill(&c, "#contact", "13812345678").await;
    fill(&c, "#request", "的招标文件").await;
    let dir = std::env::temp_dir().join(format!("gongkai-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scan = dir.join("申请书扫描件.pdf");
    std::fs::write(&scan, b"%PDF-1.4\n% e2e\n").unwrap();
    fill(&c, "#files", scan.to_str().unwrap()).await;
    submit(&c, "#apply", "#code").await;
    let (code, password) = (text(&c, "#code").await, text(&c, "#password").await);

    login(&c, &base, "registrar").await;
    c.goto(&format!("{base}/console/cases")).await.unwrap();
    choose(&c, "#cases a").await;
    c.wait()
        .for_element(Locator::Css("#event-form"))
        .await
        .unwrap();
    let case_url = c
        .current_url()
        .await
        .unwrap()
        .as_str()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(text(&c, "#files li a").await, "申请书扫描件.pdf");
    logout(&c).await;
    login(&c, &base, "lgm-registrar").await;
    c.goto(&case_url).await.unwrap();
    assert_eq!(
        text(&c, "#error-code").await,
        "not-found",
        "another town's registrar"
    );
    c.goto(&format!("{base}/console")).await.unwrap();
    logout(&c).await;
    login(&c, &base, "registrar").await;
    record(&c, &case_url, "confirmed", "", None).await;
    record(
        &c,
        &case_url,
        "correction_requested",
        "请写明是哪个村、哪一年的道路工程",
        None,
    )
    .await;
    logout(&c).await;

    c.goto(&format!("{base}/")).await.unwrap();
    choose(&c, "#track-link").await;
    fill(&c, "#code", &code).await;
    fill(&c, "#password", &password).await;
    submit(&c, "#track", "#status").await;
    assert_eq!(text(&c, "#case-agency").await, "新乡县七里营镇人民政府");
    assert_eq!(text(&c, "#state").await, "待申请人补正");
    assert!(text(&c, ".letter").await.contains("请写明是哪个村"));
    fill(&c, "#correct-password", &password).await;
    fill(&c, "#text", "七里营村2025年道路硬化工程的招标文件").await;
    submit(&c, "#correct", "#status").await;
    assert_eq!(text(&c, "#state").await, "办理中");

    login(&c, &base, "registrar").await;
    c.goto(&case_url).await.unwrap();
    assert!(
        text(&c, "#corrected")
            .await
            .contains("七里营村2025年道路硬化工程的招标文件"),
        "staff see the 补正"
    );
    let released = dir.join("招标文件（已区分处理）.pdf");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(&released, b"%PDF-1.4\n% released\n").unwrap();
    fill(&c, "#release-files", released.to_str().unwrap()).await;
    submit(&c, "#release-form", "#message").await;
    std::fs::remove_dir_all(&dir).unwrap();
    let reason = "投标人名单中的联系电话属于个人信息，依据条例第十五条不予公开";
    record(&c, &case_url, "answered", reason, Some("partial")).await;
    logout(&c).await;

    track(&c, &base, &code, &password).await;
    assert_eq!(text(&c, "#state").await, "已办结");
    assert!(text(&c, "#answer-outcome").await.contains("部分公开"));
    assert_eq!(text(&c, "#answer-reason").await, reason);
    assert!(
        text(&c, "#answer-delivery")
            .await
            .contains("招标文件（已区分处理）.pdf")
    );
    let mut titles = Vec::new();
    for l in c.find_all(Locator::Css(".letter h4")).await.unwrap() {
        titles.push(l.text().await.unwrap());
    }
    assert_eq!(
        titles,
        vec!["政府信息公开申请补正告知书", "政府信息公开申请答复书"]
    );
    let answer = c
        .find_all(Locator::Css(".letter"))
        .await
        .unwrap()
        .pop()
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        answer.contains("《中华人民共和国政府信息公开条例》第三十七条")
            && answer.contains("七里营村2025年道路硬化工程的招标文件")
            && answer.contains(reason)
            && answer.contains("申请行政复议"),
        "{answer}"
    );
    fill(&c, "#download-password", &password).await;
    choose(&c, "#released button[name=sha]").await;
    let bytes = downloaded(&saved, "招标文件（已区分处理）.pdf").await;
    assert_eq!(bytes, b"%PDF-1.4\n% released\n");
    std::fs::remove_dir_all(&saved).unwrap();

    c.close().await.unwrap();
    server.abort();
}

#[tokio::test]
async fn a_drafted_item_is_reviewed_approved_and_found_through_public_search_in_chromium() {
    let Some((_driver, driver_port)) = driver().await else {
        return;
    };
    let t = TestApp::new("browser").await;
    let (base, server) = serve(&t).await;
    let c = browser(driver_port).await;

    login(&c, &base, "drafter").await;
    c.goto(&format!("{base}/console/items/new")).await.unwrap();
    fill(&c, "#title", "七里营镇2025年秋季秸秆禁烧工作通知").await;
    set_date(&c, "written_on", "2025-06-02").await;
    fill(&c, "#summary", "严禁露天焚烧秸秆。").await;
    fill(&c, "#body", "各村要落实网格化巡查，严禁露天焚烧秸秆。").await;
    submit(&c, "#item-form", "#message").await;
    let item_url = c
        .current_url()
        .await
        .unwrap()
        .as_str()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    press(&c, &item_url, "submit").await;
    assert_eq!(text(&c, "#state").await, "待登记审核");
    logout(&c).await;

    login(&c, &base, "registrar").await;
    press(&c, &item_url, "register").await;
    logout(&c).await;
    login(&c, &base, "approver").await;
    press(&c, &item_url, "approve").await;
    assert_eq!(text(&c, "#state").await, "已发布");
    logout(&c).await;

    c.goto(&base).await.unwrap();
    fill(&c, "#q", "秸秆禁烧").await;
    submit(&c, "form[role=search]", "#hits li a").await;
    assert_eq!(text(&c, "#total").await, "1");
    choose(&c, "#hits li a").await;
    c.wait()
        .for_element(Locator::Css("#metadata"))
        .await
        .unwrap();
    assert_eq!(
        text(&c, "#title").await,
        "七里营镇2025年秋季秸秆禁烧工作通知"
    );
    assert!(
        text(&c, "#metadata")
            .await
            .contains("11410721MB1C75730P/2025-00001")
    );

    c.close().await.unwrap();
    server.abort();
}
