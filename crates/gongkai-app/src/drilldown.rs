//! 督查 drill-down (issue 16): a supervisor reads one agency of its subtree, read-only: its
//! items (every state), its applications (names masked, never ID numbers or contacts) and its
//! published reports.

use crate::auth::Actor;
use crate::cases::{mask_name, state_label};
use crate::ledger_codec::decode_all;
use crate::views::{self, Agency, Item};
use crate::{App, AppError};
use gongkai_domain::clock::{Date, evaluate};
use gongkai_domain::disclosure::Permission;

/// An application as the supervisor sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseLine {
    /// 查询码.
    pub code: String,
    /// The applicant's name, masked.
    pub applicant: String,
    /// State in words.
    pub state: &'static str,
    /// Due.
    pub due: Option<Date>,
    /// Working days left (negative: late).
    pub left: i64,
    /// Past due.
    pub overdue: bool,
}

/// One agency, read-only.
#[derive(Debug, Clone)]
pub struct AgencyDetail {
    /// The agency.
    pub agency: Agency,
    /// Its items, most recently changed first.
    pub items: Vec<Item>,
    /// Its applications, overdue first.
    pub cases: Vec<CaseLine>,
    /// (year, latest version) of its published reports.
    pub reports: Vec<(i64, i64)>,
}

impl App {
    /// The agency with code `code` under the supervisor's, read-only.
    pub async fn agency_detail(&self, by: &Actor, code: &str) -> Result<AgencyDetail, AppError> {
        by.require(Permission::Supervise)?;
        let dir = self.directory().await?;
        let agency = dir
            .by_code(code)
            .filter(|a| dir.in_subtree(by.agency_id, a.id))
            .cloned()
            .ok_or(AppError::NotFound("该机关"))?;
        let items = views::all(self.store.agency_items(agency.id, None).await?);
        let mut ledgers = self.store.agency_case_events(agency.id).await?;
        let mut cases = Vec::new();
        for case in self.store.agency_cases(agency.id).await? {
            let rows = ledgers.remove(&case.id).unwrap_or_default();
            let status = evaluate(
                &decode_all(case.id, &rows, case.channel)?,
                &self.calendar(),
                self.today(),
            )?;
            cases.push(CaseLine {
                code: case.tracking_code.clone(),
                applicant: mask_name(&case.applicant_name),
                state: state_label(status.state),
                due: status.due,
                left: status.left,
                overdue: status.overdue,
            });
        }
        cases.sort_by_key(|c| (!c.overdue, c.left));
        let mut reports: Vec<(i64, i64)> = Vec::new();
        for s in self.store.snapshots(Some(agency.id)).await? {
            if !reports.iter().any(|(y, _)| *y == s.year) {
                reports.push((s.year, s.version));
            }
        }
        Ok(AgencyDetail {
            agency,
            items,
            cases,
            reports,
        })
    }
}
