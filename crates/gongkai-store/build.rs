//! `sqlx::migrate!` embeds the migration files at compile time; a new file must rebuild the
//! crate (sqlx's own advice), or a test database would miss the newest migration.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
