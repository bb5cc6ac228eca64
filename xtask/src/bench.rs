//! `cargo xtask bench`: the figures docs/BENCHMARKS.md reports for the app as a whole.
//!
//! For each corpus (the seeds, and the BBC corpus when `../shared` is beside the checkout,
//! or the folders given with `--corpus`): the time a release build takes when only the
//! corpus changed, the wasm's size raw, gzip and brotli, and the time from navigation to
//! the painted document list in headless Chromium (median of fresh browser profiles),
//! served and as the single file opened from `file://`. Then the same build and Pagefind
//! on a loopback and two throttled links (`link_bench`): bytes and time to the painted
//! list and to the first result. Reuters-21578 is benchmarked too when `../shared` has it.

use crate::app_cache::trunk_build;
use crate::link_bench::{self, median};
use crate::search_bench::read_corpus;
use crate::{root, tools, Result, TaskError};
use dossier_e2e::{Browser, StaticServer};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const PAINT_SAMPLES: usize = 5;

struct Figures {
    name: String,
    build: Duration,
    wasm: Sizes,
    js: Sizes,
    /// The views' parts (`page-split`), each compressed alone as it is served.
    parts: Parts,
    paint_ms: Vec<f64>,
    fcp_ms: Vec<f64>,
    single_file: usize,
    single_paint_ms: Vec<f64>,
    /// The network figures' table for this corpus.
    links: String,
}

struct Sizes {
    raw: usize,
    gzip: usize,
    brotli: usize,
}

/// The parts' files and their sizes summed.
struct Parts {
    files: usize,
    sizes: Sizes,
}

pub fn run(corpora: Vec<PathBuf>) -> Result {
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    let corpora: Vec<(String, Option<PathBuf>)> = if corpora.is_empty() {
        let mut list = vec![("seeds".to_owned(), None)];
        for name in ["bbc", "reuters21578"] {
            let dir = root().join("../shared/corpora").join(name);
            match dir.canonicalize() {
                Ok(dir) => list.push((name.to_owned(), Some(dir))),
                Err(_) => println!("SKIPPED: {} is absent; not benchmarking it", dir.display()),
            }
        }
        list
    } else {
        corpora
            .into_iter()
            .map(|d| {
                (
                    d.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    Some(d),
                )
            })
            .collect()
    };

    let runtime = tokio::runtime::Runtime::new()?;
    let mut all = Vec::new();
    for (name, corpus) in corpora {
        let dist = root().join("target").join(format!("bench-dist-{name}"));
        // Build once so the timed build is the rebuild a corpus change causes.
        trunk_build(corpus.as_deref(), &dist)?;
        touch_corpus(corpus.as_deref())?;
        let started = Instant::now();
        trunk_build(corpus.as_deref(), &dist)?;
        let build = started.elapsed();
        let wasm_file = find(&dist, "_bg.wasm")?;
        let wasm = sizes(&wasm_file)?;
        // The glue is named after the wasm (the dist also holds the service worker's scripts).
        let js = sizes(&PathBuf::from(
            wasm_file.to_string_lossy().replace("_bg.wasm", ".js"),
        ))?;
        let parts = parts(&wasm_file)?;
        let server = StaticServer::start(&dist)?;
        let (paint_ms, fcp_ms) = runtime.block_on(paint_times(&server.url("/")))?;
        let single = root().join("target").join(format!("bench-dossier-{name}.html"));
        crate::single_file::write(&dist, &single)?;
        let single_url = format!("file://{}", single.canonicalize()?.display());
        let (single_paint_ms, _) = runtime.block_on(paint_times(&single_url))?;
        let links = network(&runtime, &name, corpus.as_deref(), &server)?;
        println!("\n{links}");
        all.push(Figures {
            name,
            build,
            wasm,
            js,
            parts,
            paint_ms,
            fcp_ms,
            single_file: std::fs::metadata(&single)?.len() as usize,
            single_paint_ms,
            links,
        });
        // So far, in case a later corpus fails.
        println!("\n{}", table(&all));
    }
    for f in &all {
        println!("{}", f.links);
    }
    Ok(())
}

/// The app served by `server` and Pagefind on the same corpus, on every link: the table.
fn network(
    runtime: &tokio::runtime::Runtime,
    name: &str,
    corpus: Option<&Path>,
    server: &StaticServer,
) -> Result<String> {
    let corpus = read_corpus(&corpus.map_or_else(|| root().join("seeds"), Path::to_path_buf))?;
    let site = root().join("target/bench-link").join(name);
    link_bench::pagefind_site(&corpus, &site)?;
    let pagefind = StaticServer::start(&site)?;
    let word = link_bench::search_word(&corpus)?;
    let head_gzip = link_bench::corpus_head_gzip(&server.root())?;
    let figures = runtime.block_on(link_bench::measure(server, &pagefind, &word, head_gzip))?;
    Ok(link_bench::table(
        name,
        &word,
        link_bench::text_gzip(&corpus)?,
        &figures,
    ))
}

/// Makes Cargo see the corpus as changed (its build script reruns on a newer file).
fn touch_corpus(corpus: Option<&Path>) -> Result {
    let dir = corpus.map_or_else(|| root().join("seeds"), Path::to_path_buf);
    let marker = dir
        .read_dir()?
        .filter_map(|e| e.ok())
        .find(|e| e.path().extension().is_some_and(|x| x == "txt"));
    if let Some(entry) = marker {
        let file = std::fs::OpenOptions::new().append(true).open(entry.path())?;
        file.set_modified(std::time::SystemTime::now())?;
    }
    Ok(())
}

fn find(dist: &Path, suffix: &str) -> Result<PathBuf> {
    dist.read_dir()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .ok_or_else(|| TaskError(format!("no *{suffix} in {}", dist.display())))
}

fn sizes(path: &Path) -> Result<Sizes> {
    let bytes = std::fs::read(path)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    let gzip = gz.finish()?.len();
    let mut br = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        writer.write_all(&bytes)?;
    }
    Ok(Sizes {
        raw: bytes.len(),
        gzip,
        brotli: br.len(),
    })
}

/// The parts beside the page's first wasm (`<glue>-parts/*.wasm`).
fn parts(first_wasm: &Path) -> Result<Parts> {
    let stem = first_wasm.to_string_lossy().replace("_bg.wasm", "");
    let folder = PathBuf::from(crate::page_split::parts_dir(&stem));
    let mut total = Parts {
        files: 0,
        sizes: Sizes {
            raw: 0,
            gzip: 0,
            brotli: 0,
        },
    };
    for entry in folder.read_dir()? {
        let path = entry?.path();
        if path.extension().is_some_and(|x| x == "wasm") {
            let one = sizes(&path)?;
            total.files += 1;
            total.sizes.raw += one.raw;
            total.sizes.gzip += one.gzip;
            total.sizes.brotli += one.brotli;
        }
    }
    Ok(total)
}

/// Navigation-to-painted-list and first-contentful-paint times at `url` (served, or the
/// single file), one fresh browser profile (cold cache) per sample.
async fn paint_times(url: &str) -> Result<(Vec<f64>, Vec<f64>)> {
    let mut paint = Vec::new();
    let mut fcp = Vec::new();
    for _ in 0..PAINT_SAMPLES {
        let browser = Browser::start(1280, 900)
            .await
            .map_err(|e| TaskError(e.to_string()))?;
        browser
            .client
            .goto(url)
            .await
            .map_err(|e| TaskError(e.to_string()))?;
        let script = "const m = performance.getEntriesByName('dossier:list-painted')[0]; \
                      const f = performance.getEntriesByName('first-contentful-paint')[0]; \
                      return m && f ? [m.startTime, f.startTime] : null;";
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let value = browser
                .client
                .execute(script, vec![])
                .await
                .map_err(|e| TaskError(e.to_string()))?;
            if let Some([m, f]) = value.as_array().map(|a| a.as_slice()) {
                paint.push(m.as_f64().unwrap_or_default());
                fcp.push(f.as_f64().unwrap_or_default());
                break;
            }
            if Instant::now() > deadline {
                return Err(TaskError("the list was never painted".to_owned()));
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        browser.close().await;
    }
    Ok((paint, fcp))
}

fn kib(n: usize) -> String {
    format!("{:.1} KiB", n as f64 / 1024.0)
}

fn table(all: &[Figures]) -> String {
    let mut out = String::from(
        "| corpus | rebuild after a corpus change | first wasm raw | first wasm gzip | first wasm brotli | JS glue brotli | views' parts: files, raw / gzip | navigation to painted list (median, min-max) | first contentful paint (median) | single file | single file: open to painted list (median, min-max) |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for f in all {
        let min = f.paint_ms.iter().copied().fold(f64::INFINITY, f64::min);
        let max = f.paint_ms.iter().copied().fold(0.0, f64::max);
        out.push_str(&format!(
            "| {} | {:.1} s | {} | {} | {} | {} | {}, {} / {} | {:.0} ms ({:.0}-{:.0}) | {:.0} ms | {} | {:.0} ms ({:.0}-{:.0}) |\n",
            f.name,
            f.build.as_secs_f64(),
            kib(f.wasm.raw),
            kib(f.wasm.gzip),
            kib(f.wasm.brotli),
            kib(f.js.brotli),
            f.parts.files,
            kib(f.parts.sizes.raw),
            kib(f.parts.sizes.gzip),
            median(&f.paint_ms),
            min,
            max,
            median(&f.fcp_ms),
            kib(f.single_file),
            median(&f.single_paint_ms),
            f.single_paint_ms.iter().copied().fold(f64::INFINITY, f64::min),
            f.single_paint_ms.iter().copied().fold(0.0, f64::max),
        ));
    }
    out
}
