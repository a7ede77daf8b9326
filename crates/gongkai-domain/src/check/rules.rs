//! The stable rule codes. This file is a data table.

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A note on how the input was read.
    Info,
    /// A format deviation or something a reviewer must look at.
    Warning,
    /// The numbers cannot all be true.
    Error,
}

impl Severity {
    /// Stable name: `info`, `warning`, `error`.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Chinese name for people.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }

    /// Parses [`Severity::code`].
    pub fn parse(code: &str) -> Option<Severity> {
        [Severity::Info, Severity::Warning, Severity::Error]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

macro_rules! rules {
    ($($variant:ident = $code:literal, $severity:ident, $doc:literal;)*) => {
        /// A checker rule or a parser diagnostic, with its stable public code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $(#[doc = $doc] $variant,)*
        }

        impl Rule {
            /// Every rule, in documentation order.
            pub const ALL: &[Rule] = &[$(Rule::$variant,)*];

            /// The stable code.
            pub fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code,)* }
            }

            /// The severity its findings carry.
            pub fn severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            /// What the rule checks.
            pub fn description(self) -> &'static str {
                match self { $(Rule::$variant => $doc,)* }
            }

            /// Parses [`Rule::code`].
            pub fn parse(code: &str) -> Option<Rule> {
                match code { $($code => Some(Rule::$variant),)* _ => None }
            }
        }
    };
}

rules! {
    AppsBalance = "apps-balance", Error, "表三每一列：一 + 二 = （七）总计 + 四";
    AppsOutcomeSum = "apps-outcome-sum", Error, "表三每一列：（七）总计 = （一）至（六）各办理结果行之和";
    AppsColumnSum = "apps-column-sum", Error, "表三每一行：总计 = 自然人 + 五类法人或其他组织";
    AppealsSum = "appeals-sum", Error, "表四：每组总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结";
    ValueInvalid = "value-invalid", Error, "单元格为负数、应为整数处填了小数，或不是数字";
    CrossYearCarryover = "cross-year-carryover", Error, "与上年报告对比：本年「上年结转」= 上年「结转下年度继续办理」，逐列";
    FormatMissingSection = "format-missing-section", Warning, "缺少六个部分之一";
    FormatSectionOrder = "format-section-order", Warning, "六个部分的顺序或编号（一至六）不对";
    FormatMissingTable = "format-missing-table", Warning, "缺少表二、表三或表四";
    FormatMissingRow = "format-missing-row", Warning, "表格缺少规定的行";
    FormatMissingColumn = "format-missing-column", Warning, "表格缺少规定的列（如表三没有总计列）";
    FormatExtraRow = "format-extra-row", Warning, "表格有规定格式之外的行或列（如小计行）";
    FormatObsolete = "format-obsolete", Warning, "2021年及以后的报告使用了2019年试行格式，或引用已废止的国务院令第492号";
    NarrativeMismatch = "narrative-mismatch", Warning, "正文所述数字与表格不一致";
    CellsBlank = "cells-blank", Warning, "应填数字处留空或填“/”“-”“不适用”（每表报告一次）；空白的总计按各栏之和推算";
    YearMismatch = "year-mismatch", Warning, "标题年份、统计期限与其他日期不一致，或日期写法有误";
    ScopeMismatch = "scope-mismatch", Warning, "出现本机关不可能有的数字（如乡镇、县级机关制发规章）";
    CrossYearValidDocs = "cross-year-valid-docs", Warning, "与上年报告对比：现行有效件数 ≠ 上年现行有效 + 本年制发 − 本年废止";
    CrossYearIdentical = "cross-year-identical", Warning, "与上年报告对比：表格或正文与上年（几乎）相同";
    ParseEncoding = "parse-encoding", Info, "文件不是 UTF-8，说明按哪种编码读取";
    ParseUnreadable = "parse-unreadable", Warning, "文件中找不到年度报告的内容";
    ParseTruncated = "parse-truncated", Warning, "文本在报告结束前中断，内容不完整";
    ParseNoValues = "parse-no-values", Warning, "表格只有标签、没有数值";
    ParseAmbiguousSplit = "parse-ambiguous-split", Warning, "连在一起的数字有多种拆分方式，无法确定，相关单元格未读取";
    ParseUncertain = "parse-uncertain", Warning, "读取有疑问：某些单元格无法确定（列对不上、数值缺失或多出、拆分不唯一），依赖它们的勾稽关系无法核对，不据此报错";
    ParseSplitResolved = "parse-split-resolved", Info, "连在一起的数字按表格自身的勾稽关系拆分";
    ParseLabelTolerated = "parse-label-tolerated", Info, "标签与规定写法不同（繁体、错字、空格），已按规定标签识别";
    ParseShortRow = "parse-short-row", Info, "一行的数值少于列数（网页复制时丢失），缺少的单元格按0计";
    ParseExtraCells = "parse-extra-cells", Warning, "一行的数值多于列数，多出的数值未读取";
    ParseReadingChosen = "parse-reading-chosen", Info, "表格有几种可能的读法（如表头与数据行的列数不一致），按表格自身的勾稽关系选定一种，并说明理由";
    ParsePositionAligned = "parse-position-aligned", Info, "按列位置对齐 PDF 文本中的数值";
}
