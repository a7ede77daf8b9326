//! The filter choices of an agency's catalogue and search (its 标准目录 domains and 主题分类),
//! kept for a minute per agency: reading them joins every published item of the agency, and
//! a choice list a minute old harms nobody (issue 15's scale target).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a list is kept.
const FRESH_FOR: Duration = Duration::from_secs(60);

/// Which list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Facet {
    /// 标准目录 domains.
    Domains,
    /// 主题分类.
    Topics,
    /// Years with publications.
    Years,
    /// 第二十条 items with publications.
    Articles,
}

/// A list and when it was read.
type Held = (Instant, Arc<Vec<String>>);

/// The lists as last read, at most two per agency.
#[derive(Default)]
pub(crate) struct FacetCache {
    held: RwLock<HashMap<(i64, Facet), Held>>,
}

impl FacetCache {
    /// A list still fresh.
    pub(crate) fn get(&self, agency_id: i64, facet: Facet) -> Option<Arc<Vec<String>>> {
        let held = self.held.read().ok()?;
        let (at, list) = held.get(&(agency_id, facet))?;
        (at.elapsed() < FRESH_FOR).then(|| list.clone())
    }

    /// Keeps a list just read.
    pub(crate) fn keep(&self, agency_id: i64, facet: Facet, list: Arc<Vec<String>>) {
        if let Ok(mut held) = self.held.write() {
            held.insert((agency_id, facet), (Instant::now(), list));
        }
    }
}
