//! A temp folder of their own for the runs that start Chromium.
//!
//! Chromium keeps each session's profile (about 120 MB) in the temp folder and removes it
//! only when the session is closed; `wasm-bindgen-test-runner` ends its driver without
//! closing it, so every component-test run left one behind in `/tmp`. On a machine that
//! runs CI again and again, that filled the disk and failed a run. The runs that start a
//! browser get `TMPDIR` pointed here instead: emptied before, removed after, pass or fail.

use crate::{root, Result, TaskError};
use std::path::{Path, PathBuf};

pub struct BrowserTemp(PathBuf);

impl BrowserTemp {
    /// `target/browser-tmp`, empty.
    pub fn new() -> Result<BrowserTemp> {
        let dir = root().join("target").join("browser-tmp");
        remove(&dir);
        let cannot = |e: std::io::Error| TaskError(format!("cannot create {}: {e}", dir.display()));
        std::fs::create_dir_all(&dir).map_err(cannot)?;
        // Without `..` (the root is `xtask/..`): Chromium started in a profile under a path
        // with `..` never tells ChromeDriver its DevTools port, and the session fails.
        let dir = dir.canonicalize().map_err(cannot)?;
        Ok(BrowserTemp(dir))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for BrowserTemp {
    fn drop(&mut self) {
        remove(&self.0);
    }
}

/// Best effort: what cannot be removed now is removed by the next run's `new`.
fn remove(dir: &Path) {
    if dir.exists() {
        if let Err(e) = std::fs::remove_dir_all(dir) {
            eprintln!("xtask: cannot remove {}: {e}", dir.display());
        }
    }
}
