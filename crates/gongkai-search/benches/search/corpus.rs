//! A deterministic corpus of realistic 主动公开 items: titles and bodies assembled from the
//! wording of real town and county disclosures, 索引号 and 文号 in the official shapes.

use gongkai_search::Doc;

/// A small, fast, seeded generator (xorshift64*): the same corpus on every run.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next_u64() % from.len() as u64) as usize]
    }
}

const PLACES: [&str; 24] = [
    "七里营镇",
    "朗公庙镇",
    "小冀镇",
    "翟坡镇",
    "古固寨镇",
    "大召营镇",
    "合河乡",
    "大块镇",
    "龙泉村",
    "八柳树村",
    "刘庄村",
    "东曹村",
    "西永康村",
    "南关村",
    "北街村",
    "王屯村",
    "新乡县",
    "获嘉县",
    "原阳县",
    "延津县",
    "封丘县",
    "长垣市",
    "卫辉市",
    "辉县市",
];
const SUBJECTS: [&str; 30] = [
    "城乡居民最低生活保障动态管理",
    "临时救助发放",
    "特困人员供养",
    "耕地地力保护补贴发放",
    "道路硬化工程招标",
    "道路硬化工程中标结果",
    "秸秆禁烧和综合利用",
    "汛期防汛工作",
    "冬季森林防火工作",
    "农村人居环境整治",
    "公益性岗位招聘",
    "政府信息公开工作",
    "部门预算公开",
    "部门决算公开",
    "政府采购意向",
    "城乡居民医疗保险集中征缴",
    "退役军人优待金发放",
    "农村危房改造",
    "农村饮水安全工程",
    "高标准农田建设",
    "安全生产大检查",
    "食品安全监督抽检",
    "义务教育招生",
    "残疾人两项补贴发放",
    "计划生育奖励扶助",
    "乡村振兴衔接资金项目",
    "河长制工作",
    "疫苗接种",
    "行政执法公示",
    "双随机一公开抽查结果",
];
const KINDS: [&str; 9] = [
    "公示",
    "通知",
    "公告",
    "通报",
    "工作方案",
    "实施方案",
    "情况报告",
    "管理办法",
    "工作要点",
];
const SENTENCES: [&str; 16] = [
    "根据上级有关文件精神，结合本地实际，现将有关事项公开如下。",
    "各村（社区）要高度重视，明确责任分工，确保各项工作落到实处。",
    "公示期间，如有异议，请以书面形式向镇党政办公室反映。",
    "本项目资金来源为财政专项资金，实行专款专用，接受社会监督。",
    "坚持公开、公平、公正原则，严格按照规定程序办理。",
    "对弄虚作假、骗取补贴的，一经查实，依法依规严肃处理。",
    "进一步推进政务公开标准化规范化建设，保障群众知情权、参与权和监督权。",
    "加强组织领导，压实工作责任，确保按时保质完成各项任务。",
    "严格落实“先审查、后公开”和“一事一审”制度。",
    "做好隐患排查、物资储备和值班值守，确保人民群众生命财产安全。",
    "补贴资金通过“一卡通”直接发放到户，不得截留挪用。",
    "符合条件的群众可携带身份证明和相关材料到便民服务中心办理。",
    "本通知自印发之日起施行，有效期五年。",
    "各单位要于每月底前报送工作进展情况。",
    "群众满意度测评结果将纳入年度考核。",
    "欢迎社会各界监督，监督电话见政府信息公开指南。",
];

/// The `i`-th item of the corpus.
pub(crate) fn doc(i: u64) -> Doc {
    let mut r = Rng::new(i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03);
    for _ in 0..3 {
        r.next_u64();
    }
    let year = 2019 + (r.next_u64() % 8);
    let place = r.pick(&PLACES);
    let subject = r.pick(&SUBJECTS);
    let kind = r.pick(&KINDS);
    let month = 1 + r.next_u64() % 12;
    let title = match r.next_u64() % 3 {
        0 => format!("{place}{year}年{subject}{kind}"),
        1 => format!("关于做好{year}年{subject}的{kind}"),
        _ => format!("{place}{year}年{month}月{subject}{kind}"),
    };
    let mut text = format!("{place}{subject}相关情况。");
    for _ in 0..(4 + r.next_u64() % 5) {
        text.push_str(r.pick(&SENTENCES));
    }
    let agency = i % 400;
    Doc {
        id: i64::try_from(i).unwrap_or(i64::MAX),
        agency_id: i64::try_from(agency).unwrap_or(0),
        agency_name: format!("{place}人民政府"),
        index_no: format!(
            "1141{agency:04}MB{:07}X/{year}-{:05}",
            agency * 7,
            i % 100_000
        ),
        doc_no: if i.is_multiple_of(5) {
            format!(
                "{}政〔{year}〕{}号",
                place.chars().next().unwrap_or('新'),
                i % 997 + 1
            )
        } else {
            String::new()
        },
        title,
        text,
        topic: "综合政务".into(),
        published_on: format!("{year}-{month:02}-15"),
        validity: if i.is_multiple_of(17) {
            "abolished".into()
        } else {
            "valid".into()
        },
    }
}

/// The fixed query set: two-character words, longer phrases, several terms, a 文号, an 索引号.
pub(crate) fn queries(n: u64) -> Vec<String> {
    let mut q: Vec<String> = [
        "公开",
        "救助",
        "防汛",
        "招标",
        "补贴",
        "政府信息公开",
        "城乡居民最低生活保障",
        "秸秆禁烧",
        "道路硬化工程中标结果",
        "危房改造 公示",
        "医疗保险 征缴",
        "七里营镇 临时救助",
        "高标准农田建设",
        "双随机一公开",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    q.push(doc(n / 8 * 5).doc_no);
    q.push(doc(n / 9 * 7).index_no);
    q.push(doc(n / 31).index_no);
    q
}

/// Whether a document contains every whitespace-separated term (the exact substring truth).
pub(crate) fn contains_all(d: &Doc, query: &str) -> bool {
    let hay = format!("{}\n{}\n{}\n{}", d.title, d.text, d.doc_no, d.index_no).to_lowercase();
    query
        .split_whitespace()
        .all(|t| hay.contains(&t.to_lowercase()))
}
