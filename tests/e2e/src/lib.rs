//! End-to-end harness: serves a built `dist/` on 127.0.0.1 and drives headless Chromium
//! through ChromeDriver, both on ports the OS picks, so runs never collide.
//!
//! Used by this crate's tests (`cargo xtask test` builds the app and points
//! `DOSSIER_DIST` at it) and by `cargo xtask bench` for browser figures, throttled
//! through DevTools ([`Link`]) when it measures a slow network.

mod browser;
mod cdp;
mod paths;
mod server;

pub use browser::{Browser, BrowserError};
pub use cdp::Link;
pub use paths::{corpus_file_bytes, dist_dir, hostile_dist_dir, screenshot_dir, single_file, subpath_site};
pub use server::StaticServer;

/// The seeds build (`DOSSIER_DIST`) served on 127.0.0.1, and a new browser: a phone's
/// screen or a 1280 x 900 desktop window.
pub async fn serve_app(phone: bool) -> (StaticServer, Browser) {
    let server = StaticServer::start(&dist_dir()).expect("serve dist/");
    let browser = if phone {
        Browser::start_phone().await
    } else {
        Browser::start(1280, 900).await
    };
    (server, browser.unwrap_or_else(|e| panic!("{e}")))
}
