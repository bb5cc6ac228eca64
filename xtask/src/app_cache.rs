//! The app's part of a release build, kept under what it was made from, so that a build
//! whose only change is the corpus skips Trunk and runs the corpus step alone.
//!
//! Why: with the corpus outside the wasm, Cargo rebuilds nothing when articles change,
//! but Trunk still reruns wasm-bindgen and wasm-opt on every build (a minute on this
//! project's 2-core machine). The key is everything the app's files are made from: the
//! Rust sources of the app and of every crate (`src/`, `crates/`, the manifests and
//! `Cargo.lock`), the compiler's version, the page's sources (`index.html`, `static/`,
//! `Trunk.toml`) and the public URL. Sources, not Cargo's output: building the wasm here
//! first with other flags than Trunk's made Trunk compile it a second time. A hit copies
//! the kept files and writes the corpus beside them.

use crate::cmd::{trunk, Cmd};
use crate::tool_paths::target_dir;
use crate::{corpus_data, root, Result, TaskError};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// How many app builds are kept (one per public URL in use, and a spare).
const KEPT: usize = 3;

/// A release build of the app into `dist`, to be served from a site's root.
pub fn trunk_build(corpus: Option<&Path>, dist: &Path) -> Result {
    trunk_build_under(corpus, dist, "/")
}

/// A release build of the app into `dist`, to be served from `public_url` (`/dossier/`
/// for `https://you.github.io/dossier/`), its corpus from `corpus` (or `seeds/`), with its
/// security policy and offline file list. Trunk runs only when the app itself changed.
pub fn trunk_build_under(corpus: Option<&Path>, dist: &Path, public_url: &str) -> Result {
    let key = key(public_url)?;
    let cache = cache_dir();
    let kept = cache.join(&key);
    if kept.join("index.html").is_file() {
        if dist.exists() {
            std::fs::remove_dir_all(dist)?;
        }
        copy_dir(&kept, dist)?;
        let corpus = corpus.map_or_else(|| root().join("seeds"), Path::to_path_buf);
        corpus_data::write(&corpus, dist)?;
        println!(
            "app unchanged (build {}): Trunk skipped, only the corpus step ran",
            &key[..12]
        );
    } else {
        trunk(
            &["build", "--release", "--public-url", public_url, "--dist"],
            corpus,
        )
        .args([dist])
        .run()?;
        keep(dist, &cache, &key)?;
    }
    crate::dist::finish(dist)
}

/// The hex SHA-256 of everything the app's files are made from.
fn key(public_url: &str) -> Result<String> {
    let mut inputs = vec![
        root().join("Cargo.toml"),
        root().join("Cargo.lock"),
        root().join("index.html"),
        root().join("Trunk.toml"),
    ];
    for dir in ["src", "crates", "static"] {
        files_under(&root().join(dir), &mut inputs)?;
    }
    let mut hasher = Sha256::new();
    hasher.update(public_url.as_bytes());
    let compiler = Cmd::new("rustc").args(["--version"]).output().unwrap_or_default();
    hasher.update(compiler.as_bytes());
    for input in &inputs {
        let bytes = std::fs::read(input).map_err(|e| TaskError(format!("{}: {e}", input.display())))?;
        hasher.update(
            input
                .strip_prefix(root())
                .unwrap_or(input)
                .to_string_lossy()
                .as_bytes(),
        );
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Keeps Trunk's output in `dist` (less its corpus) as `cache/key`, and drops the oldest
/// builds beyond [`KEPT`].
fn keep(dist: &Path, cache: &Path, key: &str) -> Result {
    let kept = cache.join(key);
    let partial = cache.join(format!("{key}.partial"));
    if partial.exists() {
        std::fs::remove_dir_all(&partial)?;
    }
    copy_dir(dist, &partial)?;
    for entry in std::fs::read_dir(&partial)? {
        let name = entry?.file_name();
        if corpus_data::is_corpus_file(&name.to_string_lossy()) {
            std::fs::remove_file(partial.join(name))?;
        }
    }
    if kept.exists() {
        std::fs::remove_dir_all(&kept)?;
    }
    std::fs::rename(&partial, &kept)?;
    let mut builds: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(cache)?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    builds.sort();
    let extra = builds.len().saturating_sub(KEPT);
    for (_, old) in builds.into_iter().take(extra) {
        std::fs::remove_dir_all(old)?;
    }
    Ok(())
}

fn cache_dir() -> PathBuf {
    target_dir().join("app-cache")
}

/// Every file under `dir`, in a stable order.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Copies the tree `from` to `to` (created): its folders and plain files; links (npm's
/// `.bin`) are left out.
pub fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_build_has_no_corpus_and_old_builds_go() {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(dist.join("icons")).unwrap();
        std::fs::write(dist.join("index.html"), "page").unwrap();
        std::fs::write(dist.join("icons/a.png"), "icon").unwrap();
        std::fs::write(dist.join("corpus-0011223344556677.bin"), "data").unwrap();
        let cache = dir.path().join("cache");
        std::fs::create_dir_all(&cache).unwrap();
        for key in ["k1", "k2", "k3", "k4"] {
            keep(&dist, &cache, key).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let mut left: Vec<String> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["k2", "k3", "k4"]);
        assert!(cache.join("k4/icons/a.png").is_file());
        assert!(cache.join("k4/index.html").is_file());
        assert!(!cache.join("k4/corpus-0011223344556677.bin").exists());
    }
}
