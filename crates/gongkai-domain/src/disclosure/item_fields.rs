//! The metadata a drafter edits: the 政府信息公开目录 fields of an item (product.md §2.1).

use crate::clock::Date;

/// The metadata a drafter edits (product.md §2.1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemFields {
    /// 标题.
    pub title: String,
    /// 内容概述.
    pub summary: String,
    /// 正文.
    pub body: String,
    /// 发布机构.
    pub publisher: String,
    /// 主题分类.
    pub topic: String,
    /// 文号.
    pub doc_no: String,
    /// 成文日期.
    pub written_on: Option<Date>,
    /// 主题词.
    pub keywords: String,
    /// 第二十条 item (1–15).
    pub article20_item: Option<i64>,
    /// 第二十一条 local item.
    pub article21_item: Option<String>,
    /// 标准目录 domain.
    pub domain: Option<String>,
}
