//! `cargo xtask audit [--corpus DIR | --dist DIR]`: Lighthouse and axe-core against every view of the
//! served release build.
//!
//! Lighthouse (desktop preset: performance, accessibility, best practices) runs once per
//! view's URL in its own headless Chromium; axe-core is injected into each view through
//! ChromeDriver and run with its default rules (WCAG 2 A/AA and best practices). The
//! summary goes to `target/audit/summary.md`; the command fails below the targets
//! (performance 95, accessibility 100, best practices 100) or on any axe violation.
//! Not part of `cargo xtask test`: Lighthouse's performance score depends on the machine.

use crate::cmd::{trunk_build, Cmd};
use crate::{root, tools, Result, TaskError};
use dossier_e2e::{Browser, StaticServer};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const LIGHTHOUSE_VERSION: &str = "12.8.2";
const AXE_VERSION: &str = "4.14.1";

/// The views, by URL path (the seeds corpus has documents 0-4).
const VIEWS: &[(&str, &str)] = &[
    ("documents", "/"),
    ("search results", "/?q=denisov"),
    ("document", "/doc/2?q=denisov"),
    ("entity", "/entity/0"),
    ("matrix", "/matrix"),
    ("graph", "/graph"),
    ("timeline", "/timeline"),
    ("compare", "/compare?d=0,2"),
    ("not found", "/no/such/page"),
];

const TARGETS: [(&str, f64); 3] = [
    ("performance", 95.0),
    ("accessibility", 100.0),
    ("best-practices", 100.0),
];

fn audit_prefix() -> PathBuf {
    crate::tool_paths::npm_prefix().with_file_name("audit-npm")
}

struct ViewResult {
    name: &'static str,
    path: &'static str,
    scores: Vec<f64>,
    failed_audits: Vec<String>,
    violations: Vec<String>,
}

/// Audits a release build of `corpus`, or the release `dist/` built already (`built`).
pub fn run(corpus: Option<PathBuf>, built: Option<PathBuf>) -> Result {
    tools::ensure_browser()?;
    ensure_audit_tools()?;
    let dist = match built {
        Some(dist) => dist,
        None => {
            tools::ensure_build_tools()?;
            let dist = root().join("target").join("audit-dist");
            trunk_build(corpus.as_deref(), &dist)?;
            dist
        }
    };
    let out = root().join("target").join("audit");
    std::fs::create_dir_all(&out)?;
    let axe = std::fs::read_to_string(audit_prefix().join("node_modules/axe-core/axe.min.js"))?;

    let server = StaticServer::start(&dist)?;
    let runtime = tokio::runtime::Runtime::new()?;
    let mut results = Vec::new();
    for &(name, path) in VIEWS {
        let url = server.url(path);
        let (scores, failed_audits) = lighthouse(&url, &out.join(format!("lighthouse-{}.json", slug(name))))?;
        let violations = runtime.block_on(axe_violations(&url, &axe))?;
        println!("{name}: {scores:?}, {} axe violations", violations.len());
        results.push(ViewResult {
            name,
            path,
            scores,
            failed_audits,
            violations,
        });
    }
    let summary = summary(&results);
    std::fs::write(out.join("summary.md"), &summary)?;
    println!("{summary}");
    let short = results
        .iter()
        .any(|r| !r.violations.is_empty() || r.scores.iter().zip(TARGETS).any(|(s, (_, min))| *s < min));
    if short {
        Err(TaskError(
            "below target: see target/audit/summary.md and the Lighthouse reports beside it".to_owned(),
        ))
    } else {
        Ok(())
    }
}

fn slug(name: &str) -> String {
    name.replace(' ', "-")
}

/// Lighthouse and axe-core from npm, pinned, outside the checkout.
fn ensure_audit_tools() -> Result {
    let prefix = audit_prefix();
    let installed = |package: &str, version: &str| {
        std::fs::read_to_string(prefix.join("node_modules").join(package).join("package.json"))
            .ok()
            .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
            .is_some_and(|p| p["version"] == version)
    };
    if installed("lighthouse", LIGHTHOUSE_VERSION) && installed("axe-core", AXE_VERSION) {
        return Ok(());
    }
    std::fs::create_dir_all(&prefix)?;
    Cmd::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .args([&prefix])
        .args([
            format!("lighthouse@{LIGHTHOUSE_VERSION}"),
            format!("axe-core@{AXE_VERSION}"),
        ])
        .run()
}

/// Category scores (0-100, in [`TARGETS`] order) and the titles of failed audits.
fn lighthouse(url: &str, report: &Path) -> Result<(Vec<f64>, Vec<String>)> {
    let bin = audit_prefix().join("node_modules/.bin/lighthouse");
    Cmd::new(bin)
        .args([url, "--preset=desktop", "--quiet", "--output=json"])
        .args(["--only-categories=performance,accessibility,best-practices"])
        .args(["--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"])
        .args([std::ffi::OsStr::new("--output-path"), report.as_os_str()])
        .env("CHROME_PATH", "/usr/bin/chromium")
        .run()?;
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(report)?)
        .map_err(|e| TaskError(format!("{}: {e}", report.display())))?;
    let scores = TARGETS
        .iter()
        .map(|(id, _)| json["categories"][id]["score"].as_f64().unwrap_or(0.0) * 100.0)
        .collect();
    let mut failed = Vec::new();
    for (id, _) in TARGETS {
        for item in json["categories"][id]["auditRefs"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let audit = &json["audits"][item["id"].as_str().unwrap_or_default()];
            let scored = item["weight"].as_f64().unwrap_or(0.0) > 0.0;
            if scored && audit["score"].as_f64().is_some_and(|s| s < 0.9) {
                failed.push(format!("{id}: {}", audit["title"].as_str().unwrap_or("?")));
            }
        }
    }
    Ok((scores, failed))
}

/// axe-core's violations on the view at `url`, once the app has rendered it.
async fn axe_violations(url: &str, axe: &str) -> Result<Vec<String>> {
    let fail = |e: &dyn std::fmt::Display| TaskError(format!("axe on {url}: {e}"));
    let browser = Browser::start(1280, 900).await.map_err(|e| fail(&e))?;
    browser.client.goto(url).await.map_err(|e| fail(&e))?;
    // Rendered: the main landmark has content.
    let deadline = Instant::now() + Duration::from_secs(20);
    while browser
        .client
        .execute("return document.querySelector('#main h1') !== null", vec![])
        .await
        .map_err(|e| fail(&e))?
        != serde_json::Value::Bool(true)
    {
        if Instant::now() > deadline {
            return Err(fail(&"the view never rendered a heading"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.client.execute(axe, vec![]).await.map_err(|e| fail(&e))?;
    let result = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document).then(
               (r) => done(r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)),
               (e) => done(['axe failed: ' + e]))",
            vec![],
        )
        .await
        .map_err(|e| fail(&e))?;
    browser.close().await;
    Ok(result
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect())
}

fn summary(results: &[ViewResult]) -> String {
    let mut out = format!(
        "Lighthouse {LIGHTHOUSE_VERSION} (desktop preset) and axe-core {AXE_VERSION}, served release build\n\n\
         | view | URL | performance | accessibility | best practices | axe violations |\n|---|---|---|---|---|---|\n"
    );
    for r in results {
        let s = |i: usize| r.scores.get(i).map(|v| format!("{v:.0}")).unwrap_or_default();
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} |\n",
            r.name,
            r.path,
            s(0),
            s(1),
            s(2),
            r.violations.len()
        ));
    }
    for r in results {
        for line in r.failed_audits.iter().chain(&r.violations) {
            out.push_str(&format!("\n- {}: {line}", r.name));
        }
    }
    out.push('\n');
    out
}
