//! The fixed table layouts of the annual report: 国办公开办函〔2021〕30号 and the 2019 trial
//! format of 国办公开办函〔2019〕60号 (regulations.md §2.3, §2.4). This file is a data table.

/// Which official format a report follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// 国办公开办函〔2019〕60号, the trial format used for the 2019 and 2020 reports.
    Trial2019,
    /// 国办公开办函〔2021〕30号, in use from the 2021 reports on.
    Current2021,
}

impl Format {
    /// The stable JSON name: `"2019"` or `"2021"`.
    pub fn code(self) -> &'static str {
        match self {
            Format::Trial2019 => "2019",
            Format::Current2021 => "2021",
        }
    }

    /// Parses [`Format::code`].
    pub fn parse(code: &str) -> Option<Format> {
        match code {
            "2019" => Some(Format::Trial2019),
            "2021" => Some(Format::Current2021),
            _ => None,
        }
    }

    /// The rows of table 三.
    pub fn application_rows(self) -> &'static [AppRow] {
        match self {
            Format::Trial2019 => APP_ROWS_2019,
            Format::Current2021 => APP_ROWS_2021,
        }
    }

    /// The rows of table 二.
    pub fn proactive_rows(self) -> &'static [ProactiveRow] {
        match self {
            Format::Trial2019 => PROACTIVE_2019,
            Format::Current2021 => PROACTIVE_2021,
        }
    }
}

/// Where a row of table 三 sits in the 勾稽关系.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppRowKind {
    /// 一、本年新收.
    New,
    /// 二、上年结转.
    CarriedIn,
    /// An outcome row of 三、本年度办理结果, in group （一）…（六） (1-based).
    Outcome(u8),
    /// （七）总计.
    Total,
    /// 四、结转下年度继续办理.
    CarriedOut,
}

/// A row of table 三.
#[derive(Debug)]
pub struct AppRow {
    /// Stable JSON key (product.md §5).
    pub key: &'static str,
    /// The label as printed in the format.
    pub label: &'static str,
    /// The group label printed beside the first sub-item (rowspan), if any.
    pub group: Option<&'static str>,
    /// Role in the arithmetic.
    pub kind: AppRowKind,
    /// Distinctive phrases that identify the row in any rendering of the label.
    pub keys: &'static [&'static str],
}

const fn row(
    key: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    kind: AppRowKind,
    keys: &'static [&'static str],
) -> AppRow {
    AppRow {
        key,
        label,
        group,
        kind,
        keys,
    }
}

const G3: Option<&str> = Some("（三）不予公开");
const G4: Option<&str> = Some("（四）无法提供");
const G5: Option<&str> = Some("（五）不予处理");
const G6: Option<&str> = Some("（六）其他处理");
use AppRowKind::{CarriedIn, CarriedOut, New, Outcome, Total};

macro_rules! app_rows {
    ($($tail:expr),* $(,)?) => {
        &[
            row("new", "一、本年新收政府信息公开申请数量", None, New, &["本年新收"]),
            row("carried_in", "二、上年结转政府信息公开申请数量", None, CarriedIn, &["上年结转"]),
            row("granted", "（一）予以公开", None, Outcome(1), &["予以公开"]),
            row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None, Outcome(2), &["部分公开"]),
            row("withheld_state_secret", "1.属于国家秘密", G3, Outcome(3), &["国家秘密"]),
            row("withheld_law_prohibited", "2.其他法律行政法规禁止公开", G3, Outcome(3), &["禁止公开", "法律行政"]),
            row("withheld_security_stability", "3.危及“三安全一稳定”", G3, Outcome(3), &["三安全", "一稳定"]),
            row("withheld_third_party", "4.保护第三方合法权益", G3, Outcome(3), &["第三方"]),
            row("withheld_internal_affairs", "5.属于三类内部事务信息", G3, Outcome(3), &["内部事务"]),
            row("withheld_process_info", "6.属于四类过程性信息", G3, Outcome(3), &["过程性"]),
            row("withheld_enforcement_file", "7.属于行政执法案卷", G3, Outcome(3), &["执法案卷"]),
            row("withheld_administrative_query", "8.属于行政查询事项", G3, Outcome(3), &["行政查询", "查询事项"]),
            row("unable_not_held", "1.本机关不掌握相关政府信息", G4, Outcome(4), &["不掌握"]),
            row("unable_needs_creation", "2.没有现成信息需要另行制作", G4, Outcome(4), &["另行制作", "没有现成"]),
            row("unable_still_unclear", "3.补正后申请内容仍不明确", G4, Outcome(4), &["仍不明确", "补正后"]),
            row("rejected_petition", "1.信访举报投诉类申请", G5, Outcome(5), &["信访"]),
            row("rejected_repeated", "2.重复申请", G5, Outcome(5), &["重复申请"]),
            row("rejected_publication", "3.要求提供公开出版物", G5, Outcome(5), &["出版物"]),
            row("rejected_excessive", "4.无正当理由大量反复申请", G5, Outcome(5), &["大量反复"]),
            row("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息", G5, Outcome(5), &["确认或重新", "重新出具", "机关确认"]),
            $($tail,)*
            row("total", "（七）总计", None, Total, &["总计"]),
            row("carried_out", "四、结转下年度继续办理", None, CarriedOut, &["结转下年", "下年度继续"]),
        ]
    };
}

static APP_ROWS_2021: &[AppRow] = app_rows![
    row(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        G6,
        Outcome(6),
        &["逾期不补", "不补正"]
    ),
    row(
        "other_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        G6,
        Outcome(6),
        &["收费通知", "缴纳费用"]
    ),
    row(
        "other_other",
        "3.其他",
        G6,
        Outcome(6),
        &["=3.其他", "=其他"]
    ),
];

static APP_ROWS_2019: &[AppRow] = app_rows![row(
    "other",
    "（六）其他处理",
    None,
    Outcome(6),
    &["其他处理"]
)];

/// A numeric column of a table.
#[derive(Debug)]
pub struct Column {
    /// Stable JSON key.
    pub key: &'static str,
    /// The header as printed.
    pub label: &'static str,
    /// The cell may be negative (2019 "本年增/减").
    pub signed: bool,
    /// The cell may be a decimal (amounts, in 万元 or 元).
    pub decimal: bool,
}

const fn col(key: &'static str, label: &'static str) -> Column {
    Column {
        key,
        label,
        signed: false,
        decimal: false,
    }
}

/// The seven applicant columns of table 三, in printed order; the last is 总计.
pub static APPLICANT_COLUMNS: [Column; 7] = [
    col("natural_person", "自然人"),
    col("commercial", "商业企业"),
    col("research", "科研机构"),
    col("public_interest", "社会公益组织"),
    col("legal_services", "法律服务机构"),
    col("other", "其他"),
    col("total", "总计"),
];

/// Index of the 总计 column in [`APPLICANT_COLUMNS`].
pub const TOTAL_COLUMN: usize = 6;

/// The three groups of table 四 (行政复议, 未经复议直接起诉, 复议后起诉).
pub static APPEAL_GROUPS: [(&str, &str); 3] = [
    ("reconsideration", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_reconsideration", "复议后起诉"),
];

/// The five columns of each group of table 四; the last is 总计.
pub static APPEAL_COLUMNS: [Column; 5] = [
    col("upheld", "结果维持"),
    col("corrected", "结果纠正"),
    col("other", "其他结果"),
    col("pending", "尚未审结"),
    col("total", "总计"),
];

/// A data row of table 二.
#[derive(Debug)]
pub struct ProactiveRow {
    /// Stable JSON key.
    pub key: &'static str,
    /// The label as printed.
    pub label: &'static str,
    /// The caption of its sub-table, e.g. "第二十条第（一）项".
    pub caption: &'static str,
    /// Its columns.
    pub columns: &'static [Column],
    /// Phrases that identify the row.
    pub keys: &'static [&'static str],
}

const ART20_1: &str = "第二十条第（一）项";
const ART20_5: &str = "第二十条第（五）项";
const ART20_6: &str = "第二十条第（六）项";
const ART20_8: &str = "第二十条第（八）项";
const ART20_9: &str = "第二十条第（九）项";

static DOCS_2021: [Column; 3] = [
    col("issued", "本年制发件数"),
    col("abolished", "本年废止件数"),
    col("valid", "现行有效件数"),
];
static DECISIONS_2021: [Column; 1] = [col("decisions", "本年处理决定数量")];
static FEES_2021: [Column; 1] = [Column {
    key: "amount_wan_yuan",
    label: "本年收费金额（单位：万元）",
    signed: false,
    decimal: true,
}];

static PROACTIVE_2021: &[ProactiveRow] = &[
    ProactiveRow {
        key: "regulations",
        label: "规章",
        caption: ART20_1,
        columns: &DOCS_2021,
        keys: &["规章"],
    },
    ProactiveRow {
        key: "normative_documents",
        label: "行政规范性文件",
        caption: ART20_1,
        columns: &DOCS_2021,
        keys: &["规范性文件"],
    },
    ProactiveRow {
        key: "licensing",
        label: "行政许可",
        caption: ART20_5,
        columns: &DECISIONS_2021,
        keys: &["行政许可"],
    },
    ProactiveRow {
        key: "penalties",
        label: "行政处罚",
        caption: ART20_6,
        columns: &DECISIONS_2021,
        keys: &["行政处罚"],
    },
    ProactiveRow {
        key: "enforcement",
        label: "行政强制",
        caption: ART20_6,
        columns: &DECISIONS_2021,
        keys: &["行政强制"],
    },
    ProactiveRow {
        key: "fees",
        label: "行政事业性收费",
        caption: ART20_8,
        columns: &FEES_2021,
        keys: &["事业性收费"],
    },
];

static DOCS_2019: [Column; 3] = [
    col("made", "本年新制作数量"),
    col("published", "本年新公开数量"),
    col("total", "对外公开总数量"),
];
static ITEMS_2019: [Column; 3] = [
    col("previous", "上一年项目数量"),
    Column {
        key: "change",
        label: "本年增/减",
        signed: true,
        decimal: false,
    },
    col("decisions", "处理决定数量"),
];
static FEES_2019: [Column; 2] = [
    col("previous", "上一年项目数量"),
    Column {
        key: "change",
        label: "本年增/减",
        signed: true,
        decimal: false,
    },
];
static PROCUREMENT_2019: [Column; 2] = [
    col("count", "采购项目数量"),
    Column {
        key: "amount",
        label: "采购总金额",
        signed: false,
        decimal: true,
    },
];

static PROACTIVE_2019: &[ProactiveRow] = &[
    ProactiveRow {
        key: "regulations",
        label: "规章",
        caption: ART20_1,
        columns: &DOCS_2019,
        keys: &["规章"],
    },
    ProactiveRow {
        key: "normative_documents",
        label: "规范性文件",
        caption: ART20_1,
        columns: &DOCS_2019,
        keys: &["规范性文件"],
    },
    ProactiveRow {
        key: "licensing",
        label: "行政许可",
        caption: ART20_5,
        columns: &ITEMS_2019,
        keys: &["行政许可"],
    },
    ProactiveRow {
        key: "other_services",
        label: "其他对外管理服务事项",
        caption: ART20_5,
        columns: &ITEMS_2019,
        keys: &["对外管理服务"],
    },
    ProactiveRow {
        key: "penalties",
        label: "行政处罚",
        caption: ART20_6,
        columns: &ITEMS_2019,
        keys: &["行政处罚"],
    },
    ProactiveRow {
        key: "enforcement",
        label: "行政强制",
        caption: ART20_6,
        columns: &ITEMS_2019,
        keys: &["行政强制"],
    },
    ProactiveRow {
        key: "fees",
        label: "行政事业性收费",
        caption: ART20_8,
        columns: &FEES_2019,
        keys: &["事业性收费"],
    },
    ProactiveRow {
        key: "procurement",
        label: "政府集中采购",
        caption: ART20_9,
        columns: &PROCUREMENT_2019,
        keys: &["集中采购"],
    },
];

/// The six sections every report has, in order (条例第五十条; regulations.md §2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionKind {
    /// 一、总体情况.
    Overview,
    /// 二、主动公开政府信息情况.
    Proactive,
    /// 三、收到和处理政府信息公开申请情况.
    Applications,
    /// 四、政府信息公开行政复议、行政诉讼情况.
    Appeals,
    /// 五、存在的主要问题及改进情况.
    Problems,
    /// 六、其他需要报告的事项.
    Other,
}

impl SectionKind {
    /// All six, in the official order.
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Overview,
        SectionKind::Proactive,
        SectionKind::Applications,
        SectionKind::Appeals,
        SectionKind::Problems,
        SectionKind::Other,
    ];

    /// 1-based position in the official order.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The official title, without its numeral.
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Overview => "总体情况",
            SectionKind::Proactive => "主动公开政府信息情况",
            SectionKind::Applications => "收到和处理政府信息公开申请情况",
            SectionKind::Appeals => "政府信息公开行政复议、行政诉讼情况",
            SectionKind::Problems => "存在的主要问题及改进情况",
            SectionKind::Other => "其他需要报告的事项",
        }
    }

    /// Stable JSON name.
    pub fn code(self) -> &'static str {
        match self {
            SectionKind::Overview => "overview",
            SectionKind::Proactive => "proactive",
            SectionKind::Applications => "applications",
            SectionKind::Appeals => "appeals",
            SectionKind::Problems => "problems",
            SectionKind::Other => "other",
        }
    }

    /// Parses [`SectionKind::code`].
    pub fn parse(code: &str) -> Option<SectionKind> {
        SectionKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Phrases that identify the heading in its common variants (all must occur).
    pub fn heading_keys(self) -> &'static [&'static str] {
        match self {
            SectionKind::Overview => &["总体情况"],
            SectionKind::Proactive => &["主动公开政府信息"],
            SectionKind::Applications => &["收到和处理"],
            SectionKind::Appeals => &["复议", "诉讼"],
            SectionKind::Problems => &["主要问题"],
            SectionKind::Other => &["其他需要报告"],
        }
    }
}

/// Chinese numerals 一 to 十 used for section numbers.
pub const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// The numeral for a 1-based section number.
pub fn numeral(n: u8) -> char {
    NUMERALS
        .get(usize::from(n).saturating_sub(1))
        .copied()
        .unwrap_or('?')
}
