//! End-to-end harness: serves a built `dist/` on 127.0.0.1 and drives headless Chromium
//! through ChromeDriver, both on ports the OS picks, so runs never collide.
//!
//! Used by this crate's tests (`cargo xtask test` builds the app and points
//! `DOSSIER_DIST` at it) and by `cargo xtask bench` for browser figures.

mod browser;
mod paths;
mod server;

pub use browser::{Browser, BrowserError};
pub use paths::{dist_dir, hostile_dist_dir, screenshot_dir, single_file, subpath_site};
pub use server::StaticServer;
