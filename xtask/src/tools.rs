//! Installs what the build and the tests need, from the registries this machine reaches
//! (crates.io, npm, Debian), and never lets a tool download binaries of its own.
//!
//! Versions are pinned: Trunk 0.21.14 (the last to build with rustc 1.95), the
//! `wasm-bindgen-cli` matching `Cargo.lock`, binaryen 132 from npm (the only wasm-opt that
//! reads wasm-bindgen 0.2.130's output here), Chromium and ChromeDriver from Debian.

use crate::cmd::{cargo, Cmd};
use crate::tool_paths::npm_prefix;
use crate::{root, Result, TaskError};

const TRUNK_VERSION: &str = "0.21.14";
const BINARYEN_VERSION: &str = "132.0.0";

/// The version of `wasm-bindgen` that `Cargo.lock` pins.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err(TaskError("Cargo.lock does not pin wasm-bindgen".to_owned()))
}

fn version_of(program: &str) -> Option<String> {
    Cmd::new(program).args(["--version"]).output()
}

/// Does `program --version` run and mention `needle`?
fn reports(program: &str, needle: &str) -> bool {
    version_of(program).is_some_and(|v| v.contains(needle))
}

/// The wasm32 target, Trunk, wasm-bindgen-cli and wasm-opt.
pub fn ensure_build_tools() -> Result {
    let targets = Cmd::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .unwrap_or_default();
    if !targets.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        Cmd::new("rustup")
            .args(["target", "add", "wasm32-unknown-unknown"])
            .run()?;
    }
    if !reports("trunk", &format!("trunk {TRUNK_VERSION}")) {
        println!("Installing Trunk {TRUNK_VERSION} (about 9 minutes, once)");
        cargo()
            .args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"])
            .run()?;
    }
    let bindgen = locked_wasm_bindgen()?;
    if !reports("wasm-bindgen", &format!("wasm-bindgen {bindgen}\n")) {
        println!("Installing wasm-bindgen-cli {bindgen} (matches Cargo.lock)");
        // Without --locked: with it, dependency resolution fails for this crate.
        cargo()
            .args(["install", "wasm-bindgen-cli", "--version", &bindgen])
            .run()?;
    }
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    if !reports("wasm-opt", &format!("version {major} ")) {
        ensure_npm()?;
        let prefix = npm_prefix();
        std::fs::create_dir_all(&prefix)?;
        Cmd::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .args([&prefix])
            .args([format!("binaryen@{BINARYEN_VERSION}")])
            .run()?;
    }
    Ok(())
}

fn ensure_npm() -> Result {
    if version_of("npm").is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    Ok(())
}

/// Chromium and ChromeDriver for the browser tests.
pub fn ensure_browser() -> Result {
    if version_of("chromium").is_none() || version_of("chromedriver").is_none() {
        apt_install(&["chromium", "chromium-driver"])?;
    }
    Ok(())
}

fn apt_install(packages: &[&str]) -> Result {
    let as_root = Cmd::new("id")
        .args(["-u"])
        .output()
        .is_some_and(|u| u.trim() == "0");
    let sudo: &[&str] = if as_root { &[] } else { &["sudo"] };
    let run = |args: &[&str]| {
        let all: Vec<&str> = sudo.iter().chain(args).copied().collect();
        Cmd::new(all[0])
            .args(&all[1..])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .run()
    };
    run(&["apt-get", "update"])?;
    let mut install = vec!["apt-get", "install", "-y"];
    install.extend_from_slice(packages);
    run(&install)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trunk must run the same wasm-bindgen the app links against.
    #[test]
    fn trunk_pins_the_wasm_bindgen_of_cargo_lock() {
        let trunk = std::fs::read_to_string(root().join("Trunk.toml")).unwrap();
        let locked = locked_wasm_bindgen().unwrap();
        assert!(
            trunk.contains(&format!("wasm_bindgen = \"{locked}\"")),
            "Trunk.toml does not pin {locked}"
        );
        let major = BINARYEN_VERSION.split('.').next().unwrap();
        assert!(trunk.contains(&format!("wasm_opt = \"version_{major}\"")));
    }
}
