//! The working-day calendar: Monday to Friday, minus the statutory holidays, plus the weekend
//! days the State Council's notice makes working days (调休上班). The schedules are data that the
//! edge loads and passes in; a year without one falls back to Monday–Friday, and says so.

use super::date::Date;
use std::collections::BTreeMap;
use std::fmt;

/// One year's official schedule (国务院办公厅关于某年部分节假日安排的通知).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearSchedule {
    year: i32,
    source: String,
    holidays: BTreeMap<Date, String>,
    workdays: BTreeMap<Date, String>,
}

/// Why a schedule file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduleError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}行：{}", self.line, self.message)
    }
}

impl YearSchedule {
    /// Reads a schedule: `year 2025`, `source …`, `holiday 春节 2025-01-28..2025-02-04`,
    /// `workday 春节 2025-01-26`; `#` starts a comment.
    pub fn parse(text: &str) -> Result<YearSchedule, ScheduleError> {
        let mut schedule = YearSchedule {
            year: 0,
            source: String::new(),
            holidays: BTreeMap::new(),
            workdays: BTreeMap::new(),
        };
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or_default().trim();
            if !line.is_empty() {
                schedule.read_line(line).map_err(|message| ScheduleError {
                    line: i + 1,
                    message,
                })?;
            }
        }
        if schedule.year == 0 {
            return Err(ScheduleError {
                line: 1,
                message: "缺少 year 行".into(),
            });
        }
        Ok(schedule)
    }

    fn read_line(&mut self, line: &str) -> Result<(), String> {
        let mut words = line.split_whitespace();
        match (words.next(), words.next(), words.next(), words.next()) {
            (Some("year"), Some(y), None, _) => {
                self.year = y.parse().map_err(|_| format!("年份「{y}」无效"))?
            }
            (Some("source"), Some(_), _, _) => {
                self.source = line["source".len()..].trim().to_string()
            }
            (Some(kind @ ("holiday" | "workday")), Some(name), Some(dates), None) => {
                self.add_days(kind, name, dates)?
            }
            _ => return Err(format!("无法识别「{line}」")),
        }
        Ok(())
    }

    fn add_days(&mut self, kind: &str, name: &str, dates: &str) -> Result<(), String> {
        let (first, last) = dates.split_once("..").unwrap_or((dates, dates));
        let (first, last) = (
            Date::parse(first).map_err(|e| e.to_string())?,
            Date::parse(last).map_err(|e| e.to_string())?,
        );
        if first > last || first.year() != self.year || last.year() != self.year {
            return Err(format!("日期「{dates}」不在{}年内或起止颠倒", self.year));
        }
        let map = if kind == "holiday" {
            &mut self.holidays
        } else {
            &mut self.workdays
        };
        let mut day = first;
        while day <= last {
            map.insert(day, name.to_string());
            day = day.succ();
        }
        Ok(())
    }

    /// The year it covers.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// Where it comes from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every holiday date with its name.
    pub fn holidays(&self) -> impl Iterator<Item = (Date, &str)> {
        self.holidays.iter().map(|(d, n)| (*d, n.as_str()))
    }

    /// Every make-up working day with the holiday it belongs to.
    pub fn workdays(&self) -> impl Iterator<Item = (Date, &str)> {
        self.workdays.iter().map(|(d, n)| (*d, n.as_str()))
    }
}

/// Why a day is or is not a working day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// An ordinary Monday to Friday.
    Weekday,
    /// Saturday or Sunday.
    Weekend,
    /// A statutory holiday, with its name.
    Holiday(String),
    /// A weekend day made a working day (调休上班) for this holiday.
    MakeUp(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Weekday => f.write_str("周一至周五"),
            Reason::Weekend => f.write_str("周末"),
            Reason::Holiday(name) => write!(f, "{name}放假"),
            Reason::MakeUp(name) => write!(f, "调休上班（{name}）"),
        }
    }
}

/// A day of the calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day {
    /// The date.
    pub date: Date,
    /// Whether it is a working day.
    pub working: bool,
    /// Why.
    pub reason: Reason,
    /// False when no schedule for its year is loaded (Monday–Friday was assumed).
    pub scheduled: bool,
}

/// The n-th working day after a date, and how it was reached ("show your working").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingDays {
    /// The resulting date.
    pub date: Date,
    /// Every day in between and the last one, counted or skipped, with the reason.
    pub days: Vec<Day>,
    /// Years without a loaded schedule that the count passed through.
    pub unscheduled: Vec<i32>,
}

/// The loaded schedules, by year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    years: BTreeMap<i32, YearSchedule>,
}

impl Calendar {
    /// A calendar with no schedules (Monday–Friday everywhere).
    pub fn new() -> Calendar {
        Calendar::default()
    }

    /// Adds a year's schedule, replacing a loaded one for the same year.
    pub fn insert(&mut self, schedule: YearSchedule) {
        self.years.insert(schedule.year, schedule);
    }

    /// The years with a schedule.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }

    /// The loaded schedules, by year.
    pub fn schedules(&self) -> impl Iterator<Item = &YearSchedule> + '_ {
        self.years.values()
    }

    /// What kind of day `date` is.
    pub fn day(&self, date: Date) -> Day {
        let Some(schedule) = self.years.get(&date.year()) else {
            let reason = if date.is_weekend() {
                Reason::Weekend
            } else {
                Reason::Weekday
            };
            return Day {
                date,
                working: !date.is_weekend(),
                reason,
                scheduled: false,
            };
        };
        let (working, reason) = if let Some(name) = schedule.holidays.get(&date) {
            (false, Reason::Holiday(name.clone()))
        } else if let Some(name) = schedule.workdays.get(&date) {
            (true, Reason::MakeUp(name.clone()))
        } else if date.is_weekend() {
            (false, Reason::Weekend)
        } else {
            (true, Reason::Weekday)
        };
        Day {
            date,
            working,
            reason,
            scheduled: true,
        }
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: Date) -> bool {
        self.day(date).working
    }

    /// The `n`-th working day strictly after `from` (the day of `from` is not counted,
    /// 民法典第二百零一条); `n = 0` gives `from` itself.
    pub fn add_working_days(&self, from: Date, n: u32) -> WorkingDays {
        let mut days = Vec::new();
        let mut unscheduled = Vec::new();
        let mut date = from;
        let mut counted = 0;
        while counted < n {
            date = date.succ();
            let day = self.day(date);
            if !day.scheduled && !unscheduled.contains(&date.year()) {
                unscheduled.push(date.year());
            }
            counted += u32::from(day.working);
            days.push(day);
        }
        WorkingDays {
            date,
            days,
            unscheduled,
        }
    }
}

impl WorkingDays {
    /// The explanation, one line per day that is not an ordinary weekday, then a warning for
    /// each year without a schedule.
    pub fn explain(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let mut counted = 0;
        for day in &self.days {
            counted += usize::from(day.working);
            let special = day.reason != Reason::Weekday;
            if special || day.date == self.date {
                let verb = if day.working {
                    format!("计第{counted}个工作日")
                } else {
                    "跳过".into()
                };
                lines.push(format!(
                    "{} {} {}：{}",
                    day.date,
                    day.date.weekday_name(),
                    day.reason,
                    verb
                ));
            }
        }
        for year in &self.unscheduled {
            lines.push(format!(
                "注意：{year}年的节假日安排尚未载入，该年按周一至周五计算，结果可能有误"
            ));
        }
        lines
    }
}

impl std::error::Error for ScheduleError {}
