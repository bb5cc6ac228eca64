//! `cargo xtask corpus-data`: the corpus step of every build. Ingests the corpus folder,
//! runs the pipeline (`dossier_core::embed`: entities, insights, the search index) and
//! writes the result beside the app as `corpus-<hash>.bin`, named in `index.html` by
//! `<meta name="dossier-corpus">`, whose download a small script there starts at once.
//!
//! Why beside the wasm and not inside it: the app's code no longer changes with the
//! corpus, so a corpus change costs this step alone (no Rust is recompiled), a returning
//! reader's browser keeps the compiled app when only the articles changed, and the data
//! downloads while the code compiles. The name carries a hash of the bytes, so a host's
//! cache can never pair a page with another build's corpus.
//!
//! Trunk runs it as a `post_build` hook (`Trunk.toml`), so `trunk serve` ships it too; the
//! folder is `seeds/` unless `DOSSIER_CORPUS` names another (relative to the repository).

use crate::dist::html_error;
use crate::{root, Result, TaskError};
use dossier_nlp::ner;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The `name` of the `<meta>` in `index.html` that names the corpus file.
pub const META_NAME: &str = "dossier-corpus";
/// How the corpus files' names start (the service worker and the single file find them so).
pub const FILE_PREFIX: &str = "corpus-";

/// The hook: the corpus of `DOSSIER_CORPUS` (or `seeds/`) into Trunk's staging folder.
pub fn run() -> Result {
    let staging = crate::worker_wasm::staging_dir("corpus-data")?;
    let dir = std::env::var_os("DOSSIER_CORPUS").map_or_else(|| root().join("seeds"), PathBuf::from);
    let dir = if dir.is_absolute() { dir } else { root().join(dir) };
    write(&dir, &staging)
}

/// The pipeline's bytes for the articles in `corpus_dir`, written into `site` (a Trunk
/// output with its `index.html`), replacing any corpus file an earlier build left there.
pub fn write(corpus_dir: &Path, site: &Path) -> Result {
    let mut laps = Laps::start();
    let (corpus, index) = analyse(corpus_dir, &mut laps)?;
    let bytes = dossier_store::encode(&corpus, &index);
    laps.lap("encode");
    let parts = dossier_store::PartSizes::of(&corpus, &index);
    let name = file_name(&bytes);
    for entry in std::fs::read_dir(site)? {
        let old = entry?.file_name().to_string_lossy().into_owned();
        if is_corpus_file(&old) && old != name {
            std::fs::remove_file(site.join(&old))?;
        }
    }
    std::fs::write(site.join(&name), &bytes)?;
    let index = site.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| {
        TaskError(format!(
            "{}: {e} (corpus-data runs after Trunk's HTML)",
            index.display()
        ))
    })?;
    let html = crate::first_paint::fill(&html, &bytes)?;
    laps.lap("first paint");
    std::fs::write(&index, name_corpus(&html, &name, bytes.len())?)?;
    let kib = |n: usize| format!("{:.1} KiB", n as f64 / 1024.0);
    println!(
        "corpus: {} documents of {} in {name}, {}: text {}, and beyond it {} ({:.2}x the text: \
         index {} of which positions {}, entities {}, insights {}); the list's head first: {}, \
         then the positions",
        corpus.documents.len(),
        corpus_dir.display(),
        kib(bytes.len()),
        kib(parts.text),
        kib(parts.beyond_text()),
        parts.beyond_text() as f64 / parts.text.max(1) as f64,
        kib(parts.index),
        kib(parts.positions),
        kib(parts.entities),
        kib(parts.insights),
        kib(parts.head),
    );
    laps.lap("write");
    println!("corpus: built in {laps}");
    Ok(())
}

/// Whether `name` is a corpus file this step wrote.
pub fn is_corpus_file(name: &str) -> bool {
    name.starts_with(FILE_PREFIX) && name.ends_with(".bin")
}

/// `corpus-` and the first 16 hex digits of the bytes' SHA-256.
fn file_name(bytes: &[u8]) -> String {
    let hash: String = Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{FILE_PREFIX}{hash}.bin")
}

/// Ingest, with each skipped file named, then the pipeline. An empty folder is an error:
/// an app with nothing in it helps nobody.
fn analyse(dir: &Path, laps: &mut Laps) -> Result<(dossier_model::Corpus, dossier_search::SearchIndex)> {
    let corpus = dossier_ingest::load_corpus(dir).map_err(|e| TaskError(e.to_string()))?;
    laps.lap("ingest");
    for skipped in &corpus.skipped {
        println!("warning: {skipped}");
    }
    if corpus.documents.is_empty() {
        return Err(TaskError(format!(
            "the corpus folder {} holds no readable article (.txt files): nothing to ship. \
             Put articles there or point DOSSIER_CORPUS at a folder of .txt files.",
            dir.display()
        )));
    }
    let model = ner::Model::from_bytes(ner::MODEL).map_err(|e| {
        TaskError(format!(
            "the entity tagger (crates/dossier-nlp/models/ner.bin) cannot be read: {e}. \
             Retrain it with `cargo xtask train-ner`."
        ))
    })?;
    Ok(dossier_core::analyse_in_stages(corpus, &model, |stage| {
        laps.lap(stage)
    }))
}

/// Where a corpus step's time goes, stage by stage, for its last line of output.
struct Laps {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Laps {
    fn start() -> Laps {
        Laps {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the stage `name`, which began when the one before it ended.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }
}

impl std::fmt::Display for Laps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: Duration = self.laps.iter().map(|(_, d)| *d).sum();
        write!(f, "{:.1} s:", total.as_secs_f64())?;
        for (name, d) in &self.laps {
            write!(f, " {name} {:.1} s", d.as_secs_f64())?;
        }
        Ok(())
    }
}

/// `html` with the `<meta>` that names the corpus file naming `name`; `data-bytes` gives
/// the page the size to show progress against (a compressed response has no usable
/// length).
fn name_corpus(html: &str, name: &str, len: usize) -> Result<String> {
    let selector = format!("meta[name={META_NAME}]");
    let found = std::cell::Cell::new(false);
    let out = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!(selector, |el| {
                el.set_attribute("content", name)?;
                el.set_attribute("data-bytes", &len.to_string())?;
                found.set(true);
                Ok(())
            })],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(html_error)?;
    if found.get() {
        Ok(out)
    } else {
        Err(TaskError(format!(
            "index.html has no <meta name=\"{META_NAME}\">: the page would not find its corpus"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><meta name="dossier-corpus" content="corpus.bin" data-bytes="0" /></head><body><template id="first-paint-wide"></template><template id="first-paint-narrow"></template></body></html>"#;

    #[test]
    fn the_page_names_the_file_and_its_size() {
        let html = name_corpus(PAGE, "corpus-00ff.bin", 1234).unwrap();
        assert!(html.contains(r#"content="corpus-00ff.bin""#), "{html}");
        assert!(html.contains(r#"data-bytes="1234""#), "{html}");
        let err = name_corpus("<html><head></head></html>", "x", 1).unwrap_err();
        assert!(err.to_string().contains("dossier-corpus"), "{err}");
    }

    #[test]
    fn a_build_replaces_the_corpus_file_of_the_last_one() {
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("index.html"), PAGE).unwrap();
        std::fs::write(site.path().join("corpus-0123456789abcdef.bin"), b"old").unwrap();
        write(&root().join("seeds"), site.path()).unwrap();
        let files: Vec<String> = std::fs::read_dir(site.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| is_corpus_file(n))
            .collect();
        let [name] = files.as_slice() else {
            panic!("one corpus file, not {files:?}")
        };
        let bytes = std::fs::read(site.path().join(name)).unwrap();
        assert_eq!(name, &file_name(&bytes));
        let engine = dossier_store::decode(&bytes).unwrap();
        assert_eq!(engine.corpus().documents.len(), 5);
        let html = std::fs::read_to_string(site.path().join("index.html")).unwrap();
        assert!(html.contains(&format!("content=\"{name}\"")), "{html}");
        assert!(
            html.contains(r#"<a href="/doc/0" class="row-link">"#),
            "the first paint: {html}"
        );
    }

    #[test]
    fn an_empty_folder_is_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let err = analyse(dir.path(), &mut Laps::start())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("no readable article"), "{err}");
    }
}
