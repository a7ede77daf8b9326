//! `gongkai serve --demo`: the platform of 新乡县人民政府 (see [`crate::demo_county`] for the
//! county, the other towns and the departments) with 新乡县七里营镇人民政府: one user per role,
//! the 指南 settings, 52 items published in 2025 through the real workflow (the seed report's
//! "累计主动公开各类政务信息 52 条"), a few in 2026, and some drafts in review.

use crate::agencies::AgencyInput;
use crate::auth::Actor;
use crate::settings::AgencySettings;
use crate::{App, AppError, Clock};
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::{Action, Role};
use gongkai_store::items::ItemFields;

pub use crate::demo_county::DemoUser;
pub use crate::demo_data::{COUNTY_CODE, TOWN_CODE};
use crate::demo_data::{article21_of, standard_domain};

const USERS: [(&str, &str, Role); 5] = [
    ("keshi", "张华（社会事务办）", Role::Drafter),
    ("dangzhengban", "李静（党政办）", Role::Registrar),
    ("lingdao", "王强（镇长）", Role::Approver),
    ("admin", "赵敏（系统管理员）", Role::Admin),
    ("shenji", "刘洋（审计员）", Role::Auditor),
];

impl App {
    /// Whether the database already holds data (the demo is seeded only into an empty one).
    pub async fn is_empty(&self) -> Result<bool, AppError> {
        Ok(self.store.agencies().await?.is_empty())
    }

    /// Seeds the demo; returns the accounts with their passwords, agency by agency.
    pub async fn seed_demo(&self) -> Result<Vec<DemoUser>, AppError> {
        let (county, town) = self.seed_agencies().await?;
        let mut users = self.demo_county_staff(county).await?;
        for (username, display_name, role) in USERS {
            users.push(
                self.demo_account(town, username.into(), display_name.into(), role)
                    .await?,
            );
        }
        self.seed_items().await?;
        users.extend(self.seed_other_agencies().await?);
        Ok(users)
    }

    async fn seed_agencies(&self) -> Result<(i64, i64), AppError> {
        let county = self.demo_agency(&crate::demo_data::COUNTY, "").await?;
        let town = AgencyInput {
            code: TOWN_CODE.into(),
            name: "新乡县七里营镇人民政府".into(),
            level: "乡级".into(),
            kind: "government".into(),
            parent_code: COUNTY_CODE.into(),
        };
        let town = self.add_agency(None, &town, None).await?.id;
        let mut tx = self.store.begin().await?;
        tx.set_agency_settings(town, &demo_settings().to_json(), "system")
            .await?;
        tx.commit().await?;
        Ok((county, town))
    }

    async fn seed_items(&self) -> Result<(), AppError> {
        let drafter = self.actor("keshi").await?;
        let registrar = self.actor("dangzhengban").await?;
        let approver = self.actor("lingdao").await?;
        let mut items = demo_items();
        items.sort_by(|a, b| a.4.cmp(&b.4));
        for (i, (title, summary, article20, topic, day)) in items.into_iter().enumerate() {
            let at = self.at_day(&day);
            let domain = standard_domain(&topic).map(String::from);
            let f = ItemFields {
                article21_item: article21_of(&title),
                title,
                summary: summary.clone(),
                body: format!(
                    "{summary}\n\n如有疑问，请在工作日办公时间联系七里营镇党政办公室，电话 0373-5561001。"
                ),
                publisher: "新乡县七里营镇人民政府".into(),
                topic,
                doc_no: if i % 7 == 0 {
                    format!("七政〔{}〕{}号", &day[..4], i / 7 + 1)
                } else {
                    String::new()
                },
                written_on: Date::parse(&day).ok(),
                keywords: String::new(),
                article20_item: Some(article20),
                domain,
            };
            let id = at.create_item(&drafter, &f).await?;
            at.publish(id, &drafter, &registrar, &approver).await?;
        }
        self.seed_in_review(&drafter, &registrar).await?;
        self.seed_applications(&registrar, "").await?;
        self.seed_open_cases(&registrar).await?;
        self.seed_town_report(&registrar, &approver).await
    }

    /// Two applications still in hand on the day the demo is seeded (received 24 and 2 days
    /// before), so that the registrar's start page has work whatever the day.
    async fn seed_open_cases(&self, registrar: &Actor) -> Result<(), AppError> {
        use gongkai_domain::clock::Channel;
        let today = self.clock.today();
        let open = [
            (24, "七里营镇2026年冬季清洁取暖补贴发放名单"),
            (2, "刘庄村2026年宅基地审批情况"),
        ];
        for (i, (ago, request)) in open.into_iter().enumerate() {
            let Some(on) = today.add_days(-ago) else {
                continue;
            };
            let input = crate::demo_county::demo_input(i, request);
            self.at_day(&on.to_string())
                .register_case(registrar, &input, Channel::InPerson, on)
                .await?;
        }
        Ok(())
    }

    /// The 2025 report computed from the town's own items and applications, its narrative
    /// taken from the seed report, published by the 镇长 before 3月31日 (条例第四十九条).
    async fn seed_town_report(&self, registrar: &Actor, approver: &Actor) -> Result<(), AppError> {
        let at = self.at_day("2026-01-20");
        let inputs = crate::annual::ReportInputs {
            management: TOWN_MANAGEMENT.into(),
            platform: TOWN_PLATFORM.into(),
            problems: TOWN_PROBLEMS.into(),
            other: String::new(),
            ..crate::annual::ReportInputs::default()
        };
        at.save_report_inputs(registrar, 2025, &inputs).await?;
        at.publish_computed_report(approver, 2025, "").await?;
        Ok(())
    }

    async fn publish(&self, id: i64, d: &Actor, r: &Actor, a: &Actor) -> Result<(), AppError> {
        self.act(d, id, &Action::Submit).await?;
        self.act(r, id, &Action::Register).await?;
        self.act(a, id, &Action::Approve).await?;
        Ok(())
    }

    /// A copy of the app whose clock stands at 10:00 China time on `day`.
    pub(crate) fn at_day(&self, day: &str) -> App {
        let date = Date::parse(day).unwrap_or_else(|_| self.clock.today());
        let epoch = Date::from_ymd(1970, 1, 1).map_or(0, |e| e.days_until(date));
        let mut app = self.clone();
        app.clock = Clock::fixed(i64::from(epoch) * 86_400_000 + 2 * 3600 * 1000);
        app
    }

    async fn seed_in_review(&self, drafter: &Actor, registrar: &Actor) -> Result<(), AppError> {
        let today = self.clock.today();
        let draft = ItemFields {
            title: "关于七里营村困难群众临时救助的公示（草稿）".into(),
            summary: "拟对七里营村1户困难群众给予临时救助。".into(),
            body: "救助对象：王某某，身份证号11010519491231002X，联系电话13812345678。".into(),
            publisher: "新乡县七里营镇人民政府".into(),
            topic: "社会保障".into(),
            written_on: Some(today),
            article20_item: Some(11),
            article21_item: Some("社会救助".into()),
            ..ItemFields::default()
        };
        let id = self.create_item(drafter, &draft).await?;
        self.act(drafter, id, &Action::Submit).await?;
        let pending = ItemFields {
            title: "七里营镇冬季供暖安全提示".into(),
            summary: "提醒群众注意冬季取暖安全，预防一氧化碳中毒。".into(),
            body: "近期气温下降，请群众使用燃煤取暖时保持通风，睡前检查炉具，预防一氧化碳中毒。"
                .into(),
            ..draft
        };
        let id = self.create_item(drafter, &pending).await?;
        self.act(drafter, id, &Action::Submit).await?;
        self.act(registrar, id, &Action::Register).await?;
        Ok(())
    }
}

fn demo_settings() -> AgencySettings {
    AgencySettings {
        office: "七里营镇党政办公室".into(),
        address: "河南省新乡市新乡县七里营镇人民路1号".into(),
        hours: "工作日上午 8:30–12:00，下午 15:00–18:00（法定节假日除外）".into(),
        phone: "0373-5561001".into(),
        fax: "0373-5561002".into(),
        postcode: "453731".into(),
        email: "qlyzdzb@example.gov.cn".into(),
        website: "http://www.xinxiang.gov.cn/".into(),
        channels: vec!["online".into(), "in_person".into(), "registered_mail".into()],
        reconsideration_body: "新乡县人民政府".into(),
        domains: Vec::new(),
        topics: Vec::new(),
        watched_columns: Vec::new(),
        stale_days: 0,
        letter_prefixes: [
            ("answer", "七政依申答"),
            ("correction", "七政依申补"),
            ("extension", "七政依申延"),
            ("fee_notice", "七政依申费"),
        ]
        .into_iter()
        .map(|(k, p)| (k.to_string(), p.to_string()))
        .collect(),
        rules: "一、本镇政府信息公开工作由党政办公室负责组织实施。\n二、拟公开的政府信息实行“先审查、后公开”和“一事一审”，由承办科室起草，党政办公室登记审核并进行保密审查，经镇主要领导审批后发布。\n三、属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内予以公开。\n四、依申请公开按照《中华人民共和国政府信息公开条例》第二十七条至第四十五条办理。".into(),
    }
}

/// (title, summary, 第二十条 item, 主题分类, 成文日期): 52 items dated in 2025, 3 in 2026.
fn demo_items() -> Vec<(String, String, i64, String, String)> {
    let mut items = Vec::new();
    let mut push = |t: String, s: &str, a: i64, topic: &str, d: String| {
        items.push((t, s.to_string(), a, topic.to_string(), d));
    };
    push(
        "七里营镇人民政府机构职能".into(),
        "公开本镇人民政府的机构设置、主要职能和办公地址、联系方式。",
        2,
        "机构职能",
        "2025-01-06".into(),
    );
    push(
        "七里营镇2025年政府工作报告".into(),
        "七里营镇第十届人民代表大会第五次会议审议通过的政府工作报告。",
        3,
        "综合政务",
        "2025-01-15".into(),
    );
    push(
        "七里营镇2025年部门预算公开".into(),
        "公开本镇2025年一般公共预算收支、“三公”经费预算等情况。",
        7,
        "财政预算",
        "2025-02-20".into(),
    );
    push(
        "七里营镇2024年部门决算公开".into(),
        "公开本镇2024年度收支决算、“三公”经费决算及绩效评价情况。",
        7,
        "财政预算",
        "2025-08-15".into(),
    );
    for (q, d) in [
        ("第一季度", "2025-03-25"),
        ("第二季度", "2025-06-24"),
        ("第三季度", "2025-09-24"),
        ("第四季度", "2025-12-23"),
    ] {
        push(
            format!("七里营镇2025年{q}城乡居民最低生活保障动态管理公示"),
            "公示本季度新增、停发、调整的低保对象，公示期7天，接受群众监督。",
            11,
            "社会保障",
            d.into(),
        );
        push(
            format!("七里营镇2025年{q}特困人员供养情况公示"),
            "公示本季度特困人员认定及供养金发放情况。",
            11,
            "社会保障",
            d.into(),
        );
    }
    for m in 1..=12u32 {
        push(
            format!("七里营镇2025年{m}月临时救助发放公示"),
            "公示本月临时救助对象、救助事由和救助金额，接受群众监督。",
            11,
            "社会保障",
            format!("2025-{m:02}-26"),
        );
    }
    for (v, d) in [
        ("七里营村", "2025-03-10"),
        ("八柳树村", "2025-04-08"),
        ("刘庄村", "2025-05-12"),
        ("朗公庙村", "2025-06-10"),
        ("龙泉村", "2025-07-08"),
    ] {
        push(
            format!("{v}道路硬化工程招标公告"),
            "本工程为村内主干道路硬化，资金来源为乡村振兴衔接资金，采用公开招标方式。",
            9,
            "城乡建设",
            d.into(),
        );
        push(
            format!("{v}道路硬化工程中标结果公示"),
            "公示中标单位、中标金额和工期，公示期3个工作日。",
            9,
            "城乡建设",
            format!("{}-28", &d[..7]),
        );
    }
    push(
        "2025年耕地地力保护补贴发放公示".into(),
        "公示各村耕地地力保护补贴面积、标准和金额。",
        11,
        "农业农村",
        "2025-05-20".into(),
    );
    push(
        "2025年小麦一喷三防作业公告".into(),
        "统一组织小麦病虫害防治作业，请群众配合。",
        15,
        "农业农村",
        "2025-04-15".into(),
    );
    push(
        "关于做好2025年汛期防汛工作的通知".into(),
        "落实防汛责任，做好隐患排查、物资储备和值班值守。",
        12,
        "应急管理",
        "2025-06-05".into(),
    );
    push(
        "关于做好2025年秋季秸秆禁烧和综合利用工作的通知".into(),
        "严禁露天焚烧秸秆，推进秸秆还田和综合利用。",
        13,
        "生态环境",
        "2025-09-16".into(),
    );
    push(
        "关于开展2025年冬季森林防火工作的通知".into(),
        "进入森林防火期，严禁野外用火，做好巡查值守。",
        12,
        "应急管理",
        "2025-11-03".into(),
    );
    push(
        "七里营镇2025年公益性岗位招聘公告".into(),
        "招聘保洁、治安巡逻等公益性岗位人员，优先安置就业困难人员。",
        11,
        "劳动就业",
        "2025-03-03".into(),
    );
    push(
        "七里营镇2025年公益性岗位拟聘用人员公示".into(),
        "公示拟聘用人员名单，公示期5个工作日。",
        11,
        "劳动就业",
        "2025-03-24".into(),
    );
    push(
        "七里营镇2025年退役军人优待金发放公示".into(),
        "公示退役军人及其他优抚对象优待金发放情况。",
        11,
        "社会保障",
        "2025-07-22".into(),
    );
    push(
        "七里营镇2025年城乡居民医疗保险集中征缴公告".into(),
        "2026年度城乡居民医保集中征缴时间、缴费标准和缴费渠道。",
        11,
        "卫生健康",
        "2025-10-09".into(),
    );
    for m in 3..=9u32 {
        push(
            format!("七里营镇2025年{m}月农村人居环境整治工作通报"),
            "通报各村人居环境整治检查结果，督促问题整改。",
            13,
            "城乡建设",
            format!("2025-{m:02}-12"),
        );
    }
    push(
        "七里营镇2025年政府信息公开工作要点".into(),
        "明确本年度政务公开重点任务和责任分工。",
        15,
        "政务公开",
        "2025-04-01".into(),
    );
    push(
        "七里营镇2024年政府信息公开工作年度报告".into(),
        "按照国办公开办函〔2021〕30号格式编制的2024年度报告。",
        15,
        "政务公开",
        "2025-01-20".into(),
    );
    push(
        "七里营镇2026年部门预算公开".into(),
        "公开本镇2026年一般公共预算收支、“三公”经费预算等情况。",
        7,
        "财政预算",
        "2026-02-25".into(),
    );
    push(
        "七里营镇2025年政府信息公开工作年度报告".into(),
        "按照国办公开办函〔2021〕30号格式编制的2025年度报告。",
        15,
        "政务公开",
        "2026-01-20".into(),
    );
    push(
        "关于做好2026年汛期防汛工作的通知".into(),
        "落实防汛责任，做好隐患排查、物资储备和值班值守。",
        12,
        "应急管理",
        "2026-06-02".into(),
    );
    items
}

/// 一（三）政府信息管理 of the seed report.
const TOWN_MANAGEMENT: &str = "一是健全责任分工机制。构建“主要领导统筹、分管领导牵头落实、党政办具体执行、各职能科室协同联动”的工作体系，由党政办统一汇总信息，各科室按要求及时报送相关材料。二是落实专人专岗责任。明确专职人员负责信息公开日常工作，严格落实“先审查、后公开”“一事一审”工作要求，所有拟公开信息均需经党政办登记审核，再报请主要领导审批发布。三是提升信息公开质量。在文稿起草、审核环节严格把关，杜绝错漏字等基础性问题。";

/// 一（四）政府信息公开平台建设 of the seed report.
const TOWN_PLATFORM: &str = "2025年，七里营镇依托新乡县政府信息公开平台的本镇专栏，对政务信息公开板块开展全面梳理与优化，确保公开内容精准详实、有据可依，为社会公众查询、获取政务信息提供便捷渠道。";

/// 五、存在的主要问题及改进情况 of the seed report.
const TOWN_PROBLEMS: &str = "存在的主要问题：一方面是公开内容深度不足，对民生领域重点工作的决策依据、执行过程、成效数据等内容公开不够详实；另一方面是工作人员缺乏系统的业务培训，对公开范围界定、保密审查等专业知识掌握不够扎实。\n改进情况：一是聚焦群众关切，梳理民生领域重点事项清单，细化公开内容；二是明确专人专职负责信息公开工作，组织开展公开范围界定、保密审查、公文规范等培训。";
