//! Integration tests of gongkai-report: real fixtures in, expected output beside them
//! (`UPDATE_EXPECT=1` re-blesses), round trips through every rendering, and the checker's
//! promise that changing any one cell of a consistent report is caught.

mod accuracy;
mod bombs;
mod degraded;
mod fixtures;
mod generate;
mod mutation;
mod office;
mod pdf;
mod roundtrip;

use std::path::{Path, PathBuf};

/// The repository's `test_data/`.
pub fn test_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test_data")
}

/// Every report fixture (inputs only, `more/` included), sorted.
pub fn report_fixtures() -> Vec<PathBuf> {
    let dirs = [
        test_data().join("reports"),
        test_data().join("reports/more"),
    ];
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(d).expect("test_data/reports"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .filter(|p| {
            !p.to_string_lossy().contains(".expected.")
                && !p.ends_with("README.md")
                && !p.ends_with("truth.json")
        })
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "html" | "md" | "json")
            )
        })
        .collect();
    files.sort();
    files
}

/// Compares `actual` with the file `expected`; with `UPDATE_EXPECT=1` writes it instead. A
/// missing file fails without being written (issue 13: writing it first let a rerun pass
/// unreviewed); bless it with `UPDATE_EXPECT=1`.
pub fn expect_file(expected: &Path, actual: &str) {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    match std::fs::read_to_string(expected) {
        Ok(old) if old == actual => {}
        Ok(_) if update => std::fs::write(expected, actual).expect("write expected"),
        Ok(old) => panic!(
            "{} differs from the output (run with UPDATE_EXPECT=1 to bless)\n--- expected\n{old}\n--- actual\n{actual}",
            expected.display()
        ),
        Err(_) if update => std::fs::write(expected, actual).expect("write expected"),
        Err(_) => panic!(
            "{} is missing: run with UPDATE_EXPECT=1 to write it, then review and commit it",
            expected.display()
        ),
    }
}
