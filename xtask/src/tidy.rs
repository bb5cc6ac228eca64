//! The tidy tests: invariants of the code base that the compiler does not check, run by
//! `cargo test` (and so by `cargo xtask test`), each failing with the file and line that
//! breaks it. The import circles' test is in [`crate::imports`].
//!
//! - Crates are layered: a crate's `[dependencies]` name only crates of lower layers, its
//!   `[dev-dependencies]` none of a higher one ([`LAYERS`]).
//! - Only `dossier-ingest`'s `source` module touches the file system among the crates
//!   that ship (the tools and tests read files freely).
//! - No element's HTML is ever set from a string: corpus and user text reach the page
//!   only as text nodes.
//! - Every source file opens with a `//!` line saying why it exists.

#[cfg(test)]
mod tests {
    use crate::root;
    use std::path::{Path, PathBuf};

    /// Every workspace crate and its layer: a crate may depend only on lower layers.
    const LAYERS: &[(&str, u8)] = &[
        ("dossier-model", 0),
        ("dossier-format", 1),
        ("dossier-work", 1),
        ("dossier-ingest", 2),
        ("dossier-nlp", 2),
        ("dossier-search", 2),
        ("dossier-explore", 3),
        ("dossier-store", 3),
        ("dossier-core", 4),
        ("dossier", 5),
        ("dossier-cli", 5),
        ("dossier-worker", 5),
        ("dossier-e2e", 5),
        ("xtask", 6),
        ("dossier-bench-engine", 6),
        ("dossier-fuzz", 6),
    ];

    fn layer(name: &str) -> Option<u8> {
        LAYERS.iter().find(|(n, _)| *n == name).map(|&(_, l)| l)
    }

    /// Every `Cargo.toml` of the workspace (and the fuzz crate beside it).
    fn manifests() -> Vec<PathBuf> {
        let root = root();
        let mut out = vec![
            root.join("Cargo.toml"),
            root.join("xtask/Cargo.toml"),
            root.join("tests/e2e/Cargo.toml"),
            root.join("bench/engine/Cargo.toml"),
            root.join("fuzz/Cargo.toml"),
        ];
        let mut crates: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
            .unwrap()
            .map(|e| e.unwrap().path().join("Cargo.toml"))
            .collect();
        crates.sort();
        out.extend(crates);
        out
    }

    /// The package name and the workspace crates each dependency table names.
    fn dependencies(manifest: &str) -> (String, Vec<(String, String)>) {
        let mut name = String::new();
        let mut table = String::new();
        let mut out = Vec::new();
        for line in manifest.lines().map(str::trim) {
            if line.starts_with('[') {
                table = line.trim_matches(|c| c == '[' || c == ']').to_owned();
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let key = key.trim().trim_end_matches(".workspace").trim();
            if table == "package" && key == "name" {
                name = value.trim().trim_matches('"').to_owned();
            } else if table.ends_with("dependencies") && layer(key).is_some() {
                out.push((table.clone(), key.to_owned()));
            }
        }
        (name, out)
    }

    #[test]
    fn no_crate_depends_on_a_higher_layer() {
        let mut faults = Vec::new();
        for manifest in manifests() {
            let (name, deps) = dependencies(&std::fs::read_to_string(&manifest).unwrap());
            let own = layer(&name)
                .unwrap_or_else(|| panic!("{}: {name} has no layer in LAYERS", manifest.display()));
            for (table, dep) in deps {
                let theirs = layer(&dep).unwrap_or(u8::MAX);
                let allowed = match table.as_str() {
                    "dependencies" => theirs < own,
                    "build-dependencies" => theirs < own,
                    _ => theirs <= own,
                };
                if !allowed {
                    faults.push(format!("{name} (layer {own}) [{table}] {dep} (layer {theirs})"));
                }
            }
        }
        assert!(faults.is_empty(), "upward dependencies:\n{}", faults.join("\n"));
    }

    /// The page's wasm cannot link the tagger or the pipeline: the app's
    /// `[dependencies]` name neither (its build script may).
    #[test]
    fn the_page_cannot_reach_the_tagger() {
        let (_, deps) = dependencies(&std::fs::read_to_string(root().join("Cargo.toml")).unwrap());
        let reach: Vec<&(String, String)> = deps
            .iter()
            .filter(|(table, dep)| table == "dependencies" && (dep == "dossier-nlp" || dep == "dossier-core"))
            .collect();
        assert!(reach.is_empty(), "the app's [dependencies] name {reach:?}");
    }

    /// The page is built with the default members' features unified (Trunk runs `cargo
    /// build` at the root): none of them may turn on the app's build-time renderer.
    #[test]
    fn the_page_build_cannot_link_the_first_paint_renderer() {
        let workspace = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
        let line = workspace
            .lines()
            .find(|l| l.starts_with("default-members"))
            .expect("the workspace names its default members");
        let members: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
        assert!(members.len() > 5, "{members:?}");
        let enabling: Vec<&str> = members
            .into_iter()
            .filter(|m| {
                std::fs::read_to_string(root().join(m).join("Cargo.toml"))
                    .unwrap()
                    .contains("\"first-paint\"]")
            })
            .filter(|m| *m != ".")
            .collect();
        assert!(
            enabling.is_empty(),
            "default members that enable first-paint: {enabling:?}"
        );
    }

    /// Every `.rs` file under `dir`.
    fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path
                    .file_name()
                    .is_some_and(|n| n != "target" && n != "corpus" && n != "artifacts")
                {
                    sources(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    fn all_sources() -> Vec<PathBuf> {
        let root = root();
        let mut out = Vec::new();
        for dir in ["src", "tests", "crates", "xtask", "bench", "fuzz"] {
            sources(&root.join(dir), &mut out);
        }
        out
    }

    /// The lines of `text` holding `needle` outside `//` comments, as `file:line`.
    fn code_lines_with(file: &Path, text: &str, needle: &str) -> Vec<String> {
        text.lines()
            .enumerate()
            .filter(|(_, line)| line.split("//").next().unwrap_or("").contains(needle))
            .map(|(i, _)| format!("{}:{}", file.display(), i + 1))
            .collect()
    }

    #[test]
    fn only_the_source_module_touches_the_file_system() {
        let root = root();
        let shipped = [
            "crates/dossier-model",
            "crates/dossier-format",
            "crates/dossier-ingest",
            "crates/dossier-nlp",
            "crates/dossier-search",
            "crates/dossier-explore",
            "crates/dossier-store",
            "crates/dossier-work",
            "crates/dossier-core",
            "crates/dossier-worker",
        ];
        let mut files = Vec::new();
        for dir in shipped {
            sources(&root.join(dir).join("src"), &mut files);
        }
        sources(&root.join("src"), &mut files);
        let allowed = root.join("crates/dossier-ingest/src/source.rs");
        let faults: Vec<String> = files
            .iter()
            .filter(|f| **f != allowed)
            .flat_map(|f| {
                let text = std::fs::read_to_string(f).unwrap();
                let mut hits = code_lines_with(f, &text, "std::fs");
                hits.extend(code_lines_with(f, &text, "fs::read"));
                hits.extend(code_lines_with(f, &text, "fs::write"));
                hits
            })
            .collect();
        assert!(
            faults.is_empty(),
            "file-system access outside dossier-ingest's source:\n{}",
            faults.join("\n")
        );
    }

    #[test]
    fn text_never_reaches_the_page_as_markup() {
        let needle = ["inner", "_html"].concat();
        let faults: Vec<String> = all_sources()
            .iter()
            .flat_map(|f| code_lines_with(f, &std::fs::read_to_string(f).unwrap(), &needle))
            .collect();
        assert!(
            faults.is_empty(),
            "text must reach the page as text:\n{}",
            faults.join("\n")
        );
    }

    #[test]
    fn every_source_file_opens_with_a_doc_line() {
        let faults: Vec<String> = all_sources()
            .into_iter()
            .filter(|f| {
                let text = std::fs::read_to_string(f).unwrap();
                !text.trim_start().starts_with("//!")
            })
            .map(|f| f.display().to_string())
            .collect();
        assert!(
            faults.is_empty(),
            "files without a //! opening line:\n{}",
            faults.join("\n")
        );
    }
}
