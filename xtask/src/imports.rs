//! `cargo xtask imports`: the module-level import graph of every crate, and its circles.
//!
//! A crate's modules are its files (`lib.rs`/`main.rs` is the root, `a/mod.rs` and `a.rs`
//! are `a`, `a/b.rs` is `a::b`). A module imports another when its code names it by a
//! `crate::` or `super::` path, in code or an intra-doc link; a path through a name the root
//! re-exports (`pub use span::Span`) counts as naming the module it comes from, since a
//! facade is not a dependency. An inline `mod tests { .. }` belongs to its file, so its
//! `super::` is the file's own module. Cargo already forbids circles between crates;
//! this finds them inside one, where nothing else would.
//!
//! The reading is textual, not a compiler's: good enough for code that keeps its
//! `use`s at the top and its tests at the bottom, as Dossier's does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One crate's modules and who imports whom.
#[derive(Debug, Default)]
pub struct Graph {
    /// Module path (`""` is the root) to the modules it imports.
    pub edges: BTreeMap<String, BTreeSet<String>>,
}

impl Graph {
    /// Every circle: each strongly connected group of two or more modules, sorted.
    pub fn circles(&self) -> Vec<Vec<String>> {
        let nodes: Vec<&String> = self.edges.keys().collect();
        let index_of: BTreeMap<&String, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let adjacency: Vec<Vec<usize>> = nodes
            .iter()
            .map(|n| {
                self.edges[*n]
                    .iter()
                    .filter_map(|m| index_of.get(m).copied())
                    .collect()
            })
            .collect();
        strongly_connected(&adjacency)
            .into_iter()
            .filter(|group| group.len() > 1)
            .map(|group| {
                let mut names: Vec<String> = group.into_iter().map(|i| display(nodes[i])).collect();
                names.sort();
                names
            })
            .collect()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.values().map(BTreeSet::len).sum()
    }
}

/// A module path as a reader writes it (`crate` for the root).
fn display(module: &str) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        module.to_owned()
    }
}

/// The graph of the crate whose sources are under `src` (holding `lib.rs` or `main.rs`).
pub fn crate_graph(src: &Path) -> std::io::Result<Graph> {
    let mut files = Vec::new();
    collect_rs(src, &mut files)?;
    let modules: BTreeMap<String, PathBuf> = files
        .into_iter()
        .filter_map(|f| module_path(src, &f).map(|m| (m, f)))
        .collect();
    let root_file = modules.get("").cloned();
    let aliases = match &root_file {
        Some(file) => root_reexports(&std::fs::read_to_string(file)?),
        None => BTreeMap::new(),
    };
    let mut graph = Graph::default();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file)?;
        let mut targets = BTreeSet::new();
        for path in named_paths(&text, module, &modules) {
            let target = resolve(&path, &modules, &aliases);
            if &target != module {
                targets.insert(target);
            }
        }
        graph.edges.insert(module.clone(), targets);
    }
    Ok(graph)
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_rs(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// `src/a/b.rs` is `a::b`, `src/a/mod.rs` is `a`, `src/lib.rs` and `src/main.rs` the root.
/// Files under `src/bin/` are crates of their own: none.
fn module_path(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.first().is_some_and(|p| p == "bin") {
        return None;
    }
    if parts.len() == 1 && (parts[0] == "lib" || parts[0] == "main") {
        return Some(String::new());
    }
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    Some(parts.join("::"))
}

/// The names the root re-exports from its own modules: `pub use span::Span;` and
/// `pub use document::{Corpus, Document};` map `Span` to `span`, and so on.
fn root_reexports(root: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in root.lines().map(str::trim) {
        let Some(rest) = line.strip_prefix("pub use ").and_then(|r| r.strip_suffix(';')) else {
            continue;
        };
        let rest = rest.trim_start_matches("crate::").trim_start_matches("self::");
        if let Some((module, names)) = rest.split_once("::{") {
            for name in names.trim_end_matches('}').split(',') {
                let name = name.trim();
                if !name.is_empty() {
                    out.insert(name.to_owned(), module.to_owned());
                }
            }
        } else if let Some((module, name)) = rest.rsplit_once("::") {
            out.insert(name.to_owned(), module.to_owned());
        }
    }
    out
}

/// Every path in `text` (in code and intra-doc links) that names a module of the crate, as absolute
/// module paths (segments): `crate::..`, `self::..`, `super::..` resolved from `module`
/// (the file's module; inside an inline `mod tests {`, `super` is the file's module
/// itself), and paths that start with one of `module`'s own submodules. `use` groups
/// (`crate::{a, b::{c, d}}`) give one path each, across lines.
fn named_paths(text: &str, module: &str, modules: &BTreeMap<String, PathBuf>) -> Vec<Vec<String>> {
    let own: Vec<String> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").map(str::to_owned).collect()
    };
    let text = without_literals(text);
    let code: String = text
        .lines()
        .map(code_and_doc_links)
        .collect::<Vec<_>>()
        .join("\n");
    let inline_from = code
        .split('\n')
        .scan(0usize, |at, line| {
            let start = *at;
            *at += line.len() + 1;
            Some((start, line))
        })
        .find(|(_, line)| {
            let t = line.trim();
            let t = t
                .strip_prefix("pub ")
                .or_else(|| t.strip_prefix("pub(crate) "))
                .unwrap_or(t);
            t.starts_with("mod ") && t.ends_with('{')
        })
        .map_or(usize::MAX, |(at, _)| at);
    let mut out = Vec::new();
    let mut at = 0;
    while at < code.len() {
        let rest = &code[at..];
        let Some(first_len) = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')) else {
            break;
        };
        if first_len == 0 || !starts_path(&code, at) || code[..at].ends_with("::") {
            at += rest.chars().next().map_or(1, char::len_utf8).max(first_len);
            continue;
        }
        let word = &rest[..first_len];
        let after = &rest[first_len..];
        if !after.starts_with("::") {
            at += first_len;
            continue;
        }
        let base: Option<(Vec<String>, &str)> = match word {
            "crate" => Some((Vec::new(), &after[2..])),
            "self" => Some((own.clone(), &after[2..])),
            "super" => {
                let mut base = own.clone();
                let mut tail = &after[2..];
                if at < inline_from {
                    base.pop();
                }
                while let Some(t) = tail.strip_prefix("super::") {
                    base.pop();
                    tail = t;
                }
                Some((base, tail))
            }
            _ => {
                let mut child = own.clone();
                child.push(word.to_owned());
                modules
                    .contains_key(&child.join("::"))
                    .then(|| (own.clone(), rest))
            }
        };
        match base {
            Some((base, tail)) => {
                let used = use_tree(tail, &base, &mut out);
                at = code.len() - tail.len() + used.max(1);
            }
            None => at += first_len,
        }
    }
    out
}

/// `text` with the contents of string and character literals blanked (raw strings
/// included), so paths written inside them (test inputs, messages) are not read as code.
fn without_literals(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < bytes.len() {
        let rest = &text[at..];
        if rest.starts_with("//") {
            let end = rest.find('\n').unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            at += end;
        } else if let Some((open, hashes)) = raw_string_start(rest) {
            let close = format!("\"{}", "#".repeat(hashes));
            let end = rest[open..]
                .find(&close)
                .map_or(rest.len(), |e| open + e + close.len());
            out.push_str("\"\"");
            at += end;
        } else if let Some(body) = rest.strip_prefix('"') {
            let mut end = 1;
            let mut chars = body.char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => {
                        end = i + 2;
                        break;
                    }
                    _ => end = rest.len(),
                }
            }
            // Keep line breaks so line-based reading still lines up.
            out.push_str("\"\"");
            out.extend(rest[..end].chars().filter(|&c| c == '\n'));
            at += end;
        } else if let Some(len) = char_literal(rest) {
            out.push_str("' '");
            at += len;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            at += c.len_utf8();
        }
    }
    out
}

/// `r"`, `r#"`, `br##"`..: the length of a raw string's opening and its number of `#`s.
fn raw_string_start(rest: &str) -> Option<(usize, usize)> {
    let prefix = usize::from(rest.starts_with('b'));
    let r = rest[prefix..].strip_prefix('r')?;
    let hashes = r.len() - r.trim_start_matches('#').len();
    r[hashes..]
        .starts_with('"')
        .then_some((prefix + 1 + hashes + 1, hashes))
}

/// The length of a character literal (`'a'`, `'\''`, `'\u{1F600}'`) starting `rest`;
/// `None` for a lifetime.
fn char_literal(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix('\'')?;
    if let Some(escaped) = body.strip_prefix('\\') {
        let close = escaped.char_indices().skip(1).find(|&(_, c)| c == '\'')?.0;
        return Some(2 + 1 + close + 1);
    }
    let c = body.chars().next()?;
    body[c.len_utf8()..].starts_with('\'').then_some(2 + c.len_utf8())
}

/// A line's code, with the targets of the intra-doc links in its comment appended (a
/// bracketed link to `crate::decode` names `decode` as surely as a `use` does: rustdoc
/// resolves it and a reader follows it); the rest of the comment is dropped.
fn code_and_doc_links(line: &str) -> String {
    let Some((code, comment)) = line.split_once("//") else {
        return line.to_owned();
    };
    let mut out = code.to_owned();
    for (at, _) in comment.match_indices("[`") {
        let link = &comment[at + 2..];
        let Some(end) = link.find("`]") else {
            continue;
        };
        let target = &link[..end];
        if ["crate::", "self::", "super::"]
            .iter()
            .any(|p| target.starts_with(p))
        {
            out.push(' ');
            out.push_str(target);
            out.push(';');
        }
    }
    out
}

/// Reads the use tree at the start of `rest` (`a::b`, `a::{b, c::d}`, `a::*`) under
/// `base`, pushing every path it names; returns how many bytes it read.
fn use_tree(rest: &str, base: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let mut path = base.to_vec();
    let mut at = 0;
    loop {
        let tail = &rest[at..];
        let skipped = tail.len() - tail.trim_start().len();
        let tail = tail.trim_start();
        if let Some(group) = tail.strip_prefix('{') {
            let mut read = 1;
            let mut inner = group;
            loop {
                inner = inner.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
                let consumed = group.len() - inner.len();
                if inner.is_empty() || inner.starts_with('}') {
                    read += consumed + usize::from(inner.starts_with('}'));
                    break;
                }
                let used = use_tree(inner, &path, out);
                if used == 0 {
                    read += consumed + 1;
                    break;
                }
                inner = &inner[used..];
            }
            return at + skipped + read;
        }
        let end = tail
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(tail.len());
        if end == 0 {
            out.push(path);
            return at + skipped;
        }
        path.push(tail[..end].to_owned());
        at += skipped + end;
        match rest[at..].strip_prefix("::") {
            Some(_) => at += 2,
            None => {
                out.push(path);
                return at;
            }
        }
    }
}

/// A path starts at `at` unless it continues an identifier (`dossier_crate::`).
fn starts_path(code: &str, at: usize) -> bool {
    !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
}

/// The module a path names: its longest prefix that is a module, or through the root's
/// re-exports the module a root-level name comes from.
fn resolve(
    path: &[String],
    modules: &BTreeMap<String, PathBuf>,
    aliases: &BTreeMap<String, String>,
) -> String {
    for len in (1..=path.len()).rev() {
        let candidate = path[..len].join("::");
        if modules.contains_key(&candidate) {
            return candidate;
        }
    }
    if let Some(from) = path.first().and_then(|first| aliases.get(first)) {
        let segs: Vec<String> = from.split("::").map(str::to_owned).collect();
        return resolve_module(&segs, modules);
    }
    String::new()
}

fn resolve_module(path: &[String], modules: &BTreeMap<String, PathBuf>) -> String {
    (1..=path.len())
        .rev()
        .map(|len| path[..len].join("::"))
        .find(|c| modules.contains_key(c))
        .unwrap_or_default()
}

/// Tarjan's algorithm: the strongly connected components of a graph.
fn strongly_connected(adjacency: &[Vec<usize>]) -> Vec<Vec<usize>> {
    struct Walk<'a> {
        adjacency: &'a [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        out: Vec<Vec<usize>>,
    }
    impl Walk<'_> {
        fn visit(&mut self, v: usize) {
            self.index[v] = Some(self.next);
            self.low[v] = self.next;
            self.next += 1;
            self.stack.push(v);
            self.on_stack[v] = true;
            for &w in &self.adjacency[v] {
                match self.index[w] {
                    None => {
                        self.visit(w);
                        self.low[v] = self.low[v].min(self.low[w]);
                    }
                    Some(iw) if self.on_stack[w] => self.low[v] = self.low[v].min(iw),
                    Some(_) => {}
                }
            }
            if Some(self.low[v]) == self.index[v] {
                let mut group = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack[w] = false;
                    group.push(w);
                    if w == v {
                        break;
                    }
                }
                self.out.push(group);
            }
        }
    }
    let n = adjacency.len();
    let mut walk = Walk {
        adjacency,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..n {
        if walk.index[v].is_none() {
            walk.visit(v);
        }
    }
    walk.out
}

/// Every crate of the workspace that has sources: name and `src` folder.
pub fn workspace_crates(root: &Path) -> Vec<(String, PathBuf)> {
    let mut out = vec![
        ("dossier (app)".to_owned(), root.join("src")),
        ("xtask".to_owned(), root.join("xtask/src")),
        ("dossier-e2e".to_owned(), root.join("tests/e2e/src")),
        ("dossier-bench-engine".to_owned(), root.join("bench/engine/src")),
        ("dossier-fuzz".to_owned(), root.join("fuzz/src")),
    ];
    if let Ok(entries) = std::fs::read_dir(root.join("crates")) {
        let mut crates: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        crates.sort();
        for dir in crates {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((name, dir.join("src")));
        }
    }
    out.retain(|(_, src)| src.is_dir());
    out
}

/// `cargo xtask imports`: prints each crate's module and import counts and every circle;
/// fails when there is one.
pub fn run() -> crate::Result {
    let mut circles = 0;
    for (name, src) in workspace_crates(&crate::root()) {
        let graph = crate_graph(&src)?;
        let found = graph.circles();
        println!(
            "{name}: {} modules, {} imports, {} circles",
            graph.edges.len(),
            graph.edge_count(),
            found.len()
        );
        for circle in &found {
            println!("  circle: {}", circle.join(" <-> "));
        }
        circles += found.len();
    }
    if circles > 0 {
        return Err(crate::TaskError(format!("{circles} import circles")));
    }
    println!("No import circle in any crate.");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph_of(files: &[(&str, &str)]) -> Graph {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        crate_graph(dir.path()).unwrap()
    }

    #[test]
    fn a_circle_between_two_modules_is_found() {
        let g = graph_of(&[
            ("lib.rs", "mod a;\nmod b;\n"),
            ("a.rs", "use crate::b::B;\npub struct A;\n"),
            ("b.rs", "use crate::a::A;\npub struct B;\n"),
        ]);
        assert_eq!(g.circles(), [["a", "b"]]);
    }

    #[test]
    fn reexports_comments_and_inline_tests_make_no_circle() {
        let g = graph_of(&[
            ("lib.rs", "mod a;\nmod b;\npub use a::A;\n"),
            ("a.rs", "//! Uses crate::b in prose only.\npub struct A;\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n"),
            ("b.rs", "use crate::A;\n"),
        ]);
        assert_eq!(g.edges["b"], BTreeSet::from(["a".to_owned()]));
        assert!(g.circles().is_empty());
    }

    #[test]
    fn super_paths_resolve_from_nested_modules() {
        let g = graph_of(&[
            ("lib.rs", "mod outer;\n"),
            ("outer/mod.rs", "mod x;\nmod y;\n"),
            ("outer/x.rs", "use super::y::Y;\n"),
            ("outer/y.rs", "pub struct Y;\nfn f() { super::super::g() }\n"),
        ]);
        assert_eq!(g.edges["outer::x"], BTreeSet::from(["outer::y".to_owned()]));
        assert_eq!(g.edges["outer::y"], BTreeSet::from([String::new()]));
    }

    #[test]
    fn paths_inside_literals_are_not_imports() {
        let g = graph_of(&[
            ("lib.rs", "mod a;\nmod b;\n"),
            ("a.rs", "const S: &str = \"use crate::b;\";\nconst R: &str = r#\"crate::b\"#;\nconst C: char = '\"';\n"),
            ("b.rs", "pub struct B;\n"),
        ]);
        assert!(g.edges["a"].is_empty(), "{:?}", g.edges["a"]);
    }

    #[test]
    fn intra_doc_links_count_and_prose_does_not() {
        let g = graph_of(&[
            ("lib.rs", "mod a;\nmod b;\nmod c;\n"),
            ("a.rs", "//! Read by [`crate::b`]; unlike crate::c in prose.\n"),
            ("b.rs", "pub struct B;\n"),
            ("c.rs", "pub struct C;\n"),
        ]);
        assert_eq!(g.edges["a"], BTreeSet::from(["b".to_owned()]));
    }

    #[test]
    fn use_groups_across_lines_and_relative_paths_count() {
        let g = graph_of(&[
            ("main.rs", "mod a;\nmod b;\nmod c;\nfn main() { c::run() }\n"),
            ("a.rs", "use crate::{\n    b::{self, B},\n    c,\n};\n"),
            ("b.rs", "pub struct B;\n"),
            ("c.rs", "pub fn run() {}\n"),
        ]);
        assert_eq!(g.edges["a"], BTreeSet::from(["b".to_owned(), "c".to_owned()]));
        assert_eq!(g.edges[""], BTreeSet::from(["c".to_owned()]));
    }

    /// The tidy rule: no module of any crate of the workspace takes part in a circle.
    #[test]
    fn no_crate_has_an_import_circle() {
        for (name, src) in workspace_crates(&crate::root()) {
            let graph = crate_graph(&src).unwrap();
            assert!(
                graph.circles().is_empty(),
                "{name}: import circles {:?}",
                graph.circles()
            );
        }
    }
}
