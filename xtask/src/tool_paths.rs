//! Where the pinned tools live once installed, and the `PATH` that finds them first:
//! apart from installing them (`tools`), so running a command (`cmd`) needs no installer.

use crate::task::root;
use std::ffi::OsString;
use std::path::PathBuf;

/// Where npm installs binaryen: outside the checkout, so clean clones reuse it.
pub fn npm_prefix() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| root().join("target"));
    base.join("dossier").join("npm")
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set, else the workspace's `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

fn cargo_bin() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|p| p.join("bin"))
}

/// `PATH` with binaryen's and cargo's bin folders first.
pub fn path_with_tools() -> OsString {
    let mut dirs = vec![npm_prefix().join("node_modules").join(".bin")];
    dirs.extend(cargo_bin());
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap_or_default()
}
