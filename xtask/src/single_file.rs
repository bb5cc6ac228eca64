//! `cargo xtask single-file [--corpus DIR | --dist DIR] [--out FILE]`: the whole app in one HTML file
//! that opens from `file://` with no server and no network.
//!
//! A release `dist/` is rewritten into one page: the style sheet in a `<style>`, the icon
//! as a `data:` URL, the wasm and the corpus's data as base64 in data blocks, and the
//! wasm-bindgen glue in one inline module script that instantiates the wasm from those
//! bytes. Its Content Security Policy allows that script and that style sheet by hash and
//! no request at all. The app routes by `#fragment` when opened as a file (`src/app.rs`).

use crate::dist::{html_error, sha256_source, single_file_policy, with_policy};
use crate::{root, tools, Result, TaskError};
use base64::Engine;
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use std::path::{Path, PathBuf};

/// Builds the release app and writes it as one file (`dossier.html` by default); with
/// `built`, makes it from that release `dist/` instead (`cargo xtask build` output).
pub fn run(corpus: Option<PathBuf>, built: Option<PathBuf>, out: Option<PathBuf>) -> Result {
    let out = out.unwrap_or_else(|| root().join("dossier.html"));
    if let Some(dist) = built {
        if corpus.is_some() {
            return Err(TaskError(
                "give --corpus (to build) or --dist (built already), not both".to_owned(),
            ));
        }
        return write(&dist, &out);
    }
    tools::ensure_build_tools()?;
    let dist = root().join("target").join("single-file-dist");
    crate::app_cache::trunk_build(corpus.as_deref(), &dist)?;
    write(&dist, &out)
}

/// Writes the single file made from the built `dist` to `out`.
pub fn write(dist: &Path, out: &Path) -> Result {
    let html = inline(dist)?;
    std::fs::write(out, &html).map_err(|e| TaskError(format!("cannot write {}: {e}", out.display())))?;
    println!(
        "{}: {:.1} MiB, opens from file:// with no network",
        out.display(),
        html.len() as f64 / (1024.0 * 1024.0)
    );
    Ok(())
}

/// The loader that follows the glue: the wasm from the data block, instantiated
/// asynchronously (a large module may not be compiled synchronously on the main thread).
const LOADER: &str = r#"
const encoded = document.getElementById("dossier-wasm").textContent;
const bytes = Uint8Array.fromBase64
  ? Uint8Array.fromBase64(encoded)
  : Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: bytes });
"#;

/// `bytes` gzipped (the app inflates them with the browser's `DecompressionStream`).
fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut encoder, bytes)?;
    Ok(encoder.finish()?)
}

/// The single page made from `dist/index.html` and the files it names.
pub fn inline(dist: &Path) -> Result<String> {
    let html = std::fs::read_to_string(dist.join("index.html"))?;
    let (glue, wasm) = app_files(dist)?;
    let (glue, parts) = inline_parts(dist, &glue)?;
    let script = format!("{}\n{}\n{LOADER}", module_glue(&glue)?, parts.loader);
    let css_file = linked_file(&html, "link[rel=stylesheet]")?;
    let css = std::fs::read_to_string(dist.join(&css_file))?;
    let icon_file = linked_file(&html, "link[rel=icon]")?;
    let icon = std::fs::read(dist.join(&icon_file))?;
    let icon_url = format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(icon)
    );
    let wasm_block = format!(
        r#"<script type="application/octet-stream" id="dossier-wasm">{}</script>"#,
        base64::engine::general_purpose::STANDARD.encode(wasm)
    );
    // The document worker's wasm, gzipped, read by the app when a reader adds a file
    // (inert until then: a data block is not a script). In the head: Yew empties the body it mounts in.
    let worker = dist.join(crate::worker_wasm::FILE);
    let worker_block = if worker.exists() {
        format!(
            r#"<script type="application/octet-stream" id="dossier-worker-wasm">{}</script>"#,
            base64::engine::general_purpose::STANDARD.encode(gzip(&std::fs::read(worker)?)?)
        )
    } else {
        String::new()
    };

    // The corpus's data (`corpus_data`), read by the app as it starts. In the head, like
    // the worker's: Yew empties the body it mounts in.
    let corpus_block = format!(
        r#"<script type="application/octet-stream" id="dossier-corpus-data">{}</script>"#,
        base64::engine::general_purpose::STANDARD.encode(corpus_file(dist)?)
    );

    let inlined = rewrite_str(
        &html,
        RewriteStrSettings {
            element_content_handlers: vec![
                // Served-only parts: base URL, preloads, manifest, service worker, the corpus download.
                element!("base, link[rel=modulepreload], link[rel=preload], link[rel=dossier-wasm], link[rel=manifest], link[rel=apple-touch-icon], script[src], meta[name=dossier-corpus], script#dossier-corpus-start, script#dossier-parts-preload", |el| {
                    el.remove();
                    Ok(())
                }),
                // The pre-rendered list: its links are a served build's, and the single
                // file's app starts from bytes already in the page.
                element!("template[id^=first-paint]", |el| {
                    el.set_inner_content("", ContentType::Text);
                    Ok(())
                }),
                element!("link[rel=stylesheet]", |el| {
                    el.replace(&format!("<style>{css}</style>"), ContentType::Html);
                    Ok(())
                }),
                element!("link[rel=icon]", |el| {
                    el.set_attribute("href", &icon_url)?;
                    el.remove_attribute("integrity");
                    Ok(())
                }),
                // Trunk's start script becomes the glue and the loader.
                element!("script[type=module]:not([src])", |el| {
                    el.replace(
                        &format!(r#"<script type="module">{script}</script>"#),
                        ContentType::Html,
                    );
                    Ok(())
                }),
                element!("body", |el| {
                    el.append(&wasm_block, ContentType::Html);
                    Ok(())
                }),
                element!("head", |el| {
                    el.append(&corpus_block, ContentType::Html);
                    el.append(&worker_block, ContentType::Html);
                    el.append(&parts.blocks, ContentType::Html);
                    Ok(())
                }),
            ],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(html_error)?;
    let policy = single_file_policy(&sha256_source(&script), &sha256_source(&css));
    with_policy(&inlined, &policy)
}

/// The bytes of the corpus file `cargo xtask corpus-data` wrote into `dist`.
fn corpus_file(dist: &Path) -> Result<Vec<u8>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dist)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if crate::corpus_data::is_corpus_file(&name) {
            names.push(name);
        }
    }
    let [name] = names.as_slice() else {
        return Err(TaskError(format!(
            "{} should hold one corpus-*.bin, not {}: is it a build of `cargo xtask build`?",
            dist.display(),
            names.len()
        )));
    };
    Ok(std::fs::read(dist.join(name))?)
}

/// The wasm-bindgen glue (`dossier-<hash>.js`) and its wasm (`dossier-<hash>_bg.wasm`).
fn app_files(dist: &Path) -> Result<(String, Vec<u8>)> {
    let mut wasm_names = Vec::new();
    for entry in std::fs::read_dir(dist)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with("_bg.wasm") {
            wasm_names.push(name);
        }
    }
    let [wasm_name] = wasm_names.as_slice() else {
        return Err(TaskError(format!(
            "{} should hold one *_bg.wasm, not {}: is it a Trunk build?",
            dist.display(),
            wasm_names.len()
        )));
    };
    let glue_name = wasm_name.replace("_bg.wasm", ".js");
    let glue =
        std::fs::read_to_string(dist.join(&glue_name)).map_err(|e| TaskError(format!("{glue_name}: {e}")))?;
    Ok((glue, std::fs::read(dist.join(wasm_name))?))
}

/// The page's parts (`page_split`) made to run inside the single file: their loader's code
/// to follow the glue, and their wasm in data blocks (in the head, like the worker's).
#[derive(Default)]
struct InlineParts {
    loader: String,
    blocks: String,
}

/// How the parts' loader fetches a part (`fetch(new URL("./x.wasm", import.meta.url))`),
/// and what it does in the single file instead: read it from the part's data block.
const PART_FETCH: &str = "fetch(new URL(";
const PART_FROM_BLOCK: &str = "fromBlock(new URL(";
const FROM_BLOCK: &str = r#"
    function fromBlock(url) {
        const name = url.pathname.split("/").pop();
        const block = document.getElementById("dossier-part-" + name);
        if (!block) return Promise.reject(new Error("the single file has no part " + name));
        const encoded = block.textContent;
        const bytes = Uint8Array.fromBase64
            ? Uint8Array.fromBase64(encoded)
            : Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
        return Promise.resolve(new Response(bytes, { headers: { "Content-Type": "application/wasm" } }));
    }
"#;

/// `glue` without its imports of the parts' loader, and the loader inlined: its code in a
/// function scope that returns what it exported, bound to the names the glue imported it
/// as, fetching the parts from data blocks. A glue that imports no loader (a build not
/// split) is returned as it is.
fn inline_parts(dist: &Path, glue: &str) -> Result<(String, InlineParts)> {
    let mut bindings = Vec::new();
    let mut loader_path = None;
    let mut kept = String::with_capacity(glue.len());
    for line in glue.lines() {
        let import = line
            .strip_prefix("import * as ")
            .and_then(|rest| rest.split_once(" from \""))
            .and_then(|(name, path)| Some((name, path.split_once('"')?.0)))
            .filter(|(_, path)| path.ends_with("-parts/split.js"));
        match import {
            Some((name, path)) => {
                bindings.push(name.to_owned());
                loader_path = Some(path.trim_start_matches("./").to_owned());
            }
            None => {
                kept.push_str(line);
                kept.push('\n');
            }
        }
    }
    let Some(loader_path) = loader_path else {
        return Ok((glue.to_owned(), InlineParts::default()));
    };
    let loader_file = dist.join(&loader_path);
    let source = std::fs::read_to_string(&loader_file)
        .map_err(|e| TaskError(format!("{}: {e}", loader_file.display())))?;
    let mut exported = Vec::new();
    let mut body = String::new();
    for line in source.lines() {
        if line.starts_with("import ") {
            // `import { initSync } from "../<glue>.js"`: inline, the glue's own.
            if !line.starts_with("import { initSync } from ") {
                return Err(TaskError(format!(
                    "{loader_path} imports more than the glue's initSync: {line}"
                )));
            }
            continue;
        }
        let line = match line.strip_prefix("export const ") {
            Some(rest) => {
                exported.extend(rest.split(' ').next().map(str::to_owned));
                &line["export ".len()..]
            }
            None => line,
        };
        body.push_str(line);
        body.push('\n');
    }
    let folder = loader_file.parent().unwrap_or(dist);
    let mut blocks = String::new();
    let mut files: Vec<_> = std::fs::read_dir(folder)?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|name| name.ends_with(".wasm"))
        .collect();
    files.sort();
    if body.matches(PART_FETCH).count() != files.len() {
        return Err(TaskError(format!(
            "{loader_path} fetches {} parts where its folder holds {}: has the split tool changed how it loads them?",
            body.matches(PART_FETCH).count(),
            files.len()
        )));
    }
    for name in &files {
        blocks.push_str(&format!(
            r#"<script type="application/octet-stream" id="dossier-part-{name}">{}</script>"#,
            base64::engine::general_purpose::STANDARD.encode(std::fs::read(folder.join(name))?)
        ));
    }
    let body = body.replace(PART_FETCH, PART_FROM_BLOCK);
    let mut loader = format!(
        "const __dossierParts = (() => {{\n{FROM_BLOCK}\n{body}\n    return {{ {} }};\n}})();\n",
        exported.join(", ")
    );
    for name in bindings {
        loader.push_str(&format!("const {name} = __dossierParts;\n"));
    }
    Ok((kept, InlineParts { loader, blocks }))
}

/// The glue as it can run inline: it must import nothing (no wasm-bindgen snippets) and
/// must not end the script element early.
fn module_glue(glue: &str) -> Result<String> {
    if glue.lines().any(|l| l.trim_start().starts_with("import ")) {
        return Err(TaskError(
            "the wasm-bindgen glue imports other files (snippets): the single file cannot inline them"
                .to_owned(),
        ));
    }
    if glue.to_ascii_lowercase().contains("</script") {
        return Err(TaskError(
            "the glue contains </script>: it cannot be inlined".to_owned(),
        ));
    }
    if !glue.contains("function __wbg_init(") {
        return Err(TaskError(
            "the glue has no __wbg_init: is wasm-bindgen's target `web`?".to_owned(),
        ));
    }
    Ok(glue.to_owned())
}

/// The file a `<link>` names (its last path segment: Trunk writes to the top of `dist/`).
fn linked_file(html: &str, selector: &str) -> Result<String> {
    let href = std::cell::RefCell::new(None::<String>);
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!(selector, |el| {
                href.borrow_mut()
                    .get_or_insert_with(|| el.get_attribute("href").unwrap_or_default());
                Ok(())
            })],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(html_error)?;
    let href = href
        .into_inner()
        .ok_or_else(|| TaskError(format!("index.html has no {selector}")))?;
    Ok(href.rsplit('/').next().unwrap_or_default().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `dist/` shaped like Trunk's, with a glue that only defines what the loader calls.
    fn fake_dist() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, content: &[u8]| std::fs::write(dir.path().join(name), content).unwrap();
        file(
            "index.html",
            br#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="default-src 'self'" />
<title>Dossier</title><base href="/" /><link rel="stylesheet" href="/style-1.css" integrity="sha384-x" />
<link rel="icon" href="/favicon-2.svg" integrity="sha384-y" /><link rel="manifest" href="manifest.webmanifest" />
<script src="/register-sw-3.js" defer></script>
<meta name="dossier-corpus" content="corpus-0011223344556677.bin" data-bytes="8" />
<script id="dossier-corpus-start">window.dossierCorpus = fetch("corpus-0011223344556677.bin");</script>
<link rel="modulepreload" href="/dossier-4.js" /><link rel="preload" href="/dossier-4_bg.wasm" as="fetch" />
</head><body><noscript>needs JavaScript</noscript>
<script type="module">
import init from '/dossier-4.js';
await init({ module_or_path: '/dossier-4_bg.wasm' });
</script></body></html>"#,
        );
        file("style-1.css", b"body { color: #111; }");
        file("favicon-2.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        file(
            "dossier-4.js",
            b"async function __wbg_init(a) { return a; }\nexport default __wbg_init;\n",
        );
        file("dossier-4_bg.wasm", b"\0asm\x01\0\0\0");
        file("corpus-0011223344556677.bin", b"DOSSIER\0");
        dir
    }

    #[test]
    fn the_single_file_refers_to_no_other_file() {
        let dist = fake_dist();
        let page = inline(dist.path()).unwrap();
        for gone in [
            "src=",
            "href=\"/",
            "<base",
            "modulepreload",
            "manifest",
            "import init",
            "sha384",
            "dossier-corpus-start",
            "name=\"dossier-corpus\"",
        ] {
            assert!(!page.contains(gone), "{gone} is still in {page}");
        }
        assert!(page.contains("<style>body { color: #111; }</style>"), "{page}");
        assert!(
            page.contains("rel=\"icon\" href=\"data:image/svg+xml;base64,"),
            "{page}"
        );
        let wasm = base64::engine::general_purpose::STANDARD.encode(b"\0asm\x01\0\0\0");
        assert!(
            page.contains(&format!("id=\"dossier-wasm\">{wasm}</script>")),
            "{page}"
        );
        let corpus = base64::engine::general_purpose::STANDARD.encode(b"DOSSIER\0");
        assert!(
            page.contains(&format!("id=\"dossier-corpus-data\">{corpus}</script>")),
            "{page}"
        );
        assert_eq!(page.matches("Content-Security-Policy").count(), 1);
    }

    #[test]
    fn the_policy_pins_the_script_and_style_the_page_holds() {
        let dist = fake_dist();
        let page = inline(dist.path()).unwrap();
        let between = |open: &str, close: &str| {
            let start = page.find(open).unwrap() + open.len();
            page[start..start + page[start..].find(close).unwrap()].to_owned()
        };
        let script = between("<script type=\"module\">", "</script>");
        let css = between("<style>", "</style>");
        assert!(script.contains("await __wbg_init({ module_or_path: bytes })"));
        let policy = between("content=\"", "\"");
        assert_eq!(
            policy,
            single_file_policy(&sha256_source(&script), &sha256_source(&css))
        );
    }

    #[test]
    fn a_dist_that_is_not_trunk_output_is_refused_with_a_reason() {
        let dist = fake_dist();
        std::fs::remove_file(dist.path().join("dossier-4_bg.wasm")).unwrap();
        let err = inline(dist.path()).unwrap_err().to_string();
        assert!(err.contains("one *_bg.wasm"), "{err}");
        std::fs::write(dist.path().join("dossier-4_bg.wasm"), b"").unwrap();
        std::fs::write(
            dist.path().join("dossier-4.js"),
            b"import x from './snippets/a.js';\nfunction __wbg_init(){}",
        )
        .unwrap();
        let err = inline(dist.path()).unwrap_err().to_string();
        assert!(err.contains("snippets"), "{err}");
    }

    /// `fake_dist` split as `page_split` leaves it: the glue imports the parts' loader,
    /// which fetches two parts.
    fn fake_split_dist() -> tempfile::TempDir {
        let dist = fake_dist();
        let file = |name: &str, content: &[u8]| std::fs::write(dist.path().join(name), content).unwrap();
        file(
            "dossier-4.js",
            b"import * as import1 from \"./dossier-4-parts/split.js\"\nimport * as import2 from \"./dossier-4-parts/split.js\"\nfunction initSync() { return {}; }\nasync function __wbg_init(a) { return [import1, import2, a]; }\nexport default __wbg_init;\n",
        );
        std::fs::create_dir(dist.path().join("dossier-4-parts")).unwrap();
        file(
            "dossier-4-parts/split.js",
            b"import { initSync } from \"../dossier-4.js\";\nconst __chunk_1 = () => fetch(new URL(\"./chunk_1.wasm\", import.meta.url));\nexport const __wasm_split_load_matrix = () => [initSync(), __chunk_1(), fetch(new URL(\"./split_matrix.wasm\", import.meta.url))];\n",
        );
        file("dossier-4-parts/chunk_1.wasm", b"\0asm\x01\0\0\x01");
        file("dossier-4-parts/split_matrix.wasm", b"\0asm\x01\0\0\x02");
        dist
    }

    #[test]
    fn a_split_build_carries_its_parts_in_data_blocks_and_fetches_nothing() {
        let dist = fake_split_dist();
        let page = inline(dist.path()).unwrap();
        for gone in ["import ", "fetch(", "export const"] {
            assert!(!page.contains(gone), "{gone} is still in {page}");
        }
        for (name, bytes) in [
            ("chunk_1.wasm", b"\0asm\x01\0\0\x01"),
            ("split_matrix.wasm", b"\0asm\x01\0\0\x02"),
        ] {
            let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
            assert!(
                page.contains(&format!("id=\"dossier-part-{name}\">{encoded}</script>")),
                "{page}"
            );
        }
        assert!(page.contains("return { __wasm_split_load_matrix };"), "{page}");
        assert!(
            page.contains("const import1 = __dossierParts;\nconst import2 = __dossierParts;"),
            "{page}"
        );
    }

    #[test]
    fn a_loader_that_fetches_other_than_its_parts_is_refused() {
        let dist = fake_split_dist();
        std::fs::remove_file(dist.path().join("dossier-4-parts/chunk_1.wasm")).unwrap();
        let err = inline(dist.path()).unwrap_err().to_string();
        assert!(err.contains("fetches 2 parts where its folder holds 1"), "{err}");
    }
}
