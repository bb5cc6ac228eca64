//! Headless Chromium through ChromeDriver, started fresh (own port, own profile) for each
//! test and shut down when dropped.
//!
//! Two promises a test on a busy two-core machine needs:
//! - Waits poll a condition for up to [`PATIENCE`], sized for a machine compiling beside
//!   the test, so a test fails only when the app is wrong, never because it was slow.
//! - Every process a test starts ends with the test, pass or fail: ChromeDriver runs in a
//!   process group of its own, which Chromium and its helpers join, and [`Drop`] kills the
//!   whole group (a panicking test drops its browser too). Killing ChromeDriver alone left
//!   Chromium running at 40% CPU after a failure.

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::fmt;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a wait polls before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(60);
/// How often a wait polls.
const POLL: Duration = Duration::from_millis(100);

/// Flags for a sandboxed, offline machine: no GPU, no background network chatter.
const CHROME_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

#[derive(Debug)]
pub enum BrowserError {
    /// ChromeDriver could not be started (not installed?).
    Spawn(std::io::Error),
    /// ChromeDriver did not listen in time.
    Timeout,
    Session(String),
}

impl fmt::Display for BrowserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BrowserError::Spawn(e) => write!(
                f,
                "cannot start chromedriver ({e}); `cargo xtask test` installs it"
            ),
            BrowserError::Timeout => write!(f, "chromedriver did not start listening within 20 s"),
            BrowserError::Session(e) => write!(f, "cannot open a Chromium session: {e}"),
        }
    }
}

impl std::error::Error for BrowserError {}

/// True once no pre-rendered list is on the page: there was none, or the app replaced it.
const APP_HAS_TAKEN_OVER: &str = "!document.getElementById('first-paint')";

pub struct Browser {
    pub client: Client,
    driver: Group,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// A new headless desktop Chromium of `width` x `height` CSS pixels.
    pub async fn start(width: u32, height: u32) -> Result<Browser, BrowserError> {
        Browser::launch(Viewport::Desktop { width, height }, true).await
    }

    /// A new headless Chromium emulating a phone screen (390 x 844 CSS pixels): a plain
    /// window cannot be narrower than about 500 pixels.
    pub async fn start_phone() -> Result<Browser, BrowserError> {
        Browser::launch(Viewport::Phone, true).await
    }

    /// A browser (a phone, or a desktop of 1280 x 900) whose navigations return as soon as
    /// they start, for a page whose `load` is held back on purpose (WebDriver's
    /// `pageLoadStrategy` "none"): wait for what the test needs with
    /// [`Browser::wait_until`].
    pub async fn start_not_waiting_for_load(phone: bool) -> Result<Browser, BrowserError> {
        let viewport = if phone {
            Viewport::Phone
        } else {
            Viewport::Desktop {
                width: 1280,
                height: 900,
            }
        };
        Browser::launch(viewport, false).await
    }

    async fn launch(viewport: Viewport, wait_for_load: bool) -> Result<Browser, BrowserError> {
        let port = free_port().map_err(BrowserError::Spawn)?;
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_owned());
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // A group of its own, which the Chromium it starts joins: see `Group`.
            .process_group(0)
            .spawn()
            .map_err(BrowserError::Spawn)?;
        let driver = Group(driver);
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err(BrowserError::Timeout);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::tempdir().map_err(BrowserError::Spawn)?;
        let mut args: Vec<String> = CHROME_FLAGS.iter().map(|s| (*s).to_owned()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let mut chrome = match viewport {
            Viewport::Desktop { width, height } => {
                args.push(format!("--window-size={width},{height}"));
                serde_json::json!({ "args": args })
            }
            Viewport::Phone => serde_json::json!({
                "args": args,
                "mobileEmulation": { "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 2.0 } },
            }),
        };
        let mut caps = serde_json::Map::new();
        if let Ok(binary) = std::env::var("CHROME_PATH") {
            chrome["binary"] = serde_json::Value::String(binary);
        }
        caps.insert("goog:chromeOptions".to_owned(), chrome);
        if !wait_for_load {
            caps.insert("pageLoadStrategy".to_owned(), "none".into());
        }
        // ChromeDriver accepts connections a moment before it serves sessions, and a busy
        // two-core machine widens that moment: retry briefly before giving up.
        let mut last_error = String::new();
        for _ in 0..5 {
            let client = ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await;
            match client {
                Ok(client) => {
                    return Ok(Browser {
                        client,
                        driver,
                        _profile: profile,
                    })
                }
                Err(e) => last_error = e.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        Err(BrowserError::Session(last_error))
    }

    /// The process group of ChromeDriver and the Chromium it started.
    pub fn process_group(&self) -> u32 {
        self.driver.0.id()
    }

    /// Opens `url` and waits until the app has taken over from the build's pre-rendered
    /// list, where the page shows one (at the list's own address): a test then drives the
    /// app, never the copy that is about to go.
    pub async fn goto(&self, url: &str) {
        self.goto_now(url).await;
        self.wait_until(APP_HAS_TAKEN_OVER).await;
    }

    /// Reloads the page, then waits as [`Browser::goto`] does.
    pub async fn refresh(&self) {
        self.client
            .refresh()
            .await
            .unwrap_or_else(|e| panic!("reload: {e}"));
        self.wait_until(APP_HAS_TAKEN_OVER).await;
    }

    /// Opens `url`, as far as WebDriver waits (the page's `load`), and no further.
    pub async fn goto_now(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("{url}: {e}"));
    }

    /// Runs `script` (a function body: `return ...`) in the page; panics naming it when it
    /// throws, as a test wants.
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("{script}: {e}"))
    }

    /// Waits (up to [`PATIENCE`]) for an element matching `css`.
    pub async fn find(
        &self,
        css: &str,
    ) -> Result<fantoccini::elements::Element, fantoccini::error::CmdError> {
        self.client
            .wait()
            .at_most(PATIENCE)
            .every(POLL)
            .for_element(Locator::Css(css))
            .await
    }

    /// Polls `script` (a JavaScript expression) until it is true, for up to [`PATIENCE`];
    /// panics naming it and its last value when it never is. A page may reload while it is
    /// polled: a failed evaluation is tried again.
    pub async fn wait_until(&self, script: &str) {
        self.wait_until_within(script, PATIENCE).await;
    }

    /// [`Browser::wait_until`] with another limit.
    pub async fn wait_until_within(&self, script: &str, limit: Duration) {
        let deadline = Instant::now() + limit;
        let script = format!("return Boolean({script})");
        loop {
            let value = self.client.execute(&script, vec![]).await;
            if matches!(value, Ok(serde_json::Value::Bool(true))) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "never true: {script} (last: {value:?})"
            );
            tokio::time::sleep(POLL).await;
        }
    }

    /// The text of the first element matching `css` (waiting for it); panics naming the
    /// selector when there is none, as a test wants. An element replaced between finding
    /// and reading it (the app taking over from the pre-rendered list, a view drawn again)
    /// is found again.
    pub async fn text(&self, css: &str) -> String {
        let mut attempts = 3;
        loop {
            let element = self.find(css).await.unwrap_or_else(|e| panic!("{css}: {e}"));
            match element.text().await {
                Ok(text) => return text,
                Err(e) if attempts > 1 && is_stale(&e) => attempts -= 1,
                Err(e) => panic!("{css}: {e}"),
            }
        }
    }

    /// How many elements match `css` now.
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map_or(0, |all| all.len())
    }

    /// Clicks the first element matching `css` (waiting for it).
    pub async fn click(&self, css: &str) {
        let element = self.find(css).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Waits (up to twice [`PATIENCE`]: the first add of a user document starts its
    /// worker, which compiles a wasm of its own) until an `<h1>` starts with `prefix`
    /// ("3 results", "7 documents").
    pub async fn wait_for_heading(&self, prefix: &str) {
        let xpath = format!("//h1[starts-with(., '{prefix}')]");
        self.client
            .wait()
            .at_most(2 * PATIENCE)
            .every(POLL)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("heading {prefix:?}: {e}"));
    }

    /// Saves a screenshot of the window as `target/e2e-screenshots/<name>`.
    pub async fn screenshot(&self, name: &str) {
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot: {e}"));
        std::fs::write(crate::paths::screenshot_dir().join(name), png)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }

    /// Ends the session (Chromium quits), then the process group.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        // Dropping `self` ends the group.
    }
}

/// ChromeDriver, leader of a process group that Chromium and its helpers join; dropping it
/// kills the whole group and reaps ChromeDriver, whether the test passed or panicked.
struct Group(Child);

impl Drop for Group {
    fn drop(&mut self) {
        if let Ok(pgid) = libc::pid_t::try_from(self.0.id()) {
            // SAFETY: kill(2) with a negative pid signals a process group; it touches no
            // memory of ours. A group already gone only makes it fail with ESRCH.
            unsafe {
                libc::kill(-pgid, libc::SIGKILL);
            }
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

enum Viewport {
    Desktop { width: u32, height: u32 },
    Phone,
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Is `e` WebDriver's "stale element reference" (the element left the document)?
fn is_stale(e: &fantoccini::error::CmdError) -> bool {
    matches!(
        e,
        fantoccini::error::CmdError::Standard(w)
            if w.error == fantoccini::error::ErrorStatus::StaleElementReference
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Processes of process group `group` that are still running (zombies left out:
    /// they are dead, waiting for init to reap them).
    fn running_in(group: u32) -> Vec<String> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // "pid (name) state ppid pgrp ...": the name may hold spaces and parentheses.
            let Some((name, rest)) = stat.rsplit_once(')') else {
                continue;
            };
            let fields: Vec<&str> = rest.split_whitespace().collect();
            if fields.get(2).and_then(|g| g.parse::<u32>().ok()) == Some(group) && fields[0] != "Z" {
                found.push(name.rsplit_once('(').map_or(name, |(_, n)| n).to_owned());
            }
        }
        found
    }

    async fn gone(group: u32) {
        let deadline = Instant::now() + PATIENCE;
        while !running_in(group).is_empty() {
            assert!(
                Instant::now() < deadline,
                "still running: {:?}",
                running_in(group)
            );
            tokio::time::sleep(POLL).await;
        }
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn every_browser_process_ends_with_its_test_pass_or_fail() {
        // A test that fails half-way: its browser is dropped while the panic unwinds.
        let (tx, rx) = tokio::sync::oneshot::channel();
        let failing = tokio::spawn(async move {
            let browser = Browser::start(800, 600).await.unwrap_or_else(|e| panic!("{e}"));
            browser.client.goto("about:blank").await.expect("a page");
            let _ = tx.send((browser.process_group(), running_in(browser.process_group())));
            panic!("a failing test");
        });
        assert!(failing.await.is_err(), "the test failed");
        let (group, running) = rx.await.expect("the test started its browser");
        assert!(
            running
                .iter()
                .any(|name| name.contains("chrom") && !name.contains("driver")),
            "Chromium runs in the group: {running:?}"
        );
        gone(group).await;

        // And one that passes and closes its browser.
        let browser = Browser::start(800, 600).await.unwrap_or_else(|e| panic!("{e}"));
        let group = browser.process_group();
        browser.close().await;
        gone(group).await;
    }
}
