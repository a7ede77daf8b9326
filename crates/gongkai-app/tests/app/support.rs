//! An app on a fresh database of each backend, with the town and one user per role.

use gongkai_app::auth::{Actor, UserInput};
use gongkai_app::{App, Clock};
use gongkai_domain::disclosure::Action;
use gongkai_domain::disclosure::Role;
use gongkai_search::SearchIndex;
use gongkai_store::Store;
use gongkai_store::agencies::{AgencyKind, NewAgency};
use gongkai_store::items::ItemFields;
use gongkai_store::testing;

pub const PASSWORD: &str = gongkai_app::testing::PASSWORD;
/// 2025-06-03 10:00 China time.
pub const START_MS: i64 = 1_748_916_000_000;

pub struct Fixture {
    pub app: App,
    pub url: String,
    pub drafter: Actor,
    pub registrar: Actor,
    pub approver: Actor,
    pub admin: Actor,
}

/// An app on `url` with its own in-memory index and a clock standing at [`START_MS`].
pub async fn app_on(url: &str) -> App {
    let store = Store::open(url).await.expect("open store");
    let mut app = App::new(store, SearchIndex::in_memory().expect("index"));
    app = app.with_clock(Clock::fixed(START_MS));
    app
}

pub async fn fixture_on(url: String) -> Fixture {
    let app = app_on(&url).await;
    let (_, agency) = gongkai_app::testing::qiliying(&app, false)
        .await
        .expect("agency");
    let accounts = [
        ("keshi", Role::Drafter),
        ("dzb", Role::Registrar),
        ("lingdao", Role::Approver),
        ("admin", Role::Admin),
    ];
    let display = |name: &str, role: Role| format!("{name}（{}）", role.label());
    gongkai_app::testing::users(&app, agency, &accounts, display)
        .await
        .expect("users");
    let mut actors = Vec::new();
    for (name, _) in accounts {
        actors.push(app.actor(name).await.expect("actor"));
    }
    let [drafter, registrar, approver, admin] = actors.try_into().expect("four");
    Fixture {
        app,
        url,
        drafter,
        registrar,
        approver,
        admin,
    }
}

/// A fresh fixture on each backend.
pub async fn each_backend(test: &str) -> Vec<Fixture> {
    let mut out = Vec::new();
    for url in testing::each_backend_url(test).await {
        out.push(fixture_on(url).await);
    }
    out
}

pub fn fields(title: &str, body: &str) -> ItemFields {
    ItemFields {
        title: title.into(),
        summary: "测试用内容概述。".into(),
        body: body.into(),
        publisher: "新乡县七里营镇人民政府".into(),
        topic: "综合政务".into(),
        written_on: gongkai_domain::clock::Date::parse("2025-06-02").ok(),
        article20_item: Some(15),
        ..ItemFields::default()
    }
}

/// Takes a draft through submission, registration and approval.
pub async fn publish(f: &Fixture, id: i64) {
    f.app.act(&f.drafter, id, &Action::Submit).await.unwrap();
    f.app
        .act(&f.registrar, id, &Action::Register)
        .await
        .unwrap();
    f.app.act(&f.approver, id, &Action::Approve).await.unwrap();
}

/// A second town with its own administrator `other-admin`; returns its id.
pub async fn second_town(f: &Fixture) -> i64 {
    let mut tx = f.app.store().begin().await.expect("begin");
    let town = NewAgency {
        parent_id: None,
        code: "11410721MB1C75999X",
        name: "新乡县朗公庙镇人民政府",
        level: "乡级",
        kind: AgencyKind::Government,
    };
    let town = tx.insert_agency(&town, "test").await.expect("agency");
    tx.commit().await.expect("commit");
    let input = UserInput {
        username: "other-admin".into(),
        display_name: "朗公庙镇管理员".into(),
        password: PASSWORD.into(),
        roles: vec![Role::Admin],
        agency_id: Some(town),
    };
    f.app.create_user(None, &input).await.expect("user");
    town
}

/// An application as a citizen fills it in online.
pub fn application_input() -> gongkai_app::cases::ApplicationInput {
    gongkai_app::cases::ApplicationInput {
        applicant_type: Some(gongkai_domain::clock::ApplicantType::NaturalPerson),
        name: "王五".into(),
        id_no: "11010519491231002X".into(),
        contact: "13900000000".into(),
        request: "2025年七里营村道路硬化工程的招标文件".into(),
        provision: "电子邮件".into(),
        ..gongkai_app::cases::ApplicationInput::default()
    }
}

/// Moves the clock to 10:00 China time on `s` (`YYYY-MM-DD`).
pub fn at(app: &App, s: &str) {
    let day = gongkai_domain::clock::Date::parse(s).unwrap();
    let epoch = gongkai_domain::clock::Date::from_ymd(1970, 1, 1)
        .unwrap()
        .days_until(day);
    app.clock()
        .set(i64::from(epoch) * 86_400_000 + 2 * 3_600_000);
}

/// An account of `agency` named `name` with one role and [`PASSWORD`].
pub async fn account(app: &App, agency: i64, name: &str, role: Role) {
    let u = UserInput {
        username: name.into(),
        display_name: name.into(),
        password: PASSWORD.into(),
        roles: vec![role],
        agency_id: Some(agency),
    };
    app.create_user(None, &u).await.unwrap();
}

/// 新乡县 with 七里营镇 and a second town, 朗公庙镇: (county, town, other town).
pub async fn two_towns(app: &App) -> (i64, i64, i64) {
    let (county, town) = gongkai_app::testing::qiliying(app, true).await.unwrap();
    let county = county.unwrap();
    let kind = AgencyKind::Government;
    let code = "11410721MB1C75999X";
    let other = gongkai_app::testing::agency(app, Some(county), code, "朗公庙镇", kind);
    (county, town, other.await.unwrap())
}
