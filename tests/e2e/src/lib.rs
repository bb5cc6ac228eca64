//! End-to-end harness: serves a built `dist/` on 127.0.0.1 and drives headless Chromium
//! through ChromeDriver, both on ports the OS picks, so runs never collide.
//!
//! Used by this crate's tests (`cargo xtask test` builds the app and points
//! `DOSSIER_DIST` at it) and by `cargo xtask bench` for browser figures.

mod browser;
mod server;

pub use browser::{Browser, BrowserError};
pub use server::StaticServer;

use std::path::PathBuf;

/// The built app to test: `DOSSIER_DIST`, set by `cargo xtask test`.
pub fn dist_dir() -> PathBuf {
    match std::env::var_os("DOSSIER_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => panic!(
            "DOSSIER_DIST is not set: run the end-to-end tests with `cargo xtask test`, which builds the app first"
        ),
    }
}

/// The app built on the hostile corpus (`tests/fixtures/hostile/` plus generated files):
/// `DOSSIER_HOSTILE_DIST`, set by `cargo xtask test`.
pub fn hostile_dist_dir() -> PathBuf {
    match std::env::var_os("DOSSIER_HOSTILE_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => panic!(
            "DOSSIER_HOSTILE_DIST is not set: run the end-to-end tests with `cargo xtask test`, which builds the app on the hostile corpus first"
        ),
    }
}

/// The single-file build to test: `DOSSIER_SINGLE_FILE`, set by `cargo xtask test`.
pub fn single_file() -> PathBuf {
    match std::env::var_os("DOSSIER_SINGLE_FILE") {
        Some(file) => PathBuf::from(file),
        None => panic!(
            "DOSSIER_SINGLE_FILE is not set: run the end-to-end tests with `cargo xtask test`, which makes it first"
        ),
    }
}

/// Where screenshots go: `target/e2e-screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).ok();
    dir
}
