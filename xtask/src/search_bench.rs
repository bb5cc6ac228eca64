//! `cargo xtask bench search [--corpus DIR] [--queries FILE]`: Dossier's engine beside
//! MiniSearch, FlexSearch, Orama and Pagefind, in one run, on one corpus and one query list, all
//! loaded in headless Chromium from 127.0.0.1 and timed with the same clock.
//!
//! Per engine: index build time (in the browser for MiniSearch, FlexSearch and Orama; natively at
//! build time for Dossier and Pagefind, whose browser side only loads), bytes fetched
//! before the first query can run, time to interactive, per-query latency (median and
//! p95 over the queries of each query's median run) and known-item relevance (success@3
//! and mean reciprocal rank). Then Dossier's keystroke-to-painted-results time in the
//! real app. The table is printed and written into docs/BENCHMARKS.md.

use crate::app_cache::trunk_build;
use crate::cmd::{cargo, Cmd};
use crate::{root, tools, Result, TaskError};
use dossier_e2e::{Browser, StaticServer};
use dossier_ingest::ingest;
use dossier_ingest::source::read_corpus_dir;
use dossier_model::document::{Corpus, Treatment};
use dossier_search::index::build;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const PEERS: [&str; 4] = [
    "minisearch@7.2.0",
    "flexsearch@0.8.212",
    "pagefind@1.6.0",
    "@orama/orama@3.1.18",
];
const ENGINES: [&str; 5] = ["dossier", "minisearch", "flexsearch", "orama", "pagefind"];
const TOP: usize = 10;
/// One frame at 60 Hz, in milliseconds.
const FRAME_MS: f64 = 1000.0 / 60.0;
/// Pause between simulated keystrokes (about 100 words a minute).
const KEY_GAP: Duration = Duration::from_millis(120);
/// The Cargo profile Trunk builds the page with (index.html) and the wasm-opt level
/// `page-split` runs over its modules.
const PAGE_PROFILE: &str = "page";
const PAGE_WASM_OPT: &str = crate::page_split::WASM_OPT;
const START: &str = "<!-- search-bench:start -->";
const END: &str = "<!-- search-bench:end -->";

/// One line of the query file: the query and, for known items, the file it should find.
struct BenchQuery {
    text: String,
    expected: Option<String>,
}

struct EngineFigures {
    name: &'static str,
    build_ms: f64,
    build_where: &'static str,
    bytes: u64,
    ready_ms: f64,
    latencies: Vec<f64>,
    success_at_3: f64,
    mrr: f64,
    /// Tokens the entity recogniser read in wasm, and the milliseconds it took.
    tagging: Option<(f64, f64)>,
}

pub fn run(corpus: Option<PathBuf>, queries: Option<PathBuf>) -> Result {
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    let npm = ensure_peers()?;
    let (name, dir) = match corpus {
        Some(dir) => (
            dir.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            dir,
        ),
        None => {
            let bbc = root().join("../shared/corpora/bbc");
            let dir = bbc.canonicalize().map_err(|_| {
                TaskError(format!(
                    "{} is absent: pass --corpus DIR (and --queries FILE)",
                    bbc.display()
                ))
            })?;
            ("bbc".to_owned(), dir)
        }
    };
    let queries = read_queries(&queries.unwrap_or_else(|| root().join("bench/queries-bbc.tsv")))?;
    let site = root().join("target/bench-search").join(&name);
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(&site)?;

    let corpus = read_corpus(&dir)?;
    let started = Instant::now();
    let index = build(&corpus);
    let dossier_build_ms = started.elapsed().as_secs_f64() * 1000.0;
    let sizes = index.sizes();
    let text_bytes: usize = corpus.documents.iter().map(|d| d.text.len()).sum();
    std::fs::write(site.join("corpus.bin"), dossier_store::encode(&corpus, &index))?;
    std::fs::write(site.join("docs.json"), docs_json(&corpus).to_string())?;
    build_engine_wasm(&site)?;
    let pagefind_build_ms = build_pagefind(&corpus, &site, &npm)?;
    copy_page(&site)?;
    crate::app_cache::copy_dir(&npm.join("node_modules"), &site.join("npm"))?;

    let runtime = tokio::runtime::Runtime::new()?;
    let mut figures = Vec::new();
    for engine in ENGINES {
        println!("bench search: {engine} on {name} ({} queries)", queries.len());
        let mut f = runtime.block_on(measure_engine(&site, engine, &queries, &corpus))?;
        match engine {
            "dossier" => {
                f.build_ms = dossier_build_ms;
                f.build_where = "native, at build time";
            }
            "pagefind" => {
                f.build_ms = pagefind_build_ms;
                f.build_where = "native CLI";
            }
            _ => f.build_where = "in the browser",
        }
        figures.push(f);
    }
    println!("bench search: keystroke to painted results in the app");
    let dist = root().join("target").join(format!("bench-dist-{name}"));
    trunk_build(Some(&dir), &dist)?;
    let keystrokes = runtime.block_on(keystroke_to_paint(&dist, &queries))?;

    println!(
        "index parts: dictionaries {} B, postings {} B, positions {} B, tables {} B",
        sizes.dictionary, sizes.postings, sizes.positions, sizes.tables
    );
    let report = report(
        &name,
        &corpus,
        text_bytes,
        sizes.total(),
        &queries,
        &figures,
        &keystrokes,
    );
    println!("\n{report}");
    write_report(&name, &report)
}

/// The corpus in `dir`, ingested as the build ingests it.
pub fn read_corpus(dir: &Path) -> Result<Corpus> {
    let (files, _) = read_corpus_dir(dir).map_err(|e| TaskError(format!("{}: {e}", dir.display())))?;
    Ok(ingest(files))
}

fn read_queries(path: &Path) -> Result<Vec<BenchQuery>> {
    let text = std::fs::read_to_string(path).map_err(|e| TaskError(format!("{}: {e}", path.display())))?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.splitn(2, '\t');
            BenchQuery {
                text: parts.next().unwrap_or_default().to_owned(),
                expected: parts.next().map(|s| s.trim().to_owned()),
            }
        })
        .collect())
}

/// The peers, from npm, outside the checkout (like binaryen); the folder they are in.
pub fn ensure_peers() -> Result<PathBuf> {
    let prefix = crate::tool_paths::npm_prefix().with_file_name("bench-npm");
    let have = |p: &str| {
        let (name, version) = p.rsplit_once('@').unwrap_or((p, ""));
        std::fs::read_to_string(prefix.join("node_modules").join(name).join("package.json"))
            .is_ok_and(|s| s.contains(&format!("\"version\": \"{version}\"")))
    };
    if !PEERS.iter().all(|p| have(p)) {
        std::fs::create_dir_all(&prefix)?;
        Cmd::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .args([&prefix])
            .args(PEERS)
            .run()?;
    }
    Ok(prefix)
}

/// What every peer indexes: the same title and searchable body Dossier indexes (the text
/// without the page furniture ingest removed).
fn docs_json(corpus: &Corpus) -> Value {
    let docs: Vec<Value> = corpus
        .documents
        .iter()
        .map(|d| json!({ "id": d.id.0, "title": d.title.text, "body": searchable_body(d) }))
        .collect();
    Value::Array(docs)
}

fn searchable_body(d: &dossier_model::Document) -> String {
    d.paragraphs
        .iter()
        .map(|&p| {
            d.pieces(p)
                .into_iter()
                .filter(|piece| piece.region.is_none_or(|k| k.treatment() != Treatment::Removed))
                .map(|piece| d.slice(piece.span))
                .collect::<String>()
        })
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The engine-only wasm, built as Trunk builds the page (its Cargo profile and wasm-opt
/// level: a test holds them to index.html's), so the latencies are the page's.
fn build_engine_wasm(site: &Path) -> Result {
    cargo()
        .args([
            "build",
            "-p",
            "dossier-bench-engine",
            "--profile",
            PAGE_PROFILE,
            "--target",
            "wasm32-unknown-unknown",
        ])
        .run()?;
    let wasm = crate::tool_paths::target_dir()
        .join("wasm32-unknown-unknown")
        .join(PAGE_PROFILE)
        .join("dossier_bench_engine.wasm");
    let out = site.join("dossier");
    Cmd::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .args([out.as_os_str(), wasm.as_os_str()])
        .run()?;
    let bg = out.join("dossier_bench_engine_bg.wasm");
    Cmd::new("wasm-opt")
        .args([PAGE_WASM_OPT, "--enable-reference-types", "-o"])
        .args([bg.as_os_str(), bg.as_os_str()])
        .run()
}

/// One HTML page per document, indexed by the Pagefind CLI into `site/pagefind/`; returns
/// the CLI's wall time. `cargo xtask bench` serves the same index on a throttled link.
pub fn build_pagefind(corpus: &Corpus, site: &Path, npm: &Path) -> Result<f64> {
    let pages = site.join("pagefind-pages");
    for d in &corpus.documents {
        let dir = pages.join(d.id.0.to_string());
        std::fs::create_dir_all(&dir)?;
        let body: String = searchable_body(d)
            .lines()
            .map(|p| format!("<p>{}</p>\n", escape(p)))
            .collect();
        let html = format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
             <body><main data-pagefind-body><h1>{t}</h1>{body}</main>\
             <span data-pagefind-meta=\"docid\" hidden>{id}</span></body></html>",
            t = escape(&d.title.text),
            id = d.id.0
        );
        std::fs::write(dir.join("index.html"), html)?;
    }
    let started = Instant::now();
    Cmd::new(npm.join("node_modules/.bin/pagefind"))
        .args(["--site"])
        .args([pages.as_os_str()])
        .args(["--output-path"])
        .args([site.join("pagefind").as_os_str()])
        .run()?;
    Ok(started.elapsed().as_secs_f64() * 1000.0)
}

/// The benchmark page (`bench/page/`) into `site`: it loads one engine, chosen by `?engine=`.
pub fn copy_page(site: &Path) -> Result {
    for file in ["index.html", "bench.js"] {
        std::fs::copy(root().join("bench/page").join(file), site.join(file))?;
    }
    Ok(())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn err(e: impl std::fmt::Display) -> TaskError {
    TaskError(e.to_string())
}

async fn measure_engine(
    site: &Path,
    engine: &'static str,
    queries: &[BenchQuery],
    corpus: &Corpus,
) -> Result<EngineFigures> {
    let server = StaticServer::start(site)?;
    let browser = Browser::start(1280, 900).await.map_err(err)?;
    browser
        .client
        .goto(&server.url(&format!("/index.html?engine={engine}")))
        .await
        .map_err(err)?;
    let deadline = Instant::now() + Duration::from_secs(120);
    let state = loop {
        let state = browser
            .client
            .execute("return window.benchState || null", vec![])
            .await
            .map_err(err)?;
        if let Some(e) = state.get("error").and_then(Value::as_str) {
            return Err(TaskError(format!("{engine}: {e}")));
        }
        if state.get("ready").and_then(Value::as_bool) == Some(true) {
            break state;
        }
        if Instant::now() > deadline {
            return Err(TaskError(format!("{engine} never became ready")));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let bytes = browser
        .client
        .execute("return window.benchBytes()", vec![])
        .await
        .map_err(err)?;
    // One script call per query: a slow engine on a large corpus stays within WebDriver's
    // script timeout.
    let timeouts = fantoccini::wd::TimeoutConfiguration::new(Some(Duration::from_secs(600)), None, None);
    browser.client.update_timeouts(timeouts).await.map_err(err)?;
    let mut results = Vec::with_capacity(queries.len());
    for q in queries {
        let answer = browser
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 window.benchRun(arguments[0], arguments[1]).then(r => done(r[0]), e => done({ error: String(e) }));",
                vec![json!([q.text]), json!(TOP)],
            )
            .await
            .map_err(err)?;
        if let Some(e) = answer.get("error") {
            browser.close().await;
            return Err(TaskError(format!("{engine}: {e}")));
        }
        results.push(answer);
    }
    let tagging = if engine == "dossier" {
        let t = browser
            .client
            .execute("return window.benchTagging()", vec![])
            .await
            .map_err(err)?;
        let (tokens, ms) = (
            t.get("tokens").and_then(Value::as_f64),
            t.get("ms").and_then(Value::as_f64),
        );
        tokens.zip(ms)
    } else {
        None
    };
    browser.close().await;
    let latencies: Vec<f64> = results
        .iter()
        .filter_map(|r| r.get("ms").and_then(Value::as_f64))
        .collect();
    let (success_at_3, mrr) = relevance(queries, &results, corpus);
    Ok(EngineFigures {
        name: engine,
        build_ms: state.get("buildMs").and_then(Value::as_f64).unwrap_or_default(),
        build_where: "",
        bytes: bytes.as_u64().unwrap_or_default(),
        ready_ms: state.get("readyMs").and_then(Value::as_f64).unwrap_or_default(),
        latencies,
        success_at_3,
        mrr,
        tagging,
    })
}

/// Success@3 and mean reciprocal rank (within the top 10) over the known-item queries.
fn relevance(queries: &[BenchQuery], results: &[Value], corpus: &Corpus) -> (f64, f64) {
    let (mut hits, mut rr, mut n) = (0usize, 0.0, 0usize);
    for (q, r) in queries.iter().zip(results) {
        let Some(expected) = &q.expected else { continue };
        let Some(target) = corpus.documents.iter().find(|d| &d.origin.file == expected) else {
            continue;
        };
        n += 1;
        let ids: Vec<u64> = r
            .get("ids")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_u64).collect())
            .unwrap_or_default();
        if let Some(rank) = ids.iter().position(|&id| id == u64::from(target.id.0)) {
            rr += 1.0 / (rank + 1) as f64;
            if rank < 3 {
                hits += 1;
            }
        }
    }
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    (hits as f64 / n as f64, rr / n as f64)
}

/// Per keystroke: to the results in the DOM (the app's work), and to the end of the
/// frame that paints them (after rAF and a zero timeout: includes the wait for vsync).
struct Keystrokes {
    render: Vec<f64>,
    frame: Vec<f64>,
    paint: Vec<f64>,
}

/// Types every query into the real app and reads the keystroke-to-paint measures.
async fn keystroke_to_paint(dist: &Path, queries: &[BenchQuery]) -> Result<Keystrokes> {
    let server = StaticServer::start(dist)?;
    let browser = Browser::start(1280, 900).await.map_err(err)?;
    let (mut render, mut frame, mut paint) = (Vec::new(), Vec::new(), Vec::new());
    for q in queries {
        browser.client.goto(&server.url("/")).await.map_err(err)?;
        let input = browser.find("#search-input").await.map_err(err)?;
        // A reader looks at the page before typing.
        tokio::time::sleep(Duration::from_millis(800)).await;
        // One key at a time, at a brisk typist's pace, so each keystroke is measured alone.
        for c in q.text.chars() {
            input.send_keys(&c.to_string()).await.map_err(err)?;
            tokio::time::sleep(KEY_GAP).await;
        }
        for (measure, into) in [
            ("dossier:keystroke-to-paint", &mut paint),
            ("dossier:keystroke-to-frame", &mut frame),
            ("dossier:keystroke-to-render", &mut render),
        ] {
            let script = format!("return performance.getEntriesByName('{measure}').map(e => e.duration)");
            let values = browser.client.execute(&script, vec![]).await.map_err(err)?;
            into.extend(values.as_array().into_iter().flatten().filter_map(Value::as_f64));
        }
    }
    browser.close().await;
    if paint.is_empty() || render.is_empty() {
        return Err(TaskError("the app recorded no keystroke measures".to_owned()));
    }
    Ok(Keystrokes { render, frame, paint })
}

fn percentile(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let rank = ((p * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

fn report(
    name: &str,
    corpus: &Corpus,
    text_bytes: usize,
    index_bytes: usize,
    queries: &[BenchQuery],
    figures: &[EngineFigures],
    keystrokes: &Keystrokes,
) -> String {
    let known = queries.iter().filter(|q| q.expected.is_some()).count();
    let mut out = format!(
        "Corpus `{name}`: {} documents, {:.1} KiB of text, Dossier index {:.1} KiB. {} queries ({known} known items). \
         Latency: per query, the median of 5 timings, each of as many back-to-back runs as fill 2 ms; then the median and p95 over queries, in microseconds.\n\n\
         | engine | index build | bytes before first query | time to interactive | query median | query p95 | success@3 | MRR |\n\
         |---|---|---|---|---|---|---|---|\n",
        corpus.documents.len(),
        text_bytes as f64 / 1024.0,
        index_bytes as f64 / 1024.0,
        queries.len(),
    );
    for f in figures {
        out.push_str(&format!(
            "| {} | {:.0} ms ({}) | {:.1} KiB | {:.0} ms | {:.1} µs | {:.1} µs | {:.2} | {:.2} |\n",
            f.name,
            f.build_ms,
            f.build_where,
            f.bytes as f64 / 1024.0,
            f.ready_ms,
            1000.0 * percentile(&f.latencies, 0.5),
            1000.0 * percentile(&f.latencies, 0.95),
            f.success_at_3,
            f.mrr,
        ));
    }
    for (tokens, ms) in figures.iter().filter_map(|f| f.tagging) {
        out.push_str(&format!(
            "\nEntity recogniser in wasm (the page's profile, not the worker's opt-level 3; model loading included) over every document: \
             {tokens:.0} tokens in {ms:.0} ms, {:.0} tokens/s.\n",
            tokens / ms * 1000.0
        ));
    }
    let in_first_frame = keystrokes.frame.iter().filter(|&&ms| ms <= FRAME_MS).count();
    out.push_str(&format!(
        "\nDossier in the app, typing every query one key at a time ({} keystrokes): keystroke to results in the DOM \
         median {:.1} ms, p95 {:.1} ms; to the start of the frame showing them median {:.1} ms, p95 {:.1} ms \
         ({:.0}% in the first frame after the keystroke, i.e. within {FRAME_MS:.1} ms); to painted results (after \
         that frame) median {:.1} ms, p95 {:.1} ms.\n",
        keystrokes.render.len(),
        percentile(&keystrokes.render, 0.5),
        percentile(&keystrokes.render, 0.95),
        percentile(&keystrokes.frame, 0.5),
        percentile(&keystrokes.frame, 0.95),
        100.0 * in_first_frame as f64 / keystrokes.frame.len().max(1) as f64,
        percentile(&keystrokes.paint, 0.5),
        percentile(&keystrokes.paint, 0.95)
    ));
    out
}

/// Replaces this corpus's section between the markers in docs/BENCHMARKS.md.
fn write_report(name: &str, report: &str) -> Result {
    let path = root().join("docs/BENCHMARKS.md");
    let doc = std::fs::read_to_string(&path)?;
    let start = format!("{START} {name}");
    let end = format!("{END} {name}");
    let section = format!("{start}\n{report}{end}");
    let updated = match (doc.find(&start), doc.find(&end)) {
        (Some(a), Some(b)) if a < b => format!("{}{section}{}", &doc[..a], &doc[b + end.len()..]),
        _ => format!("{doc}\n{section}\n"),
    };
    std::fs::write(&path, updated)?;
    println!("written to {}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_is_built_as_index_html_builds_the_page() {
        let page = std::fs::read_to_string(root().join("index.html")).unwrap();
        assert!(page.contains(&format!("data-cargo-profile-release=\"{PAGE_PROFILE}\"")));
        // Trunk's own wasm-opt is off: the only run over the page's code is page-split's,
        // at the level the engine is built with.
        assert!(page.contains("data-wasm-opt=\"0\""));
    }
}
