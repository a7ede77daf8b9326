//! Issue 6 acceptance: every route × every role (and anonymous) → the expected status.

use crate::support::{PUBLISHED, Session, TestApp};
use axum::http::StatusCode;
use gongkai_domain::disclosure::{Action, Role};
use gongkai_domain::letters::LetterKind;
use gongkai_store::outbox::NewMessage;
use std::collections::HashMap;

enum Kind {
    Get,
    Post(Vec<(&'static str, String)>),
    /// A multipart form: fields, the `file` field's name and bytes.
    Upload(
        &'static [(&'static str, &'static str)],
        &'static str,
        &'static [u8],
    ),
}

fn fields(f: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    f.iter().map(|(k, v)| (*k, v.to_string())).collect()
}

struct Route {
    kind: Kind,
    path: String,
    /// `None`: public, everyone gets 200.
    allowed: Option<&'static [Role]>,
    /// What an allowed POST answers: 303 to a page that says it worked (`?msg=` or the
    /// console), or a page of its own (200, the registration receipt).
    done: StatusCode,
}

impl Route {
    fn answers_with(self, done: StatusCode) -> Route {
        Route { done, ..self }
    }
}

use Role::{
    Admin as AD, Approver as AP, Auditor as AU, Drafter as DR, Registrar as RE, Supervisor as SU,
};

const SEED: &[u8] = include_bytes!("../../../../test_data/reports/qiliying-zhen-2025.txt");
const ALL: &[Role] = &[DR, RE, AP, AD, AU, SU];
const READERS: &[Role] = &[DR, RE, AP];
const APPLY_FORM: &[(&str, &str)] = &[
    ("applicant_type", "natural_person"),
    ("name", "李四"),
    ("id_no", "11010519491231002X"),
    ("contact", "13900000000"),
    ("request", "七里营村2025年道路硬化工程招标文件"),
];
const CASE_FORM: &[(&str, &str)] = &[
    ("channel", "in_person"),
    ("received_on", "2025-06-02"),
    ("applicant_type", "commercial"),
    ("name", "新乡市某建设有限公司"),
    ("id_no", "91350100M000100Y43"),
    ("legal_rep", "张三"),
    ("liaison", "李四"),
    ("contact", "0373-1234567"),
    ("request", "七里营村2025年道路硬化工程招标文件"),
];
const ITEM_FORM: &[(&str, &str)] = &[
    ("title", "矩阵测试草稿"),
    ("publisher", "七里营镇"),
    ("written_on", "2025-06-02"),
    ("summary", "概述"),
];

fn get(path: impl Into<String>, allowed: Option<&'static [Role]>) -> Route {
    Route {
        kind: Kind::Get,
        path: path.into(),
        allowed,
        done: StatusCode::OK,
    }
}

fn post(
    path: impl Into<String>,
    fields: &'static [(&'static str, &'static str)],
    allowed: &'static [Role],
) -> Route {
    Route {
        kind: Kind::Post(self::fields(fields)),
        path: path.into(),
        allowed: Some(allowed),
        done: StatusCode::SEE_OTHER,
    }
}

async fn routes(t: &TestApp) -> Vec<Route> {
    let draft = t.item("草稿", "正文", &[]).await;
    let drafter = t.app.actor("drafter").await.unwrap();
    t.app
        .attach(&drafter, draft, "名单.pdf", b"%PDF-1.7\n")
        .await
        .unwrap();
    let sha = t.app.item_view(&drafter, draft).await.unwrap().attachments[0]
        .sha256
        .clone();
    let to_submit = t.item("待提交", "正文", &[]).await;
    let to_register = t.item("待登记", "正文", &[Action::Submit]).await;
    let to_approve = t
        .item("待审批", "正文", &[Action::Submit, Action::Register])
        .await;
    let flagged = t
        .item("有提示", "联系电话13812345678", &[Action::Submit])
        .await;
    let published = t.item("已公开的通知", "正文", &PUBLISHED).await;
    let mut input = crate::support::application("张三");
    input.files = vec![gongkai_app::cases::Upload {
        file_name: "申请表.pdf".into(),
        bytes: b"%PDF-1.4\n".to_vec(),
    }];
    let receipt = t.app.apply_online(drafter.agency_id, &input).await.unwrap();
    let case = receipt.id;
    let case_file = t.app.store().application_attachments(case).await.unwrap()[0]
        .sha256
        .clone();
    let track = vec![
        ("code", receipt.code.clone()),
        ("password", receipt.password.clone()),
    ];
    let mut r = vec![];
    for p in [
        "/",
        "/11410721MB1C75730P/zhinan",
        "/11410721MB1C75730P/zhidu",
        "/11410721MB1C75730P/fdzdgknr",
        "/11410721MB1C75730P/nianbao",
        "/11410721MB1C75730P/search?q=%E9%80%9A%E7%9F%A5",
        "/api/items",
        "/api/search?q=x",
        "/login",
        "/static/style.css",
        "/healthz",
    ] {
        r.push(get(p, None));
    }
    r.push(get(format!("/11410721MB1C75730P/xxgk/{published}"), None));
    r.push(get("/11410721MB1C75730P/ysqgk", None));
    r.push(get("/ysqgk/chaxun", None));
    r.push(Route {
        kind: Kind::Post(fields(APPLY_FORM)),
        path: "/11410721MB1C75730P/ysqgk".into(),
        allowed: None,
        done: StatusCode::OK,
    });
    r.push(Route {
        kind: Kind::Post(track),
        path: "/ysqgk/chaxun".into(),
        allowed: None,
        done: StatusCode::OK,
    });
    r.push(get("/console/cases", Some(&[RE, AP])));
    r.push(get("/console/cases/new", Some(&[RE])));
    r.push(post("/console/cases", CASE_FORM, &[RE]).answers_with(StatusCode::OK));
    r.push(get(format!("/console/cases/{case}"), Some(&[RE, AP])));
    r.push(post(
        format!("/console/cases/{case}/events"),
        &[("kind", "confirmed"), ("on", "2025-06-03")],
        &[RE],
    ));
    r.push(Route {
        kind: Kind::Upload(&[], "提供的信息.pdf", b"%PDF-1.4\n"),
        path: format!("/console/cases/{case}/released"),
        allowed: Some(&[RE]),
        done: StatusCode::SEE_OTHER,
    });
    let voiding = t
        .app
        .apply_online(drafter.agency_id, &input)
        .await
        .unwrap()
        .id;
    let registrar = t.app.actor("registrar").await.unwrap();
    let on = gongkai_domain::clock::Date::parse("2025-06-03").unwrap();
    let confirmed = gongkai_domain::clock::Event::Confirmed { on };
    t.app
        .record_event(&registrar, voiding, confirmed, "")
        .await
        .unwrap();
    r.push(post(
        format!("/console/cases/{voiding}/void"),
        &[("target", "2"), ("reason", "确认日期记错，应为收到当日")],
        &[AP],
    ));
    r.push(Route {
        kind: Kind::Post(vec![
            ("code", receipt.code.clone()),
            ("password", receipt.password.clone()),
            ("sha", "0".repeat(64)),
        ]),
        path: "/ysqgk/xiazai".into(),
        allowed: None,
        done: StatusCode::OK,
    });
    r.push(Route {
        kind: Kind::Post(vec![
            ("code", receipt.code.clone()),
            ("password", receipt.password.clone()),
            ("pick", "0.pdf".into()),
        ]),
        path: "/ysqgk/wenshu".into(),
        allowed: None,
        done: StatusCode::NOT_FOUND,
    });
    r.push(get("/console", Some(ALL)));
    r.push(get("/console/items/new", Some(&[DR])));
    r.push(post("/console/items", ITEM_FORM, &[DR]));
    r.push(get(format!("/console/items/{draft}"), Some(READERS)));
    r.push(get(format!("/console/items/{draft}/edit"), Some(&[DR])));
    r.push(post(
        format!("/console/items/{draft}/edit"),
        ITEM_FORM,
        &[DR],
    ));
    r.push(Route {
        kind: Kind::Upload(&[], "附件.pdf", b"%PDF-1.4\n"),
        path: format!("/console/items/{draft}/attachments"),
        allowed: Some(&[DR]),
        done: StatusCode::SEE_OTHER,
    });
    r.push(get(
        format!("/console/items/{draft}/shenpibiao"),
        Some(READERS),
    ));
    r.push(get(
        format!("/console/items/{draft}/shenpibiao.docx"),
        Some(READERS),
    ));
    r.push(get(
        format!("/console/items/{draft}/fujian/{sha}"),
        Some(READERS),
    ));
    r.push(post(
        format!("/console/items/{to_submit}/action"),
        &[("action", "submit")],
        &[DR],
    ));
    r.push(post(
        format!("/console/items/{to_register}/action"),
        &[("action", "register")],
        &[RE],
    ));
    r.push(post(
        format!("/console/items/{to_approve}/action"),
        &[("action", "approve")],
        &[AP],
    ));
    r.push(post(
        format!("/console/items/{flagged}/flags"),
        &[("flag", "mobile:13812345678"), ("reason", "单位公开电话")],
        &[RE, AP],
    ));
    let appeal = t
        .app
        .record_appeal(
            &t.app.actor("registrar").await.unwrap(),
            "reconsideration",
            "新县复〔2025〕1号",
            "2025-05-01",
            "",
        )
        .await
        .unwrap();
    r.push(get("/console/appeals", Some(&[RE, AP])));
    r.push(post(
        "/console/appeals",
        &[("kind", "lawsuit_direct"), ("filed_on", "2025-05-02")],
        &[RE],
    ));
    r.push(post(
        format!("/console/appeals/{appeal}"),
        &[("result", "upheld"), ("on", "2025-06-01")],
        &[RE],
    ));
    r.push(get(
        format!("/console/cases/{case}/files/{case_file}"),
        Some(&[RE, AP]),
    ));
    r.push(get("/console/letters", Some(&[RE])));
    r.push(Route {
        kind: Kind::Post(vec![(
            "text",
            LetterKind::Answer.default_template().to_string(),
        )]),
        path: "/console/letters/answer".into(),
        allowed: Some(&[RE]),
        done: StatusCode::SEE_OTHER,
    });
    let message = NewMessage {
        agency_id: drafter.agency_id,
        application_id: Some(case),
        recipient: "zhang@example.com",
        subject: "答复书",
        body: "正文",
    };
    let mut tx = t.app.store().begin().await.unwrap();
    let failed = tx.queue_message(&message, 0).await.unwrap();
    tx.commit().await.unwrap();
    t.app
        .store()
        .message_failed(failed, "连接被拒绝", None)
        .await
        .unwrap();
    r.push(get("/console/outbox", Some(&[RE])));
    r.push(post(format!("/console/outbox/{failed}"), &[], &[RE]));
    r.push(get("/console/report", Some(&[RE, AP])));
    r.push(post(
        "/console/report/inputs",
        &[
            ("year", "2024"),
            ("p.licensing.0", "3"),
            ("problems", "主动公开的及时性有待提高。"),
        ],
        &[RE],
    ));
    r.push(post("/console/report/publish", &[("year", "2024")], &[AP]));
    r.push(get("/console/report/draft.xlsx?year=2025", Some(&[RE, AP])));
    r.push(Route {
        kind: Kind::Upload(&[("year", "2025")], "年报.txt", SEED),
        path: "/console/report/import".into(),
        allowed: Some(&[RE]),
        done: StatusCode::SEE_OTHER,
    });
    r.push(get("/console/users", Some(&[AD])));
    r.push(get("/console/calendar", Some(&[AD])));
    r.push(post(
        "/console/users",
        &[
            ("username", "matrixuser"),
            ("display_name", "矩阵"),
            ("password", "abcdef123456"),
            ("role", "drafter"),
        ],
        &[AD],
    ));
    r.push(post("/console/users/drafter", &[("op", "enable")], &[AD]));
    r.push(post(
        "/console/users/drafter/roles",
        &[("role", "drafter")],
        &[AD],
    ));
    r.push(get("/console/password", Some(ALL)));
    r.push(Route {
        kind: Kind::Post(fields(&[
            ("current", "wrong-password-1"),
            ("new", "abcdef123456"),
            ("repeat", "abcdef123457"),
        ])),
        path: "/console/password".into(),
        allowed: Some(ALL),
        done: StatusCode::BAD_REQUEST,
    });
    r.push(get("/console/settings", Some(&[AD])));
    r.push(post(
        "/console/settings",
        &[("office", "党政办"), ("channel", "online")],
        &[AD],
    ));
    r.push(get("/console/audit", Some(&[AU])));
    r.push(get("/console/overview", Some(&[SU])));
    r.push(Route {
        kind: Kind::Post(fields(&[("level", "5")])),
        path: format!("/11410721MB1C75730P/xxgk/{published}/pingjia"),
        allowed: None,
        done: StatusCode::SEE_OTHER,
    });
    let bad = gongkai_domain::rating::Level::Dissatisfied;
    t.app
        .rate_item(drafter.agency_id, published, bad, "名单不全")
        .await
        .unwrap();
    let registrar = t.app.actor("registrar").await.unwrap();
    let follow_up = t.app.follow_ups(&registrar).await.unwrap()[0].id;
    r.push(get("/console/ratings", Some(&[RE, AP])));
    r.push(post(
        format!("/console/ratings/{follow_up}"),
        &[("response", "已核实并回访")],
        &[RE],
    ));
    let (n_review, n_answer, n_file) = notices(t).await;
    r.push(get("/console/overview/11410721MB1C75730P", Some(&[SU])));
    r.push(get("/console/zhenggai", Some(&[SU, RE, AP])));
    r.push(get("/console/zhenggai.xlsx", Some(&[SU])));
    r.push(get("/console/ducha/nianbao?year=2024", Some(&[SU])));
    r.push(get(
        format!("/console/zhenggai/{n_answer}/files/{n_file}"),
        Some(&[RE, AP]),
    ));
    r.push(post(
        "/console/zhenggai",
        &[
            ("agency", CHILD_CODE),
            ("subject", "栏目长期未更新"),
            ("basis", "政府网站与政务新媒体检查指标"),
            ("days", "10"),
        ],
        &[SU],
    ));
    r.push(post(
        format!("/console/zhenggai/{n_answer}/answer"),
        &[("answer", "已更新栏目")],
        &[RE],
    ));
    r.push(post(
        format!("/console/zhenggai/{n_review}/review"),
        &[("decision", "accept")],
        &[SU],
    ));
    r.push(get("/console/zeren", Some(&[SU, RE, AP])));
    r.push(post(
        "/console/zeren",
        &[
            ("agency", CHILD_CODE),
            ("on", "2025-06-01"),
            ("person_role", "办公室工作人员"),
            ("basis", "条例第五十三条"),
            ("outcome", "诫勉谈话"),
        ],
        &[SU],
    ));
    r.push(get("/console/agencies", Some(&[])));
    r.push(post(
        "/console/agencies",
        &[
            ("code", "11410721MB1C7577XX"),
            ("name", "矩阵镇"),
            ("kind", "government"),
        ],
        &[],
    ));
    let input = crate::support::application("李雷");
    let moving = t
        .app
        .apply_online(drafter.agency_id, &input)
        .await
        .unwrap()
        .id;
    r.push(post(
        format!("/console/cases/{moving}/transfer"),
        &[
            ("to", gongkai_app::testing::COUNTY_CODE),
            ("note", "转县政府办理"),
        ],
        &[RE],
    ));
    r
}

/// A unit under the town (its supervisor's subtree), for 整改通知.
const CHILD_CODE: &str = "11410721MB1C7576XX";

/// Two notices: one the town's supervisor issued to a unit under the town and that unit
/// answered (to review), one the county's supervisor issued to the town (to answer).
async fn notices(t: &TestApp) -> (i64, i64, String) {
    use gongkai_app::rectifications::NoticeInput;
    let town = t.app.actor("registrar").await.unwrap().agency_id;
    let county = t.app.agencies().await.unwrap()[0].id;
    let kind = gongkai_store::agencies::AgencyKind::Department;
    let child =
        gongkai_app::testing::agency(&t.app, Some(town), CHILD_CODE, "七里营镇农业服务中心", kind);
    let child = child.await.unwrap();
    let accounts = [("child-re", RE)];
    gongkai_app::testing::users(&t.app, child, &accounts, |_, _| "服务中心".into())
        .await
        .unwrap();
    let accounts = [("xian-su", SU)];
    gongkai_app::testing::users(&t.app, county, &accounts, |_, _| "县督查".into())
        .await
        .unwrap();
    let notice = |code: &str| NoticeInput {
        agency_code: code.into(),
        subject: "依申请公开超期".into(),
        basis: "条例第三十三条".into(),
        days: "10".into(),
        files: vec![gongkai_app::cases::Upload {
            file_name: "整改要求.pdf".into(),
            bytes: b"%PDF-1.4\n".to_vec(),
        }],
    };
    let su = t.app.actor("supervisor").await.unwrap();
    let review = t.app.issue_notice(&su, &notice(CHILD_CODE)).await.unwrap();
    let child_re = t.app.actor("child-re").await.unwrap();
    t.app
        .answer_notice(&child_re, review, "已答复", &[])
        .await
        .unwrap();
    let xian = t.app.actor("xian-su").await.unwrap();
    let code = gongkai_app::testing::TOWN_CODE;
    let answer = t.app.issue_notice(&xian, &notice(code)).await.unwrap();
    let registrar = t.app.actor("registrar").await.unwrap();
    let views = t.app.notices(&registrar).await.unwrap();
    let file = views.iter().find(|v| v.notice.id == answer).unwrap().files[0]
        .sha256
        .clone();
    (review, answer, file)
}

/// The status, with a redirect that reports a failure (to the login or an error) marked as
/// such: only a redirect to a success message counts as 303 (issue 13: any 303 passed,
/// including a validation error's).
async fn call(t: &TestApp, route: &Route, session: Option<&Session>) -> StatusCode {
    let page = send(t, route, session).await;
    let to = page.location();
    let success = to.contains("msg=") || to == "/console" || to.starts_with("/console/report?");
    if page.status == StatusCode::SEE_OTHER && session.is_some() && !success {
        return StatusCode::IM_A_TEAPOT;
    }
    page.status
}

async fn send(t: &TestApp, route: &Route, session: Option<&Session>) -> crate::support::Page {
    match &route.kind {
        Kind::Get => t.get(&route.path, session).await,
        Kind::Post(fields) => {
            let csrf = session.map(|s| s.csrf.clone()).unwrap_or_default();
            let mut fields: Vec<(&str, &str)> =
                fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            fields.push(("csrf", &csrf));
            t.post(&route.path, session, &fields).await
        }
        Kind::Upload(fields, name, bytes) => match session {
            Some(s) => {
                let mut fields = fields.to_vec();
                fields.push(("csrf", &s.csrf));
                let file = [("file", *name, *bytes)];
                t.multipart(&route.path, Some(s), &fields, &file).await
            }
            None => t.post(&route.path, None, &[]).await,
        },
    }
}

fn expected(route: &Route, role: Option<Role>) -> StatusCode {
    let post = !matches!(route.kind, Kind::Get);
    match (route.allowed, role) {
        (None, _) => route.done,
        (Some(_), None) => StatusCode::SEE_OTHER,
        (Some(allowed), Some(r)) if allowed.contains(&r) => {
            if post {
                route.done
            } else {
                StatusCode::OK
            }
        }
        // A supervisor reads the files of the notices its own agency issued; a notice issued
        // to its agency by the county is not found for it (it is the registrar's to answer).
        (Some(_), Some(Role::Supervisor))
            if route.path.contains("/zhenggai/") && route.path.contains("/files/") =>
        {
            StatusCode::NOT_FOUND
        }
        (Some(_), Some(_)) => StatusCode::FORBIDDEN,
    }
}

#[tokio::test]
async fn every_route_and_role_gets_the_expected_status() {
    let t = TestApp::new("matrix").await;
    let mut sessions = HashMap::new();
    for role in Role::ALL {
        sessions.insert(role, t.login(role).await);
    }
    let mut failures = Vec::new();
    for route in routes(&t).await {
        // Denied roles first, allowed ones last: an allowed POST changes state.
        let mut order: Vec<Option<Role>> = vec![None];
        order.extend(
            Role::ALL
                .iter()
                .filter(|r| !route.allowed.is_some_and(|a| a.contains(r)))
                .map(|r| Some(*r)),
        );
        order.extend(
            Role::ALL
                .iter()
                .filter(|r| route.allowed.is_some_and(|a| a.contains(r)))
                .map(|r| Some(*r)),
        );
        for role in order {
            let got = call(&t, &route, role.map(|r| &sessions[&r])).await;
            let want = expected(&route, role);
            if got != want {
                failures.push(format!(
                    "{} {} as {:?}: got {got}, want {want}",
                    if matches!(route.kind, Kind::Get) {
                        "GET"
                    } else {
                        "POST"
                    },
                    route.path,
                    role
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn logout_ends_the_session_for_every_role() {
    let t = TestApp::new("logout").await;
    for role in Role::ALL {
        let s = t.login(role).await;
        assert_eq!(
            t.post("/logout", Some(&s), &[("csrf", &s.csrf)])
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        let after = t.get("/console", Some(&s)).await;
        assert_eq!(
            (after.status, after.location()),
            (StatusCode::SEE_OTHER, "/login".to_string())
        );
    }
}

/// Whether a route names one of the town's objects (an id, a file's hash or an account).
fn names_an_object(path: &str) -> bool {
    let path = path.split('?').next().unwrap_or_default();
    path.starts_with("/console/")
        && path.split('/').any(|s| {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                || (s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
                || s == "drafter"
        })
}

/// Issue 15: staff of another town, in every role, get 403 or 404 for every route that names
/// one of this town's objects (items and their attachments and 审批表, cases and their files
/// and events, appeals, messages, accounts), and their lists show none of them; the console
/// header names their own agency.
#[tokio::test]
async fn issue15_another_towns_staff_reach_none_of_this_towns_objects() {
    let t = TestApp::new("cross-agency").await;
    let routes = routes(&t).await;
    let other = t.second_town().await;
    let more: Vec<(String, Role)> = [DR, RE, AP, SU]
        .iter()
        .map(|r| (format!("other-{}", r.as_str()), *r))
        .collect();
    let more: Vec<(&str, Role)> = more.iter().map(|(n, r)| (n.as_str(), *r)).collect();
    gongkai_app::testing::users(&t.app, other, &more, |_, r| {
        format!("朗公庙镇{}", r.label())
    })
    .await
    .unwrap();
    t.department().await;
    let mut checked = 0;
    // Every role of the other town, the handling roles of the department (the login rate
    // limit allows ten logins from one address in a burst).
    let department: &[Role] = &[DR, RE, AP];
    for (prefix, agency, roles) in [("other-", "朗公庙镇", ALL), ("mz-", "民政局", department)]
    {
        for role in roles {
            let s = t.login_as(&format!("{prefix}{}", role.as_str())).await;
            checked += outsider_reaches_nothing(&t, &routes, &s, *role, agency).await;
        }
    }
    assert!(checked >= 35, "only {checked} object routes were tried");
}

/// Runs every object route as `s` (a `role` of another agency named `agency`): each is 403
/// or 404, and no list shows this town's secrets. Returns the routes tried.
async fn outsider_reaches_nothing(
    t: &TestApp,
    routes: &[Route],
    s: &Session,
    role: Role,
    agency: &str,
) -> usize {
    let home = t.get("/console", Some(s)).await;
    assert!(home.text("#nav-agency").contains(agency), "{}", home.body);
    let mut checked = 0;
    for route in routes.iter().filter(|r| names_an_object(&r.path)) {
        if !route.allowed.is_some_and(|a| a.contains(&role)) {
            continue;
        }
        let status = call(t, route, Some(s)).await;
        assert!(
            [StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&status),
            "{role:?} of {agency} on {}: {status}",
            route.path
        );
        checked += 1;
    }
    for list in [
        "/console/cases",
        "/console/appeals",
        "/console/outbox",
        "/console",
    ] {
        let page = t.get(list, Some(s)).await;
        for secret in ["张三", "新县复〔2025〕1号", "zhang@example.com", "待审批"] {
            assert!(
                !page.body.contains(secret),
                "{role:?} of {agency} sees {secret} on {list}"
            );
        }
    }
    checked
}
