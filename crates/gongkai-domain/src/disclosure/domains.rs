//! 基层政务公开标准目录: the 26 pilot domains for which 国务院部门 issued standard guidelines
//! (国办发〔2019〕54号《关于全面推进基层政务公开标准化规范化工作的指导意见》). Provinces have
//! since renamed or merged some (扶贫 → 乡村振兴, 征地补偿 → 自然资源, 灾害救助 → 救灾), so an
//! agency may keep its own list; this one is the default.

/// The 26 domains, in the order of the guidelines.
pub const STANDARD_DOMAINS: [&str; 26] = [
    "重大建设项目",
    "公共资源交易",
    "财政预决算",
    "安全生产",
    "税收管理",
    "征地补偿",
    "国有土地上房屋征收与补偿",
    "农村危房改造",
    "扶贫",
    "食品药品监管",
    "城市综合执法",
    "就业",
    "社会保险",
    "社会救助",
    "养老服务",
    "户籍管理",
    "涉农补贴",
    "义务教育",
    "环境保护",
    "公共文化服务",
    "公共法律服务",
    "医疗卫生",
    "市政服务",
    "灾害救助",
    "城乡规划",
    "保障性住房",
];
