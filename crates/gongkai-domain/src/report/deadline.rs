//! When the annual report is due (条例第四十九条): 部门 by 1月31日, 人民政府 by 3月31日 of
//! the following year.

use crate::clock::Date;

/// Which kind of agency reports: it fixes the deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgencyKind {
    /// 人民政府 (县、乡镇): by 3月31日.
    Government,
    /// 政府部门: by 1月31日.
    Department,
}

impl AgencyKind {
    /// The stored id (`government`, `department`), `None` for anything else.
    pub fn parse(id: &str) -> Option<AgencyKind> {
        match id {
            "government" => Some(AgencyKind::Government),
            "department" => Some(AgencyKind::Department),
            _ => None,
        }
    }

    /// The stored id.
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Government => "government",
            AgencyKind::Department => "department",
        }
    }

    /// The last day to publish the report of `year`.
    pub fn report_due(self, year: i32) -> Option<Date> {
        match self {
            AgencyKind::Department => Date::from_ymd(year + 1, 1, 31),
            AgencyKind::Government => Date::from_ymd(year + 1, 3, 31),
        }
    }

    /// The deadline in words, as the console states it.
    pub fn report_due_label(self, year: i32) -> String {
        match self {
            AgencyKind::Department => format!("{}年1月31日（部门）", year + 1),
            AgencyKind::Government => format!("{}年3月31日（人民政府）", year + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article49_departments_by_january_31_governments_by_march_31() {
        assert_eq!(
            AgencyKind::Department.report_due(2025),
            Date::from_ymd(2026, 1, 31)
        );
        assert_eq!(
            AgencyKind::Government.report_due(2025),
            Date::from_ymd(2026, 3, 31)
        );
        assert_eq!(
            AgencyKind::parse("department"),
            Some(AgencyKind::Department)
        );
        assert_eq!(AgencyKind::parse("县"), None);
        assert_eq!(
            AgencyKind::Government.report_due_label(2025),
            "2026年3月31日（人民政府）"
        );
    }
}
