//! 主题分类: the subjects an item is filed under in the 政府信息公开目录. Each agency keeps a
//! controlled list (issue 20: it had been free text, so one subject was spelled three ways);
//! this is the default, the subjects a county's agencies commonly use. It is not an official
//! enumeration: the 系统管理员 adapts it in the agency's settings.

/// The default list of 主题分类.
pub const DEFAULT_TOPICS: [&str; 20] = [
    "综合政务",
    "机构职能",
    "政务公开",
    "规划计划",
    "财政预算",
    "统计信息",
    "行政许可",
    "行政处罚",
    "社会保障",
    "劳动就业",
    "卫生健康",
    "教育",
    "农业农村",
    "城乡建设",
    "自然资源",
    "生态环境",
    "应急管理",
    "交通运输",
    "市场监管",
    "其他",
];
