//! 社会评议 (issue 16): anyone rates a published item; an applicant rates the answer to their
//! application (once, changeable within 15 days); a 差评 with a comment asks the agency to
//! follow it up within 15 working days. Comments reach only the agency's registrar and
//! approver; the public sees counts and the 满意率.

use crate::auth::Actor;
use crate::{App, AppError};
use gongkai_domain::clock::{Date, State};
use gongkai_domain::disclosure::Permission;
use gongkai_domain::fields::NOTE;
use gongkai_domain::rating::{CHANGE_DAYS, FOLLOW_UP_DAYS, Level, MAX_COMMENT_CHARS, satisfaction};
use gongkai_store::ratings::{NewRating, Rating, Target};

/// An agency's ratings this year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RatingSummary {
    /// Ratings.
    pub total: i64,
    /// In the top three levels.
    pub satisfied: i64,
}

impl RatingSummary {
    /// 满意率, as a share.
    pub fn rate(&self) -> Option<f64> {
        satisfaction(self.satisfied, self.total)
    }

    /// "12 次评价，满意率 91.7%" or "暂无评价".
    pub fn label(&self) -> String {
        match self.rate() {
            Some(r) => format!("{} 次评价，满意率 {:.1}%", self.total, r * 100.0),
            None => "暂无评价".into(),
        }
    }
}

/// A 差评 to follow up, as the agency's staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    /// The rating.
    pub id: i64,
    /// What was rated, in words (信息 #12, 申请 2025-…).
    pub target: String,
    /// The level.
    pub level: Level,
    /// The rater's words.
    pub comment: String,
    /// Due (15 working days).
    pub due_on: Option<Date>,
    /// The response, once given.
    pub response: String,
    /// When.
    pub responded_on: Option<Date>,
    /// Past due without a response.
    pub overdue: bool,
}

fn comment(text: &str) -> Result<String, AppError> {
    let text = NOTE.clean(text)?;
    if text.chars().count() > MAX_COMMENT_CHARS {
        return Err(AppError::Invalid(format!(
            "评价意见不超过 {MAX_COMMENT_CHARS} 字"
        )));
    }
    Ok(text.trim().to_string())
}

impl App {
    /// The follow-up day of a rating given today, if it calls for one.
    fn due_for(&self, level: Level, comment: &str) -> Option<Date> {
        (level.is_bad() && !comment.is_empty()).then(|| {
            self.calendar()
                .add_working_days(self.today(), FOLLOW_UP_DAYS)
                .date
        })
    }

    /// Rates item `id` of `agency_id`'s 专栏 (anonymous; the web limits how often).
    pub async fn rate_item(
        &self,
        agency_id: i64,
        id: i64,
        level: Level,
        text: &str,
    ) -> Result<(), AppError> {
        self.public_item_of(agency_id, id).await?;
        let text = comment(text)?;
        let key = id.to_string();
        let new = NewRating {
            agency_id,
            target: Target::Item,
            target_id: &key,
            level,
            comment: &text,
            due_on: self.due_for(level, &text),
            at: self.clock.now_ms(),
        };
        let mut tx = self.begin_scoped(Some(agency_id), "").await?;
        tx.insert_rating(&new).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The applicant rates the answer (查询码 and 查询密码): once per application, changeable
    /// within 15 days of the first rating.
    pub async fn rate_answer(
        &self,
        code: &str,
        password: &str,
        level: Level,
        text: &str,
    ) -> Result<(), AppError> {
        let view = self.track(code, password).await?;
        if !matches!(view.status.state, State::Closed(_)) {
            return Err(AppError::NotNow("申请办结后才能评价".into()));
        }
        let text = comment(text)?;
        let code = view.case.tracking_code.as_str();
        let new = NewRating {
            agency_id: view.case.agency_id,
            target: Target::Application,
            target_id: code,
            level,
            comment: &text,
            due_on: self.due_for(level, &text),
            at: self.clock.now_ms(),
        };
        let earlier = self.store.rating_of(Target::Application, code).await?;
        let mut tx = self.begin_scoped(Some(view.case.agency_id), "").await?;
        match earlier {
            Some(r) if self.days_since(r.at) > i64::from(CHANGE_DAYS) => {
                return Err(AppError::NotNow(format!(
                    "评价已超过{CHANGE_DAYS}日，不能再修改"
                )));
            }
            Some(r) => tx.change_rating(r.id, &new).await?,
            None => {
                tx.insert_rating(&new).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// The applicant's rating of their answer, if any.
    pub async fn answer_rating(&self, code: &str) -> Result<Option<Level>, AppError> {
        let r = self
            .store
            .rating_of(Target::Application, code.trim())
            .await?;
        Ok(r.map(|r| r.level))
    }

    fn days_since(&self, ms: i64) -> i64 {
        (self.clock.now_ms() - ms) / 86_400_000
    }

    /// The agency's ratings this year.
    pub async fn rating_summary(&self, agency_id: i64) -> Result<RatingSummary, AppError> {
        let all = self.rating_summaries().await?;
        Ok(all
            .into_iter()
            .find(|(id, _)| *id == agency_id)
            .map(|(_, s)| s)
            .unwrap_or_default())
    }

    /// Every agency's ratings this year, in one query: (agency, summary).
    pub async fn rating_summaries(&self) -> Result<Vec<(i64, RatingSummary)>, AppError> {
        self.rating_summaries_of(self.today().year()).await
    }

    /// Every agency's ratings in `year` (China time), in one query: (agency, summary).
    pub async fn rating_summaries_of(
        &self,
        year: i32,
    ) -> Result<Vec<(i64, RatingSummary)>, AppError> {
        let start_of = |y: i32| {
            let day = Date::from_ymd(y, 1, 1).unwrap_or(self.today());
            let days = Date::from_ymd(1970, 1, 1).map_or(0, |e| e.days_until(day));
            i64::from(days) * 86_400_000 - 8 * 3_600_000
        };
        let counts = self
            .store
            .rating_counts(start_of(year), start_of(year + 1))
            .await?;
        Ok(counts
            .into_iter()
            .map(|c| {
                let s = RatingSummary {
                    total: c.total,
                    satisfied: c.satisfied,
                };
                (c.agency_id, s)
            })
            .collect())
    }

    /// The agency's 差评 to follow up (registrar and approver).
    pub async fn follow_ups(&self, actor: &Actor) -> Result<Vec<FollowUp>, AppError> {
        if !(actor.may(Permission::Register) || actor.may(Permission::Approve)) {
            return Err(AppError::Forbidden);
        }
        let today = self.today();
        let rows = self.store.follow_ups(actor.agency_id).await?;
        Ok(rows.into_iter().map(|r| follow_up(r, today)).collect())
    }

    /// Records the follow-up (核实、整改、回访) of 差评 `id` of the registrar's agency.
    pub async fn respond_follow_up(
        &self,
        actor: &Actor,
        id: i64,
        text: &str,
    ) -> Result<(), AppError> {
        actor.require(Permission::Register)?;
        let text = NOTE.clean(text)?;
        if text.trim().is_empty() {
            return Err(AppError::Missing("请填写核实、整改和回访情况".into()));
        }
        let own = self.store.follow_ups(actor.agency_id).await?;
        if !own.iter().any(|r| r.id == id) {
            return Err(AppError::NotFound("该评价"));
        }
        let mut tx = self.begin_as(actor).await?;
        tx.respond_rating(id, text.trim(), self.today(), &actor.username)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn follow_up(r: Rating, today: Date) -> FollowUp {
    let target = match r.target {
        Target::Item => format!("信息（编号 {}）", r.target_id),
        Target::Application => format!("依申请公开答复（查询码 {}）", r.target_id),
    };
    FollowUp {
        overdue: r.responded_on.is_none() && r.due_on.is_some_and(|d| d < today),
        id: r.id,
        target,
        level: r.level,
        comment: r.comment,
        due_on: r.due_on,
        response: r.response,
        responded_on: r.responded_on,
    }
}
