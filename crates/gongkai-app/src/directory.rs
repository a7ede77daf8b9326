//! 平台机关目录: every agency the platform hosts, read once and kept for a few seconds, so
//! that resolving `/{code}/…` on every public request costs no query (issue 15).

use crate::views::{self, Agency};
use crate::{App, AppError};
use gongkai_domain::clock::Date;
use gongkai_domain::report::deadline::AgencyKind;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long another instance's new agency may stay unseen here.
const FRESH_FOR: Duration = Duration::from_secs(10);
/// How old the platform home's figures may be before they are computed again (in the
/// background: visitors get the last figures meanwhile, issue 15's scale target).
const LINES_FRESH_FOR: Duration = Duration::from_secs(60);

/// The agencies of the platform, by id.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    agencies: Vec<Agency>,
    by_code: HashMap<String, usize>,
    by_id: HashMap<i64, usize>,
}

impl Directory {
    fn new(agencies: Vec<Agency>) -> Directory {
        let by_code = agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.clone(), i))
            .collect();
        let by_id = agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        Directory {
            agencies,
            by_code,
            by_id,
        }
    }

    /// Every agency, by id.
    pub fn all(&self) -> &[Agency] {
        &self.agencies
    }

    /// The only agency, when the platform hosts exactly one (its 专栏 is at `/`).
    pub fn single(&self) -> Option<&Agency> {
        match self.agencies.as_slice() {
            [only] => Some(only),
            _ => None,
        }
    }

    /// The agency with this code.
    pub fn by_code(&self, code: &str) -> Option<&Agency> {
        self.by_code.get(code).map(|&i| &self.agencies[i])
    }

    /// The agency with this id.
    pub fn by_id(&self, id: i64) -> Option<&Agency> {
        self.by_id.get(&id).map(|&i| &self.agencies[i])
    }

    /// The platform's own agency: the first created without a parent.
    pub fn root(&self) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.parent_id.is_none())
    }

    /// The path prefix of an agency's 专栏: empty when it is the only agency, else `/{code}`.
    pub fn base_of(&self, agency_id: i64) -> String {
        match (self.single(), self.by_id(agency_id)) {
            (None, Some(a)) => format!("/{}", a.code),
            _ => String::new(),
        }
    }

    /// The public page of an item.
    pub fn item_path(&self, agency_id: i64, item_id: i64) -> String {
        format!("{}/xxgk/{item_id}", self.base_of(agency_id))
    }

    /// The agencies directly under `id`.
    pub fn children(&self, id: i64) -> impl Iterator<Item = &Agency> {
        self.agencies
            .iter()
            .filter(move |a| a.parent_id == Some(id))
    }

    /// Whether `id` is `root` or under it.
    pub fn in_subtree(&self, root: i64, id: i64) -> bool {
        let mut at = Some(id);
        for _ in 0..=self.agencies.len() {
            match at {
                Some(a) if a == root => return true,
                Some(a) => at = self.by_id(a).and_then(|x| x.parent_id),
                None => return false,
            }
        }
        false
    }

    fn depth(&self, a: &Agency) -> usize {
        let (mut d, mut parent) = (0, a.parent_id);
        while let Some(p) = parent.filter(|_| d < self.agencies.len()) {
            d += 1;
            parent = self.by_id(p).and_then(|x| x.parent_id);
        }
        d
    }

    /// The agency whose 专栏 the single-agency URLs (`/zhinan`, …) showed before the platform
    /// hosted several: the deepest 人民政府, the first created among equals; without any
    /// government, the first agency. Old links redirect there (issue 13: a department added
    /// under the town must not take it over).
    pub fn legacy(&self) -> Option<&Agency> {
        let government = self
            .agencies
            .iter()
            .filter(|a| a.kind == AgencyKind::Government)
            .max_by_key(|a| (self.depth(a), std::cmp::Reverse(a.id)));
        government.or(self.agencies.first())
    }
}

/// The platform home's lines as computed at an instant, for a year.
type HeldLines = (Instant, i32, Arc<Vec<DirectoryLine>>);

/// The directory as last read, shared by the clones of an [`App`].
#[derive(Default)]
pub(crate) struct DirectoryCache {
    held: RwLock<Option<(Instant, Arc<Directory>)>>,
    /// The platform home's lines, as last computed, and the day they counted "this year" of.
    lines: RwLock<Option<HeldLines>>,
    /// A refresh of `lines` is running.
    refreshing: std::sync::atomic::AtomicBool,
}

impl DirectoryCache {
    fn fresh(&self) -> Option<Arc<Directory>> {
        let held = self.held.read().ok()?;
        let (at, dir) = held.as_ref()?;
        (at.elapsed() < FRESH_FOR).then(|| dir.clone())
    }

    fn keep(&self, dir: Arc<Directory>) {
        if let Ok(mut held) = self.held.write() {
            *held = Some((Instant::now(), dir));
        }
    }

    /// Forgets the directory and the figures (after this instance added an agency).
    pub(crate) fn forget(&self) {
        if let Ok(mut held) = self.held.write() {
            *held = None;
        }
        if let Ok(mut lines) = self.lines.write() {
            *lines = None;
        }
    }

    /// The last figures for `year`, and whether they are due for a refresh.
    fn lines(&self, year: i32) -> Option<(Arc<Vec<DirectoryLine>>, bool)> {
        let held = self.lines.read().ok()?;
        let (at, of, lines) = held.as_ref()?;
        (*of == year).then(|| (lines.clone(), at.elapsed() >= LINES_FRESH_FOR))
    }

    fn keep_lines(&self, year: i32, lines: Arc<Vec<DirectoryLine>>) {
        if let Ok(mut held) = self.lines.write() {
            *held = Some((Instant::now(), year, lines));
        }
    }
}

/// A line of the platform home's directory.
#[derive(Debug, Clone)]
pub struct DirectoryLine {
    /// The agency.
    pub agency: Agency,
    /// Items published this year.
    pub this_year: i64,
    /// The last day anything was published.
    pub last_update: Option<Date>,
}

impl App {
    /// The platform's agencies (at most [`FRESH_FOR`] old).
    pub async fn directory(&self) -> Result<Arc<Directory>, AppError> {
        if let Some(dir) = self.directory.fresh() {
            return Ok(dir);
        }
        let dir = Arc::new(Directory::new(views::all(self.store.agencies().await?)));
        self.directory.keep(dir.clone());
        Ok(dir)
    }

    /// Every agency with what it published this year and when it last published, by id.
    /// Computed with one grouped query, then kept for a minute and refreshed in the
    /// background, so the platform home costs no query per visit.
    pub async fn directory_lines(&self) -> Result<Arc<Vec<DirectoryLine>>, AppError> {
        let year = self.today().year();
        match self.directory.lines(year) {
            Some((lines, false)) => Ok(lines),
            Some((lines, true)) => {
                self.refresh_lines(year);
                Ok(lines)
            }
            None => {
                let lines = Arc::new(self.compute_lines(year).await?);
                self.directory.keep_lines(year, lines.clone());
                Ok(lines)
            }
        }
    }

    fn refresh_lines(&self, year: i32) {
        use std::sync::atomic::Ordering;
        if self.directory.refreshing.swap(true, Ordering::AcqRel) {
            return;
        }
        let app = self.clone();
        tokio::spawn(async move {
            match app.compute_lines(year).await {
                Ok(lines) => app.directory.keep_lines(year, Arc::new(lines)),
                Err(e) => tracing::warn!(error = %e, "platform directory figures not refreshed"),
            }
            app.directory.refreshing.store(false, Ordering::Release);
        });
    }

    async fn compute_lines(&self, year: i32) -> Result<Vec<DirectoryLine>, AppError> {
        let dir = self.directory().await?;
        let stats = self.store.publication_stats(year).await?;
        let stats: HashMap<i64, _> = stats.into_iter().map(|s| (s.agency_id, s)).collect();
        let line = |a: &Agency| {
            let s = stats.get(&a.id);
            DirectoryLine {
                agency: a.clone(),
                this_year: s.map_or(0, |s| s.this_year),
                last_update: s.and_then(|s| s.last_published),
            }
        };
        Ok(dir.all().iter().map(line).collect())
    }
}
