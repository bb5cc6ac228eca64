//! `cargo xtask audit [--corpus DIR | --dist DIR]`: Lighthouse and axe-core against every view of the
//! served release build.
//!
//! Lighthouse (performance, accessibility, best practices) runs once per view's URL and
//! preset in its own headless Chromium: the desktop preset, and the mobile one (its
//! default: a phone's screen, simulated slow 4G, 4x CPU slowdown), where phones that open
//! a shared link pay what the desktop score hides. axe-core is injected into each view
//! through ChromeDriver and run with its default rules (WCAG 2 A/AA and best practices).
//! The summary, one table per preset, goes to `target/audit/summary.md`; the command fails
//! below the targets (performance 95 on desktop and 90 on mobile, accessibility and best
//! practices 100 on both) or on any axe violation.
//! Not part of `cargo xtask test`: Lighthouse's performance score depends on the machine.

use crate::app_cache::trunk_build;
use crate::cmd::Cmd;
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

/// The categories scored, in the tables' order.
const CATEGORIES: [&str; 3] = ["performance", "accessibility", "best-practices"];

/// Lighthouse's two presets.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Preset {
    Desktop,
    /// Lighthouse's default configuration: a phone, simulated slow 4G (150 ms, 1.6 Mbit/s),
    /// 4x CPU slowdown.
    Mobile,
}

const PRESETS: [Preset; 2] = [Preset::Desktop, Preset::Mobile];

impl Preset {
    fn name(self) -> &'static str {
        match self {
            Preset::Desktop => "desktop",
            Preset::Mobile => "mobile",
        }
    }

    fn args(self) -> &'static [&'static str] {
        match self {
            Preset::Desktop => &["--preset=desktop"],
            Preset::Mobile => &[],
        }
    }

    /// The lowest passing score per category, in [`CATEGORIES`] order.
    fn targets(self) -> [f64; 3] {
        match self {
            Preset::Desktop => [95.0, 100.0, 100.0],
            Preset::Mobile => [90.0, 100.0, 100.0],
        }
    }
}

/// One view's Lighthouse run with one preset.
struct Run {
    preset: Preset,
    /// 0-100, in [`CATEGORIES`] order.
    scores: Vec<f64>,
    /// Largest Contentful Paint and Total Blocking Time, in milliseconds.
    lcp_ms: f64,
    tbt_ms: f64,
    failed_audits: Vec<String>,
}

fn audit_prefix() -> PathBuf {
    crate::tool_paths::npm_prefix().with_file_name("audit-npm")
}

struct ViewResult {
    name: &'static str,
    path: &'static str,
    runs: Vec<Run>,
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
        let mut runs = Vec::new();
        for preset in PRESETS {
            let report = out.join(format!("lighthouse-{}-{}.json", preset.name(), slug(name)));
            let run = lighthouse(&url, preset, &report)?;
            println!("{name} ({}): {:?}", preset.name(), run.scores);
            runs.push(run);
        }
        let violations = runtime.block_on(axe_violations(&url, &axe))?;
        println!("{name}: {} axe violations", violations.len());
        results.push(ViewResult {
            name,
            path,
            runs,
            violations,
        });
    }
    let summary = summary(&results);
    std::fs::write(out.join("summary.md"), &summary)?;
    println!("{summary}");
    let short = results.iter().any(|r| {
        !r.violations.is_empty()
            || r.runs.iter().any(|run| {
                run.scores
                    .iter()
                    .zip(run.preset.targets())
                    .any(|(s, min)| *s < min)
            })
    });
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

/// Lighthouse on `url` with `preset`: category scores, two timings and failed audits.
fn lighthouse(url: &str, preset: Preset, report: &Path) -> Result<Run> {
    let bin = audit_prefix().join("node_modules/.bin/lighthouse");
    Cmd::new(bin)
        .args([url, "--quiet", "--output=json"])
        .args(preset.args())
        .args(["--only-categories=performance,accessibility,best-practices"])
        .args(["--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"])
        .args([std::ffi::OsStr::new("--output-path"), report.as_os_str()])
        .env("CHROME_PATH", "/usr/bin/chromium")
        .run()?;
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(report)?)
        .map_err(|e| TaskError(format!("{}: {e}", report.display())))?;
    let scores = CATEGORIES
        .iter()
        .map(|id| json["categories"][id]["score"].as_f64().unwrap_or(0.0) * 100.0)
        .collect();
    let timing = |audit: &str| json["audits"][audit]["numericValue"].as_f64().unwrap_or(f64::NAN);
    let mut failed = Vec::new();
    for id in CATEGORIES {
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
    Ok(Run {
        preset,
        scores,
        lcp_ms: timing("largest-contentful-paint"),
        tbt_ms: timing("total-blocking-time"),
        failed_audits: failed,
    })
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
    let mut out =
        format!("Lighthouse {LIGHTHOUSE_VERSION} and axe-core {AXE_VERSION}, served release build\n");
    for preset in PRESETS {
        out.push_str(&format!(
            "\n{} preset\n\n| view | URL | performance | accessibility | best practices | Largest Contentful Paint | Total Blocking Time | axe violations |\n|---|---|---|---|---|---|---|---|\n",
            preset.name()
        ));
        for r in results {
            let Some(run) = r.runs.iter().find(|run| run.preset == preset) else {
                continue;
            };
            let s = |i: usize| run.scores.get(i).map(|v| format!("{v:.0}")).unwrap_or_default();
            out.push_str(&format!(
                "| {} | `{}` | {} | {} | {} | {:.1} s | {:.0} ms | {} |\n",
                r.name,
                r.path,
                s(0),
                s(1),
                s(2),
                run.lcp_ms / 1000.0,
                run.tbt_ms,
                r.violations.len()
            ));
        }
    }
    for r in results {
        for run in &r.runs {
            for line in &run.failed_audits {
                out.push_str(&format!("\n- {} ({}): {line}", r.name, run.preset.name()));
            }
        }
        for line in &r.violations {
            out.push_str(&format!("\n- {}: {line}", r.name));
        }
    }
    out.push('\n');
    out
}
