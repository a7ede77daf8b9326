//! Issue 20: what citizens and clerks meet, in words: a 404 in the 专栏's own frame with its
//! menu and search, and the audit log in Chinese with the code only as a reference.

use crate::support::TestApp;
use axum::http::StatusCode;
use gongkai_domain::disclosure::Role;

const TOWN: &str = "/11410721MB1C75730P";

#[tokio::test]
async fn issue20_an_unknown_page_is_a_404_with_the_menu_and_search() {
    let t = TestApp::new("not-found").await;
    for path in [format!("{TOWN}/no/such/page"), format!("{TOWN}/xxgk/99999")] {
        let page = t.get(&path, None).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(page.text("#not-found"), "页面不存在", "{path}");
        let links = page.texts("#not-found-links a");
        assert!(
            links.contains(&"法定主动公开内容".to_string()),
            "{path}: {links:?}"
        );
        assert_eq!(
            page.html()
                .select(&scraper::Selector::parse("form[role=search] input[name=q]").unwrap())
                .count(),
            1
        );
        assert!(page.headers.contains_key("x-gongkai-error"));
    }
}

#[tokio::test]
async fn issue20_the_audit_log_names_actions_and_objects_in_chinese() {
    let t = TestApp::new("audit-words").await;
    let _ = t.login(Role::Registrar).await;
    t.item("关于道路维修的公告", "正文", &crate::support::PUBLISHED)
        .await;
    let auditor = t.login(Role::Auditor).await;
    let log = t.get("/console/audit", Some(&auditor)).await;
    let actions = log.texts("#audit td.action");
    assert!(actions.iter().any(|a| a.starts_with("登录")), "{actions:?}");
    assert!(
        actions.iter().any(|a| a.starts_with("审批发布")),
        "{actions:?}"
    );
    let entities = log.texts("#audit td.entity");
    assert!(
        entities.iter().any(|e| e.starts_with("信息 ")),
        "{entities:?}"
    );
    assert!(
        entities
            .iter()
            .all(|e| !e.starts_with("item ") && !e.starts_with("user "))
    );
    let links = log
        .html()
        .select(&scraper::Selector::parse("#audit td.entity a").unwrap())
        .count();
    assert!(links > 0, "an item links to its console page");
}

/// Words of Latin letters (two or more) in what a person reads on a page: text outside
/// code, identifiers and addresses. Abbreviations people know are allowed.
fn latin_words(page: &crate::support::Page) -> Vec<String> {
    // File formats and units people know, and 邮政特快专递.
    const ALLOWED: [&str; 22] = [
        "PDF", "DOCX", "XLSX", "CSV", "JSON", "HTML", "TXT", "JPG", "PNG", "ZIP", "OFD", "API",
        "HTTP", "URL", "ID", "WPS", "Office", "Excel", "Word", "KB", "MB", "EMS",
    ];
    let html = page.html();
    let mut words = Vec::new();
    let skip = ["code", "pre", "script", "style", "kbd", "samp", "title"];
    for node in html.root_element().descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let inside_code = node.ancestors().any(|a| {
            a.value().as_element().is_some_and(|e| {
                skip.contains(&e.name())
                    || e.classes().any(|c| {
                        matches!(
                            c,
                            "code"
                                | "index-no"
                                | "doc-no"
                                | "id-no"
                                | "file-name"
                                | "client"
                                | "url"
                        )
                    })
            })
        });
        if inside_code {
            continue;
        }
        // ASCII runs; an address (web or mail) is not a word.
        for run in text.split(|c: char| c.is_whitespace() || !c.is_ascii()) {
            if run.contains("://") || run.contains("www.") || run.contains('@') {
                continue;
            }
            for word in run.split(|c: char| !c.is_ascii_alphabetic()) {
                if word.len() >= 2 && !ALLOWED.contains(&word) {
                    words.push(word.to_string());
                }
            }
        }
    }
    words
}

/// A page, not a download (a file name, a case's files).
fn is_page(link: &str) -> bool {
    let last = link.rsplit('/').next().unwrap_or_default();
    !last.contains('.') && !link.contains("/files/")
}

/// Issue 20: no internal state, action or code name reaches a person on any public page or
/// any console page of the demo.
#[tokio::test]
async fn issue20_no_internal_latin_words_on_the_demo_pages() {
    let (t, mut users) = TestApp::demo("latin-sweep").await;
    // The town's accounts first; ten logins from one address are what the form allows at once.
    users.sort_by_key(|(name, _)| name.starts_with("xian-"));
    users.truncate(10);
    let mut pages: Vec<(String, Option<String>)> = [
        "/",
        "/search?q=%E5%85%AC%E5%BC%80",
        "/11410721MB1C75730P/",
        "/11410721MB1C75730P/zhinan",
        "/11410721MB1C75730P/zhidu",
        "/11410721MB1C75730P/fdzdgknr",
        "/11410721MB1C75730P/nianbao",
        "/11410721MB1C75730P/ysqgk",
        "/11410721MB1C75730P/search?q=%E5%85%AC%E5%BC%80",
        "/11410721MB1C75730P/no-such-page",
    ]
    .iter()
    .map(|p| (p.to_string(), None))
    .collect();
    let mut found = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (username, password) in &users {
        let s = t.login_with(username, password).await;
        let start = t.get("/console", Some(&s)).await;
        let mut links: Vec<String> = start.links("a[href^='/console']");
        links.push("/console".into());
        for link in links.into_iter().filter(|l| is_page(l)) {
            if seen.insert((username.clone(), link.clone())) {
                pages.push((link, Some(username.clone())));
            }
        }
        // Two levels deep: the console's lists, then the first few cases and items they link.
        for depth in 0..2 {
            let mut next = Vec::new();
            for (path, who) in pages.drain(..) {
                let session = who.as_ref().map(|_| &s);
                let page = t.get(&path, session).await;
                for w in latin_words(&page) {
                    let by = who.clone().unwrap_or_default();
                    found.push(format!("{path}（{by}）：{w}"));
                }
                let deeper = page.links("a[href^='/console/cases/'], a[href^='/console/items/']");
                let deeper = deeper.into_iter().filter(|l| is_page(l)).take(3);
                for link in deeper.filter(|_| depth == 0 && who.is_some()) {
                    if seen.insert((username.clone(), link.clone())) {
                        next.push((link, who.clone()));
                    }
                }
            }
            pages = next;
        }
    }
    found.sort();
    found.dedup();
    assert!(
        found.is_empty(),
        "Latin words on pages:\n{}",
        found.join("\n")
    );
}

/// Issue 20: the console's header names the person and their duty once, without nesting
/// the office inside brackets twice ("李静（党政办）（党政办（登记审核））").
#[tokio::test]
async fn issue20_the_console_header_names_the_duty_once() {
    let (t, users) = TestApp::demo("header").await;
    let (name, password) = users
        .iter()
        .find(|(u, _)| u == "dangzhengban")
        .expect("registrar");
    let s = t.login_with(name, password).await;
    let page = t.get("/console", Some(&s)).await;
    assert_eq!(page.text("#nav-name"), "李静（党政办）");
    assert_eq!(page.text("#nav-roles"), "登记审核");
}

/// Issue 20: the 审批表 lists every flag any version raised and how it was resolved (fixed in
/// a later version, or kept with a reason), every step with its version and opinion, and
/// lines for the reviewers to sign by hand.
#[tokio::test]
async fn issue20_the_approval_sheet_keeps_the_flag_history_and_has_signature_lines() {
    use gongkai_domain::disclosure::Action;
    let t = TestApp::new("sheet-history").await;
    let body = "救助对象王某某，身份证号11010519491231002X，电话13812345678。";
    let id = t.item("临时救助公示", body, &[Action::Submit]).await;
    let registrar = t.app.actor("registrar").await.unwrap();
    let drafter = t.app.actor("drafter").await.unwrap();
    let back = Action::Return {
        reason: "请删除身份证号".into(),
    };
    t.app.act(&registrar, id, &back).await.unwrap();
    let view = t.app.item_view(&drafter, id).await.unwrap();
    let mut fields = view.item.fields.clone();
    fields.body = "救助对象王某某，电话13812345678。".into();
    t.app.edit_item(&drafter, id, &fields).await.unwrap();
    t.app.act(&drafter, id, &Action::Submit).await.unwrap();
    t.app
        .accept_flag(&registrar, id, "mobile:13812345678", "本人同意公开联系电话")
        .await
        .unwrap();
    t.app.act(&registrar, id, &Action::Register).await.unwrap();
    let approver = t.app.actor("approver").await.unwrap();
    t.app.act(&approver, id, &Action::Approve).await.unwrap();
    let r = t.login(Role::Registrar).await;
    let sheet = t
        .get(&format!("/console/items/{id}/shenpibiao"), Some(&r))
        .await;
    let history = sheet.text("#flag-history");
    assert!(
        history.contains("第1版发现）：第2版已修改删除"),
        "{history}"
    );
    assert!(
        history.contains("确认保留，理由：本人同意公开联系电话"),
        "{history}"
    );
    let steps = sheet.texts("#steps tbody tr td:first-child");
    assert_eq!(steps[1], "退回修改（第1版）");
    assert_eq!(steps.last().map(String::as_str), Some("审批发布（第2版）"));
    assert!(
        sheet
            .texts("#signatures th")
            .contains(&"审批人签字".to_string())
    );
}

/// Issue 20: the registrar's start page shows the applications in hand, overdue and due
/// soon first, and links each to its page.
#[tokio::test]
async fn issue20_the_registrars_start_page_shows_the_applications_due() {
    use gongkai_domain::clock::{Channel, Date};
    let t = TestApp::new("start-cases").await;
    let registrar = t.app.actor("registrar").await.unwrap();
    let day = |d: &str| Date::parse(d).unwrap();
    // Two months on, one received in June is overdue, one received this week is not.
    crate::support::set_day(&t, "2025-08-01");
    let old = t
        .app
        .register_case(
            &registrar,
            &crate::support::application("张三"),
            Channel::InPerson,
            day("2025-06-02"),
        )
        .await
        .unwrap();
    t.app
        .register_case(
            &registrar,
            &crate::support::application("李四"),
            Channel::InPerson,
            t.app.today(),
        )
        .await
        .unwrap();
    let r = t.login(Role::Registrar).await;
    let home = t.get("/console", Some(&r)).await;
    assert!(
        home.text("#cases-due h2").contains("办理中 2 件"),
        "{}",
        home.text("#cases-due")
    );
    assert!(
        home.text("#cases-summary").contains("已超期 1 件"),
        "{}",
        home.text("#cases-due")
    );
    let first = home.links("#cases-due tbody a");
    assert_eq!(first.first(), Some(&format!("/console/cases/{}", old.id)));
    let drafter = t.login(Role::Drafter).await;
    let page = t.get("/console", Some(&drafter)).await;
    assert_eq!(
        page.html()
            .select(&scraper::Selector::parse("#cases-due").unwrap())
            .count(),
        0
    );
}

/// Issue 20: switching the 大字版 returns to the page it was switched on, never to another
/// site.
#[tokio::test]
async fn issue20_the_large_text_switch_returns_to_the_page() {
    use axum::body::Body;
    use axum::http::{Request, header};
    let t = TestApp::new("large-back").await;
    let switch = |referer: &'static str| {
        Request::get(format!("{TOWN}/large-text?on=1"))
            .header(header::HOST, "localhost")
            .header(header::REFERER, referer)
            .body(Body::empty())
            .unwrap()
    };
    let here = t
        .send(switch(
            "http://localhost/11410721MB1C75730P/fdzdgknr?page=2",
        ))
        .await;
    assert_eq!(here.status, StatusCode::SEE_OTHER);
    assert_eq!(here.location(), "/11410721MB1C75730P/fdzdgknr?page=2");
    assert!(
        here.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .starts_with("gk_large=1")
    );
    let elsewhere = t.send(switch("http://evil.example/phish")).await;
    assert_eq!(elsewhere.location(), format!("{TOWN}/"));
}

/// Issue 20: 高对比度 is a switch of its own beside the 大字版: it returns to the page, and the
/// pages then carry both choices.
#[tokio::test]
async fn issue20_high_contrast_is_a_switch_of_its_own() {
    use axum::body::Body;
    use axum::http::{Request, header};
    let t = TestApp::new("contrast").await;
    let home = t.get(&format!("{TOWN}/"), None).await;
    assert_eq!(home.text("#contrast-switch"), "高对比度");
    let switch = Request::get(format!("{TOWN}/high-contrast?on=1"))
        .header(header::HOST, "localhost")
        .header(
            header::REFERER,
            "http://localhost/11410721MB1C75730P/zhinan",
        )
        .body(Body::empty())
        .unwrap();
    let back = t.send(switch).await;
    assert_eq!(back.location(), "/11410721MB1C75730P/zhinan");
    let cookie = back.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("gk_contrast=1"), "{cookie}");
    let both = Request::get(format!("{TOWN}/zhinan"))
        .header(header::COOKIE, "gk_contrast=1; gk_large=1")
        .body(Body::empty())
        .unwrap();
    let page = t.send(both).await;
    assert_eq!(
        page.texts("body.large.contrast #contrast-switch"),
        ["标准配色"]
    );
}

/// Issue 20: the catalogue's pager numbers the pages around this one with first and last,
/// and its filters offer only the years and 第二十条 items that have publications.
#[tokio::test]
async fn issue20_numbered_pager_and_filters_with_only_what_exists() {
    let t = TestApp::new("pager").await;
    for n in 0..45 {
        t.item(
            &format!("第{n}号通知"),
            "正文。",
            &crate::support::PUBLISHED,
        )
        .await;
    }
    let page = t.get(&format!("{TOWN}/fdzdgknr?page=2"), None).await;
    let pager = page.texts("#pager a, #pager strong");
    assert_eq!(
        pager,
        ["首页", "上一页", "1", "2", "3", "下一页", "末页"],
        "{pager:?}"
    );
    assert_eq!(page.text("#pager strong"), "2");
    let years = page.texts("#year option");
    assert_eq!(years, ["全部", "2025年"], "only the year with items");
    let articles = page.texts("#article20 option");
    assert_eq!(
        articles.len(),
        2,
        "全部 and the one 第二十条 item used: {articles:?}"
    );
}

/// Issue 20: 主题分类 is chosen from the agency's controlled list, not typed: the form offers
/// the list, a value outside it is refused with the way to change the list, and the
/// administrator's list replaces the default.
#[tokio::test]
async fn issue20_topics_come_from_a_controlled_list_the_admin_configures() {
    let t = TestApp::new("topics").await;
    let d = t.login(Role::Drafter).await;
    let form = t.get("/console/items/new", Some(&d)).await;
    let offered = form.texts("select#topic option");
    assert!(offered.contains(&"社会保障".to_string()), "{offered:?}");
    fn item<'a>(csrf: &'a str, topic: &'a str) -> [(&'a str, &'a str); 6] {
        [
            ("csrf", csrf),
            ("title", "关于秋季秸秆禁烧的通告"),
            ("publisher", "新乡县七里营镇人民政府"),
            ("written_on", "2025-09-16"),
            ("summary", "严禁露天焚烧秸秆。"),
            ("topic", topic),
        ]
    }
    let typed = t
        .post("/console/items", Some(&d), &item(&d.csrf, "秸秆禁烧类"))
        .await;
    assert_eq!(typed.status, StatusCode::BAD_REQUEST);
    let why = typed.text("#form-error");
    assert!(why.contains("不在本机关的主题分类清单中"), "{why}");
    let listed = t
        .post("/console/items", Some(&d), &item(&d.csrf, "生态环境"))
        .await;
    assert_eq!(listed.status, StatusCode::SEE_OTHER);
    let a = t.login(Role::Admin).await;
    let settings = t.get("/console/settings", Some(&a)).await;
    assert!(settings.text("#topics").contains("生态环境"));
    let save = [
        ("csrf", a.csrf.as_str()),
        ("office", "党政办"),
        ("channel", "online"),
        ("topics", "秸秆禁烧类\n其他"),
    ];
    assert_eq!(
        t.post("/console/settings", Some(&a), &save).await.status,
        StatusCode::SEE_OTHER
    );
    let form = t.get("/console/items/new", Some(&d)).await;
    assert_eq!(
        form.texts("select#topic option"),
        ["（未分类）", "秸秆禁烧类", "其他"]
    );
    let now_listed = t
        .post("/console/items", Some(&d), &item(&d.csrf, "秸秆禁烧类"))
        .await;
    assert_eq!(now_listed.status, StatusCode::SEE_OTHER);
}

/// Issue 20: a 保密审查 flag names the field it is in and shows the words around it with the
/// match marked, and the open flags are marked where they stand in the body; an accepted
/// flag is no longer marked in the body.
#[tokio::test]
async fn issue20_flags_are_shown_in_their_context_and_marked_in_the_text() {
    use gongkai_domain::disclosure::Action;
    let t = TestApp::new("flag-context").await;
    let body = "经村民代表会议评议，救助对象王某某，身份证号11010519491231002X，电话13812345678，给予临时救助。";
    let id = t.item("临时救助公示", body, &[Action::Submit]).await;
    let s = t.login(Role::Registrar).await;
    let page = t.get(&format!("/console/items/{id}"), Some(&s)).await;
    let places = page.texts("#flags .flag-where");
    assert_eq!(
        places[0],
        "疑似身份证号码，在正文中：…议评议，救助对象王某某，身份证号11010519491231002X，电话13812345678，给…"
    );
    assert!(
        places[1].ends_with("电话13812345678，给予临时救助。"),
        "{places:?}"
    );
    assert_eq!(
        page.texts("#flags mark"),
        ["11010519491231002X", "13812345678"]
    );
    assert_eq!(
        page.texts("mark.flagged"),
        ["11010519491231002X", "13812345678"]
    );
    let registrar = t.app.actor("registrar").await.unwrap();
    t.app
        .accept_flag(&registrar, id, "mobile:13812345678", "本人同意公开联系电话")
        .await
        .unwrap();
    let page = t.get(&format!("/console/items/{id}"), Some(&s)).await;
    assert_eq!(page.texts("mark.flagged"), ["11010519491231002X"]);
}

/// Issue 20: the approver's start page lists the applications due within five working days
/// that can still be extended, to decide before the deadline (条例第三十三条); the registrar,
/// who cannot approve an extension, is not asked.
#[tokio::test]
async fn issue20_the_approver_is_asked_about_extensions_before_the_deadline() {
    let (t, users) = TestApp::demo("extensions").await;
    let password = |name: &str| users.iter().find(|(u, _)| u == name).unwrap().1.clone();
    let s = t.login_with("lingdao", &password("lingdao")).await;
    let home = t.get("/console", Some(&s)).await;
    let asked = home.texts("#extension-due li");
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert!(asked[0].contains("剩余"), "{asked:?}");
    let s = t
        .login_with("dangzhengban", &password("dangzhengban"))
        .await;
    let home = t.get("/console", Some(&s)).await;
    assert!(home.texts("#extension-due li").is_empty());
}
