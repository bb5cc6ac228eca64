//! The workbench in headless Chromium: one fresh profile, the views without and with the
//! reader's work, the case file's import and export, a correction through the page, and
//! keystrokes on the list with a tag picked.
//!
//! Views are timed as `views_bench` times them (a route change from the not-found page to
//! the view's element and the next frame), after the page has loaded and settled: with the
//! work, after the page has applied the stored corrections (its `dossier:corrections-applied`
//! measure exists), so the figure is opening a view, not loading the work.

use super::case_file::{tag_name, SAVED_SEARCH};
use crate::views_bench::median;
use crate::views_bench::{MEASURE, VIEWS};
use crate::{Result, TaskError};
use dossier_e2e::{Browser, StaticServer};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

const SAMPLES: usize = 5;
/// The page's idle time after a load before a view is timed: the corpus's text arrives and
/// is decoded after the first paint.
const SETTLE: Duration = Duration::from_millis(1500);
/// How long any one step may take before the bench gives up.
const PATIENCE: Duration = Duration::from_secs(60);
/// Typed one key at a time into the list's search box.
const TYPED: &str = "economy growth";
/// Pause between keystrokes (a brisk typist, as `search_bench`).
const KEY_GAP: Duration = Duration::from_millis(120);
/// Renames through the entity page.
const RENAMES: usize = 3;
/// The page's measure around applying the corrections (`src/work.rs`).
const CORRECTIONS_MEASURE: &str = "dossier:corrections-applied";

/// One view's samples, in milliseconds.
#[derive(Default)]
pub struct ViewTimes {
    pub frame: Vec<f64>,
}

pub struct View {
    pub path: &'static str,
    pub what: &'static str,
}

pub struct Figures {
    pub views: Vec<View>,
    pub views_without_work: Vec<ViewTimes>,
    pub views_with_work: Vec<ViewTimes>,
    pub import: Import,
    pub export: Export,
    /// Submit of a rename to the frame showing the new name, per rename.
    pub correction: Vec<f64>,
    /// The page's own measure of applying the corrections, per rename.
    pub corrections_applied: Vec<f64>,
    pub keystrokes_plain: Keystrokes,
    pub keystrokes_tag: Keystrokes,
}

impl Figures {
    pub fn worst_view_difference(&self) -> f64 {
        self.views_without_work
            .iter()
            .zip(&self.views_with_work)
            .map(|(a, b)| median(&b.frame) - median(&a.frame))
            .fold(f64::NEG_INFINITY, f64::max)
    }
}

fn err(e: impl std::fmt::Display) -> TaskError {
    TaskError(e.to_string())
}

/// Everything, in one fresh profile on the build in `dist`, importing `case_file`.
pub async fn measure(dist: &Path, case_file: &Path) -> Result<Figures> {
    let server = StaticServer::start(dist)?;
    let browser = Browser::start(1280, 900).await.map_err(err)?;
    let downloads = crate::root()
        .join("target")
        .join("bench-workbench")
        .join("downloads");
    if downloads.exists() {
        std::fs::remove_dir_all(&downloads)?;
    }
    std::fs::create_dir_all(&downloads)?;
    browser
        .cdp(
            "Browser.setDownloadBehavior",
            serde_json::json!({ "behavior": "allow", "downloadPath": downloads.display().to_string() }),
        )
        .await
        .map_err(err)?;

    println!("bench workbench: views with no work");
    let views_without_work = views(&browser, &server, false).await?;
    let keystrokes_plain = keystrokes(&browser, &server, "/", false).await?;
    println!(
        "  keystroke to frame, no work: median {:.1} ms",
        median(&keystrokes_plain.frame)
    );
    println!("bench workbench: importing the case file");
    let import = import(&browser, &server, case_file).await?;
    println!(
        "  picked to summary {:.0} ms, Merge to saved list {:.0} ms (applying the corrections {:.0} ms, applied {}x)",
        import.summary, import.merge, import.applied, import.applied_times
    );
    println!("bench workbench: views with the work");
    let views_with_work = views(&browser, &server, true).await?;
    let tagged = format!("/?tag={}", tag_name(3));
    let keystrokes_tag = keystrokes(&browser, &server, &tagged, true).await?;
    println!(
        "  keystroke with {tagged}: to frame {:.1?} ms, to DOM {:.1?} ms",
        keystrokes_tag.frame, keystrokes_tag.render
    );
    println!("bench workbench: a correction through the entity page");
    let (correction, corrections_applied) = renames(&browser, &server).await?;
    println!(
        "  submit to new name in frame {correction:.0?} ms; corrections applied {corrections_applied:.0?} ms"
    );
    println!("bench workbench: export");
    let export = export(&browser, &server, &downloads).await?;
    println!(
        "  click to download start {:.0} ms, finished {:?} ms, folder {:?}",
        export.to_download_start, export.finished, export.left
    );
    browser.close().await;
    Ok(Figures {
        views: VIEWS.iter().map(|&(path, _, what)| View { path, what }).collect(),
        views_without_work,
        views_with_work,
        import,
        export,
        correction,
        corrections_applied,
        keystrokes_plain,
        keystrokes_tag,
    })
}

/// Polls the JavaScript expression `script` until it is true.
async fn wait_until(browser: &Browser, script: &str) -> Result {
    let deadline = Instant::now() + PATIENCE;
    let script = format!("return Boolean({script})");
    loop {
        if let Ok(Value::Bool(true)) = browser.client.execute(&script, vec![]).await {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(TaskError(format!("never true: {script}")));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Loads `path` and waits until the page is idle (and has applied the work, `with_work`).
async fn load_settled(browser: &Browser, server: &StaticServer, path: &str, with_work: bool) -> Result {
    browser.client.goto(&server.url(path)).await.map_err(err)?;
    if with_work {
        wait_until(
            browser,
            &format!("performance.getEntriesByName('{CORRECTIONS_MEASURE}').length > 0"),
        )
        .await?;
    }
    tokio::time::sleep(SETTLE).await;
    Ok(())
}

async fn views(browser: &Browser, server: &StaticServer, with_work: bool) -> Result<Vec<ViewTimes>> {
    let mut all = Vec::new();
    for (path, selector, _) in VIEWS {
        let mut times = ViewTimes::default();
        for _ in 0..SAMPLES {
            load_settled(browser, server, "/404", with_work).await?;
            browser.find(".not-found").await.map_err(err)?;
            let value = browser
                .client
                .execute_async(MEASURE, vec![path.into(), selector.into()])
                .await
                .map_err(|e| TaskError(format!("{path}: {e}")))?;
            let frame = value
                .as_array()
                .and_then(|pair| pair.get(1))
                .and_then(Value::as_f64)
                .ok_or_else(|| TaskError(format!("{path}: no timing ({value})")))?;
            times.frame.push(frame);
        }
        println!(
            "  {path}: to frame {:.1?} ms (median {:.1})",
            times.frame,
            median(&times.frame)
        );
        all.push(times);
    }
    Ok(all)
}

/// Types [`TYPED`] into the list's search box at `path`: the page's keystroke-to-frame
/// measures.
async fn keystrokes(
    browser: &Browser,
    server: &StaticServer,
    path: &str,
    with_work: bool,
) -> Result<Keystrokes> {
    load_settled(browser, server, path, with_work).await?;
    let input = browser.find("#search-input").await.map_err(err)?;
    for c in TYPED.chars() {
        input.send_keys(&c.to_string()).await.map_err(err)?;
        tokio::time::sleep(KEY_GAP).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let frame = durations(browser, "dossier:keystroke-to-frame").await?;
    let render = durations(browser, "dossier:keystroke-to-render").await?;
    if frame.is_empty() || render.is_empty() {
        return Err(TaskError(format!(
            "{path}: the page recorded no keystroke measures"
        )));
    }
    Ok(Keystrokes { render, frame })
}

/// Per keystroke, in milliseconds: to the results in the DOM (the app's work) and to the
/// start of the frame that shows them (the page's measures).
pub struct Keystrokes {
    pub render: Vec<f64>,
    pub frame: Vec<f64>,
}

/// Records, in the page, when the `change` of the file input fires and when the summary
/// shows; then Merge and the saved list.
/// The import's times, in milliseconds.
pub struct Import {
    /// File picked to the summary's frame.
    pub summary: f64,
    /// Merge to the frame showing the saved searches (stored, applied, drawn).
    pub merge: f64,
    /// Of which applying the corrections (the page's measures, summed), and how many
    /// times the page applied them.
    pub applied: f64,
    pub applied_times: usize,
}

async fn import(browser: &Browser, server: &StaticServer, case_file: &Path) -> Result<Import> {
    load_settled(browser, server, "/work", false).await?;
    let input = browser.find(".case-import input[type=file]").await.map_err(err)?;
    wait_until(browser, "!document.querySelector('.case-import input').disabled").await?;
    browser
        .client
        .execute(
            "window.__bench = {};
             const input = document.querySelector('.case-import input');
             input.addEventListener('change', () => { window.__bench.picked = performance.now(); }, { capture: true });
             const seen = new MutationObserver(() => {
               if (window.__bench.review === undefined && document.querySelector('.case-review')) {
                 window.__bench.review = performance.now();
                 seen.disconnect();
                 requestAnimationFrame(() => { window.__bench.reviewFrame = performance.now(); });
               }
             });
             seen.observe(document.body, { childList: true, subtree: true });
             return true;",
            vec![],
        )
        .await
        .map_err(err)?;
    input
        .send_keys(&case_file.display().to_string())
        .await
        .map_err(err)?;
    wait_until(browser, "window.__bench.reviewFrame !== undefined").await?;
    let summary = number(
        browser,
        "return window.__bench.reviewFrame - window.__bench.picked",
    )
    .await?;
    let value = browser
        .client
        .execute_async(
            "const [name, done] = arguments;
             const start = performance.now();
             const check = () => {
               const shown = [...document.querySelectorAll('.saved-open')].some(a => a.textContent === name);
               if (shown) {
                 observer.disconnect();
                 requestAnimationFrame(() => done(performance.now() - start));
               }
             };
             const observer = new MutationObserver(check);
             observer.observe(document.body, { childList: true, subtree: true, characterData: true });
             document.querySelector('.case-merge').click();
             check();",
            vec![SAVED_SEARCH.into()],
        )
        .await
        .map_err(err)?;
    let merge = value
        .as_f64()
        .ok_or_else(|| TaskError(format!("merge: no timing ({value})")))?;
    let applied = durations(browser, CORRECTIONS_MEASURE).await?;
    Ok(Import {
        summary,
        merge,
        applied: applied.iter().sum(),
        applied_times: applied.len(),
    })
}

/// The durations of the page's measures named `name`.
async fn durations(browser: &Browser, name: &str) -> Result<Vec<f64>> {
    let script = format!("return performance.getEntriesByName('{name}', 'measure').map(e => e.duration)");
    let values = browser.client.execute(&script, vec![]).await.map_err(err)?;
    Ok(values
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect())
}

async fn number(browser: &Browser, script: &str) -> Result<f64> {
    let value = browser.client.execute(script, vec![]).await.map_err(err)?;
    value
        .as_f64()
        .ok_or_else(|| TaskError(format!("{script}: {value}")))
}

/// Renames the entity on `/entity/0` [`RENAMES`] times: submit to the frame showing the
/// new name, and the page's `dossier:corrections-applied` measure for each.
async fn renames(browser: &Browser, server: &StaticServer) -> Result<(Vec<f64>, Vec<f64>)> {
    let (mut visible, mut applied) = (Vec::new(), Vec::new());
    for i in 0..RENAMES {
        load_settled(browser, server, "/entity/0", true).await?;
        browser.find("#entity-name").await.map_err(err)?;
        let value = browser
            .client
            .execute_async(
                "const [i, done] = arguments;
                 const heading = document.querySelector('#entity-name');
                 const name = heading.textContent + ' (renamed ' + i + ')';
                 const form = document.querySelector('.correct-entity form.rename');
                 form.closest('details').open = true;
                 form.querySelector('input').value = name;
                 performance.clearMeasures('dossier:corrections-applied');
                 const start = performance.now();
                 const check = () => {
                   if (document.querySelector('#entity-name')?.textContent === name) {
                     observer.disconnect();
                     requestAnimationFrame(() => done(performance.now() - start));
                   }
                 };
                 const observer = new MutationObserver(check);
                 observer.observe(document.body, { childList: true, subtree: true, characterData: true });
                 form.requestSubmit();",
                vec![i.into()],
            )
            .await
            .map_err(err)?;
        visible.push(
            value
                .as_f64()
                .ok_or_else(|| TaskError(format!("rename: no timing ({value})")))?,
        );
        let measures = browser
            .client
            .execute(
                &format!("return performance.getEntriesByName('{CORRECTIONS_MEASURE}', 'measure').map(e => e.duration)"),
                vec![],
            )
            .await
            .map_err(err)?;
        let durations: Vec<f64> = measures
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_f64)
            .collect();
        let most = durations.iter().copied().fold(f64::NAN, f64::max);
        if most.is_nan() {
            return Err(TaskError(
                "the rename applied no corrections in the page".to_owned(),
            ));
        }
        applied.push(most);
    }
    Ok((visible, applied))
}

/// What the export did: the page's time from the click to the download's start (the
/// anchor the app clicks), and the file, finished or not.
pub struct Export {
    pub to_download_start: f64,
    /// Click to the finished `.json` in the download folder, when it finished within
    /// [`DOWNLOAD_PATIENCE`] (polled every 5 ms from here: WebDriver's round trip is in it).
    pub finished: Option<f64>,
    /// What the download folder held when it gave up: name and bytes.
    pub left: Vec<(String, u64)>,
}

/// How long the export's file may take to be written.
const DOWNLOAD_PATIENCE: Duration = Duration::from_secs(20);

/// Clicks Export on the Your work page and times it, in the page and on disk.
async fn export(browser: &Browser, server: &StaticServer, downloads: &Path) -> Result<Export> {
    load_settled(browser, server, "/work", true).await?;
    browser.find(".case-export").await.map_err(err)?;
    // WebDriver's click, a user's gesture, as the end-to-end test clicks: the page records
    // the click and the anchor the app clicks to start the download.
    browser
        .client
        .execute(
            "window.__export = {};
             // On the window, capturing: before the app's own listeners, wherever they sit.
             window.addEventListener('click', () => {
               // The first click only: the app's own anchor click comes after it.
               window.__export.clicked ??= performance.now();
             }, { capture: true });
             const click = HTMLAnchorElement.prototype.click;
             HTMLAnchorElement.prototype.click = function () {
               if (this.download) window.__export.download = performance.now();
               return click.call(this);
             };
             return true;",
            vec![],
        )
        .await
        .map_err(err)?;
    let button = browser.find(".case-export").await.map_err(err)?;
    let started = Instant::now();
    button.click().await.map_err(err)?;
    let value = browser
        .client
        .execute(
            "return window.__export.download - window.__export.clicked",
            vec![],
        )
        .await
        .map_err(err)?;
    let to_download_start = value
        .as_f64()
        .ok_or_else(|| TaskError(format!("export: the page started no download ({value})")))?;
    let finished = loop {
        let done = std::fs::read_dir(downloads)?
            .filter_map(|e| e.ok())
            .any(|e| e.path().extension().is_some_and(|x| x == "json"));
        if done {
            break Some(started.elapsed().as_secs_f64() * 1e3);
        }
        if started.elapsed() > DOWNLOAD_PATIENCE {
            break None;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let left = std::fs::read_dir(downloads)?
        .filter_map(|e| e.ok())
        .map(|e| {
            let size = e.metadata().map_or(0, |m| m.len());
            (e.file_name().to_string_lossy().into_owned(), size)
        })
        .collect();
    Ok(Export {
        to_download_start,
        finished,
        left,
    })
}
