//! Every 保密审查 flag an item's versions ever raised, and how each was resolved (issue 20: the
//! 审批表 said 「未发现」 although two flags had been raised and fixed).

use crate::auth::Actor;
use crate::{App, AppError};
use gongkai_domain::disclosure::scan;

/// One flag in the item's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagRecord {
    /// What was found, as the reviewer saw it (「身份证号码「…」」).
    pub label: String,
    /// The version that first raised it.
    pub raised_in: i64,
    /// How it was resolved: fixed in a later version, kept with a reason, or still open.
    pub resolution: String,
}

impl App {
    /// The item's flags, version by version, with their resolution.
    pub async fn flag_history(&self, actor: &Actor, id: i64) -> Result<Vec<FlagRecord>, AppError> {
        let view = self.item_view(actor, id).await?;
        let current = view.item.current_version;
        let texts = self.store.version_texts(id).await?;
        let accepted = self.store.all_flag_acceptances(id).await?;
        let mut records: Vec<(String, String, i64, i64)> = Vec::new();
        for (version, text) in &texts {
            for flag in scan(text) {
                let key = flag.key();
                match records.iter_mut().find(|r| r.0 == key) {
                    Some(r) => r.3 = *version,
                    None => records.push((
                        key,
                        flag.kind.label().to_string() + "「" + &flag.text + "」",
                        *version,
                        *version,
                    )),
                }
            }
        }
        Ok(records
            .into_iter()
            .map(|(key, label, first, last)| {
                let kept = accepted
                    .iter()
                    .rev()
                    .find(|(v, a)| *v == last && a.flag == key);
                let resolution = match (kept, last < current) {
                    (_, true) => format!("第{}版已修改删除", last + 1),
                    (Some((_, a)), false) => {
                        format!("{}确认保留，理由：{}", a.user_name, a.reason)
                    }
                    (None, false) => "尚未处理".to_string(),
                };
                FlagRecord {
                    label,
                    raised_in: first,
                    resolution,
                }
            })
            .collect())
    }
}
