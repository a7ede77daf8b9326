//! The pages (askama templates, HTML-escaped) and the small view models they show.

use askama::Template;
use gongkai_app::auth::Actor;
use gongkai_app::views::Item;
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::{Permission, Validity};

/// The console's navigation: who is logged in and the links their roles open.
pub struct Nav {
    /// Display name.
    pub name: String,
    /// The user's agency.
    pub agency: String,
    /// Its 专栏.
    pub column: String,
    /// Role names.
    pub roles: String,
    /// The session's CSRF token, for the logout form.
    pub csrf: String,
    /// (href, label) of the links the roles open.
    pub links: Vec<(&'static str, &'static str)>,
}

impl Nav {
    /// The navigation for an actor.
    pub fn of(actor: &Actor, csrf: &str) -> Nav {
        let all: [(Permission, &str, &str); 21] = [
            (Permission::ReadItems, "/console", "工作台"),
            (Permission::Draft, "/console/items/new", "新建信息"),
            (Permission::Register, "/console/cases", "依申请公开"),
            (Permission::Approve, "/console/cases", "依申请公开"),
            (Permission::Register, "/console/appeals", "复议诉讼"),
            (Permission::Approve, "/console/appeals", "复议诉讼"),
            (Permission::Register, "/console/letters", "文书模板"),
            (Permission::Register, "/console/outbox", "通知发件箱"),
            (Permission::Register, "/console/ratings", "社会评议"),
            (Permission::Approve, "/console/ratings", "社会评议"),
            (Permission::Register, "/console/report", "年度报告"),
            (Permission::Approve, "/console/report", "年度报告"),
            (Permission::Administer, "/console/users", "用户管理"),
            (Permission::Administer, "/console/settings", "机关设置"),
            (Permission::ReadAudit, "/console/audit", "审计日志"),
            (Permission::Supervise, "/console/overview", "督查概览"),
            (Permission::Supervise, "/console/ducha/nianbao", "年报核查"),
            (Permission::Supervise, "/console/zhenggai", "整改通知"),
            (Permission::Supervise, "/console/zeren", "责任追究"),
            (Permission::Register, "/console/zhenggai", "整改通知"),
            (Permission::Approve, "/console/zhenggai", "整改通知"),
        ];
        Nav {
            name: actor.display_name.clone(),
            agency: actor.agency_name.clone(),
            column: format!("/{}/", actor.agency_code),
            roles: actor
                .roles
                .iter()
                .map(|r| r.duty())
                .collect::<Vec<_>>()
                .join("、"),
            csrf: csrf.to_string(),
            links: all
                .iter()
                .filter(|(p, _, _)| actor.may(*p))
                .map(|(_, h, l)| (*h, *l))
                .chain(
                    actor
                        .is_platform_admin()
                        .then_some(("/console/agencies", "机关管理")),
                )
                .fold(Vec::new(), |mut links, link| {
                    if !links.contains(&link) {
                        links.push(link);
                    }
                    links
                }),
        }
    }
}

/// One line of a list of items.
pub struct ItemLine {
    /// Id.
    pub id: i64,
    /// 索引号 (or "—").
    pub index_no: String,
    /// 标题.
    pub title: String,
    /// 发布日期, or 成文日期 for unpublished.
    pub date: String,
    /// 内容概述.
    pub summary: String,
    /// State name.
    pub state: &'static str,
    /// 有效性 name.
    pub validity: &'static str,
    /// Abolished (shown marked).
    pub abolished: bool,
}

impl ItemLine {
    /// From an item.
    pub fn of(r: &Item) -> ItemLine {
        let validity = r.validity;
        ItemLine {
            id: r.id,
            index_no: r.index_no.clone().unwrap_or_else(|| "—".into()),
            title: r.fields.title.clone(),
            date: day(r.published_on.or(r.fields.written_on)),
            summary: r.fields.summary.clone(),
            state: r.state.label(),
            validity: validity.label(),
            abolished: validity == Validity::Abolished,
        }
    }
}

/// The label of a 第二十条 item.
pub fn article20_label(n: i64) -> &'static str {
    const LABELS: [&str; 15] = [
        "（一）行政法规、规章和规范性文件",
        "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
        "（三）国民经济和社会发展规划、专项规划、区域规划及相关政策",
        "（四）国民经济和社会发展统计信息",
        "（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
        "（六）实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
        "（七）财政预算、决算信息",
        "（八）行政事业性收费项目及其依据、标准",
        "（九）政府集中采购项目的目录、标准及实施情况",
        "（十）重大建设项目的批准和实施情况",
        "（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
        "（十二）突发公共事件的应急预案、预警信息及应对情况",
        "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
        "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果",
        "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
    ];
    usize::try_from(n - 1)
        .ok()
        .and_then(|i| LABELS.get(i))
        .copied()
        .unwrap_or("")
}

/// An error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    /// HTTP status.
    pub status: u16,
    /// Stable code.
    pub code: &'a str,
    /// Message.
    pub message: &'a str,
}

/// A time (ms since the epoch) as China time `YYYY-MM-DD HH:MM`.
pub fn fmt_time(ms: i64) -> String {
    let date = gongkai_app::date_of_ms(ms);
    let minutes = (ms + 8 * 3_600_000).rem_euclid(86_400_000) / 60_000;
    format!("{date} {:02}:{:02}", minutes / 60, minutes % 60)
}

/// A date as pages print it (`YYYY-MM-DD`), empty when there is none.
pub fn day(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The five levels of 社会评议 as the forms offer them: (score, label).
pub fn rating_levels() -> Vec<(i64, &'static str)> {
    gongkai_domain::rating::Level::ALL
        .iter()
        .map(|l| (l.score(), l.label()))
        .collect()
}
