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
//! - `bench [--corpus DIR]...`: wasm sizes, time to the painted list, build time; bytes and
//!   time to the list and to the first result on throttled links, beside Pagefind
//!   (seeds, BBC and Reuters-21578 by default)
//! - `bench search [--corpus DIR] [--queries FILE]`: the engine against MiniSearch,
//!   FlexSearch, Orama and Pagefind in headless Chromium (BBC corpus by default)
//! - `bench workbench [--corpus DIR]`: issue 22's targets for the reader's work (1,000
//!   corrections, 10,000 notes, 2,000 tagged documents) in headless Chromium (BBC by default)
//! - `bench user-docs [--corpus DIR]...`: adding 1 and 10 of your own documents in headless
//!   Chromium (seeds and BBC by default): time to the list, the page thread's longest task
//! - `corpus --from DIR --count N --out DIR`: a larger corpus generated from a real one
//! - `train-ner [--with-dev]`: train the entity tagger on `../shared/conll2003/` and write
//!   its model; with `--with-dev`, tune on the validation split, then train again on train
//!   and validation with the tuned choices (the shipped model)
//! - `eval-ner`: score the committed entity model, and the whole entity layer stage by stage,
//!   on CoNLL's validation split
//! - `imports`: the module import graph of every crate; fails on a circle
//! - `hostile-corpus`: write the end-to-end tests' hostile corpus to `target/e2e-hostile-corpus/`
//! - `fuzz <target> [-- libFuzzer options]`: seed and run a `cargo fuzz` target (nightly)
//! - `corpus-data`: ingest and analyse the corpus into `corpus-<hash>.bin` in Trunk's
//!   staging folder and name it in `index.html` (Trunk's `post_build` hook)
//! - `worker-wasm`: build the document worker's wasm into Trunk's staging folder (Trunk's
//!   `post_build` hook)
//! - `page-split`: cut the page's wasm into its first module and the parts the other views
//!   load on demand (Trunk's `post_build` hook)
//! - `entities-bench [--corpus DIR]`: time entity recognition and linking on a corpus (BBC
//!   by default) and count what it finds

mod app_cache;
mod audit;
mod bench;
mod browser_temp;
mod cmd;
mod corpus_data;
mod dist;
mod first_paint;
mod fuzz;
mod gen_corpus;
mod hostile;
mod imports;
mod link_bench;
mod ner;
mod ner_pipeline;
mod options;
mod page_split;
mod search_bench;
mod single_file;
mod task;
mod test;
mod tidy;
mod tool_paths;
mod tools;
mod user_docs_bench;
mod views_bench;
mod workbench_bench;
mod worker_wasm;

use std::path::PathBuf;
use std::process::ExitCode;

pub use options::{parse_options, Options, USAGE};
pub use task::{root, Result, TaskError};

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
        Some("imports") => imports::run(),
        Some("bench") if args.get(1).map(String::as_str) == Some("search") => {
            parse_options(&args[2..]).and_then(|o| search_bench::run(o.corpus, o.queries))
        }
        Some("bench") if args.get(1).map(String::as_str) == Some("views") => {
            parse_options(&args[2..]).and_then(|o| views_bench::run(o.corpus))
        }
        Some("bench") if args.get(1).map(String::as_str) == Some("workbench") => {
            parse_options(&args[2..]).and_then(|o| workbench_bench::run(o.corpus))
        }
        Some("bench") if args.get(1).map(String::as_str) == Some("user-docs") => {
            parse_options(&args[2..]).and_then(|o| user_docs_bench::run(o.corpora))
        }
        Some("bench") => parse_options(&args[1..]).and_then(|o| bench::run(o.corpora)),
        Some("corpus") => parse_options(&args[1..]).and_then(gen_corpus::run),
        Some("train-ner") => match args.get(1).map(String::as_str) {
            None => ner::train(false),
            Some("--with-dev") => ner::train(true),
            Some(_) => Err(TaskError(USAGE.to_owned())),
        },
        Some("eval-ner") => ner::eval(),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("hostile-corpus") => hostile::write_corpus().map(|dir| println!("{}", dir.display())),
        Some("worker-wasm") => worker_wasm::run(),
        Some("page-split") => page_split::run(),
        Some("corpus-data") => corpus_data::run(),
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

fn serve(corpus: Option<PathBuf>) -> Result {
    tools::ensure_build_tools()?;
    println!("Serving Dossier at http://127.0.0.1:8080 (Ctrl-C to stop)");
    cmd::trunk(&["serve", "--release"], corpus.as_deref()).run()
}

fn build(options: Options) -> Result {
    tools::ensure_build_tools()?;
    let dist = options.dist.unwrap_or_else(|| root().join("dist"));
    let public_url = options.public_url.as_deref().unwrap_or("/");
    app_cache::trunk_build_under(options.corpus.as_deref(), &dist, public_url)
}
