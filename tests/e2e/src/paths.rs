//! Where the built apps under test are (set by `cargo xtask test`) and where
//! screenshots go.

use std::path::{Path, PathBuf};

/// The built app to test: `DOSSIER_DIST`, set by `cargo xtask test`.
pub fn dist_dir() -> PathBuf {
    built("DOSSIER_DIST", "builds the app first")
}

/// The app built on the hostile corpus (`tests/fixtures/hostile/` plus generated files):
/// `DOSSIER_HOSTILE_DIST`, set by `cargo xtask test`.
pub fn hostile_dist_dir() -> PathBuf {
    built(
        "DOSSIER_HOSTILE_DIST",
        "builds the app on the hostile corpus first",
    )
}

/// The single-file build to test: `DOSSIER_SINGLE_FILE`, set by `cargo xtask test`.
pub fn single_file() -> PathBuf {
    built("DOSSIER_SINGLE_FILE", "makes it first")
}

/// A site whose `dossier/` holds the app built for that sub-path (`--public-url /dossier/`),
/// as a GitHub Pages project site: `DOSSIER_SUBPATH_SITE`, set by `cargo xtask test`.
pub fn subpath_site() -> PathBuf {
    built("DOSSIER_SUBPATH_SITE", "builds the app for /dossier/ first")
}

/// The bytes of the corpus file in the build `dist` (`corpus-<hash>.bin`), for tests that
/// hold it back after its head (`dossier_store::head_len`).
pub fn corpus_file_bytes(dist: &Path) -> Vec<u8> {
    let file = std::fs::read_dir(dist)
        .unwrap_or_else(|e| panic!("{}: {e}", dist.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("corpus-") && n.ends_with(".bin"))
        })
        .unwrap_or_else(|| panic!("{} holds no corpus-*.bin", dist.display()));
    std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The path in `var`; a test run without it is a mistake, so it stops with what to do.
fn built(var: &str, what_the_xtask_does: &str) -> PathBuf {
    match std::env::var_os(var) {
        Some(path) => PathBuf::from(path),
        None => panic!(
            "{var} is not set: run the end-to-end tests with `cargo xtask test`, which {what_the_xtask_does}"
        ),
    }
}

/// Where screenshots go: `target/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).ok();
    dir
}
