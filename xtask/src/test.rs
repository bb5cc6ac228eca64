//! `cargo xtask test`: the README's test command and the whole of CI.
//!
//! Formatting and lints, native tests of every crate, wasm component tests in headless
//! Chromium, then release builds of the app driven end to end: on the seeds corpus (served
//! from a site's root, under the sub-path `/dossier/` and as a single file) and on the
//! hostile corpus (`hostile`).

use crate::app_cache::{trunk_build, trunk_build_under};
use crate::browser_temp::BrowserTemp;
use crate::cmd::cargo;
use crate::{hostile, root, single_file, tools, Result};

pub fn run() -> Result {
    tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    let chromedriver = "/usr/bin/chromedriver";
    let browser_temp = BrowserTemp::new()?;

    cargo().args(["fmt", "--all", "--", "--check"]).run()?;
    cargo()
        .args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])
        .run()?;
    cargo()
        .args([
            "clippy",
            "-p",
            "dossier",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            // The page's build: its split points (`src/on_demand.rs`); the native
            // lint above covers the same code without them.
            "--features",
            "split",
        ])
        .args(["--", "-D", "warnings"])
        .run()?;

    // --show-output: tests that skip work for want of ../shared say so in the log.
    cargo()
        .args([
            "test",
            "--workspace",
            "--exclude",
            "dossier-e2e",
            "--",
            "--show-output",
        ])
        .env_remove("DOSSIER_CORPUS")
        .run()?;

    cargo()
        .args([
            "test",
            "-p",
            "dossier",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "components",
        ])
        .env("CHROMEDRIVER", chromedriver)
        .env("TMPDIR", browser_temp.path())
        .env_remove("DOSSIER_CORPUS")
        .run()?;

    let dist = root().join("target").join("e2e-dist");
    trunk_build(None, &dist)?;
    // The single file is made from the same build: no second release build.
    let single = root().join("target").join("e2e-dossier.html");
    single_file::write(&dist, &single)?;
    // The same app built for a sub-path, in a site that holds it at `dossier/`. Cargo's
    // build of the wasm is the one above; Trunk reruns only wasm-bindgen and wasm-opt.
    let subpath_site = root().join("target").join("e2e-site-subpath");
    trunk_build_under(None, &subpath_site.join("dossier"), "/dossier/")?;
    let hostile_dist = root().join("target").join("e2e-dist-hostile");
    trunk_build(Some(&hostile::write_corpus()?), &hostile_dist)?;
    cargo()
        .args(["test", "-p", "dossier-e2e"])
        .env("DOSSIER_DIST", &dist)
        .env("DOSSIER_SINGLE_FILE", &single)
        .env("DOSSIER_HOSTILE_DIST", &hostile_dist)
        .env("DOSSIER_SUBPATH_SITE", &subpath_site)
        .env("CHROMEDRIVER", chromedriver)
        .env("TMPDIR", browser_temp.path())
        .run()?;
    println!("All checks passed. Screenshots: target/e2e-screenshots/");
    Ok(())
}
