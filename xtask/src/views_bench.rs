//! `cargo xtask bench views [--corpus DIR]`: how long each exploration view takes to
//! render in headless Chromium, on the BBC corpus by default (`../shared/corpora/bbc`).
//!
//! The app is built once for the corpus (release, as shipped) and served on 127.0.0.1.
//! Each sample starts on the not-found page, then changes the route inside the page (the way a
//! click on a link does: `history.pushState` and a `popstate` event) and records the time
//! until the view's element is in the DOM and until the start of the next frame that shows
//! it. Medians and maxima of [`SAMPLES`] samples per view.

use crate::app_cache::trunk_build;
use crate::{root, tools, Result, TaskError};
use dossier_e2e::{Browser, StaticServer};
use std::path::{Path, PathBuf};

const SAMPLES: usize = 7;

/// Route, the element that says it is drawn, what it is.
pub(crate) const VIEWS: [(&str, &str, &str); 9] = [
    ("/?type=PERSON", ".chip", "list with a facet picked"),
    ("/?q=economy", "#documents-heading .timing", "search with facets"),
    ("/entity/0", ".kwic-row", "entity page"),
    ("/matrix", ".matrix-row", "matrix (top 20)"),
    ("/graph", ".graph .node", "graph (top 40)"),
    ("/timeline", "#timeline-heading", "timeline"),
    ("/compare?d=0,1,2,3,4", "#shared-heading", "compare 5 documents"),
    ("/doc/0", "#doc-title", "reader"),
    ("/", ".facets .facet", "list with facets"),
];

/// Records, in the page, the time from a route change to the selector's element in the DOM
/// and to the frame after it. Arguments: path, selector; WebDriver's callback last.
pub(crate) const MEASURE: &str = "
const [path, selector, done] = arguments;
const start = performance.now();
let dom = null;
const check = () => {
  if (dom === null && document.querySelector(selector)) {
    dom = performance.now() - start;
    requestAnimationFrame(() => done([dom, performance.now() - start]));
    observer.disconnect();
  }
};
const observer = new MutationObserver(check);
observer.observe(document.body, { childList: true, subtree: true });
history.pushState(null, '', path);
dispatchEvent(new PopStateEvent('popstate'));
check();
";

pub fn run(corpus: Option<PathBuf>) -> Result {
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    let corpus = corpus_or_bbc(corpus)?;
    let dist = root().join("target").join("bench-dist-views");
    trunk_build(Some(&corpus), &dist)?;
    let rows = tokio::runtime::Runtime::new()?.block_on(measure(&dist))?;
    println!("\n| view | route | to DOM, median | to frame, median | to frame, max |");
    println!("|---|---|---|---|---|");
    for (path, what, dom, frame) in rows {
        println!(
            "| {what} | `{path}` | {:.1} ms | {:.1} ms | {:.1} ms |",
            median(&dom),
            median(&frame),
            frame.iter().copied().fold(0.0, f64::max)
        );
    }
    Ok(())
}

/// The corpus given, else BBC beside the repository (`../shared/corpora/bbc`): what the
/// browser benches measure by default.
pub(crate) fn corpus_or_bbc(corpus: Option<PathBuf>) -> Result<PathBuf> {
    match corpus {
        Some(dir) => Ok(dir),
        None => root()
            .join("../shared/corpora/bbc")
            .canonicalize()
            .map_err(|_| TaskError("no ../shared/corpora/bbc: give --corpus DIR".to_owned())),
    }
}

type Row = (&'static str, &'static str, Vec<f64>, Vec<f64>);

async fn measure(dist: &Path) -> Result<Vec<Row>> {
    let server = StaticServer::start(dist)?;
    let browser = Browser::start(1280, 900)
        .await
        .map_err(|e| TaskError(e.to_string()))?;
    let fail = |e: fantoccini::error::CmdError| TaskError(e.to_string());
    let mut rows = Vec::new();
    for (path, selector, what) in VIEWS {
        let (mut dom, mut frame) = (Vec::new(), Vec::new());
        for _ in 0..SAMPLES {
            // Start each sample from a page that shares nothing with the views (the
            // not-found page), loaded and idle, so no selector is met before the change.
            browser.client.goto(&server.url("/404")).await.map_err(fail)?;
            browser.find(".not-found").await.map_err(fail)?;
            let value = browser
                .client
                .execute_async(MEASURE, vec![path.into(), selector.into()])
                .await
                .map_err(fail)?;
            let pair = value.as_array().cloned().unwrap_or_default();
            let (Some(d), Some(f)) = (
                pair.first().and_then(|v| v.as_f64()),
                pair.get(1).and_then(|v| v.as_f64()),
            ) else {
                return Err(TaskError(format!("{path}: no timing ({value})")));
            };
            dom.push(d);
            frame.push(f);
        }
        rows.push((path, what, dom, frame));
    }
    browser.close().await;
    Ok(rows)
}

/// The middle value (NaN for none): the benches' summary of samples.
pub(crate) fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}
