//! Finishing Trunk's output into a shippable `dist/`: a Content Security Policy in
//! `index.html`, its copy as `404.html` and the service worker's list of this build's files.
//!
//! Trunk starts the app with an inline module script; rather than allow inline scripts, the
//! policy pins that script (and any other) by its SHA-256 hash.

use crate::{Result, TaskError};
use base64::Engine;
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The line of `static/sw.js` that the build replaces with its own files.
const SW_BUILD_MARKER: &str = r#"const BUILD = { version: "dev", files: [] };"#;

/// The page a host such as GitHub Pages answers a missing path with: the app itself, so
/// that an app address (`/dossier/doc/3`) opens, reloads and can be shared.
const NOT_FOUND_PAGE: &str = "404.html";

/// Adds the policy to `dist/index.html`, copies it to `dist/404.html` and writes the file
/// list into `dist/sw.js`.
pub fn finish(dist: &Path) -> Result {
    let index = dist.join("index.html");
    let html = start_after_first_paint(&std::fs::read_to_string(&index)?)?;
    let html = with_parts_preload(&html, dist)?;
    let hashes: Vec<String> = inline_scripts(&html)?.iter().map(|s| sha256_source(s)).collect();
    let policy = served_policy(&hashes);
    let finished = with_policy(&html, &policy)?;
    std::fs::write(&index, &finished)?;
    // Asset paths are absolute under `--public-url`, so the copy works at any depth.
    std::fs::write(dist.join(NOT_FOUND_PAGE), &finished)?;
    write_precache(dist)
}

/// What Trunk's start script awaits before it fetches the app's wasm (`index.html` makes
/// it: resolved once the pre-rendered list is on screen, or at once where there is none).
const START_GATE: &str = "await window.dossierStart;\n";
/// The `rel` of the link that names the page's wasm without fetching it.
const WASM_LINK: &str = "dossier-wasm";
/// The line of Trunk's start script that fetches and instantiates the app's wasm.
const TRUNK_INIT: &str = "const wasm = await init(";

/// `html` with the app's wasm fetched only once the page allows (`window.dossierStart`):
/// Trunk's preload of it turned into a link that fetches nothing (`rel="dossier-wasm"`,
/// which `static/register-sw.js` reads to know the page's build) and its start script
/// gated.
/// The largest download then no longer shares a slow link with the HTML and style sheet
/// the first paint needs.
fn start_after_first_paint(html: &str) -> Result<String> {
    if !html.contains(TRUNK_INIT) {
        return Err(TaskError(format!(
            "Trunk's start script has no `{TRUNK_INIT}` to gate: has Trunk changed how it starts the app?"
        )));
    }
    let gated = if html.contains(START_GATE) {
        html.to_owned()
    } else {
        html.replacen(TRUNK_INIT, &format!("{START_GATE}{TRUNK_INIT}"), 1)
    };
    rewrite_str(
        &gated,
        RewriteStrSettings {
            element_content_handlers: vec![element!("link[rel=preload][as=fetch]", |el| {
                el.set_attribute("rel", WASM_LINK)?;
                el.remove_attribute("as");
                Ok(())
            })],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(html_error)
}

/// The id of the script that preloads a view's parts (`page_split::preload_script`).
pub const PARTS_PRELOAD_ID: &str = "dossier-parts-preload";

/// `html` with the script that preloads a view's parts at its address, at the end of the
/// head (a split build's; a build that is not split is returned as it is).
fn with_parts_preload(html: &str, dist: &Path) -> Result<String> {
    let Some(script) = crate::page_split::preload_script(dist)? else {
        return Ok(html.to_owned());
    };
    let element = format!(r#"<script id="{PARTS_PRELOAD_ID}">{script}</script>"#);
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!("head", |el| {
                el.append(&element, ContentType::Html);
                Ok(())
            })],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(html_error)
}

/// The policy of a hosted copy: its own files only, WebAssembly compiled from them, inline
/// scripts only by hash. `style-src-attr 'unsafe-inline'` because Yew sets `style`
/// attributes (row offsets of the virtual list, bar heights, the matrix's columns); style
/// sheets and `<style>` elements stay limited to the app's own.
pub fn served_policy(script_hashes: &[String]) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'; \
         style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         manifest-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'none'",
        joined(script_hashes)
    )
}

/// The policy of the single file: nothing from anywhere (`default-src 'none'`, so no
/// request can leave the page), its one script and style sheet by hash, images as `data:`.
pub fn single_file_policy(script_hash: &str, style_hash: &str) -> String {
    format!(
        "default-src 'none'; script-src 'wasm-unsafe-eval' {script_hash}; style-src {style_hash}; \
         style-src-attr 'unsafe-inline'; img-src data:; worker-src blob:; object-src 'none'; base-uri 'none'; form-action 'none'"
    )
}

fn joined(sources: &[String]) -> String {
    sources.iter().map(|s| format!(" {s}")).collect()
}

/// A CSP source for inline content: `'sha256-<base64>'`.
pub fn sha256_source(content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Inline scripts, less data blocks (the single file keeps its wasm in one).
const RUNNING_INLINE_SCRIPT: &str = r#"script:not([src]):not([type="application/octet-stream"])"#;

/// The text of every inline script that runs (data blocks excepted), in document order.
fn inline_scripts(html: &str) -> Result<Vec<String>> {
    let scripts = std::cell::RefCell::new(Vec::<String>::new());
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!(RUNNING_INLINE_SCRIPT, |_| {
                    scripts.borrow_mut().push(String::new());
                    Ok(())
                }),
                text!(RUNNING_INLINE_SCRIPT, |t| {
                    if let Some(last) = scripts.borrow_mut().last_mut() {
                        last.push_str(t.as_str());
                    }
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(html_error)?;
    Ok(scripts.into_inner())
}

/// `html` with a `<meta http-equiv="Content-Security-Policy">` right after its charset (a
/// policy in a meta element covers only what follows it).
pub fn with_policy(html: &str, policy: &str) -> Result<String> {
    let meta = format!(r#"<meta http-equiv="Content-Security-Policy" content="{policy}" />"#);
    let found = std::cell::Cell::new(false);
    let out = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![
                element!("meta[http-equiv]", |el| {
                    el.remove();
                    Ok(())
                }),
                element!("meta[charset]", |el| {
                    el.after(&meta, ContentType::Html);
                    found.set(true);
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(html_error)?;
    if found.get() {
        Ok(out)
    } else {
        Err(TaskError(
            "index.html has no <meta charset>: the policy goes right after it".to_owned(),
        ))
    }
}

pub fn html_error(e: impl std::fmt::Display) -> TaskError {
    TaskError(format!("cannot rewrite index.html: {e}"))
}

/// Writes into `dist/sw.js` every other file of `dist/` and a hash of them all: a new
/// build is a new worker with a new cache. `404.html` is left out: it is `index.html`,
/// which the worker answers every navigation with.
fn write_precache(dist: &Path) -> Result {
    let sw = dist.join("sw.js");
    let source = std::fs::read_to_string(&sw)
        .map_err(|e| TaskError(format!("{}: {e} (index.html copies static/sw.js)", sw.display())))?;
    if !source.contains(SW_BUILD_MARKER) {
        return Err(TaskError(format!(
            "static/sw.js lacks the line the build replaces: {SW_BUILD_MARKER}"
        )));
    }
    let mut files = Vec::new();
    collect_files(dist, dist, &mut files)?;
    files.retain(|f| f != "sw.js" && f != NOT_FOUND_PAGE);
    files.sort();
    let mut hasher = Sha256::new();
    for file in &files {
        hasher.update(file.as_bytes());
        hasher.update(std::fs::read(dist.join(file))?);
    }
    let version: String = hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let build = serde_json::json!({ "version": version, "files": files });
    let line = format!("const BUILD = {build};");
    std::fs::write(&sw, source.replace(SW_BUILD_MARKER, &line))?;
    println!("dist: {} files precached, build {version}", files.len());
    Ok(())
}

/// Paths of the files under `dir`, relative to `dist`, with `/` separators.
fn collect_files(dist: &Path, dir: &Path, out: &mut Vec<String>) -> Result {
    for entry in std::fs::read_dir(dir)? {
        let path: PathBuf = entry?.path();
        if path.is_dir() {
            collect_files(dist, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(dist) {
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_LIKE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\" />\
        <title>t</title></head><body><script type=\"module\">\nimport init from '/a.js';\n</script>\
        <script src=\"/b.js\"></script><script type=\"application/octet-stream\">AAAA</script></body></html>";

    #[test]
    fn the_policy_pins_each_inline_script_by_its_hash() {
        let scripts = inline_scripts(TRUNK_LIKE).unwrap();
        assert_eq!(scripts[0], "\nimport init from '/a.js';\n");
        assert_eq!(scripts.len(), 1, "{scripts:?}");
        // The digest of the empty string is well known.
        assert_eq!(
            sha256_source(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }

    #[test]
    fn the_policy_follows_the_charset_and_replaces_an_older_one() {
        let once = with_policy(TRUNK_LIKE, "default-src 'none'").unwrap();
        let twice = with_policy(&once, "default-src 'self'").unwrap();
        assert_eq!(twice.matches("Content-Security-Policy").count(), 1);
        assert!(twice.contains(
            "<meta charset=\"utf-8\" /><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\" />"
        ));
        assert!(with_policy("<html><head></head></html>", "x").is_err());
    }

    #[test]
    fn the_wasm_waits_for_the_page_and_is_not_preloaded() {
        let trunk = "<html><head><script type=\"module\">\nimport init from '/a.js';\n\
            const wasm = await init({ module_or_path: '/a_bg.wasm' });\n</script>\
            <link rel=\"preload\" href=\"/a_bg.wasm\" as=\"fetch\" type=\"application/wasm\">\
            <link rel=\"modulepreload\" href=\"/a.js\"></head></html>";
        let once = start_after_first_paint(trunk).unwrap();
        assert!(
            once.contains("await window.dossierStart;\nconst wasm = await init("),
            "{once}"
        );
        assert!(!once.contains("rel=\"preload\""), "{once}");
        assert!(
            once.contains("<link rel=\"dossier-wasm\" href=\"/a_bg.wasm\""),
            "{once}"
        );
        assert!(
            once.contains("modulepreload"),
            "the small glue still preloads: {once}"
        );
        // A second build step over the same page changes nothing.
        assert_eq!(start_after_first_paint(&once).unwrap(), once);
        assert!(start_after_first_paint("<html><head></head></html>").is_err());
    }

    #[test]
    fn no_policy_allows_eval() {
        for policy in [
            served_policy(&[sha256_source("x")]),
            single_file_policy(&sha256_source("x"), &sha256_source("y")),
        ] {
            assert!(!policy.replace("'wasm-unsafe-eval'", "").contains("unsafe-eval"));
            assert!(!policy.contains("script-src 'unsafe-inline'"));
        }
    }
}
