//! `serve --demo`'s county (issue 15): 新乡县人民政府 hosting its platform, the 县政务公开办
//! (supervisor) and the platform administrator at the county, 七里营镇 with the seed's data
//! (the seed town is in the module `demo`), two more towns and three departments, each with its own staff, items
//! that fit what it does, and for the departments a year of applications.

use crate::agencies::AgencyInput;
use crate::auth::{Actor, UserInput, random_token};
use crate::cases::ApplicationInput;
use crate::demo_data::{COUNTY, OTHERS, Spec, article21_of, cases_of, items_of, standard_domain};
use crate::settings::AgencySettings;
use crate::{App, AppError};
use gongkai_domain::clock::{ApplicantType, Channel, Date, Event, Outcome};
use gongkai_domain::disclosure::{Action, ItemFields, Role};
use gongkai_domain::rating::Level;

/// A demo account: login name, role and the password generated for it.
#[derive(Debug, Clone)]
pub struct DemoUser {
    /// The agency's name.
    pub agency: String,
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The generated password (shown once).
    pub password: String,
}

/// The roles every hosted agency staffs (三员分立: no account holds two of admin, auditor).
const STAFF: [(&str, &str, Role); 4] = [
    ("keshi", "业务科室", Role::Drafter),
    ("bangongshi", "办公室", Role::Registrar),
    ("lingdao", "分管领导", Role::Approver),
    ("admin", "系统管理员", Role::Admin),
];

/// The county's accounts: the platform administrator, the 县政务公开办 and an auditor.
const COUNTY_STAFF: [(&str, &str, Role); 3] = [
    ("pingtai", "孙立（平台管理员）", Role::Admin),
    ("ducha", "陈晨（县政务公开办）", Role::Supervisor),
    ("shenji", "周敏（县政府审计员）", Role::Auditor),
];

impl App {
    /// Creates an account with a fresh password and returns it for the one-time list.
    pub(crate) async fn demo_account(
        &self,
        agency: i64,
        username: String,
        display_name: String,
        role: Role,
    ) -> Result<DemoUser, AppError> {
        let password = format!("gk{}", &random_token()?[..12]);
        let input = UserInput {
            username: username.clone(),
            display_name: display_name.clone(),
            password: password.clone(),
            roles: vec![role],
            agency_id: Some(agency),
        };
        self.create_user(None, &input).await?;
        let dir = self.directory().await?;
        Ok(DemoUser {
            agency: dir
                .by_id(agency)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            username,
            display_name,
            role,
            password,
        })
    }

    /// Adds a demo agency under `parent` with its 指南 settings; returns its id.
    pub(crate) async fn demo_agency(&self, s: &Spec, parent: &str) -> Result<i64, AppError> {
        let input = AgencyInput {
            code: s.code.into(),
            name: s.name.into(),
            level: s.level.into(),
            kind: s.kind.into(),
            parent_code: parent.into(),
        };
        let id = self.add_agency(None, &input, None).await?.id;
        let settings = AgencySettings {
            office: s.office.into(),
            address: format!("河南省新乡市新乡县{}", s.short),
            hours: "工作日上午 8:30–12:00，下午 15:00–18:00（法定节假日除外）".into(),
            phone: s.phone.into(),
            channels: vec![
                "online".into(),
                "in_person".into(),
                "registered_mail".into(),
            ],
            reconsideration_body: "新乡县人民政府".into(),
            rules: format!(
                "一、本机关政府信息公开工作由{}负责组织实施。\n二、拟公开的政府信息实行“先审查、后公开”和“一事一审”。\n三、属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内予以公开。",
                s.office
            ),
            ..AgencySettings::default()
        };
        let mut tx = self.store.begin().await?;
        tx.set_agency_settings(id, &settings.to_json(), "system")
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The county's own accounts and items.
    pub(crate) async fn demo_county_staff(&self, county: i64) -> Result<Vec<DemoUser>, AppError> {
        let mut out = Vec::new();
        let handlers = STAFF.iter().filter(|(_, _, r)| *r != Role::Admin);
        let handlers = handlers.map(|(n, what, r)| (*n, format!("县政府{what}"), *r));
        let county_staff = COUNTY_STAFF.iter().map(|(n, d, r)| (*n, d.to_string(), *r));
        for (name, display, role) in handlers.chain(county_staff) {
            out.push(
                self.demo_account(county, format!("xian-{name}"), display, role)
                    .await?,
            );
        }
        self.seed_agency_items(&COUNTY).await?;
        Ok(out)
    }

    /// Every other agency with its staff, items and (departments) applications.
    pub(crate) async fn seed_other_agencies(&self) -> Result<Vec<DemoUser>, AppError> {
        let mut users = Vec::new();
        for s in &OTHERS {
            let id = self.demo_agency(s, COUNTY.code).await?;
            for (name, what, role) in STAFF {
                let username = format!("{}{name}", s.prefix);
                let display = format!("{}{what}", s.short);
                users.push(self.demo_account(id, username, display, role).await?);
            }
            self.seed_agency_items(s).await?;
            let registrar = self.actor(&format!("{}bangongshi", s.prefix)).await?;
            self.seed_applications(&registrar, s.prefix).await?;
        }
        self.seed_supervision().await?;
        Ok(users)
    }

    /// The 县政务公开办's year: a notice to 自然资源局 about its overdue application, still
    /// open; one to 朗公庙镇 about a column, answered and accepted; one to 小冀镇, answered and
    /// waiting for review.
    async fn seed_supervision(&self) -> Result<(), AppError> {
        let ducha = self.actor("xian-ducha").await?;
        let notices = [
            (
                OTHERS[3].code,
                "依申请公开超期未答复（2026年10月15日收到的土地征收成片开发方案申请）",
                "《中华人民共和国政府信息公开条例》第三十三条",
                "2026-11-20",
                None,
            ),
            (
                OTHERS[0].code,
                "“财政预决算”栏目超过三个月未更新",
                "《政府网站与政务新媒体检查指标》栏目更新要求",
                "2026-09-07",
                Some((
                    "lgm-bangongshi",
                    "已补充公开2025年决算并建立栏目更新台账",
                    true,
                )),
            ),
            (
                OTHERS[1].code,
                "2026年第一季度有信息未在20个工作日内公开",
                "《中华人民共和国政府信息公开条例》第二十六条",
                "2026-11-02",
                Some((
                    "xj-bangongshi",
                    "已对承办科室进行提醒，完善公开时限台账",
                    false,
                )),
            ),
        ];
        for (code, subject, basis, day, answer) in notices {
            let input = crate::rectifications::NoticeInput {
                agency_code: code.into(),
                subject: subject.into(),
                basis: basis.into(),
                days: "10".into(),
                files: Vec::new(),
            };
            let id = self.at_day(day).issue_notice(&ducha, &input).await?;
            if let Some((who, text, accept)) = answer {
                let later = self.at_day(day).calendar().add_working_days(
                    Date::parse(day).map_err(|e| AppError::Invalid(e.to_string()))?,
                    5,
                );
                let later = later.date.to_string();
                let at = self.at_day(&later);
                at.answer_notice(&self.actor(who).await?, id, text, &[])
                    .await?;
                if accept {
                    at.review_notice(&ducha, id, true, "").await?;
                }
            }
        }
        Ok(())
    }

    async fn staff_of(&self, s: &Spec) -> Result<[Actor; 3], AppError> {
        let p = s.prefix;
        Ok([
            self.actor(&format!("{p}keshi")).await?,
            self.actor(&format!("{p}bangongshi")).await?,
            self.actor(&format!("{p}lingdao")).await?,
        ])
    }

    async fn seed_agency_items(&self, s: &Spec) -> Result<(), AppError> {
        let [drafter, registrar, approver] = self.staff_of(s).await?;
        for (n, (title, summary, article20, topic, days)) in items_of(s).into_iter().enumerate() {
            let (written, day) = days.split_once('>').unwrap_or((&days, &days));
            let at = self.at_day(day);
            let f = ItemFields {
                article21_item: article21_of(&title),
                title,
                body: format!("{summary}\n\n联系电话：{}。", s.phone),
                summary,
                publisher: s.name.into(),
                topic: topic.into(),
                written_on: Date::parse(written).ok(),
                article20_item: Some(article20),
                domain: standard_domain(topic).map(String::from),
                ..ItemFields::default()
            };
            let id = at.create_item(&drafter, &f).await?;
            for (who, step) in [
                (&drafter, Action::Submit),
                (&registrar, Action::Register),
                (&approver, Action::Approve),
            ] {
                at.act(who, id, &step).await?;
            }
            self.seed_ratings(drafter.agency_id, id, n, day).await?;
        }
        Ok(())
    }

    /// 社会评议 of the demo: most items rated well, one 差评 with a comment to follow up.
    async fn seed_ratings(
        &self,
        agency: i64,
        id: i64,
        n: usize,
        day: &str,
    ) -> Result<(), AppError> {
        let ratings: &[(Level, &str)] = match n {
            0 => &[(Level::VerySatisfied, ""), (Level::Satisfied, "")],
            4 => &[
                (Level::Satisfied, ""),
                (
                    Level::Dissatisfied,
                    "公示内容不够具体，没有写明补贴标准和发放时间。",
                ),
            ],
            5 => &[(Level::Basic, "")],
            _ => &[],
        };
        for (level, comment) in ratings {
            self.at_day(day)
                .rate_item(agency, id, *level, comment)
                .await?;
        }
        Ok(())
    }

    /// The applications of the agency whose login prefix is `prefix`, registered as received
    /// in person and answered on their days.
    pub(crate) async fn seed_applications(
        &self,
        registrar: &Actor,
        prefix: &str,
    ) -> Result<(), AppError> {
        for (i, (request, received, answered, outcome)) in cases_of(prefix).into_iter().enumerate()
        {
            let input = demo_input(i, request);
            let on = Date::parse(received).map_err(|e| AppError::Invalid(e.to_string()))?;
            let at = self.at_day(received);
            let receipt = at
                .register_case(registrar, &input, Channel::InPerson, on)
                .await?;
            if let (Some(day), Some(outcome)) = (answered, outcome) {
                let on = Date::parse(day).map_err(|e| AppError::Invalid(e.to_string()))?;
                let answer = Event::Answered { on, outcome };
                let note = answer_note(prefix, outcome);
                self.at_day(day)
                    .record_event(registrar, receipt.id, answer, note)
                    .await?;
            }
        }
        Ok(())
    }
}

/// The `i`-th demo applicant asking for `request`: people, a company and a law firm in turn.
pub(crate) fn demo_input(i: usize, request: &str) -> ApplicationInput {
    ApplicationInput {
        applicant_type: Some(match i % 4 {
            1 => ApplicantType::Commercial,
            3 => ApplicantType::LegalServices,
            _ => ApplicantType::NaturalPerson,
        }),
        name: [
            "王建国",
            "新乡市某置业有限公司",
            "李秀英",
            "河南某律师事务所",
        ][i % 4]
            .into(),
        id_no: demo_id(i),
        legal_rep: if i % 2 == 1 {
            "赵志强".into()
        } else {
            String::new()
        },
        liaison: if i % 2 == 1 {
            "孙丽".into()
        } else {
            String::new()
        },
        contact: format!("1390373{:04}", 1000 + i),
        address: "河南省新乡市新乡县".into(),
        request: request.into(),
        provision: "纸质文本，邮寄".into(),
        ..ApplicationInput::default()
    }
}

/// The reasons and guidance an answer gives (条例第三十六条): the ground for what is withheld,
/// the holder of information the agency does not hold.
fn answer_note(prefix: &str, outcome: Outcome) -> &'static str {
    match (prefix, outcome) {
        (_, Outcome::Partial) => {
            "其中涉及第三方的身份证号、银行账号等个人信息，依据条例第十五条不予公开，其余内容予以提供。"
        }
        ("", Outcome::UnableNotHeld) => {
            "经检索本机关档案，未制作、获取该信息；建设项目环境影响评价批复由新乡市生态环境局新乡县分局负责，联系电话0373-5588123。"
        }
        (_, Outcome::UnableNotHeld) => {
            "经检索本机关档案，未制作、获取该信息；卫星遥感图片由新乡市自然资源和规划局保存，可向其申请，联系电话0373-3021234。"
        }
        (_, Outcome::WithheldProcessInfo) => {
            "所申请的会议纪要讨论稿属于行政机关在履行行政管理职能过程中形成的过程性信息，依据条例第十六条第二款不予公开。"
        }
        _ => "",
    }
}

/// A valid-looking identity number for demo applicant `i`: a 居民身份证 number of 新乡县
/// (410721) for people, a 统一社会信用代码 for the company and the law firm (odd `i`).
fn demo_id(i: usize) -> String {
    use gongkai_domain::applicant::{credit_code_check, resident_id_check};
    let (first17, check): (String, fn(&str) -> Option<char>) = if i % 2 == 1 {
        (format!("91410721MA{:07}", 4_400_000 + i), credit_code_check)
    } else {
        (
            format!("41072119{:02}0101{:03}", 60 + i % 30, i % 1000),
            resident_id_check,
        )
    };
    let c = check(&first17).unwrap_or('0');
    format!("{first17}{c}")
}
