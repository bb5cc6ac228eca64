//! `cargo xtask <command>`: the project's commands, in Rust so they work the same
//! everywhere (matklad's xtask pattern).
//!
//! - `serve [--corpus DIR]`: install what is missing, build, serve at http://127.0.0.1:8080
//! - `build [--corpus DIR] [--dist DIR] [--public-url PATH]`: a release build into `dist/`,
//!   for a site's root or for `PATH` (`/dossier/`), working offline once visited
//! - `single-file [--corpus DIR | --dist DIR] [--out FILE]`: the app in one HTML file (`dossier.html`)
//!   that opens from `file://`
//! - `audit [--corpus DIR | --dist DIR]`: Lighthouse and axe-core on every view of the served build
//! - `test`: install what is missing (Chromium too), then every check and test
//! - `bench [--corpus DIR]...`: wasm sizes, time to the painted list, build time
//! - `bench search [--corpus DIR] [--queries FILE]`: the engine against MiniSearch,
//!   FlexSearch and Pagefind in headless Chromium (BBC corpus by default)
//! - `bench user-docs [--corpus DIR]...`: adding 1 and 10 of your own documents in headless
//!   Chromium (seeds and BBC by default): time to the list, the page thread's longest task
//! - `corpus --from DIR --count N --out DIR`: a larger corpus generated from a real one
//! - `train-ner`: train the entity tagger on `../shared/conll2003/` and write its model
//! - `eval-ner`: score the committed entity model on CoNLL's validation split
//! - `hostile-corpus`: write the end-to-end tests' hostile corpus to `target/e2e-hostile-corpus/`
//! - `fuzz <target> [-- libFuzzer options]`: seed and run a `cargo fuzz` target (nightly)
//! - `worker-wasm`: build the document worker's wasm into Trunk's staging folder (Trunk's
//!   `post_build` hook)
//! - `entities-bench [--corpus DIR]`: time entity recognition and linking on a corpus (BBC
//!   by default) and count what it finds

mod audit;
mod bench;
mod cmd;
mod dist;
mod fuzz;
mod gen_corpus;
mod hostile;
mod ner;
mod search_bench;
mod single_file;
mod test;
mod tools;
mod user_docs_bench;
mod views_bench;
mod worker_wasm;

use std::path::PathBuf;
use std::process::ExitCode;

/// A failed step, with what to do about it.
#[derive(Debug)]
pub struct TaskError(String);

impl std::fmt::Display for TaskError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<std::io::Error> for TaskError {
    fn from(e: std::io::Error) -> Self {
        TaskError(e.to_string())
    }
}

pub type Result<T = ()> = std::result::Result<T, TaskError>;

const USAGE: &str = "usage: cargo xtask <serve [--corpus DIR] | build [--corpus DIR] [--dist DIR] [--public-url PATH] | single-file [--corpus DIR | --dist DIR] [--out FILE] | audit [--corpus DIR | --dist DIR] | test | \
bench [--corpus DIR]... | bench search [--corpus DIR] [--queries FILE] | bench views [--corpus DIR] | bench user-docs [--corpus DIR]... | corpus --from DIR --count N --out DIR | train-ner | eval-ner | entities-bench [--corpus DIR] | hostile-corpus | fuzz <target> [-- libFuzzer options] | worker-wasm>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => parse_options(&args[1..]).and_then(|o| serve(o.corpus)),
        Some("build") => parse_options(&args[1..]).and_then(build),
        Some("single-file") => {
            parse_options(&args[1..]).and_then(|o| single_file::run(o.corpus, o.dist, o.out))
        }
        Some("audit") => parse_options(&args[1..]).and_then(|o| audit::run(o.corpus, o.dist)),
        Some("test") => test::run(),
        Some("bench") if args.get(1).map(String::as_str) == Some("search") => {
            parse_options(&args[2..]).and_then(|o| search_bench::run(o.corpus, o.queries))
        }
        Some("bench") if args.get(1).map(String::as_str) == Some("views") => {
            parse_options(&args[2..]).and_then(|o| views_bench::run(o.corpus))
        }
        Some("bench") if args.get(1).map(String::as_str) == Some("user-docs") => {
            parse_options(&args[2..]).and_then(|o| user_docs_bench::run(o.corpora))
        }
        Some("bench") => parse_options(&args[1..]).and_then(|o| bench::run(o.corpora)),
        Some("corpus") => parse_options(&args[1..]).and_then(gen_corpus::run),
        Some("train-ner") => ner::train(),
        Some("eval-ner") => ner::eval(),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("hostile-corpus") => hostile::write_corpus().map(|dir| println!("{}", dir.display())),
        Some("worker-wasm") => worker_wasm::run(),
        Some("entities-bench") => parse_options(&args[1..]).and_then(|o| ner::entities_bench(o.corpus)),
        _ => Err(TaskError(USAGE.to_owned())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Default)]
struct Options {
    corpus: Option<PathBuf>,
    corpora: Vec<PathBuf>,
    dist: Option<PathBuf>,
    queries: Option<PathBuf>,
    from: Option<PathBuf>,
    count: Option<usize>,
    out: Option<PathBuf>,
    public_url: Option<String>,
}

fn parse_options(args: &[String]) -> Result<Options> {
    let mut options = Options::default();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .ok_or_else(|| TaskError(format!("{flag} needs a value\n{USAGE}")))?;
        match flag.as_str() {
            "--corpus" => {
                let dir = PathBuf::from(value);
                if !dir.is_dir() {
                    return Err(TaskError(format!("--corpus {value}: not a folder")));
                }
                let dir = dir.canonicalize()?;
                options.corpus = Some(dir.clone());
                options.corpora.push(dir);
            }
            "--dist" => options.dist = Some(PathBuf::from(value)),
            "--queries" => options.queries = Some(PathBuf::from(value)),
            "--from" => options.from = Some(PathBuf::from(value)),
            "--out" => options.out = Some(PathBuf::from(value)),
            "--public-url" => {
                if !(value.starts_with('/') && value.ends_with('/')) {
                    return Err(TaskError(format!(
                        "--public-url {value}: give the path the app is served under, with slashes at both ends (/dossier/)"
                    )));
                }
                options.public_url = Some(value.clone());
            }
            "--count" => {
                let n = value
                    .parse()
                    .map_err(|_| TaskError(format!("--count {value}: not a number")))?;
                options.count = Some(n);
            }
            _ => return Err(TaskError(format!("unknown option {flag}\n{USAGE}"))),
        }
    }
    Ok(options)
}

/// The repository root (xtask lives one level below it).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn serve(corpus: Option<PathBuf>) -> Result {
    tools::ensure_build_tools()?;
    println!("Serving Dossier at http://127.0.0.1:8080 (Ctrl-C to stop)");
    cmd::trunk(&["serve", "--release"], corpus.as_deref()).run()
}

fn build(options: Options) -> Result {
    tools::ensure_build_tools()?;
    let dist = options.dist.unwrap_or_else(|| root().join("dist"));
    let public_url = options.public_url.as_deref().unwrap_or("/");
    cmd::trunk_build_under(options.corpus.as_deref(), &dist, public_url)
}
