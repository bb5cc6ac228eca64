//! The commands' options (`--corpus DIR`, `--dist DIR`, ..) and the usage line.

use crate::task::{Result, TaskError};
use std::path::PathBuf;

pub const USAGE: &str = "usage: cargo xtask <serve [--corpus DIR] | build [--corpus DIR] [--dist DIR] [--public-url PATH] | single-file [--corpus DIR | --dist DIR] [--out FILE] | audit [--corpus DIR | --dist DIR] | test | \
bench [--corpus DIR]... | bench search [--corpus DIR] [--queries FILE] | bench views [--corpus DIR] | bench workbench [--corpus DIR] | bench user-docs [--corpus DIR]... | corpus --from DIR [--from DIR]... --count N --out DIR | train-ner [--with-dev] | eval-ner | entities-bench [--corpus DIR] | imports | hostile-corpus | fuzz <target> [-- libFuzzer options] | corpus-data | worker-wasm>";

#[derive(Default)]
pub struct Options {
    pub corpus: Option<PathBuf>,
    pub corpora: Vec<PathBuf>,
    pub dist: Option<PathBuf>,
    pub queries: Option<PathBuf>,
    /// `corpus`'s sources, in the order given.
    pub from: Vec<PathBuf>,
    pub count: Option<usize>,
    pub out: Option<PathBuf>,
    pub public_url: Option<String>,
}

pub fn parse_options(args: &[String]) -> Result<Options> {
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
            "--from" => options.from.push(PathBuf::from(value)),
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
