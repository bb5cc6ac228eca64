//! DevTools protocol commands through ChromeDriver's `goog/cdp/execute` endpoint, for what
//! WebDriver itself cannot ask of Chromium: emulated media (dark mode, print) in the tests,
//! a throttled network in the benchmarks.

use crate::Browser;
use fantoccini::error::CmdError;
use serde_json::{json, Value};

/// One DevTools command (`{"cmd": "Domain.method", "params": {..}}`) sent through ChromeDriver.
#[derive(Debug)]
struct Cdp(Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}

/// A network link as DevTools emulates it: every request waits `latency_ms` for its
/// response to start, and the bytes flow at most at `bits_per_second`, both ways.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    pub latency_ms: f64,
    pub bits_per_second: f64,
}

impl Browser {
    /// Sends the DevTools command `cmd` with `params` to the current page; its result.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value, CmdError> {
        self.client
            .issue_cmd(Cdp(json!({ "cmd": cmd, "params": params })))
            .await
    }

    /// From now on the page's requests go through `link` (`Network.emulateNetworkConditions`),
    /// navigations in this window included. Throughput is in bytes per second for DevTools.
    pub async fn throttle(&self, link: Link) -> Result<(), CmdError> {
        self.cdp("Network.enable", json!({})).await?;
        let bytes_per_second = link.bits_per_second / 8.0;
        self.cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": link.latency_ms,
                "downloadThroughput": bytes_per_second,
                "uploadThroughput": bytes_per_second,
            }),
        )
        .await
        .map(drop)
    }
}
