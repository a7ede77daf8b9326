//! `TestApp`: the router over a fresh database, driven in-process (no socket) with one login
//! per role; pages are checked with CSS selectors.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use gongkai_app::{App, Clock, testing};
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::{Action, Role};
use gongkai_search::SearchIndex;
use gongkai_store::Store;
use gongkai_store::agencies::AgencyKind;
use gongkai_store::items::ItemFields;
use gongkai_web::{WebConfig, router};
use scraper::{Html, Selector};
use tower::ServiceExt;

pub const PASSWORD: &str = gongkai_app::testing::PASSWORD;
/// 2025-06-03 10:00 China time.
pub const START_MS: i64 = 1_748_916_000_000;

pub struct TestApp {
    pub app: App,
    router: Router,
}

/// A logged-in browser: its cookie and the CSRF token of its forms.
#[derive(Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// Texts of the elements matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).expect("selector");
        self.html()
            .select(&sel)
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    }

    pub fn text(&self, css: &str) -> String {
        self.texts(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {css} in page:\n{}", self.body))
    }

    /// The `href`s of the links matching `css`.
    pub fn links(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).expect("selector");
        self.html()
            .select(&sel)
            .filter_map(|e| e.value().attr("href").map(String::from))
            .collect()
    }

    /// The first link matching `css`.
    pub fn link(&self, css: &str) -> String {
        self.links(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no link {css} in page:\n{}", self.body))
    }

    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }
}

pub fn role_user(role: Role) -> &'static str {
    role.as_str()
}

impl TestApp {
    /// A fresh SQLite database with the town and one user per role (user name = role id).
    pub async fn new(test: &str) -> TestApp {
        TestApp::on(&gongkai_store::testing::sqlite_url(test)).await
    }

    pub async fn on(url: &str) -> TestApp {
        TestApp::seeded(url, true).await
    }

    /// A platform that hosts 七里营镇 alone (its 专栏 at `/`).
    pub async fn single(test: &str) -> TestApp {
        TestApp::seeded(&gongkai_store::testing::sqlite_url(test), false).await
    }

    async fn seeded(url: &str, county: bool) -> TestApp {
        let store = Store::open(url).await.expect("store");
        let mut app = App::new(store, SearchIndex::in_memory().expect("index"));
        app = app.with_clock(Clock::fixed(START_MS));
        let (_, town) = testing::qiliying(&app, county).await.unwrap();
        let accounts: Vec<(&str, Role)> = Role::ALL.iter().map(|r| (role_user(*r), *r)).collect();
        testing::users(&app, town, &accounts, |_, r| format!("测试{}", r.label()))
            .await
            .unwrap();
        let router = router(app.clone(), config());
        TestApp { app, router }
    }

    /// The demo (`serve --demo`'s data), with every demo account and its password.
    /// One account per role of the county and of 七里营镇 (the first the demo lists).
    pub async fn demo(test: &str) -> (TestApp, Vec<(String, String)>) {
        let store = Store::open(&gongkai_store::testing::sqlite_url(test))
            .await
            .expect("store");
        let app = App::new(store, SearchIndex::in_memory().expect("index"))
            .with_clock(Clock::fixed(START_MS));
        let users = app.seed_demo().await.expect("demo");
        app.sync_index().await.expect("index");
        let router = router(app.clone(), config());
        let mut roles = Vec::new();
        let users = users
            .into_iter()
            .filter(|u| {
                let key = (u.role, u.agency.contains("七里营"));
                let first = !roles.contains(&key);
                roles.push(key);
                first
            })
            .map(|u| (u.username, u.password))
            .collect();
        (TestApp { app, router }, users)
    }

    /// The same app served with other settings.
    pub fn with_config(&self, config: WebConfig) -> TestApp {
        TestApp {
            app: self.app.clone(),
            router: router(self.app.clone(), config),
        }
    }

    pub async fn send(&self, req: Request<Body>) -> Page {
        let res = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .expect("body");
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    fn builder(
        method: &str,
        path: &str,
        session: Option<&Session>,
    ) -> axum::http::request::Builder {
        let mut b = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "localhost");
        if let Some(s) = session {
            b = b.header(header::COOKIE, format!("gk_session={}", s.cookie));
        }
        b
    }

    pub async fn get(&self, path: &str, session: Option<&Session>) -> Page {
        self.send(
            Self::builder("GET", path, session)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// The body of a GET as bytes (a download).
    pub async fn get_bytes(&self, path: &str, session: Option<&Session>) -> Vec<u8> {
        let req = Self::builder("GET", path, session).body(Body::empty());
        let res = self
            .router
            .clone()
            .oneshot(req.unwrap())
            .await
            .expect("response");
        let body = axum::body::to_bytes(res.into_body(), usize::MAX).await;
        body.expect("body").to_vec()
    }

    /// POSTs a form as a browser on this site would (Origin = this host).
    pub async fn post(
        &self,
        path: &str,
        session: Option<&Session>,
        fields: &[(&str, &str)],
    ) -> Page {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let req = Self::builder("POST", path, session)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, "http://localhost")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// POSTs a multipart form with one file.
    pub async fn upload(
        &self,
        path: &str,
        session: &Session,
        file_name: &str,
        bytes: &[u8],
    ) -> Page {
        let csrf = [("csrf", session.csrf.as_str())];
        self.multipart(path, Some(session), &csrf, &[("file", file_name, bytes)])
            .await
    }

    /// POSTs a multipart form: fields, then files as (field, file name, bytes).
    pub async fn multipart(
        &self,
        path: &str,
        session: Option<&Session>,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> Page {
        let boundary = "gongkaitestboundary";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").into_bytes());
        }
        for (name, file_name, bytes) in files {
            body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes());
            body.extend(*bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").into_bytes());
        let req = Self::builder("POST", path, session)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::ORIGIN, "http://localhost")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// Logs in through the form; the CSRF token is read from the console's logout form.
    pub async fn login(&self, role: Role) -> Session {
        self.login_as(role_user(role)).await
    }

    /// Logs in as any user with the test password.
    pub async fn login_as(&self, username: &str) -> Session {
        self.login_with(username, PASSWORD).await
    }

    /// Logs in with a user's own password.
    pub async fn login_with(&self, username: &str, password: &str) -> Session {
        let page = self
            .post(
                "/login",
                None,
                &[("username", username), ("password", password)],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "login as {username}: {}",
            page.body
        );
        let set = page
            .headers
            .get(header::SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let cookie = set
            .split(';')
            .next()
            .unwrap()
            .trim_start_matches("gk_session=")
            .to_string();
        let bare = Session {
            cookie: cookie.clone(),
            csrf: String::new(),
        };
        let mut console = self.get("/console", Some(&bare)).await;
        // A one-time password opens only the page that changes it.
        if console.status == StatusCode::SEE_OTHER {
            console = self.get(&console.location(), Some(&bare)).await;
        }
        let sel = Selector::parse("input[name=csrf]").unwrap();
        let csrf = console
            .html()
            .select(&sel)
            .next()
            .and_then(|e| e.value().attr("value"))
            .unwrap()
            .to_string();
        Session { cookie, csrf }
    }

    /// A second town under the county with an admin and an auditor of its own
    /// (`other-admin`, `other-auditor`); returns its id.
    pub async fn second_town(&self) -> i64 {
        let county = self.app.agencies().await.unwrap()[0].id;
        let name = "新乡县朗公庙镇人民政府";
        let kind = AgencyKind::Government;
        let town = testing::agency(&self.app, Some(county), OTHER_TOWN_CODE, name, kind);
        let town = town.await.unwrap();
        let accounts = [
            ("other-admin", Role::Admin),
            ("other-auditor", Role::Auditor),
        ];
        testing::users(&self.app, town, &accounts, |_, r| {
            format!("朗公庙镇{}", r.label())
        })
        .await
        .unwrap();
        town
    }

    /// An item of the town created by the drafter and taken through `steps`.
    pub async fn item(&self, title: &str, body: &str, steps: &[Action]) -> i64 {
        self.item_of("", "新乡县七里营镇人民政府", title, body, steps)
            .await
    }

    /// An item of the agency whose accounts are `{prefix}drafter`, `{prefix}registrar` and
    /// `{prefix}approver`, taken through `steps`.
    pub async fn item_of(
        &self,
        prefix: &str,
        publisher: &str,
        title: &str,
        body: &str,
        steps: &[Action],
    ) -> i64 {
        let actor = |role: &str| {
            let name = format!("{prefix}{role}");
            async move { self.app.actor(&name).await.unwrap() }
        };
        let f = ItemFields {
            title: title.into(),
            summary: "内容概述。".into(),
            body: body.into(),
            publisher: publisher.into(),
            topic: "综合政务".into(),
            written_on: Date::parse("2025-06-02").ok(),
            article20_item: Some(9),
            ..ItemFields::default()
        };
        let id = self
            .app
            .create_item(&actor("drafter").await, &f)
            .await
            .unwrap();
        for step in steps {
            let who = match step {
                Action::Submit | Action::Revise => "drafter",
                Action::Approve => "approver",
                _ => "registrar",
            };
            self.app.act(&actor(who).await, id, step).await.unwrap();
        }
        id
    }

    /// Accounts of `agency` for every role, named `{prefix}{role id}`.
    pub async fn staff(&self, agency: i64, prefix: &str, display: &str) {
        let names: Vec<(String, Role)> = Role::ALL
            .iter()
            .map(|r| (format!("{prefix}{}", r.as_str()), *r))
            .collect();
        let names: Vec<(&str, Role)> = names.iter().map(|(n, r)| (n.as_str(), *r)).collect();
        testing::users(&self.app, agency, &names, |_, r| {
            format!("{display}{}", r.label())
        })
        .await
        .unwrap();
    }

    /// 新乡县民政局 under the county, with accounts `mz-{role}` for every role.
    pub async fn department(&self) -> i64 {
        let county = self.app.agencies().await.unwrap()[0].id;
        let kind = AgencyKind::Department;
        let name = "新乡县民政局";
        let id = testing::agency(&self.app, Some(county), DEPARTMENT_CODE, name, kind);
        let id = id.await.unwrap();
        self.staff(id, "mz-", "民政局").await;
        id
    }
}

/// 新乡县民政局's code (fictional).
pub const DEPARTMENT_CODE: &str = "11410721005570030M";
/// 七里营镇's 专栏.
pub const TOWN: &str = "/11410721MB1C75730P";
/// The other town's (朗公庙镇) code.
pub const OTHER_TOWN_CODE: &str = "11410721MB1C75999X";

/// Percent-encodes a form value.
pub fn enc(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub const PUBLISHED: [Action; 3] = [Action::Submit, Action::Register, Action::Approve];

/// An application as a citizen fills it in.
pub fn application(name: &str) -> gongkai_app::cases::ApplicationInput {
    gongkai_app::cases::ApplicationInput {
        applicant_type: Some(gongkai_domain::clock::ApplicantType::NaturalPerson),
        name: name.into(),
        id_no: "11010519491231002X".into(),
        contact: "13812345678".into(),
        address: "七里营镇七里营村".into(),
        request: "七里营村2025年道路硬化工程招标文件".into(),
        provision: "电子邮件".into(),
        ..Default::default()
    }
}

/// The web settings of tests: the render cache reads the write mark on every request, so a
/// test that writes through the app (not a form) sees its change on the next page.
pub fn config() -> WebConfig {
    WebConfig {
        cache: gongkai_web::CacheConfig {
            check_ms: 0,
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Moves the test's clock to 10:00 China time of `day` (`YYYY-MM-DD`).
pub fn set_day(t: &TestApp, day: &str) {
    let epoch = gongkai_domain::clock::Date::from_ymd(1970, 1, 1).unwrap();
    let days = epoch.days_until(gongkai_domain::clock::Date::parse(day).unwrap());
    t.app
        .clock()
        .set(i64::from(days) * 86_400_000 + 2 * 3_600_000);
}
