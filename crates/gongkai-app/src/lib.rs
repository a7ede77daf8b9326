//! Use cases shared by the web console and the CLI. Each loads what it needs from the store,
//! lets the domain decide, and writes the change with its audit row in one transaction.
//!
//! The wall clock is read in one place ([`Clock`]); tests move it.

pub mod accountability;
pub mod accounts;
pub mod agencies;
pub mod annual;
pub mod annual_import;
pub mod answers;
pub mod api;
pub mod appeals;
pub mod audit_log;
pub mod audit_words;
pub mod auth;
pub mod calendars;
pub mod cases;
pub mod dashboard;
pub mod dashboard_findings;
pub mod demo;
mod demo_county;
mod demo_data;
pub mod directory;
pub mod drilldown;
mod error;
mod facets;
mod fees;
pub mod files;
pub mod flag_history;
pub mod hashing;
pub mod indexer;
pub mod items;
pub mod ledger_codec;
pub mod letters;
pub mod mail;
pub mod overview;
pub mod portal;
pub mod ratings;
pub mod rectifications;
mod report_facts;
pub mod reports;
pub mod settings;
pub mod subtree_reports;
mod supervision;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod transfer;
pub mod views;

pub use error::AppError;

use gongkai_domain::clock::{Calendar, Date, YearSchedule};
use gongkai_search::SearchIndex;
use gongkai_store::Store;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// Milliseconds since the epoch, from the system clock or, in tests, set by hand.
#[derive(Clone, Default)]
pub struct Clock {
    fixed: Option<Arc<AtomicI64>>,
}

/// China Standard Time is UTC+8 all year.
const CST_OFFSET_MS: i64 = 8 * 3600 * 1000;

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock { fixed: None }
    }

    /// A clock that stands at `ms` until moved with [`Clock::set`].
    pub fn fixed(ms: i64) -> Clock {
        Clock {
            fixed: Some(Arc::new(AtomicI64::new(ms))),
        }
    }

    /// Moves a fixed clock (no effect on the system clock).
    pub fn set(&self, ms: i64) {
        if let Some(f) = &self.fixed {
            f.store(ms, Ordering::SeqCst);
        }
    }

    /// Now, in ms since the epoch.
    pub fn now_ms(&self) -> i64 {
        match &self.fixed {
            Some(f) => f.load(Ordering::SeqCst),
            None => gongkai_store::now_millis(),
        }
    }

    /// Today's date in China.
    pub fn today(&self) -> Date {
        date_of_ms(self.now_ms())
    }
}

/// The date in China (UTC+8) of a time in ms since the epoch (1970-01-01 if out of range).
pub fn date_of_ms(ms: i64) -> Date {
    let days = (ms + CST_OFFSET_MS).div_euclid(86_400_000);
    i32::try_from(days)
        .ok()
        .and_then(Date::from_epoch_days)
        .or_else(|| Date::from_ymd(1970, 1, 1))
        .unwrap_or_else(|| unreachable!("1970-01-01 is a valid date"))
}

/// Everything a use case needs: the store, the search index, the calendar and the clock.
#[derive(Clone)]
pub struct App {
    /// The database.
    store: Store,
    /// The public full-text index.
    search: Arc<SearchIndex>,
    /// Holidays and 调休: the shipped years, then those added by the administrator.
    calendar: Arc<std::sync::RwLock<Arc<Calendar>>>,
    /// The wall clock.
    clock: Clock,
    /// One index update at a time.
    index_lock: Arc<tokio::sync::Mutex<()>>,
    /// The SMTP server for notifications, when configured.
    mailer: Option<Arc<mail::Mailer>>,
    /// The platform's agencies, as last read.
    directory: Arc<directory::DirectoryCache>,
    /// Agencies' catalogue filter choices, as last read.
    facets: Arc<facets::FacetCache>,
}

/// The holiday schedules shipped with gongkai (国务院办公厅 holiday notices); later years are
/// added from the console or the data directory.
pub const SHIPPED_CALENDARS: [&str; 3] = [
    include_str!("../../../data/calendar/2024.txt"),
    include_str!("../../../data/calendar/2025.txt"),
    include_str!("../../../data/calendar/2026.txt"),
];

/// The working-day calendars shipped with gongkai.
pub fn official_calendar() -> Calendar {
    let mut calendar = Calendar::new();
    for text in SHIPPED_CALENDARS {
        if let Ok(schedule) = YearSchedule::parse(text) {
            calendar.insert(schedule);
        }
    }
    calendar
}

impl App {
    /// An app over an open store and index, with the official calendar and the system clock.
    pub fn new(store: Store, search: SearchIndex) -> App {
        App {
            store,
            search: Arc::new(search),
            calendar: Arc::new(std::sync::RwLock::new(Arc::new(official_calendar()))),
            clock: Clock::system(),
            index_lock: Arc::default(),
            mailer: None,
            directory: Arc::default(),
            facets: Arc::default(),
        }
    }

    /// A transaction whose audit rows carry the actor's agency and address.
    pub(crate) async fn begin_as(
        &self,
        actor: &auth::Actor,
    ) -> Result<gongkai_store::Tx, AppError> {
        Ok(self.store.begin().await?.scoped(actor.scope()))
    }

    /// A transaction whose audit rows carry `agency_id` and `client`.
    pub(crate) async fn begin_scoped(
        &self,
        agency_id: Option<i64>,
        client: &str,
    ) -> Result<gongkai_store::Tx, AppError> {
        let scope = gongkai_store::audit::AuditScope {
            agency_id,
            client: client.to_string(),
        };
        Ok(self.store.begin().await?.scoped(scope))
    }

    /// The wall clock (tests set it).
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Today, by the app's clock.
    pub fn today(&self) -> Date {
        self.clock.today()
    }

    /// The working-day calendar as it stands now.
    pub fn calendar(&self) -> Arc<Calendar> {
        match self.calendar.read() {
            Ok(c) => Arc::clone(&c),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Replaces the working-day calendar (a year added by the administrator).
    pub(crate) fn set_calendar(&self, calendar: Calendar) {
        let mut guard = match self.calendar.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        *guard = Arc::new(calendar);
    }

    /// Whether `item` was published this year later than 条例第二十六条 allows (20 working
    /// days from its 成文日期).
    pub fn published_late_this_year(&self, item: &views::Item) -> bool {
        let year = self.today().year();
        match (item.fields.written_on, item.published_on) {
            (Some(w), Some(p)) if p.year() == year => {
                gongkai_domain::disclosure::timeliness(w, Some(p), p, &self.calendar()).late
            }
            _ => false,
        }
    }

    /// The store underneath, for tests that arrange data or look at rows directly.
    #[cfg(feature = "test-support")]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The search index underneath, for tests.
    #[cfg(feature = "test-support")]
    pub fn index(&self) -> &SearchIndex {
        &self.search
    }

    /// The same app with another clock (tests fix it).
    pub fn with_clock(mut self, clock: Clock) -> App {
        self.clock = clock;
        self
    }

    /// The same app sending notifications through `mailer`.
    pub fn with_mailer(mut self, mailer: mail::Mailer) -> App {
        self.mailer = Some(Arc::new(mailer));
        self
    }
}
