//! `cargo xtask bench`'s network figures: what a visitor pays, in bytes and in time, on a
//! loopback, a 10 Mbit/s and a 1.6 Mbit/s link, for the app and for Pagefind side by side.
//!
//! Every sample is a fresh headless Chromium (own profile: no HTTP or service-worker cache)
//! whose page goes through DevTools' network emulation ([`dossier_e2e::Link`]). Measured
//! from navigation, with the page's own clock and Resource Timing, so nothing here knows
//! how the build lays out its files:
//! - the list on screen: `/`, to `index.html`'s `dossier:first-paint` mark (the frame
//!   that shows the build's pre-rendered list, before the app's wasm);
//! - the painted list: `/`, to the app's `dossier:list-painted` mark (the app's own, which
//!   answers a search);
//! - the first result: `/?q=WORD`, to the frame after the results heading ("N results")
//!   is in the DOM (the app marks results painted only after a keystroke);
//! - Pagefind: the benchmark page (`bench/page/`) loads Pagefind, searches WORD and loads
//!   the first results' titles and excerpts.
//!
//! Bytes are the transfer sizes (gzip as served, headers included) of the page's requests
//! that had finished by then; the service worker's caching, after `load`, is not counted.
//! The app paints from the corpus file's head while the rest still arrives (Resource
//! Timing knows nothing of a request in flight): when the corpus file has not finished by
//! then, its head's gzipped size is added, the bytes the page had to have.

use crate::search_bench::{build_pagefind, copy_page, ensure_peers};
use crate::{Result, TaskError};
use dossier_e2e::{Browser, Link, StaticServer};
use dossier_model::document::Corpus;
use serde_json::json;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Fresh browsers per figure and link; the tables give the median.
const SAMPLES: usize = 3;
/// A sample that has not finished by then failed (Reuters at 1.6 Mbit/s takes minutes).
const SAMPLE_LIMIT: Duration = Duration::from_secs(900);
const RESULT_MARK: &str = "bench:first-result";

/// A link by name; `None` is loopback without emulation.
pub const LINKS: [(&str, Option<Link>); 3] = [
    ("loopback", None),
    (
        "10 Mbit/s, 40 ms",
        Some(Link {
            latency_ms: 40.0,
            bits_per_second: 10e6,
        }),
    ),
    (
        "1.6 Mbit/s, 150 ms",
        Some(Link {
            latency_ms: 150.0,
            bits_per_second: 1.6e6,
        }),
    ),
];

/// Milliseconds from navigation and bytes fetched by then, per sample.
#[derive(Default)]
pub struct Samples {
    pub ms: Vec<f64>,
    pub bytes: Vec<f64>,
}

pub struct LinkFigures {
    pub link: &'static str,
    /// The pre-rendered list on screen.
    pub shown: Samples,
    pub list: Samples,
    pub result: Samples,
    pub pagefind: Samples,
}

/// The Pagefind side: its index of `corpus` and the benchmark page, in `site`.
pub fn pagefind_site(corpus: &Corpus, site: &Path) -> Result {
    let npm = ensure_peers()?;
    let _ = std::fs::remove_dir_all(site);
    std::fs::create_dir_all(site)?;
    build_pagefind(corpus, site, &npm)?;
    copy_page(site)?;
    // Only the Pagefind module is imported; its files are served from `site/pagefind/`.
    Ok(())
}

/// The word both sides search: the longest all-letter word (at least five letters, the
/// first of equals) of the first title that has one, lower-cased: every real corpus has
/// one, and it has a result.
pub fn search_word(corpus: &Corpus) -> Result<String> {
    corpus
        .documents
        .iter()
        .flat_map(|d| {
            d.title
                .text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.chars().count() >= 5)
                .map(str::to_lowercase)
                .fold(None::<String>, |best, w| match best {
                    Some(b) if b.chars().count() >= w.chars().count() => Some(b),
                    _ => Some(w),
                })
        })
        .next()
        .ok_or_else(|| TaskError("no title has a word of five letters to search".to_owned()))
}

/// The gzipped size of the corpus's text (what the targets compare bytes with).
pub fn text_gzip(corpus: &Corpus) -> Result<usize> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for d in &corpus.documents {
        gz.write_all(d.text.as_bytes())?;
    }
    Ok(gz.finish()?.len())
}

/// The gzipped size of the head of the corpus file in `site` (`dossier_store::parts`): what
/// the page must have received before it can paint, when the rest is still in flight.
pub fn corpus_head_gzip(site: &Path) -> Result<usize> {
    let file = std::fs::read_dir(site)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(crate::corpus_data::is_corpus_file)
        })
        .ok_or_else(|| TaskError(format!("{}: no corpus file", site.display())))?;
    let bytes = std::fs::read(&file)?;
    let head = dossier_store::head_len(&bytes)
        .map_or(bytes.len(), |l| usize::try_from(l).unwrap_or(usize::MAX))
        .min(bytes.len());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&bytes[..head])?;
    Ok(gz.finish()?.len())
}

/// Every link's figures for the app served from `app` (whose corpus file's head is
/// `head_gzip` bytes gzipped) and Pagefind from `pagefind`.
pub async fn measure(
    app: &StaticServer,
    pagefind: &StaticServer,
    word: &str,
    head_gzip: usize,
) -> Result<Vec<LinkFigures>> {
    let query = encode(word);
    let mut all = Vec::new();
    for (name, link) in LINKS {
        let mut figures = LinkFigures {
            link: name,
            shown: Samples::default(),
            list: Samples::default(),
            result: Samples::default(),
            pagefind: Samples::default(),
        };
        for i in 0..SAMPLES {
            println!("bench: {name}, sample {} of {SAMPLES}", i + 1);
            let with_head = |(ms, bytes, corpus_done): (f64, f64, bool)| {
                (
                    ms,
                    if corpus_done {
                        bytes
                    } else {
                        bytes + head_gzip as f64
                    },
                )
            };
            let (ms, bytes) = with_head(sample(&app.url("/"), link, LIST_PAINTED).await?);
            figures.list.push(ms, bytes);
            let (ms, bytes, _) = sample(&app.url("/"), link, LIST_SHOWN).await?;
            figures.shown.push(ms, bytes);
            let (ms, bytes) = with_head(sample(&app.url(&format!("/?q={query}")), link, FIRST_RESULT).await?);
            figures.result.push(ms, bytes);
            let page = pagefind.url(&format!("/index.html?engine=pagefind&first={query}"));
            let (ms, bytes, _) = sample(&page, link, PAGEFIND_FIRST).await?;
            figures.pagefind.push(ms, bytes);
        }
        all.push(figures);
    }
    Ok(all)
}

impl Samples {
    fn push(&mut self, ms: f64, bytes: f64) {
        self.ms.push(ms);
        self.bytes.push(bytes);
    }
}

/// Bytes of the requests finished by time `t` (ms from navigation): the document and
/// every resource; and whether the corpus file was one of them.
const BYTES_AT: &str = "const finishedBy = (t) => performance.getEntriesByType('navigation')
      .concat(performance.getEntriesByType('resource'))
      .filter((e) => e.responseEnd > 0 && e.responseEnd <= t);
    const bytesAt = (t) => finishedBy(t).reduce((n, e) => n + e.transferSize, 0);
    const corpusBy = (t) => finishedBy(t).some((e) => /\\/corpus-[0-9a-f]+\\.bin$/.test(e.name));";

/// `[ms, bytes, corpus finished]` once the list is painted, else null.
const LIST_PAINTED: &str = "const m = performance.getEntriesByName('dossier:list-painted')[0];
    return m ? [m.startTime, bytesAt(m.startTime), corpusBy(m.startTime)] : null;";

/// `[ms, bytes, corpus finished]` once the pre-rendered list is on screen, else null.
const LIST_SHOWN: &str = "const m = performance.getEntriesByName('dossier:first-paint')[0];
    return m ? [m.startTime, bytesAt(m.startTime), corpusBy(m.startTime)] : null;";

/// `[ms, bytes, corpus finished]` once the first results are painted, else null.
const FIRST_RESULT: &str = "const m = performance.getEntriesByName('bench:first-result')[0];
    return m ? [m.startTime, bytesAt(m.startTime), corpusBy(m.startTime)] : null;";

/// `[ms, bytes, true]` once the benchmark page has Pagefind's first results, else null.
const PAGEFIND_FIRST: &str = "const s = window.benchState;
    if (s && s.error) return { error: s.error };
    return s && s.ready ? [s.firstResultMs, s.firstResultBytes, true] : null;";

/// Installed before the page's own scripts: marks [`RESULT_MARK`] after the frame that
/// shows the results heading (as the app's own keystroke measure does: a frame, then a
/// task).
fn result_observer() -> String {
    format!(
        "(() => {{
          const shown = () => {{
            const h = document.getElementById('documents-heading');
            return h !== null && /^[1-9][0-9,]*( of [0-9,]+)? results?/.test(h.textContent);
          }};
          const observer = new MutationObserver(() => {{
            if (!shown()) return;
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => performance.mark('{RESULT_MARK}'), 0));
          }});
          observer.observe(document, {{ childList: true, subtree: true, characterData: true }});
        }})();"
    )
}

/// One sample in a fresh browser: navigates to `url` through `link` and polls `script`
/// (after [`BYTES_AT`]) until it gives `[ms, bytes, corpus finished]`.
async fn sample(url: &str, link: Option<Link>, script: &str) -> Result<(f64, f64, bool)> {
    let err = |e: &dyn std::fmt::Display| TaskError(format!("{url}: {e}"));
    let browser = Browser::start(1280, 900).await.map_err(|e| err(&e))?;
    let limits = fantoccini::wd::TimeoutConfiguration::new(None, Some(SAMPLE_LIMIT), None);
    browser
        .client
        .update_timeouts(limits)
        .await
        .map_err(|e| err(&e))?;
    if let Some(link) = link {
        browser.throttle(link).await.map_err(|e| err(&e))?;
    }
    browser
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": result_observer() }),
        )
        .await
        .map_err(|e| err(&e))?;
    browser.client.goto(url).await.map_err(|e| err(&e))?;
    let script = format!("{BYTES_AT}\n{script}");
    let deadline = Instant::now() + SAMPLE_LIMIT;
    let found = loop {
        let value = browser
            .client
            .execute(&script, vec![])
            .await
            .map_err(|e| err(&e))?;
        if let Some(e) = value.get("error") {
            break Err(err(e));
        }
        if let Some([ms, bytes, done]) = value.as_array().map(Vec::as_slice) {
            break Ok((
                ms.as_f64().unwrap_or(f64::NAN),
                bytes.as_f64().unwrap_or(f64::NAN),
                done.as_bool().unwrap_or(true),
            ));
        }
        if Instant::now() > deadline {
            break Err(err(&"never finished"));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    browser.close().await;
    found
}

/// `word` for a query string (letters only, but not only ASCII ones).
fn encode(word: &str) -> String {
    word.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The middle value (the upper one of an even count); NaN for none.
pub fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn kb(bytes: f64) -> String {
    if bytes >= 1e6 {
        format!("{:.2} MB", bytes / 1e6)
    } else {
        format!("{:.0} KB", bytes / 1e3)
    }
}

fn ms(ms: f64) -> String {
    if ms >= 10_000.0 {
        format!("{:.1} s", ms / 1000.0)
    } else {
        format!("{ms:.0} ms")
    }
}

/// The table for one corpus: medians over [`SAMPLES`] fresh browsers per cell.
pub fn table(corpus: &str, word: &str, text_gzip: usize, figures: &[LinkFigures]) -> String {
    let mut out = format!(
        "`{corpus}` (text {} gzip; searching `{word}`)\n\n\
         | link | before the list on screen: bytes | navigation to the list on screen | before the app's list: bytes | navigation to the app's painted list | before the first result: bytes (÷ text gzip) | navigation to first result | Pagefind: bytes | Pagefind: navigation to first results |\n\
         |---|---|---|---|---|---|---|---|---|\n",
        kb(text_gzip as f64)
    );
    for f in figures {
        let result_bytes = median(&f.result.bytes);
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} ({:.2}x) | {} | {} | {} |\n",
            f.link,
            kb(median(&f.shown.bytes)),
            ms(median(&f.shown.ms)),
            kb(median(&f.list.bytes)),
            ms(median(&f.list.ms)),
            kb(result_bytes),
            result_bytes / text_gzip as f64,
            ms(median(&f.result.ms)),
            kb(median(&f.pagefind.bytes)),
            ms(median(&f.pagefind.ms)),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_odd_and_an_even_count_and_of_none() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 3.0);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn the_word_searched_is_the_longest_of_the_first_title_with_five_letters() {
        use dossier_ingest::source::SourceFile;
        let corpus = |titles: &[&str]| {
            dossier_ingest::ingest(
                titles
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        SourceFile::new(
                            format!("{i}.txt"),
                            format!("{t}\n\nSome body text here.\n").into_bytes(),
                        )
                    })
                    .collect(),
            )
        };
        let word = |titles: &[&str]| search_word(&corpus(titles)).ok();
        assert_eq!(
            word(&["Zürich talks on tariffs", "Elsewhere"]).as_deref(),
            Some("tariffs")
        );
        assert_eq!(word(&["Bonds rally, firms slide"]).as_deref(), Some("bonds"));
        assert_eq!(word(&["A cat", "Weather in Oslo"]).as_deref(), Some("weather"));
        assert_eq!(word(&["A cat"]), None);
    }

    #[test]
    fn a_word_with_letters_beyond_ascii_is_percent_encoded() {
        assert_eq!(encode("zürich"), "z%C3%BCrich");
        assert_eq!(encode("denisov"), "denisov");
    }

    #[test]
    fn sizes_and_times_read_in_their_unit() {
        assert_eq!(kb(749_500.0), "750 KB");
        assert_eq!(kb(4_812_000.0), "4.81 MB");
        assert_eq!(ms(1119.4), "1119 ms");
        assert_eq!(ms(23_040.0), "23.0 s");
    }
}
