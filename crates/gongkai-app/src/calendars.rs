//! The working-day calendar's years (issue 17): which are loaded and where from, and the next
//! year's schedule added by the administrator from the console, checked like
//! `data/calendar/*.txt`, stored, audited and used at once.

use crate::auth::Actor;
use crate::{App, AppError};
use gongkai_domain::clock::{Calendar, YearSchedule};
use gongkai_domain::disclosure::Permission;
use gongkai_store::audit::AuditEntry;
use gongkai_store::calendar::CalendarYearRow;

/// The largest schedule file accepted (the official ones are under 2 KB).
pub const MAX_SCHEDULE_BYTES: usize = 20 * 1024;

/// A loaded year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarYear {
    /// The year.
    pub year: i32,
    /// The notice it follows.
    pub source: String,
    /// Days off and 调休 working days.
    pub holidays: usize,
    /// 调休上班 days.
    pub workdays: usize,
    /// `内置` or who added it.
    pub origin: String,
}

impl App {
    /// Loads `files` (the data directory's schedules), then the years added from the console,
    /// over the shipped ones (at start-up).
    pub async fn load_calendar(&self, files: Vec<YearSchedule>) -> Result<(), AppError> {
        let mut calendar: Calendar = (*self.calendar()).clone();
        for s in files {
            calendar.insert(s);
        }
        for row in self.store.calendar_years().await? {
            match YearSchedule::parse(&row.body) {
                Ok(s) => calendar.insert(s),
                Err(e) => {
                    tracing::warn!(year = row.year, "stored holiday schedule unreadable: {e}")
                }
            }
        }
        self.set_calendar(calendar);
        Ok(())
    }

    /// The loaded years, with where each came from.
    pub async fn calendar_years(&self) -> Result<Vec<CalendarYear>, AppError> {
        let added = self.store.calendar_years().await?;
        let calendar = self.calendar();
        Ok(calendar
            .schedules()
            .map(|s| CalendarYear {
                year: s.year(),
                source: s.source().to_string(),
                holidays: s.holidays().count(),
                workdays: s.workdays().count(),
                origin: added
                    .iter()
                    .find(|r| r.year == i64::from(s.year()))
                    .map_or_else(|| "内置".to_string(), |r| format!("{}上传", r.added_by)),
            })
            .collect())
    }

    /// Adds (or replaces) a year's schedule (administrator): the text is checked line by line,
    /// the year must be this year, the next or the one after.
    pub async fn add_calendar_year(&self, actor: &Actor, bytes: &[u8]) -> Result<i32, AppError> {
        actor.require(Permission::Administer)?;
        let agency = self.store.agency(actor.agency_id).await?;
        if agency.is_none_or(|a| a.parent_id.is_some()) {
            return Err(AppError::NotNow(
                "节假日安排对全平台有效，由平台（县级）系统管理员添加".into(),
            ));
        }
        if bytes.len() > MAX_SCHEDULE_BYTES {
            return Err(AppError::File("节假日安排文件过大（不超过20 KB）".into()));
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|_| AppError::File("节假日安排文件须为 UTF-8 文本".into()))?;
        let schedule = YearSchedule::parse(text)
            .map_err(|e| AppError::Invalid(format!("节假日安排有误：{e}")))?;
        let (year, this) = (schedule.year(), self.today().year());
        if !(this..=this + 2).contains(&year) {
            return Err(AppError::Invalid(format!(
                "只能添加{this}年至{}年的节假日安排，文件为{year}年",
                this + 2
            )));
        }
        let row = CalendarYearRow {
            year: i64::from(year),
            body: text.to_string(),
            added_by: actor.username.clone(),
            added_at: self.clock.now_ms(),
        };
        let mut tx = self.begin_as(actor).await?;
        tx.save_calendar_year(&row).await?;
        let detail = format!("{year}年：{}", schedule.source());
        let entry = AuditEntry {
            actor: &actor.username,
            action: "calendar.add_year",
            entity: "calendar",
            entity_id: &year.to_string(),
            detail: &detail,
        };
        tx.audit(&entry).await?;
        tx.commit().await?;
        let mut calendar: Calendar = (*self.calendar()).clone();
        calendar.insert(schedule);
        self.set_calendar(calendar);
        Ok(year)
    }
}
