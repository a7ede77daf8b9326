//! Agency settings: what the 政府信息公开指南 (条例第十二条) says about the agency, and which
//! application channels it accepts. Stored as JSON with the agency; missing keys take defaults.

use crate::auth::Actor;
use crate::{App, AppError};
use gongkai_domain::disclosure::{DEFAULT_TOPICS, Permission, STANDARD_DOMAINS};
use serde::{Deserialize, Serialize};

/// The settings of one agency.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgencySettings {
    /// 政府信息公开工作机构 (e.g. 党政办公室).
    pub office: String,
    /// 办公地址.
    pub address: String,
    /// 办公时间.
    pub hours: String,
    /// 联系电话.
    pub phone: String,
    /// 传真.
    pub fax: String,
    /// 邮政编码.
    pub postcode: String,
    /// 电子邮箱.
    pub email: String,
    /// 网站.
    pub website: String,
    /// Channels accepted for applications: `online`, `in_person`, `registered_mail`, `mail`, `fax`.
    pub channels: Vec<String>,
    /// 政府信息公开制度 (the agency's rules, plain text paragraphs).
    pub rules: String,
    /// 行政复议机关 named in letters (empty: the agency above; 行政复议法 2023 revision: for a
    /// 乡镇 or a county department normally the county 人民政府; vertically managed agencies
    /// differ, so it is configurable).
    pub reconsideration_body: String,
    /// 标准目录 domains offered for items (empty: the 26 of 国办发〔2019〕54号).
    pub domains: Vec<String>,
    /// 主题分类 offered for items (empty: [`DEFAULT_TOPICS`]).
    pub topics: Vec<String>,
    /// 督查: the 专栏 columns (标准目录 domains) the agency's supervisor watches for 栏目不更新
    /// (empty: 财政预决算).
    pub watched_columns: Vec<String>,
    /// 督查: a watched column not updated for more than this many days is stale (0: 365, the
    /// 政府网站检查指标's year for a column such as 财政预决算).
    pub stale_days: u32,
    /// 文号 prefix by letter kind (`answer` → 七政依申): letters of a kind with a prefix are
    /// numbered 七政依申〔2026〕1号, 2号, … per year; without one they carry no 文号.
    pub letter_prefixes: std::collections::BTreeMap<String, String>,
}

/// The Chinese name of an application channel.
pub fn channel_label(channel: &str) -> &'static str {
    match channel {
        "online" => "网上申请（本专栏“依申请公开”栏目在线填写）",
        "in_person" => "当面申请（到办公地点填写申请表）",
        "registered_mail" => "挂号信或 EMS 邮寄申请",
        "mail" => "平常信函邮寄申请",
        "fax" => "传真申请",
        _ => "其他方式",
    }
}

impl AgencySettings {
    /// Reads stored JSON; unreadable JSON gives the defaults.
    pub fn from_json(text: &str) -> AgencySettings {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// The domains offered for items: the agency's own list, or the standard 26.
    pub fn domain_list(&self) -> Vec<String> {
        if self.domains.is_empty() {
            STANDARD_DOMAINS.iter().map(|d| d.to_string()).collect()
        } else {
            self.domains.clone()
        }
    }

    /// The 主题分类 offered for items.
    pub fn topic_list(&self) -> Vec<String> {
        if self.topics.is_empty() {
            DEFAULT_TOPICS.iter().map(|d| d.to_string()).collect()
        } else {
            self.topics.clone()
        }
    }

    /// The columns watched for 栏目不更新.
    pub fn watched(&self) -> Vec<String> {
        match self.watched_columns.is_empty() {
            true => vec!["财政预决算".to_string()],
            false => self.watched_columns.clone(),
        }
    }

    /// Days after which a watched column is stale.
    pub fn stale_after(&self) -> u32 {
        match self.stale_days {
            0 => 365,
            n => n,
        }
    }

    /// The JSON to store.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }
}

impl App {
    /// An agency's settings.
    pub async fn settings(&self, agency_id: i64) -> Result<AgencySettings, AppError> {
        let agency = self
            .store
            .agency(agency_id)
            .await?
            .ok_or(AppError::NotFound("机关"))?;
        Ok(AgencySettings::from_json(&agency.settings))
    }

    /// Replaces the settings of the admin's agency.
    pub async fn save_settings(&self, actor: &Actor, s: &AgencySettings) -> Result<(), AppError> {
        actor.require(Permission::Administer)?;
        let known = ["online", "in_person", "registered_mail", "mail", "fax"];
        if s.channels.iter().any(|c| !known.contains(&c.as_str())) {
            return Err(AppError::Invalid("申请渠道无效".into()));
        }
        if s.watched_columns.len() > 30 || s.watched_columns.iter().any(|c| c.chars().count() > 30)
        {
            return Err(AppError::Invalid(
                "需定期更新的栏目最多 30 个，每个不超过 30 字".into(),
            ));
        }
        if s.stale_days > 3650 {
            return Err(AppError::Invalid("栏目不更新的天数应为1至3650".into()));
        }
        let kinds = gongkai_domain::letters::LetterKind::ALL.map(|k| k.as_str());
        let bad_prefix = |(k, p): (&String, &String)| {
            !kinds.contains(&k.as_str()) || p.chars().count() > 20 || p.contains(['{', '}'])
        };
        if s.letter_prefixes.iter().any(bad_prefix) {
            return Err(AppError::Invalid("文书文号的代字不超过 20 字".into()));
        }
        if s.domains.iter().any(|d| d.chars().count() > 30) {
            return Err(AppError::Invalid("标准目录领域名称不超过 30 字".into()));
        }
        let mut tx = self.begin_as(actor).await?;
        tx.set_agency_settings(actor.agency_id, &s.to_json(), &actor.username)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
