//! `cargo xtask worker-wasm`: builds `crates/dossier-worker` (the document worker's wasm)
//! and puts it beside the app as `dossier-worker.wasm`.
//!
//! Trunk runs it as a `post_build` hook (`Trunk.toml`), so every build, `trunk serve`
//! included, ships the worker: it writes into `TRUNK_STAGING_DIR`, which Trunk then moves
//! to `dist/`. Not run through wasm-opt: it saves 10% of the size for 20 s of every build,
//! and the file loads only when a reader adds a document.

use crate::{cmd, Result, TaskError};
use std::path::PathBuf;

/// The file name the app fetches (`src/user_worker.rs`).
pub const FILE: &str = "dossier-worker.wasm";

pub fn run() -> Result {
    let out = staging_dir("worker-wasm")?;
    build()?;
    let built = crate::tool_paths::target_dir().join("wasm32-unknown-unknown/release/dossier_worker.wasm");
    std::fs::copy(&built, out.join(FILE)).map_err(|e| TaskError(format!("{}: {e}", built.display())))?;
    Ok(())
}

/// The worker's release wasm.
fn build() -> Result {
    cmd::cargo()
        .args([
            "build",
            "--release",
            "-p",
            "dossier-worker",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .run()
}

/// Trunk's staging folder, which a `post_build` hook (`command`) writes into.
pub fn staging_dir(command: &str) -> Result<PathBuf> {
    std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| {
            TaskError(format!(
                "{command} runs as Trunk's post_build hook (TRUNK_STAGING_DIR is unset)"
            ))
        })
}
