//! Headless Chromium through ChromeDriver, started fresh (own port, own profile) for each
//! test and shut down when dropped.

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::fmt;
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// A new headless desktop Chromium of `width` x `height` CSS pixels.
    pub async fn start(width: u32, height: u32) -> Result<Browser, BrowserError> {
        Browser::launch(Viewport::Desktop { width, height }).await
    }

    /// A new headless Chromium emulating a phone screen (390 x 844 CSS pixels): a plain
    /// window cannot be narrower than about 500 pixels.
    pub async fn start_phone() -> Result<Browser, BrowserError> {
        Browser::launch(Viewport::Phone).await
    }

    async fn launch(viewport: Viewport) -> Result<Browser, BrowserError> {
        let port = free_port().map_err(BrowserError::Spawn)?;
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_owned());
        let mut driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(BrowserError::Spawn)?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                let _ = driver.kill();
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
        let _ = driver.kill();
        Err(BrowserError::Session(last_error))
    }

    /// Waits (up to 10 s) for an element matching `css`.
    pub async fn find(
        &self,
        css: &str,
    ) -> Result<fantoccini::elements::Element, fantoccini::error::CmdError> {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
    }

    /// The text of the first element matching `css` (waiting for it); panics naming the
    /// selector when there is none, as a test wants.
    pub async fn text(&self, css: &str) -> String {
        let element = self.find(css).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        element.text().await.unwrap_or_else(|e| panic!("{css}: {e}"))
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

    /// Waits (up to 30 s: the first add of a user document starts its worker) until an
    /// `<h1>` starts with `prefix` ("3 results", "7 documents").
    pub async fn wait_for_heading(&self, prefix: &str) {
        let xpath = format!("//h1[starts-with(., '{prefix}')]");
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
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

    /// Ends the session and stops ChromeDriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

enum Viewport {
    Desktop { width: u32, height: u32 },
    Phone,
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
