//! 督查概览: the supervisor's table of their subtree's agencies, computed from two queries
//! whatever the number of agencies (issue 14).

use crate::auth::Actor;
use crate::{App, AppError};
use gongkai_domain::clock::Date;
use gongkai_domain::disclosure::{ItemState, Permission, timeliness};
use gongkai_store::items::ItemFact;

/// One agency's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewRow {
    /// The agency's name.
    pub agency: String,
    /// Items published this year.
    pub published: usize,
    /// Of those, published later than 条例第二十六条 allows.
    pub late: usize,
    /// Items waiting for 登记审核 or 审批.
    pub pending: usize,
}

impl App {
    /// The overview of the supervisor's agency and everything under it.
    pub async fn overview(&self, actor: &Actor) -> Result<Vec<OverviewRow>, AppError> {
        actor.require(Permission::Supervise)?;
        let agencies = self.store.subtree_agencies(actor.agency_id).await?;
        let year = self.clock.today().year();
        let since = format!("{year:04}-01-01");
        let facts = self
            .store
            .subtree_item_facts(actor.agency_id, &since)
            .await?;
        let facts = crate::dashboard::by_agency(facts, |f| f.agency_id);
        Ok(agencies
            .iter()
            .map(|a| {
                let own: Vec<&ItemFact> = facts.get(&a.id).into_iter().flatten().collect();
                self.overview_row(&a.name, &own, year)
            })
            .collect())
    }

    fn overview_row(&self, agency: &str, facts: &[&ItemFact], year: i32) -> OverviewRow {
        let this_year: Vec<(Option<Date>, Date)> = facts
            .iter()
            .filter_map(|f| f.published_on.map(|p| (f.written_on, p)))
            .filter(|(_, p)| p.year() == year)
            .collect();
        let late = this_year
            .iter()
            .filter(|(w, p)| w.is_some_and(|w| timeliness(w, Some(*p), *p, &self.calendar()).late))
            .count();
        let pending = facts
            .iter()
            .filter(|f| {
                matches!(
                    f.state,
                    ItemState::PendingRegistration | ItemState::PendingApproval
                )
            })
            .count();
        OverviewRow {
            agency: agency.to_string(),
            published: this_year.len(),
            late,
            pending,
        }
    }
}
