//! 年报 一（五） 监督保障 (issue 16), drafted from the year's records: the 保密审查 before each
//! publication and the flags kept with a reason, the 整改通知 the agency received and how many
//! were accepted, the 社会评议 and its 满意率, and the 责任追究 cases.

use crate::{App, AppError};
use gongkai_domain::rectification::NoticeState;

impl App {
    /// The sentence of 一（五） for `agency_id` in `year`.
    pub(crate) async fn supervision_sentence(
        &self,
        agency_id: i64,
        agency: &str,
        year: i32,
    ) -> Result<String, AppError> {
        let notices = self.store.notices_to(agency_id).await?;
        let notices: Vec<_> = notices
            .iter()
            .filter(|n| n.issued_on.year() == year)
            .collect();
        let accepted = notices
            .iter()
            .filter(|n| n.state == NoticeState::Accepted)
            .count();
        let ratings = self.rating_summaries_of(year).await?;
        let rated = ratings
            .iter()
            .find(|(id, _)| *id == agency_id)
            .map(|(_, s)| *s);
        let records = self.store.accountability(Some(agency_id), None).await?;
        let cases = records.iter().filter(|r| r.on.year() == year).count();
        let (reviewed, kept) = self.store.security_reviews(agency_id, year).await?;
        let secrecy = match (reviewed, kept) {
            (0, _) => "坚持“先审查、后公开”".to_string(),
            (n, 0) => format!("坚持“先审查、后公开”“一事一审”，公开前保密审查信息{n}条"),
            (n, k) => format!(
                "坚持“先审查、后公开”“一事一审”，公开前保密审查信息{n}条，经审核确认保留的保密审查提示{k}处均记录理由"
            ),
        };
        let rectify = match notices.len() {
            0 => "未收到上级机关整改通知".to_string(),
            n => format!("收到上级机关整改通知{n}件，已整改并通过验收{accepted}件"),
        };
        let opinion = match rated.and_then(|s| s.rate().map(|r| (s.total, r))) {
            Some((n, r)) => format!("社会评议中群众评价{n}次，满意率{:.1}%", r * 100.0),
            None => "未收到社会评议".to_string(),
        };
        let blame = match cases {
            0 => "全年未发生相关责任追究事件".to_string(),
            n => format!("发生政府信息公开责任追究{n}起"),
        };
        Ok(format!(
            "（五）监督保障：{year}年，{agency}{secrecy}；{rectify}；{opinion}；{blame}。"
        ))
    }
}
