//! The demo county's data tables: the items each agency publishes and the applications the
//! departments receive in the demo year (see `demo_county`).

use gongkai_domain::clock::Outcome;

/// The demo town's 统一社会信用代码 (fictional).
pub const TOWN_CODE: &str = "11410721MB1C75730P";
/// The county's (fictional).
pub const COUNTY_CODE: &str = "11410721005570011X";

/// An agency of the demo county.
pub(crate) struct Spec {
    pub code: &'static str,
    pub name: &'static str,
    pub short: &'static str,
    pub kind: &'static str,
    pub level: &'static str,
    /// Login names are `{prefix}keshi`, `{prefix}bangongshi`, … (七里营镇's have none).
    pub prefix: &'static str,
    pub office: &'static str,
    pub phone: &'static str,
}

/// The county itself.
pub(crate) const COUNTY: Spec = Spec {
    code: COUNTY_CODE,
    name: "新乡县人民政府",
    short: "县政府",
    kind: "government",
    level: "县级",
    prefix: "xian-",
    office: "新乡县人民政府办公室（县政务公开办）",
    phone: "0373-5581001",
};

/// The agencies under the county besides 七里营镇 (whose data is the seed's).
pub(crate) const OTHERS: [Spec; 5] = [
    Spec {
        code: "11410721MB1C75810K",
        name: "新乡县朗公庙镇人民政府",
        short: "朗公庙镇",
        kind: "government",
        level: "乡级",
        prefix: "lgm-",
        office: "朗公庙镇党政办公室",
        phone: "0373-5571001",
    },
    Spec {
        code: "11410721MB1C75920Y",
        name: "新乡县小冀镇人民政府",
        short: "小冀镇",
        kind: "government",
        level: "乡级",
        prefix: "xj-",
        office: "小冀镇党政办公室",
        phone: "0373-5591001",
    },
    Spec {
        code: "11410721005570030M",
        name: "新乡县民政局",
        short: "县民政局",
        kind: "department",
        level: "县级",
        prefix: "mz-",
        office: "县民政局办公室",
        phone: "0373-5582101",
    },
    Spec {
        code: "11410721MB0X43210D",
        name: "新乡县自然资源局",
        short: "县自然资源局",
        kind: "department",
        level: "县级",
        prefix: "zr-",
        office: "县自然资源局办公室",
        phone: "0373-5583101",
    },
    Spec {
        code: "11410721005570050F",
        name: "新乡县财政局",
        short: "县财政局",
        kind: "department",
        level: "县级",
        prefix: "cz-",
        office: "县财政局办公室",
        phone: "0373-5584101",
    },
];

/// (title, summary, 第二十条 item, topic, day): the day it was formed and published, or
/// `formed>published` for one published later.
pub(crate) type ItemSpec = (String, String, i64, &'static str, String);

/// Items that fit what the agency does, most in 2025, a few in 2026.
pub(crate) fn items_of(s: &Spec) -> Vec<ItemSpec> {
    let n = s.short;
    let item = |t: String, sum: &str, a: i64, topic: &'static str, d: &str| {
        (t, sum.to_string(), a, topic, d.to_string())
    };
    let mut out = vec![
        item(
            format!("{n}机构职能"),
            "机构设置、主要职能、办公地址和联系方式。",
            2,
            "机构职能",
            "2025-01-08",
        ),
        item(
            format!("{n}2025年部门预算公开"),
            "2025年一般公共预算收支和“三公”经费预算。",
            7,
            "财政预算",
            "2025-02-21",
        ),
        item(
            format!("{n}2024年部门决算公开"),
            "2024年度收支决算、“三公”经费决算。",
            7,
            "财政预算",
            "2025-08-18",
        ),
        item(
            format!("{n}2026年部门预算公开"),
            "2026年一般公共预算收支和“三公”经费预算。",
            7,
            "财政预算",
            "2026-02-24",
        ),
    ];
    let more: &[(&str, &str, i64, &str, &str)] = match s.prefix {
        "mz-" => &[
            (
                "新乡县2025年城乡低保标准调整的通知",
                "自2025年7月起提高城乡最低生活保障标准。",
                11,
                "社会保障",
                "2025-06-20",
            ),
            (
                "新乡县2025年第二季度特困人员供养金发放情况",
                "公示全县特困人员供养金发放情况。",
                11,
                "社会保障",
                "2025-07-10",
            ),
            (
                "新乡县高龄津贴发放办法",
                "80周岁以上老年人高龄津贴的申领条件和标准。",
                11,
                "社会保障",
                "2025-04-11",
            ),
            (
                "新乡县2026年第一季度临时救助情况",
                "公示全县临时救助人次和金额。",
                11,
                "社会保障",
                "2026-04-08",
            ),
        ],
        "zr-" => &[
            // Formed 03-02, published 04-20: later than 条例第二十六条's 20 working days, so
            // the supervisor's dashboard shows a late publication.
            (
                "关于七里营镇2026年第一批次城镇建设用地征收土地的预公告",
                "拟征收土地的位置、面积、用途和补偿安置方式。",
                10,
                "城乡建设",
                "2026-03-02>2026-04-20",
            ),
            (
                "新乡县国土空间总体规划（2021—2035年）",
                "经省政府批准的县级国土空间总体规划。",
                3,
                "城乡建设",
                "2025-03-14",
            ),
            (
                "关于七里营镇2025年第一批次城镇建设用地征收土地的预公告",
                "拟征收土地的位置、面积、用途和补偿安置方式。",
                10,
                "城乡建设",
                "2025-05-09",
            ),
            (
                "新乡县2025年第一批次征地补偿安置方案公告",
                "征地补偿标准、安置方式和社会保障安排。",
                10,
                "城乡建设",
                "2025-07-02",
            ),
            (
                "新乡县2026年度国有建设用地供应计划",
                "2026年度国有建设用地供应总量、结构和布局。",
                3,
                "城乡建设",
                "2026-03-06",
            ),
        ],
        "xian-" => &[
            (
                "新乡县2025年政府工作报告",
                "县第十七届人民代表大会第五次会议审议通过。",
                3,
                "综合政务",
                "2025-01-20",
            ),
            (
                "新乡县人民政府关于印发新乡县2025年重点民生实事的通知",
                "确定2025年十项重点民生实事及责任单位。",
                11,
                "综合政务",
                "2025-03-03",
            ),
            (
                "新乡县2025年政务公开工作要点",
                "全县政务公开重点任务和责任分工。",
                15,
                "政务公开",
                "2025-04-02",
            ),
            (
                "新乡县2026年政府工作报告",
                "县第十七届人民代表大会第六次会议审议通过。",
                3,
                "综合政务",
                "2026-01-22",
            ),
        ],
        "cz-" => &[
            (
                "新乡县2025年预算执行情况和2026年预算草案的报告",
                "提请县人民代表大会审议的预算报告。",
                7,
                "财政预算",
                "2026-01-12",
            ),
            (
                "新乡县2024年财政决算",
                "经县人大常委会批准的2024年财政决算。",
                7,
                "财政预算",
                "2025-08-28",
            ),
            (
                "新乡县2025年政府债务限额及余额情况",
                "全县政府债务限额、余额和使用情况。",
                7,
                "财政预算",
                "2025-09-19",
            ),
            (
                "新乡县2025年惠民惠农财政补贴资金发放情况",
                "通过“一卡通”发放的补贴项目和金额。",
                11,
                "农业农村",
                "2025-11-21",
            ),
        ],
        _ => &[
            (
                "2025年第二季度城乡居民最低生活保障动态管理公示",
                "本季度新增、停发、调整的低保对象。",
                11,
                "社会保障",
                "2025-06-25",
            ),
            (
                "2025年耕地地力保护补贴发放公示",
                "各村补贴面积、标准和金额。",
                11,
                "农业农村",
                "2025-05-22",
            ),
            (
                "关于做好2025年秋季秸秆禁烧工作的通知",
                "严禁露天焚烧秸秆，推进综合利用。",
                13,
                "生态环境",
                "2025-09-17",
            ),
            (
                "关于做好2026年汛期防汛工作的通知",
                "落实防汛责任，做好隐患排查和值班值守。",
                12,
                "应急管理",
                "2026-06-03",
            ),
        ],
    };
    for (t, sum, a, topic, d) in more {
        let title = match (s.kind, s.prefix) {
            ("government", p) if p != "xian-" => format!("{n}{t}"),
            _ => (*t).to_string(),
        };
        out.push(item(title, sum, *a, topic, d));
    }
    if s.prefix == "zr-" {
        // 县自然资源局 has not published its 2026 budget: its 财政预决算 column was last
        // updated in August 2025, and the dashboard lists it as 栏目不更新.
        out.retain(|i| !i.0.contains("2026年部门预算"));
    }
    out
}

pub(crate) type CaseSpec = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<Outcome>,
);

/// A year of applications of an agency by its login prefix (七里营镇's is empty).
pub(crate) fn cases_of(prefix: &str) -> Vec<CaseSpec> {
    use Outcome::*;
    match prefix {
        // 七里营镇: spread over 2025, the last one received in December and answered in
        // January, so its 2025 report carries one over (结转下年度).
        "" => vec![
            (
                "2025年七里营村低保对象名单及补助标准",
                "2025-02-17",
                Some("2025-03-07"),
                Some(Granted),
            ),
            (
                "八柳树村道路硬化工程的招标文件和验收资料",
                "2025-04-21",
                Some("2025-05-16"),
                Some(Partial),
            ),
            (
                "2025年耕地地力保护补贴发放明细（刘庄村）",
                "2025-06-09",
                Some("2025-06-27"),
                Some(Granted),
            ),
            (
                "镇政府研究龙泉村集体土地流转的会议纪要讨论稿",
                "2025-09-03",
                Some("2025-09-24"),
                Some(WithheldProcessInfo),
            ),
            (
                "某企业建设项目的环境影响评价批复",
                "2025-11-10",
                Some("2025-11-28"),
                Some(UnableNotHeld),
            ),
            (
                "2025年度宅基地审批台账",
                "2025-12-18",
                Some("2026-01-09"),
                Some(Granted),
            ),
        ],
        "mz-" => vec![
            (
                "2025年七里营镇低保对象名单",
                "2025-03-04",
                Some("2025-03-20"),
                Some(Granted),
            ),
            (
                "本人申请临时救助的审批材料",
                "2025-05-12",
                Some("2025-05-30"),
                Some(Granted),
            ),
            (
                "某养老机构2024年运营补贴发放明细",
                "2025-08-06",
                Some("2025-08-29"),
                Some(Partial),
            ),
            (
                "2026年高龄津贴发放名册",
                "2026-03-10",
                Some("2026-03-27"),
                Some(Granted),
            ),
        ],
        "zr-" => vec![
            (
                "七里营镇2025年第一批次征地的批准文件",
                "2025-05-20",
                Some("2025-06-12"),
                Some(Granted),
            ),
            (
                "征地补偿款的发放明细",
                "2025-07-15",
                Some("2025-08-08"),
                Some(Partial),
            ),
            (
                "某地块土地出让合同",
                "2025-09-02",
                Some("2025-09-24"),
                Some(Granted),
            ),
            (
                "某村集体土地被占用的卫星图片",
                "2025-10-20",
                Some("2025-11-14"),
                Some(UnableNotHeld),
            ),
            (
                "县城某小区规划许可证及附图",
                "2025-12-15",
                Some("2026-01-09"),
                Some(Granted),
            ),
            ("2026年土地征收成片开发方案", "2026-10-15", None, None),
        ],
        "cz-" => vec![
            (
                "2024年县本级“三公”经费支出明细",
                "2025-04-07",
                Some("2025-04-25"),
                Some(Granted),
            ),
            (
                "某专项资金拨付的内部请示",
                "2025-09-10",
                Some("2025-09-30"),
                Some(WithheldProcessInfo),
            ),
        ],
        _ => Vec::new(),
    }
}

/// The 基层政务公开标准目录 domain of a demo topic.
pub(crate) fn standard_domain(topic: &str) -> Option<&'static str> {
    Some(match topic {
        "社会保障" => "社会救助",
        "城乡建设" => "重大建设项目",
        "财政预算" => "财政预决算",
        "农业农村" => "涉农补贴",
        "应急管理" => "灾害救助",
        "生态环境" => "环境保护",
        "劳动就业" => "就业",
        "卫生健康" => "医疗卫生",
        _ => return None,
    })
}

/// The 第二十一条 matter an item's title belongs to, if any: 县级 and 乡级 governments also
/// publish 土地征收 and 社会救助 information.
pub(crate) fn article21_of(title: &str) -> Option<String> {
    let any = |words: &[&str]| words.iter().any(|w| title.contains(w));
    if any(&["征收", "征地"]) {
        Some("土地征收".into())
    } else if any(&["低保", "最低生活保障", "特困", "临时救助"]) {
        Some("社会救助".into())
    } else {
        None
    }
}
