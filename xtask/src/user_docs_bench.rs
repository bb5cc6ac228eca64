//! `cargo xtask bench user-docs [--corpus DIR]...`: what adding your own documents costs in
//! headless Chromium, on the seeds and on BBC's 2,225 articles (`../shared/corpora/bbc`)
//! by default.
//!
//! Each corpus gets a release build (as shipped, the document worker included), served
//! on 127.0.0.1. A sample picks 1 or 10 seed articles under new names in the file input
//! and records, in the page, the time from the input's `change` event to the list heading
//! counting them, and meanwhile the page thread's longest task (`PerformanceObserver`,
//! `longtask`: anything over 50 ms) and its longest gap between two animation frames:
//! what shows whether the page froze. The first sample of a session also starts the
//! worker (loads its wasm, decodes the embedded corpus in it); it is reported apart.
//! Between samples everything added is removed ("Remove all").

use crate::app_cache::trunk_build;
use crate::{root, tools, Result, TaskError};
use dossier_e2e::{Browser, StaticServer};
use fantoccini::Locator;
use std::path::{Path, PathBuf};

const SAMPLES: usize = 5;

/// Arguments: the heading text to wait for. Leaves `window.dossierBench`, a promise of
/// [ms to the heading, longest task ms, longest frame gap ms].
const MEASURE: &str = "
const [heading] = arguments;
let done;
window.dossierBench = new Promise((resolve) => { done = resolve; });
const input = document.getElementById('user-docs-input');
let start = null, longest = 0, gap = 0, last = null, frames = true;
const tasks = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
});
tasks.observe({ type: 'longtask' });
const frame = (t) => {
  if (last !== null) gap = Math.max(gap, t - last);
  last = t;
  if (frames) requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
input.addEventListener('change', () => { start = performance.now(); }, { capture: true, once: true });
const check = () => {
  const h = document.getElementById('documents-heading');
  if (start !== null && h && h.textContent.startsWith(heading)) {
    const took = performance.now() - start;
    observer.disconnect();
    requestAnimationFrame(() => { frames = false; tasks.disconnect(); done([took, longest, gap]); });
  }
};
const observer = new MutationObserver(check);
observer.observe(document.body, { childList: true, subtree: true, characterData: true });
";

/// Waits for the measurement [`MEASURE`] started.
const AWAIT: &str = "const done = arguments[arguments.length - 1]; window.dossierBench.then(done);";

pub fn run(corpora: Vec<PathBuf>) -> Result {
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    let corpora = if corpora.is_empty() {
        let bbc = root()
            .join("../shared/corpora/bbc")
            .canonicalize()
            .map_err(|_| TaskError("no ../shared/corpora/bbc: give --corpus DIR".to_owned()))?;
        vec![root().join("seeds"), bbc]
    } else {
        corpora
    };
    let files = root().join("target/bench-user-docs-files");
    std::fs::create_dir_all(&files)?;
    // ChromeDriver takes canonical paths only.
    let files = files.canonicalize()?;
    let seeds: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    let mut picks: Vec<PathBuf> = Vec::new();
    for i in 0..10 {
        let to = files.join(format!("mine-{i}.txt"));
        std::fs::copy(&seeds[i % seeds.len()], &to)?;
        picks.push(to);
    }
    println!("| corpus | files added | first add (starts the worker) | to the list, median | max | longest page task, max | longest frame gap, max |");
    println!("|---|---|---|---|---|---|---|");
    for corpus in corpora {
        let name = corpus
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let dist = root().join("target").join(format!("bench-dist-user-docs-{name}"));
        trunk_build(Some(&corpus), &dist)?;
        let rows = tokio::runtime::Runtime::new()?.block_on(measure(&dist, &picks))?;
        for (n, first, took, task, gap) in rows {
            println!(
                "| {name} | {n} | {first:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms | {:.0} ms |",
                median(&took),
                took.iter().copied().fold(0.0, f64::max),
                task.iter().copied().fold(0.0, f64::max),
                gap.iter().copied().fold(0.0, f64::max),
            );
        }
    }
    Ok(())
}

type Row = (usize, f64, Vec<f64>, Vec<f64>, Vec<f64>);

async fn measure(dist: &Path, picks: &[PathBuf]) -> Result<Vec<Row>> {
    let server = StaticServer::start(dist)?;
    let browser = Browser::start(1280, 900)
        .await
        .map_err(|e| TaskError(e.to_string()))?;
    let fail = |e: fantoccini::error::CmdError| TaskError(e.to_string());
    // Adding to a large corpus takes seconds: give the waiting script five minutes.
    let timeouts =
        fantoccini::wd::TimeoutConfiguration::new(Some(std::time::Duration::from_secs(300)), None, None);
    browser.client.update_timeouts(timeouts).await.map_err(fail)?;
    browser.client.goto(&server.url("/")).await.map_err(fail)?;
    let heading = browser.text("#documents-heading").await;
    let base: usize = heading
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| TaskError(format!("no document count in {heading:?}")))?;
    let mut rows = Vec::new();
    for n in [1usize, 10] {
        let (mut first, mut took, mut task, mut gap) = (None, Vec::new(), Vec::new(), Vec::new());
        for _ in 0..=SAMPLES {
            let expected = (base + n).to_string();
            browser
                .client
                .execute(MEASURE, vec![expected.into()])
                .await
                .map_err(fail)?;
            let paths: Vec<String> = picks[..n].iter().map(|p| p.display().to_string()).collect();
            let input = browser.find("#user-docs-input").await.map_err(fail)?;
            input.send_keys(&paths.join("\n")).await.map_err(fail)?;
            let value = browser.client.execute_async(AWAIT, vec![]).await.map_err(fail)?;
            let numbers: Vec<f64> = value
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_f64())
                .collect();
            let [t, l, g] = numbers[..] else {
                return Err(TaskError(format!("no timing ({value})")));
            };
            if first.is_none() {
                first = Some(t);
            } else {
                took.push(t);
                task.push(l);
                gap.push(g);
            }
            remove_all(&browser, base).await?;
        }
        rows.push((n, first.unwrap_or_default(), took, task, gap));
    }
    browser.close().await;
    Ok(rows)
}

/// Removes every added document and waits for the embedded corpus alone.
async fn remove_all(browser: &Browser, base: usize) -> Result {
    let fail = |e: fantoccini::error::CmdError| TaskError(e.to_string());
    if browser.count(".user-docs-remove-all").await == 0 {
        browser.click(".user-docs-toggle").await;
    }
    browser.click(".user-docs-remove-all").await;
    let xpath = format!("//h1[@id='documents-heading'][starts-with(., '{} ')]", base);
    browser
        .client
        .wait()
        .for_element(Locator::XPath(&xpath))
        .await
        .map_err(fail)?;
    Ok(())
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
