//! `cargo xtask page-split`: the page's wasm cut into the module every visitor needs first
//! and the parts the other views fetch when first opened (`src/on_demand.rs` names them).
//!
//! Trunk runs it as a `post_build` hook (`Trunk.toml`): Trunk has built the page with the
//! `split` feature (index.html), which links it with its relocations kept (`build.rs`),
//! and has run wasm-bindgen over it whole. This step cuts the linked wasm at its split
//! points (the `wasm_split_cli_support` crate: the split tool of Leptos's and Yew's lazy
//! views), runs wasm-bindgen again over the first module in place of Trunk's output (same
//! file names, so index.html stays as Trunk wrote it), and puts the parts in a folder
//! named after it. In a release build it runs wasm-opt over each (index.html leaves
//! Trunk's own run off: it would optimise the module this step replaces).

use crate::{cmd, Result, TaskError};
use std::path::{Path, PathBuf};

/// The wasm-opt level of the page's modules ("z": the `page` profile in Cargo.toml says why).
pub const WASM_OPT: &str = "-Oz";

/// The custom section a wasm linked with `--emit-relocs` carries for its code.
const CODE_RELOCATIONS: &[u8] = b"reloc.CODE";

pub fn run() -> Result {
    let staging = crate::worker_wasm::staging_dir("page-split")?;
    let release = std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release");
    // The page's profile in a release build (index.html's `data-cargo-profile-release`).
    let profile = if release { "page" } else { "debug" };
    let linked = crate::tool_paths::target_dir()
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join("dossier.wasm");
    let stem = glue_stem(&staging)?;
    let parts = split(&linked, &staging, &stem)?;
    if release {
        optimise(&staging.join(format!("{stem}_bg.wasm")))?;
        for part in &parts {
            optimise(part)?;
        }
    }
    println!(
        "page-split: the first module and {} parts in {}",
        parts.len(),
        parts_dir(&stem)
    );
    Ok(())
}

/// The folder the parts go in, beside the glue: named after it, so a new build is new
/// addresses (Trunk's names carry a hash of the build).
pub fn parts_dir(stem: &str) -> String {
    format!("{stem}-parts")
}

/// The name, without `.js`, of the page's wasm-bindgen glue in Trunk's output
/// (`dossier-<hash>`): the one `.js` with a `_bg.wasm` beside it.
fn glue_stem(staging: &Path) -> Result<String> {
    let mut stems = std::fs::read_dir(staging)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix("_bg.wasm"))
                .map(str::to_owned)
        })
        .filter(|stem| staging.join(format!("{stem}.js")).is_file());
    match (stems.next(), stems.next()) {
        (Some(stem), None) => Ok(stem),
        _ => Err(TaskError(format!(
            "{} should hold one page wasm and its glue (a `*_bg.wasm` beside a `*.js`) from Trunk",
            staging.display()
        ))),
    }
}

/// The file in the parts' folder that says which files each split point needs (its name,
/// as `src/on_demand.rs` declares it, to the files' names without `.wasm`): what
/// [`preload_script`] reads.
const NEEDS_FILE: &str = "needs.json";

/// Cuts the `linked` wasm: the first module through wasm-bindgen as `out/<stem>.js` and
/// `<stem>_bg.wasm`, the parts, their loader and [`NEEDS_FILE`] into `out/<stem>-parts/`.
/// The parts' paths.
pub fn split(linked: &Path, out: &Path, stem: &str) -> Result<Vec<PathBuf>> {
    let input = std::fs::read(linked).map_err(|e| TaskError(format!("{}: {e}", linked.display())))?;
    if !has_relocations(&input) {
        return Err(TaskError(format!(
            "{} has no relocations, so it cannot be split: build it with the `split` feature \
             (index.html's data-cargo-features), which links it with --emit-relocs (build.rs)",
            linked.display()
        )));
    }
    let scratch = out.join(".page-split");
    let _ = std::fs::remove_dir_all(&scratch);
    let folder = parts_dir(stem);
    // The first module imports the loader by this path (relative to the glue, which
    // wasm-bindgen writes beside `out`); the tool writes the loader there under `scratch`,
    // and the loader fetches the parts relative to itself.
    let link_name = format!("./{folder}/split.js");
    let main_module = format!("../{stem}.js");
    // The tool writes the loader into this folder but makes only `scratch`.
    std::fs::create_dir_all(scratch.join(&folder))?;
    let first = scratch.join("first.wasm");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &scratch;
    options.main_out_path = &first;
    options.link_name = &link_name;
    options.main_module = &main_module;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| TaskError(format!("splitting {}: {e:#}", linked.display())))?;

    let parts_out = out.join(&folder);
    let _ = std::fs::remove_dir_all(&parts_out);
    std::fs::rename(scratch.join(&folder), &parts_out)?;
    let mut parts = Vec::new();
    for module in &split.split_modules {
        let name = module
            .file_name()
            .ok_or_else(|| TaskError(format!("the split tool wrote {}", module.display())))?;
        let to = parts_out.join(name);
        std::fs::rename(module, &to)?;
        parts.push(to);
    }
    cmd::Cmd::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--keep-lld-exports",
            "--out-name",
            stem,
            "--out-dir",
        ])
        .args([out, &first])
        .run()?;
    std::fs::remove_dir_all(&scratch)?;
    parts.sort();
    let needs: std::collections::BTreeMap<_, _> = split.prefetch_map.into_iter().collect();
    let needs = serde_json::to_vec(&needs).map_err(|e| TaskError(format!("{NEEDS_FILE}: {e}")))?;
    std::fs::write(parts_out.join(NEEDS_FILE), needs)?;
    Ok(parts)
}

/// The inline script that, at a view's address, preloads the view's parts alongside the
/// first module (without it they would start only once the first module runs), or `None`
/// for a build that is not split. `dist` is a finished build (`dist::finish` adds it).
pub fn preload_script(dist: &Path) -> Result<Option<String>> {
    let folder = std::fs::read_dir(dist)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with("-parts"));
    let Some(folder) = folder else {
        return Ok(None);
    };
    let needs_file = dist.join(&folder).join(NEEDS_FILE);
    let needs: std::collections::BTreeMap<String, Vec<String>> =
        serde_json::from_slice(&std::fs::read(&needs_file)?)
            .map_err(|e| TaskError(format!("{}: {e}", needs_file.display())))?;
    let mut by_path = serde_json::Map::new();
    for part in dossier::on_demand::Part::ALL {
        let files = needs.get(part.module()).ok_or_else(|| {
            TaskError(format!(
                "{} names no files for the view `{}`: is the page built with the `split` feature?",
                needs_file.display(),
                part.module()
            ))
        })?;
        let urls = files
            .iter()
            .map(|f| format!("{folder}/{f}.wasm").into())
            .collect();
        by_path.insert(part.path_prefix().to_owned(), serde_json::Value::Array(urls));
    }
    Ok(Some(format!(
        "({PRELOAD})({});",
        serde_json::Value::Object(by_path)
    )))
}

/// Preloads, for the address's path below the public URL, the files of the part whose
/// path prefix starts it: the loader's `fetch` then takes the preloaded response.
const PRELOAD: &str = r#"function (parts) {
  var path = "/" + location.pathname.slice(new URL(document.baseURI).pathname.length);
  for (var prefix in parts) {
    if (path.indexOf(prefix) !== 0) continue;
    parts[prefix].forEach(function (file) {
      var link = document.createElement("link");
      link.rel = "preload";
      link.as = "fetch";
      link.crossOrigin = "anonymous";
      link.href = file;
      document.head.appendChild(link);
    });
  }
}"#;

/// Does the wasm carry its code's relocations (a `reloc.CODE` custom section)?
fn has_relocations(wasm: &[u8]) -> bool {
    wasm.windows(CODE_RELOCATIONS.len())
        .any(|w| w == CODE_RELOCATIONS)
}

/// wasm-opt at the page's level ([`WASM_OPT`]), in place.
fn optimise(wasm: &Path) -> Result {
    let mut output = std::ffi::OsString::from("--output=");
    output.push(wasm);
    cmd::Cmd::new("wasm-opt")
        .args([output.as_os_str(), WASM_OPT.as_ref(), wasm.as_os_str()])
        .run()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wasm_linked_without_relocations_is_refused_with_the_way_to_build_it() {
        let dir = tempfile::tempdir().unwrap();
        let linked = dir.path().join("dossier.wasm");
        // An empty module: magic and version only.
        std::fs::write(&linked, b"\0asm\x01\0\0\0").unwrap();
        let err = split(&linked, dir.path(), "dossier-0").unwrap_err().to_string();
        assert!(err.contains("no relocations") && err.contains("split"), "{err}");
    }

    #[test]
    fn the_glue_is_the_js_beside_the_page_wasm() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "dossier-ab12_bg.wasm",
            "dossier-ab12.js",
            "register-sw-77.js",
            "dossier-worker.wasm",
        ] {
            std::fs::write(dir.path().join(file), b"").unwrap();
        }
        assert_eq!(glue_stem(dir.path()).unwrap(), "dossier-ab12");
        std::fs::remove_file(dir.path().join("dossier-ab12.js")).unwrap();
        assert!(glue_stem(dir.path()).is_err());
    }

    #[test]
    fn the_preload_maps_each_views_path_to_its_files() {
        let dist = tempfile::tempdir().unwrap();
        assert_eq!(
            preload_script(dist.path()).unwrap(),
            None,
            "a build that is not split"
        );
        let folder = dist.path().join("dossier-ab12-parts");
        std::fs::create_dir(&folder).unwrap();
        let mut needs = serde_json::Map::new();
        for part in dossier::on_demand::Part::ALL {
            let files = vec![format!("chunk_1"), format!("split_{}", part.module())];
            needs.insert(part.module().to_owned(), files.into());
        }
        std::fs::write(folder.join(NEEDS_FILE), serde_json::to_vec(&needs).unwrap()).unwrap();
        let script = preload_script(dist.path()).unwrap().unwrap();
        assert!(
            script.contains(
                r#""/matrix":["dossier-ab12-parts/chunk_1.wasm","dossier-ab12-parts/split_matrix.wasm"]"#
            ),
            "{script}"
        );
        assert!(script.contains(r#""/doc/":["#), "{script}");
        needs.remove("matrix");
        std::fs::write(folder.join(NEEDS_FILE), serde_json::to_vec(&needs).unwrap()).unwrap();
        let err = preload_script(dist.path()).unwrap_err().to_string();
        assert!(err.contains("`matrix`"), "{err}");
    }
}
